"""Synonym sets: a query that names a need in other words, or in another language, also
searches for the words the services use.

A `SynonymSet` (search/models.py) is one concept with its terms in Finnish, Swedish and
English, one term per line; a term may have several words ("oma yritys", "psykisk
ohälsa"). `expand(slots, words, locale)` takes the parsed query (search/engine.py: one
list of (token, weight) alternatives per query word, and the normalised words) and adds,
to the query words a term matches, the tokens of every other term of the set in all
three languages, each analysed in its own language (search/analysis.py) at
SYNONYM_WEIGHT. So a Swedish or English query reaches the Finnish tokens of a Finnish-only
service (the fallback a Swedish reader sees), and a Finnish needs-word reaches services
worded differently.

Matching: a term matches when its words, analysed in the term's language, meet
consecutive query words analysed in that same language (a word meets a term word when
they share a base form or stem, accents folded or not). Query words are tried against
the terms of every language, whatever the query's locale: a Swedish reader may type "cv"
or a Finnish word.

Tokens added for a matched set: a one-word term gives its base forms (and their folded
forms) at SYNONYM_WEIGHT; a term of two words gives its phrase token ("mieli
hyvinvointi", `indexer.phrase`) at SYNONYM_WEIGHT (a longer term each of its bigrams at
SYNONYM_WEIGHT × 2 / its length) and each of its words' base forms at PHRASE_WORD_WEIGHT,
so a text with the whole phrase ranks well above a text with one of its words.

Loading: the analysed sets are built once per process and rebuilt when the table
changes. Every `expand` asks the database for the table's version, one aggregate query
(count, greatest id, latest `updated_at`) on a table of a few hundred rows: it sees an
edit, an addition and a deletion made by any server process, without a shared cache
(the project runs without one: a locmem cache key bumped by a signal would only reach
the process that saved). Bulk `QuerySet.update()` does not touch `updated_at`; the
admin and `load_seed` save rows one by one.

The seed (search/data/synonyms.txt, `load_seed`, `manage.py load_synonyms`) is the set a
maintainer starts from; the demo builder loads it.
"""

from __future__ import annotations

import itertools
import threading
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from django.db import transaction
from django.db.models import Count, Max
from django.utils.translation import gettext as _

from . import analysis, indexer
from .models import SynonymSet

LANGUAGES = analysis.LANGUAGES
SYNONYM_WEIGHT = 0.7
PHRASE_WORD_WEIGHT = 0.25
# In a Swedish or English query, a word no term matches as a whole whose compound part is a
# one-word term ("lönesubventionsansökan" → lönesubvention) gets that set's tokens at
# PART_FACTOR × their weight: it is how such a compound reaches the Finnish fallback texts.
# Not in Finnish queries: the engine already matches a Finnish compound's parts in the
# Finnish texts, and the sets of its parts only added noise there (measured on
# tests/search_eval: compound recall 0.89 without, 0.86 with).
PART_MATCH_LOCALES = ("sv", "en")
PART_FACTOR = 0.5
MIN_PART_MATCH = 5
MAX_TERM_LENGTH = 100
SEED = Path(__file__).resolve().parent / "data" / "synonyms.txt"

Slot = list[tuple[str, float]]


# --- terms ---------------------------------------------------------------------------------
def term_key(term: str) -> str:
    """A term as duplicates are compared: NFKC, lower case, single spaces."""
    return " ".join(analysis.normalise(term).split())


def split_terms(text: str) -> list[str]:
    """The terms of one language field: its non-empty lines, stripped, first of each
    duplicate kept."""
    out, seen = [], set()
    for line in (text or "").splitlines():
        term = " ".join(line.split())
        if term and term_key(term) not in seen:
            seen.add(term_key(term))
            out.append(term)
    return out


def term_words(term: str, lang: str) -> list[analysis.WordAnalysis]:
    """The analysed words of a term in its language, stopwords left out."""
    found = (analysis.analyse_word(word, lang) for word in analysis.words(term))
    return [a for a in found if a is not None]


@dataclass(frozen=True)
class Term:
    set_id: int
    lang: str
    text: str
    # Per word, the tokens a query word must share with it (base forms, folded).
    words: tuple[frozenset[str], ...]
    # What a match of another term of the set adds: (token, weight).
    tokens: tuple[tuple[str, float], ...]


