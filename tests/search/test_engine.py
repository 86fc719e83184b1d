"""The ranked query (search/engine.py) on documents made for the test: a source registered in
place of the services (search/registry.py) gives texts in chosen fields, so each ranking
rule is seen alone. The same assertions run on SQLite and PostgreSQL (make test)."""

import datetime as dt
import types

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from search import analysis, engine, indexer, registry
from search.registry import Document, Listing, Text
from services.models import ServicePage

pytestmark = pytest.mark.django_db

needs_voikko = pytest.mark.skipif(
    not analysis.voikko_available(), reason="Finnish base forms need Voikko"
)


class FakeSource:
    name = "fake"

    def __init__(self, documents):
        self.docs = {d.page_id: d for d in documents}

    def group(self, page_ids):
        return set(page_ids)

    def documents(self, page_ids=None):
        for pk, doc in sorted(self.docs.items()):
            if page_ids is None or pk in page_ids:
                yield doc

    def terms(self):
        return []

    def lexicon_texts(self, lang):
        return [d.title for d in self.docs.values() if d.lang == lang]


@pytest.fixture
def pages():
    return list(
        ServicePage.objects.filter(locale__language_code="fi")
        .order_by("pk")
        .values_list("pk", flat=True)[:12]
    )


@pytest.fixture
def index(monkeypatch, pages):
    """index(spec, ...) → the page ids of the specs, indexed alone. A spec is a dict:
    title, short, labels, body, boost, updated, locales."""

    def build(*specs):
        docs = []
        for pk, spec in zip(pages, specs, strict=False):
            texts = [Text("short", spec.get("short", ""), "fi")]
            texts += [Text("labels", label, "fi") for label in spec.get("labels", ())]
            texts.append(Text("body", spec.get("body", ""), "fi"))
            listings = [Listing("fi")] + [Listing(code, True) for code in spec.get("also", ())]
            docs.append(
                Document(
                    page_id=pk,
                    lang="fi",
                    title=spec.get("title", "Palvelu"),
                    texts=texts,
                    listings=listings,
                    boost=spec.get("boost", 0),
                    updated=spec.get("updated"),
                )
            )
        monkeypatch.setattr(registry, "_sources", {"fake": FakeSource(docs)})
        indexer.rebuild()
        return [d.page_id for d in docs]

    return build


def ids(text, locale="fi", **kwargs):
    return engine.search(text, locale, **kwargs).ids


def test_title_over_labels_over_short_description_over_body(index):
    body, short, labels, title = index(
        {"body": "kissa"}, {"short": "kissa"}, {"labels": ["kissa"]}, {"title": "kissa"}
    )
    assert ids("kissa") == [title, labels, short, body]


def test_more_words_matched_rank_first_whatever_the_fields(index):
    titled, both = index({"title": "koira"}, {"body": "koira ja hevonen"})
    assert ids("koira hevonen") == [both, titled]
    assert ids("hevonen") == [both]


def test_search_boost_and_freshness_break_near_ties(index):
    today = timezone.localdate()
    old, boosted, plain, fresh = index(
        {"body": "lehmä", "updated": today - dt.timedelta(days=1000)},
        {"body": "lehmä", "boost": 10},
        {"body": "lehmä"},
        {"body": "lehmä", "updated": today},
    )
    assert ids("lehmä") == [boosted, fresh, old, plain]


def test_a_phrase_ranks_above_the_same_words_apart(index):
    apart, phrase = index({"short": "talo on punainen"}, {"short": "punainen talo"})
    assert ids("punainen talo") == [phrase, apart]
    assert ids("talo punainen") == [apart, phrase]


def test_equal_scores_rank_by_id_and_the_limit_holds(index):
    first, second, third = index({"body": "sika"}, {"body": "sika"}, {"body": "sika"})
    assert ids("sika") == [first, second, third]
    assert ids("sika", limit=2) == [first, second]


@needs_voikko
def test_an_inflected_word_finds_its_base_form_and_back(index):
    base, inflected = index({"title": "Työkokeilu"}, {"body": "Tule työkokeiluun."})
    assert set(ids("työkokeilussa")) == {base, inflected}
    assert ids("työkokeilu")[0] == base


@needs_voikko
def test_a_compound_part_finds_the_compound_and_parts_add_up(index):
    compound, part, both_parts = index(
        {"title": "Hygieniapassikoulutus"},
        {"body": "kurssi"},
        {"body": "kieli ja kurssi"},
    )
    assert ids("hygieniapassi") == [compound]
    assert ids("kielikurssi") == [both_parts, part]


