"""The agreement's rules as plain functions: votes, attendance, content notices, knowledge
transfer.

Nothing here touches the database or the clock: the functions take dates, Decimals and
strings and return the same, so each rule has a table-driven test
(`tests/policies/test_rules.py`). `policies.sanctions` feeds them the recorded data.

The source is the cooperation agreement (`../shared/seed/`, "Sopimusrikkeet"); our reading
of it is in docs/policies.md.
"""

import calendar
import datetime as dt
from collections import defaultdict
from collections.abc import Hashable, Iterable
from dataclasses import dataclass
from decimal import ROUND_CEILING, Decimal

# --- Votes: 2/3 of the voting power, weighted by cost share -------------------------------------
FOR = "for"
AGAINST = "against"
ABSTAIN = "abstain"
ABSENT = "absent"
VOTES = (FOR, AGAINST, ABSTAIN, ABSENT)

WORKING_GROUP = "working_group"
WORKSHOP = "workshop"
STEERING_GROUP = "steering_group"

# A decision's outcome.
PENDING = "pending"  # no votes recorded yet
DECIDED_BY_WORKING_GROUP = "working_group"
ESCALATED = "escalated"  # the working group did not reach 2/3: to the steering group
DECIDED_BY_STEERING_GROUP = "steering_group"
UNRESOLVED = "unresolved"  # nor did the steering group: to the signatories of the agreement

ZERO = Decimal("0")


def format_date(date: dt.date | None) -> str:
    """Finnish style, 5.3.2026 ("" for None)."""
    return f"{date.day}.{date.month}.{date.year}" if date else ""


@dataclass(frozen=True)
class Tally:
    """One round of votes: the shares behind each answer and whether 2/3 was reached.

    The total is every partner's share, absent and abstaining ones included, so an
    abstention or an absence counts against the proposal.
    """

    for_share: Decimal
    against_share: Decimal
    abstain_share: Decimal
    absent_share: Decimal

    @property
    def total(self) -> Decimal:
        return self.for_share + self.against_share + self.abstain_share + self.absent_share

    @property
    def threshold(self) -> Decimal:
        """2/3 of the total, for display (two decimals, rounded up); `passed` is exact."""
        return (self.total * 2 / 3).quantize(Decimal("0.01"), rounding=ROUND_CEILING)

    @property
    def passed(self) -> bool:
        # Exact: no division, so exactly 2/3 passes.
        return self.total > 0 and self.for_share * 3 >= self.total * 2


def tally(votes: Iterable[tuple[Decimal, str]]) -> Tally:
    """Add up (share, vote) pairs; every partner must be in `votes` (absent ones too)."""
    sums = dict.fromkeys(VOTES, ZERO)
    for share, vote in votes:
        if vote not in sums:
            raise ValueError(f"Unknown vote {vote!r}")
        sums[vote] += Decimal(share)
    return Tally(sums[FOR], sums[AGAINST], sums[ABSTAIN], sums[ABSENT])


# Matters only the steering group decides, by 2/3 of the voting power like the rest: a new
# partner, costs unknown when the agreement was signed, and terminating a partner.
POLICY = "policy"
NEW_PARTNER = "new_partner"
UNFORESEEN_COSTS = "unforeseen_costs"
TERMINATION = "termination"
DECISION_KINDS = (POLICY, NEW_PARTNER, UNFORESEEN_COSTS, TERMINATION)
STEERING_GROUP_ONLY = frozenset({NEW_PARTNER, UNFORESEEN_COSTS, TERMINATION})


def steering_group_only(kind: str) -> bool:
    """Whether only the steering group decides a matter of this kind."""
    return kind in STEERING_GROUP_ONLY


def decision_outcome(
    working_group: Tally | None, steering_group: Tally | None = None, kind: str = POLICY
) -> str:
    """The working group decides with 2/3; otherwise the steering group, by the same rule.
    A steering-group-only kind is decided by the steering group alone (a working-group
    round, if any, does not count): pending until its votes are recorded, then decided or
    not."""
    if steering_group_only(kind):
        if steering_group is None or steering_group.total == 0:
            return PENDING
        return DECIDED_BY_STEERING_GROUP if steering_group.passed else UNRESOLVED
    if working_group is None or working_group.total == 0:
        return PENDING
    if working_group.passed:
        return DECIDED_BY_WORKING_GROUP
    if steering_group is None or steering_group.total == 0:
        return ESCALATED
    return DECIDED_BY_STEERING_GROUP if steering_group.passed else UNRESOLVED


# --- Attendance: counted per calendar year and per body, 500 € per half-year ----------------------
PRESENT = "present"
SUBSTITUTE = "substitute"
ABSENT_FROM_MEETING = "absent"
FACILITATION_MISSED = "facilitation_missed"

# The n-th absence of a calendar year from which absences are sanctionable.
SANCTIONABLE_FROM = {STEERING_GROUP: 2, WORKING_GROUP: 3}
ATTENDANCE_SANCTION = Decimal("500")


