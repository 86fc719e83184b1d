"""Typo correction against the index vocabulary of a locale.

A query word none of whose tokens is in the index is compared with the index's tokens:
optimal string alignment distance (a swap of two neighbours counts one edit) of at most 1
for words of 5-7 letters and 2 from 8 letters on; shorter words are not compared. The
closest token wins, then the one in most documents. For Finnish (words of 4 letters and
more), Voikko's spelling suggestions come first when their base form is in the index: they
fix inflected forms ("uraohjuaksen" → uraohjauksen) and prefer real words.

The vocabulary (token → document frequency) is read with one GROUP BY per locale and kept in
the process for VOCABULARY_TTL seconds, or until this process writes the index.
"""

from __future__ import annotations

import threading
import time
from collections import defaultdict
from dataclasses import dataclass, field

from django.db import connection
from rapidfuzz import process
from rapidfuzz.distance import OSA

from . import analysis, indexer
from .models import SearchToken

VOCABULARY_TTL = 600.0
MIN_WORD = 5  # shorter words are not corrected against the vocabulary
LONG_WORD = 8  # from this length on, two edits are allowed
MIN_CANDIDATE = 3


def max_distance(word: str) -> int:
    if len(word) < MIN_WORD:
        return 0
    return 1 if len(word) < LONG_WORD else 2


@dataclass
class Vocabulary:
    df: dict[str, int]
    by_length: dict[int, list[str]] = field(default_factory=lambda: defaultdict(list))
    unfolded: dict[str, str] = field(default_factory=dict)

    def __post_init__(self):
        for token, count in self.df.items():
            if " " in token or len(token) < MIN_CANDIDATE:
                continue  # phrase bigrams and short tokens are no spelling
            self.by_length[len(token)].append(token)
            folded = analysis.fold(token)
            if folded != token:
                best = self.unfolded.get(folded)
                if best is None or self.df[best] < count:
                    self.unfolded[folded] = token

    def display(self, token: str) -> str:
        """The token as a reader writes it: with its accents when it is a folded copy."""
        return self.unfolded.get(token, token)


_lock = threading.Lock()
_cache: dict[str, tuple[int, float, Vocabulary]] = {}


def vocabulary(locale: str) -> Vocabulary:
    version = indexer.index_version()
    now = time.monotonic()
    with _lock:
        cached = _cache.get(locale)
        if cached and cached[0] == version and now - cached[1] < VOCABULARY_TTL:
            return cached[2]
    table = connection.ops.quote_name(SearchToken._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT token, COUNT(*) FROM {table} WHERE locale = %s GROUP BY token", [locale]
        )
        df = dict(cursor.fetchall())
    found = Vocabulary(df)
    if not connection.in_atomic_block:  # a transaction's rows may yet be rolled back
        with _lock:
            _cache[locale] = (version, now, found)
    return found


def clear_cache() -> None:
    with _lock:
        _cache.clear()


@dataclass(frozen=True)
class Correction:
    """A replacement of a query word: `text` is what the reader sees and what is searched
    for ("uraohjaus"), `distance` its edits from the word (0 for Voikko's), `df` in how many
    documents it is."""

    text: str
    distance: int
    df: int
    source: str  # "vocabulary" or "voikko"


def vocabulary_candidates(word: str, vocab: Vocabulary, limit: int = 3) -> list[Correction]:
    """The closest tokens of the vocabulary within the word's edit budget, closest first,
    then by document frequency."""
    budget = max_distance(word)
    if not budget:
        return []
    probes = {word, analysis.fold(word)}
    found: dict[str, int] = {}
    for length in range(len(word) - budget, len(word) + budget + 1):
        choices = vocab.by_length.get(length)
        if not choices:
            continue
        for probe in probes:
            for token, distance, _index in process.extract(
                probe, choices, scorer=OSA.distance, score_cutoff=budget, limit=None
            ):
                if token != probe and distance <= budget:
                    found[token] = min(distance, found.get(token, budget + 1))
    ranked = sorted(found.items(), key=lambda item: (item[1], -vocab.df[item[0]], item[0]))
    out: list[Correction] = []
    seen = set()
    for token, distance in ranked:
        text = vocab.display(token)
        if text in seen:
            continue
        seen.add(text)
        out.append(Correction(text, distance, vocab.df[token], "vocabulary"))
        if len(out) == limit:
            break
    return out


def voikko_candidates(word: str, lang: str, vocab: Vocabulary) -> list[Correction]:
    """Voikko's suggestions for a Finnish word, those whose base form is in the index."""
    if lang != "fi" or len(word) < MIN_WORD - 1:
        return []
    out = []
    for suggestion in analysis.spelling_suggestions(word, lang, limit=5):
        if " " in suggestion or "-" in suggestion:
            continue  # a split into two words is no spelling of one
        found = analysis.analyse_word(suggestion, lang)
        if found is None:
            continue
        df = max((vocab.df.get(t, 0) for t in found.lemmas), default=0)
        if df:
            out.append(Correction(suggestion, 0, df, "voikko"))
    return out


def corrections(word: str, lang: str, vocab: Vocabulary) -> list[Correction]:
    """Candidate spellings of `word` found in the index, the best first: Voikko's
    suggestions (it knows Finnish inflection and word formation: "avustja" → avustaja, not
    the verb avustaa one edit away too), then vocabulary tokens, closest first."""
    close = vocabulary_candidates(word, vocab)
    voikko = voikko_candidates(word, lang, vocab)
    ordered = voikko + close
    out, seen = [], set()
    for candidate in ordered:
        if candidate.text not in seen and candidate.text != word:
            seen.add(candidate.text)
            out.append(candidate)
    return out