def compile_term(set_id: int, lang: str, text: str) -> Term | None:
    """`text` analysed in `lang`; None when it has no words but stopwords."""
    analysed = term_words(text, lang)
    if not analysed:
        return None
    words = tuple(frozenset(a.tokens(parts=False)) for a in analysed)
    tokens: dict[str, float] = {}
    if len(analysed) == 1:
        for token in analysed[0].tokens(parts=False):
            tokens.setdefault(token, SYNONYM_WEIGHT)
    else:
        # The index's phrase tokens (titles, short descriptions, labels); a phrase of
        # three or more words is only partly in each of its bigrams.
        phrase_weight = round(SYNONYM_WEIGHT * 2 / len(analysed), 4)
        for left, right in itertools.pairwise(analysed):
            firsts = left.lemmas[: indexer.LEMMAS_PER_PHRASE]
            seconds = right.lemmas[: indexer.LEMMAS_PER_PHRASE]
            for a, b in itertools.product(firsts, seconds):
                tokens.setdefault(indexer.phrase(a, b), phrase_weight)
        for word in analysed:
            for token in word.tokens(parts=False):
                tokens.setdefault(token, PHRASE_WORD_WEIGHT)
    return Term(set_id, lang, text, words, tuple(tokens.items()))


# --- the analysed sets -----------------------------------------------------------------------
@dataclass
class Thesaurus:
    """Every set's analysed terms, and the terms by the tokens of their first word."""

    terms: dict[int, list[Term]] = field(default_factory=dict)
    by_first: dict[str, dict[str, list[Term]]] = field(default_factory=dict)

    @classmethod
    def build(cls, rows: Iterable[tuple[int, str, str, str]]) -> Thesaurus:
        """`rows`: (id, fi, sv, en) of each set."""
        thesaurus = cls(by_first={lang: {} for lang in LANGUAGES})
        for set_id, *fields in rows:
            terms = []
            for lang, text in zip(LANGUAGES, fields, strict=True):
                for line in split_terms(text):
                    term = compile_term(set_id, lang, line)
                    if term is not None:
                        terms.append(term)
                        for token in term.words[0]:
                            thesaurus.by_first[lang].setdefault(token, []).append(term)
            if terms:
                thesaurus.terms[set_id] = terms
        return thesaurus

    def __len__(self):
        return len(self.terms)

    def matches(self, words: Sequence[str], locale: str = "fi") -> list[Match]:
        """Every term the query words meet, the longest first. A term inside the span of a
        longer match of another set is left out ("oma yritys" is entrepreneurship, not
        also "yritys" the company). In PART_MATCH_LOCALES, a one-word term also meets a
        query word one of whose compound parts it is, at PART_FACTOR."""
        found: dict[tuple[int, int, int], Match] = {}
        for lang in LANGUAGES:
            keys = [_match_tokens(word, lang) for word in words]
            for i, tokens in enumerate(keys):
                for token in tokens:
                    for term in self.by_first[lang].get(token, ()):
                        span = len(term.words)
                        if i + span > len(words):
                            continue
                        if all(term.words[k] & keys[i + k] for k in range(1, span)):
                            _keep(found, Match(term, i, i + span - 1, 1.0))
        if locale in PART_MATCH_LOCALES:
            whole = {i for m in found.values() for i in range(m.first, m.last + 1)}
            for i, word in enumerate(words):
                if i not in whole:
                    for match in self._part_matches(word, i):
                        _keep(found, match)
        matches = sorted(found.values(), key=lambda m: (m.first - m.last, m.first))
        kept: list[Match] = []
        for match in matches:
            inside = any(
                other.term.set_id != match.term.set_id
                and other.first <= match.first
                and match.last <= other.last
                and other.last - other.first > match.last - match.first
                for other in kept
            )
            if not inside:
                kept.append(match)
        return kept

    def _part_matches(self, word: str, i: int) -> list[Match]:
        """One-word terms that are compound parts of a query word no term matched as a
        whole; a part inside a longer matched part is left out ("palkka" in
        "palkkatuki")."""
        hits: dict[str, list[Term]] = {}
        for lang in LANGUAGES:
            for token in _part_tokens(word, lang):
                terms = [t for t in self.by_first[lang].get(token, ()) if len(t.words) == 1]
                if terms:
                    hits.setdefault(token, []).extend(terms)
        longest = [t for t in hits if not any(t != o and t in o for o in hits)]
        return [Match(term, i, i, PART_FACTOR) for token in longest for term in hits[token]]

    def expand(self, slots: Sequence[Slot], words: Sequence[str], locale: str) -> list[Slot]:
        out = [list(slot) for slot in slots]
        if not self.terms:
            return out
        best = [dict() for _ in slots]  # slot → token → weight, what it has
        for i, slot in enumerate(out):
            for token, weight in slot:
                best[i][token] = max(weight, best[i].get(token, 0.0))
        for match in self.matches(words, locale):
            for other in self.terms[match.term.set_id]:
                if other is match.term:
                    continue
                for i in range(match.first, match.last + 1):
                    for token, weight in other.tokens:
                        weight = round(weight * match.factor, 4)
                        if best[i].get(token, 0.0) < weight:
                            best[i][token] = weight
        result = []
        for i, slot in enumerate(out):
            original = {token for token, _w in slot}
            kept = [(token, best[i][token]) for token, _w in slot]
            added = [(t, w) for t, w in best[i].items() if t not in original]
            result.append(_unique_tokens(kept) + added)
        return result


