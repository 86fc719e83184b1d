"""No English left in the Finnish and Swedish admin (issue 17, "Everyone").

The sweep renders, for a demo user of each of the 7 roles and in Finnish and in Swedish, the
dashboard, every screen of the role's menu (whatever app added it) and the main screens of
the role's work (tests/test_admin_smoke.py's table), and fails on English left over
(tests/translations/leftover_english.py: untranslated messages of Django, Wagtail,
wagtail-localize and ours, and sentences of English words). A screen never rendered here is
not checked: add it to WORK_SCREENS.

The other tests pin the fixes that are not plain catalogue entries: the scripts' catalogues,
the generic "created" message, the listing count, the dates of translated segments and the
snippet choosers' texts.
"""

import datetime as dt
import json
import re

import polib
import pytest
from django.apps import apps
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext

import tests.test_admin_smoke as smoke
from cms.models import Membership
from tests.cms.test_admin_menus import admin_items
from tests.translations.leftover_english import content_texts, english_left

pytestmark = pytest.mark.django_db

LANGUAGES = ("fi", "sv")

# Beyond the menu: the screens of each role's daily work (names of smoke.SCREENS).
WORK_SCREENS = (
    "home",
    "account",
    "edit own service",
    "add service to own provider folder",
    "own service history",
    "own service card",
    "edit own membership",
    "add member",
    "translation editor",
    "add contact",
)


def screens_of(a) -> list[str]:
    w = smoke.world()
    urls = []
    for screen in smoke.SCREENS:
        if screen.name in WORK_SCREENS and screen.access.get(a.role):
            if screen.needs_swedish and not w.swedish:
                continue
            url = screen.url(w, a)
            urls.append(url if isinstance(url, str) else url[0])
    return urls


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("role", smoke.ROLES_UNDER_TEST, ids=lambda r: r.value)
def test_no_english_in_the_admin(role, language, client):
    a = smoke.actor(role)
    client.force_login(a.user)
    allowed = content_texts()
    urls = list(dict.fromkeys(screens_of(a) + list(admin_items(client).values())))
    problems = []
    for url in urls:
        response = client.get(url, HTTP_ACCEPT_LANGUAGE=language, follow=True)
        assert response.status_code == 200, f"{url}: {response.status_code}"
        if "text/html" not in response.get("Content-Type", ""):
            continue
        body = response.content.decode()
        assert f'lang="{language}"' in body, f"{url} is not in {language}"
        for text, msgid in english_left(body, language, allowed).items():
            source = f" (msgid {msgid!r})" if msgid else ""
            problems.append(f"{url}: {text[:150]!r}{source}")
    assert not problems, f"English in the {language} admin of {role.value}:\n" + "\n".join(problems)


def test_the_sweep_finds_english():
    """The check itself: an untranslated Wagtail message, one with a placeholder filled in,
    and a sentence of English words are found; Finnish and proper names are not."""
    body = (
        '<p>Autosave is paused</p><span title="Toggle section">x</span>'
        '<script type="application/json">{"a": "<b>Task submitted by</b> Maija"}</script>'
        "<p>Sort by 'Nimi' in ascending order.</p><p>Tallenna luonnos</p><p>Wagtail</p>"
    )
    with translation.override("en"):
        # The override's msgids as if our catalogue lacked them.
        found = english_left(body, "en")
    assert "Autosave is paused" in found
    assert "Toggle section" in found
    assert "Task submitted by" in found
    assert "Sort by 'Nimi' in ascending order." in found
    assert "Tallenna luonnos" not in found and "Wagtail" not in found


# --- The scripts' catalogues ------------------------------------------------------------------


def _script_msgids(app_label) -> set[str]:
    path = apps.get_app_config(app_label).path
    catalogue = polib.pofile(f"{path}/locale/en/LC_MESSAGES/djangojs.po")
    return {entry.msgid for entry in catalogue if not entry.obsolete and not entry.msgid_plural}


