"""Check that the interface catalogues are complete and in step with the source.

    python manage.py check_translations [--locale-dir DIR] [--language fi ...] [--no-extract]

Parses every <locale dir>/<language>/LC_MESSAGES/django.po with polib and fails (exit 1)
listing, per language:

- untranslated and fuzzy entries (a fuzzy header too: msgfmt would drop the plural forms);
- translations that break the message: python-format or brace-format placeholders, HTML
  tags or the number of plural forms differing from the source text;
- strings of the source code missing from the catalogue, or present only as obsolete
  (``#~``) entries: the messages are extracted again, with the options of
  ``make makemessages`` (MAKEMESSAGES_ARGS below), into a temporary directory, so a new
  ``_("...")`` without a translation fails CI;
- a required language (every language of settings.LANGUAGES but the source language,
  English) without a catalogue.

Entries no longer in the source are only counted ("stale": the next ``make makemessages``
makes them obsolete). On success it prints one line per language.

The extraction needs GNU gettext's xgettext, like makemessages. Without it the source
comparison is skipped with a warning, except in CI (environment variable CI set), where it
is an error.
"""

import contextlib
import os
import re
import shutil
import tempfile
from pathlib import Path

import polib
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.core.management.commands import makemessages
from django.utils.functional import cached_property

# Source strings are English: no catalogue is needed for it.
SOURCE_LANGUAGE = "en"
DOMAIN = "django"

# The options of `make makemessages` (the Makefile's MAKEMESSAGES_ARGS must be the same,
# tests/test_translations.py checks it): our apps and their templates only.
MAKEMESSAGES_ARGS = [
    "--domain=django",
    "--no-location",
    "--ignore=.venv",
    "--ignore=node_modules",
    "--ignore=tests",
    "--ignore=docs",
    "--ignore=media",
    "--ignore=static",
    "--ignore=graphql",
    "--ignore=test-results",
    "--ignore=translations/locale",
]

PYTHON_FORMAT = re.compile(
    r"%(?:\((?P<name>[^)]*)\))?[#0 +-]*(?:\*|\d+)?(?:\.(?:\*|\d+))?[hlL]?"
    r"(?P<conversion>[diouxXeEfFgGcrsa%])"
)
BRACE_FORMAT = re.compile(r"(?<!\{)\{(?P<field>[^{}!:]*)(?:[!:][^{}]*)?\}")
HTML_TAG = re.compile(r"</?([a-zA-Z][\w-]*)")


def required_languages() -> list[str]:
    return [code for code, _name in settings.LANGUAGES if code != SOURCE_LANGUAGE]


def entry_key(entry) -> tuple[str, str, str]:
    return (entry.msgctxt or "", entry.msgid, entry.msgid_plural or "")


def describe(key: tuple[str, str, str]) -> str:
    context, msgid, _plural = key
    text = msgid.replace("\n", "\\n")
    if len(text) > 90:
        text = text[:87] + "..."
    return (f"[{context}] " if context else "") + f'"{text}"'


# --- format checks -------------------------------------------------------------------


def _python_placeholders(text: str) -> tuple[set[str], int, bool]:
    """Named placeholders, the number of positional ones, and whether a stray % remains."""
    named, positional = set(), 0
    for match in PYTHON_FORMAT.finditer(text):
        if match["conversion"] == "%":
            continue
        if match["name"] is not None:
            named.add(match["name"])
        else:
            positional += 1
    return named, positional, "%" in PYTHON_FORMAT.sub("", text)


