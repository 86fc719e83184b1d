"""Previews (frontend/views/service.py `preview`, ServicePage.serve_preview): a service has
one rendering, so Wagtail's previews are the frontend's service page of the unsaved content,
with the internal instructions for municipal users only; the frontend's /preview/ address
refuses a missing, forged or expired token with a page that says so."""

import pytest
from django.urls import reverse

from services.models import ServicePage
from tests.admin_forms import rich_text, service_form_data

pytestmark = pytest.mark.django_db

UNSAVED_TITLE = "ZQX esikatseltava otsikko"
UNSAVED_REFERRAL = "ZQX-ESIKATSELU: ohjaa lähetteellä"


def own_service(producer="helsinki-producer"):
    return (
        ServicePage.objects.live()
        .filter(responsible_municipality__slug="helsinki", locale__language_code="fi")
        .order_by("pk")
        .first()
    )


def unsaved_token(page):
    page.title = UNSAVED_TITLE
    page.internal = [("referral", f"<p>{UNSAVED_REFERRAL}</p>")]
    return page.create_page_preview().token


@pytest.mark.parametrize(
    "username, sees_internal",
    [("helsinki-producer", True), ("espoo-expert", True), (None, False)],
)
def test_the_frontend_preview_shows_unsaved_content(client, user, username, sees_internal):
    page = own_service()
    token = unsaved_token(page)
    if username:
        client.force_login(user(username))
    response = client.get(reverse("frontend:preview"), {"token": token})
    body = response.content.decode()
    assert response.status_code == 200
    assert UNSAVED_TITLE in body and 'name="robots" content="noindex"' in body
    assert (UNSAVED_REFERRAL in body) is sees_internal
    assert "no-store" in response["Cache-Control"] or "no-cache" in response["Cache-Control"]
    assert response["X-Frame-Options"] == "SAMEORIGIN"
    # The client's view of a preview: never the internal instructions.
    client_view = client.get(reverse("frontend:preview"), {"token": token, "view": "client"})
    assert UNSAVED_TITLE in client_view.content.decode()
    assert UNSAVED_REFERRAL not in client_view.content.decode()


def test_a_provider_user_previews_without_internal_information(client, user):
    page = own_service()
    token = unsaved_token(page)
    client.force_login(user(f"{page.provider.slug}-editor"))
    body = client.get(reverse("frontend:preview"), {"token": token}).content.decode()
    assert UNSAVED_TITLE in body and UNSAVED_REFERRAL not in body


@pytest.mark.parametrize(
    "token", ["", "id=1:1abc:forged", "x" * 300, "id=999999999:AAAAAA:BBBBBBBBBBBBBBBBBBBBBBB"]
)
def test_a_missing_or_forged_token_is_a_400_page(client, token):
    response = client.get(reverse("frontend:preview"), {"token": token})
    assert response.status_code == 400
    assert "<html" in response.content.decode()  # the site's page, saying why


def test_an_expired_token_is_a_400_page(client, settings):
    token = unsaved_token(own_service())
    settings.PREVIEW_TOKEN_MAX_AGE = -1
    assert client.get(reverse("frontend:preview"), {"token": token}).status_code == 400


def test_the_admin_preview_is_the_frontend_rendering(client, user):
    """Wagtail's live preview panel: the posted form rendered by the frontend's page."""
    page = own_service()
    client.force_login(user("helsinki-producer"))
    url = reverse("wagtailadmin_pages:preview_on_edit", args=[page.pk])
    form = service_form_data(
        ServicePage.objects.get(pk=page.pk),
        title=UNSAVED_TITLE,
        internal=[("referral", rich_text(f"<p>{UNSAVED_REFERRAL}</p>"))],
    )
    posted = client.post(url, form)
    assert posted.status_code == 200 and posted.json()["is_valid"], posted.content[:500]
    response = client.get(url)
    body = response.content.decode()
    assert response.status_code == 200
    assert UNSAVED_TITLE in body and UNSAVED_REFERRAL in body
    assert 'class="site-header"' in body and 'class="svc svc-page"' in body
    # Nothing was saved.
    assert ServicePage.objects.get(pk=page.pk).title != UNSAVED_TITLE


def test_a_swedish_service_previews_in_swedish(client, user):
    page = ServicePage.objects.live().filter(locale__language_code="sv").order_by("pk").first()
    client.force_login(user("yllapito-maintainer"))
    response = client.get(reverse("wagtailadmin_pages:view_draft", args=[page.pk]))
    body = response.content.decode()
    assert response.status_code == 200
    assert '<html lang="sv">' in body and page.title in body
