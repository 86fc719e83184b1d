"""The search backend: Wagtail's database backend, with user text always a plain query.

Wagtail's database backend (modelsearch) picks SQLite FTS5 or PostgreSQL tsquery by the
database, and passes each word of the search text into the engine's query syntax
without escaping it all: a `"` in the text was an FTS5 syntax error ("unterminated
string"), so `services(search: "\\"")` and the admin's page chooser and document search
answered with an internal error. Every search (the GraphQL API's, the admin's search,
choosers and listings, autocomplete) goes through this backend, which first reduces every
text of the query to its words (`plain_text`): the engines then only ever see letters and
digits, each word quoted by the backend, combined with the backend's own AND/OR.

settings.WAGTAILSEARCH_BACKENDS names `search.backend`, which builds on this backend (and
adds the language analysis of issue 13, docs/search.md); this module stays the one place
that sanitises search text. It can still be named as a backend on its own.
"""

import copy
import functools
import re
import unicodedata

from modelsearch.backends import database
from modelsearch.query import And, Boost, Not, Or

WORD = re.compile(r"[^\W_]+")


def plain_text(text: str) -> str:
    """The words of `text` (runs of letters and digits, NFKC-normalised), joined by spaces.

    Nothing else is kept, so no character of the text is search syntax in any engine:
    FTS5's `" * ^ : ( ) { } + -` and column filters (`title:`), tsquery's
    `& | ! <-> : * '` and backslash. Operator words (`NEAR`, `AND`, `OR`, `NOT`) stay
    words: the backend quotes every word it passes on. The engines' own tokenisers split
    text at the same characters, so the hits for `palkkatuki"` are those for `palkkatuki`.
    """
    return " ".join(WORD.findall(unicodedata.normalize("NFKC", text)))


def plain_query(query):
    """`query` (a string or a tree of modelsearch query objects) with every text reduced by
    `plain_text`; None when no word is left (parts without words are left out)."""
    if isinstance(query, str):
        return plain_text(query) or None
    if hasattr(query, "query_string"):  # PlainText, Phrase, Fuzzy
        text = plain_text(query.query_string)
        if not text:
            return None
        query = copy.copy(query)
        query.query_string = text
        return query
    if isinstance(query, (And, Or)):
        parts = [part for part in map(plain_query, query.subqueries) if part is not None]
        if not parts:
            return None
        return parts[0] if len(parts) == 1 else type(query)(parts)
    if isinstance(query, (Not, Boost)):
        subquery = plain_query(query.subquery)
        if subquery is None:
            return None
        query = copy.copy(query)
        query.subquery = subquery
        return query
    return query  # MatchAll (and Not(MatchAll), "match nothing")


class PlainQueryMixin:
    def _search(self, query_compiler_class, query, *args, **kwargs):
        if query is not None:  # None is modelsearch's deprecated "match all"
            # An empty string is the backend's own "no results" (EmptySearchResults).
            query = plain_query(query) or ""
        return super()._search(query_compiler_class, query, *args, **kwargs)


@functools.cache
def _plain_backend_class(backend_class):
    return type(backend_class.__name__, (PlainQueryMixin, backend_class), {})


def SearchBackend(params):
    """The database backend modelsearch chooses for the database, searching plain text
    (Wagtail looks up `SearchBackend` in the module named by the setting)."""
    backend = database.SearchBackend(params)
    backend.__class__ = _plain_backend_class(type(backend))
    return backend
