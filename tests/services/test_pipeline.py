"""Change requests, review waiting times and late notices (freshness: test_freshness.py)."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command
from django.urls import reverse
from wagtail.models import WorkflowState

from services.change_requests import send_change_request, update_change_request
from services.models import ChangeRequestStatus, Lifecycle
from services.pipeline import reviews
from tests.admin_forms import service_form_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def service(services):
    return services("helsinki")


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
    # The e-mail is in the editor's language (Finnish): "... tarkastus on viivästynyt".
    late = [
        m
        for m in mailoutbox
        if m.to == [editor.email] and any(w in m.subject.lower() for w in ("delay", "viivästy"))
    ]
    assert len(late) == 1


def test_card_shows_lifecycle(login, service):
    response = login("helsinki-expert").get(reverse("services_card", args=[service.pk]))
    assert str(Lifecycle(Lifecycle.PUBLISHED).label) in response.content.decode()
