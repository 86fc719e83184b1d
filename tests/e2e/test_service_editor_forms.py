"""A provider editor's service editor in Chromium, in Finnish and Swedish (issue 17):
source-language checkboxes, submitting as the main button, the time-and-place form's
labels, the coordinate search and a clear coordinate error. Screenshots into
$E2E_SCREENSHOTS when it is set."""

import os
from pathlib import Path

import pytest
from django.core.cache import cache

from services.models import ServicePage, TargetGroup

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.ui_only,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

TEXTS = {
    "fi": {"submit": "Lähetä", "street": "Katuosoite", "latitude": "Leveysaste"},
    "sv": {"submit": "Lämna in", "street": "Gatuadress", "latitude": "Latitud"},
}


def shot(page, name):
    folder = os.environ.get("E2E_SCREENSHOTS")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(folder) / f"e2e-{name}.png"), full_page=True)


def open_as(browser, live_server, settings, username, code):
    context = browser.new_context(
        base_url=live_server.url, locale={"fi": "fi-FI", "sv": "sv-SE"}[code]
    )
    page = context.new_page()
    page.goto("/admin/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", settings.DEMO_PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url("**/admin/")
    return context, page


@pytest.mark.parametrize("code", ["fi", "sv"])
def test_provider_editor_service_form(browser, live_server, settings, code):
    service = (
        ServicePage.objects.filter(
            responsible_municipality__slug="kerava", locale__language_code="fi"
        )
        .order_by("pk")
        .first()
    )
    # A published service with a known place, for the coordinate search.
    known = (
        ServicePage.objects.live()
        .filter(locale__language_code="fi")
        .exclude(pk=service.pk)
        .order_by("pk")
        .first()
    )
    known.time_and_place = [
        (
            "agreed",
            {
                "locations": [
                    {
                        "name": "Työvoimapalvelut",
                        "street_address": "Kauppakaari 11",
                        "postal_code": "04200",
                        "city": "Kerava",
                        "latitude": "60.4033",
                        "longitude": "25.1046",
                        "accessibility": [],
                    }
                ],
                "info": "",
            },
        )
    ]
    known.save()
    cache.clear()
    texts = TEXTS[code]
    # No autosave: it would save the searched coordinates as a draft of its own and ping
    # the server while the live server's database is flushed after the test.
    settings.WAGTAIL_AUTOSAVE_INTERVAL = 0
    context, page = open_as(browser, live_server, settings, f"{service.provider.slug}-editor", code)
    try:
        page.goto(f"/admin/pages/{service.pk}/edit/")

        # 1. One checkbox per concept, in the source language, sorted.
        labels = page.locator("#id_target_groups label").all_inner_texts()
        finnish = set(
            TargetGroup.objects.filter(locale__language_code="fi").values_list("name", flat=True)
        )
        assert labels and {label.strip() for label in labels} <= finnish, labels
        shot(page, f"17a-{code}-public-information")

        # 2. The main button submits to the review.
        primary = page.locator("footer button[name]").first
        assert primary.get_attribute("name") == "action-submit"
        assert texts["submit"] in primary.inner_text()

        # 3. Time and place: capitalised labels, the search fills the coordinates.
        tab = page.locator('[role="tab"]').nth(1)  # Time and place (its id is translated)
        tab.click()
        panel = page.locator("#" + tab.get_attribute("aria-controls"))
        shot(page, f"17a-{code}-time-and-place")
        street_label = panel.locator("label", has_text=texts["street"]).first
        street_label.wait_for()
        assert street_label.inner_text().startswith(texts["street"])
        assert panel.locator("label", has_text=texts["latitude"]).count() >= 1
        search = panel.locator(".location-picker__query").first
        search.fill("Kauppakaari")
        search.press("Enter")
        choice = panel.locator(".location-picker__choice").first
        choice.wait_for()
        assert "Kauppakaari 11" in choice.inner_text()
        choice.focus()
        page.keyboard.press("Enter")  # keyboard works
        latitude = panel.locator('input[name$="-latitude"]').first
        longitude = panel.locator('input[name$="-longitude"]').first
        assert latitude.input_value() == "60.4033"
        assert longitude.input_value() == "25.1046"
        panel.locator("[data-location-picker]").first.scroll_into_view_if_needed()
        shot(page, f"17a-{code}-time-and-place-search")

        # The municipality centre from the address typed above.
        panel.locator("[data-location-from-address]").first.click()
        panel.locator(".location-picker__choice").first.wait_for()

        # 4. Swapped coordinates: a clear error, nothing saved.
        latitude.fill("25.1046")
        longitude.fill("60.4033")
        revisions = service.revisions.count()
        with page.expect_navigation():
            page.evaluate("document.querySelector('button[name=action-submit]').click()")
        # Refused: no new revision, no review started.
        assert service.revisions.count() == revisions
        assert not ServicePage.objects.get(pk=service.pk).workflow_in_progress
        page.locator('[role="tab"]').nth(1).click()
        error = panel.locator(".error-message").first
        error.wait_for()
        assert "59.3" in error.inner_text()
        error.scroll_into_view_if_needed()
        shot(page, f"17a-{code}-coordinate-error")
    finally:
        context.close()
