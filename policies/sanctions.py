"""Every sanction the rules produce for the recorded data, and the billing summary.

Sanctions are derived, never stored: change an attendance row or a notice date and the
report follows. Billing periods are half-years (1–6 and 7–12); a sanction is billed in the
period it falls in (attendance: the half-year of its events; content and knowledge transfer:
the date of the notice that brought it).
"""

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from cms.models import Organisation

from . import rules
from .models import Attendance, Body, ContentCase, KnowledgeTransferBreach

ATTENDANCE = "attendance"
CONTENT = "content"
KNOWLEDGE_TRANSFER = "knowledge_transfer"
KIND_LABELS = {
    ATTENDANCE: gettext_lazy("Attendance"),
    CONTENT: gettext_lazy("Content breach"),
    KNOWLEDGE_TRANSFER: gettext_lazy("Knowledge transfer"),
}


def period_label(year: int, half: int) -> str:
    """The billing period: 1–6/2026 or 7–12/2026."""
    return f"1–6/{year}" if half == 1 else f"7–12/{year}"


@dataclass(frozen=True)
class Sanction:
    partner: Organisation
    kind: str
    subject: str
    year: int
    half: int
    amount: Decimal
    reason: str
    date: dt.date | None = None  # content and knowledge transfer: the day it arose
    source: object = None  # the ContentCase or KnowledgeTransferBreach, when there is one

    @property
    def period(self) -> str:
        return period_label(self.year, self.half)

    @property
    def when(self) -> str:
        return rules.format_date(self.date) if self.date else self.period

    @property
    def kind_label(self) -> str:
        return str(KIND_LABELS[self.kind])

    def sort_key(self):
        return (self.partner.name, self.year, self.half, self.date or dt.date.min, self.kind)


def _partner_filter(queryset, organisations, field="organisation"):
    if organisations is None:
        return queryset
    return queryset.filter(**{f"{field}__in": list(organisations)})


def attendance_sanctions(year: int, organisations=None) -> list[Sanction]:
    rows = _partner_filter(
        Attendance.objects.filter(meeting__date__year=year).select_related("meeting"),
        organisations,
    )
    records = [row.as_record() for row in rows]
    partners = Organisation.objects.in_bulk({r.partner for r in records})
    absences = defaultdict(list)
    for r in sorted(records, key=lambda r: r.date):
        if r.status == rules.ABSENT_FROM_MEETING:
            absences[(r.partner, r.body)].append(r.date)
    result = []
    for s in rules.attendance_sanctions(records):
        body = Body(s.body).label
        dates = ", ".join(rules.format_date(e.record.date) for e in s.events)
        if s.body == rules.WORKSHOP:
            reason = ngettext(
                "Workshop facilitation missed on %(dates)s.",
                "Workshop facilitations missed on %(dates)s.",
                len(s.events),
            ) % {"dates": dates}
        else:
            _start, end = rules.half_year_bounds(s.year, s.half)
            so_far = [d for d in absences[(s.partner, s.body)] if d <= end]
            reason = _(
                "%(body)s: absences in %(year)s on %(all)s; sanctionable from absence no. "
                "%(first)s: %(dates)s."
            ) % {
                "body": body,
                "year": s.year,
                "all": ", ".join(rules.format_date(d) for d in so_far),
                "first": rules.SANCTIONABLE_FROM[s.body],
                "dates": dates,
            }
        result.append(
            Sanction(partners[s.partner], ATTENDANCE, str(body), s.year, s.half, s.amount, reason)
        )
    return result


def content_sanctions(year: int, organisations=None) -> list[Sanction]:
    cases = _partner_filter(
        ContentCase.objects.filter(third_notice_on__year=year).select_related(
            "organisation", "service"
        ),
        organisations,
    )
    result = []
    for case in cases:
        subject = case.service.title if case.service_id else case.get_kind_display()
        reason = _(
            "%(kind)s. 1st notice %(first)s, 2nd notice %(second)s, 3rd notice %(third)s, "
            "not fixed. %(description)s"
        ) % {
            "kind": case.get_kind_display(),
            "first": rules.format_date(case.first_notice_on),
            "second": rules.format_date(case.second_notice_on),
            "third": rules.format_date(case.third_notice_on),
            "description": case.description,
        }
        date = case.third_notice_on
        result.append(
            Sanction(
                case.organisation,
                CONTENT,
                subject,
                date.year,
                rules.half_year(date),
                rules.CONTENT_SANCTION,
                reason.strip(),
                date=date,
                source=case,
            )
        )
    return result


def knowledge_transfer_sanctions(year: int, organisations=None) -> list[Sanction]:
    breaches = list(
        _partner_filter(
            KnowledgeTransferBreach.objects.filter(notice_on__year=year).select_related(
                "organisation"
            ),
            organisations,
        )
    )
    by_pk = {b.pk: b for b in breaches}
    result = []
    for rule_breach in rules.knowledge_transfer_sanctions(b.as_rule() for b in breaches):
        breach = by_pk[rule_breach.key]
        reason = _(
            "Repeated knowledge transfer breach (%(handover)s): discussed %(discussed)s, "
            "notice %(notice)s."
        ) % {
            "handover": breach.handover,
            "discussed": rules.format_date(breach.discussed_on),
            "notice": rules.format_date(breach.notice_on),
        }
        result.append(
            Sanction(
                breach.organisation,
                KNOWLEDGE_TRANSFER,
                breach.handover,
                breach.notice_on.year,
                rules.half_year(breach.notice_on),
                rules.KNOWLEDGE_TRANSFER_SANCTION,
                reason,
                date=breach.notice_on,
                source=breach,
            )
        )
    return result


def sanctions(year: int, organisations=None) -> list[Sanction]:
    """Every sanction of the calendar year, for all partners or the given ones."""
    found = (
        attendance_sanctions(year, organisations)
        + content_sanctions(year, organisations)
        + knowledge_transfer_sanctions(year, organisations)
    )
    return sorted(found, key=Sanction.sort_key)


@dataclass(frozen=True)
class BillingLine:
    partner: Organisation
    year: int
    half: int
    count: int
    total: Decimal

    @property
    def period(self) -> str:
        return period_label(self.year, self.half)


def billing_summary(found: list[Sanction]) -> list[BillingLine]:
    """Per partner and billing period (half-year): how many sanctions, how much."""
    lines = defaultdict(list)
    for s in found:
        lines[(s.partner.pk, s.year, s.half)].append(s)
    result = [
        BillingLine(items[0].partner, year, half, len(items), sum(i.amount for i in items))
        for (_pk, year, half), items in lines.items()
    ]
    return sorted(result, key=lambda b: (b.partner.name, b.year, b.half))


def total(found) -> Decimal:
    return sum((s.amount for s in found), Decimal(0))


def euros(amount: Decimal) -> str:
    return f"{amount:,.0f} €".replace(",", "\u00a0")
