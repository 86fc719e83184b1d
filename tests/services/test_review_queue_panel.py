"""The producers' review queue on the dashboard: provider, municipality, days waiting,
target date and an overdue flag; services with the same name told apart; no English
"Task submitted by"; no query per row."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from wagtail.models import WorkflowState

from services.models import ServicePage
from services.review_queue import review_queue
from tests.admin_forms import service_form_data

pytestmark = pytest.mark.django_db

SAME_NAME = "Ammatinvalinnan ryhmä nuorille"


def helsinki_services(count):
    pages = list(
        ServicePage.objects.filter(
            responsible_municipality__slug="helsinki", locale__language_code="fi"
        ).order_by("pk")[:count]
    )
    assert len(pages) == count, "the demo world has too few Helsinki services"
    return pages


def submit(login, page, days_ago):
    login(f"{page.provider.slug}-editor").post(
        reverse("wagtailadmin_pages:edit", args=[page.pk]),
        service_form_data(page, action="submit"),
    )
    state = WorkflowState.objects.for_instance(page).get(status="in_progress")
    task_state = state.current_task_state
    task_state.started_at = timezone.now() - dt.timedelta(days=days_ago, hours=1)
    task_state.save(update_fields=["started_at"])
    return state


@pytest.fixture
def twins(login):
    """Two Helsinki services with the same name in review: one late, one fresh."""
    first, second = helsinki_services(2)
    ServicePage.objects.filter(pk__in=[first.pk, second.pk]).update(title=SAME_NAME)
    first.refresh_from_db()
    second.refresh_from_db()
    submit(login, first, days_ago=20)
    submit(login, second, days_ago=3)
    return first, second


def test_queue_rows(user, twins):
    first, second = twins
    rows = review_queue(user("helsinki-producer"))
    assert [r.page.pk for r in rows] == [first.pk, second.pk]  # longest-waiting first
    late, fresh = rows
    assert late.days_waiting == 20 and late.overdue and not fresh.overdue
    assert late.target == late.review.started_at.date() + dt.timedelta(days=14)
    assert late.page.provider == first.provider
    assert late.submitted_by and late.submitted_by != "" and "@" not in late.submitted_by
    # Another municipality's producer is not offered them.
    assert [r for r in review_queue(user("espoo-producer")) if r.page.pk == first.pk] == []


@pytest.mark.parametrize(
    "language, heading, overdue",
    [("fi", "Odottaa tarkastustasi", "Myöhässä"), ("sv", "Inväntar din granskning", "Försenad")],
)
def test_dashboard_panel_tells_twins_apart(login, twins, language, heading, overdue):
    first, second = twins
    html = (
        login("helsinki-producer")
        .get(reverse("wagtailadmin_home"), HTTP_ACCEPT_LANGUAGE=language)
        .content.decode()
    )
    assert "Task submitted by" not in html
    panel = html[html.index('class="listing listing--dashboard review-queue"') :]
    panel = panel[: panel.index("</table>")]
    assert heading in html and overdue in panel
    assert panel.count(SAME_NAME) == 2
    # Each twin is named with its own id (and place) and links to its own editor.
    for page in (first, second):
        assert f"#{page.pk}</div>" in panel
        assert reverse("wagtailadmin_pages:edit", args=[page.pk]) in panel
    assert str(first.provider) in panel and str(second.provider) in panel
    assert str(first.responsible_municipality) in panel


def test_dashboard_in_english_names_the_columns(login, twins):
    html = login("helsinki-producer").get(reverse("wagtailadmin_home")).content.decode()
    for column in ("Provider", "Responsible municipality", "Submitted by", "Days waiting"):
        assert f"{column}</th>" in html
    assert "Target date</th>" in html and "Task submitted by" not in html


def test_no_query_per_row(login, user):
    producer = user("helsinki-producer")
    pages = helsinki_services(4)
    submit(login, pages[0], days_ago=5)
    with CaptureQueriesContext(connection) as one:
        assert len(review_queue(producer)) == 1
    for page in pages[1:]:
        submit(login, page, days_ago=2)
    with CaptureQueriesContext(connection) as four:
        assert len(review_queue(producer)) == 4
    assert len(four) == len(one), [q["sql"] for q in four.captured_queries]
    client = login("helsinki-producer")
    with CaptureQueriesContext(connection) as page_four:
        client.get(reverse("wagtailadmin_home"))
    for page in pages[2:]:
        WorkflowState.objects.for_instance(page).get(status="in_progress").cancel(
            user=user("yllapito-maintainer")
        )
    with CaptureQueriesContext(connection) as page_two:
        client.get(reverse("wagtailadmin_home"))
    assert len(page_four) == len(page_two)
