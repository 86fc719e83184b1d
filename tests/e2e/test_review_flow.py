"""A provider edits and submits; another municipality cannot approve; the responsible
producer adds an internal instruction and publishes; the new revision is live."""

import pytest
from wagtail.models import WorkflowState

from services.models import ServicePage

# serialized_rollback: start from the shared demo world even after another browser test
# has flushed the database (tests/e2e/conftest.py).
pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_review_in_the_browser(session_as):
    from services.demo.builder import DemoBuilder

    DemoBuilder(services=12, seed=5, reviews=False).build()
    service = ServicePage.objects.filter(
        responsible_municipality__slug="helsinki", locale__language_code="fi"
    ).first()
    edit_url = f"/admin/pages/{service.pk}/edit/"

    # 1. The provider's editor changes the description and submits it for review.
    editor = session_as(f"{service.provider.slug}-editor")
    editor.goto(edit_url)
    assert editor.locator("#tab-label-internal_information").count() == 0
    editor.fill("#id_short_description", "Selaimessa päivitetty kuvaus.")
    with editor.expect_navigation():
        editor.evaluate("document.querySelector('button[name=action-submit]').click()")
    assert WorkflowState.objects.for_instance(service).filter(status="in_progress").exists()

    # 2. Another municipality's producer gets no approve action.
    outsider = session_as("espoo-producer")
    outsider.goto(edit_url)
    assert outsider.locator("[data-workflow-action-name=approve]").count() == 0

    # 3. The responsible producer writes an internal instruction and approves.
    producer = session_as("helsinki-producer")
    producer.goto(edit_url)
    producer.click("#tab-label-internal_information")
    panel = producer.locator("#tab-internal_information")
    # The referral instruction exists once (max one per service): extend it.
    editor_box = panel.locator(".public-DraftEditor-content").first
    editor_box.click()
    producer.keyboard.type(" Ohjaa selaintestin lähetteellä. ")
    producer.wait_for_timeout(300)  # Draftail serialises into its hidden input on change
    approve = "[data-workflow-action-name=approve]:not([data-workflow-action-modal-url])"
    with producer.expect_navigation():
        producer.evaluate(f"document.querySelector('{approve}').click()")

    live = ServicePage.objects.get(pk=service.pk)
    assert (
        WorkflowState.objects.for_instance(service).order_by("-created_at").first().status
        == "approved"
    )
    assert live.live and live.short_description == "Selaimessa päivitetty kuvaus."
    assert "Ohjaa selaintestin lähetteellä." in str(live.internal.raw_data)
    assert live.live_revision_id == live.latest_revision_id
