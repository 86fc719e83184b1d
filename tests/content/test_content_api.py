"""Content pages in GraphQL: the list and one page, kinds and placement, locales with the
Finnish fallback, live public pages only (drafts, view-restricted pages and translations of a
private Finnish source never come back), rich text with only the links the caller may open,
bad input, a constant number of queries, and the frontend's documents (graphql/queries/).

The demo world (tests/conftest.py) has the demo's content pages (content/demo.py): help
(Finnish, Swedish, English), a provider help page, about and the accessibility statement,
two news items (one in Finnish only) and a bulletin, and a privacy notice for each of the
five partners (Finnish and Swedish).
"""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Locale, PageViewRestriction

from content.models import ContentIndexPage, ContentPage
from tests.api.gql import gql, post, query_file
from translations.localize import translate

pytestmark = pytest.mark.django_db

PARTNERS = {"helsinki", "espoo", "vantaa", "kerava", "raasepori"}

LIST = """
query($locale: LocaleCode, $fallback: Boolean, $kind: [ContentKind!], $inMenu: Boolean,
      $inFooter: Boolean, $orderBy: ContentOrder, $organisation: String, $limit: Int,
      $offset: Int) {
  contentPages(locale: $locale, fallback: $fallback, kind: $kind, inMenu: $inMenu,
               inFooter: $inFooter, orderBy: $orderBy, organisation: $organisation,
               limit: $limit, offset: $offset) {
    totalCount limit offset
    items {
      id slug title locale isFallback kind kindLabel summary date showInMenu showInFooter
      organisation { slug name }
      body {
        __typename
        ... on HeadingBlock { text }
        ... on ParagraphBlock { html }
        ... on NoticeBlock { kind html }
      }
      translations { locale slug }
    }
  }
}
"""
ONE = """
query($id: ID, $slug: String, $locale: LocaleCode, $fallback: Boolean) {
  contentPage(id: $id, slug: $slug, locale: $locale, fallback: $fallback) {
    id slug title locale isFallback kind summary
    body { ... on ParagraphBlock { html } ... on HeadingBlock { text } }
  }
}
"""


def pages(**variables):
    return gql(LIST, {"limit": 100, **variables})["contentPages"]


def finnish(slug) -> ContentPage:
    return ContentPage.objects.get(slug=slug, locale__language_code="fi")


def errors_of(query, variables):
    body = post(query, variables).json()
    return [(e["message"], e["extensions"]["code"]) for e in body.get("errors", [])]


# --- The list ------------------------------------------------------------------------------------
def test_finnish_list_by_kind_then_title():
    data = pages(locale="fi")
    kinds = [item["kind"] for item in data["items"]]
    assert data["totalCount"] == len(kinds) == 12
    order = ["help", "news", "bulletin", "about", "accessibility", "privacy"]
    assert kinds == sorted(kinds, key=order.index)
    assert kinds.count("privacy") == 5 and kinds.count("news") == 2
    assert all(item["locale"] == "fi" and not item["isFallback"] for item in data["items"])
    help_titles = [i["title"] for i in data["items"] if i["kind"] == "help"]
    assert help_titles == sorted(help_titles)


def test_privacy_notices_one_per_partner_with_its_organisation_in_the_locale():
    data = pages(locale="sv", kind=["privacy"])
    assert {item["organisation"]["slug"] for item in data["items"]} == PARTNERS
    helsinki = next(i for i in data["items"] if i["organisation"]["slug"] == "helsinki")
    assert helsinki["organisation"]["name"] == "Helsingfors"
    assert helsinki["title"] == "Dataskyddsbeskrivning – Helsingfors stad"
    assert helsinki["slug"] == "dataskyddsbeskrivning-helsingfors"
    assert not helsinki["isFallback"] and helsinki["showInFooter"]
    assert {t["locale"] for t in helsinki["translations"]} == {"fi", "sv"}
    only_espoo = pages(locale="fi", kind=["privacy"], organisation="espoo")
    assert [i["organisation"]["slug"] for i in only_espoo["items"]] == ["espoo"]
    assert all(i["organisation"] is None for i in pages(kind=["help", "about"])["items"])


def test_menu_and_footer_placement():
    menu = pages(locale="fi", inMenu=True)["items"]
    assert [(i["kind"], i["slug"]) for i in menu] == [("help", "ohje")]
    footer = pages(locale="fi", inFooter=True)["items"]
    assert {i["kind"] for i in footer} == {"help", "about", "accessibility", "privacy"}
    assert all(i["showInFooter"] for i in footer)
    not_in_footer = pages(locale="fi", inFooter=False)["items"]
    assert {i["kind"] for i in not_in_footer} == {"news", "bulletin"}