def _format_problems(entry, nplurals: int | None) -> list[str]:
    """What the translation of `entry` breaks, compared with its source text."""
    if entry.msgid_plural:
        forms = [
            (entry.msgid if index == 0 else entry.msgid_plural, text)
            for index, text in sorted(entry.msgstr_plural.items())
        ]
    else:
        forms = [(entry.msgid, entry.msgstr)]
    problems = []
    if entry.msgid_plural and nplurals and len(entry.msgstr_plural) != nplurals:
        problems.append(f"{len(entry.msgstr_plural)} plural forms, the header says {nplurals}")
    for source, text in forms:
        if not text:
            continue
        if "python-format" in entry.flags:
            src_named, src_positional, _stray = _python_placeholders(source)
            named, positional, stray = _python_placeholders(text)
            # A plural form may leave out a placeholder (e.g. "one" for the count).
            if entry.msgid_plural and named <= src_named and not stray:
                pass
            elif named != src_named or positional != src_positional or stray:
                problems.append(f"python-format placeholders differ: {text!r}")
        if "python-brace-format" in entry.flags:
            fields = {m["field"] for m in BRACE_FORMAT.finditer(source)}
            if {m["field"] for m in BRACE_FORMAT.finditer(text)} != fields:
                problems.append(f"brace-format placeholders differ: {text!r}")
        if sorted(HTML_TAG.findall(source)) != sorted(HTML_TAG.findall(text)):
            problems.append(f"HTML tags differ: {text!r}")
    return problems


# --- extraction ----------------------------------------------------------------------


class _WorkDirBuildFile(makemessages.BuildFile):
    """makemessages' file, with a template's preprocessed copy in the work directory.

    makemessages writes it next to the template (and deletes it); concurrent checks
    (pytest-xdist) would race on that file and a source tree may be read-only.
    """

    @cached_property
    def work_path(self):
        if not self.is_templatized:
            return self.path
        return os.path.join(self.command.work_dir, os.path.normpath(self.path) + ".py")

    def preprocess(self):
        if self.is_templatized:
            os.makedirs(os.path.dirname(self.work_path), exist_ok=True)
        super().preprocess()


class _Extractor(makemessages.Command):
    """makemessages that only builds the .pot file, in a directory of its own.

    Every source file is assigned to that directory (makemessages would send those
    under translations/ to the real translations/locale), and no catalogue is written.
    """

    build_file_class = _WorkDirBuildFile

    def __init__(self, work_dir: str):
        super().__init__()
        self.work_dir = work_dir
        self.pot_dir = os.path.join(work_dir, "pot")
        self.potfiles: list[str] = []

    def find_files(self, root):
        files = super().find_files(root)
        os.makedirs(self.pot_dir, exist_ok=True)
        self.locale_paths = [self.pot_dir]
        for translatable in files:
            translatable.locale_dir = self.pot_dir
        return files

    def build_potfiles(self):
        self.potfiles = super().build_potfiles()
        return []  # nothing for makemessages to merge into a catalogue

    def write_po_file(self, potfile, locale):
        raise AssertionError("check_translations must never write a catalogue")


def extract_source_messages() -> list[tuple[str, str, str]]:
    """The msgids of the source code, extracted as `make makemessages` does."""
    with (
        tempfile.TemporaryDirectory(prefix="check-translations-") as work_dir,
        contextlib.chdir(settings.BASE_DIR),
    ):
        extractor = _Extractor(work_dir)
        # --exclude only satisfies makemessages' "which locales?" check: the extractor
        # never writes a catalogue.
        call_command(extractor, *MAKEMESSAGES_ARGS, "--exclude=-", "--keep-pot", verbosity=0)
        keys = []
        for potfile in extractor.potfiles:
            keys += [entry_key(e) for e in polib.pofile(potfile) if not e.obsolete]
        return keys


# --- the command ---------------------------------------------------------------------


