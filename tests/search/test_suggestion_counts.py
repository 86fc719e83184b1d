"""The suggestion rows' service counts (search/indexer.py): one row per distinct (locale,
key, label, kind), whose `services` the indexer keeps equal to the number of public
services listed in the locale under that title, through shared titles, unpublication,
renames, deletion, rebuilds and term rebuilds (issue 13)."""

from collections import Counter

import pytest
from django.core.management import call_command

from search import indexer
from search.models import SearchDocument, SearchSuggestion, SearchTitle
from search.suggest import SERVICE, TERM, Suggestion, keys, suggest
from services.models import Audience, ServicePage

pytestmark = pytest.mark.django_db

SHARED = "Zqxjyhteinen palveluohjaus"


def fi_pages(n):
    """n live Finnish services without a Swedish or English translation (each is listed in
    fi, and as the fallback in sv and en)."""
    translated = ServicePage.objects.exclude(locale__language_code="fi").values("translation_key")
    pages = list(
        ServicePage.objects.live()
        .filter(locale__language_code="fi")
        .exclude(translation_key__in=translated)
        .order_by("pk")[:n]
    )
    assert len(pages) == n
    return pages


def retitle(page, title):
    page = ServicePage.objects.get(pk=page.pk)
    page.title = title
    page.save_revision().publish()
    return page


def service_rows(label, locale="fi"):
    return set(
        SearchSuggestion.objects.filter(locale=locale, label=label, kind=SERVICE).values_list(
            "key", "services", "first"
        )
    )


def expected_rows(label, n):
    return {(key, n, i == 0) for i, key in enumerate(keys(label))} if n else set()


def assert_consistent():
    """Every title row's label has its suggestion rows with its count in each locale, and no
    title suggestion lacks titles; every page-locale document has its one title."""
    titles = Counter(SearchTitle.objects.values_list("locale", "label"))
    stored = Counter()
    for locale, key, label, n, first in SearchSuggestion.objects.filter(kind=SERVICE).values_list(
        "locale", "key", "label", "services", "first"
    ):
        assert n == titles[(locale, label)], (locale, label, n)
        assert first == (key == keys(label)[0]), (key, label)
        stored[(locale, label)] += 1
    assert {k: len(keys(label)) for k in titles for label in [k[1]]} == dict(stored)
    assert set(SearchTitle.objects.values_list("page_id", "locale")) == set(
        SearchDocument.objects.values_list("page_id", "locale")
    )


def test_the_demo_index_is_consistent_and_one_row_per_label_and_key():
    assert_consistent()
    assert SearchTitle.objects.exists() and SearchSuggestion.objects.filter(kind=TERM).exists()
    rows = SearchSuggestion.objects.values_list("locale", "key", "label", "kind")
    assert len(rows) == len(set(rows))


def test_two_services_with_one_title_are_one_suggestion_counting_both():
    a, b = fi_pages(2)
    retitle(a, SHARED)
    assert service_rows(SHARED) == expected_rows(SHARED, 1)
    retitle(b, SHARED)
    for locale in ("fi", "sv", "en"):  # the Finnish fallbacks count in sv and en
        assert service_rows(SHARED, locale) == expected_rows(SHARED, 2), locale
    assert suggest("zqxjyht", "fi") == [Suggestion(SHARED, SERVICE, 2)]
    assert suggest("palveluohjaus", "sv") == [Suggestion(SHARED, SERVICE, 2)]
    assert_consistent()


def test_unpublishing_one_of_two_then_the_other():
    a, b = fi_pages(2)
    a, b = retitle(a, SHARED), retitle(b, SHARED)
    a.unpublish()
    assert service_rows(SHARED) == expected_rows(SHARED, 1)
    assert suggest("zqxj", "en") == [Suggestion(SHARED, SERVICE, 1)]
    b.unpublish()
    assert not SearchSuggestion.objects.filter(label=SHARED).exists()
    assert suggest("zqxj", "fi") == []
    assert_consistent()
    a.get_latest_revision().publish()
    assert service_rows(SHARED) == expected_rows(SHARED, 1)
    assert_consistent()


