"""`services(search:)` through /graphql/: the search engine in the reader's locale, the
`suggestion` field, and bad input (a clear error or an empty result, never a 500)."""

import pytest

from search import analysis
from tests.api.gql import gql, post

pytestmark = pytest.mark.django_db

QUERY = """query($text: String!, $locale: LocaleCode!) {
  services(search: $text, locale: $locale, limit: 100) {
    totalCount suggestion items { id title isFallback locale } } }"""

needs_voikko = pytest.mark.skipif(
    not analysis.voikko_available(), reason="Finnish base forms need Voikko"
)


def search(text, locale="fi"):
    return gql(QUERY, {"text": text, "locale": locale})["services"]


def error(text, locale="fi"):
    body = post(QUERY, {"text": text, "locale": locale}).json()
    assert body.get("errors"), body
    return body["errors"][0]


@needs_voikko
def test_an_inflected_word_finds_the_service_first():
    found = search("kesätyöseteliä")
    assert found["items"][0]["title"] == "Kesätyöseteli"
    assert found["suggestion"] is None


@needs_voikko
def test_a_typo_finds_the_service_and_suggests_the_spelling():
    found = search("oppisopimsu")
    assert found["items"][0]["title"].startswith("Oppisopimus")
    assert found["suggestion"] == "oppisopimus"
    # the other words of the text stay as typed
    assert search("oppisopimsu nuorille")["suggestion"] == "oppisopimus nuorille"


def test_a_search_with_many_hits_has_no_suggestion():
    found = search("työ")
    assert found["totalCount"] >= 3 and found["suggestion"] is None


def test_a_list_without_search_has_no_suggestion():
    data = gql("{ services { totalCount suggestion } }")["services"]
    assert data["suggestion"] is None and data["totalCount"] > 0


@pytest.mark.parametrize("locale", ["fi", "sv", "en"])
def test_the_ranked_page_and_the_count_agree_with_the_filtered_list(locale):
    """Ranked by relevance without filters, the list is the engine's ids (the index holds
    what the list shows); in another order it is counted and ordered by the database."""
    ranked = search("työ valmennus", locale)
    query = """query($text: String!, $locale: LocaleCode!) {
      services(search: $text, locale: $locale, limit: 100, orderBy: TITLE) {
        totalCount items { id } } }"""
    by_title = gql(query, {"text": "työ valmennus", "locale": locale})["services"]
    assert ranked["totalCount"] == by_title["totalCount"] > 3
    assert {i["id"] for i in ranked["items"]} == {i["id"] for i in by_title["items"]}
    paged = []
    for offset in (0, 2, 4):
        page = gql(
            """query($text: String!, $locale: LocaleCode!, $offset: Int!) {
              services(search: $text, locale: $locale, limit: 2, offset: $offset) {
                totalCount offset items { id } } }""",
            {"text": "työ valmennus", "locale": locale, "offset": offset},
        )["services"]
        assert page["offset"] == offset and page["totalCount"] == ranked["totalCount"]
        paged += [i["id"] for i in page["items"]]
    assert paged == [i["id"] for i in ranked["items"]][:6]


def test_the_locale_decides_the_documents():
    english = search("work trial", "en")
    titles = [item["title"] for item in english["items"]]
    assert titles[0] == "Work ability assessment through a work trial"
    assert not english["items"][0]["isFallback"]


@needs_voikko
def test_a_swedish_reader_finds_finnish_only_services_as_fallbacks():
    found = search("kesätyöseteli", "sv")
    first = found["items"][0]
    assert first["title"] == "Kesätyöseteli" and first["isFallback"] and first["locale"] == "fi"


@pytest.mark.parametrize("text", ["   ", "\t", "\u3000"])
def test_a_search_of_spaces_is_refused(text):
    problem = error(text)
    assert problem["extensions"]["code"] == "BAD_USER_INPUT"
    assert problem["extensions"]["field"] == "search"


def test_an_empty_search_is_the_list_without_search():
    listing = gql("{ services(limit: 100) { totalCount items { id } } }")["services"]
    found = search("")
    assert found["totalCount"] == listing["totalCount"] > 0
    assert found["suggestion"] is None


def test_a_search_over_200_characters_is_refused():
    assert search("työ " * 50)["totalCount"] >= 0  # exactly 200 with the spaces stripped
    problem = error("a" * 201)
    assert problem["extensions"]["code"] == "BAD_USER_INPUT"
    assert "200" in problem["message"]


@pytest.mark.parametrize(
    "text", ["työ\x00kokeilu", "työ\nkokeilu", "\x1b[2J", "työ\x7f", "työ\x85työ"]
)
def test_control_characters_are_refused(text):
    problem = error(text)
    assert problem["extensions"]["code"] == "BAD_USER_INPUT"
    assert "control" in problem["message"]


@pytest.mark.parametrize("text", ["?!", "...", "-", "a", "ä", "ja", "&&", "💼", "— –"])
def test_no_searchable_word_finds_nothing_without_an_error(text):
    found = search(text)
    assert found == {"totalCount": 0, "suggestion": None, "items": []}


@needs_voikko
def test_mixed_scripts_are_words_like_any_other():
    plain = search("kesätyöseteli")
    mixed = search("kesätyöseteli Москва 東京")
    assert mixed["items"][0]["title"] == "Kesätyöseteli"
    assert {i["id"] for i in plain["items"]} <= {i["id"] for i in mixed["items"]}
    assert search("Москва")["totalCount"] == 0


@pytest.mark.parametrize(
    "text",
    [
        "a" * 200,
        "ö" * 200,
        "työ" * 66,
        "x" * 60 + " " + "y" * 61,
        "1 2 3 4 5 6 7 8 9 10 11 12 13 14 15",
        "ＴＹÖＫＯＫＥＩＬＵ",
        "ﬁ ﬂ ǅ",
        "\u200b\u200d",
        "\ud7ff",
        "työ" + "\u0301" * 50,
    ],
)
def test_odd_input_never_fails(text):
    response = post(QUERY, {"text": text, "locale": "fi"})
    assert response.status_code == 200
    body = response.json()
    codes = {e["extensions"]["code"] for e in body.get("errors", [])}
    assert codes <= {"BAD_USER_INPUT"}, body