# Messages of the scripts that are the same in Finnish or Swedish, or names.
SCRIPT_ALLOWED = {"%(num)s min", "%(time_zone_option)s: %(localized_time_zone_label)s", "%s", ""}


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize(
    ("catalogue_url", "app_label"),
    [
        ("wagtailadmin_javascript_catalog", "wagtailadmin"),
        ("wagtail_localize:javascript_catalog", "wagtail_localize"),
    ],
)
def test_scripts_are_translated(catalogue_url, app_label, language, client, user):
    """Wagtail's and wagtail-localize's scripts: every message has a translation in the
    catalogue they load (theirs, then translations/locale/<language>/LC_MESSAGES/djangojs.po)."""
    client.force_login(user("helsinki-producer"))
    body = client.get(reverse(catalogue_url), HTTP_ACCEPT_LANGUAGE=language).content.decode()
    catalogue = json.loads(re.search(r"const newcatalog = (\{.*?\});", body, re.S).group(1))
    missing = sorted(_script_msgids(app_label) - SCRIPT_ALLOWED - set(catalogue))
    assert not missing, f"untranslated in {language}: {missing}"


# --- Wrong Finnish ------------------------------------------------------------------------------


def test_created_message_is_natural_finnish_and_swedish():
    """Wagtail's generic "Model %(model_name)s … created" ("Mallin jäsenyys … luotu")."""
    name = Membership._meta.verbose_name
    for language, expected in (("fi", "Jäsenyys 'X' luotu."), ("sv", "'X' har skapats.")):
        with translation.override(language):
            text = gettext("%(model_name)s '%(object)s' created.") % {
                "model_name": str(name).capitalize(),
                "object": "X",
            }
        assert text.endswith(expected), text
        assert "Mallin" not in text


@pytest.mark.parametrize(
    ("language", "count", "expected"),
    [
        ("fi", 3, "Jäsenyydet: 3"),
        ("fi", 1, "1 jäsenyys"),
        ("sv", 3, "3 medlemskap"),
        ("en", 3, "3 memberships"),
    ],
)
def test_listing_count_is_a_plural_message(language, count, expected, rf):
    """Wagtail's listing count is "{count} {verbose_name_plural}" ("3 jäsenyydet");
    cms/templates/wagtailadmin/shared/pagination_nav.html makes it a plural message."""
    from wagtail.admin.paginator import WagtailPaginator

    members = list(Membership.objects.order_by("pk")[:count])
    assert len(members) == count

    class Listing(list):
        model = Membership

    page = WagtailPaginator(Listing(members), per_page=1).page(1)
    with translation.override(language):
        html = render_to_string(
            "wagtailadmin/shared/pagination_nav.html",
            {"items": page, "linkurl": "/admin/", "request": rf.get("/admin/")},
        )
    end = re.search(r'<div class="pagination__end">(.*?)</div>', html, re.S).group(1)
    assert " ".join(end.split()) == expected


# --- wagtail-localize ---------------------------------------------------------------------------


def test_translated_segment_dates_in_the_admins_language():
    """The note of a translated segment ("Manuellt översatt på 1 December 2026"): its date
    in the admin language's format."""
    from wagtail_localize.models import StringTranslation

    segment = StringTranslation(
        translation_type=StringTranslation.TRANSLATION_TYPE_MANUAL,
        updated_at=timezone.make_aware(dt.datetime(2026, 12, 1, 12, 0)),
    )
    with translation.override("sv"):
        assert segment.get_comment() == "Översatt manuellt den 1 december 2026"
    with translation.override("fi"):
        assert segment.get_comment() == "Käännetty käsin 1. joulukuuta 2026"
    segment.translation_type = StringTranslation.TRANSLATION_TYPE_MACHINE
    with translation.override("fi"):
        assert segment.get_comment() == "Konekäännetty 1. joulukuuta 2026"


def test_translation_editor_heading_is_translated(client, user):
    """wagtail-localize's "Suomi to Svenska translation" is replaced by our heading."""
    w = smoke.world()
    if not w.swedish:
        pytest.skip("the demo world has no Swedish translation")
    client.force_login(user("yllapito-translator"))
    url = reverse("wagtailadmin_pages:edit", args=[w.swedish])
    for language, heading in (("fi", "Käännös: %(source)s"), ("sv", "Översättning: %(source)s")):
        body = client.get(url, HTTP_ACCEPT_LANGUAGE=language).content.decode()
        assert "translations/editor-heading" in body
        assert f'data-heading="{heading}' in body


def test_snippet_chooser_texts_follow_the_request_language():
    """Wagtail formats "Edit this %(object)s" when the form is defined (in English)."""
    from wagtail.snippets.widgets import AdminSnippetChooser

    from services.models import Municipality

    with translation.override("en"):
        widget = AdminSnippetChooser(Municipality)
    with translation.override("fi"):
        assert str(widget.link_to_chosen_text).startswith("Muokkaa")
    with translation.override("sv"):
        assert str(widget.link_to_chosen_text).startswith("Redigera")