@dataclass(frozen=True)
class Match:
    term: Term
    first: int  # the first and last query word it spans
    last: int
    factor: float  # 1.0, or PART_FACTOR for a compound part


def _keep(found: dict, match: Match) -> None:
    key = (id(match.term), match.first, match.last)
    if key not in found or found[key].factor < match.factor:
        found[key] = match


def _unique_tokens(slot: Slot) -> Slot:
    seen, out = set(), []
    for token, weight in slot:
        if token not in seen:
            seen.add(token)
            out.append((token, weight))
    return out


def _part_tokens(word: str, lang: str) -> frozenset[str]:
    """The compound parts of a query word in `lang` (folded or not) long enough to stand
    for a term (MIN_PART_MATCH letters)."""
    found = analysis.analyse_word(word, lang)
    if found is None:
        return frozenset()
    parts = [p for p in found.parts if len(p) >= MIN_PART_MATCH]
    return frozenset(parts + [analysis.fold(p) for p in parts])


def _match_tokens(word: str, lang: str) -> frozenset[str]:
    """The tokens by which a query word meets a term word of `lang`: its base forms or
    stem, folded or not (for a Finnish word Voikko does not know, also the base forms of
    its dotted readings), not its compound parts."""
    found = analysis.analyse_word(word, lang)
    if found is None:
        return frozenset()
    parts = set(found.parts) | {analysis.fold(p) for p in found.parts}
    tokens = {t for t in analysis.query_alternatives(word, lang) if t not in parts}
    return frozenset(tokens | set(found.tokens(parts=False)))


# --- per-process cache, invalidated by the table's version -----------------------------------
_lock = threading.Lock()
_cached: tuple[tuple, Thesaurus] | None = None


def version() -> tuple:
    """The synonym table's version: changes with any insert, update or delete."""
    row = SynonymSet.objects.aggregate(n=Count("pk"), top=Max("pk"), last=Max("updated_at"))
    return (row["n"], row["top"], row["last"])


def thesaurus() -> Thesaurus:
    """The analysed synonym sets, rebuilt when the table changed since the last call."""
    global _cached
    current = version()
    with _lock:
        if _cached is not None and _cached[0] == current:
            return _cached[1]
    built = Thesaurus.build(SynonymSet.objects.order_by("pk").values_list("pk", "fi", "sv", "en"))
    with _lock:
        _cached = (current, built)
    return built


def clear_cache() -> None:
    global _cached
    with _lock:
        _cached = None


def expand(slots: Sequence[Slot], words: Sequence[str], locale: str) -> list[Slot]:
    """The query's slots with the synonyms of the terms its words meet added (see the
    module docstring). `slots[i]` is the (token, weight) alternatives of query word
    `words[i]` (normalised, as `analysis.words` gives it); `locale` is the reader's."""
    if locale not in LANGUAGES:
        raise ValueError(f"unsupported locale {locale!r}: use one of {', '.join(LANGUAGES)}")
    if len(slots) != len(words):
        raise ValueError(f"{len(slots)} slots for {len(words)} words: one slot per query word")
    if not slots:
        return []
    return thesaurus().expand(slots, words, locale)


# --- validation (the admin form and the seed) ------------------------------------------------
def field_errors(text: str, lang: str) -> list[str]:
    """What is wrong with one language field on its own."""
    errors = []
    seen = set()
    for line in (text or "").splitlines():
        term = " ".join(line.split())
        if not term:
            continue
        if len(term) > MAX_TERM_LENGTH:
            errors.append(
                _("“%(term)s…” is longer than %(max)d characters.")
                % {"term": term[:30], "max": MAX_TERM_LENGTH}
            )
        if any(ch in term for ch in ",;"):
            errors.append(
                _("“%(term)s”: write one term per line, without commas or semicolons.")
                % {"term": term}
            )
        elif not term_words(term, lang):
            errors.append(
                _("“%(term)s” has only common words that search ignores.") % {"term": term}
            )
        elif len(term_words(term, lang)) == 1 < len(analysis.words(term)):
            kept = next(w for w in analysis.words(term) if analysis.analyse_word(w, lang))
            errors.append(
                _(
                    "“%(term)s” would be searched as “%(word)s” alone (search ignores common "
                    "words): write “%(word)s”, or a phrase of two or more other words."
                )
                % {"term": term, "word": kept}
            )
        key = term_key(term)
        if key in seen:
            errors.append(_("“%(term)s” is listed twice.") % {"term": term})
        seen.add(key)
    return errors


