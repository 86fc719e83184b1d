"""Import meeting attendance from CSV: `date,body,partner,status`.

- date: 2026-03-11 or 11.3.2026
- body: working_group | workshop | steering_group
- partner: a partner municipality's name or slug
- status: present | substitute | absent | facilitation_missed (workshops only)

Every row is checked first; a file with any bad row imports nothing, and each error names
its line (the header is line 1). A row for a meeting and partner already recorded updates
the status; a missing meeting is created; a missed facilitation makes its partner the
workshop's facilitator.
"""

import csv
import datetime as dt
import io
from dataclasses import dataclass, field

from django.db import transaction
from django.utils.translation import gettext as _

from cms.models import Organisation

from .models import Attendance, AttendanceStatus, Body, Meeting

COLUMNS = ("date", "body", "partner", "status")


@dataclass
class ImportResult:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    meetings_created: int = 0
    errors: list[tuple[int, str]] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors


@dataclass(frozen=True)
class Row:
    line: int
    date: dt.date
    body: str
    partner: Organisation
    status: str


def parse_date(value: str) -> dt.date:
    value = value.strip()
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        pass
    day, month, year = value.split(".")
    return dt.date(int(year), int(month), int(day))


def partner_lookup() -> dict[str, Organisation]:
    lookup = {}
    for org in Organisation.objects.all():
        for key in (org.slug, org.name, org.name_sv, org.name_en):
            if key:
                lookup[key.strip().casefold()] = org
    return lookup


def parse(text: str) -> tuple[list[Row], list[tuple[int, str]]]:
    """The valid rows and the errors (line, message) of a CSV text."""
    errors: list[tuple[int, str]] = []
    first_line = text.split("\n", 1)[0]
    delimiter = ";" if first_line.count(";") > first_line.count(",") else ","
    reader = csv.reader(io.StringIO(text), delimiter=delimiter)
    try:
        header = [h.strip().casefold() for h in next(reader)]
    except StopIteration:
        return [], [(1, _("The file is empty: expected the header date,body,partner,status."))]
    missing = [c for c in COLUMNS if c not in header]
    if missing:
        return [], [
            (
                1,
                _("Missing column(s) %(missing)s: expected %(columns)s.")
                % {"missing": ", ".join(missing), "columns": ",".join(COLUMNS)},
            )
        ]
    index = {c: header.index(c) for c in COLUMNS}
    partners = partner_lookup()
    rows: list[Row] = []
    seen: dict[tuple, int] = {}
    facilitators: dict[tuple, tuple[int, Organisation]] = {}
    for values in reader:
        line = reader.line_num
        if not any(v.strip() for v in values):
            continue
        if len(values) < len(header):
            errors.append(
                (
                    line,
                    _("Expected %(expected)s columns, found %(found)s.")
                    % {"expected": len(header), "found": len(values)},
                )
            )
            continue
        raw = {c: values[i].strip() for c, i in index.items()}
        problems = []
        try:
            date = parse_date(raw["date"])
        except ValueError:
            date = None
            problems.append(
                _("Invalid date %(value)r (use 2026-03-11 or 11.3.2026).") % {"value": raw["date"]}
            )
        body = raw["body"].casefold()
        if body not in Body.values:
            problems.append(
                _("Unknown body %(value)r (use %(choices)s).")
                % {"value": raw["body"], "choices": " | ".join(Body.values)}
            )
        partner = partners.get(raw["partner"].casefold())
        if partner is None:
            problems.append(
                _("Unknown partner %(value)r (give its name or slug).") % {"value": raw["partner"]}
            )
        elif not partner.is_municipality:
            problems.append(_("%(name)s is not a partner municipality.") % {"name": partner.name})
        status = raw["status"].casefold()
        if status not in AttendanceStatus.values:
            problems.append(
                _("Unknown status %(value)r (use %(choices)s).")
                % {"value": raw["status"], "choices": " | ".join(AttendanceStatus.values)}
            )
        elif status == AttendanceStatus.FACILITATION_MISSED and body in Body.values:
            if body != Body.WORKSHOP:
                problems.append(_("facilitation_missed is only possible in a workshop."))
        if problems:
            errors.extend((line, p) for p in problems)
            continue
        key = (date, body, partner.pk)
        if key in seen:
            errors.append(
                (
                    line,
                    _("Duplicate of line %(line)s (same date, body and partner).")
                    % {"line": seen[key]},
                )
            )
            continue
        seen[key] = line
        if status == AttendanceStatus.FACILITATION_MISSED:
            earlier = facilitators.get((date, body))
            if earlier and earlier[1].pk != partner.pk:
                errors.append(
                    (
                        line,
                        _("Line %(line)s already gives %(name)s as the facilitator.")
                        % {"line": earlier[0], "name": earlier[1].name},
                    )
                )
                continue
            facilitators[(date, body)] = (line, partner)
            meeting = Meeting.objects.filter(date=date, body=body).first()
            if meeting and meeting.facilitator_id and meeting.facilitator_id != partner.pk:
                errors.append(
                    (
                        line,
                        _(
                            "The workshop of %(date)s was facilitated by %(facilitator)s, not %(name)s."
                        )
                        % {
                            "date": date.isoformat(),
                            "facilitator": meeting.facilitator.name,
                            "name": partner.name,
                        },
                    )
                )
                continue
        rows.append(Row(line, date, body, partner, status))
    return rows, errors


@transaction.atomic
def save(rows: list[Row], result: ImportResult) -> None:
    meetings = {}
    for row in rows:
        key = (row.date, row.body)
        if key not in meetings:
            meeting, created = Meeting.objects.get_or_create(date=row.date, body=row.body)
            meetings[key] = meeting
            result.meetings_created += int(created)
        meeting = meetings[key]
        if row.status == AttendanceStatus.FACILITATION_MISSED and meeting.facilitator_id is None:
            meeting.facilitator = row.partner
            meeting.save(update_fields=["facilitator"])
        attendance = Attendance.objects.filter(meeting=meeting, organisation=row.partner).first()
        if attendance is None:
            Attendance.objects.create(meeting=meeting, organisation=row.partner, status=row.status)
            result.created += 1
        elif attendance.status != row.status:
            attendance.status = row.status
            attendance.save(update_fields=["status"])
            result.updated += 1
        else:
            result.unchanged += 1


def import_attendance(text: str) -> ImportResult:
    """Check every row; import all of them, or nothing when any row is bad."""
    result = ImportResult()
    rows, result.errors = parse(text)
    if result.errors:
        return result
    save(rows, result)
    return result