def half_year(date: dt.date) -> int:
    """1 for January–June, 2 for July–December (the billing periods)."""
    return 1 if date.month <= 6 else 2


def half_year_bounds(year: int, half: int) -> tuple[dt.date, dt.date]:
    if half == 1:
        return dt.date(year, 1, 1), dt.date(year, 6, 30)
    return dt.date(year, 7, 1), dt.date(year, 12, 31)


@dataclass(frozen=True)
class AttendanceRecord:
    date: dt.date
    body: str
    partner: Hashable
    status: str


@dataclass(frozen=True)
class SanctionableEvent:
    record: AttendanceRecord
    # The absence's number in its year and body (1 = first); None for a missed facilitation.
    absence_number: int | None


@dataclass(frozen=True)
class AttendanceSanction:
    partner: Hashable
    body: str
    year: int
    half: int
    events: tuple[SanctionableEvent, ...]
    amount: Decimal = ATTENDANCE_SANCTION


def sanctionable_events(records: Iterable[AttendanceRecord]) -> list[SanctionableEvent]:
    """The events that count: steering-group absences from the 2nd of the year, working-group
    absences from the 3rd, every missed workshop facilitation. A substitute is attendance;
    workshop absences are not sanctioned (only the facilitation is)."""
    absences = defaultdict(int)
    result = []
    for record in sorted(records, key=lambda r: (r.date, r.body, str(r.partner))):
        if record.body == WORKSHOP:
            if record.status == FACILITATION_MISSED:
                result.append(SanctionableEvent(record, None))
            continue
        if record.status != ABSENT_FROM_MEETING or record.body not in SANCTIONABLE_FROM:
            continue
        key = (record.partner, record.body, record.date.year)
        absences[key] += 1
        if absences[key] >= SANCTIONABLE_FROM[record.body]:
            result.append(SanctionableEvent(record, absences[key]))
    return result


def attendance_sanctions(records: Iterable[AttendanceRecord]) -> list[AttendanceSanction]:
    """One 500 € sanction per partner, per body, per half-year with a sanctionable event."""
    groups = defaultdict(list)
    for event in sanctionable_events(records):
        r = event.record
        groups[(r.partner, r.body, r.date.year, half_year(r.date))].append(event)
    return [
        AttendanceSanction(partner, body, year, half, tuple(events))
        for (partner, body, year, half), events in groups.items()
    ]


# --- Content breaches: notices one month and one week apart, then 1000 € ------------------------
SECOND_NOTICE = "second_notice"
THIRD_NOTICE = "third_notice"  # with the sanction
CONTENT_SANCTION = Decimal("1000")
FIX_WITHIN_MONTHS = 1
THIRD_NOTICE_AFTER = dt.timedelta(days=7)


def add_months(date: dt.date, months: int) -> dt.date:
    """Calendar months, clamped to the month's end: 31 January + 1 month = 28/29 February."""
    index = date.month - 1 + months
    year, month = date.year + index // 12, index % 12 + 1
    return dt.date(year, month, min(date.day, calendar.monthrange(year, month)[1]))


@dataclass(frozen=True)
class Pause:
    """A justified reason stops the clock from `start` until `end` (the day the case resumes;
    None while it lasts)."""

    start: dt.date
    end: dt.date | None = None


def extend_deadline(start: dt.date, deadline: dt.date, pauses: Iterable[Pause]) -> dt.date | None:
    """`deadline` moved by the days paused between `start` and it (a pause that began before
    `start` counts from `start`). None while a pause that began by the deadline lasts."""
    for pause in sorted(pauses, key=lambda p: p.start):
        if pause.start > deadline:
            break
        if pause.end is None:
            return None
        if pause.end <= start:
            continue
        deadline += pause.end - max(pause.start, start)
    return deadline


@dataclass(frozen=True)
class NextStep:
    step: str  # SECOND_NOTICE or THIRD_NOTICE
    due: dt.date | None  # None while the case is paused
    paused_since: dt.date | None = None

    def is_due(self, today: dt.date) -> bool:
        return self.due is not None and today >= self.due


def next_content_step(
    first_notice: dt.date,
    second_notice: dt.date | None = None,
    third_notice: dt.date | None = None,
    fixed_on: dt.date | None = None,
    pauses: Iterable[Pause] = (),
) -> NextStep | None:
    """What follows a content notice, and when; None when nothing does.

    Fixed by the deadline (first notice + 1 calendar month, then second notice + 1 week,
    both moved by pauses): the case ends. Not fixed by then: the next notice is due on the
    deadline, and the third notice brings the sanction. A fix after a deadline does not
    undo the step that fell due before it.
    """
    pauses = list(pauses)
    if third_notice is not None:
        return None
    if second_notice is None:
        step, start = SECOND_NOTICE, first_notice
        nominal = add_months(first_notice, FIX_WITHIN_MONTHS)
    else:
        step, start = THIRD_NOTICE, second_notice
        nominal = second_notice + THIRD_NOTICE_AFTER
    due = extend_deadline(start, nominal, pauses)
    if fixed_on is not None and (due is None or fixed_on <= due):
        return None
    if due is None:
        ongoing = [p.start for p in pauses if p.end is None and p.start <= nominal]
        return NextStep(step, None, paused_since=min(ongoing) if ongoing else None)
    return NextStep(step, due)