def total_terms(fields: dict[str, str]) -> int:
    return sum(len(split_terms(fields.get(lang, ""))) for lang in LANGUAGES)


def term_owners(exclude_pk=None) -> dict[tuple[str, str], SynonymSet]:
    """(language, term key) → the set that has it, of every saved set but `exclude_pk`."""
    owners = {}
    sets = SynonymSet.objects.order_by("pk")
    if exclude_pk is not None:
        sets = sets.exclude(pk=exclude_pk)
    for synonym_set in sets:
        for lang in LANGUAGES:
            for term in split_terms(getattr(synonym_set, lang)):
                owners.setdefault((lang, term_key(term)), synonym_set)
    return owners


# --- the seed --------------------------------------------------------------------------------
class SeedError(ValueError):
    pass


def read_seed(path: Path | str = SEED) -> list[dict[str, list[str]]]:
    """The sets of a seed file: blocks separated by blank lines, each line
    "fi: term | term", "sv: …" or "en: …"; "#" starts a comment. Raises SeedError (with
    the line number) on anything else, on a term too long, a set of fewer than two terms
    and a term that two sets share in one language."""
    path = Path(path)
    sets: list[dict[str, list[str]]] = []
    starts: list[int] = []
    current: dict[str, list[str]] | None = None
    for number, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        line = raw.split("#", 1)[0].strip()
        if not line:
            current = None
            continue
        lang, sep, rest = line.partition(":")
        lang = lang.strip()
        if not sep or lang not in LANGUAGES:
            raise SeedError(f"{path.name}:{number}: expected 'fi:', 'sv:' or 'en:', got {raw!r}")
        if current is None:
            current = {code: [] for code in LANGUAGES}
            sets.append(current)
            starts.append(number)
        for term in rest.split("|"):
            term = " ".join(term.split())
            if term:
                current[lang].append(term)
    owners: dict[tuple[str, str], int] = {}
    for index, (terms, start) in enumerate(zip(sets, starts, strict=True)):
        fields = {lang: "\n".join(terms[lang]) for lang in LANGUAGES}
        problems = [e for lang in LANGUAGES for e in field_errors(fields[lang], lang)]
        if total_terms(fields) < 2:
            problems.append("fewer than two terms")
        for lang in LANGUAGES:
            for term in terms[lang]:
                other = owners.setdefault((lang, term_key(term)), index)
                if other != index:
                    problems.append(
                        f"{lang} term {term!r} is also in the set at line {starts[other]}"
                    )
        if problems:
            raise SeedError(f"{path.name}:{start}: " + "; ".join(problems))
    return sets


@dataclass
class LoadReport:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    deleted: int = 0

    def __str__(self):
        return (
            f"{self.created} synonym sets created, {self.updated} updated, "
            f"{self.unchanged} already there"
            + (f", {self.deleted} deleted" if self.deleted else "")
        )


MODES = ("add", "update", "replace")


@transaction.atomic
def load_seed(path: Path | str = SEED, mode: str = "add") -> LoadReport:
    """Load the seed sets; running it again changes nothing.

    A seed set is already there when a saved set has one of its terms (in the same
    language). `mode`:
    - "add": create the seed sets that are not there, leave the saved sets as they are
      (a maintainer's edits stay);
    - "update": also add to a saved set the seed terms it lacks (unless another set has
      the term);
    - "replace": delete every saved set and load the seed exactly."""
    if mode not in MODES:
        raise ValueError(f"unknown mode {mode!r}: use one of {', '.join(MODES)}")
    seed = read_seed(path)
    report = LoadReport()
    if mode == "replace":
        report.deleted = SynonymSet.objects.count()
        SynonymSet.objects.all().delete()
    owners = term_owners()
    for terms in seed:
        keys = [(lang, term_key(t)) for lang in LANGUAGES for t in terms[lang]]
        found = [owners[key] for key in keys if key in owners]
        if not found:
            synonym_set = SynonymSet(**{lang: "\n".join(terms[lang]) for lang in LANGUAGES})
            synonym_set.save()
            report.created += 1
            for key in keys:
                owners[key] = synonym_set
            continue
        # The saved set sharing the most terms with this seed set.
        target = max(found, key=lambda s: sum(1 for f in found if f.pk == s.pk))
        if mode != "update":
            report.unchanged += 1
            continue
        changed = False
        for lang in LANGUAGES:
            have = split_terms(getattr(target, lang))
            for term in terms[lang]:
                key = (lang, term_key(term))
                if key not in owners:
                    have.append(term)
                    owners[key] = target
                    changed = True
            setattr(target, lang, "\n".join(have))
        if changed:
            target.save()
            report.updated += 1
        else:
            report.unchanged += 1
    return report
