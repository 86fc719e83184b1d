"""Search results come in the search engine's order (relevance, search.engine), after the
caller's filters; ties and pagination are stable."""

import collections

import pytest

from services.models import ServicePage
from tests.api.gql import gql

pytestmark = pytest.mark.django_db

QUERY = """query($text: String!, $limit: Int!, $offset: Int!) {
  services(search: $text, locale: fi, limit: $limit, offset: $offset) {
    totalCount items { id } } }"""


def common_word():
    titles = (
        ServicePage.objects.live()
        .filter(locale__language_code="fi")
        .values_list("title", flat=True)
    )
    words = collections.Counter(w.lower() for t in titles for w in t.split() if len(w) > 5)
    return words.most_common(1)[0][0]


def test_search_follows_the_engine_ranking(services):
    from search import engine

    word = common_word()
    fi = set(
        ServicePage.objects.live().filter(locale__language_code="fi").values_list("pk", flat=True)
    )
    expected = [pk for pk in engine.search(word, "fi").ids if pk in fi]
    assert len(expected) >= 3, word
    data = gql(QUERY, {"text": word, "limit": 100, "offset": 0})["services"]
    assert [int(i["id"]) for i in data["items"]] == expected
    assert data["totalCount"] == len(expected)
    # pages of 2 put together give the same order
    paged = []
    for offset in range(0, len(expected), 2):
        page = gql(QUERY, {"text": word, "limit": 2, "offset": offset})["services"]["items"]
        paged += [int(i["id"]) for i in page]
    assert paged == expected
