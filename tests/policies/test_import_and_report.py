"""`import_attendance` (all or nothing, errors by line) and `sanctions_report` (the rules
applied to the recorded data; text and CSV)."""

import csv
import datetime as dt
import io
from decimal import Decimal

import pytest
from django.core.management import CommandError, call_command

from policies.attendance_import import import_attendance
from policies.models import (
    Attendance,
    CaseKind,
    ContentCase,
    KnowledgeTransferBreach,
    Meeting,
)
from policies.sanctions import billing_summary, sanctions

pytestmark = pytest.mark.django_db

HEADER = "date,body,partner,status\n"
# The agreement's example for Kerava, a 3rd working-group absence for Raasepori (by name),
# a missed facilitation for Vantaa; substitutes and presences around them.
GOOD = HEADER + (
    "2026-02-12,steering_group,kerava,absent\n"
    "2026-02-12,steering_group,Helsinki,present\n"
    "12.5.2026,steering_group,kerava,substitute\n"
    "2026-08-13,steering_group,kerava,absent\n"
    "2026-01-14,working_group,Raasepori,absent\n"
    "2026-02-11,working_group,raasepori,absent\n"
    "2026-09-23,working_group,raasepori,absent\n"
    "2026-09-23,working_group,espoo,absent\n"
    "2026-03-16,workshop,vantaa,facilitation_missed\n"
    "2026-03-16,workshop,espoo,present\n"
)


