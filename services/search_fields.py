"""A service page's analysed tokens for Wagtail's search index (admin search, scale-out).

Wagtail's search backend (settings.WAGTAILSEARCH_BACKENDS: `search.backend`, over the
database or OpenSearch) indexes `ServicePage.search_fields`. Besides the raw text fields, four
of them are methods returning the page's public texts already analysed by
`search.analysis` in the language of each text (the page's own, and the taxonomy labels and
names in every locale the page is listed in), as space-separated tokens: lemmas, compound
parts and folded copies. The query side (`search.backend`) rewrites a query into the same
tokens, so the engine behind the backend only matches strings (docs/search.md).

The texts come from `services.search_index.SOURCE.document`, the one definition of what a
service makes public to search; unlike the database index, drafts the admin lists are
analysed too (the admin's own visibility rules decide who sees them). Internal information
never reaches either.

Per field: title (boost 4), taxonomy labels (2.5), short description (2), body and names
(1), as in the ranked engine (search.registry.FIELD_WEIGHTS).
"""

from __future__ import annotations

import contextlib

from django.db.models import prefetch_related_objects

from search import analysis, indexer

from .search_index import LABEL_RELATIONS, NAME_RELATIONS, SOURCE, Labels

# The fields of ServicePage.search_fields (method search_<field>_tokens; Wagtail boosts
# title 4, labels 2.5, short 2, body 1 as the engine's FIELD_WEIGHTS).
FIELDS = ("title", "labels", "short", "body")
# The engine's fields that go into each Wagtail field.
SOURCES = {
    "title": ("title",),
    "labels": ("labels",),
    "short": ("short",),
    "body": ("body", "names"),
}
READERS = ("fi", "sv", "en")
CACHE = "_search_tokens"  # attribute holding a batch's tokens while the backend indexes it
PREFETCH = (*LABEL_RELATIONS, *NAME_RELATIONS, "languages")


def texts(page, labels: Labels | None = None) -> dict[str, list[tuple[str, str]]]:
    """The page's public texts per Wagtail field: {field: [(text, language)]}."""
    document = SOURCE.document(page, set(), list(READERS), labels or Labels())
    out: dict[str, list[tuple[str, str]]] = {field: [] for field in FIELDS}
    out["title"].append((document.title, document.lang))
    by_source = {source: field for field, sources in SOURCES.items() for source in sources}
    extra = [text for listing in document.listings for text in listing.texts]
    for text in document.texts + extra:
        out[by_source[text.field]].append((text.text, text.lang))
    return out


def analyse(texts_by_field: dict[str, list[tuple[str, str]]]) -> dict[str, str]:
    """{field: the space-separated distinct tokens of its texts, in text order}. Swedish
    compounds split against the same lexicon as the engine's index and queries."""
    if any(lang == "sv" for items in texts_by_field.values() for _, lang in items):
        indexer.ensure_lexicon("sv")
    out = {}
    for field, items in texts_by_field.items():
        tokens: dict[str, None] = {}
        for text, lang in items:
            for token in analysis.analyse_document(text, lang):
                tokens[token] = None
        out[field] = " ".join(tokens)
    return out


def tokens(page, field: str) -> str:
    """The analysed tokens of one field of `page` (a batch the backend prepared, or now)."""
    cached = getattr(page, CACHE, None)
    if cached is None:
        cached = analyse(texts(page))
    return cached[field]


@contextlib.contextmanager
def batch(pages):
    """Analyse a batch of pages once for all four fields while the backend indexes them
    (search.backend calls `ServicePage.search_index_batch`). Pages read from the database get
    their relations prefetched; a page being saved keeps its in-memory relations
    (modelcluster commits them after the save signals). Pages already prepared by an outer
    batch are left to it."""
    pages = [page for page in pages if not hasattr(page, CACHE)]
    stored = [page for page in pages if not page._state.adding] if len(pages) > 1 else []
    prefetched = {id(page): set(getattr(page, "_prefetched_objects_cache", {})) for page in stored}
    try:
        if pages:
            if stored:
                prefetch_related_objects(stored, *PREFETCH)
            labels = Labels()
            for page in pages:
                setattr(page, CACHE, analyse(texts(page, labels)))
        yield
    finally:
        for page in pages:
            if hasattr(page, CACHE):
                delattr(page, CACHE)
        for page in stored:  # no prefetched relation outlives the batch
            cache = getattr(page, "_prefetched_objects_cache", {})
            for name in set(cache) - prefetched[id(page)]:
                del cache[name]