@needs_voikko
def test_a_typo_is_corrected_against_the_index_and_suggested(index):
    (apprenticeship,) = index({"title": "Oppisopimusneuvonta", "body": "oppisopimus"})
    result = engine.search("oppisopimsu", "fi")
    assert result.ids == [apprenticeship]
    assert result.suggestion == "oppisopimus"
    # a word typed without dots needs no correction
    result = engine.search("oppisopimusneuvontaa tyota", "fi")
    assert result.ids == [apprenticeship]


def test_a_known_word_is_not_corrected(index):
    index({"body": "kissa"}, {"body": "kissat"})
    result = engine.search("kissa", "fi")
    assert result.suggestion is None
    assert all(slot.corrected is None for slot in result.query.slots)


def test_one_edit_corrects_a_word_of_five_to_seven_letters_and_short_words_stay(index):
    (cat,) = index({"body": "kissa"})
    result = engine.search("kisssa", "fi")
    assert result.ids == [cat] and result.suggestion == "kissa"
    result = engine.search("kis", "fi")
    assert result.ids == [] and result.query.slots[0].corrected is None


@needs_voikko
def test_a_swedish_reader_finds_a_finnish_fallback_by_its_finnish_words(index):
    (fallback,) = index({"title": "Kesätyöseteli", "also": ("sv",)})
    assert ids("kesätyöseteli", "sv") == [fallback]
    assert ids("kesätyöseteli", "en") == []  # not listed in English


def test_nothing_to_search_finds_nothing_without_a_ranking_query(index):
    index({"body": "kissa"})
    with CaptureQueriesContext(connection) as queries:
        for text in ("?!", "a", "ja", "   "):
            assert ids(text) == []
    assert len(queries) == 0


def test_one_frequency_query_and_one_ranking_statement(index):
    # (three hits: with fewer, a "did you mean" reads the vocabulary too)
    index({"body": "kissa koira"}, {"body": "koira"}, {"body": "kissa"})
    with CaptureQueriesContext(connection) as queries:
        engine.search("kissa koira", "fi")
    # (search.synonyms reads its own table: a version check, and the sets when they changed)
    own = [q["sql"] for q in queries.captured_queries if "search_synonymset" not in q["sql"]]
    assert len(own) == 2
    frequencies, ranking = own
    assert "GROUP BY token" in frequencies
    assert ranking.lstrip().startswith("WITH q (token, slot, grp, qw) AS (VALUES")


def test_the_ranking_statement_is_the_same_text_on_every_database():
    rows = [("kissa", 0, 0, 1.5), ("koira", 1, 0, 2.0)]
    sql, params = engine.ranking_sql(rows, "fi", 10, dt.date(2026, 1, 1))
    expected = engine.RANKING_SQL.format(
        values=", ".join([engine.VALUE_ROW] * 2),
        tokens='"search_searchtoken"',
        documents='"search_searchdocument"',
    )
    assert sql == expected
    # no function that only one of SQLite and PostgreSQL has
    for vendor_specific in ("GREATEST", "LEAST", "INSTR", "STRPOS", "LN(", "LOG(", "POWER("):
        assert vendor_specific not in sql.upper()
    assert params[:8] == ["kissa", 0, 0, 1.5, "koira", 1, 0, 2.0]


def test_weights_are_exact_binary_fractions(index):
    index({"body": "kissa koira hevonen"}, {"title": "koira"})
    parsed = engine.parse("kissa koira hevonen", "fi")
    for _token, _slot, _group, weight in engine._rows(parsed):
        assert weight * engine.QUANTUM == int(weight * engine.QUANTUM)


def test_synonyms_expand_the_query_when_the_module_gives_them(index, monkeypatch):
    dog, _cat = index({"body": "koira"}, {"body": "kissa"})
    calls = []

    def expand(slots, words, locale):
        calls.append((words, locale))
        return [alternatives + [("koira", 0.7)] for alternatives in slots]

    monkeypatch.setattr(engine, "synonyms_module", lambda: types.SimpleNamespace(expand=expand))
    assert ids("hauva") == [dog]
    assert calls == [(["hauva"], "fi")]


def test_a_synonym_set_of_the_admin_reaches_the_words_the_services_use(index):
    from search.models import SynonymSet

    assert engine.synonyms_module() is not None  # search/synonyms.py has landed
    dog, _cat = index({"body": "koira"}, {"body": "kissa"})
    assert ids("hauva") == []
    SynonymSet.objects.create(fi="hauva\nkoira", sv="vovve", en="doggy")
    assert ids("hauva") == [dog]
    assert ids("vovve", "fi") == [dog]  # a term of another language, in any locale
