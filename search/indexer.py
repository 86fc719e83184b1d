"""The indexer: registered sources' documents → analysed rows of the search index.

For each document and each reader's locale it is listed in, one `SearchDocument`, its
`SearchToken`s and a `SearchTitle` (search/models.py). A token's weight is its precomputed
impact in the document:

    weight = Σ over fields  FIELD_WEIGHTS[field] × saturate(tf in the field)
    saturate(tf) = tf × (K1 + 1) / (tf + K1)

where a word's lemmas count 1 and its compound parts PART_TF: "hygieniapassikoulutus" in a
title weighs more for "hygieniapassikoulutus" than for "koulutus". Titles, short
descriptions and labels also give phrase bigrams ("suomi kieli") of adjacent words' lemmas.

Suggestions (`SearchSuggestion`) are one row per distinct (locale, key, label, kind): a
title's rows carry `services`, how many `SearchTitle` rows of the locale have the label.
`rebuild()` counts the titles as it writes them; `update()` recounts the labels a page had
and has (`recount`), so a shared title, a rename, an unpublication or a deletion (whose
title rows go by cascade: search/models.py recounts their labels) leave the right counts,
and a title no service carries any more loses its rows.

`rebuild()` writes the whole index; `update(page_ids)` replaces the rows of some pages
(their translation groups, as the source says) and is what the domain apps' signals call;
`update_terms()` rewrites the term suggestions. Inside `paused()` (the demo builder's bulk
load) the signal-driven updates are skipped: the builder rebuilds at the end.
"""

from __future__ import annotations

import contextlib
import itertools
import logging
import threading
import time
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field

from django.db import connection, transaction
from django.db.models import Count

from . import analysis, suggest
from .models import SearchDocument, SearchSuggestion, SearchTitle, SearchToken
from .registry import FIELD_WEIGHTS, PHRASE_FIELDS, Document, Text, sources

logger = logging.getLogger(__name__)

K1 = 1.2
# Length normalisation per field (BM25F's b, against a typical length in analysed words): an
# occurrence in a long body says less about the page than one in a short one. Typical
# lengths of the demo catalogue's fields; fixed, so an update of one page needs no corpus
# statistics and weighs like a rebuild.
LENGTH_B = {"title": 0.3, "labels": 0.3, "short": 0.5, "body": 0.75, "names": 0.0}
TYPICAL_LENGTH = {"title": 3, "labels": 17, "short": 10, "body": 50, "names": 6}
PART_TF = 0.5  # a compound part counts half an occurrence of the word it is in
BATCH = 2000
CHUNK = 500  # ids or labels per IN (...) list
QUANTUM = 256  # weights are multiples of 1/QUANTUM
MAX_TOKEN = 100  # SearchToken.token
MAX_LABEL = 255  # SearchSuggestion.label
LEMMAS_PER_PHRASE = 2  # bigrams of the first lemmas of each word (ambiguous words have two)
LEXICON_TTL = 300.0  # seconds before a process re-reads the texts of the decompounding lexicon


# --- change tracking (caches of the query side check it) -----------------------------------------
_state = threading.local()
_version = itertools.count(1)
_current_version = 0


def index_version() -> int:
    """A number that changes whenever this process writes the index (caches compare it)."""
    return _current_version


def _bump():
    global _current_version
    _current_version = next(_version)


@contextlib.contextmanager
def paused():
    """Skip `update` and `update_terms` in this thread (a bulk load that rebuilds after)."""
    previous = getattr(_state, "paused", False)
    _state.paused = True
    try:
        yield
    finally:
        _state.paused = previous


def is_paused() -> bool:
    return getattr(_state, "paused", False)


# --- the decompounding lexicon -------------------------------------------------------------------
_lexicon_loaded: dict[str, float] = {}


def ensure_lexicon(lang: str = "sv", force: bool = False) -> None:
    """Teach the analysis's decompounding lexicon the words of the sources' texts in `lang`
    (once per process and LEXICON_TTL), so that the index and the queries split the same
    compounds the same way."""
    loaded = _lexicon_loaded.get(lang)
    if not force and loaded is not None and time.monotonic() - loaded < LEXICON_TTL:
        return
    _lexicon_loaded[lang] = time.monotonic()
    texts = itertools.chain.from_iterable(s.lexicon_texts(lang) for s in sources())
    analysis.extend_lexicon(lang, texts)


