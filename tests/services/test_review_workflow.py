"""The update pair's review through the admin: submit, refuse the wrong municipality,
send back with a comment, resubmit, approve with an internal instruction."""

import pytest
from django.urls import reverse
from wagtail.models import WorkflowState

from services.models import ServicePage
from services.pipeline import reviews
from tests.admin_forms import rich_text, service_form_data

pytestmark = pytest.mark.django_db


def edit(client, page, **kwargs):
    return client.post(
        reverse("wagtailadmin_pages:edit", args=[page.pk]), service_form_data(page, **kwargs)
    )


def workflow_action(client, page, name, comment="", **kwargs):
    data = service_form_data(page, **kwargs)
    data.update(
        {
            "action-workflow-action": "true",
            "workflow-action-name": name,
            "workflow-action-extra-data": f'{{"comment": "{comment}"}}' if comment else "{}",
        }
    )
    return client.post(reverse("wagtailadmin_pages:edit", args=[page.pk]), data)


def state_of(page):
    return WorkflowState.objects.for_instance(page).order_by("-created_at").first()


def test_full_review_round(login, services, mailoutbox):
    page = services("helsinki")
    editor_name = f"{page.provider.slug}-editor"
    editor = login(editor_name)
    edit(editor, page, short_description="Päivitetty kuvaus palveluntuottajalta.", action="submit")
    state = state_of(page)
    assert state.status == "in_progress"
    assert [m.to for m in mailoutbox] == [[page.municipal_responsible.email]]
    assert "review" in mailoutbox[0].subject.lower() or "tarkast" in mailoutbox[0].subject.lower()

    # Another municipality's producer cannot approve: nothing changes.
    outsider = login("espoo-producer")
    workflow_action(outsider, page, "approve")
    assert state_of(page).status == "in_progress"
    assert not ServicePage.objects.get(pk=page.pk).short_description.startswith("Päivitetty")

    # The responsible municipality sends it back with a comment; the provider is told.
    mailoutbox.clear()
    producer = login("helsinki-producer")
    workflow_action(producer, page, "reject", comment="Lisää osallistumisen edellytykset.")
    assert state_of(page).status == "needs_changes"
    assert any("Lisää osallistumisen edellytykset." in m.body for m in mailoutbox)
    assert {page.provider_updater.email} <= {m.to[0] for m in mailoutbox}

    # Resubmission continues the same pipeline (the same workflow state).
    editor = login(editor_name)
    edit(editor, page, short_description="Päivitetty kuvaus palveluntuottajalta.", action="submit")
    assert state_of(page).pk == state.pk and state_of(page).status == "in_progress"
    [review] = [r for r in reviews() if r.page.pk == page.pk]
    assert len(state.task_states.all()) == 2 and review.waited.total_seconds() >= 0

    # The responsible producer writes an internal instruction and approves: it goes live.
    producer = login("helsinki-producer")
    workflow_action(
        producer,
        page,
        "approve",
        short_description="Päivitetty kuvaus palveluntuottajalta.",
        internal=[("referral", rich_text("<p>Ohjaa lähetteellä.</p>"))],
    )
    live = ServicePage.objects.get(pk=page.pk)
    assert state_of(page).status == "approved"
    assert live.live and live.short_description == "Päivitetty kuvaus palveluntuottajalta."
    assert "Ohjaa lähetteellä." in str(live.internal.raw_data)
    assert live.live_revision_id == live.latest_revision_id


def test_two_editors_the_approved_revision_is_published(login, services, user):
    """A draft saved by someone else after the submission is kept but not published."""
    page = services("helsinki")
    editor = login(f"{page.provider.slug}-editor")
    edit(editor, page, short_description="Lähetetty versio.", action="submit")
    submitted = ServicePage.objects.get(pk=page.pk).get_latest_revision()
    # Providers are locked out during the review; a second producer saves a draft.
    other = login("helsinki-producer2")
    edit(other, page, short_description="Toisen käyttäjän luonnos.")
    draft = ServicePage.objects.get(pk=page.pk).get_latest_revision()
    assert draft.pk != submitted.pk

    # The reviewer approves from the dashboard, without editing.
    producer = login("helsinki-producer")
    task_state = state_of(page).current_task_state
    producer.post(
        reverse("wagtailadmin_pages:workflow_action", args=[page.pk, "approve", task_state.pk]),
        {},
    )
    live = ServicePage.objects.get(pk=page.pk)
    assert state_of(page).status == "approved"
    assert live.live_revision_id == submitted.pk
    assert live.short_description == "Lähetetty versio."
    # Both revisions are kept.
    assert {submitted.pk, draft.pk} <= set(live.revisions.values_list("pk", flat=True))
