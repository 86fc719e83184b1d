"""Full-text search of the `services` list: ranked ids from the search index (search.engine).

The engine ranks the documents of the reader's locale (the translation, or the Finnish
version as the fallback) and returns up to `MAX_SEARCH_HITS` ids, best first, and a
suggested spelling; the caller's queryset (locale, fallback, filters, view restrictions) is
applied to those ids afterwards and ordered by their rank (`rank_by`).

Input rules (docs/api.md): "" is no search (the list as without `search`, as before issue
13); a text of only spaces, more than MAX_SEARCH_LENGTH characters or a control character
is a BAD_USER_INPUT error; a text without a searchable word (only punctuation, one letter,
only stopwords) is no error and finds nothing. Any letters of any
script are words; search syntax of no engine is interpreted (plain words only).
"""

import unicodedata

from django.conf import settings
from django.db.models import CharField, Value
from django.db.models.functions import Cast, Concat, StrIndex

from cms.api.errors import bad_input
from search import engine

from ..models import ServicePage

MAX_SEARCH_LENGTH = 200
MAX_SEARCH_HITS = engine.LIMIT


def check_search_text(text) -> str:
    """The search text stripped, or a BAD_USER_INPUT error."""
    text = (text or "").strip()
    if len(text) > MAX_SEARCH_LENGTH:
        raise bad_input(f"search is limited to {MAX_SEARCH_LENGTH} characters.", "search")
    if not text:
        raise bad_input("search must not be empty.", "search")
    if any(unicodedata.category(c) == "Cc" for c in text):
        # a NUL ends a C string, and PostgreSQL refuses it in text
        raise bad_input("search must not contain control characters.", "search")
    return text


def ids_are_the_list() -> bool:
    """Whether the search's ids are exactly the services listed in the reader's locale (the
    engine's index), so that the list may count them; the Wagtail backend's ids are live pages
    of every locale and go through the list's filters (SEARCH_ENGINE=backend)."""
    return settings.SEARCH_ENGINE == "engine"


def search_ids(info, text, locale) -> engine.SearchResult:
    """The services matching a search in the reader's locale, best first, and a suggested
    spelling of the text: search.engine, or with SEARCH_ENGINE=backend the configured Wagtail
    backend (OpenSearch) asked the same analysed query (docs/search.md, "Scale-out")."""
    text = check_search_text(text)
    if settings.SEARCH_ENGINE == "backend":
        from search import backend

        return backend.search(text, locale, ServicePage.objects.live(), limit=MAX_SEARCH_HITS)
    return engine.search(text, locale, limit=MAX_SEARCH_HITS)


def rank_by(ids):
    """An expression ordering rows as in `ids`: the position of ",<pk>," in ",1,5,9,".
    One string function (INSTR on SQLite, STRPOS on PostgreSQL) instead of a CASE with a
    WHEN per hit, which cost Django ~200 ms to build and compile for 1,000 hits."""
    positions = "," + ",".join(str(pk) for pk in ids) + ","
    return StrIndex(
        Value(positions), Concat(Value(","), Cast("pk", output_field=CharField()), Value(","))
    )
