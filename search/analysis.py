"""Language analysis for search: the same tokens at index time and at query time.

`analyse_document(text, lang)` turns a text into index tokens; `analyse_query(text, lang)`
turns a query into one list of alternative tokens per query word. Both run the same
per-word analysis, so a query word and the words of a document meet on the same tokens
whichever engine stores them (SQLite FTS5, PostgreSQL, OpenSearch): the engine only
matches tokens, it does no language processing of its own.

Per language (docs/decisions.md, "Search analysis: Voikko + Snowball, measured on our
texts", has the measurements behind these choices):

- Finnish: Voikko (Debian's libvoikko1 + voikko-fi, through the `libvoikko` ctypes
  binding) gives each word its base forms and, for compounds, its parts:
  "hygieniapassikoulutuksen" → hygieniapassikoulutus + hygienia, passi, koulutus,
  hygieniapassi, passikoulutus. Derived words also give their verb root ("valmentaja" and
  "valmennus" both → valmentaa). Words Voikko does not know (names, typos, new words)
  get their Snowball stem. Without Voikko every Finnish word gets its Snowball stem, and
  a warning is logged once.
- Swedish: Snowball stems, and compounds split against a lexicon (a curated word list,
  search/data/sv_words.txt, plus the vocabulary of the indexed texts through
  `extend_lexicon`), with the linking -s-, -e-, -u-, -o- handled:
  "arbetsförmågecoachning" → arbetsförmågecoachning + arbetsförmåg, coachning, arbet,
  förmåg.
- English: Snowball (porter2) stems.

Every language: NFKC, lower case, stopwords removed, and an accent-folded copy of each
token that has åäöéü… ("työkokeilu" also gives "tyokokeilu"), so that a word typed
without dots still meets. A Finnish query word Voikko does not know is also tried with
its a/o dotted (ä/ö), which recovers inflected forms typed without dots ("tyokokeiluun"
→ työkokeilu).
"""

from __future__ import annotations

import functools
import itertools
import logging
import re
import threading
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import Stemmer

logger = logging.getLogger(__name__)

LANGUAGES = ("fi", "sv", "en")
SNOWBALL = {"fi": "finnish", "sv": "swedish", "en": "english"}
DATA = Path(__file__).resolve().parent / "data"

# Words longer than this are not words (hashes, URLs without separators): skipped.
MAX_WORD = 60
# Shortest compound part or lexicon entry that counts as a word of its own.
MIN_PART = 3
# A Finnish query word unknown to Voikko is tried with up to 2**N of its a/o dotted.
MAX_DOTTED_POSITIONS = 6

# The query alternatives of a Finnish or Swedish compound include its parts: a query
# "kielikurssi" also finds "kurssi" and "kieli" (measured: docs/decisions.md).
QUERY_COMPOUND_PARTS = True

VOIKKO_MISSING = (
    "Voikko not found: Finnish search uses Snowball stemming, install libvoikko1 voikko-fi "
    "(Debian) for base forms and compound splitting"
)

WORD = re.compile(r"[^\W_]+")

