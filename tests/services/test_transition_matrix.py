"""Every publication-pipeline transition of a service page, tried through the admin by
every role that could plausibly try it.

EXPECTED is written out by hand from docs/permissions.md, services/models/workflows.py
(the municipal review task) and docs/decisions.md; it is *not* computed from
`cms.roles`, so a wrong declaration there shows up here as a failing cell.

Each case sets up its own state on a fresh Helsinki service (the database is rolled
back per test), snapshots the service, lets the actor try the transition and then
checks either the transition's effect (allowed) or that the snapshot is unchanged
(forbidden): revisions, live revision, live and draft content, workflow and task
states, freshness fields, locks, audit log entries, translations' live flags and
e-mail sent.
"""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Page, PageLogEntry, TaskState, WorkflowState

from cms.models import Organisation
from services.models import ServicePage
from tests.admin_forms import service_form_data

pytestmark = pytest.mark.django_db

# Outcomes of a cell.
Y = "allowed"  # the transition happens
N = "denied"  # nothing changes at all
# The request is not the transition asked for, but Wagtail's editor treats a
# publish button the user has no right to as a plain "save draft" (which the actor
# may do anyway): nothing is published, no workflow starts, one draft revision is added.
DRAFT = "draft only"

ACTORS = (
    "maintainer",
    "resp_producer",  # content producer of the responsible municipality
    "resp_main",  # main user of the responsible municipality
    "other_producer",  # content producer of another municipality
    "resp_expert",  # municipal expert of the responsible municipality
    "provider_editor",  # editor of the service's provider
    "provider_main",  # main user of the service's provider
    "other_provider_editor",  # editor of another provider
    "translator",
)

# fmt: off
EXPECTED = {
    #                    maint  r_prod r_main o_prod expert p_edit p_main o_pedit transl
    "save_draft":       (Y,     Y,     Y,     N,     N,     Y,     Y,     N,      N),
    "submit":           (Y,     Y,     Y,     N,     N,     Y,     Y,     N,      N),
    "approve":          (Y,     Y,     Y,     N,     N,     N,     N,     N,      N),
    "request_changes":  (Y,     Y,     Y,     N,     N,     N,     N,     N,      N),
    "resubmit":         (Y,     Y,     Y,     N,     N,     Y,     Y,     N,      N),
    "publish":          (Y,     Y,     Y,     N,     N,     DRAFT, DRAFT, N,      N),
    "unpublish":        (Y,     Y,     Y,     N,     N,     N,     N,     N,      N),
    "confirm_accurate": (Y,     Y,     Y,     N,     N,     Y,     Y,     N,      N),
}
# fmt: on

# Approve and request changes can be posted from the editor (the workflow action
# buttons) or from the dashboard / listing (Wagtail's workflow_action view): both
# routes must obey the same cell.
ROUTES = {"approve": ("editor", "dashboard"), "request_changes": ("editor", "dashboard")}

# Cells where the code is believed to be wrong: (transition, actor) -> reason. The
# expectation above is kept; the case is marked xfail(strict=True).
SUSPECTED_BUGS: dict[tuple[str, str], str] = {}

SUBMITTED = "Palveluntuottajan lähettämä päivitys tarkastettavaksi."
REVIEW_COMMENT = "Täydennä osallistumisen edellytykset."


def _cases():
    for transition, row in EXPECTED.items():
        for actor, outcome in zip(ACTORS, row, strict=True):
            for route in ROUTES.get(transition, ("editor",)):
                marks = []
                if (transition, actor) in SUSPECTED_BUGS:
                    marks.append(
                        pytest.mark.xfail(strict=True, reason=SUSPECTED_BUGS[transition, actor])
                    )
                case_id = f"{transition}-{actor}"
                if transition in ROUTES:
                    case_id = f"{transition}[{route}]-{actor}"
                yield pytest.param(transition, route, actor, outcome, marks=marks, id=case_id)


def test_table_is_complete():
    assert set(EXPECTED) == {
        "save_draft",
        "submit",
        "approve",
        "request_changes",
        "resubmit",
        "publish",
        "unpublish",
        "confirm_accurate",
    }
    assert all(len(row) == len(ACTORS) for row in EXPECTED.values())


# --- helpers (as in test_review_workflow.py) -------------------------------------------------
def fresh(page):
    return ServicePage.objects.get(pk=page.pk)


def draft_of(page):
    """The latest revision as a page: what the editor shows and the next POST starts from."""
    return fresh(page).get_latest_revision_as_object()


def form_data(page, **kwargs):
    """The editor's POST, starting from the draft. Only `short_description` differs between
    the draft and the live page in these tests; the relations are read from the page row
    (a revision's many-to-many values are not querysets)."""
    kwargs.setdefault("short_description", draft_of(page).short_description)
    return service_form_data(fresh(page), **kwargs)


