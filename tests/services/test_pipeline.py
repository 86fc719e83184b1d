"""Freshness rules, the daily command's idempotence, change requests, review waiting times."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command
from django.urls import reverse
from wagtail.models import WorkflowState

from services import freshness
from services.change_requests import send_change_request, update_change_request
from services.models import ChangeRequestStatus, Lifecycle, ServicePage
from services.pipeline import reviews
from tests.admin_forms import service_form_data

pytestmark = pytest.mark.django_db
NOW = dt.datetime(2026, 6, 1, 12, tzinfo=dt.UTC)


def days_ago(n):
    return NOW - dt.timedelta(days=n)


@pytest.mark.parametrize(
    "age,outdated_for,expected",
    [
        (10, None, None),
        (119, None, None),
        (120, None, ("reminder", 1)),
        (134, None, ("reminder", 1)),
        (135, None, ("reminder", 2)),
        (150, None, ("reminder", 3)),
        (164, None, ("reminder", 3)),
        (165, None, ("outdated", 0)),
        (400, None, ("outdated", 0)),
        (400, 59, None),
        (400, 60, ("archive", 0)),
    ],
)
def test_due_step(age, outdated_for, expected):
    outdated_at = days_ago(outdated_for) if outdated_for is not None else None
    step = freshness.due_step(days_ago(age), outdated_at, NOW)
    assert (step.kind, step.number) == expected if expected else step is None


@pytest.fixture
def service(services):
    return services("helsinki")


def _age(page, days):
    ServicePage.objects.filter(pk=page.pk).update(
        last_published_at=dt.datetime.now(dt.UTC) - dt.timedelta(days=days), verified_at=None
    )


def test_daily_command_reminds_once_then_outdates_then_archives(service, mailoutbox):
    ServicePage.objects.live().exclude(pk=service.pk).update(
        last_published_at=dt.datetime.now(dt.UTC)
    )
    _age(service, 121)
    call_command("pipeline_reminders", stdout=open("/dev/null", "w"))
    recipients = sorted(m.to[0] for m in mailoutbox)
    assert recipients == sorted(
        [service.provider_updater.email, service.municipal_responsible.email]
    )
    call_command("pipeline_reminders", stdout=open("/dev/null", "w"))
    assert len(mailoutbox) == 2, "a second run sends nothing twice"

    _age(service, 170)
    call_command("pipeline_reminders", stdout=open("/dev/null", "w"))
    service.refresh_from_db()
    assert service.outdated_at is not None and service.live
    assert service.lifecycle == Lifecycle.OUTDATED

    ServicePage.objects.filter(pk=service.pk).update(
        outdated_at=dt.datetime.now(dt.UTC) - dt.timedelta(days=61)
    )
    call_command("pipeline_reminders", stdout=open("/dev/null", "w"))
    service.refresh_from_db()
    assert not service.live and service.archived_at is not None
    assert service.lifecycle == Lifecycle.ARCHIVED


def test_still_accurate_resets_the_clock(service, user):
    _age(service, 170)
    ServicePage.objects.filter(pk=service.pk).update(outdated_at=dt.datetime.now(dt.UTC))
    service.refresh_from_db()
    producer = user("helsinki-producer")
    freshness.confirm_accurate(service, producer)
    service.refresh_from_db()
    assert service.outdated_at is None and service.verified_by == producer
    assert freshness.due_step(service.freshness_date, None, dt.datetime.now(dt.UTC)) is None
    assert service.lifecycle == Lifecycle.PUBLISHED


def test_change_request_lifecycle(service, user, mailoutbox):
    expert = user("helsinki-expert")
    request = send_change_request(service, expert, "Osoite on muuttunut.", "time_and_place")
    assert request.status == ChangeRequestStatus.OPEN
    assert {m.to[0] for m in mailoutbox} == {
        service.provider_updater.email,
        service.municipal_responsible.email,
    }
    producer = user("helsinki-producer")
    update_change_request(
        request, producer, status=ChangeRequestStatus.IN_PROGRESS, assignee=producer
    )
    update_change_request(request, producer, status=ChangeRequestStatus.DONE, comment="Korjattu.")
    assert [e.status for e in request.events.all()] == ["open", "in_progress", "done"]
    assert service.change_requests.count() == 1


def test_change_request_rules(service, user):
    with pytest.raises(PermissionDenied):
        send_change_request(service, user(f"{service.provider.slug}-editor"), "Muutos")
    with pytest.raises(ValidationError):
        send_change_request(service, user("helsinki-expert"), "   ")
    request = send_change_request(service, user("espoo-expert"), "Muutos")
    with pytest.raises(PermissionDenied):
        update_change_request(request, user("espoo-producer"), status=ChangeRequestStatus.DONE)
    request.refresh_from_db()
    assert request.status == ChangeRequestStatus.OPEN


def test_review_waiting_time_and_late_notice(service, user, client, mailoutbox):
    editor = user(f"{service.provider.slug}-editor")
    client.force_login(editor)
    client.post(
        reverse("wagtailadmin_pages:edit", args=[service.pk]),
        service_form_data(service, action="submit"),
    )
    state = WorkflowState.objects.for_instance(service).get(status="in_progress")
    # Pretend the review started 20 days ago: a service published before has a 14-day target.
    task_state = state.current_task_state
    task_state.started_at = dt.datetime.now(dt.UTC) - dt.timedelta(days=20)
    task_state.save()
    [review] = [r for r in reviews() if r.page.pk == service.pk]
    assert review.target_days == 14 and review.overdue
    assert 19.9 < review.waited_days < 20.1
    mailoutbox.clear()
    call_command("pipeline_reminders", stdout=open("/dev/null", "w"))
    call_command("pipeline_reminders", stdout=open("/dev/null", "w"))
    late = [m for m in mailoutbox if m.to == [editor.email] and "delay" in m.subject.lower()]
    assert len(late) == 1


def test_card_shows_lifecycle(login, service):
    response = login("helsinki-expert").get(reverse("services_card", args=[service.pk]))
    assert str(Lifecycle(Lifecycle.PUBLISHED).label) in response.content.decode()
