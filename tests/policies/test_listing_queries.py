"""Every agreement-monitoring listing in the admin runs the same number of queries for 2
rows as for 12 (the decisions' outcome column used to read the partners and each round's
votes per row; knowledge transfer and representatives each row's organisation)."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from policies.models import (
    Attendance,
    AttendanceStatus,
    Body,
    CaseKind,
    ContentCase,
    Decision,
    KnowledgeTransferBreach,
    Meeting,
    PartnerContact,
    SteeringGroupVote,
    Vote,
    WorkingGroupVote,
)
from services.models import ServicePage

pytestmark = pytest.mark.django_db


def make(viewset, partners, first, count):
    orgs = list(partners.values())
    service = ServicePage.objects.filter(locale__language_code="fi").order_by("pk").first()
    for i in range(first, first + count):
        org = orgs[i % len(orgs)]
        day = dt.date(2025, 1, 1) + dt.timedelta(days=3 * i)
        if viewset == "decisions":
            decision = Decision.objects.create(
                title=f"d{i}", proposal="p", working_group_date=day, steering_group_date=day
            )
            for n, o in enumerate(orgs):
                WorkingGroupVote.objects.create(
                    decision=decision, organisation=o, vote=Vote.FOR if n % 2 else Vote.AGAINST
                )
                SteeringGroupVote.objects.create(decision=decision, organisation=o, vote=Vote.FOR)
        elif viewset == "meetings":
            Meeting.objects.create(date=day, body=Body.WORKSHOP, facilitator=org, topic=f"t{i}")
        elif viewset == "attendance":
            meeting = Meeting.objects.create(date=day, body=Body.WORKING_GROUP)
            Attendance.objects.create(
                meeting=meeting, organisation=org, status=AttendanceStatus.ABSENT
            )
        elif viewset == "content-cases":
            ContentCase.objects.create(
                organisation=org,
                service=service,
                kind=CaseKind.REPEATED_ERROR,
                description=f"c{i}",
                first_notice_on=day,
            )
        elif viewset == "knowledge-transfer":
            KnowledgeTransferBreach.objects.create(
                organisation=org, handover=f"h{i}", occurred_on=day
            )
        else:
            PartnerContact.objects.create(
                organisation=org, role="steering_group_member", name=f"n{i}", email=f"{i}@x.fi"
            )


def count(client, viewset):
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(reverse(f"{viewset}:index"))
    assert response.status_code == 200
    return len(ctx.captured_queries), len(response.context["object_list"])


VIEWSETS = [
    "decisions",
    "meetings",
    "attendance",
    "content-cases",
    "knowledge-transfer",
    "partner-contacts",
]


@pytest.mark.parametrize("viewset", VIEWSETS)
def test_listing_queries_do_not_grow_with_rows(viewset, login, no_monitoring, partners):
    client = login("yllapito-maintainer")
    make(viewset, partners, 0, 2)
    count(client, viewset)  # warm caches (content types, locales)
    two, rows_two = count(client, viewset)
    make(viewset, partners, 2, 10)
    twelve, rows_twelve = count(client, viewset)
    assert rows_twelve == rows_two + 10
    assert twelve == two, f"{viewset}: 2 rows {two} queries, 12 rows {twelve} queries"


def test_decision_outcomes_are_listed(login, no_monitoring, partners):
    make("decisions", partners, 0, 1)
    body = login("yllapito-maintainer").get(reverse("decisions:index")).content.decode()
    decision = Decision.objects.get()
    assert str(decision.outcome_label) in body
