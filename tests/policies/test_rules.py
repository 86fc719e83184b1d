"""The agreement's rules as plain functions, table by table (no database)."""

import datetime as dt
from decimal import Decimal

import pytest

from policies import rules
from policies.rules import (
    ABSENT,
    ABSTAIN,
    AGAINST,
    FOR,
    AttendanceRecord,
    Pause,
    TransferBreach,
)

D = dt.date
# The partners' cost shares (DOMAIN.md, demo data): they total 100.
SHARES = {
    "helsinki": Decimal("39.47"),
    "espoo": Decimal("32.05"),
    "vantaa": Decimal("21.36"),
    "kerava": Decimal("5.04"),
    "raasepori": Decimal("2.08"),
}
ORDER = tuple(SHARES)


def votes(*answers, shares=SHARES):
    """Votes in the order helsinki, espoo, vantaa, kerava, raasepori."""
    return [(shares[p], a) for p, a in zip(shares, answers, strict=True)]


# --- Votes --------------------------------------------------------------------------------------
VOTE_TABLE = [
    # answers (H, E, V, K, R), for share, passed
    ((FOR, FOR, FOR, FOR, FOR), "100.00", True),
    ((FOR, FOR, AGAINST, ABSTAIN, FOR), "73.60", True),  # demo decision 1
    ((FOR, AGAINST, FOR, FOR, ABSENT), "65.87", False),  # demo decision 2, working group
    ((FOR, FOR, FOR, ABSTAIN, AGAINST), "92.88", True),  # demo decision 2, steering group
    ((FOR, FOR, ABSTAIN, ABSTAIN, ABSTAIN), "71.52", True),  # abstentions count against
    ((FOR, FOR, ABSENT, ABSENT, ABSENT), "71.52", True),  # ... and so do absences
    ((FOR, ABSENT, FOR, FOR, FOR), "67.95", True),  # Espoo alone cannot block
    ((ABSENT, FOR, FOR, FOR, FOR), "60.53", False),  # Helsinki alone can
    ((FOR, FOR, AGAINST, AGAINST, AGAINST), "71.52", True),
    ((FOR, AGAINST, AGAINST, FOR, FOR), "46.59", False),
    ((AGAINST, FOR, FOR, FOR, FOR), "60.53", False),
    ((ABSENT, ABSENT, ABSENT, ABSENT, ABSENT), "0.00", False),
    ((ABSTAIN, ABSTAIN, ABSTAIN, ABSTAIN, ABSTAIN), "0.00", False),
]


@pytest.mark.parametrize("answers,for_share,passed", VOTE_TABLE)
def test_two_thirds_of_all_cost_shares(answers, for_share, passed):
    tally = rules.tally(votes(*answers))
    assert tally.for_share == Decimal(for_share)
    assert tally.total == Decimal("100.00")  # absent and abstaining shares included
    assert tally.threshold == Decimal("66.67")
    assert tally.passed is passed
    assert (
        tally.for_share + tally.against_share + tally.abstain_share + tally.absent_share
        == tally.total
    )


EXACT_TABLE = [
    # shares, answers, passed: exactly 2/3 passes, a hair below does not
    (("2", "1"), (FOR, AGAINST), True),
    (("2", "1"), (FOR, ABSENT), True),
    (("66.66", "33.34"), (FOR, AGAINST), False),
    (("66.67", "33.33"), (FOR, AGAINST), True),
    (("40.00", "26.66", "33.34"), (FOR, FOR, ABSTAIN), False),
    (("40.00", "26.68", "33.32"), (FOR, FOR, ABSTAIN), True),
    (("50", "50"), (FOR, ABSTAIN), False),
    # Exactly 2/3 with non-terminating thirds: 2/3 of 100.02 is 66.68.
    (("66.68", "33.34"), (FOR, AGAINST), True),
    (("66.67", "33.35"), (FOR, AGAINST), False),
]


@pytest.mark.parametrize("shares,answers,passed", EXACT_TABLE)
def test_exactly_two_thirds_passes(shares, answers, passed):
    tally = rules.tally((Decimal(s), a) for s, a in zip(shares, answers, strict=True))
    assert tally.passed is passed
    # The rule is exact Decimal arithmetic: for * 3 >= total * 2.
    assert passed is (tally.for_share * 3 >= tally.total * 2)


