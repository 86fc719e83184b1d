"""Find English left in an admin screen rendered in Finnish or Swedish (issue 17).

What counts as English: a text of the screen (an element's text, a title, placeholder,
aria-label or alt attribute, a string of the JSON the admin's scripts are given) that is

- the English source text of a message of an installed app (Django, Wagtail,
  wagtail-localize, ours: the msgids of their English catalogues and of ours) that has no
  translation in the screen's language, its placeholders filled in ("Suomi to Svenska
  translation" from "%(source)s to %(target)s translation"); or
- a sentence of common English words ("Task submitted by", "is paused"), whatever its source.

Proper names and words that are the same in Finnish or Swedish are allowed (ALLOWED).
"""

import glob
import html
import json
import re
from functools import cache
from html.parser import HTMLParser
from pathlib import Path

import django
import polib
from django.apps import apps
from django.conf import settings
from django.utils.translation import trans_real

# Same in every language of the admin, or a name.
ALLOWED = {
    "Wagtail",
    "Palvelumanuaali",
    "OK",
    "ID",
    "URL",
    "API",
    "CSV",
    "XLSX",
    "PDF",
    "PO",
    "HTML",
    "Email",
    "E-mail",
    "Status",
    "Slug",
    "Logo",
    "Info",
    "Admin",
    "Draft",  # a CSS class name in some JSON, never shown as such
}

ATTRIBUTES = ("title", "placeholder", "aria-label", "alt", "data-w-tooltip-content-value")
# <template> is not skipped: its dialogs (keyboard shortcuts) are shown later.
SKIPPED_ELEMENTS = {"script", "style", "svg", "code", "pre"}
JSON_SCRIPT_TYPES = {"application/json"}

ENGLISH_WORDS = {
    "the",
    "and",
    "of",
    "to",
    "is",
    "are",
    "was",
    "with",
    "this",
    "that",
    "your",
    "you",
    "been",
    "could",
    "from",
    "will",
    "has",
    "have",
    "not",
    "for",
    "by",
    "be",
    "into",
    "here",
    "there",
    "which",
    "these",
    "those",
    "no",
    "all",
    "any",
    "an",
    "or",
    "it",
    "its",
    "at",
}
# Words of the list that are Finnish or Swedish words too, counted only beside another one.
WEAK_WORDS = {"all", "an", "no", "at", "it", "be", "for", "or", "is"}
WORD = re.compile(r"[A-Za-zÅÄÖåäö']+")
PLACEHOLDER = re.compile(r"%\([^)]+\)[sdfr]|%[sdfr]|\{[a-zA-Z_]*\}")


def normalise(text: str) -> str:
    return " ".join(text.split())


# --- The English messages of the installed apps -------------------------------------------------


def _english_catalogues() -> list[Path]:
    roots = [Path(django.__file__).parent / "conf"]
    roots += [Path(config.path) for config in apps.get_app_configs()]
    found = []
    for root in roots:
        found += [Path(p) for p in glob.glob(str(root / "locale" / "en" / "LC_MESSAGES" / "*.po"))]
    # Ours: the English source texts are the msgids of the Finnish catalogue.
    found.append(Path(settings.LOCALE_PATHS[0]) / "fi" / "LC_MESSAGES" / "django.po")
    return found


@cache
def english_messages() -> tuple[frozenset, tuple]:
    """(plain msgids, msgids with placeholders) of every catalogue, normalised."""
    plain, formats = set(), set()
    for path in _english_catalogues():
        for entry in polib.pofile(str(path)):
            if entry.obsolete:
                continue
            for text in filter(None, (entry.msgid, entry.msgid_plural)):
                text = normalise(html.unescape(text))
                if not re.search(r"[A-Za-z]{2}", text):
                    continue
                key = (entry.msgctxt, text, entry.msgid, bool(entry.msgid_plural))
                (formats if PLACEHOLDER.search(text) else plain).add(key)
    return frozenset(plain), tuple(sorted(formats, key=str))


def _translated(catalog, context, msgid, plural) -> bool:
    key = f"{context}\x04{msgid}" if context else msgid
    return (key, 0) in catalog if plural else key in catalog


@cache
def untranslated(language: str) -> tuple[dict, list]:
    """The English texts without a translation in `language`: {plain text: msgid}, and
    [(pattern matching a whole text made from a formatted one, msgid)]."""
    catalog = trans_real.translation(language)._catalog
    plain_all, formats_all = english_messages()
    plain = {
        text: msgid
        for context, text, msgid, plural in plain_all
        if not _translated(catalog, context, msgid, plural) and text not in ALLOWED
    }
    patterns = []
    for context, text, msgid, plural in formats_all:
        if _translated(catalog, context, msgid, plural):
            continue
        literal = PLACEHOLDER.sub(" ", text)
        # Only messages whose own words say something ("%(a)s: %(b)s" could be anything).
        if len(re.findall(r"[A-Za-z]{3,}", literal)) < 2:
            continue
        parts = [re.escape(part) for part in PLACEHOLDER.split(text)]
        patterns.append((re.compile("^" + ".+?".join(parts) + "$", re.S), msgid))
    return plain, patterns


