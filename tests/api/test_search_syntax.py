"""Search text is a plain query, never search-engine syntax: every operator and special
character of SQLite's FTS5 and PostgreSQL's tsquery, alone or next to words, is just
text. No internal error (the review's `services(search: "\"")` was "unterminated
string" in SQLite), and characters that are not part of a word do not change the hits.
"""

import collections

import pytest

from services.models import ServicePage
from tests.api.gql import post
from tests.clients import client_for

pytestmark = pytest.mark.django_db

QUERY = """query($text: String!) {
  services(search: $text, locale: fi, limit: 100) { totalCount items { id } } }"""
LITERAL = "{ services(search: %s, locale: fi, limit: 100) { totalCount items { id } } }"

# SQLite FTS5: strings, prefix, initial token, column filters, grouping, NEAR, boolean
# operators. PostgreSQL tsquery: & | ! <-> <N> ( ) : * weights, quotes and backslash.
FTS5 = ['"', "*", "^", ":", "(", ")", "{", "}", "+", "-", ",", "."]
TSQUERY = ["&", "|", "!", "<->", "<", ">", "'", "\\", ":*", "''", "\\'"]
SPECIALS = FTS5 + TSQUERY + ['""', '"*"', "()", "{}", "*:", "!(", "-(", "'\\''", "%", "_", "?"]
# Operators spelt with letters or digits: plain words once they are text.
KEYWORDS = ["NEAR", "AND", "OR", "NOT", "and", "or", "not", "NEAR(", "NEAR/2", "<2>", ":A", ":*AB"]
# Whole expressions an engine would interpret.
EXPRESSIONS = [
    '"unterminated',
    'a"b',
    "title:",
    "{title}:",
    "title:x",
    "-title:x",
    "{title search_content}: x",
    "NEAR(a b, 2)",
    "a AND NOT b",
    "a OR b",
    "^a",
    "a*",
    "a & !b",
    "a <-> b",
    "(a | b) & c",
    "a:*",
    "'a' & 'b'",
    "a\\",
    "\\\\",
    "!!",
    "&&||",
]


def word():
    """A word several published Finnish titles share, so hits can be compared."""
    titles = ServicePage.objects.live().filter(locale__language_code="fi").values_list("title")
    words = collections.Counter(w.lower() for (t,) in titles for w in t.split() if w.isalpha())
    candidates = [w for w, n in words.most_common() if len(w) > 5 and n >= 2]
    assert candidates
    return candidates[0]


def search(text):
    response = post(QUERY, {"text": text})
    body = response.json()
    assert response.status_code == 200, body
    assert "errors" not in body, (text, body)
    data = body["data"]["services"]
    return data["totalCount"], [item["id"] for item in data["items"]]


@pytest.mark.parametrize("text", SPECIALS + KEYWORDS + EXPRESSIONS)
def test_engine_syntax_alone_is_plain_text(text):
    from cms.search import plain_text

    words = plain_text(text)
    # The engine sees only the words: the same hits as those words typed alone, none without.
    assert search(text) == (search(words) if words else (0, []))


@pytest.mark.parametrize("text", SPECIALS + KEYWORDS + EXPRESSIONS)
def test_engine_syntax_as_a_literal_argument(text):
    import json

    response = post(LITERAL % json.dumps(text))
    assert response.status_code == 200, response.content
    assert "errors" not in response.json(), (text, response.json())


@pytest.mark.parametrize("special", SPECIALS)
def test_special_characters_next_to_a_word_do_not_change_the_hits(special):
    term = word()
    expected = search(term)
    assert expected[0] >= 2
    for text in (
        f"{term}{special}",
        f"{special}{term}",
        f"{special}{term}{special}",
        f"{term} {special}",
        f"{special} {term}",
        f"{special} {term} {special}",
    ):
        assert search(text) == expected, text


def test_the_reviews_quote_after_a_word():
    term = word()
    assert search(f'{term}"') == search(term)
    assert search('"') == (0, [])


@pytest.mark.parametrize("keyword", KEYWORDS)
def test_keywords_next_to_a_word_are_plain_words(keyword):
    from cms.search import plain_text

    term = word()
    alone = search(term)
    # An operator word is one more plain word, never an operator. Any word of a search may
    # match (issue 13), so it can only add the hits of its own words (a digit of "NEAR/2"
    # is a word), never take away those of the word beside it; its place does not matter.
    beside = search(f"{term} {keyword}")
    assert beside == search(plain_text(f"{term} {keyword}"))
    assert set(alone[1]) <= set(beside[1]) and alone[0] <= beside[0]
    before = search(f"{keyword} {term}")
    assert before[0] == beside[0] and set(before[1]) == set(beside[1])
    assert search(f"{term} {keyword} {term}") == beside


@pytest.mark.parametrize("text", EXPRESSIONS)
def test_expressions_mixed_with_a_word(text):
    from cms.search import plain_text

    term = word()
    expected = search(plain_text(f"{term} {text}"))
    assert search(f"{term} {text}") == expected
    assert search(f"{text} {term}")[0] == expected[0]


def test_production_answers_no_internal_error(settings):
    settings.DEBUG = False
    for text in SPECIALS + KEYWORDS + EXPRESSIONS:
        body = post(QUERY, {"text": text}).json()
        assert "errors" not in body, (text, body)


# --- the admin's searches go through the same search backend -------------------------------
ADMIN_SEARCHES = [
    "/admin/pages/search/?q={}",
    "/admin/choose-page/search/?q={}",
    "/admin/documents/?q={}",
    "/admin/images/?q={}",
]


@pytest.mark.parametrize("url", ADMIN_SEARCHES)
def test_admin_searches_take_engine_syntax_as_text(url, user):
    from urllib.parse import quote

    client = client_for(user("yllapito-maintainer"))
    for text in SPECIALS + KEYWORDS + EXPRESSIONS:
        response = client.get(url.format(quote(text)))
        assert response.status_code == 200, (url, text, response.status_code)


def test_parsed_admin_queries_keep_their_shape_with_only_words():
    from modelsearch.query import MATCH_ALL, MATCH_NONE, And, Not, Phrase, PlainText
    from wagtail.search.utils import parse_query_string

    from cms.search import plain_query, plain_text

    assert (
        plain_text('palkka"tuki* (NEAR) title:x <-> a&b \\\\ ä') == "palkka tuki NEAR title x a b ä"
    )
    assert plain_text("a\u0308") == "ä"  # decomposed letters stay one word
    _, parsed = parse_query_string('työ "kokeilu *" :', operator="and")
    query = plain_query(parsed)
    assert isinstance(query, And)
    first, second = query.subqueries
    assert isinstance(first, PlainText) and first.query_string == "työ"
    assert isinstance(second, Phrase) and second.query_string == "kokeilu"
    assert plain_query(And([PlainText("*"), Phrase('"')])) is None
    assert plain_query(Not(PlainText("&"))) is None
    assert plain_query(MATCH_ALL) is MATCH_ALL
    assert plain_query(MATCH_NONE) is not None
