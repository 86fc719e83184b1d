"""The explorer's translation buttons: wagtail-localize's rules, one set of queries per listing."""

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation
from wagtail.models import Page
from wagtail_localize import wagtail_hooks as localize_hooks

from services.models import ServicePage
from translations import buttons as our_hooks
from translations.listing import CACHE_ATTRIBUTE

pytestmark = pytest.mark.django_db


def buttons(hook, page, user):
    setattr(user, CACHE_ATTRIBUTE, None)  # a fresh request
    with translation.override("en"):
        return [(str(b.label), b.url) for b in hook(page, user, next_url="/admin/pages/")]


@pytest.mark.parametrize("username", ["yllapito-maintainer", "raasepori-translator"])
def test_same_buttons_as_wagtail_localize_on_every_page(user, services, username):
    editor = user(username)
    service = services("helsinki")
    # an alias (translated through the page it mirrors) and a page in every locale
    folder = service.get_parent().get_siblings(inclusive=False).first()
    service.create_alias(parent=folder, update_slug=f"{service.slug}-alias")
    pages = list(Page.objects.exclude(depth=1).specific())
    assert any(p.alias_of_id for p in pages)
    seen = set()
    for page in pages:
        theirs = buttons(localize_hooks.page_listing_more_buttons, page, editor)
        ours = buttons(our_hooks.localize_listing_buttons, page, editor)
        assert ours == theirs, page
        seen.update(label for label, _url in ours)
    # The demo world exercises both buttons, so the comparison is not vacuous.
    assert seen == {"Translate this page", "Sync translated pages"}


def test_submit_button_only_on_translated_rows(user, services):
    translator = user("raasepori-translator")
    sv = ServicePage.objects.filter(locale__language_code="sv").order_by("pk").first()
    fi = ServicePage.objects.get(translation_key=sv.translation_key, locale__language_code="fi")
    with translation.override("en"):
        labels = {page: [str(b.label) for b in buttons_of(page, translator)] for page in (sv, fi)}
    assert "Submit translation for review" in labels[sv]
    assert "Submit translation for review" not in labels[fi]


def buttons_of(page, user):
    setattr(user, CACHE_ATTRIBUTE, None)
    return list(our_hooks.submit_translation_button(page, user))


def explore_queries(client, folder):
    url = reverse("wagtailadmin_explore", args=[folder.pk])
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    translation_queries = [
        q for q in ctx.captured_queries if "wagtail_localize" in q["sql"] or "_locale" in q["sql"]
    ]
    return len(ctx.captured_queries), len(translation_queries), response.content.decode()


@pytest.mark.parametrize(
    "username, language", [("yllapito-maintainer", "fi"), ("raasepori-translator", "sv")]
)
def test_explorer_queries_do_not_grow_with_rows(user, username, language):
    service = (
        ServicePage.objects.filter(
            locale__language_code=language, responsible_municipality__slug="raasepori"
        )
        .order_by("pk")
        .first()
    )
    folder = service.get_parent()
    client = Client()
    client.force_login(user(username))
    explore_queries(client, folder)  # warm caches (content types, locales)
    before, translation_before, html = explore_queries(client, folder)
    assert "Translate this page" in html or "Submit translation for review" in html
    rows = folder.get_children().count()
    for n in range(4):
        service.copy(to=folder, update_attrs={"slug": f"{service.slug}-copy-{n}"})
    after, translation_after, html = explore_queries(client, folder)
    assert folder.get_children().count() == rows + 4
    assert html.count(service.title) >= rows + 4  # the copies are listed
    assert translation_after == translation_before
    if username == "raasepori-translator":
        # Wagtail itself asks, for each row, whether a user without publish permission
        # may delete it (are there live pages under it): one query per row, not ours.
        assert after - before == 4 * 2
    else:
        assert after == before, f"{before} queries for {rows} rows, {after} for {rows + 4}"