def write(tmp_path, text, name="attendance.csv"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return str(path)


def run(*args):
    out, err = io.StringIO(), io.StringIO()
    call_command(*args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


# --- import_attendance -------------------------------------------------------------------------
def test_import_creates_meetings_and_attendance(tmp_path, no_monitoring):
    out, _err = run("import_attendance", write(tmp_path, GOOD))
    assert "10 attendance rows created" in out and "7 meetings created" in out
    assert Attendance.objects.count() == 10
    workshop = Meeting.objects.get(date=dt.date(2026, 3, 16), body="workshop")
    assert workshop.facilitator.slug == "vantaa"
    # Running it again changes nothing; a changed status is updated.
    out, _err = run("import_attendance", write(tmp_path, GOOD))
    assert "0 attendance rows created, 0 updated, 10 unchanged" in out
    changed = GOOD.replace(
        "2026-09-23,working_group,espoo,absent", "2026-09-23,working_group,espoo,present"
    )
    out, _err = run("import_attendance", write(tmp_path, changed))
    assert "1 updated" in out


def test_imported_attendance_gives_the_sanctions(tmp_path, no_monitoring):
    run("import_attendance", write(tmp_path, GOOD))
    found = [(s.partner.slug, s.subject, s.period, s.amount) for s in sanctions(2026)]
    assert found == [
        ("kerava", "Steering group", "7–12/2026", Decimal(500)),
        ("raasepori", "Working group", "7–12/2026", Decimal(500)),
        ("vantaa", "Workshop", "1–6/2026", Decimal(500)),
    ]


BAD_ROWS = [
    # line content, expected words in the error
    ("2026-02-30,steering_group,kerava,absent", "Invalid date"),
    ("yesterday,steering_group,kerava,absent", "Invalid date"),
    ("2026-02-12,board,kerava,absent", "Unknown body"),
    ("2026-02-12,steering_group,Tampere,absent", "Unknown partner"),
    ("2026-02-12,steering_group,tyovalmennus,absent", "not a partner municipality"),
    ("2026-02-12,steering_group,kerava,late", "Unknown status"),
    ("2026-02-12,steering_group,kerava,facilitation_missed", "only possible in a workshop"),
    ("2026-02-12,steering_group,kerava", "Expected 4 columns"),
    ("2026-02-12,steering_group,Kerava,present", "Duplicate of line 2"),
]


@pytest.mark.parametrize("row,message", BAD_ROWS)
def test_a_bad_row_is_reported_by_line_and_nothing_is_imported(
    tmp_path, row, message, no_monitoring
):
    text = (
        HEADER
        + "2026-02-12,steering_group,kerava,absent\n"
        + "2026-05-12,steering_group,espoo,absent\n"
        + row
        + "\n"
    )
    with pytest.raises(CommandError) as exc:
        run("import_attendance", write(tmp_path, text))
    assert exc.value.returncode == 1
    assert "nothing was imported" in str(exc.value)
    assert Attendance.objects.count() == 0 and Meeting.objects.count() == 0
    result = import_attendance(text)
    assert [line for line, _m in result.errors] == [4]
    assert message in result.errors[0][1]


def test_every_error_is_listed_with_its_line(tmp_path, no_monitoring, capsys):
    text = (
        HEADER
        + "2026-02-12,steering_group,kerava,absent\n"
        + "\n"
        + "x,board,nobody,late\n"
        + "2026-03-16,workshop,vantaa,facilitation_missed\n"
        + "2026-03-16,workshop,espoo,facilitation_missed\n"
    )
    err = io.StringIO()
    with pytest.raises(CommandError):
        call_command("import_attendance", write(tmp_path, text), stderr=err)
    lines = err.getvalue().splitlines()
    # Line 3 is blank (skipped); line 4 has four problems; line 6 names another facilitator.
    assert [line.split(":")[1] for line in lines] == ["4", "4", "4", "4", "6"]
    assert "already gives Vantaa as the facilitator" in lines[-1]
    assert Attendance.objects.count() == 0


def test_header_and_file_errors(tmp_path, no_monitoring):
    result = import_attendance("date,body,who,status\n2026-02-12,steering_group,kerava,absent\n")
    assert result.errors[0][0] == 1 and "partner" in result.errors[0][1]
    assert import_attendance("").errors[0][0] == 1
    with pytest.raises(CommandError, match="No such file"):
        run("import_attendance", str(tmp_path / "missing.csv"))


def test_semicolons_and_a_bom_are_accepted(tmp_path, no_monitoring):
    text = "\ufeff" + GOOD.replace(",", ";")
    path = tmp_path / "excel.csv"
    path.write_text(text, encoding="utf-8")
    run("import_attendance", str(path))
    assert Attendance.objects.count() == 10


def test_another_facilitator_than_recorded_is_refused(tmp_path, no_monitoring, partners):
    Meeting.objects.create(
        date=dt.date(2026, 3, 16), body="workshop", facilitator=partners["helsinki"]
    )
    result = import_attendance(HEADER + "2026-03-16,workshop,vantaa,facilitation_missed\n")
    assert result.errors and result.errors[0][0] == 2 and "Helsinki" in result.errors[0][1]


# --- sanctions_report ----------------------------------------------------------------------------
@pytest.fixture
def recorded(tmp_path, no_monitoring, partners):
    run("import_attendance", write(tmp_path, GOOD))
    ContentCase.objects.create(
        organisation=partners["espoo"],
        kind=CaseKind.PIPELINE_DELAY,
        description="Tarkastus viivästyi.",
        first_notice_on=dt.date(2026, 1, 31),
        second_notice_on=dt.date(2026, 2, 28),
        third_notice_on=dt.date(2026, 3, 7),
    )
    ContentCase.objects.create(  # sanctioned the year before: not in 2026
        organisation=partners["espoo"],
        kind=CaseKind.REPEATED_ERROR,
        description="Vanha.",
        first_notice_on=dt.date(2025, 10, 1),
        second_notice_on=dt.date(2025, 11, 3),
        third_notice_on=dt.date(2025, 11, 10),
    )
    for n, month in enumerate((3, 9)):
        KnowledgeTransferBreach.objects.create(
            organisation=partners["helsinki"],
            handover=f"Ohjausryhmän jäsen vaihtui {n + 1}",
            occurred_on=dt.date(2026, month, 1),
            discussed_on=dt.date(2026, month, 3),
            notice_on=dt.date(2026, month, 10),
        )


def test_report_text(recorded):
    out, _err = run("sanctions_report", "--year", "2026")
    lines = out.splitlines()
    assert lines[0] == "Sanctions 2026: 5, total 3\u00a0000 €"
    body = "\n".join(lines[1:6])
    for expected in (
        "Espoo      Content breach",
        "7.3.2026",
        "1\u00a0000 €",
        "Helsinki   Knowledge transfer",
        "10.9.2026",
        "Kerava     Attendance         Steering group               7–12/2026",
        "absences in 2026 on 12.2.2026, 13.8.2026; sanctionable from absence no. 2: 13.8.2026",
        "Vantaa     Attendance         Workshop                     1–6/2026",
    ):
        assert expected in body, expected
    assert "Billing summary" in lines[6]
    assert "  Espoo      1–6/2026     1  1\u00a0000 €" in lines


def test_report_for_one_partner_as_csv(recorded):
    out, _err = run("sanctions_report", "--year", "2026", "--partner", "Kerava", "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(out)))
    assert len(rows) == 1
    assert rows[0]["Partner"] == "Kerava" and rows[0]["Amount (€)"] == "500"
    assert rows[0]["Billing period"] == "7–12/2026"
    out, _err = run("sanctions_report", "--year", "2025", "--partner", "espoo", "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(out)))
    assert [(r["Partner"], r["Date"]) for r in rows] == [("Espoo", "2025-11-10")]


def test_report_refuses_an_unknown_partner(recorded):
    with pytest.raises(CommandError, match="No partner"):
        run("sanctions_report", "--year", "2026", "--partner", "tyovalmennus")


def test_billing_summary_per_partner_and_half_year(recorded):
    summary = [
        (b.partner.slug, b.period, b.count, b.total) for b in billing_summary(sanctions(2026))
    ]
    assert summary == [
        ("espoo", "1–6/2026", 1, Decimal(1000)),
        ("helsinki", "7–12/2026", 1, Decimal(500)),
        ("kerava", "7–12/2026", 1, Decimal(500)),
        ("raasepori", "7–12/2026", 1, Decimal(500)),
        ("vantaa", "1–6/2026", 1, Decimal(500)),
    ]


def test_admin_report_matches_the_command(login, recorded):
    from django.urls import reverse

    response = login("yllapito-maintainer").get(
        reverse("policies_sanctions_report"), {"year": 2026}
    )
    assert response.status_code == 200
    assert response.context["count"] == 5 and response.context["total"] == Decimal(3000)
    xlsx = login("yllapito-maintainer").get(
        reverse("policies_sanctions_report"), {"year": 2026, "export": "xlsx"}
    )
    assert xlsx["Content-Type"].startswith("application/vnd.openxmlformats")