def edit(client, page, **kwargs):
    return client.post(
        reverse("wagtailadmin_pages:edit", args=[page.pk]), form_data(page, **kwargs)
    )


def workflow_action(client, page, name, comment="", **kwargs):
    data = form_data(page, **kwargs)
    data.update(
        {
            "action-workflow-action": "true",
            "workflow-action-name": name,
            "workflow-action-extra-data": f'{{"comment": "{comment}"}}' if comment else "{}",
        }
    )
    return client.post(reverse("wagtailadmin_pages:edit", args=[page.pk]), data)


def dashboard_action(client, page, name, comment=""):
    """The workflow action view used by the dashboard's "awaiting your review" panel."""
    task_state = state_of(page).current_task_state
    return client.post(
        reverse("wagtailadmin_pages:workflow_action", args=[page.pk, name, task_state.pk]),
        {"comment": comment},
    )


def state_of(page):
    return WorkflowState.objects.for_instance(page).order_by("-created_at").first()


def snapshot(page, mailoutbox):
    """Everything a pipeline transition could change."""
    page = fresh(page)
    state = state_of(page)
    return {
        "revisions": page.revisions.count(),
        "latest_revision": page.latest_revision_id,
        "live": page.live,
        "live_revision": page.live_revision_id,
        "has_unpublished_changes": page.has_unpublished_changes,
        "live_content": (page.title, page.short_description),
        "draft_content": (lambda d: (d.title, d.short_description))(
            page.get_latest_revision_as_object()
        ),
        "workflow_states": list(
            WorkflowState.objects.for_instance(page).values_list("pk", "status")
        ),
        "current_task_state": state.current_task_state_id if state else None,
        "task_states": list(
            TaskState.objects.filter(workflow_state__in=WorkflowState.objects.for_instance(page))
            .order_by("pk")
            .values_list("pk", "status", "comment", "revision_id")
        ),
        "freshness": (page.verified_at, page.verified_by_id, page.outdated_at, page.archived_at),
        "lock": (page.locked, page.locked_by_id),
        "log_entries": PageLogEntry.objects.filter(page=page).count(),
        "translations_live": sorted(
            Page.objects.filter(translation_key=page.translation_key).values_list("pk", "live")
        ),
        "mails": len(mailoutbox),
    }


# --- the world of one case ---------------------------------------------------------------------
@pytest.fixture
def world(services, user):
    page = services("helsinki")
    assert page.live and page.provider and not state_of(page)
    other_provider = (
        ServicePage.objects.filter(responsible_municipality__slug="helsinki")
        .exclude(provider=page.provider)
        .order_by("pk")
        .values_list("provider", flat=True)
        .first()
    )
    other_provider = Organisation.objects.get(pk=other_provider)
    usernames = {
        "maintainer": "yllapito-maintainer",
        "resp_producer": "helsinki-producer",
        "resp_main": "helsinki-main",
        "other_producer": "espoo-producer",
        "resp_expert": "helsinki-expert",
        "provider_editor": f"{page.provider.slug}-editor",
        "provider_main": f"{page.provider.slug}-main",
        "other_provider_editor": f"{other_provider.slug}-editor",
        "translator": "yllapito-translator",
    }
    assert set(usernames) == set(ACTORS)
    return {"page": page, "users": {actor: user(name) for actor, name in usernames.items()}}


def _as(client, world, actor):
    client.force_login(world["users"][actor])
    return client


def setup_in_review(client, world):
    """The provider editor has submitted a change; the review is in progress."""
    page = world["page"]
    edit(_as(client, world, "provider_editor"), page, short_description=SUBMITTED, action="submit")
    state = state_of(page)
    assert state and state.status == "in_progress"
    assert draft_of(page).short_description == SUBMITTED


def setup_needs_changes(client, world):
    """Submitted by the provider editor and sent back by the responsible producer."""
    setup_in_review(client, world)
    page = world["page"]
    workflow_action(_as(client, world, "resp_producer"), page, "reject", comment=REVIEW_COMMENT)
    assert state_of(page).status == "needs_changes"


def setup_outdated(client, world):
    """A live service flagged outdated by the freshness clock, never confirmed."""
    page = world["page"]
    ServicePage.objects.filter(pk=page.pk).update(
        verified_at=None, verified_by=None, outdated_at=timezone.now() - dt.timedelta(days=3)
    )


SETUPS = {
    "approve": setup_in_review,
    "request_changes": setup_in_review,
    "resubmit": setup_needs_changes,
    "confirm_accurate": setup_outdated,
}