def test_renaming_moves_the_count_from_the_old_title_to_the_new():
    a, b = fi_pages(2)
    a, b = retitle(a, SHARED), retitle(b, SHARED)
    retitle(a, "Zqxjuusi nimi")
    assert service_rows(SHARED) == expected_rows(SHARED, 1)
    assert service_rows("Zqxjuusi nimi") == expected_rows("Zqxjuusi nimi", 1)
    assert [s.label for s in suggest("zqxj", "fi")] == ["Zqxjuusi nimi", SHARED]
    retitle(b, "Zqxjuusi nimi")
    assert not SearchSuggestion.objects.filter(label=SHARED).exists()
    assert suggest("zqxj", "fi") == [Suggestion("Zqxjuusi nimi", SERVICE, 2)]
    assert_consistent()


def test_deleting_a_service_decrements_its_title():
    a, b = fi_pages(2)
    a, b = retitle(a, SHARED), retitle(b, SHARED)
    ServicePage.objects.get(pk=a.pk).delete()
    assert service_rows(SHARED) == expected_rows(SHARED, 1)
    ServicePage.objects.get(pk=b.pk).delete()
    assert not SearchSuggestion.objects.filter(label=SHARED).exists()
    assert_consistent()


def test_a_translation_takes_the_fallback_title_out_of_its_locale():
    (page,) = fi_pages(1)
    page = retitle(page, SHARED)
    assert service_rows(SHARED, "sv") == expected_rows(SHARED, 1)
    sv = page.copy_for_translation(
        type(page.locale).objects.get(language_code="sv"), copy_parents=True
    )
    sv.title = "Zqxjgemensam vägledning"
    sv.save_revision().publish()
    assert service_rows(SHARED, "sv") == set()
    assert service_rows(SHARED, "fi") == expected_rows(SHARED, 1)
    assert service_rows("Zqxjgemensam vägledning", "sv") == expected_rows(
        "Zqxjgemensam vägledning", 1
    )
    assert_consistent()


def test_a_rebuild_writes_the_same_rows_as_the_updates():
    a, b, c = fi_pages(3)
    retitle(a, SHARED)
    retitle(b, SHARED)
    retitle(c, "Zqxjuusi nimi")
    ServicePage.objects.get(pk=c.pk).unpublish()

    def state():
        return (
            Counter(
                SearchSuggestion.objects.values_list(
                    "locale", "key", "label", "kind", "services", "first"
                )
            ),
            Counter(SearchTitle.objects.values_list("page_id", "locale", "label")),
        )

    before = state()
    call_command("rebuild_search_index", "--no-progress", verbosity=0)
    assert state() == before
    assert service_rows(SHARED) == expected_rows(SHARED, 2)
    assert_consistent()


def test_rewriting_the_terms_keeps_the_titles_and_a_title_that_is_a_term_is_a_title():
    (page,) = fi_pages(1)
    term = Audience.objects.filter(locale__language_code="fi").order_by("pk").first()
    retitle(page, term.name)  # the label is now a title too
    n = SearchTitle.objects.filter(locale="fi", label=term.name).count()
    assert n >= 1 and service_rows(term.name) == expected_rows(term.name, n)
    assert SearchSuggestion.objects.filter(locale="fi", label=term.name, kind=TERM).exists()
    before = set(SearchSuggestion.objects.filter(kind=SERVICE).values_list())
    indexer.update_terms()
    assert set(SearchSuggestion.objects.filter(kind=SERVICE).values_list()) == before
    found = [s for s in suggest(term.name, "fi") if s.label == term.name]
    assert [(s.kind, s.services) for s in found] == [(SERVICE, n)]
    # A renamed term: its new name is a term, and the old one stays a title.
    old = term.name
    term.name = "Zqxjkohderyhmä"
    term.save()
    assert suggest("zqxjkohde", "fi") == [Suggestion("Zqxjkohderyhmä", TERM, 0)]
    assert not SearchSuggestion.objects.filter(locale="fi", label=old, kind=TERM).exists()
    assert service_rows(old) == expected_rows(old, n)
    assert_consistent()