# --- Knowledge transfer on a handover: discussion, notice; repeated → 500 € --------------------
KNOWLEDGE_TRANSFER_SANCTION = Decimal("500")


@dataclass(frozen=True)
class TransferBreach:
    key: Hashable
    partner: Hashable
    discussed_on: dt.date | None
    notice_on: dt.date | None
    justified: bool = False


def knowledge_transfer_sanctions(breaches: Iterable[TransferBreach]) -> list[TransferBreach]:
    """Breaches sanctioned with 500 € each: a notice (always after a discussion) for a breach
    without a justified reason, when the partner already had such a notice in the same
    calendar year. The first notice of a year is the warning."""
    noticed = sorted(
        (
            b
            for b in breaches
            if b.notice_on is not None and b.discussed_on is not None and not b.justified
        ),
        key=lambda b: (b.notice_on, str(b.key)),
    )
    seen = defaultdict(int)
    result = []
    for breach in noticed:
        key = (breach.partner, breach.notice_on.year)
        seen[key] += 1
        if seen[key] >= 2:
            result.append(breach)
    return result


# --- Holiday seasons: no meetings ---------------------------------------------------------------
# The agreement: "Lomakausien aikana kokoontumisia ei järjestetä". It names no dates; ours
# (docs/policies.md): the summer season from Midsummer Eve to the end of July, and Christmas
# to Epiphany (24.12.–6.1.).
SUMMER = "summer"
CHRISTMAS = "christmas"


@dataclass(frozen=True)
class HolidaySeason:
    season: str  # SUMMER or CHRISTMAS
    start: dt.date
    end: dt.date  # inclusive

    def __contains__(self, date: dt.date) -> bool:
        return self.start <= date <= self.end


def midsummer_eve(year: int) -> dt.date:
    """The Friday between 19 and 25 June."""
    june19 = dt.date(year, 6, 19)
    return june19 + dt.timedelta(days=(4 - june19.weekday()) % 7)


def holiday_seasons(year: int) -> list[HolidaySeason]:
    """The holiday seasons touching `year`, in date order: the Christmas season that began
    the year before, the summer, and the Christmas season that begins this year."""
    return [
        HolidaySeason(CHRISTMAS, dt.date(year - 1, 12, 24), dt.date(year, 1, 6)),
        HolidaySeason(SUMMER, midsummer_eve(year), dt.date(year, 7, 31)),
        HolidaySeason(CHRISTMAS, dt.date(year, 12, 24), dt.date(year + 1, 1, 6)),
    ]


def holiday_season(date: dt.date) -> HolidaySeason | None:
    """The holiday season `date` falls in, or None."""
    return next((s for s in holiday_seasons(date.year) if date in s), None)


def meeting_dates(first: dt.date, every: dt.timedelta, until: dt.date) -> list[dt.date]:
    """A regular meeting's dates from `first` to `until` (inclusive), every `every`, without
    the ones in a holiday season: the cadence goes on, the meeting in the season is not held."""
    result, day = [], first
    while day <= until:
        if holiday_season(day) is None:
            result.append(day)
        day += every
    return result


# --- Named persons: each partner's minimums ----------------------------------------------------
# "Sopimuskumppaneiden roolit": every partner names at least 2 main users, 2 content producers
# (who may be main users), 2 contact persons, 2 communication and induction contacts, one
# steering-group member, and a working-group member with a deputy; a provider names at least
# one main user.
MAIN_USERS = "main_users"
CONTENT_PRODUCERS = "content_producers"
CONTACT_PERSONS = "contact_persons"
COMMUNICATION_CONTACTS = "communication_induction"
STEERING_GROUP_MEMBERS = "steering_group_member"
WORKING_GROUP_MEMBERS = "working_group_member"
WORKING_GROUP_DEPUTIES = "working_group_deputy"
PARTNER_MINIMUMS = {
    MAIN_USERS: 2,
    CONTENT_PRODUCERS: 2,
    CONTACT_PERSONS: 2,
    COMMUNICATION_CONTACTS: 2,
    STEERING_GROUP_MEMBERS: 1,
    WORKING_GROUP_MEMBERS: 1,
    WORKING_GROUP_DEPUTIES: 1,
}
PROVIDER_MINIMUMS = {MAIN_USERS: 1}


def named_person_shortfalls(counts: dict[str, int], minimums: dict[str, int]) -> dict:
    """{role: (named, minimum)} for every role named fewer times than its minimum."""
    return {
        role: (counts.get(role, 0), minimum)
        for role, minimum in minimums.items()
        if counts.get(role, 0) < minimum
    }