class Command(BaseCommand):
    help = (
        "Fail when an interface catalogue (translations/locale/*/LC_MESSAGES/django.po) has "
        "untranslated, fuzzy or broken entries, or lacks strings of the source code."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--locale-dir",
            help="directory of the catalogues (default: the first of settings.LOCALE_PATHS)",
        )
        parser.add_argument(
            "--language",
            action="append",
            dest="languages",
            metavar="CODE",
            help=(
                "check only this language (repeatable); default: every catalogue found and "
                f"the required languages ({', '.join(required_languages())})"
            ),
        )
        parser.add_argument(
            "--no-extract",
            action="store_true",
            help="do not compare the catalogues with the strings of the source code",
        )

    def handle(self, *args, locale_dir=None, languages=None, no_extract=False, **options):
        locale_dir = Path(locale_dir or settings.LOCALE_PATHS[0])
        found = {
            path.parent.parent.name: path
            for path in sorted(locale_dir.glob(f"*/LC_MESSAGES/{DOMAIN}.po"))
        }
        if languages:
            checked = list(dict.fromkeys(languages))
            required = checked
        else:
            required = required_languages()
            checked = list(dict.fromkeys(required + sorted(found)))

        source_keys = None if no_extract else self._source_keys()

        problems = 0
        for language in checked:
            if language == SOURCE_LANGUAGE and not languages:
                self.stdout.write(f"{language}: source language, not checked")
                continue
            path = found.get(language)
            if path is None:
                if language in required:
                    problems += 1
                    expected = locale_dir / language / "LC_MESSAGES" / f"{DOMAIN}.po"
                    self.stdout.write(f"{language}: no catalogue ({expected})")
                continue
            problems += self._check_catalogue(language, path, source_keys)

        if problems:
            raise CommandError(
                f"{problems} translation problem(s), listed above. Run `make makemessages`, "
                "translate the entries, check and remove the fuzzy flags."
            )

    def _source_keys(self) -> list[tuple[str, str, str]] | None:
        if shutil.which("xgettext") is None:
            message = (
                "xgettext (GNU gettext) not found: cannot compare the catalogues with the "
                "source code. Install gettext (Debian: apt-get install gettext)."
            )
            if os.environ.get("CI"):
                raise CommandError(message)
            self.stderr.write(f"Warning: {message} Skipped that part of the check.")
            return None
        return extract_source_messages()

    def _check_catalogue(self, language, path, source_keys) -> int:
        try:
            po = polib.pofile(str(path))
        except (OSError, ValueError) as error:
            self.stdout.write(f"{language}: cannot read {path}: {error}")
            return 1
        entries = [e for e in po if not e.obsolete]
        match = re.search(r"nplurals\s*=\s*(\d+)", po.metadata.get("Plural-Forms", ""))
        nplurals = int(match[1]) if match else None

        found: dict[str, list[str]] = {}
        if po.metadata_is_fuzzy:
            found.setdefault("header", []).append(
                "the header is marked fuzzy (msgfmt would ignore it and its plural forms)"
            )
        if nplurals is None and any(e.msgid_plural for e in entries):
            found.setdefault("header", []).append("no Plural-Forms in the header")
        for entry in entries:
            key = describe(entry_key(entry))
            if "fuzzy" in entry.flags:
                found.setdefault("fuzzy", []).append(key)
            elif not entry.translated():
                found.setdefault("untranslated", []).append(key)
            else:
                for problem in _format_problems(entry, nplurals):
                    found.setdefault("broken translation", []).append(f"{key}: {problem}")

        stale = 0
        if source_keys is not None:
            current = {entry_key(e) for e in entries}
            obsolete = {entry_key(e) for e in po.obsolete_entries()}
            for key in source_keys:
                if key in current:
                    continue
                if key in obsolete:
                    found.setdefault("obsolete (#~) but used in the source", []).append(
                        describe(key)
                    )
                else:
                    found.setdefault("missing (in the source, not in the catalogue)", []).append(
                        describe(key)
                    )
            stale = len(current - set(source_keys))

        translated = sum(1 for e in entries if e.translated())
        summary = f"{language}: {len(entries)} entries, {translated} translated"
        if stale:
            summary += f", {stale} no longer in the source (made obsolete by makemessages)"
        count = sum(len(items) for items in found.values())
        if not count:
            self.stdout.write(summary)
            return 0
        self.stdout.write(f"{summary}: {count} problem(s) in {path}")
        for category, items in found.items():
            self.stdout.write(f"  {category} ({len(items)}):")
            for item in items:
                self.stdout.write(f"    {item}")
        return count
