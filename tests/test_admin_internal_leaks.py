"""internal information through Wagtail's admin screens, for a provider editor
(no services.view_internal)."""

import pytest
from django.urls import reverse

from services.models import ServicePage
from tests.clients import client_for

pytestmark = pytest.mark.django_db

SENTINEL = "ZQXJ-ADMIN-SISAINEN-1188"


@pytest.fixture
def page(user):
    page = (
        ServicePage.objects.live()
        .filter(locale__language_code="fi", responsible_municipality__slug="helsinki")
        .order_by("pk")
        .first()
    )
    editor = user(f"{page.provider.slug}-editor")
    assert page.permissions_for_user(editor).can_edit()
    assert not editor.has_perm("services.view_internal")
    producer = None
    first = page.save_revision(user=producer)
    first.publish()
    page = ServicePage.objects.get(pk=page.pk)
    page.internal = [{"type": "referral", "value": f"<p>{SENTINEL}</p>"}]
    second = page.save_revision(user=producer)
    second.publish()
    page = ServicePage.objects.get(pk=page.pk)
    page.short_description = "Review3 muutos"
    third = page.save_revision(user=producer)
    return page, first, second, third


def test_compare_revisions_hides_internal(page, user):
    page, first, second, third = page
    editor = client_for(user(f"{page.provider.slug}-editor"))
    url = reverse("wagtailadmin_pages:revisions_compare", args=[page.pk, first.pk, second.pk])
    response = editor.get(url)
    assert response.status_code in (200, 302, 403)
    assert SENTINEL not in response.content.decode()


def test_compare_live_to_latest_hides_internal(page, user):
    page, first, second, third = page
    editor = client_for(user(f"{page.provider.slug}-editor"))
    url = reverse("wagtailadmin_pages:revisions_compare", args=[page.pk, first.pk, "latest"])
    response = editor.get(url)
    assert SENTINEL not in response.content.decode()


def test_revision_view_hides_internal(page, user):
    page, first, second, third = page
    editor = client_for(user(f"{page.provider.slug}-editor"))
    for rev in (second, third):
        url = reverse("wagtailadmin_pages:revisions_view", args=[page.pk, rev.pk])
        response = editor.get(url)
        assert SENTINEL not in response.content.decode()


def test_preview_modes_hide_internal(page, user):
    page, first, second, third = page
    editor = client_for(user(f"{page.provider.slug}-editor"))
    for mode in ("", "frontend"):
        url = reverse("wagtailadmin_pages:view_draft", args=[page.pk])
        response = editor.get(url, {"mode": mode} if mode else {})
        body = response.content.decode()
        assert SENTINEL not in body, (mode, response.status_code)


def test_edit_view_hides_internal(page, user):
    page, first, second, third = page
    editor = client_for(user(f"{page.provider.slug}-editor"))
    response = editor.get(reverse("wagtailadmin_pages:edit", args=[page.pk]))
    assert response.status_code == 200
    assert SENTINEL not in response.content.decode()


def test_history_hides_internal(page, user):
    page, first, second, third = page
    editor = client_for(user(f"{page.provider.slug}-editor"))
    response = editor.get(reverse("wagtailadmin_pages:history", args=[page.pk]))
    assert SENTINEL not in response.content.decode()