# --- stopwords ----------------------------------------------------------------------------
# Finnish: compared with the surface word and with Voikko's base forms (so "jossa", "joka"
# and "jonka" all go), and the surface list covers the common forms when Voikko is missing.
FI_STOP_LEMMAS = frozenset(
    """
    ja tai sekä eli että kuin kun jos mutta vaan sillä koska vaikka jotta kunnes
    olla ei se ne tämä nämä tuo nuo joka mikä kuka jokin joku jompikumpi
    minä sinä hän me te he itse
    myös vain jo vielä niin siis sitten nyt kuten esimerkiksi esim noin
    mm ym yms jne
    """.split()
)
FI_STOP_WORDS = FI_STOP_LEMMAS | frozenset(
    """
    on ovat oli olivat olla ole olen olet olemme olette ollut olleet ollaan olisi
    en et emme ette eivät
    sen sitä siinä siihen siitä sille siltä sillä niiden niitä niissä niihin niille
    tämän tätä tässä tähän tästä tälle näiden näitä
    joka jonka jota jossa johon josta jolle jolta jolla jotka joiden joita joissa joihin
    joista joille joilta joilla mikä minkä mitä missä mihin mistä mille
    minä minun minua minulle minut sinä sinun sinua sinulle sinut hän hänen häntä hänelle
    me meidän meitä meille te teidän teitä teille he heidän heitä heille
    sinulla sinulta minulla
    """.split()
)
SV_STOP_WORDS = frozenset(
    """
    och i att det som en ett på är av för med till den har de inte om man men så var vid
    kan du dig din ditt dina vi oss vår vårt våra ni er ert era jag mig min mitt mina han
    hon hans hennes dem deras sig sin sitt sina där när hur vad vilken vilket vilka eller
    från också samt efter hos utan under över mot än då nu här ska skall kommer blir bli
    blev vara varit får få fått sådan sådana denna detta dessa andra annan annat alla allt
    någon något några mycket mer mest bara även redan sedan inom genom mellan ut upp in
    till exempel bl a t ex
    """.split()
)
EN_STOP_WORDS = frozenset(
    """
    a an the and or but nor of to in on at by for with from into onto about as than then
    so if is are be been being was were am do does did done have has had having
    it its this that these those there here you your yours we our ours they them their
    theirs i me my mine he him his she her hers who whom whose which what how when where
    why not no can could will would shall should may might must also any all some each
    more most other such only own same very just too up down out over under again further
    once via per e g eg etc ie
    """.split()
)
STOP_WORDS = {"fi": FI_STOP_WORDS, "sv": SV_STOP_WORDS, "en": EN_STOP_WORDS}

# Swedish linking letters at the end of a compound's non-final part, and what replaces
# them: arbet-s-förmåga (arbete), förmåg-e-coachning (förmåga), gat-u-kök (gata), kvinn-o-jour
# (kvinna), and a dropped -e: jobbsökar-coachning (jobbsökare).
SV_LINKS = (
    ("s", ""),
    ("s", "e"),
    ("e", ""),
    ("e", "a"),
    ("u", "a"),
    ("o", "a"),
    ("a", ""),
    ("", "e"),
)


# --- text --------------------------------------------------------------------------------
def normalise(text: str) -> str:
    """NFKC and lower case (casefold)."""
    return unicodedata.normalize("NFKC", text or "").casefold()


def fold(token: str) -> str:
    """`token` without accents: ä → a, ö → o, å → a, é → e, ü → u (combining marks
    dropped after canonical decomposition)."""
    decomposed = unicodedata.normalize("NFD", token)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def words(text: str) -> list[str]:
    """The words of `text`: runs of letters and digits, normalised. Hyphens, apostrophes
    and other punctuation separate words ("CV- ja LinkedIn-työpaja" → cv, ja, linkedin,
    työpaja); one-letter words other than digits are dropped."""
    out = []
    for word in WORD.findall(normalise(text)):
        if len(word) > MAX_WORD or (len(word) == 1 and not word.isdigit()):
            continue
        out.append(word)
    return out


# --- stemmers and Voikko -------------------------------------------------------------------
_lock = threading.RLock()
_stemmers: dict[str, Stemmer.Stemmer] = {}


def snowball(word: str, lang: str) -> str:
    """The Snowball stem of `word` (PyStemmer). Swedish stems are stemmed once more, which
    makes them agree across number ("kurs" → kur, "kurser" → kurs → kur)."""
    with _lock:
        stemmer = _stemmers.get(lang)
        if stemmer is None:
            stemmer = _stemmers[lang] = Stemmer.Stemmer(SNOWBALL[lang])
        stem = stemmer.stemWord(word)
        if lang == "sv":
            stem = stemmer.stemWord(stem)
    return stem


