"""The ranked query: a search text → the ids of the matching pages, best first.

`parse(text, locale)` analyses the text (search/analysis.py) into one slot per query word,
each a list of alternative tokens with weights:

- the word's own tokens in the locale's language (lemmas, folded copies; for a Finnish
  word Voikko does not know, its stem and the lemmas of its dotted readings): EXACT;
- its compound parts: PART each, and the parts of one word add up (one per stem family) (a text with both
  "kieli" and "kurssi" beats one with "kurssi" only for "kielikurssi");
- for a Swedish or English query, the word's Finnish analysis at FOREIGN (the Finnish
  fallback documents are Finnish texts with labels in the reader's language);
- synonyms (search/synonyms.py, when that module exists): the weights it gives;
- a typo correction (search/spelling.py) for a word none of whose tokens is in the index:
  CORRECTION, and `suggestion` becomes the corrected text.

Adjacent words also give phrase bigrams ("suomi kieli"), which add a bonus but do not count
as matched words.

`search(text, locale)` runs one SQL statement (the same text on SQLite and PostgreSQL, after
a document-frequency query) over the index: per page and slot the best alternative's
weight × its query weight × idf (parts summed), then pages rank by the number of slots
matched, then by the summed score plus the phrase bonus, `search_boost` × BOOST and a small
freshness bonus, then by id. Weights are multiples of 1/QUANTUM, so sums are exact and both
databases order ties the same way.
"""

from __future__ import annotations

import datetime as dt
import importlib.util
import math
import threading
import time
from dataclasses import dataclass, field

from django.db import connection
from django.utils import timezone

from . import analysis, indexer, spelling
from .models import SearchDocument, SearchToken

EXACT = 1.0
PART = 0.3
FOREIGN = 0.5
CORRECTION = 0.6
PHRASE = 0.5
BOOST = 0.125  # per point of search_boost (0-10); binary fractions add exactly
# Freshness: a bonus for documents updated within these many days.
FRESH = ((180, 0.25), (365, 0.125))
FAMILY_PREFIX = 5
FREQUENCY_TTL = 300.0
FREQUENCY_CACHE_SIZE = 200_000
PRUNE = 0.3
PRUNE_HITS = 1000
QUANTUM = 256
# The most that search_boost (0-10) and freshness add: only pages within this of the
# limit-th page's score can still move into the first `limit`, so only those are joined
# with their documents (an exact cut, not an approximation).
MAX_BONUS = 10 * BOOST + max(bonus for _days, bonus in FRESH)
LIMIT = 1000
MAX_SLOTS = 12  # words beyond these are ignored (the API allows 200 characters)
SOURCE_LANGUAGE = "fi"


def quantise(value: float) -> float:
    return round(value * QUANTUM) / QUANTUM


def synonyms_module():
    """search.synonyms when it exists (the synonym sets' query expansion), else None. Only
    a missing module is tolerated: an error inside it propagates."""
    if importlib.util.find_spec("search.synonyms") is None:
        return None
    from . import synonyms

    return synonyms


@dataclass
class Alternative:
    token: str
    weight: float
    group: int = 0  # 0: the best of the slot's group-0 tokens counts; >0: summed part groups


@dataclass
class Slot:
    word: str
    alternatives: list[Alternative] = field(default_factory=list)
    known: bool = True  # the dictionary knew the word (not a likely typo)
    corrected: str | None = None

    def tokens(self) -> dict[str, Alternative]:
        return {a.token: a for a in self.alternatives}

    def add(self, token: str, weight: float, group: int = 0) -> None:
        for alternative in self.alternatives:
            if alternative.token == token:
                if weight > alternative.weight:
                    alternative.weight, alternative.group = weight, group
                return
        self.alternatives.append(Alternative(token, weight, group))


@dataclass
class ParsedQuery:
    text: str
    locale: str
    words: list[str]  # the normalised words of the text, stopwords included
    slots: list[Slot]
    phrases: list[Alternative]
    df: dict[str, int]
    documents: int
    suggestion: str | None = None

    @property
    def slot_tokens(self) -> list[list[tuple[str, float]]]:
        return [[(a.token, a.weight) for a in slot.alternatives] for slot in self.slots]


@dataclass
class SearchResult:
    ids: list[int]
    suggestion: str | None
    query: ParsedQuery | None = None


# --- parsing -----------------------------------------------------------------------------------------
def _word_alternatives(slot: Slot, word: str, lang: str, scale: float, groups: dict) -> bool:
    """Add the tokens of `word` analysed in `lang` to `slot`; False for a stopword."""
    found = analysis.analyse_word(word, lang)
    if found is None:
        return False
    parts = {t for t in found.tokens() if t not in found.tokens(parts=False)}
    for token in analysis.query_alternatives(word, lang):
        if token in parts:
            # One group per morpheme: folded copies and derivations of one stem
            # ("koulutus", "kouluttaa") share their first letters and count once.
            key = (id(slot), analysis.fold(token)[:FAMILY_PREFIX])
            group = groups.setdefault(key, len(groups) + 1)
            slot.add(token, PART * scale, group)
        else:
            slot.add(token, EXACT * scale)
    if scale == EXACT:
        slot.known = slot.known and found.known
    return True


