"""Matters only the steering group decides (a new partner, unforeseen costs, terminating a
partner), by 2/3 of the voting power weighted by cost share; a termination's end date."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from wagtail.test.utils.form_data import inline_formset, nested_form_data

from policies import rules
from policies.models import (
    Decision,
    SteeringGroupVote,
    WorkingGroupVote,
    partner_end_dates,
    voting_partners,
)

D = dt.date
# The demo shares: Helsinki 39.47, Espoo 32.05, Vantaa 21.36, Kerava 5.04, Raasepori 2.08.
JUST_UNDER = {"helsinki": "for", "vantaa": "for", "kerava": "for", "espoo": "against"}  # 65.87
JUST_OVER = {**JUST_UNDER, "raasepori": "for"}  # 67.95


def shares(answers):
    table = {
        "helsinki": "39.47",
        "espoo": "32.05",
        "vantaa": "21.36",
        "kerava": "5.04",
        "raasepori": "2.08",
    }
    return [(Decimal(table[slug]), answers.get(slug, rules.ABSENT)) for slug in table]


# --- The rule -----------------------------------------------------------------------------------
@pytest.mark.parametrize("kind", sorted(rules.STEERING_GROUP_ONLY))
def test_the_steering_group_alone_decides_by_two_thirds(kind):
    under, over = rules.tally(shares(JUST_UNDER)), rules.tally(shares(JUST_OVER))
    assert (under.for_share, over.for_share) == (Decimal("65.87"), Decimal("67.95"))
    assert rules.decision_outcome(None, under, kind) == rules.UNRESOLVED
    assert rules.decision_outcome(None, over, kind) == rules.DECIDED_BY_STEERING_GROUP
    # Exactly 2/3 passes, as for every decision.
    exact = rules.tally([(Decimal(2), rules.FOR), (Decimal(1), rules.AGAINST)])
    assert rules.decision_outcome(None, exact, kind) == rules.DECIDED_BY_STEERING_GROUP
    # A working group's 2/3 does not decide it: pending until the steering group votes.
    unanimous = rules.tally(shares(dict.fromkeys(("helsinki", "espoo", "vantaa"), "for")))
    assert unanimous.passed
    assert rules.decision_outcome(unanimous, None, kind) == rules.PENDING
    assert rules.decision_outcome(unanimous, under, kind) == rules.UNRESOLVED
    # A policy matter is still the working group's first.
    assert rules.decision_outcome(unanimous, None, rules.POLICY) == rules.DECIDED_BY_WORKING_GROUP


def record(decision, model, answers, partners):
    for slug, vote in answers.items():
        model.objects.create(decision=decision, organisation=partners[slug], vote=vote)


@pytest.mark.django_db
def test_unforeseen_costs_just_under_and_just_over(partners, no_monitoring):
    decision = Decision.objects.create(
        title="Lisäkustannus",
        kind=rules.UNFORESEEN_COSTS,
        proposal="…",
        steering_group_date=D(2026, 5, 14),
    )
    record(decision, SteeringGroupVote, JUST_UNDER, partners)
    assert decision.tally(rules.STEERING_GROUP).for_share == Decimal("65.87")
    assert decision.outcome == rules.UNRESOLVED and not decision.is_decided
    assert decision.outcome_label == "Not passed by the steering group"
    SteeringGroupVote.objects.create(
        decision=decision, organisation=partners["raasepori"], vote="for"
    )
    assert decision.outcome == rules.DECIDED_BY_STEERING_GROUP
    assert decision.decided_on == D(2026, 5, 14) and decision.decided_by == "steering_group"


@pytest.mark.django_db
def test_the_dates_a_steering_group_matter_needs(partners):
    with pytest.raises(ValidationError) as error:
        Decision(title="T", proposal="P", kind=rules.NEW_PARTNER).full_clean()
    assert "steering_group_date" in error.value.message_dict
    assert "working_group_date" not in error.value.message_dict  # not needed for it
    with pytest.raises(ValidationError) as error:
        Decision(title="T", proposal="P").full_clean()
    assert "working_group_date" in error.value.message_dict  # a policy matter needs it


# --- Refused when another body decides ----------------------------------------------------------
def form_data(partners, kind, wg, sg, **extra):
    return nested_form_data(
        {
            "title": "Keravan sopimuksen irtisanominen",
            "kind": kind,
            "proposal": "Sopimus irtisanotaan Keravan osalta toistuvien sanktioiden vuoksi.",
            "partner": extra.get("partner", ""),
            "partner_end_date": extra.get("partner_end_date", ""),
            "working_group_date": extra.get("working_group_date", ""),
            "steering_group_date": extra.get("steering_group_date", "2026-05-14"),
            "notes": "",
            "working_group_votes": inline_formset(
                [{"organisation": partners[s].pk, "vote": v} for s, v in wg.items()]
            ),
            "steering_group_votes": inline_formset(
                [{"organisation": partners[s].pk, "vote": v} for s, v in sg.items()]
            ),
        }
    )


@pytest.mark.django_db
@pytest.mark.parametrize("vote", ["for", "against", "abstain"])
def test_a_working_group_vote_on_a_steering_group_matter_is_refused(
    login, partners, no_monitoring, vote
):
    client = login("yllapito-maintainer")
    data = form_data(
        partners,
        rules.NEW_PARTNER,
        wg={"helsinki": vote, "espoo": "for"},
        sg={},
        working_group_date="2026-04-08",
    )
    response = client.post(reverse("decisions:add"), data)
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert "Only the steering group decides" in str(errors["kind"])
    assert not Decision.objects.exists()


@pytest.mark.django_db
def test_termination_decided_in_the_admin_drops_the_prefilled_absent_rows(
    login, partners, no_monitoring
):
    client = login("yllapito-maintainer")
    data = form_data(
        partners,
        rules.TERMINATION,
        wg=dict.fromkeys(partners, "absent"),  # the form's prefilled rows, left as they were
        sg=JUST_OVER,
        partner=partners["kerava"].pk,
        partner_end_date="2026-06-30",
    )
    response = client.post(reverse("decisions:add"), data)
    assert response.status_code == 302, response.context["form"].errors
    decision = Decision.objects.get()
    assert not decision.working_group_votes.exists()
    assert decision.steering_group_votes.count() == 5  # Raasepori's absence filled in
    assert decision.outcome == rules.DECIDED_BY_STEERING_GROUP
    assert partner_end_dates() == {partners["kerava"].pk: D(2026, 6, 30)}


@pytest.mark.django_db
def test_a_termination_needs_its_partner_and_end_date(login, partners, no_monitoring):
    client = login("yllapito-maintainer")
    data = form_data(partners, rules.TERMINATION, wg={}, sg=JUST_OVER)
    response = client.post(reverse("decisions:add"), data)
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert "partner" in errors and "partner_end_date" in errors
    data = form_data(
        partners,
        rules.TERMINATION,
        wg={},
        sg=JUST_OVER,
        partner=partners["kerava"].pk,
        partner_end_date="2026-05-01",  # before the steering group's decision on 14.5.
    )
    response = client.post(reverse("decisions:add"), data)
    assert "partner_end_date" in response.context["form"].errors
    with pytest.raises(ValidationError) as error:
        Decision(
            title="T",
            proposal="P",
            working_group_date=D(2026, 4, 8),
            partner_end_date=D(2026, 6, 30),
        ).full_clean()
    assert "partner_end_date" in error.value.message_dict  # only a termination has one
    assert not Decision.objects.exists()


# --- What a termination changes -----------------------------------------------------------------
@pytest.mark.django_db
def test_from_its_end_date_a_terminated_partner_no_longer_votes(partners, no_monitoring):
    termination = Decision.objects.create(
        title="Irtisanominen",
        kind=rules.TERMINATION,
        proposal="…",
        partner=partners["kerava"],
        partner_end_date=D(2026, 6, 30),
        steering_group_date=D(2026, 5, 14),
    )
    record(termination, SteeringGroupVote, JUST_UNDER, partners)
    assert partner_end_dates() == {}  # not passed: nothing ends
    SteeringGroupVote.objects.create(
        decision=termination, organisation=partners["raasepori"], vote="for"
    )
    assert partner_end_dates() == {partners["kerava"].pk: D(2026, 6, 30)}
    ends = {org.slug: org.agreement_ends for org in voting_partners()}
    assert ends["kerava"] == D(2026, 6, 30) and ends["helsinki"] is None

    def later(date):
        decision = Decision.objects.create(title=f"L {date}", proposal="…", working_group_date=date)
        record(decision, WorkingGroupVote, {"helsinki": "for"}, partners)
        return decision

    before, after = later(D(2026, 6, 29)), later(D(2026, 6, 30))
    assert "kerava" in {v.organisation.slug for v in before.votes(rules.WORKING_GROUP)}
    assert "kerava" not in {v.organisation.slug for v in after.votes(rules.WORKING_GROUP)}
    assert before.tally(rules.WORKING_GROUP).total == Decimal("100.00")
    assert after.tally(rules.WORKING_GROUP).total == Decimal("94.96")
    assert after.complete_votes() == 3  # Espoo, Vantaa, Raasepori: not Kerava