# --- analysis of one document ----------------------------------------------------------------------
@dataclass
class Counts:
    """Term frequencies per token and field."""

    tf: dict[str, dict[str, float]] = field(default_factory=lambda: defaultdict(dict))
    length: dict[str, int] = field(default_factory=lambda: defaultdict(int))

    def add(self, token: str, field_name: str, amount: float):
        if len(token) > MAX_TOKEN:
            return
        per_field = self.tf[token]
        per_field[field_name] = per_field.get(field_name, 0.0) + amount

    def merged(self, other: Counts) -> Counts:
        out = Counts()
        for source in (self, other):
            for token, per_field in source.tf.items():
                for name, amount in per_field.items():
                    out.add(token, name, amount)
            for name, words in source.length.items():
                out.length[name] += words
        return out


def saturate(tf: float) -> float:
    return tf * (K1 + 1) / (tf + K1)


def normaliser(field_name: str, length: int) -> float:
    b = LENGTH_B[field_name]
    return 1 - b + b * length / TYPICAL_LENGTH[field_name]


def impacts(counts: Counts) -> dict[str, float]:
    """Each token's weight, a multiple of 1/QUANTUM (search.engine sums them exactly)."""
    norms = {f: normaliser(f, counts.length.get(f, 0)) for f in FIELD_WEIGHTS}
    return {
        token: quantise(sum(FIELD_WEIGHTS[f] * saturate(tf / norms[f]) for f, tf in fields.items()))
        for token, fields in counts.tf.items()
    }


def quantise(value: float) -> float:
    return round(value * QUANTUM) / QUANTUM


def count_text(counts: Counts, text: Text) -> None:
    """Add the tokens of one text: per word its lemmas (1) and compound parts (PART_TF), each
    with its accent-folded copy; in phrase fields the bigrams of adjacent words' lemmas."""
    previous: tuple[str, ...] | None = None
    for word in analysis.words(text.text):
        found = analysis.analyse_word(word, text.lang)
        if found is None:
            continue  # a stopword: phrases run over it, as queries drop it too
        counts.length[text.field] += 1
        exact = found.tokens(parts=False)
        for token in exact:
            counts.add(token, text.field, 1.0)
        for token in found.tokens():
            if token not in exact:
                counts.add(token, text.field, PART_TF)
        lemmas = found.lemmas[:LEMMAS_PER_PHRASE]
        if text.field in PHRASE_FIELDS and previous:
            for first in previous:
                for second in lemmas:
                    counts.add(phrase(first, second), text.field, 1.0)
        previous = lemmas


def phrase(first: str, second: str) -> str:
    """The bigram token of two adjacent words' lemmas."""
    return f"{first} {second}"


def count_texts(texts: Iterable[Text]) -> Counts:
    counts = Counts()
    for text in texts:
        count_text(counts, text)
    return counts


# --- suggestions -------------------------------------------------------------------------------------
def suggestion_keys(label: str) -> list[str]:
    """The autocomplete keys of a label: search.suggest's key function (its folded text from
    each word on), so the rows written here are what `suggest` looks up. The first starts at
    the label's first word."""
    return suggest.keys(label)


def suggestion_rows(locale: str, label: str, kind: str, services: int) -> list[tuple]:
    """The SearchSuggestion rows of a label: (locale, key, label, kind, services, first)."""
    return [
        (locale, key, label, kind, services, i == 0) for i, key in enumerate(suggestion_keys(label))
    ]


SUGGESTION_COLUMNS = ("locale", "key", "label", "kind", "services", "first")


