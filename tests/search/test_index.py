"""The search index (search/indexer.py, services/search_index.py): what is indexed and what
never is, fallback documents, and updates that touch only the service that changed."""

import io

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from wagtail.models import PageViewRestriction

from cms.models import Organisation
from search import analysis, indexer
from search.models import SearchDocument, SearchSuggestion, SearchTitle, SearchToken
from services import freshness
from services.models import Audience, ServicePage
from tests.api.gql import gql

pytestmark = pytest.mark.django_db

SECRET = "zqxjsalainen"
DRAFT = "zqxjluonnos"


def tokens(page, locale="fi"):
    return dict(SearchToken.objects.filter(page=page, locale=locale).values_list("token", "weight"))


def documents():
    return set(SearchDocument.objects.values_list("page_id", "locale", "is_fallback"))


def listed(locale):
    """(id, isFallback) of every service the API lists in the locale."""
    query = """query($l: LocaleCode!) { services(locale: $l, limit: 100) {
        totalCount items { id isFallback } } }"""
    data = gql(query, {"l": locale})["services"]
    assert data["totalCount"] <= 100
    return {(int(item["id"]), item["isFallback"]) for item in data["items"]}


def fi_service(title_part):
    return (
        ServicePage.objects.live()
        .filter(locale__language_code="fi", title__icontains=title_part)
        .order_by("pk")
        .first()
    )


def test_the_index_holds_what_the_api_lists_in_each_locale():
    for locale in ("fi", "sv", "en"):
        indexed = {(pk, fallback) for pk, code, fallback in documents() if code == locale}
        assert indexed == listed(locale), locale
    # A Finnish service with an English translation is no English fallback; without a
    # Swedish one it is the Swedish fallback.
    en = ServicePage.objects.live().filter(locale__language_code="en").first()
    fi = ServicePage.objects.get(translation_key=en.translation_key, locale__language_code="fi")
    assert (fi.pk, "en", True) not in documents() and (en.pk, "en", False) in documents()
    assert (fi.pk, "sv", True) in documents()


def test_fields_weigh_title_over_labels_over_short_description_over_body():
    page = fi_service("Kesätyöseteli")
    weights = tokens(page)
    assert weights["kesätyöseteli"] >= indexer.FIELD_WEIGHTS["title"]
    category = page.service_category.name
    label = analysis.analyse_document(category, "fi")[0]
    body_word = next(
        w
        for w in analysis.analyse_document(page.benefits, "fi")
        if w
        not in analysis.analyse_document(f"{page.title} {page.short_description} {category}", "fi")
    )
    assert weights[label] >= indexer.FIELD_WEIGHTS["labels"]
    assert weights[body_word] < indexer.FIELD_WEIGHTS["short"]
    # phrase bigrams of adjacent title or short description words
    assert any(" " in token for token in weights)


def test_a_fallback_document_has_the_labels_in_the_readers_language():
    page = fi_service("Kesätyöseteli")
    category = page.service_category
    sv_name = (
        type(category)
        .objects.get(translation_key=category.translation_key, locale__language_code="sv")
        .name
    )
    sv_tokens = set(tokens(page, "sv"))
    assert set(analysis.analyse_document(sv_name, "sv")) <= sv_tokens
    assert not set(analysis.analyse_document(sv_name, "sv")) <= set(tokens(page, "fi"))
    # and the Finnish text, analysed as Finnish
    assert "kesätyöseteli" in sv_tokens
    row = SearchDocument.objects.get(page=page, locale="sv")
    assert row.is_fallback and row.boost == page.search_boost


def test_suggestions_per_title_word_start_and_terms():
    page = fi_service("Kesätyöseteli")
    assert SearchTitle.objects.get(page=page, locale="fi").label == page.title
    rows = SearchSuggestion.objects.filter(label=page.title, locale="fi", kind="service")
    carried = ServicePage.objects.live().filter(locale__language_code="fi", title=page.title)
    assert set(rows.values_list("key", "services", "first")) == {
        ("kesatyoseteli", carried.count(), True)
    }
    assert SearchSuggestion.objects.filter(kind="term", locale="sv", services=0).exists()


def plant_internal(page):
    page.internal = [{"type": "referral", "value": f"<p>{SECRET} ohje</p>"}]
    page.save_revision().publish()


def test_internal_text_and_drafts_are_never_indexed():
    page = fi_service("Kesätyöseteli")
    plant_internal(page)
    page = ServicePage.objects.get(pk=page.pk)
    page.title = f"{DRAFT} otsikko"
    page.short_description = DRAFT
    page.save_revision()  # a draft, not published
    indexer.update([page.pk])  # even when re-indexed on purpose
    assert not SearchToken.objects.filter(token__contains="zqxj").exists()
    assert not SearchSuggestion.objects.filter(label__icontains="zqxj").exists()
    assert "kesätyöseteli" in tokens(page)


def test_a_view_restriction_removes_the_service_and_its_lifting_restores_it():
    page = fi_service("Kesätyöseteli")
    restriction = PageViewRestriction.objects.create(page=page, restriction_type="login")
    assert not SearchDocument.objects.filter(page=page).exists()
    assert not SearchToken.objects.filter(page=page).exists()
    restriction.delete()
    assert SearchDocument.objects.filter(page=page).count() == 3