class _VoikkoState:
    """The Finnish Voikko handle, opened on first use; None when Voikko is missing."""

    def __init__(self):
        self.handle = None
        self.tried = False

    def get(self):
        if not self.tried:
            self.tried = True
            self.handle = open_voikko()
            if self.handle is None:
                logger.warning(VOIKKO_MISSING)
        return self.handle


def open_voikko():
    """A Voikko handle for Finnish, or None when the library (libvoikko.so.1), its Finnish
    dictionary (voikko-fi) or the Python binding is missing."""
    try:
        import libvoikko
    except ImportError:
        return None
    try:
        handle = libvoikko.Voikko("fi")
    except (OSError, libvoikko.VoikkoException) as exc:
        logger.debug("Voikko could not be opened: %s", exc)
        return None
    return handle


_voikko = _VoikkoState()


def voikko():
    """The shared Voikko handle (None without Voikko). Calls must hold `_lock`: a Voikko
    handle is not safe to use from two threads at once."""
    with _lock:
        return _voikko.get()


def voikko_available() -> bool:
    return voikko() is not None


def reset() -> None:
    """Forget the Voikko handle, the caches and the added lexicon words (tests)."""
    global _voikko
    with _lock:
        if _voikko.handle is not None:
            _voikko.handle.terminate()
        _voikko = _VoikkoState()
        _sv_lexicon.cache_clear()
        _EXTRA_LEXICON["sv"].clear()
        analyse_word.cache_clear()


def _analyze(word: str) -> list[dict]:
    handle = voikko()
    if handle is None:
        return []
    with _lock:
        return handle.analyze(word)


# --- per-word analysis -----------------------------------------------------------------------
@dataclass(frozen=True)
class WordAnalysis:
    """One word's tokens: `lemmas` (base forms, or the stem of a word the analyser does not
    know), `parts` (compound parts, their spans and derivation roots), `known` (whether a
    dictionary knew the word: Voikko for Finnish; always True for Swedish and English)."""

    lemmas: tuple[str, ...]
    parts: tuple[str, ...] = ()
    known: bool = True

    def tokens(self, parts: bool = True) -> list[str]:
        """Lemmas, then parts, then the folded forms of those with accents; no repeats."""
        base = list(self.lemmas) + (list(self.parts) if parts else [])
        return _unique(base + [fold(t) for t in base])


def _unique(tokens: Iterable[str]) -> list[str]:
    seen = set()
    out = []
    for token in tokens:
        if token and token not in seen:
            seen.add(token)
            out.append(token)
    return out


@functools.lru_cache(maxsize=200_000)
def analyse_word(word: str, lang: str) -> WordAnalysis | None:
    """The analysis of one normalised word (see `words`), None for a stopword."""
    if lang not in SNOWBALL:
        raise ValueError(f"unsupported language {lang!r}: use one of {', '.join(LANGUAGES)}")
    if word in STOP_WORDS[lang]:
        return None
    if word.isdigit():
        return WordAnalysis((word,))
    if lang == "fi":
        return _finnish(word)
    if lang == "sv":
        return _swedish(word)
    return WordAnalysis((snowball(word, "en"),))


# Finnish ----------------------------------------------------------------------------------
WORDBASE = re.compile(r"\+([^+(]*)(?:\(([^)]*)\))?")


def _finnish(word: str) -> WordAnalysis | None:
    analyses = _analyze(word)
    if not analyses:
        split = _split_unknown(word)
        if split is not None:
            return split
        # A name, a typo or a new word: its stem, and the word as written (stems of
        # unknown words disagree: "linkedin" → linked, "linkedinissä" → linkedin).
        return WordAnalysis(tuple(_unique([snowball(word, "fi"), word])), known=False)
    lemmas: list[str] = []
    parts: list[str] = []
    for analysis in analyses:
        base = normalise(analysis.get("BASEFORM") or word)
        lemmas.append(base)
        parts += _compound_parts(
            analysis.get("WORDBASES") or "", base, analysis.get("FSTOUTPUT") or ""
        )
    lemmas = _unique(lemmas)
    if all(lemma in FI_STOP_LEMMAS for lemma in lemmas):
        return None
    parts = [p for p in _unique(parts) if len(p) >= MIN_PART and p not in lemmas]
    return WordAnalysis(tuple(lemmas), tuple(parts))