def recount(labels: Iterable[str]) -> int:
    """Bring the title suggestions of these labels, in every locale, in line with the
    `SearchTitle` rows: `services` updated where the count changed, rows written for a label
    that has none yet, and deleted where no service carries it any more. Returns how many
    labels changed."""
    changed = 0
    labels = sorted(set(labels))
    for start in range(0, len(labels), CHUNK):
        chunk = labels[start : start + CHUNK]
        counts = dict(
            ((locale, label), n)
            for locale, label, n in SearchTitle.objects.filter(label__in=chunk)
            .values("locale", "label")
            .annotate(n=Count("pk"))
            .values_list("locale", "label", "n")
            .order_by()
        )
        rows = SearchSuggestion.objects.filter(kind=suggest.SERVICE, label__in=chunk)
        stored = dict(
            ((locale, label), n)
            for locale, label, n in rows.values_list("locale", "label", "services").distinct()
        )
        new_rows: list[tuple] = []
        for locale, label in sorted(counts.keys() | stored.keys()):
            n = counts.get((locale, label), 0)
            if stored.get((locale, label)) == n:
                continue
            changed += 1
            same = rows.filter(locale=locale, label=label)
            if n == 0:
                same.delete()
            elif (locale, label) in stored:
                same.update(services=n)
            else:
                new_rows += suggestion_rows(locale, label, suggest.SERVICE, n)
        if new_rows:
            # Another transaction recounting the same new label may have written its rows
            # (two services published at once): theirs stay, a publication never fails on it.
            SearchSuggestion.objects.bulk_create(
                (
                    SearchSuggestion(**dict(zip(SUGGESTION_COLUMNS, row, strict=True)))
                    for row in new_rows
                ),
                ignore_conflicts=True,
            )
    return changed


# --- writing ------------------------------------------------------------------------------------------
@dataclass
class Report:
    documents: int = 0
    tokens: int = 0
    suggestions: int = 0
    pages: int = 0

    def __str__(self):
        return (
            f"{self.pages} pages, {self.documents} documents, {self.tokens} tokens, "
            f"{self.suggestions} suggestions"
        )


class _Writer:
    """Buffers rows and inserts them in batches of BATCH: documents with bulk_create, tokens
    and suggestions (most of the rows) with one executemany per batch, which skips building
    a model instance per row."""

    def __init__(self, report: Report):
        self.report = report
        self.documents: list[SearchDocument] = []
        self.tokens: list[tuple] = []
        self.titles: list[tuple] = []
        self.suggestions: list[tuple] = []
        self.labels: Counter[tuple[str, str]] = Counter()  # (locale, title) → documents

    def flush(self):
        if self.documents:
            SearchDocument.objects.bulk_create(self.documents, batch_size=BATCH)
            self.report.documents += len(self.documents)
            self.documents = []
        if self.tokens:
            _insert(SearchToken, ("page_id", "locale", "token", "weight"), self.tokens)
            self.report.tokens += len(self.tokens)
            self.tokens = []
        if self.titles:
            _insert(SearchTitle, ("page_id", "locale", "label"), self.titles)
            self.titles = []
        if self.suggestions:
            _insert(SearchSuggestion, SUGGESTION_COLUMNS, self.suggestions)
            self.report.suggestions += len(self.suggestions)
            self.suggestions = []

    def _check(self):
        if max(len(self.documents), len(self.tokens), len(self.suggestions)) >= BATCH:
            self.flush()

    def document(self, doc: Document):
        """The rows of a document in each locale it is listed in."""
        own = count_texts([Text("title", doc.title, doc.lang)] + doc.texts)
        title = doc.title[:MAX_LABEL]
        for listing in doc.listings:
            counts = own.merged(count_texts(listing.texts)) if listing.texts else own
            self.documents.append(
                SearchDocument(
                    page_id=doc.page_id,
                    locale=listing.locale,
                    is_fallback=listing.is_fallback,
                    boost=doc.boost,
                    updated=doc.updated,
                )
            )
            self.tokens += [
                (doc.page_id, listing.locale, token, weight)
                for token, weight in impacts(counts).items()
            ]
            self.titles.append((doc.page_id, listing.locale, title))
            self.labels[(listing.locale, title)] += 1
            self._check()
        self.report.pages += 1

    def suggestion_rows(self, rows: list[tuple]):
        self.suggestions += rows
        self._check()

    def title_suggestions(self):
        """The suggestion rows of every title written, with its count (a rebuild)."""
        for (locale, label), n in sorted(self.labels.items()):
            self.suggestion_rows(suggestion_rows(locale, label, suggest.SERVICE, n))


