"""A producer's review day in Chromium, in Finnish and in Swedish: the dashboard's review
queue (two services with the same name told apart), the editor's action menu (approve
first, "and publish" once, unpublish last), the obligation select of the internal
information, and the SLA report (links, date pickers). Screenshots go to
$SCREENSHOT_DIR (default: none taken) for a person to look at."""

import datetime as dt
import os
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone
from wagtail.models import WorkflowState
from wagtail.users.models import UserProfile

from services.models import ServicePage

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.ui_only,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

SAME_NAME = "Ammatinvalinnan ryhmä nuorille"
SCREENS = os.environ.get("SCREENSHOT_DIR")

WORDS = {
    "fi": {"approve": "Hyväksy ja julkaise", "unpublish": "Piilota", "overdue": "Myöhässä"},
    "sv": {"approve": "Godkänn och publicera", "unpublish": "Avpublicera", "overdue": "Försenad"},
}


def shot(page, name):
    if SCREENS:
        Path(SCREENS).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(SCREENS) / f"{name}.png"), full_page=True)


def start_review(page, days_ago):
    editor = get_user_model().objects.get(username=f"{page.provider.slug}-editor")
    page.save_revision(user=editor)
    page.get_workflow().start(page, editor)
    task_state = WorkflowState.objects.for_instance(page).get().current_task_state
    task_state.started_at = timezone.now() - dt.timedelta(days=days_ago, hours=2)
    task_state.save(update_fields=["started_at"])


@pytest.mark.parametrize("language", ["fi", "sv"])
def test_producer_review_screens(session_as, language):
    twins = list(
        ServicePage.objects.filter(
            responsible_municipality__slug="helsinki", locale__language_code="fi"
        ).order_by("pk")[:2]
    )
    ServicePage.objects.filter(pk__in=[p.pk for p in twins]).update(title=SAME_NAME)
    for page, days in zip(twins, (25, 3), strict=True):
        page.refresh_from_db()
        start_review(page, days)
    producer = get_user_model().objects.get(username="helsinki-producer")
    profile = UserProfile.get_for_user(producer)
    profile.preferred_language = language
    profile.save()
    words = WORDS[language]

    browser = session_as("helsinki-producer")
    browser.set_viewport_size({"width": 1280, "height": 900})
    browser.goto("/admin/")
    queue = browser.locator("table.review-queue")
    shot(browser, f"{language}-dashboard-review-queue")
    assert queue.locator("tbody tr").count() == 2
    assert queue.get_by_text(SAME_NAME).count() == 2
    assert words["overdue"].upper() in queue.inner_text().upper()
    assert "Task submitted by" not in browser.content()

    # The editor: approve is the button, unpublish last in the menu.
    browser.goto(f"/admin/pages/{twins[0].pk}/edit/")
    footer = browser.locator("footer")
    default = footer.locator("[data-workflow-action-name=approve]").first
    assert default.inner_text().strip() == words["approve"]
    footer.locator("button[aria-label], .w-dropdown__toggle").last.click()
    browser.wait_for_timeout(300)
    items = [
        t.strip()
        for t in footer.locator(
            ".w-dropdown__content button, .w-dropdown__content a"
        ).all_inner_texts()
        if t.strip()
    ]
    assert items and items[-1] == words["unpublish"], items
    assert not [i for i in items if i.count(words["approve"].split()[-1]) > 1]
    shot(browser, f"{language}-editor-action-menu")

    # The internal information's obligation select fits its box.
    browser.keyboard.press("Escape")
    select = browser.locator("select[name$='obligation']").first
    if select.count():
        panel_id = select.evaluate("s => s.closest('[role=tabpanel]').id")
        browser.click(f"[role=tab][href='#{panel_id}']")
        select.scroll_into_view_if_needed()
        # Its right edge stays within its block's panel.
        select_right, panel_right = select.evaluate(
            """s => [s.getBoundingClientRect().right,
                     s.closest('.w-panel').getBoundingClientRect().right]"""
        )
        assert select_right <= panel_right + 1, (
            select_right,
            panel_right,
            select.evaluate("s => getComputedStyle(s).maxWidth"),
        )
        shot(browser, f"{language}-editor-obligation")

    # The SLA report: rows link to the service, the dates are pickers.
    browser.goto("/admin/reports/pipeline-sla/")
    links = browser.locator("table.listing a[href$='/edit/']")
    assert links.count() >= 2
    browser.click("#id_start")
    browser.wait_for_timeout(300)
    assert browser.locator(".xdsoft_datetimepicker:visible").count() == 1
    shot(browser, f"{language}-sla-report")