def _split_unknown(word: str) -> WordAnalysis | None:
    """A compound Voikko's dictionary lacks, made of two words it knows
    ("työhönvalmentaja" = työhön + valmentaja): the head as written plus the tail's base
    form, and both parts' base forms and parts. The longest known tail wins."""
    if len(word) < 2 * MIN_PART + 2:
        return None
    for k in range(MIN_PART, len(word) - MIN_PART + 1):
        head, tail = word[:k], word[k:]
        tail_analyses = _analyze(tail)
        if not tail_analyses:
            continue
        head_analyses = _analyze(head)
        if not head_analyses:
            continue
        tail_lemmas = _unique(normalise(a.get("BASEFORM") or tail) for a in tail_analyses)
        head_lemmas = _unique(normalise(a.get("BASEFORM") or head) for a in head_analyses)
        if all(lemma in FI_STOP_LEMMAS for lemma in head_lemmas + tail_lemmas):
            continue
        tail_analysis = _finnish(tail)
        parts = head_lemmas + tail_lemmas + list(tail_analysis.parts if tail_analysis else ())
        lemmas = _unique(head + lemma for lemma in tail_lemmas)
        parts = [p for p in _unique(parts) if len(p) >= MIN_PART and p not in lemmas]
        # Still a guess: a query tries its dotted readings too.
        return WordAnalysis(tuple(lemmas), tuple(parts), known=False)
    return None


@dataclass
class _Morpheme:
    surface: str
    base: str
    derived: bool = False


def _is_verb(base: str, fst: str) -> bool:
    return f"[Lt][Xp]{base}[X]" in fst or f"[Lt][Ira][Xp]{base}[X]" in fst


def _compound_parts(wordbases: str, baseform: str, fst: str) -> list[str]:
    """Compound parts, their spans and verb roots from Voikko's WORDBASES, e.g.
    "+työn(työ)+haku(haku)+valmenn(valmentaa)+us(+us)" with base form
    "työnhakuvalmennus" → työ, haku, valmennus, työnhaku, hakuvalmennus, valmentaa."""
    groups: list[_Morpheme] = []
    for surface, base in WORDBASE.findall(wordbases):
        surface = normalise(surface)
        if surface == "-" or (not base and surface.isdigit()):
            continue
        if not base or base.startswith("+"):
            # A derivational suffix or a linking letter: part of the preceding morpheme.
            if groups:
                groups[-1].surface += surface
                groups[-1].derived = True
            continue
        groups.append(_Morpheme(surface, normalise(base)))
    out: list[str] = []
    for group in groups:
        if group.derived and _is_verb(group.base, fst):
            out.append(group.base)  # valmennus, valmentaja → valmentaa
        if "=" in group.base:
            # A lexicalised compound ("maahan=muuttaja", "työhön=valmennus"): its pieces'
            # base forms.
            for piece in group.base.split("="):
                found = _analyze(piece)
                out += [normalise(a.get("BASEFORM") or piece) for a in found] or [piece]
            group.base = group.base.replace("=", "")
    if len(groups) < 2:
        return out
    prefixes = ["".join(g.surface for g in groups[:i]) for i in range(len(groups))]
    ends = []
    for i, group in enumerate(groups):
        if i == len(groups) - 1:
            # The last morpheme's base form: the word's base form after the others.
            head = prefixes[i]
            ends.append(baseform[len(head) :] if baseform.startswith(head) else group.surface)
        elif group.derived:
            ends.append(group.surface)  # "kotoutumis", "yrittäjyys" inside a compound
        else:
            ends.append(group.base)  # "työn" → työ, "mielen" → mieli
    n = len(groups)
    for i in range(n):
        for j in range(i, n):
            if i == 0 and j == n - 1:
                continue  # the whole word: its base form
            head = prefixes[j][len(prefixes[i]) :]
            out.append(head + ends[j])
    return out