def test_a_restricted_source_takes_its_translations_out():
    en = ServicePage.objects.live().filter(locale__language_code="en").order_by("pk").first()
    fi = ServicePage.objects.get(translation_key=en.translation_key, locale__language_code="fi")
    PageViewRestriction.objects.create(page=fi, restriction_type="login")
    indexer.update([en.pk])
    assert not SearchDocument.objects.filter(page__in=[fi, en]).exists()


def test_unpublishing_a_translation_makes_the_finnish_page_the_fallback():
    en = ServicePage.objects.live().filter(locale__language_code="en").order_by("pk").first()
    fi = ServicePage.objects.get(translation_key=en.translation_key, locale__language_code="fi")
    assert not SearchDocument.objects.filter(page=fi, locale="en").exists()
    en.unpublish()
    assert not SearchDocument.objects.filter(page=en).exists()
    assert SearchDocument.objects.get(page=fi, locale="en").is_fallback
    en.get_latest_revision().publish()
    assert SearchDocument.objects.filter(page=en, locale="en", is_fallback=False).exists()
    assert not SearchDocument.objects.filter(page=fi, locale="en").exists()


def test_archiving_and_deleting_remove_the_service():
    page = fi_service("Kesätyöseteli")
    freshness.archive(page, timezone.now())
    assert not SearchDocument.objects.filter(page=page).exists()
    assert not SearchTitle.objects.filter(page=page).exists()
    left = SearchTitle.objects.filter(locale="fi", label=page.title).count()
    rows = SearchSuggestion.objects.filter(locale="fi", label=page.title, kind="service")
    assert set(rows.values_list("services", flat=True)) == ({left} if left else set())
    other = fi_service("Starttirahan")
    pk = other.pk
    other.delete()
    assert not SearchToken.objects.filter(page_id=pk).exists()


def test_publishing_re_indexes_only_that_service():
    page = fi_service("Kesätyöseteli")
    others_before = set(
        SearchToken.objects.exclude(page=page).values_list("pk", "page_id", "token", "weight")
    )
    documents_before = set(SearchDocument.objects.exclude(page=page).values_list("pk", flat=True))
    page.title = "Kesätyöseteli koululaisille"
    with CaptureQueriesContext(connection) as queries:
        page.save_revision().publish()
    assert "koululainen" in tokens(page)
    # The other services' rows are the same rows (not rewritten).
    assert set(
        SearchToken.objects.exclude(page=page).values_list("pk", "page_id", "token", "weight")
    ) == (others_before)
    assert (
        set(SearchDocument.objects.exclude(page=page).values_list("pk", flat=True))
        == documents_before
    )
    # Deleting rows names this service's group only, and the suggestions of its old title
    # (no other service carries it).
    deletes = [
        q["sql"] for q in queries.captured_queries if q["sql"].startswith('DELETE FROM "search_')
    ]
    pages = [sql for sql in deletes if "search_searchsuggestion" not in sql]
    assert pages and all(str(page.pk) in sql for sql in pages)
    assert all("Kesätyöseteli" in sql for sql in deletes if sql not in pages)


def test_renaming_a_term_re_indexes_the_services_using_it():
    page = fi_service("Kesätyöseteli")
    term = page.audiences.first()
    sv = Audience.objects.get(translation_key=term.translation_key, locale__language_code="sv")
    untouched = (
        ServicePage.objects.live()
        .filter(locale__language_code="fi")
        .exclude(audiences__translation_key=term.translation_key)
        .first()
    )
    before = set(SearchToken.objects.filter(page=untouched).values_list("pk", flat=True))
    sv.name = "Zqxjmålgrupp"
    sv.save()
    assert "zqxjmålgrupp" in tokens(page, "sv")
    assert set(SearchToken.objects.filter(page=untouched).values_list("pk", flat=True)) == before
    assert SearchSuggestion.objects.filter(kind="term", locale="sv", key="zqxjmalgrupp").exists()


def test_renaming_an_organisation_re_indexes_its_services():
    page = fi_service("Kesätyöseteli")
    provider = Organisation.objects.get(pk=page.provider_id)
    provider.name = "Zqxjpalveluntuottaja Oy"
    provider.save()
    assert "zqxjpalveluntuottaja" in tokens(page)
    before = set(SearchToken.objects.values_list("pk", flat=True))
    provider.cost_share = provider.cost_share  # no name change: nothing re-indexed
    provider.save()
    assert set(SearchToken.objects.values_list("pk", flat=True)) == before


def test_paused_updates_are_skipped():
    page = fi_service("Kesätyöseteli")
    with indexer.paused():
        page.unpublish()
    assert SearchDocument.objects.filter(page=page).exists()
    indexer.update([page.pk])
    assert not SearchDocument.objects.filter(page=page).exists()


def test_the_rebuild_command_reports_and_rebuilds_the_same_index():
    before = (documents(), SearchToken.objects.count(), SearchSuggestion.objects.count())
    out = io.StringIO()
    call_command("rebuild_search_index", "--no-progress", stdout=out)
    text = out.getvalue()
    assert "Search index rebuilt (services)" in text and " s." in text
    assert f"{SearchDocument.objects.count()} documents" in text
    assert (documents(), SearchToken.objects.count(), SearchSuggestion.objects.count()) == before
    out = io.StringIO()
    call_command("rebuild_search_index", "--if-empty", stdout=out)
    assert "already built" in out.getvalue()
