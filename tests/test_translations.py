"""The interface catalogues: the completeness check itself, and the admin in Finnish.

`check_translations` re-extracts the messages of the source code (makemessages, GNU
gettext's xgettext), so a new `_("...")` without a Finnish and a Swedish translation makes
test_catalogues_are_complete (and `make check`) fail.
"""

import re
import shutil
from io import StringIO
from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import CommandError

from translations.management.commands.check_translations import MAKEMESSAGES_ARGS

LOCALE_DIR = Path(settings.LOCALE_PATHS[0])
FI_CATALOGUE = LOCALE_DIR / "fi" / "LC_MESSAGES" / "django.po"

needs_xgettext = pytest.mark.skipif(
    shutil.which("xgettext") is None, reason="GNU gettext (xgettext) is not installed"
)


def run_check(*args) -> str:
    """Run the check; return its output, or raise CommandError with the output attached."""
    out = StringIO()
    try:
        call_command("check_translations", *args, stdout=out, stderr=out)
    except CommandError as error:
        error.output = out.getvalue()
        raise
    return out.getvalue()


def fi_copy(tmp_path, change=None) -> Path:
    """A copy of the Finnish catalogue in tmp_path/fi/LC_MESSAGES, changed by `change(po)`."""
    po = polib.pofile(str(FI_CATALOGUE))
    if change:
        change(po)
    target = tmp_path / "fi" / "LC_MESSAGES" / "django.po"
    target.parent.mkdir(parents=True)
    po.save(str(target))
    return tmp_path


def entry(po, msgid):
    found = po.find(msgid)
    assert found is not None, f"{msgid!r} is not in the Finnish catalogue"
    return found


@needs_xgettext
def test_catalogues_are_complete():
    """Every required catalogue exists, is fully translated and in step with the source."""
    output = run_check()
    for language in ("fi", "sv"):
        assert re.search(rf"^{language}: (\d+) entries, \1 translated", output, re.M), output


@needs_xgettext
def test_the_unchanged_copy_passes(tmp_path):
    """The baseline of the failure tests below: the copy itself is fine."""
    output = run_check("--locale-dir", str(fi_copy(tmp_path)), "--language", "fi")
    assert output.startswith("fi: ")


@needs_xgettext
def test_an_untranslated_entry_fails(tmp_path):
    def untranslate(po):
        entry(po, "My services").msgstr = ""

    with pytest.raises(CommandError) as failure:
        run_check("--locale-dir", str(fi_copy(tmp_path, untranslate)), "--language", "fi")
    assert "untranslated (1):" in failure.value.output
    assert '"My services"' in failure.value.output


@needs_xgettext
def test_a_fuzzy_entry_fails(tmp_path):
    def make_fuzzy(po):
        entry(po, "Change requests").flags.append("fuzzy")

    with pytest.raises(CommandError) as failure:
        run_check("--locale-dir", str(fi_copy(tmp_path, make_fuzzy)), "--language", "fi")
    assert "fuzzy (1):" in failure.value.output
    assert '"Change requests"' in failure.value.output


@needs_xgettext
def test_a_source_string_missing_from_the_catalogue_fails(tmp_path):
    """What a new _("...") without `make makemessages` looks like: not in the catalogue."""

    def drop(po):
        po.remove(entry(po, "Service lists"))

    with pytest.raises(CommandError) as failure:
        run_check("--locale-dir", str(fi_copy(tmp_path, drop)), "--language", "fi")
    assert "missing (in the source, not in the catalogue) (1):" in failure.value.output
    assert '"Service lists"' in failure.value.output


@needs_xgettext
def test_an_obsolete_entry_still_used_in_the_source_fails(tmp_path):
    def make_obsolete(po):
        entry(po, "Favourites").obsolete = True

    with pytest.raises(CommandError) as failure:
        run_check("--locale-dir", str(fi_copy(tmp_path, make_obsolete)), "--language", "fi")
    assert "obsolete (#~) but used in the source (1):" in failure.value.output


def test_a_broken_placeholder_fails(tmp_path):
    def break_placeholder(po):
        found = entry(po, "Change request: %(title)s")
        found.msgstr = found.msgstr.replace("%(title)s", "%(otsikko)s")

    with pytest.raises(CommandError) as failure:
        run_check(
            "--locale-dir",
            str(fi_copy(tmp_path, break_placeholder)),
            "--language",
            "fi",
            "--no-extract",
        )
    assert "python-format placeholders differ" in failure.value.output


