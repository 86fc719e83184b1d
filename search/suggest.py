"""Autocomplete: service titles and taxonomy terms that have a word starting with a prefix.

The indexer (search/indexer.py) writes `SearchSuggestion` rows (search/models.py) for the
public index only, one per distinct (locale, key, label, kind): for a label (a service title
in a locale it is listed in, Finnish fallbacks included, or a term's name in one locale) one
row per word, whose `key` is the label's `key_text` from that word on (`keys(label)`, which
the indexer calls). A row holds what ranks it: `first` (the key starts at the label's first
word) and, for a title, `services` (how many public services in the locale carry it; the
indexer keeps the count as services are published, renamed, unpublished and deleted).
`suggest(prefix, locale)` reads them with one statement, an index range on (locale, key)
(the unique index on (locale, key, label, kind)), the same on SQLite and PostgreSQL:

    key >= prefix AND key < prefix || U+FFFF

which is "key starts with prefix" for keys of letters, digits and spaces compared code
point by code point (SQLite, PostgreSQL with the C collation the project's clusters use).
A LIKE on the same rows rechecks it, so a linguistic collation cannot add wrong rows.
After a finished word ("työ ") the range is from "tyo" to "tyo " || U+FFFF: the word
alone, or followed by more words, but not "tyokokeilu".

Ranking, best first, by the rows' own columns (ORDER BY ... LIMIT, no grouping):
1. labels whose first word the prefix starts (`first`), before labels where a later word
   matches;
2. service titles before term names (kind "service" < "term");
3. among titles, the title more services carry first (`services`);
4. alphabetically, code point by code point (label COLLATE "C" on PostgreSQL, SQLite's
   BINARY), as Python compares strings.
A label appears once, however many services carry it: its best row is its first in that
order (a label with two matching words, or that is both a title and a term, has more than
one row in the range; a label that is both a title and a term is a title, SERVICE).
"""

import re
import unicodedata
from dataclasses import dataclass

from django.db import connection
from django.db.models import F
from django.db.models.functions import Collate

from .analysis import fold, normalise
from .models import SearchSuggestion

MAX_KEY = 100  # SearchSuggestion.key's max_length
MIN_PREFIX = 2  # characters of the normalised prefix; shorter gives no suggestions
MAX_PREFIX = 100  # characters of the prefix as given; longer is refused
MAX_LIMIT = 10
SERVICE = "service"
TERM = "term"
# How many rows the statement reads, best first, to find `limit` distinct labels: a label has
# more than one row in a prefix's range only when several of its words start with the
# prefix or it is also a term. When these rows hold fewer than `limit` labels, a second
# statement reads the whole range (exact, and rare).
CANDIDATES = 50

SEPARATORS = re.compile(r"[\W_]+")


class SuggestInputError(ValueError):
    """A prefix or limit that is refused (the API answers BAD_USER_INPUT). `argument`
    names the argument."""

    def __init__(self, message: str, argument: str):
        super().__init__(message)
        self.argument = argument


@dataclass(frozen=True)
class Suggestion:
    label: str
    kind: str  # SERVICE or TERM
    services: int  # how many public services in the locale carry the label as title


def key_text(text: str) -> str:
    """`text` as suggestion keys hold it: normalised (NFKC, casefold), accents folded,
    words (runs of letters and digits) separated by one space."""
    return " ".join(w for w in SEPARATORS.split(fold(normalise(text))) if w)


def keys(label: str) -> list[str]:
    """The keys of a label: its `key_text` from each word on, at most MAX_KEY characters
    ("CV- ja LinkedIn-työpaja" → "cv ja linkedin tyopaja", "ja linkedin tyopaja",
    "linkedin tyopaja", "tyopaja"). The indexer writes one row per key."""
    words = key_text(label).split(" ")
    out: list[str] = []
    for i in range(len(words)):
        key = " ".join(words[i:])[:MAX_KEY].rstrip()
        if key and key not in out:
            out.append(key)
    return out


def prefix_key(prefix: str) -> str:
    """The prefix as a key: `key_text`, keeping one trailing space when the prefix ends
    after a separator ("työ " matches "työ ja ..." but not "työkokeilu")."""
    text = key_text(prefix)
    if text and SEPARATORS.fullmatch(normalise(prefix)[-1:] or "a"):
        text += " "
    return text


def check(prefix: str, limit: int) -> None:
    """Refuse what no autocomplete types: raises SuggestInputError."""
    if not 1 <= limit <= MAX_LIMIT:
        raise SuggestInputError(f"limit must be between 1 and {MAX_LIMIT}.", "limit")
    if len(prefix) >= MAX_PREFIX:
        raise SuggestInputError(f"prefix must be shorter than {MAX_PREFIX} characters.", "prefix")
    if any(unicodedata.category(c) in ("Cc", "Cs") for c in prefix):
        raise SuggestInputError("prefix must not contain control characters.", "prefix")


def _alphabetical():
    """The label in code point order on both databases (ranking rule 4)."""
    if connection.vendor == "postgresql":
        return Collate(F("label"), "C").asc()
    return F("label").asc()  # SQLite's BINARY collation


def suggest(prefix: str, locale: str, limit: int = MAX_LIMIT) -> list[Suggestion]:
    """At most `limit` suggestions for what a reader of `locale` has typed, best first.

    A prefix of fewer than MIN_PREFIX letters or digits (after normalisation: "a", " ",
    "?!") gives none, without a query."""
    check(prefix, limit)
    key = prefix_key(prefix)
    stem = key.rstrip()
    if len(stem) < MIN_PREFIX:
        return []
    rows = (
        # After a finished word ("työ "), the word alone is a key too: keys hold only
        # letters, digits and spaces, so [stem, stem + " " + U+FFFF) is exactly that key
        # and the keys going on after a space.
        SearchSuggestion.objects.filter(locale=locale, key__gte=stem, key__lt=key + "\uffff")
        .filter(key__startswith=stem)
        .order_by("-first", "kind", "-services", _alphabetical())
        .values_list("label", "kind", "services")
    )
    first = list(rows[:CANDIDATES])
    found = _distinct(first, limit)
    if len(found) < limit and len(first) == CANDIDATES:
        found = _distinct(rows, limit)  # more rows than labels: read the whole range
    return found


def _distinct(rows, limit: int) -> list[Suggestion]:
    """The first `limit` distinct labels of ranked rows (a label's first row is its best)."""
    out: list[Suggestion] = []
    seen: set[str] = set()
    for label, kind, services in rows:
        if label not in seen:
            seen.add(label)
            out.append(Suggestion(label, kind, services))
            if len(out) == limit:
                break
    return out