FIVE_EXACT = [
    # Five partners whose shares total 90.00, so that 2/3 (60.00) can be hit exactly; the
    # real shares total 100.00, of which 2/3 is not a whole number of cents.
    # shares, answers (abstentions and absences among them), for share, passed
    (
        ("30.00", "24.00", "18.00", "12.00", "6.00"),
        (FOR, FOR, AGAINST, ABSTAIN, FOR),
        "60.00",
        True,
    ),
    (("30.00", "24.00", "18.00", "12.00", "6.00"), (FOR, ABSENT, FOR, FOR, AGAINST), "60.00", True),
    (
        ("30.00", "24.00", "17.99", "12.00", "6.01"),
        (FOR, ABSENT, FOR, FOR, AGAINST),
        "59.99",
        False,
    ),
    (
        ("30.00", "24.00", "17.99", "12.00", "6.01"),
        (FOR, FOR, AGAINST, ABSTAIN, FOR),
        "60.01",
        True,
    ),
]


@pytest.mark.parametrize("shares,answers,for_share,passed", FIVE_EXACT)
def test_five_partners_exactly_two_thirds(shares, answers, for_share, passed):
    shares = dict(zip(ORDER, map(Decimal, shares), strict=True))
    tally = rules.tally(votes(*answers, shares=shares))
    assert tally.total == Decimal("90.00") and tally.threshold == Decimal("60.00")
    assert tally.for_share == Decimal(for_share)
    assert tally.passed is passed


def test_unknown_vote_is_refused():
    with pytest.raises(ValueError):
        rules.tally([(Decimal(1), "maybe")])


OUTCOMES = [
    # working group answers, steering group answers (None: not held), outcome
    ((FOR, FOR, AGAINST, ABSTAIN, FOR), None, rules.DECIDED_BY_WORKING_GROUP),
    ((FOR, AGAINST, FOR, FOR, ABSENT), None, rules.ESCALATED),
    ((FOR, AGAINST, FOR, FOR, ABSENT), (FOR, FOR, FOR, ABSTAIN, AGAINST), "steering_group"),
    ((FOR, AGAINST, FOR, FOR, ABSENT), (AGAINST, FOR, FOR, FOR, FOR), rules.UNRESOLVED),
    # The steering group's vote does not matter once the working group decided.
    ((FOR, FOR, FOR, FOR, FOR), (AGAINST,) * 5, rules.DECIDED_BY_WORKING_GROUP),
]


@pytest.mark.parametrize("wg,sg,outcome", OUTCOMES)
def test_decision_outcome(wg, sg, outcome):
    steering = rules.tally(votes(*sg)) if sg else None
    assert rules.decision_outcome(rules.tally(votes(*wg)), steering) == outcome


def test_no_votes_is_pending():
    assert rules.decision_outcome(None) == rules.PENDING


# --- Attendance ----------------------------------------------------------------------------------
SG, WG, WS = rules.STEERING_GROUP, rules.WORKING_GROUP, rules.WORKSHOP
A, S, P, F = rules.ABSENT_FROM_MEETING, rules.SUBSTITUTE, rules.PRESENT, rules.FACILITATION_MISSED


def attendance(*rows, partner="kerava"):
    return [AttendanceRecord(date, body, partner, status) for date, body, status in rows]


def sanctions_of(records):
    return sorted(
        (s.partner, s.body, s.year, s.half, tuple(e.record.date for e in s.events), s.amount)
        for s in rules.attendance_sanctions(records)
    )