def _phrases(words: list[str], lang: str) -> list[Alternative]:
    out = []
    previous = None
    for word in words:
        found = analysis.analyse_word(word, lang)
        if found is None:
            continue
        lemmas = found.lemmas[: indexer.LEMMAS_PER_PHRASE]
        if previous:
            for first in previous:
                for second in lemmas:
                    token = indexer.phrase(first, second)
                    if token not in {a.token for a in out}:
                        out.append(Alternative(token, PHRASE))
        previous = lemmas
    return out


def _document_frequencies(locale: str, tokens: set[str]) -> tuple[dict[str, int], int]:
    """(df per token, number of documents) in the locale: from the process's cache, and one
    statement for what it lacks."""
    return _frequencies.get(locale, tokens)


class FrequencyCache:
    """Document frequencies per locale and token, kept FREQUENCY_TTL seconds and forgotten
    when this process writes the index (another process's writes show after the TTL: a df
    a little out of date only nudges idf). A search then reads only the rows it ranks.
    Nothing read inside a transaction is kept (its writes may be rolled back)."""

    def __init__(self):
        self.lock = threading.Lock()
        self.locales: dict[str, tuple[int, float, int, dict[str, int]]] = {}

    def get(self, locale: str, tokens: set[str]) -> tuple[dict[str, int], int]:
        version, now = indexer.index_version(), time.monotonic()
        with self.lock:
            entry = self.locales.get(locale)
            if entry is None or entry[0] != version or now - entry[1] > FREQUENCY_TTL:
                entry = (version, now, -1, {})
            _version, created, total, known = entry
            missing = sorted(t for t in tokens if t not in known)
        if missing or total < 0:
            found, counted = self.read(locale, missing, total < 0)
            if connection.in_atomic_block:
                # Inside a transaction the index may hold rows that a rollback removes:
                # nothing read there is kept (GraphQL queries run outside transactions).
                known = {**known, **{t: found.get(t, 0) for t in missing}}
                return {t: known[t] for t in tokens if known.get(t)}, (
                    counted if total < 0 else total
                )
            with self.lock:
                known = dict(known)
                known.update({t: found.get(t, 0) for t in missing})
                if len(known) > FREQUENCY_CACHE_SIZE:
                    known = {t: known[t] for t in tokens if t in known}
                total = counted if total < 0 else total
                self.locales[locale] = (version, created, total, known)
        return {t: known[t] for t in tokens if known.get(t)}, total

    @staticmethod
    def read(locale: str, tokens: list[str], count_documents: bool) -> tuple[dict, int]:
        table = connection.ops.quote_name(SearchToken._meta.db_table)
        documents = connection.ops.quote_name(SearchDocument._meta.db_table)
        parts, params = [], []
        if count_documents:
            parts.append(f"SELECT NULL, COUNT(*) FROM {documents} WHERE locale = %s")
            params.append(locale)
        if tokens:
            marks = ", ".join(["%s"] * len(tokens))
            parts.append(
                f"SELECT token, COUNT(*) FROM {table} WHERE locale = %s AND token IN ({marks}) "
                "GROUP BY token"
            )
            params += [locale, *tokens]
        with connection.cursor() as cursor:
            cursor.execute(" UNION ALL ".join(parts), params)
            rows = cursor.fetchall()
        total = next((count for token, count in rows if token is None), -1)
        return {token: count for token, count in rows if token is not None}, total

    def clear(self):
        with self.lock:
            self.locales.clear()


_frequencies = FrequencyCache()


def parse(text: str, locale: str) -> ParsedQuery:
    if locale not in analysis.LANGUAGES:
        raise ValueError(f"unsupported locale {locale!r}")
    indexer.ensure_lexicon()  # the Swedish splits the index was written with (synonyms too)
    words = analysis.words(text)
    slots: list[Slot] = []
    groups: dict = {}
    slot_words = []
    for word in words:
        if word in slot_words:
            continue
        slot = Slot(word)
        if not _word_alternatives(slot, word, locale, EXACT, groups):
            continue
        if locale != SOURCE_LANGUAGE:
            _word_alternatives(slot, word, SOURCE_LANGUAGE, FOREIGN, groups)
        slots.append(slot)
        slot_words.append(word)
        if len(slots) == MAX_SLOTS:
            break
    module = synonyms_module()
    if module is not None and slots:
        pairs = [[(a.token, a.weight) for a in s.alternatives] for s in slots]
        expanded = module.expand(pairs, slot_words, locale)
        for slot, pairs in zip(slots, expanded, strict=True):
            for token, weight in pairs:
                slot.add(token, weight)
    phrases = _phrases(slot_words, locale)
    wanted = {a.token for s in slots for a in s.alternatives} | {p.token for p in phrases}
    df, documents = _document_frequencies(locale, wanted) if wanted else ({}, 0)
    parsed = ParsedQuery(text, locale, words, slots, phrases, df, documents)
    _correct(parsed)
    return parsed