def _dotted_variants(word: str) -> list[str]:
    """`word` with some of its a/o replaced by ä/ö (at most 2**MAX_DOTTED_POSITIONS
    variants), for a Finnish word typed without dots; [] when it has dots or no a/o."""
    if any(ch in word for ch in "äöå"):
        return []
    positions = [i for i, ch in enumerate(word) if ch in "ao"]
    if not positions or len(positions) > MAX_DOTTED_POSITIONS:
        return []
    variants = []
    for mask in itertools.product((False, True), repeat=len(positions)):
        if not any(mask):
            continue
        chars = list(word)
        for flip, i in zip(mask, positions, strict=True):
            if flip:
                chars[i] = "ä" if chars[i] == "a" else "ö"
        variants.append("".join(chars))
    return variants


@functools.lru_cache(maxsize=20_000)
def _undotted(word: str) -> tuple[str, ...]:
    """The Finnish base forms of `word` read with dots ("tyokokeiluun" → työkokeilu)."""
    if voikko() is None:
        return ()
    lemmas: list[str] = []
    for variant in _dotted_variants(word):
        analysis = analyse_word(variant, "fi")
        if analysis is not None and analysis.known:
            lemmas += analysis.lemmas
    return tuple(_unique(lemmas))


# Swedish ----------------------------------------------------------------------------------
_EXTRA_LEXICON: dict[str, set[str]] = {"sv": set()}


@functools.lru_cache(maxsize=1)
def _sv_lexicon() -> tuple[frozenset[str], dict[str, str]]:
    """(words, stem → word) of the Swedish decompounding lexicon."""
    entries = set()
    path = DATA / "sv_words.txt"
    for line in path.read_text(encoding="utf-8").splitlines():
        line = normalise(line.split("#", 1)[0].strip())
        if line:
            entries.add(line)
    entries |= _EXTRA_LEXICON["sv"]
    entries = {w for w in entries if len(w) >= MIN_PART and w not in SV_STOP_WORDS}
    stems = {}
    for word in sorted(entries):
        stems.setdefault(snowball(word, "sv"), word)
    return frozenset(entries), stems


def extend_lexicon(lang: str, texts: Iterable[str]) -> int:
    """Add the words of `texts` (e.g. the indexed Swedish titles and descriptions) to the
    decompounding lexicon of `lang`; returns how many were new. Clears the word cache."""
    if lang not in _EXTRA_LEXICON:
        return 0
    new = set()
    for text in texts:
        new.update(
            w
            for w in words(text)
            if len(w) >= MIN_PART and not w.isdigit() and w not in STOP_WORDS[lang]
        )
    with _lock:
        before = len(_EXTRA_LEXICON[lang])
        _EXTRA_LEXICON[lang] |= new
        added = len(_EXTRA_LEXICON[lang]) - before
        if added:
            _sv_lexicon.cache_clear()
            analyse_word.cache_clear()
    return added


def _sv_match(piece: str, final: bool) -> str | None:
    """The lexicon word that `piece` of a compound stands for, or None."""
    entries, stems = _sv_lexicon()
    candidates = [("", "")] if final else [("", "")] + list(SV_LINKS)
    for link, replacement in candidates:
        if not piece.endswith(link):
            continue
        word = piece[: len(piece) - len(link)] + replacement
        if len(word) < MIN_PART:
            continue
        if word in entries:
            return word
        if final or (not link and len(word) > MIN_PART):
            found = stems.get(snowball(word, "sv"))
            if found:
                return found
    return None


