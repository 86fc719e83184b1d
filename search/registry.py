"""What the search indexes: the sources domain apps register, and the documents they give.

The search app knows no domain model. A domain app (services) registers a `Source` from its
`AppConfig.ready`; the indexer (search/indexer.py) asks it for `Document`s, analyses their
texts and writes the index rows. A source decides what is public: it yields documents only
for pages the public API lists, and only their public texts.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Protocol

# The fields a document's texts come in, and their weights in the ranking (title > taxonomy
# labels > short description > body; organisation names count as much as the body).
FIELD_WEIGHTS = {"title": 4.0, "labels": 2.5, "short": 2.0, "body": 1.0, "names": 1.0}
# Fields whose adjacent words also give phrase bigrams ("suomi kieli").
PHRASE_FIELDS = frozenset({"title", "labels", "short"})


@dataclass(frozen=True)
class Text:
    """One text of a document: `field` (a key of FIELD_WEIGHTS), analysed in `lang`. Each
    taxonomy label is a Text of its own, so that no phrase runs from one label to the next."""

    field: str
    text: str
    lang: str

    def __post_init__(self):
        if self.field not in FIELD_WEIGHTS:
            raise ValueError(f"unknown search field {self.field!r}: use one of {FIELD_WEIGHTS}")


@dataclass
class Listing:
    """A reader's locale the page is listed in: its own locale, or another one as the
    fallback (`is_fallback`). `texts` are the extra texts of that listing (taxonomy labels and
    organisation names in the reader's language)."""

    locale: str
    is_fallback: bool = False
    texts: list[Text] = field(default_factory=list)


@dataclass
class Document:
    """A public page: its own texts (in its language) and the locales it is listed in."""

    page_id: int
    lang: str
    title: str
    texts: list[Text]
    listings: list[Listing]
    boost: float = 0.0
    updated: dt.date | None = None


@dataclass(frozen=True)
class Term:
    """A taxonomy term's label in a locale, for autocomplete."""

    locale: str
    label: str


class Source(Protocol):
    """What a domain app registers (`register`)."""

    name: str

    def group(self, page_ids: Iterable[int]) -> set[int]:
        """Every page whose index rows depend on these pages (a page and its translations:
        a translation replaces the Finnish fallback), including the pages themselves."""

    def documents(self, page_ids: Iterable[int] | None = None) -> Iterator[Document]:
        """The documents of these pages (every public page when None). Pages that are not
        public (drafts, unpublished, archived, restricted) give no document."""

    def terms(self) -> Iterator[Term]:
        """The taxonomy labels to suggest, in every locale."""

    # Optional: `count() -> int`, how many documents `documents()` gives (a progress bar's
    # total).

    def lexicon_texts(self, lang: str) -> Iterable[str]:
        """Texts in `lang` whose words teach the analysis's decompounding lexicon."""


_sources: dict[str, Source] = {}


def register(source: Source) -> None:
    """Register a source (from an AppConfig.ready); a second registration under the same
    name replaces the first."""
    _sources[source.name] = source


def sources() -> list[Source]:
    return list(_sources.values())