def _slot_matches(slot: Slot, df: dict[str, int]) -> tuple[bool, bool]:
    """(some token of the slot is in the index, one of its whole-word tokens is)."""
    any_match = any(df.get(a.token) for a in slot.alternatives)
    exact = any(df.get(a.token) for a in slot.alternatives if a.group == 0)
    return any_match, exact


def _correct(parsed: ParsedQuery) -> None:
    """Typo correction of the words the index does not know."""
    vocab = None
    replaced = {}
    for slot in parsed.slots:
        any_match, exact = _slot_matches(slot, parsed.df)
        if any_match and (slot.known or exact):
            continue
        if len(slot.word) < spelling.MIN_WORD - 1 or slot.word.isdigit():
            continue
        if vocab is None:
            vocab = spelling.vocabulary(parsed.locale)
        candidates = spelling.corrections(slot.word, parsed.locale, vocab)
        if not candidates:
            continue
        best = candidates[0]
        groups: dict = {}
        probe = Slot(best.text)
        _word_alternatives(probe, best.text, parsed.locale, CORRECTION, groups)
        if parsed.locale != SOURCE_LANGUAGE:
            _word_alternatives(probe, best.text, SOURCE_LANGUAGE, CORRECTION * FOREIGN, groups)
        probe.add(best.text, CORRECTION)
        base = max((g for a in slot.alternatives for g in [a.group]), default=0) + 1
        for alternative in probe.alternatives:
            if alternative.token not in slot.tokens():
                group = alternative.group + base if alternative.group else 0
                slot.add(alternative.token, alternative.weight, group)
            parsed.df.setdefault(alternative.token, vocab.df.get(alternative.token, 0))
        slot.corrected = best.text
        replaced[slot.word] = best.text
    if replaced:
        parsed.suggestion = respell(parsed.text, replaced)


# --- ranking ------------------------------------------------------------------------------------------
def idf(df: int, documents: int) -> float:
    return math.log(1 + (documents - df + 0.5) / (df + 0.5))


def _rows(parsed: ParsedQuery) -> list[tuple[str, int, int, float]]:
    """(token, slot, group, query weight × idf) of every alternative in the index."""
    rows = []
    n = max(parsed.documents, 1)
    for index, slot in enumerate(parsed.slots):
        groups = {}
        redundant = _redundant_folds(slot, parsed.df)
        weighted = []
        for alternative in slot.alternatives:
            df = parsed.df.get(alternative.token, 0)
            if not df or alternative.token in redundant:
                continue
            weight = quantise(alternative.weight * idf(df, n))
            if weight > 0:
                weighted.append((alternative, weight, df))
        for alternative, weight, _df in _pruned(weighted):
            group = alternative.group and groups.setdefault(alternative.group, len(groups) + 1)
            rows.append((alternative.token, index, group, weight))
    for phrase in parsed.phrases:
        df = parsed.df.get(phrase.token, 0)
        if df:
            rows.append((phrase.token, -1, 0, quantise(phrase.weight * idf(df, n))))
    return rows


def _pruned(weighted: list[tuple[Alternative, float, int]]) -> list:
    """A slot's alternatives without the weak ones (under PRUNE of the best query weight)
    once the strong ones already match PRUNE_HITS documents: on a large catalogue a common
    synonym or compound part of a word would add thousands of rows to read and hits that
    rank below all of those anyway. A small catalogue keeps every alternative."""
    if not weighted:
        return []
    best = max(weight for _a, weight, _df in weighted)
    strong = [item for item in weighted if item[1] >= PRUNE * best]
    if sum(df for _a, _w, df in strong) < PRUNE_HITS:
        return weighted
    return strong


def _redundant_folds(slot: Slot, df: dict[str, int]) -> set[str]:
    """Folded copies that find exactly what their accented token finds: every document with
    "työnhaku" also has "tyonhaku" (the indexer writes both, with the same weight), so when
    both have the same document frequency the folded one adds only rows to read."""
    out = set()
    by_token = {a.token: a for a in slot.alternatives}
    for alternative in slot.alternatives:
        folded = by_token.get(analysis.fold(alternative.token))
        if (
            folded is not None
            and folded is not alternative
            and folded.weight <= alternative.weight
            and folded.group == alternative.group
            and df.get(folded.token, 0) == df.get(alternative.token, 0)
        ):
            out.add(folded.token)
    return out


