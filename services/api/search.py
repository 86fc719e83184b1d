"""Full-text search of the `services` list: ranked ids from Wagtail's search backend.

The backend searches live services and returns up to `MAX_SEARCH_HITS` ids, best first;
the caller's queryset (locale, filters, view restrictions) is applied to those ids
afterwards and ordered by their rank (`rank_by`).
"""

from django.db.models import CharField, Value
from django.db.models.functions import Cast, Concat, StrIndex

from cms.api.errors import bad_input

from ..models import ServicePage

MAX_SEARCH_LENGTH = 200
MAX_SEARCH_HITS = 1000


def search_ids(info, text):
    """Primary keys of the services matching a search, best first (Wagtail's search backend)."""
    text = (text or "").strip()
    if len(text) > MAX_SEARCH_LENGTH:
        raise bad_input(f"search is limited to {MAX_SEARCH_LENGTH} characters.", "search")
    if not text:
        raise bad_input("search must not be empty.", "search")
    if any(ord(c) < 32 for c in text):
        # a NUL ends the string in SQLite's full-text query, and PostgreSQL refuses it
        raise bad_input("search must not contain control characters.", "search")
    results = ServicePage.objects.live().only("id").search(text, operator="and")
    return [page.pk for page in results[:MAX_SEARCH_HITS]]


def rank_by(ids):
    """An expression ordering rows as in `ids`: the position of ",<pk>," in ",1,5,9,".
    One string function (INSTR on SQLite, STRPOS on PostgreSQL) instead of a CASE with a
    WHEN per hit, which cost Django ~200 ms to build and compile for 1,000 hits."""
    positions = "," + ",".join(str(pk) for pk in ids) + ","
    return StrIndex(
        Value(positions), Concat(Value(","), Cast("pk", output_field=CharField()), Value(","))
    )
