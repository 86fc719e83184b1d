"""Wagtail's search backend with the analysed query: one search for the admin and the API.

settings.WAGTAILSEARCH_BACKENDS names this module. `SearchBackend(params)` builds the engine
the settings ask for, the database (`cms.search`: Wagtail's database backend, SQLite FTS5 or
PostgreSQL, user text always plain words) or OpenSearch (`"ENGINE": "opensearch"`, when
OPENSEARCH_URL is set; search/opensearch.py), and adds the analysis of search/analysis.py:

- A search on a page model (the admin's page search, the page chooser, the explorer's search,
  `Page.objects.search()`) is rewritten: the user's text stays as it was typed (plain words,
  the last one a prefix for the admin's as-you-type searches), OR the same analysed
  alternatives the API's ranked engine matches: per query word its lemmas, compound parts,
  synonyms and typo corrections (`search.engine.parse(text, locale).slots`), each weighted,
  words combined with the caller's operator (AND in the admin). Service pages index the
  analysed tokens of their public texts (services/search_fields.py), so "työkokeiluun",
  "kesätyöseteliä" or a compound's part find the service in the admin as in the API, and
  pages without analysed fields (folders, drafts' raw text, policy pages) still match their
  raw text. The admin does not know the query's language: it is analysed in fi, sv and en,
  and any of the three may match.
- The admin's searches are autocomplete searches in Wagtail; on page models this backend runs
  them as full-text searches over every searchable field (the raw text with a prefix on the
  last word, and the analysed tokens), which the analysed tokens need.
- Indexing a batch of objects asks their model (`search_index_batch`, a context manager) to
  prepare it: a service page's texts are read and analysed once for its four fields.
- Other models (documents, images, snippets) are searched as before: plain words.

`search(text, locale, queryset)` is the API's search with SEARCH_ENGINE=backend: the same
rewritten query on the configured backend, ranked by the backend (docs/search.md).

The admin's visibility rules (services.permissions.pages_visible_in_admin) apply to the
querysets Wagtail searches, so no one finds a page they may not see.
"""

from __future__ import annotations

import contextlib
import functools
import importlib

from django.core.exceptions import ImproperlyConfigured
from django.db.models import QuerySet
from modelsearch.query import And, Boost, MatchAll, Not, Or, PlainText

from cms.search import PlainQueryMixin, plain_text

from . import analysis, opensearch

# The languages an admin query is analysed in (its language is not known).
ADMIN_LOCALES = analysis.LANGUAGES
# Words of a query that are analysed (the raw text keeps them all).
MAX_ANALYSED_WORDS = 16
# Whole-word alternatives weaker than this are left out of the backend's query: the single
# words of a multi-word synonym ("job" of "summer job"), a correction's Finnish reading.
MIN_WEIGHT = 0.3
# FTS5 bm25 weights of modelsearch's columns (autocomplete, body, title): the search
# compiler matches title and body, the title counting double (Wagtail's Page title boost).
SQLITE_BM25_WEIGHTS = "0.0, 1.0, 2.0"


class Prefix(PlainText):
    """Plain words of which the last is a prefix ("hygieniap" finds Hygieniapassikoulutus):
    the raw text of an admin search, run as a full-text search (see `_search`)."""


# --- the analysed query ---------------------------------------------------------------------------
def _weighted(tokens, weight):
    query = PlainText(tokens[0]) if len(tokens) == 1 else Or([PlainText(t) for t in tokens])
    return query if weight == 1.0 else Boost(query, float(weight))


def _slot_query(slot):
    """One query word (a `search.engine.Slot`): an OR of its whole-word alternatives (lemmas,
    folded copies, synonyms, corrections) and, per analysis that split it, its compound
    parts all together. The engine also counts a text with one part of the word; here a
    part alone does not match (in the admin "työ" of "työkokeilu" would match every page),
    and neither do synonyms' single words of multi-word terms (below MIN_WEIGHT)."""
    whole = {}
    parts = {}  # weight (one per analysis: own language, Finnish, correction) → group → tokens
    for alternative in slot.alternatives:
        token = alternative.token
        if not token or " " in token:
            continue  # phrase bigrams are tokens of the engine's own index only
        if alternative.group:
            groups = parts.setdefault(alternative.weight, {})
            groups.setdefault(alternative.group, []).append(token)
        elif alternative.weight >= MIN_WEIGHT:
            whole[token] = max(whole.get(token, 0.0), alternative.weight)
    by_weight = {}
    for token, weight in whole.items():
        by_weight.setdefault(weight, []).append(token)
    alternatives = [_weighted(tokens, weight) for weight, tokens in by_weight.items()]
    for weight, groups in parts.items():
        required = _atomic(list(groups.values()))
        if len(required) >= 2:
            alternatives.append(Boost(And([_weighted(t, 1.0) for t in required]), weight))
    if not alternatives:
        return None
    return alternatives[0] if len(alternatives) == 1 else Or(alternatives)


