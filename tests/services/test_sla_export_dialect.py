"""The SLA report for people: rows link to the service, the date filters are date
pickers, and the CSV opens right in Finnish and Swedish Excel (BOM, `;`, decimal comma,
yes/no in words)."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone, translation
from wagtail.admin.widgets import AdminDateInput
from wagtail.models import WorkflowState

from cms.exports import excel_csv
from services.reports import SlaFilterForm, open_rows, service_url
from tests.admin_forms import service_form_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def late_review(login, services):
    """A Helsinki service waiting 20.25 days (target 14: overdue)."""
    page = services("helsinki")
    login(f"{page.provider.slug}-editor").post(
        reverse("wagtailadmin_pages:edit", args=[page.pk]),
        service_form_data(page, action="submit"),
    )
    task_state = WorkflowState.objects.for_instance(page).get().current_task_state
    task_state.started_at = timezone.now() - dt.timedelta(days=20, hours=6)
    task_state.save(update_fields=["started_at"])
    return page


@pytest.mark.parametrize(
    "language, yes, header",
    [("fi", "Kyllä", "Palvelu"), ("sv", "Ja", "Tjänst")],
)
def test_csv_bytes_for_excel(login, late_review, language, yes, header):
    response = login("helsinki-producer").get(
        reverse("services_sla_report"), {"export": "csv"}, HTTP_ACCEPT_LANGUAGE=language
    )
    body = response.content
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert body.startswith(b"\xef\xbb\xbf")
    text = body[3:].decode("utf-8")
    head, row = text.split("\r\n")[:2]
    assert head.split(";")[0] == header and len(head.split(";")) == 8
    cells = row.split(";")
    assert cells[0] == late_review.title
    assert cells[4] == "20,2" or cells[4] == "20,3"  # days waiting, decimal comma
    assert cells[-1] == yes  # overdue
    assert "True" not in text and "False" not in text


def test_csv_cells_in_english_and_no(login, late_review):
    with translation.override("fi"):
        data = excel_csv([{"a": False, "b": 1.5, "c": 3}], {"a": "A", "b": "B", "c": "C"})
    assert data == "\ufeffA;B;C\r\nEi;1,5;3\r\n".encode()
    with translation.override("sv"):
        assert excel_csv([{"a": False}], {"a": "A"}).endswith(b"Nej\r\n")
    response = login("helsinki-producer").get(reverse("services_sla_report"), {"export": "csv"})
    assert response.content.decode("utf-8-sig").split("\r\n")[1].endswith(";Yes")


def test_date_filters_are_date_pickers(login, late_review):
    form = SlaFilterForm()
    assert isinstance(form.fields["start"].widget, AdminDateInput)
    assert isinstance(form.fields["end"].widget, AdminDateInput)
    html = login("helsinki-producer").get(reverse("services_sla_report")).content.decode()
    assert "date-time-chooser.js" in html  # the picker's script is on the page
    filtered = login("helsinki-producer").get(
        reverse("services_sla_report"), {"start": "2026-01-01", "end": "2026-12-31"}
    )
    assert filtered.context["form"].is_valid()


def test_rows_link_to_the_service(login, late_review):
    response = login("helsinki-producer").get(reverse("services_sla_report"))
    row = response.context["rows"][0]
    edit = reverse("wagtailadmin_pages:edit", args=[late_review.pk])
    assert row["url"] == edit and f'href="{edit}"' in response.content.decode()
    assert row["id"] == late_review.pk
    # Without the right to edit, a row links to the service card instead.
    assert service_url(late_review.pk, set()) == reverse("services_card", args=[late_review.pk])
    reviews = response.context["rows"]
    assert reviews and all(r["url"] for r in reviews)


def test_open_rows_tell_same_names_apart(late_review):
    from services.pipeline import reviews

    review = [r for r in reviews() if r.page.pk == late_review.pk][0]
    (row,) = open_rows([review], {late_review.pk})
    assert row["place"] == _expected_place(late_review)


def _expected_place(page):
    for block in page.time_and_place:
        for location in block.value.get("locations") or []:
            name = location.get("name") or location.get("street_address")
            return ", ".join(p for p in (name, location.get("city")) if p)
    return ""