ATTENDANCE_TABLE = [
    (
        "the agreement's example: absent from the 1st- and 3rd-quarter steering group meetings "
        "→ one 500 € sanction in the second half-year",
        [(D(2026, 2, 12), SG, A), (D(2026, 5, 14), SG, P), (D(2026, 8, 13), SG, A)],
        [("kerava", SG, 2026, 2, (D(2026, 8, 13),), Decimal(500))],
    ),
    (
        "one steering group absence is not sanctioned",
        [(D(2026, 2, 12), SG, A), (D(2026, 5, 14), SG, P)],
        [],
    ),
    (
        "the 2nd steering group absence in the same half-year: a sanction in that half",
        [(D(2026, 2, 12), SG, A), (D(2026, 5, 14), SG, A)],
        [("kerava", SG, 2026, 1, (D(2026, 5, 14),), Decimal(500))],
    ),
    (
        "absent from all four: the 2nd (H1) and the 3rd and 4th (H2): one sanction per half",
        [
            (D(2026, 2, 12), SG, A),
            (D(2026, 5, 14), SG, A),
            (D(2026, 8, 13), SG, A),
            (D(2026, 11, 12), SG, A),
        ],
        [
            ("kerava", SG, 2026, 1, (D(2026, 5, 14),), Decimal(500)),
            ("kerava", SG, 2026, 2, (D(2026, 8, 13), D(2026, 11, 12)), Decimal(500)),
        ],
    ),
    (
        "a substitute is attendance",
        [(D(2026, 2, 12), SG, S), (D(2026, 5, 14), SG, A), (D(2026, 8, 13), SG, S)],
        [],
    ),
    (
        "counted per calendar year: December and January are in different years",
        [(D(2025, 11, 13), SG, A), (D(2026, 2, 12), SG, A)],
        [],
    ),
    (
        "two working group absences are not sanctioned",
        [(D(2026, 1, 14), WG, A), (D(2026, 6, 3), WG, A), (D(2026, 9, 23), WG, P)],
        [],
    ),
    (
        "the 3rd working group absence is",
        [(D(2026, 1, 14), WG, A), (D(2026, 6, 3), WG, A), (D(2026, 6, 30), WG, A)],
        [("kerava", WG, 2026, 1, (D(2026, 6, 30),), Decimal(500))],
    ),
    (
        "the 3rd on 1 July falls in the second half-year",
        [(D(2026, 1, 14), WG, A), (D(2026, 6, 3), WG, A), (D(2026, 7, 1), WG, A)],
        [("kerava", WG, 2026, 2, (D(2026, 7, 1),), Decimal(500))],
    ),
    (
        "bodies are counted separately: one SG and two WG absences are nothing",
        [(D(2026, 2, 12), SG, A), (D(2026, 3, 11), WG, A), (D(2026, 4, 8), WG, A)],
        [],
    ),
    (
        "a missed workshop facilitation is sanctioned at once",
        [(D(2026, 3, 16), WS, F)],
        [("kerava", WS, 2026, 1, (D(2026, 3, 16),), Decimal(500))],
    ),
    (
        "two missed facilitations in one half-year: one sanction",
        [(D(2026, 8, 3), WS, F), (D(2026, 11, 23), WS, F)],
        [("kerava", WS, 2026, 2, (D(2026, 8, 3), D(2026, 11, 23)), Decimal(500))],
    ),
    (
        "workshop absences are not sanctioned (only the facilitation is)",
        [(D(2026, 1, 19), WS, A), (D(2026, 2, 16), WS, A), (D(2026, 3, 16), WS, A)],
        [],
    ),
    (
        "per body and half-year: SG and workshop in the same half are two sanctions",
        [(D(2026, 8, 3), WS, F), (D(2026, 2, 12), SG, A), (D(2026, 8, 13), SG, A)],
        [
            ("kerava", SG, 2026, 2, (D(2026, 8, 13),), Decimal(500)),
            ("kerava", WS, 2026, 2, (D(2026, 8, 3),), Decimal(500)),
        ],
    ),
]


@pytest.mark.parametrize(
    "rows,expected",
    [(rows, exp) for _name, rows, exp in ATTENDANCE_TABLE],
    ids=[name[:60] for name, _r, _e in ATTENDANCE_TABLE],
)
def test_attendance_sanctions(rows, expected):
    assert sanctions_of(attendance(*rows)) == sorted(expected)


def test_attendance_is_counted_per_partner():
    records = attendance((D(2026, 2, 12), SG, A), partner="kerava") + attendance(
        (D(2026, 8, 13), SG, A), partner="espoo"
    )
    assert sanctions_of(records) == []


def test_absence_numbers_are_per_year_and_body():
    records = attendance(
        (D(2026, 1, 14), WG, A),
        (D(2026, 2, 11), WG, A),
        (D(2026, 3, 11), WG, A),
        (D(2026, 4, 8), WG, A),
    )
    events = rules.sanctionable_events(records)
    assert [(e.record.date, e.absence_number) for e in events] == [
        (D(2026, 3, 11), 3),
        (D(2026, 4, 8), 4),
    ]


@pytest.mark.parametrize(
    "date,half", [(D(2026, 1, 1), 1), (D(2026, 6, 30), 1), (D(2026, 7, 1), 2), (D(2026, 12, 31), 2)]
)
def test_half_years(date, half):
    assert rules.half_year(date) == half
    start, end = rules.half_year_bounds(date.year, half)
    assert start <= date <= end


