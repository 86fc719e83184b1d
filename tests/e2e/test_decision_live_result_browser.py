"""The decision form's live result in Chromium, in Finnish and in Swedish: a maintainer
changes the working group's votes and the result under them follows (the script is a static
file of the policies app, allowed by the admin's CSP), with the server's figures. Nothing is
saved. Screenshots go to $SCREENSHOT_DIR (default: none taken)."""

import os
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from wagtail.users.models import UserProfile

from cms.models import Organisation
from policies.models import Decision

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.ui_only,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

SCREENS = os.environ.get("SCREENSHOT_DIR")
WORDS = {
    "fi": {"passed": "Hyväksytty", "escalated": "Siirretty ohjausryhmälle"},
    "sv": {"passed": "Godkänt", "escalated": "Hänskjutet till styrgruppen"},
}


def set_vote(page, organisation, vote):
    """Choose `vote` on the working-group row of `organisation` (the form prefills a row
    for every partner)."""
    row = page.locator(
        f"select[name^='working_group_votes-'][name$='-organisation']"
        f":has(option[value='{organisation.pk}'][selected])"
    )
    name = row.get_attribute("name").replace("-organisation", "-vote")
    page.select_option(f"select[name='{name}']", vote)


@pytest.mark.parametrize("language", ["fi", "sv"])
def test_the_result_follows_the_votes(session_as, language):
    maintainer = get_user_model().objects.get(username="yllapito-maintainer")
    profile = UserProfile.get_for_user(maintainer)
    profile.preferred_language = language
    profile.save()
    partners = {o.slug: o for o in Organisation.objects.municipalities()}
    decisions = Decision.objects.count()
    errors = []

    page = session_as("yllapito-maintainer")
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.set_viewport_size({"width": 1280, "height": 1000})
    page.goto("/admin/monitoring/decisions/new/")
    panel = page.locator("#decision-live-result")
    assert panel.count() == 1

    # Helsinki, Vantaa and Kerava for, Espoo against: 65,87 < 66,67, escalated.
    for slug, vote in (("helsinki", "for"), ("vantaa", "for"), ("kerava", "for")):
        set_vote(page, partners[slug], vote)
    set_vote(page, partners["espoo"], "against")
    page.wait_for_function(
        "() => document.querySelector('#decision-live-result').innerText.includes('65,87')"
    )
    assert WORDS[language]["escalated"] in panel.inner_text()
    # Raasepori for as well: 67,95, passed in the working group.
    set_vote(page, partners["raasepori"], "for")
    page.wait_for_function(
        "() => document.querySelector('#decision-live-result').innerText.includes('67,95')"
    )
    text = panel.inner_text()
    assert WORDS[language]["passed"] in text and "66,67" in text
    if SCREENS:
        Path(SCREENS).mkdir(parents=True, exist_ok=True)
        panel.scroll_into_view_if_needed()
        page.screenshot(path=str(Path(SCREENS) / f"{language}-decision-live-result.png"))
    assert not [e for e in errors if "Content Security Policy" in e or "live" in e], errors
    assert Decision.objects.count() == decisions  # nothing saved