def _atomic(groups):
    """The part groups that contain no other part (kesä, työ, seteli of kesätyöseteli, not
    the spans kesätyö and työseteli): a text has those whenever it has the word's parts."""
    keys = [analysis.fold(tokens[0]) for tokens in groups]
    return [
        tokens
        for tokens, key in zip(groups, keys, strict=True)
        if not any(other != key and other in key for other in keys)
    ]


def _combine(parts, operator):
    parts = [part for part in parts if part is not None]
    if not parts:
        return None
    if len(parts) == 1:
        return parts[0]
    return And(parts) if operator == "and" else Or(parts)


def slots_query(slots, operator: str = "and"):
    """The engine's slots (`search.engine.parse(...).slots`, one per query word) as a query:
    one OR of weighted alternatives per word, the words combined with `operator`; None
    without tokens."""
    return _combine([_slot_query(slot) for slot in slots], operator)


def analysed_query(text: str, locales, operator: str = "and"):
    """The analysed alternatives of `text` as the API's engine parses it
    (`search.engine.parse`: lemmas, compound parts, synonyms, typo corrections) in each of
    `locales`, ORed; None when no word gives a token (stopwords, punctuation)."""
    from .engine import parse

    text = " ".join(analysis.words(text)[:MAX_ANALYSED_WORDS])
    if not text:
        return None
    queries = []
    seen = set()
    for locale in locales:
        query = slots_query(parse(text, locale).slots, operator)
        if query is not None and repr(query) not in seen:
            seen.add(repr(query))
            queries.append(query)
    return _combine(queries, "or")


def rewrite(query, operator: str, locales, *, prefix: bool = False):
    """`query` (the user's text, or Wagtail's PlainText of it) as the raw words OR their
    analysed alternatives; None to leave `query` as it is (match-all, phrases, trees)."""
    if isinstance(query, str):
        text = query
    elif type(query) is PlainText:
        text, operator = query.query_string, query.operator
    else:
        return None
    raw = plain_text(text)
    if not raw:
        return None  # the plain-query backend answers "no results"
    operator = operator.lower()
    raw_query = (Prefix if prefix else PlainText)(raw, operator=operator)
    analysed = analysed_query(raw, locales, operator)
    return raw_query if analysed is None else Or([raw_query, analysed])


def strip_boost(query):
    """`query` without Boost wrappers (for engines that cannot match them: SQLite's FTS5
    ranking would not change with them anyway, its score is the whole match's bm25)."""
    if isinstance(query, Boost):
        return strip_boost(query.subquery)
    if isinstance(query, (And, Or)):
        return type(query)([strip_boost(q) for q in query.subqueries])
    if isinstance(query, Not):
        return Not(strip_boost(query.subquery))
    return query


def is_analysed_model(model) -> bool:
    from wagtail.models import Page

    return isinstance(model, type) and issubclass(model, Page)