# --- Content notices -----------------------------------------------------------------------------
@pytest.mark.parametrize(
    "date,months,expected",
    [
        (D(2026, 1, 31), 1, D(2026, 2, 28)),
        (D(2028, 1, 31), 1, D(2028, 2, 29)),  # leap year
        (D(2026, 1, 30), 1, D(2026, 2, 28)),
        (D(2026, 1, 28), 1, D(2026, 2, 28)),
        (D(2026, 2, 28), 1, D(2026, 3, 28)),  # not "end of month + 1"
        (D(2026, 3, 31), 1, D(2026, 4, 30)),
        (D(2026, 5, 31), 1, D(2026, 6, 30)),
        (D(2026, 8, 31), 1, D(2026, 9, 30)),
        (D(2026, 12, 15), 1, D(2027, 1, 15)),  # across the year end
        (D(2026, 12, 31), 2, D(2027, 2, 28)),
        (D(2026, 3, 15), 0, D(2026, 3, 15)),
    ],
)
def test_add_months_clamps_to_the_month_end(date, months, expected):
    assert rules.add_months(date, months) == expected


NEXT_STEP_TABLE = [
    # name, (first, second, third, fixed, pauses), expected (step, due) or None
    (
        "1st notice: the 2nd is due a month later",
        (D(2026, 3, 10), None, None, None, ()),
        (rules.SECOND_NOTICE, D(2026, 4, 10)),
    ),
    (
        "31 January: the 2nd notice is due on 28 February",
        (D(2026, 1, 31), None, None, None, ()),
        (rules.SECOND_NOTICE, D(2026, 2, 28)),
    ),
    (
        "31 January in a leap year: 29 February",
        (D(2028, 1, 31), None, None, None, ()),
        (rules.SECOND_NOTICE, D(2028, 2, 29)),
    ),
    (
        "across the year end",
        (D(2026, 12, 20), None, None, None, ()),
        (rules.SECOND_NOTICE, D(2027, 1, 20)),
    ),
    (
        "fixed on the deadline: nothing follows",
        (D(2026, 3, 10), None, None, D(2026, 4, 10), ()),
        None,
    ),
    (
        "fixed the day after the deadline: the 2nd notice was still due",
        (D(2026, 3, 10), None, None, D(2026, 4, 11), ()),
        (rules.SECOND_NOTICE, D(2026, 4, 10)),
    ),
    (
        "2nd notice given: the 3rd (and the sanction) a week later",
        (D(2026, 3, 10), D(2026, 4, 10), None, None, ()),
        (rules.THIRD_NOTICE, D(2026, 4, 17)),
    ),
    (
        "2nd notice late in February: the week crosses the month end",
        (D(2026, 1, 31), D(2026, 2, 28), None, None, ()),
        (rules.THIRD_NOTICE, D(2026, 3, 7)),
    ),
    (
        "fixed within the week: no sanction",
        (D(2026, 3, 10), D(2026, 4, 10), None, D(2026, 4, 17), ()),
        None,
    ),
    (
        "3rd notice given: the case is done",
        (D(2026, 3, 10), D(2026, 4, 10), D(2026, 4, 17), None, ()),
        None,
    ),
    (
        "a 10-day pause (holiday season) moves the deadline by 10 days",
        (D(2026, 6, 15), None, None, None, (Pause(D(2026, 7, 1), D(2026, 7, 11)),)),
        (rules.SECOND_NOTICE, D(2026, 7, 25)),
    ),
    (
        "31 January + a 5-day pause: 28 February + 5 = 5 March",
        (D(2026, 1, 31), None, None, None, (Pause(D(2026, 2, 2), D(2026, 2, 7)),)),
        (rules.SECOND_NOTICE, D(2026, 3, 5)),
    ),
    (
        "a pause that starts before the notice counts from the notice",
        (D(2026, 3, 10), None, None, None, (Pause(D(2026, 3, 1), D(2026, 3, 15)),)),
        (rules.SECOND_NOTICE, D(2026, 4, 15)),
    ),
    (
        "a pause that ended before the notice does not count",
        (D(2026, 3, 10), None, None, None, (Pause(D(2026, 2, 1), D(2026, 3, 1)),)),
        (rules.SECOND_NOTICE, D(2026, 4, 10)),
    ),
    (
        "a pause after the deadline does not move it",
        (D(2026, 3, 10), None, None, None, (Pause(D(2026, 4, 11), D(2026, 4, 20)),)),
        (rules.SECOND_NOTICE, D(2026, 4, 10)),
    ),
    (
        "a pause starting on the deadline day moves it",
        (D(2026, 3, 10), None, None, None, (Pause(D(2026, 4, 10), D(2026, 4, 13)),)),
        (rules.SECOND_NOTICE, D(2026, 4, 13)),
    ),
    (
        "chained pauses: the first extension brings the second into the window",
        (
            D(2026, 3, 10),
            None,
            None,
            None,
            (Pause(D(2026, 4, 1), D(2026, 4, 11)), Pause(D(2026, 4, 15), D(2026, 4, 18))),
        ),
        (rules.SECOND_NOTICE, D(2026, 4, 23)),
    ),
    (
        "a pause during the week after the 2nd notice moves the 3rd",
        (D(2026, 3, 10), D(2026, 4, 10), None, None, (Pause(D(2026, 4, 12), D(2026, 4, 19)),)),
        (rules.THIRD_NOTICE, D(2026, 4, 24)),
    ),
    (
        "a pause of the first month does not move the 3rd notice",
        (D(2026, 3, 10), D(2026, 4, 20), None, None, (Pause(D(2026, 3, 20), D(2026, 3, 30)),)),
        (rules.THIRD_NOTICE, D(2026, 4, 27)),
    ),
    (
        "an ongoing pause: no due date",
        (D(2026, 3, 10), None, None, None, (Pause(D(2026, 3, 20)),)),
        (rules.SECOND_NOTICE, None),
    ),
    (
        "fixed during an ongoing pause: nothing follows",
        (D(2026, 3, 10), None, None, D(2026, 4, 30), (Pause(D(2026, 3, 20)),)),
        None,
    ),
]