def test_news_newest_first():
    items = pages(locale="fi", kind=["news", "bulletin"], orderBy="NEWEST")["items"]
    dates = [i["date"] for i in items]
    assert len(items) == 3 and dates == sorted(dates, reverse=True)
    assert items[0]["slug"] == "palveluluettelo-avautui"
    assert items[1]["kind"] == "bulletin"


def test_swedish_with_the_finnish_fallback():
    items = pages(locale="sv", kind=["news", "bulletin"], orderBy="NEWEST")["items"]
    by_slug = {i["slug"]: i for i in items}
    fallback = by_slug["uusien-palveluntuottajien-perehdytys"]
    assert fallback["isFallback"] and fallback["locale"] == "fi"
    translated = by_slug["tjanstekatalogen-har-oppnats"]
    assert not translated["isFallback"] and translated["locale"] == "sv"
    assert translated["title"].startswith("Tjänstekatalogen har öppnats")
    without = pages(locale="sv", kind=["news", "bulletin"], fallback=False)["items"]
    assert "uusien-palveluntuottajien-perehdytys" not in {i["slug"] for i in without}
    assert len(without) == 2


def test_english_privacy_notices_fall_back_to_finnish():
    items = pages(locale="en", kind=["privacy"])["items"]
    assert len(items) == 5 and all(i["isFallback"] and i["locale"] == "fi" for i in items)
    assert {i["organisation"]["name"] for i in items} >= {"Helsinki", "Raseborg"}
    help_page = pages(locale="en", kind=["help"], inMenu=True)["items"][0]
    assert help_page["title"] == "How to use the Service Manual" and not help_page["isFallback"]


def test_kind_label_follows_the_locale():
    item = pages(locale="en", kind=["accessibility"])["items"][0]
    assert item["kindLabel"] == "Accessibility statement"


def test_body_blocks():
    item = pages(locale="fi", kind=["accessibility"])["items"][0]
    types = {block["__typename"] for block in item["body"]}
    assert types == {"HeadingBlock", "ParagraphBlock"}
    html = " ".join(b.get("html", "") for b in item["body"])
    assert "306/2019" in html and "Traficom" in html and "<li>" in html
    bulletin = pages(locale="fi", kind=["bulletin"])["items"][0]
    notice = next(b for b in bulletin["body"] if b["__typename"] == "NoticeBlock")
    assert notice["kind"] == "warning" and notice["html"].startswith("<p>")


def test_paging():
    first = pages(locale="fi", limit=5)
    second = pages(locale="fi", limit=5, offset=5)
    assert first["totalCount"] == second["totalCount"] == 12
    ids = [i["id"] for i in first["items"] + second["items"]]
    assert len(set(ids)) == 10


# --- One page ------------------------------------------------------------------------------------
def test_one_page_by_slug_and_id():
    page = finnish("saavutettavuusseloste")
    by_slug = gql(ONE, {"slug": "saavutettavuusseloste"})["contentPage"]
    assert by_slug["id"] == str(page.pk) and by_slug["kind"] == "accessibility"
    by_id = gql(ONE, {"id": str(page.pk)})["contentPage"]
    assert by_id == by_slug
    # The Finnish slug in Swedish gives the Swedish translation, and the Swedish slug too.
    sv = gql(ONE, {"slug": "saavutettavuusseloste", "locale": "sv"})["contentPage"]
    assert sv["title"] == "Tillgänglighetsutlåtande" and not sv["isFallback"]
    assert gql(ONE, {"slug": "tillganglighetsutlatande", "locale": "sv"})["contentPage"] == sv
    # Not translated: Finnish with isFallback, or nothing without the fallback.
    fallback = gql(ONE, {"slug": "tietosuojaseloste-espoo", "locale": "en"})["contentPage"]
    assert fallback["isFallback"] and fallback["locale"] == "fi"
    assert (
        gql(ONE, {"slug": "tietosuojaseloste-espoo", "locale": "en", "fallback": False})[
            "contentPage"
        ]
        is None
    )
    assert gql(ONE, {"slug": "ei-ole-olemassa"})["contentPage"] is None
    assert gql(ONE, {"id": "999999999"})["contentPage"] is None