def _insert(model, columns: tuple[str, ...], rows: list[tuple]) -> None:
    table = connection.ops.quote_name(model._meta.db_table)
    names = ", ".join(connection.ops.quote_name(c) for c in columns)
    marks = ", ".join(["%s"] * len(columns))
    with connection.cursor() as cursor:
        for start in range(0, len(rows), BATCH):
            cursor.executemany(
                f"INSERT INTO {table} ({names}) VALUES ({marks})", rows[start : start + BATCH]
            )


def _delete_pages(page_ids: set[int]) -> set[str]:
    """Delete the rows of these pages; returns the titles they had."""
    ids = sorted(page_ids)
    labels: set[str] = set()
    for start in range(0, len(ids), CHUNK):
        chunk = ids[start : start + CHUNK]
        titles = SearchTitle.objects.filter(page_id__in=chunk)
        labels.update(titles.values_list("label", flat=True))
        SearchToken.objects.filter(page_id__in=chunk).delete()
        titles.delete()
        SearchDocument.objects.filter(page_id__in=chunk).delete()
    return labels


def _write_terms(writer: _Writer) -> None:
    seen = set()
    for source in sources():
        for term in source.terms():
            label = term.label.strip()[:MAX_LABEL]
            if label and (term.locale, label) not in seen:
                seen.add((term.locale, label))
                writer.suggestion_rows(suggestion_rows(term.locale, label, suggest.TERM, 0))


def rebuild(progress: Callable[[Iterator[Document]], Iterator[Document]] | None = None) -> Report:
    """Write the whole index anew, in one transaction. `progress` wraps the documents'
    iterator (a tqdm bar)."""
    report = Report()
    ensure_lexicon(force=True)
    with transaction.atomic():
        SearchToken.objects.all().delete()
        SearchSuggestion.objects.all().delete()
        SearchTitle.objects.all().delete()
        SearchDocument.objects.all().delete()
        writer = _Writer(report)
        for source in sources():
            documents = source.documents(None)
            for doc in progress(documents) if progress else documents:
                writer.document(doc)
        writer.title_suggestions()
        _write_terms(writer)
        writer.flush()
    _bump()
    analyse_tables()
    return report


def update(page_ids: Iterable[int]) -> Report | None:
    """Replace the index rows of these pages and of the pages that depend on them (their
    translations), from what the sources say now: a page no longer public loses its rows.
    Skipped (None) inside `paused()`."""
    if is_paused():
        return None
    page_ids = set(page_ids)
    if not page_ids:
        return Report()
    report = Report()
    ensure_lexicon()
    with transaction.atomic():
        affected = set(page_ids)
        for source in sources():
            affected |= source.group(page_ids)
        labels = _delete_pages(affected)
        writer = _Writer(report)
        for source in sources():
            for doc in source.documents(affected):
                writer.document(doc)
        writer.flush()
        recount(labels | {label for _, label in writer.labels})
    _bump()
    return report


def update_terms() -> Report | None:
    """Rewrite the term suggestions (a taxonomy term was added, renamed or removed)."""
    if is_paused():
        return None
    report = Report()
    with transaction.atomic():
        SearchSuggestion.objects.filter(kind=suggest.TERM).delete()
        writer = _Writer(report)
        _write_terms(writer)
        writer.flush()
    _bump()
    return report


def analyse_tables() -> None:
    """Fresh planner statistics after a rebuild (PostgreSQL: VACUUM ANALYZE, which also sets
    the visibility map that index-only scans need; SQLite: ANALYZE)."""
    models = (SearchToken, SearchDocument, SearchTitle, SearchSuggestion)
    tables = [m._meta.db_table for m in models]
    try:
        if connection.vendor == "postgresql":
            if connection.in_atomic_block:
                return  # VACUUM cannot run in a transaction (tests); autovacuum will
            with connection.cursor() as cursor:
                for table in tables:
                    cursor.execute(f"VACUUM ANALYZE {table}")
        elif connection.vendor == "sqlite":
            with connection.cursor() as cursor:
                for table in tables:
                    cursor.execute(f"ANALYZE {table}")
    except Exception:  # statistics are an optimisation: never fail a rebuild for them
        logger.exception("could not analyse the search tables")
