"""`services(search:)` with SEARCH_ENGINE=backend (the scale-out path, docs/search.md): the
API asks the configured Wagtail backend (here the database backend) the same analysed query;
its ids are live pages of every locale, so the list still applies its locale and public
rules and counts in the database."""

import pytest

from search import analysis
from tests.api.gql import gql

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(not analysis.voikko_available(), reason="Finnish base forms need Voikko"),
]

QUERY = """query($text: String!, $locale: LocaleCode!) {
  services(search: $text, locale: $locale, limit: 100) {
    totalCount items { title locale isFallback } } }"""


@pytest.mark.parametrize("locale", ["fi", "sv", "en"])
def test_backend_mode_lists_the_locale_and_counts_what_it_lists(settings, locale):
    settings.SEARCH_ENGINE = "backend"
    found = gql(QUERY, {"text": "kesätyöseteliä", "locale": locale})["services"]
    assert found["items"], "the inflected word finds the service through the backend"
    assert found["totalCount"] == len(found["items"])
    for item in found["items"]:
        assert item["locale"] == locale or (item["isFallback"] and item["locale"] == "fi")


def test_backend_mode_and_engine_agree_on_the_first_hit(settings):
    engine = gql(QUERY, {"text": "kesätyöseteliä", "locale": "fi"})["services"]
    settings.SEARCH_ENGINE = "backend"
    backend = gql(QUERY, {"text": "kesätyöseteliä", "locale": "fi"})["services"]
    assert backend["items"][0]["title"] == engine["items"][0]["title"] == "Kesätyöseteli"