# --- The texts of a screen ---------------------------------------------------------------------------


IDENTIFIER = re.compile(r"^[a-z0-9_.:/-]+$")
# Not interface text: time zone names (the account's time zone choices), tokens and keys.
NOT_TEXT = re.compile(r"^(?:[A-Z][A-Za-z_-]+/[A-Za-z_/+-]+|[A-Za-z0-9_-]{24,})$")
QUOTED = re.compile(r"'([^']+)'|\"([^\"]+)\"|”([^”]+)”")
PARENTHESIS = re.compile(r"\s*\([^()]*\)$")


def _json_strings(value):
    if isinstance(value, str):
        if not IDENTIFIER.match(value):  # block names, field names, keys
            yield value
    elif isinstance(value, dict):
        for key, item in value.items():
            # Telepath's and the sidebar's keys, ids and addresses are not shown.
            if key in ("_type", "_id", "url", "name", "icon_name", "classnames", "attrs"):
                continue
            yield from _json_strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from _json_strings(item)


class _Texts(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.texts: list[str] = []
        self.skipping: list[str] = []
        self.json_script = False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag in SKIPPED_ELEMENTS:
            self.skipping.append(tag)
            self.json_script = tag == "script" and attrs.get("type") in JSON_SCRIPT_TYPES
        for name in ATTRIBUTES:
            if attrs.get(name):
                self.texts.append(attrs[name])
        if tag == "input" and attrs.get("type") in ("submit", "button") and attrs.get("value"):
            self.texts.append(attrs["value"])
        for name, value in attrs.items():
            if value and name.startswith("data-") and value[:1] in "{[":
                try:
                    self._add_json(json.loads(value))
                except ValueError:
                    pass

    def handle_endtag(self, tag):
        if self.skipping and self.skipping[-1] == tag:
            self.skipping.pop()
            self.json_script = False

    def _add_json(self, value):
        for text in _json_strings(value):
            if "<" in text and ">" in text:
                self.texts += screen_texts(text)  # a template or rendered HTML
            else:
                self.texts.append(text)

    def handle_data(self, data):
        if self.json_script:
            try:
                self._add_json(json.loads(data))
            except ValueError:
                pass
        elif not self.skipping:
            self.texts.append(data)


def screen_texts(body: str) -> list[str]:
    parser = _Texts()
    parser.feed(body)
    texts = []
    for text in parser.texts:
        text = normalise(text)
        if text and re.search(r"[A-Za-z]", text):
            texts.append(text)
    return texts


def looks_english(text: str) -> bool:
    """A sentence with English function words: two of them, or one that is no Finnish or
    Swedish word among at least three words ("Task submitted by")."""
    words = [w.lower() for w in WORD.findall(text)]
    found = [w for w in words if w in ENGLISH_WORDS]
    strong = [w for w in found if w not in WEAK_WORDS]
    if len(words) < 2 or not strong:
        return False
    return len(found) >= 2 or len(words) >= 3


def english_left(body: str, language: str, allowed=()) -> dict[str, str | None]:
    """The texts of `body` (a screen rendered in `language`) that are English: {text: the
    untranslated msgid it comes from, or None for a sentence of English words}."""
    plain, patterns = untranslated(language)
    found = {}
    for text in screen_texts(body):
        if text in ALLOWED or text in allowed or text in found or NOT_TEXT.match(text):
            continue
        if text[:1] in "{[":
            try:
                json.loads(text)
                continue  # data of a field (rich text's JSON)
            except ValueError:
                pass
        words_only = QUOTED.sub(
            lambda m: "" if next(g for g in m.groups() if g) in allowed else m.group(0), text
        )
        bare = text.rstrip(":…. ").strip()
        msgid = plain.get(text) or plain.get(bare)
        if msgid is None:
            msgid = next((m for pattern, m in patterns if pattern.match(text)), None)
        if msgid is None and not looks_english(words_only):
            continue
        # Content with a note: "About the manual (English)", "care work, nursing (+3 till)".
        stripped = PARENTHESIS.sub("", text)
        if stripped != text and any(content.startswith(stripped) for content in allowed):
            continue
        found[text] = msgid
    return found


def content_texts() -> set[str]:
    """The demo world's own texts (page titles, taxonomy terms, names): content, written in
    each language by its editors, some of it English, never interface strings."""
    from wagtail.models import Page

    from cms.models import Organisation
    from services.models import Contact
    from services.vocabularies import VOCABULARIES

    texts = set(Page.objects.values_list("title", flat=True))
    texts.update(Organisation.objects.values_list("name", flat=True))
    texts.update(str(contact) for contact in Contact.objects.all())
    for vocabulary in VOCABULARIES:
        texts.update(str(term) for term in vocabulary.model.objects.all())
    # The search's synonym sets, listed as their terms joined by commas.
    for synonyms in apps.get_model("search", "SynonymSet").objects.all():
        for terms in (synonyms.fi, synonyms.sv, synonyms.en):
            lines = [line.strip() for line in terms.splitlines() if line.strip()]
            texts.update(lines + [", ".join(lines)])
    return {normalise(text) for text in texts}