# --- the engines' query compilers -------------------------------------------------------------------
class _StripBoost:
    """Compilers of the database backends without Boost support (SQLite, the fallback)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not isinstance(self.query, MatchAll):
            self.query = strip_boost(self.query)


class _SQLiteCompiler(_StripBoost):
    def search(self, config, start, stop, score_field=None):
        """Wagtail's SQLite search, ranked with one full-text query. modelsearch orders by a
        correlated subquery that runs the MATCH again for every hit (0.4 s for 200 hits of
        386 pages), and its rank formula for AND (a product of 1 + score) assumes scores
        above zero, while FTS5's bm25 is below zero (better is lower): it scrambles the
        order of any query with an AND in it. Here the MATCH runs once, ordered by FTS5's
        bm25 of the whole match with the title column weighted double (the SQLite score is
        the whole match's anyway: query weights never changed it), and that order becomes
        a position expression (as services.api.search.rank_by). Negated queries, match-all
        and requested score fields keep modelsearch's own way."""
        from django.db.models import CharField, Value
        from django.db.models.expressions import RawSQL
        from django.db.models.functions import Cast, Concat, StrIndex
        from modelsearch.backends.database.sqlite import sqlite
        from modelsearch.backends.database.sqlite.query import MatchExpression, normalize
        from modelsearch.utils import get_descendants_content_types_pks

        query = normalize(self.query)
        if (
            score_field is not None
            or not self.order_by_relevance
            or isinstance(query, (MatchAll, Not))
            or not isinstance(query, (PlainText, And, Or))
        ):
            return super().search(config, start, stop, score_field=score_field)
        match = MatchExpression(
            self.fields or self.FTS_TABLE_FIELDS, self.build_search_query(query, config=config)
        )
        table = sqlite.SQLiteFTSIndexEntry._meta.db_table
        ranked = (
            sqlite.SQLiteFTSIndexEntry.objects.filter(match)
            .filter(
                index_entry__content_type__in=get_descendants_content_types_pks(self.queryset.model)
            )
            .annotate(score=RawSQL(f"bm25({table}, {SQLITE_BM25_WEIGHTS})", []))
            .order_by("score", "-index_entry__object_id")
            .values_list("index_entry__object_id", flat=True)
        )
        ids = list(dict.fromkeys(ranked))
        positions = Value("," + ",".join(ids) + ",")
        key = Concat(Value(","), Cast("pk", output_field=CharField()), Value(","))
        queryset = self.queryset.filter(pk__in=ids).order_by(StrIndex(positions, key), "-pk")
        return queryset[start:stop]

    def build_search_query_content(self, query, config=None):
        if isinstance(query, Prefix):
            from modelsearch.backends.database.sqlite.query import SearchQueryExpression

            return SearchQueryExpression(_sqlite_prefix(query), config=config)
        return super().build_search_query_content(query, config=config)


def _sqlite_prefix(query):
    from modelsearch.backends.database.sqlite.query import Lexeme, LexemeCombinable

    class Group(LexemeCombinable):
        """Parentheses: the lexemes of one PlainText stay together in an FTS5 expression."""

        def __init__(self, inner):
            super().__init__()
            self.inner = inner

        def as_sql(self, compiler, connection):
            sql, params = compiler.compile(self.inner)
            return "%s", [f"({sql % tuple(params)})"]

    terms = query.query_string.split()
    lexemes = None
    for i, term in enumerate(terms):
        lexeme = Lexeme(term, prefix=i == len(terms) - 1)
        if lexemes is None:
            lexemes = lexeme
        else:
            lexemes = lexemes & lexeme if query.operator == "and" else lexemes | lexeme
    return Group(lexemes)


class _PostgresCompiler:
    def build_tsquery_content(self, query, config=None, invert=False):
        if isinstance(query, Boost):
            # Matching ignores the weight (the rank uses it): without Wagtail's warning.
            return self.build_tsquery_content(query.subquery, config=config, invert=invert)
        if isinstance(query, Prefix):
            from django.contrib.postgres.search import SearchQuery
            from modelsearch.backends.database.postgres.query import Lexeme

            terms = query.query_string.split()
            lexemes = None
            for i, term in enumerate(terms):
                lexeme = Lexeme(term, invert=invert, prefix=i == len(terms) - 1)
                if lexemes is None:
                    lexemes = lexeme
                else:
                    lexemes = lexemes & lexeme if query.operator == "and" else lexemes | lexeme
            return SearchQuery(lexemes, search_type="raw", config=config)
        return super().build_tsquery_content(query, config=config, invert=invert)


class _ElasticsearchCompiler:
    def _compile_plaintext_query(self, query, fields, boost=1.0):
        if isinstance(query, Prefix):
            match = {
                "query": query.query_string,
                "type": "bool_prefix",
                "fields": [field.field_name_with_boost for field in fields],
            }
            if query.operator != "or":
                match["operator"] = query.operator
            if boost != 1.0:
                match["boost"] = boost
            return {"multi_match": match}
        return super()._compile_plaintext_query(query, fields, boost)


def _compiler_mixin(backend_class):
    module = backend_class.__module__
    if module.endswith(".sqlite.sqlite"):
        return _SQLiteCompiler
    if module.endswith(".postgres.postgres"):
        return _PostgresCompiler
    from modelsearch.backends.elasticsearchbase import ElasticsearchBaseSearchBackend

    if issubclass(backend_class, ElasticsearchBaseSearchBackend):
        return _ElasticsearchCompiler
    return _StripBoost


# --- indexing -----------------------------------------------------------------------------------------
@contextlib.contextmanager
def _prepared(objects):
    """Let each model prepare the batch it is indexed in (`search_index_batch`)."""
    by_model = {}
    for obj in objects:
        by_model.setdefault(type(obj), []).append(obj)
    with contextlib.ExitStack() as stack:
        for model, batch in by_model.items():
            prepare = getattr(model, "search_index_batch", None)
            if prepare is not None:
                stack.enter_context(prepare(batch))
        yield


class _PreparingIndex:
    def add_item(self, item):
        with _prepared([item]):
            return super().add_item(item)

    def add_items(self, model, items):
        items = list(items)
        with _prepared(items):
            return super().add_items(model, items)


# --- the backend ------------------------------------------------------------------------------------
class AnalysedQueryMixin:
    def _search(self, query_compiler_class, query, model_or_queryset, **kwargs):
        model = (
            model_or_queryset.model
            if isinstance(model_or_queryset, QuerySet)
            else model_or_queryset
        )
        if is_analysed_model(model) and kwargs.get("fields") is None:
            autocomplete = query_compiler_class is self.autocomplete_query_compiler_class
            operator = kwargs.get("operator") or query_compiler_class.DEFAULT_OPERATOR
            rewritten = rewrite(query, operator, ADMIN_LOCALES, prefix=autocomplete)
            if rewritten is not None:
                query = rewritten
                query_compiler_class = self.query_compiler_class
        return super()._search(query_compiler_class, query, model_or_queryset, **kwargs)


@functools.cache
def _analysed_backend_class(backend_class):
    mixin = _compiler_mixin(backend_class)
    name = backend_class.__name__
    attrs = {
        "query_compiler_class": type(
            f"Analysed{backend_class.query_compiler_class.__name__}",
            (mixin, backend_class.query_compiler_class),
            {},
        ),
        "index_class": type(
            f"Analysed{backend_class.index_class.__name__}",
            (_PreparingIndex, backend_class.index_class),
            {},
        ),
    }
    if backend_class.autocomplete_query_compiler_class is not None:
        attrs["autocomplete_query_compiler_class"] = type(
            f"Analysed{backend_class.autocomplete_query_compiler_class.__name__}",
            (mixin, backend_class.autocomplete_query_compiler_class),
            {},
        )
    return type(name, (AnalysedQueryMixin, PlainQueryMixin, backend_class), attrs)


ENGINES = ("database", "opensearch")


def SearchBackend(params):
    """The backend settings.WAGTAILSEARCH_BACKENDS asks for ("ENGINE": "database", the
    default, or "opensearch" with Wagtail's OpenSearch parameters: URLS, INDEX_PREFIX,
    TIMEOUT, OPTIONS, INDEX_SETTINGS), with the analysed query."""
    params = dict(params)
    engine = params.pop("ENGINE", "database")
    if engine == "database":
        from modelsearch.backends import database

        backend = database.SearchBackend(params)
    elif engine == "opensearch":
        try:
            module = importlib.import_module(opensearch.BACKEND_MODULE)
        except ImportError as exc:
            raise ImproperlyConfigured(opensearch.CLIENT_MISSING) from exc
        params["INDEX_SETTINGS"] = opensearch.index_settings(params.get("INDEX_SETTINGS"))
        backend = module.SearchBackend(params)
    else:
        raise ImproperlyConfigured(
            f"search backend ENGINE must be one of {', '.join(ENGINES)}, got {engine!r}"
        )
    backend.__class__ = _analysed_backend_class(type(backend))
    return backend


# --- the API's search on the backend (SEARCH_ENGINE=backend) -------------------------------------------
def search(text: str, locale: str, queryset=None, limit: int = 1000):
    """The API's search on the configured Wagtail backend (SEARCH_ENGINE=backend): `queryset`
    (default: live pages) searched for the engine's analysed alternatives in the reader's
    `locale`, any query word matching (OR), ranked by the backend. Returns a
    `search.engine.SearchResult` (ids best first, the suggested spelling) like
    `search.engine.search`; the caller applies its public and locale filters to the ids."""
    from wagtail.models import Page
    from wagtail.search.backends import get_search_backend

    from . import engine

    parsed = engine.parse(text, locale)  # refuses an unknown locale
    raw = plain_text(text)
    if not raw:
        return engine.SearchResult([], None, parsed)
    # Only service pages are searched, and they all have analysed fields: the analysed
    # alternatives alone, as the engine matches them (the words as written are among them
    # for words the analysis does not know).
    query = slots_query(parsed.slots, "or") or PlainText(raw, operator="or")
    queryset = Page.objects.live() if queryset is None else queryset
    results = get_search_backend().search(query, queryset.only("pk"))
    ids = [page.pk for page in results[:limit]]
    if parsed.suggestion is None and len(ids) < engine.FEW_HITS:
        parsed.suggestion = engine._better_spelling(parsed)
    return engine.SearchResult(ids, parsed.suggestion, parsed)
