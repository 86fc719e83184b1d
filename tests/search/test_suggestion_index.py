"""search.suggest: the keys of a label, the prefix as a key, and the one range query that
ranks suggestions (issue 13). The rows are inserted here, as the indexer writes them."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from search import indexer
from search.models import SearchSuggestion, SearchTitle
from search.suggest import (
    CANDIDATES,
    MAX_KEY,
    SERVICE,
    TERM,
    SuggestInputError,
    Suggestion,
    key_text,
    keys,
    prefix_key,
    suggest,
)
from services.models import ServicePage


# --- keys ------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "label, expected",
    [
        ("Työkokeilu", ["tyokokeilu"]),
        ("Työkokeilu nuorille", ["tyokokeilu nuorille", "nuorille"]),
        (
            "CV- ja LinkedIn-työpaja",
            ["cv ja linkedin tyopaja", "ja linkedin tyopaja", "linkedin tyopaja", "tyopaja"],
        ),
        ("Språkcafé  för ALLA", ["sprakcafe for alla", "for alla", "alla"]),
        ("ＴＹÖ ja", ["tyo ja", "ja"]),  # NFKC: full-width letters
        ("?!", []),
    ],
)
def test_keys_are_the_folded_text_from_each_word_on(label, expected):
    assert keys(label) == expected


def test_keys_are_cut_at_the_column_length():
    label = " ".join(["palvelu"] * 30)  # 239 characters
    found = keys(label)
    assert all(len(k) <= MAX_KEY for k in found)
    assert found[0] == key_text(label)[:MAX_KEY].rstrip()
    assert found[-1] == "palvelu"


@pytest.mark.parametrize(
    "typed, key",
    [
        ("Työ", "tyo"),
        ("  TYÖKOK", "tyokok"),
        ("työ ", "tyo "),  # a finished word: "työ ja ..." but not "työkokeilu"
        ("cv-", "cv "),
        ("LinkedIn-Työ", "linkedin tyo"),
        ("arbetsprövn", "arbetsprovn"),
        ("?!", ""),
        ("", ""),
    ],
)
def test_the_prefix_is_normalised_like_the_keys(typed, key):
    assert prefix_key(typed) == key


LABELS = [
    "Työkokeilu",
    "CV- ja LinkedIn-työpaja",
    "Språkcafé för alla (SFI)",
    "Yrittäjyys & starttiraha – neuvonta",
    "Työ- ja elinkeinotoimiston palvelut 2025",
]


@pytest.mark.parametrize("label", LABELS)
def test_a_label_is_found_from_every_word_as_typed_in_it(rows, label):
    """What a reader types from the start of any word of a title, in any case, finds it."""
    rows(label)
    for word in re.finditer(r"[^\W_]+", label):
        rest = label[word.start() :]
        for n in range(2, min(len(rest), 30) + 1):
            if sum(c.isalnum() for c in rest[:n]) < 2:
                continue
            for typed in (rest[:n], rest[:n].upper(), rest[:n].replace("-", " ")):
                assert [s.label for s in suggest(typed, "fi")] == [label], typed


# --- the query -------------------------------------------------------------------------------
@pytest.fixture
def rows(db):
    """Empty suggestion tables and a function adding a label as the indexer does: a title
    through `SearchTitle` rows of `copies` services and `indexer.recount`, a term as its
    rows."""
    SearchSuggestion.objects.all().delete()
    SearchTitle.objects.all().delete()
    pages = iter(ServicePage.objects.order_by("pk").values_list("pk", flat=True))

    def add(label, kind=SERVICE, locale="fi", copies=1):
        if kind == TERM:
            SearchSuggestion.objects.bulk_create(
                SearchSuggestion(**dict(zip(indexer.SUGGESTION_COLUMNS, row, strict=True)))
                for row in indexer.suggestion_rows(locale, label, TERM, 0)
            )
            return
        SearchTitle.objects.bulk_create(
            SearchTitle(page_id=next(pages), locale=locale, label=label) for _ in range(copies)
        )
        indexer.recount({label})

    return add


def test_one_query_ranks_first_words_then_titles_then_how_many_carry_them(rows):
    rows("Työkokeilu", copies=3)
    rows("Työhönvalmennus", copies=1)
    rows("Nuorten työpaja", copies=5)  # "työ" starts its second word
    rows("Työnhakijat", kind=TERM)
    rows("Alueellinen työllisyys", kind=TERM)
    rows("Kotoutumiskoulutus", copies=2)  # no word starts with "työ"
    rows("Työkokeilu", locale="sv")  # another locale
    with CaptureQueriesContext(connection) as queries:
        found = suggest("työ", "fi")
    assert len(queries) == 1
    assert found == [
        Suggestion("Työkokeilu", SERVICE, 3),
        Suggestion("Työhönvalmennus", SERVICE, 1),
        Suggestion("Työnhakijat", TERM, 0),
        Suggestion("Nuorten työpaja", SERVICE, 5),
        Suggestion("Alueellinen työllisyys", TERM, 0),
    ]


def test_accents_and_case_do_not_matter_and_words_start_matches(rows):
    rows("Työkokeilu")
    assert [s.label for s in suggest("TYOK", "fi")] == ["Työkokeilu"]
    assert [s.label for s in suggest("työk", "fi")] == ["Työkokeilu"]
    assert suggest("kokeilu", "fi") == []  # inside a word, not a word start


def test_a_finished_word_and_several_words(rows):
    rows("Työ ja terveys")
    rows("Työkokeilu")
    rows("CV- ja LinkedIn-työpaja")
    assert [s.label for s in suggest("työ ", "fi")] == ["Työ ja terveys"]
    assert [s.label for s in suggest("linkedin tyo", "fi")] == ["CV- ja LinkedIn-työpaja"]
    assert [s.label for s in suggest("cv-", "fi")] == ["CV- ja LinkedIn-työpaja"]


def test_a_label_once_and_a_title_that_is_also_a_term_is_a_title(rows):
    rows("Työkokeilu", copies=2)
    rows("Työkokeilu", kind=TERM)
    assert suggest("työkok", "fi") == [Suggestion("Työkokeilu", SERVICE, 2)]


def test_the_locale_and_the_limit(rows):
    for i in range(12):
        rows(f"Språkkurs {i:02}", locale="sv")
    rows("Språkkurs 99", locale="fi")
    found = suggest("språk", "sv")
    assert [s.label for s in found] == [f"Språkkurs {i:02}" for i in range(10)]
    assert [s.label for s in suggest("språk", "sv", limit=3)] == [
        "Språkkurs 00",
        "Språkkurs 01",
        "Språkkurs 02",
    ]
    assert suggest("språk", "en") == []


def test_only_keys_with_the_prefix_not_their_neighbours(rows):
    rows("Työ")
    rows("Työ ja yrittäjyys")
    rows("Tyonhaku")
    rows("Tyo\u00e4")  # folds to "tyoa"
    rows("Tyn")  # below the range
    rows("Tz")  # above it
    assert {s.label for s in suggest("tyo", "fi")} == {
        "Tyo\u00e4",
        "Tyonhaku",
        "Työ",
        "Työ ja yrittäjyys",
    }


@pytest.mark.parametrize("typed", ["", "a", " a ", "?!", "--", "ä"])
def test_shorter_than_two_letters_or_punctuation_gives_none_without_a_query(rows, typed):
    rows("Aikuiskoulutus")
    with CaptureQueriesContext(connection) as queries:
        assert suggest(typed, "fi") == []
    assert len(queries) == 0


@pytest.mark.parametrize(
    "typed, limit, argument",
    [
        ("työ", 0, "limit"),
        ("työ", 11, "limit"),
        ("työ", -1, "limit"),
        ("a" * 100, 10, "prefix"),
        ("työ\x00", 10, "prefix"),
        ("työ\nkokeilu", 10, "prefix"),
        ("\x7f", 10, "prefix"),
    ],
)
def test_bad_input_is_refused(db, typed, limit, argument):
    with pytest.raises(SuggestInputError) as error:
        suggest(typed, "fi", limit)
    assert error.value.argument == argument


def test_99_characters_are_a_prefix(rows):
    label = "Työ " + "pitkä " * 20
    rows(label)
    assert [s.label for s in suggest(key_text(label)[:99], "fi")] == [label]


def test_ties_are_in_code_point_order_on_every_database(rows):
    labels = ["tyb", "TyC", "Tyä", "Tyz", "Työ"]
    for label in labels:
        rows(label)
    assert (
        [s.label for s in suggest("ty", "fi")]
        == sorted(labels)
        == [
            "TyC",
            "Tyz",
            "Tyä",
            "Työ",
            "tyb",
        ]
    )


def test_a_label_with_many_matching_words_does_not_hide_the_others(rows):
    """More rows in the range than CANDIDATES hold `limit` labels: the range is read on."""
    many = "A " + " ".join(f"ty{i:02}" for i in range(45))  # 45 keys starting with "ty"
    rows(many)
    rows(many, kind=TERM)
    others = [f"{c} ty" for c in "bcdefghijk"]  # after `many` in the order, one key each
    for label in others:
        rows(label)
    assert len(keys(many)) + len(others) > CANDIDATES
    with CaptureQueriesContext(connection) as queries:
        found = suggest("ty", "fi")
    assert len(queries) == 2
    assert found == [Suggestion(many, SERVICE, 1)] + [
        Suggestion(label, SERVICE, 1) for label in others[:9]
    ]