# --- the transitions -----------------------------------------------------------------------------
def marker(transition, actor):
    return f"{transition} by {actor}: uusi kuvaus."


def attempt(client, page, transition, route, actor):
    text = marker(transition, actor)
    if transition == "save_draft":
        return edit(client, page, short_description=text)
    if transition in ("submit", "resubmit"):
        return edit(client, page, short_description=text, action="submit")
    if transition == "publish":
        return edit(client, page, short_description=text, action="publish")
    if transition in ("approve", "request_changes"):
        name = "approve" if transition == "approve" else "reject"
        comment = REVIEW_COMMENT if name == "reject" else ""
        if route == "dashboard":
            return dashboard_action(client, page, name, comment=comment)
        return workflow_action(client, page, name, comment=comment)
    if transition == "unpublish":
        return client.post(reverse("wagtailadmin_pages:unpublish", args=[page.pk]))
    if transition == "confirm_accurate":
        return client.post(reverse("services_confirm_accurate", args=[page.pk]))
    raise AssertionError(transition)


def assert_effect(transition, actor, before, page, user):
    """The transition happened, and only what it should change changed."""
    after = fresh(page)
    state = state_of(page)
    text = marker(transition, actor)
    draft = after.get_latest_revision_as_object()
    if transition == "save_draft":
        assert before["revisions"] + 1 == after.revisions.count()
        assert draft.short_description == text
        assert after.live_revision_id == before["live_revision"]
        assert (after.title, after.short_description) == before["live_content"]
        assert state is None
    elif transition == "submit":
        assert draft.short_description == text
        assert after.live_revision_id == before["live_revision"]
        assert (after.title, after.short_description) == before["live_content"]
        assert state.status == "in_progress" and state.requested_by_id == user.pk
        assert state.current_task_state.status == "in_progress"
    elif transition == "approve":
        assert state.status == "approved"
        assert after.live and after.short_description == SUBMITTED
        assert after.live_revision_id == after.latest_revision_id
        assert after.live_revision_id != before["live_revision"]
        assert state.current_task_state.finished_by_id == user.pk
    elif transition == "request_changes":
        assert state.status == "needs_changes"
        assert state.current_task_state.status == "rejected"
        assert state.current_task_state.comment == REVIEW_COMMENT
        assert state.current_task_state.finished_by_id == user.pk
        assert after.live_revision_id == before["live_revision"]
        assert (after.title, after.short_description) == before["live_content"]
    elif transition == "resubmit":
        # The same pipeline continues: the workflow state is resumed, not restarted.
        assert [pk for pk, _ in before["workflow_states"]] == [state.pk]
        assert state.status == "in_progress"
        assert state.task_states.count() == 2
        assert draft.short_description == text
        assert after.live_revision_id == before["live_revision"]
    elif transition == "publish":
        assert after.live and after.short_description == text
        assert after.live_revision_id == after.latest_revision_id
        assert after.live_revision_id != before["live_revision"]
        assert state is None
    elif transition == "unpublish":
        assert not after.live
        assert before["revisions"] == after.revisions.count()
        assert draft.short_description == before["draft_content"][1]
    elif transition == "confirm_accurate":
        assert after.verified_by_id == user.pk
        assert after.verified_at and timezone.now() - after.verified_at < dt.timedelta(minutes=5)
        assert after.outdated_at is None
        assert before["revisions"] == after.revisions.count()
        assert after.live_revision_id == before["live_revision"]
        assert (after.title, after.short_description) == before["live_content"]
    else:
        raise AssertionError(transition)


def assert_draft_only(transition, actor, before, page):
    """A publish attempt without publish rights: saved as a draft, nothing published."""
    after = fresh(page)
    assert after.revisions.count() == before["revisions"] + 1
    assert after.get_latest_revision_as_object().short_description == marker(transition, actor)
    assert after.live == before["live"]
    assert after.live_revision_id == before["live_revision"]
    assert (after.title, after.short_description) == before["live_content"]
    assert (
        list(WorkflowState.objects.for_instance(page).values_list("pk", "status"))
        == before["workflow_states"]
    )


@pytest.mark.parametrize("transition,route,actor,outcome", list(_cases()))
def test_transition(transition, route, actor, outcome, world, client, mailoutbox):
    page = world["page"]
    if transition in SETUPS:
        SETUPS[transition](client, world)
    before = snapshot(page, mailoutbox)

    response = attempt(_as(client, world, actor), page, transition, route, actor)
    assert response.status_code < 500

    if outcome == Y:
        assert_effect(transition, actor, before, page, world["users"][actor])
    elif outcome == DRAFT:
        assert_draft_only(transition, actor, before, page)
    else:
        assert snapshot(page, mailoutbox) == before