RANKING_SQL = """
WITH q (token, slot, grp, qw) AS (VALUES {values}),
m AS (
    SELECT t.page_id AS page_id, q.slot AS slot, q.grp AS grp, MAX(t.weight * q.qw) AS s
    FROM {tokens} t JOIN q ON t.token = q.token
    WHERE t.locale = %s
    GROUP BY t.page_id, q.slot, q.grp
),
w AS (
    SELECT page_id, slot,
        MAX(CASE WHEN grp = 0 THEN s ELSE 0 END) AS e,
        SUM(CASE WHEN grp > 0 THEN s ELSE 0 END) AS p
    FROM m GROUP BY page_id, slot
),
r AS MATERIALIZED (
    SELECT page_id,
        SUM(CASE WHEN slot >= 0 THEN 1 ELSE 0 END) AS matched,
        SUM(CASE WHEN e >= p THEN e ELSE p END) AS score
    FROM w GROUP BY page_id
    HAVING SUM(CASE WHEN slot >= 0 THEN 1 ELSE 0 END) > 0
),
c AS (
    SELECT matched, score FROM r ORDER BY matched DESC, score DESC LIMIT 1 OFFSET %s
)
SELECT r.page_id FROM r
JOIN {documents} d ON d.page_id = r.page_id AND d.locale = %s
WHERE NOT EXISTS (SELECT 1 FROM c)
    OR r.matched > (SELECT matched FROM c)
    OR (r.matched = (SELECT matched FROM c) AND r.score >= (SELECT score FROM c) - %s)
ORDER BY r.matched DESC,
    r.score + d.boost * %s
    + CASE WHEN d.updated >= %s THEN %s WHEN d.updated >= %s THEN %s ELSE 0 END DESC,
    r.page_id
LIMIT %s
"""
VALUE_ROW = (
    "(CAST(%s AS VARCHAR(100)), CAST(%s AS INTEGER), CAST(%s AS INTEGER), "
    "CAST(%s AS DOUBLE PRECISION))"
)


def ranking_sql(rows, locale: str, limit: int, today: dt.date) -> tuple[str, list]:
    """The ranking statement and its parameters (the same text for every database)."""
    sql = RANKING_SQL.format(
        values=", ".join([VALUE_ROW] * len(rows)),
        tokens=connection.ops.quote_name(SearchToken._meta.db_table),
        documents=connection.ops.quote_name(SearchDocument._meta.db_table),
    )
    params: list = [value for row in rows for value in row]
    params += [locale, limit - 1, locale, MAX_BONUS, BOOST]
    for days, bonus in FRESH:
        params += [today - dt.timedelta(days=days), bonus]
    params.append(limit)
    return sql, params


def rank(parsed: ParsedQuery, limit: int = LIMIT) -> list[int]:
    rows = _rows(parsed)
    if not rows or not any(slot >= 0 for _t, slot, _g, _w in rows):
        return []
    sql, params = ranking_sql(rows, parsed.locale, limit, timezone.localdate())
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return [pk for (pk,) in cursor.fetchall()]


FEW_HITS = 3


def search(text: str, locale: str = "fi", limit: int = LIMIT) -> SearchResult:
    """The ids of the pages matching `text` in the reader's `locale`, best first (at most
    `limit`), and a suggested spelling of the text (or None)."""
    parsed = parse(text, locale)
    ids = rank(parsed, limit)
    if parsed.suggestion is None and len(ids) < FEW_HITS:
        parsed.suggestion = _better_spelling(parsed)
    return SearchResult(ids, parsed.suggestion, parsed)


def _better_spelling(parsed: ParsedQuery) -> str | None:
    """For a search with few hits: the text with its rare words replaced by a spelling
    that more documents have (a "did you mean" only; the hits stay those of the text)."""
    vocab = None
    replaced = {}
    for slot in parsed.slots:
        if len(slot.word) < spelling.MIN_WORD or slot.word.isdigit():
            continue
        own = max((parsed.df.get(a.token, 0) for a in slot.alternatives if a.group == 0), default=0)
        if own >= FEW_HITS:
            continue
        if vocab is None:
            vocab = spelling.vocabulary(parsed.locale)
        for candidate in spelling.corrections(slot.word, parsed.locale, vocab):
            if candidate.df > max(own, FEW_HITS - 1):
                replaced[slot.word] = candidate.text
                break
    if not replaced:
        return None
    return respell(parsed.text, replaced)


def respell(text: str, replaced: dict[str, str]) -> str:
    """`text` (normalised) with some of its words replaced; the rest as typed."""
    normalised = " ".join(analysis.normalise(text).split())
    return analysis.WORD.sub(lambda m: replaced.get(m.group(0), m.group(0)), normalised)