def test_a_required_language_without_a_catalogue_fails(tmp_path):
    fi_copy(tmp_path)  # fi only: sv, required, has no catalogue
    with pytest.raises(CommandError) as failure:
        run_check("--locale-dir", str(tmp_path), "--no-extract")
    assert re.search(r"^sv: no catalogue", failure.value.output, re.M)
    assert re.search(r"^fi: \d+ entries", failure.value.output, re.M)


def test_the_makefile_refreshes_the_catalogues_with_the_options_of_the_check():
    """`make makemessages` and the check's extraction must scan the same files."""
    makefile = (Path(settings.BASE_DIR) / "Makefile").read_text(encoding="utf-8")
    match = re.search(r"^MAKEMESSAGES_ARGS := (.*)$", makefile, re.M)
    assert match, "MAKEMESSAGES_ARGS not found in the Makefile"
    assert match[1].split() == MAKEMESSAGES_ARGS


@pytest.fixture
def compiled_catalogues(settings, tmp_path):
    """The current .po files compiled into a temporary LOCALE_PATHS.

    Independent of whether `make messages` has run, and never a stale .mo.
    """
    for po_path in LOCALE_DIR.glob("*/LC_MESSAGES/django.po"):
        target = tmp_path / po_path.relative_to(LOCALE_DIR)
        target.parent.mkdir(parents=True)
        polib.pofile(str(po_path)).save_as_mofile(str(target.with_suffix(".mo")))
    settings.LOCALE_PATHS = [tmp_path]  # resets Django's translation caches


def test_the_admin_dashboard_is_in_finnish(compiled_catalogues, login):
    client = login("helsinki-producer")
    response = client.get("/admin/", HTTP_ACCEPT_LANGUAGE="fi")
    assert response.status_code == 200
    content = response.content.decode()
    # Our menu labels ("My services", "Change requests"); the sidebar's JSON may escape ö.
    assert "Omat palvelut" in content
    assert "Muutospyynnöt" in content or "Muutospyynn\\u00f6t" in content
    assert "My services" not in content
    # Wagtail's own Finnish is there too.
    assert "Kojelauta" in content or "Sivut" in content


def test_the_admin_is_in_swedish_for_raasepori(compiled_catalogues, login, services):
    """Raasepori works in Swedish: the dashboard, a service card and the SLA report."""
    from django.urls import reverse

    client = login("raasepori-producer")
    dashboard = client.get("/admin/", HTTP_ACCEPT_LANGUAGE="sv").content.decode()
    assert "Mina tjänster" in dashboard or "Mina tj\\u00e4nster" in dashboard
    assert "My services" not in dashboard
    report = client.get(reverse("services_sla_report"), HTTP_ACCEPT_LANGUAGE="sv")
    assert report.status_code == 200
    assert "SLA för publiceringsflödet" in report.content.decode()
    card = client.get(
        reverse("services_card", args=[services("raasepori").pk]), HTTP_ACCEPT_LANGUAGE="sv"
    ).content.decode()
    assert "Skicka" in card or "Lägg till" in card
    assert "Send a change request" not in card and "Add to favourites" not in card


@pytest.mark.parametrize(
    "path, accept, expected",
    [
        # The frontend: the address names the language, whatever the browser asks for.
        ("/", "sv", "fi"),
        ("/", "en", "fi"),
        ("/sv/", "fi", "sv"),
        ("/en/", "sv", "en"),
        ("/sv/services/", "fi", "sv"),
        # The back office: the person's language (Accept-Language here), never the
        # frontend's default forced on an unprefixed address.
        ("/admin/login/", "sv", "sv"),
        ("/admin/login/", "fi", "fi"),
        ("/graphql/", "sv", "sv"),
    ],
)
@pytest.mark.django_db
def test_the_language_of_an_address(client, path, accept, expected):
    """cms/locale_middleware.py: i18n_patterns must not turn the admin Finnish for a
    Swedish-speaking user (the regression that found it)."""
    if path == "/graphql/":
        response = client.post(
            path,
            {"query": "{ __typename }"},
            content_type="application/json",
            HTTP_ACCEPT_LANGUAGE=accept,
        )
    else:
        response = client.get(path, HTTP_ACCEPT_LANGUAGE=accept)
    assert response.status_code == 200, (path, response.status_code)
    assert response["Content-Language"] == expected