@pytest.mark.parametrize(
    "args,expected",
    [(args, exp) for _n, args, exp in NEXT_STEP_TABLE],
    ids=[n[:60] for n, _a, _e in NEXT_STEP_TABLE],
)
def test_next_content_step(args, expected):
    step = rules.next_content_step(*args)
    if expected is None:
        assert step is None
    else:
        assert (step.step, step.due) == expected


def test_ongoing_pause_says_since_when_and_is_never_due():
    step = rules.next_content_step(D(2026, 3, 10), pauses=[Pause(D(2026, 3, 20))])
    assert step.paused_since == D(2026, 3, 20)
    assert not step.is_due(D(2030, 1, 1))


def test_a_step_is_due_on_its_date():
    step = rules.next_content_step(D(2026, 1, 31))
    assert not step.is_due(D(2026, 2, 27))
    assert step.is_due(D(2026, 2, 28)) and step.is_due(D(2026, 3, 1))


# --- Knowledge transfer --------------------------------------------------------------------------
def breach(key, partner, discussed, notice, justified=False):
    return TransferBreach(key, partner, discussed, notice, justified)


KNOWLEDGE_TABLE = [
    ("discussion only: nothing", [breach(1, "espoo", D(2026, 2, 1), None)], []),
    ("a first notice is the warning", [breach(1, "espoo", D(2026, 2, 1), D(2026, 2, 10))], []),
    (
        "a repeated notice is a 500 € sanction, and so is every one after it",
        [
            breach(1, "espoo", D(2026, 2, 1), D(2026, 2, 10)),
            breach(2, "espoo", D(2026, 5, 1), D(2026, 5, 10)),
            breach(3, "espoo", D(2026, 9, 1), D(2026, 9, 10)),
        ],
        [2, 3],
    ),
    (
        "a notice without a discussion does not count",
        [
            breach(1, "espoo", None, D(2026, 2, 10)),
            breach(2, "espoo", D(2026, 5, 1), D(2026, 5, 10)),
        ],
        [],
    ),
    (
        "a justified reason (sudden illness) does not count",
        [
            breach(1, "espoo", D(2026, 2, 1), D(2026, 2, 10), justified=True),
            breach(2, "espoo", D(2026, 5, 1), D(2026, 5, 10)),
        ],
        [],
    ),
    (
        "per partner",
        [
            breach(1, "espoo", D(2026, 2, 1), D(2026, 2, 10)),
            breach(2, "vantaa", D(2026, 5, 1), D(2026, 5, 10)),
        ],
        [],
    ),
    (
        "per calendar year",
        [
            breach(1, "espoo", D(2025, 12, 1), D(2025, 12, 10)),
            breach(2, "espoo", D(2026, 1, 5), D(2026, 1, 12)),
        ],
        [],
    ),
]


@pytest.mark.parametrize(
    "breaches,sanctioned",
    [(b, s) for _n, b, s in KNOWLEDGE_TABLE],
    ids=[n[:60] for n, _b, _s in KNOWLEDGE_TABLE],
)
def test_knowledge_transfer_sanctions(breaches, sanctioned):
    assert [b.key for b in rules.knowledge_transfer_sanctions(breaches)] == sanctioned
    assert rules.KNOWLEDGE_TRANSFER_SANCTION == Decimal(500)


def test_amounts():
    assert rules.ATTENDANCE_SANCTION == Decimal(500)
    assert rules.CONTENT_SANCTION == Decimal(1000)
