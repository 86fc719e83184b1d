"""Headless preview: an editor's unsaved content reaches the frontend through a
short-lived token; the token expires; internal information still needs the right."""

import re
import time

import pytest
from django.urls import reverse

from services.models import ServicePage
from tests.admin_forms import rich_text, service_form_data
from tests.api.gql import post, token_for

pytestmark = pytest.mark.django_db

PREVIEW = """query($t: String!) { servicePreview(token: $t) {
  title shortDescription lifecycle internal { referral } } }"""


def preview_token(login, page, **changes):
    """Preview as the admin does it: post the form, then open the "Frontend" mode."""
    client = login("helsinki-producer")
    url = reverse("wagtailadmin_pages:preview_on_edit", args=[page.pk])
    response = client.post(url, service_form_data(page, **changes))
    assert response.json()["is_valid"], response.json()
    response = client.get(url + "?mode=frontend")
    assert response.status_code == 200
    match = re.search(r"token=([^\"&]+)", response.content.decode())
    assert match, response.content.decode()[:500]
    from urllib.parse import unquote

    return unquote(match.group(1))


@pytest.fixture
def page(services):
    return services("helsinki")


def test_frontend_preview_shows_unsaved_content(login, page):
    token = preview_token(
        login,
        page,
        title="Esikatseltava otsikko",
        internal=[("referral", rich_text("<p>Esikatselun sisäinen ohje</p>"))],
    )
    # Nothing was saved.
    assert ServicePage.objects.get(pk=page.pk).title != "Esikatseltava otsikko"
    data = post(PREVIEW, {"t": token}).json()["data"]["servicePreview"]
    assert data["title"] == "Esikatseltava otsikko" and data["lifecycle"] == "draft"
    assert data["internal"] is None  # anonymous frontend: no internal information
    staff = post(PREVIEW, {"t": token}, token=token_for("helsinki-expert")).json()
    assert "Esikatselun sisäinen ohje" in staff["data"]["servicePreview"]["internal"]["referral"]


def test_preview_token_expires_and_cannot_be_forged(login, page, settings, monkeypatch):
    token = preview_token(login, page, title="Vanheneva esikatselu")
    real_time = time.time
    monkeypatch.setattr(
        "django.core.signing.time.time", lambda: real_time() + settings.PREVIEW_TOKEN_MAX_AGE + 5
    )
    body = post(PREVIEW, {"t": token}).json()
    assert body["errors"][0]["message"] == "The preview token has expired: preview again."
    assert "Vanheneva" not in str(body)
    monkeypatch.undo()
    for forged in (token[:-2] + "xx", f"id={page.pk}", ""):
        body = post(PREVIEW, {"t": forged}).json()
        assert body["errors"][0]["message"] == "Invalid preview token.", forged


def test_the_default_preview_is_still_the_service_card(login, page):
    client = login("helsinki-producer")
    url = reverse("wagtailadmin_pages:preview_on_edit", args=[page.pk])
    client.post(url, service_form_data(page, title="Kortin esikatselu"))
    response = client.get(url)
    assert response.status_code == 200 and "Kortin esikatselu" in response.content.decode()