def test_bad_input():
    assert errors_of(ONE, {"id": "1", "slug": "ohje"})[0][1] == "BAD_USER_INPUT"
    assert errors_of(ONE, {})[0][1] == "BAD_USER_INPUT"
    assert errors_of(ONE, {"id": "abc"})[0][1] == "BAD_USER_INPUT"
    assert errors_of(LIST, {"limit": 0})[0][1] == "BAD_USER_INPUT"
    assert errors_of(LIST, {"limit": 101})[0][1] == "BAD_USER_INPUT"
    assert errors_of(LIST, {"kind": []})[0][1] == "BAD_USER_INPUT"
    assert errors_of(LIST, {"kind": ["secret"]})  # not a ContentKind: refused by validation


# --- Only live, public pages ---------------------------------------------------------------------
SECRET = "ZQXJ-SISALTO-4471"


def add_page(title, *, publish=True, **fields):
    index = ContentIndexPage.objects.get(locale__language_code="fi")
    fields.setdefault("kind", "help")
    fields.setdefault("show_in_menus", True)
    fields.setdefault("show_in_footer", True)
    fields.setdefault("body", [{"type": "paragraph", "value": f"<p>{SECRET}</p>"}])
    page = index.add_child(
        instance=ContentPage(
            title=title,
            locale=index.locale,
            live=publish,
            summary=SECRET,
            **fields,
        )
    )
    revision = page.save_revision()
    if publish:
        revision.publish()
    return ContentPage.objects.get(pk=page.pk)


def test_drafts_and_private_pages_never_come_back():
    draft = add_page("Luonnos", publish=False)
    private = add_page("Yksityinen")
    PageViewRestriction.objects.create(page=private, restriction_type="login")
    # A draft revision of a live page is not served either.
    live = finnish("ohje")
    live.summary = SECRET
    live.save_revision()
    for locale in ("fi", "sv", "en"):
        for variables in ({}, {"inMenu": True}, {"inFooter": True}, {"kind": ["help"]}):
            body = post(LIST, {"locale": locale, "limit": 100, **variables}).content.decode()
            assert SECRET not in body
    for page in (draft, private):
        assert gql(ONE, {"id": str(page.pk)})["contentPage"] is None
        assert gql(ONE, {"slug": page.slug})["contentPage"] is None


def test_a_private_finnish_source_hides_its_translation():
    page = add_page("Yksityinen lähde")
    sv = translate(page, Locale.objects.get(language_code="sv"), {}, publish=False)
    sv.get_latest_revision().publish()
    assert gql(ONE, {"id": str(sv.pk), "locale": "sv"})["contentPage"]["locale"] == "sv"
    PageViewRestriction.objects.create(page=page, restriction_type="login")
    assert gql(ONE, {"id": str(sv.pk), "locale": "sv"})["contentPage"] is None
    assert SECRET not in post(LIST, {"locale": "sv", "limit": 100}).content.decode()


def test_rich_text_links_only_to_what_the_caller_may_open():
    private = add_page("Yksityinen kohde")
    PageViewRestriction.objects.create(page=private, restriction_type="login")
    public = finnish("ohje")
    page = add_page(
        "Linkit",
        body=[
            {
                "type": "paragraph",
                "value": f'<p><a linktype="page" id="{private.pk}">salainen</a> ja '
                f'<a linktype="page" id="{public.pk}">ohje</a></p>',
            }
        ],
    )
    html = gql(ONE, {"id": str(page.pk)})["contentPage"]["body"][0]["html"]
    assert "<a>salainen</a>" in html
    assert f'data-page-id="{public.pk}"' in html
    assert private.slug not in html


# --- Cost ----------------------------------------------------------------------------------------
def test_a_list_costs_the_same_whatever_its_length():
    def count(limit):
        with CaptureQueriesContext(connection) as queries:
            pages(locale="sv", limit=limit)
        return len(queries)

    count(1)  # warm the per-process caches (content types, locales)
    assert count(2) == count(12)


# --- The frontend's documents --------------------------------------------------------------------
def test_the_documents_of_graphql_queries():
    page = gql(query_file("content-page"), {"slug": "ohje", "locale": "sv"})["contentPage"]
    assert page["title"] == "Så använder du Servicemanualen" and page["body"]
    menu = gql(query_file("site-menu"), {"locale": "fi"})
    assert [i["slug"] for i in menu["menu"]["items"]] == ["ohje"]
    assert {i["kind"] for i in menu["footer"]["items"]} == {
        "help",
        "about",
        "accessibility",
        "privacy",
    }
    news = gql(
        query_file("content-pages"),
        {"locale": "fi", "kind": ["news", "bulletin"], "orderBy": "NEWEST", "limit": 10},
    )["contentPages"]
    assert news["totalCount"] == 3