def sv_split(word: str) -> list[str] | None:
    """The fewest lexicon words `word` is made of (at least two), or None:
    "arbetsförmågecoachning" → [arbetsförmåga, coachning] when "arbetsförmåga" is in the
    lexicon, else [arbete, förmåga, coachning]."""
    n = len(word)
    if n < 2 * MIN_PART + 1:
        return None
    # best[i]: (parts, -shortest part, words) covering word[:i]
    best: list[tuple[int, int, list[str]] | None] = [None] * (n + 1)
    best[0] = (0, 0, [])
    for i in range(MIN_PART, n + 1):
        for j in range(0, i - MIN_PART + 1):
            if best[j] is None:
                continue
            if j == 0 and i == n:
                continue  # the whole word is not a split
            found = _sv_match(word[j:i], final=i == n)
            if found is None:
                continue
            count, shortest, parts = best[j]
            shortest = min(-shortest if parts else n, i - j)
            candidate = (count + 1, -shortest, parts + [found])
            if best[i] is None or candidate[:2] < best[i][:2]:
                best[i] = candidate
    result = best[n]
    return result[2] if result and result[0] >= 2 else None


def _sv_parts(word: str, depth: int = 0) -> list[str]:
    parts = sv_split(word)
    if not parts:
        return []
    out = []
    for part in parts:
        out.append(snowball(part, "sv"))
        if depth < 2:
            out += _sv_parts(part, depth + 1)
    return out


def _swedish(word: str) -> WordAnalysis:
    stem = snowball(word, "sv")
    parts = [p for p in _unique(_sv_parts(word)) if p != stem and len(p) >= MIN_PART]
    return WordAnalysis((stem,), tuple(parts))


# --- the two entry points ----------------------------------------------------------------------
def analyse_document(text: str, lang: str) -> list[str]:
    """Index tokens of `text` in `lang` ("fi", "sv" or "en"), in text order, one entry per
    token occurrence (a word gives its lemmas, compound parts and folded forms), stopwords
    left out: frequencies count for ranking, and phrases can be found by position."""
    out: list[str] = []
    for word in words(text):
        analysis = analyse_word(word, lang)
        if analysis is not None:
            out += analysis.tokens()
    return out


def query_alternatives(word: str, lang: str) -> list[str]:
    """The tokens that count as a match of one normalised query word, the best first: its
    lemmas, then (with QUERY_COMPOUND_PARTS) its compound parts, then folded forms; for a
    Finnish word Voikko does not know, its stem and the lemmas of its dotted readings."""
    analysis = analyse_word(word, lang)
    if analysis is None:
        return []
    tokens = analysis.tokens(parts=QUERY_COMPOUND_PARTS)
    if lang == "fi" and not analysis.known:
        tokens = _unique(tokens + [t for t in _undotted(word)] + [fold(word)])
    return tokens


def spelling_suggestions(word: str, lang: str, limit: int = 3) -> list[str]:
    """Voikko's spelling suggestions for a Finnish word it does not know ("valmenus" →
    valmennus), for a "did you mean"; [] for other languages, known words and without
    Voikko. The engine should still check them against its own vocabulary."""
    word = normalise(word)
    handle = voikko()
    if lang != "fi" or handle is None or not word or _analyze(word):
        return []
    with _lock:
        suggestions = handle.suggest(word)
    return [normalise(s) for s in suggestions[:limit]]


def analyse_query(text: str, lang: str) -> list[list[str]]:
    """Per query word (stopwords left out), its alternative tokens, the best first: the
    engine ORs the alternatives of a word and ranks by how many words match.
    `[]` when the query has no words but stopwords and punctuation."""
    groups: list[list[str]] = []
    for word in words(text):
        alternatives = query_alternatives(word, lang)
        if alternatives and alternatives not in groups:
            groups.append(alternatives)
    return groups
