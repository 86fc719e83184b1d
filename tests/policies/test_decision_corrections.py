"""Correcting a recorded vote in the decision admin form.

docs/policies.md: each vote stores *the partner's* cost share when it was recorded, and the
total voting power is every partner's share (100.00). A recorded row's partner cannot be
changed (a moved row kept the previous partner's share, and swapping two rows' partners was
a 500): the form says so and nothing changes; the vote itself is corrected on each row."""

from decimal import Decimal

import pytest
from django.test import Client
from django.urls import reverse
from wagtail.test.utils.form_data import inline_formset, nested_form_data

from cms.models import Organisation
from policies import rules
from policies.models import Decision, WorkingGroupVote

pytestmark = pytest.mark.django_db


def partner(slug):
    return Organisation.objects.get(slug=slug)


def form_data(rows):
    data = {
        "title": "Päätös",
        "proposal": "p",
        "working_group_date": "2026-03-04",
        "steering_group_date": "",
        "notes": "",
    }
    data.update(
        nested_form_data(
            {
                "working_group_votes": inline_formset(
                    rows, initial=sum(1 for row in rows if row.get("id"))
                ),
                "steering_group_votes": inline_formset([]),
            }
        )
    )
    return data


@pytest.fixture
def decision():
    """Recorded with Helsinki's and Kerava's votes in each other's rows: Helsinki was
    actually absent (it alone blocks: 60.53 < 66.67), Kerava voted for."""
    d = Decision.objects.create(title="Päätös", proposal="p", working_group_date="2026-03-04")
    for slug, vote in [
        ("helsinki", rules.FOR),
        ("espoo", rules.FOR),
        ("vantaa", rules.FOR),
        ("kerava", rules.ABSENT),
        ("raasepori", rules.FOR),
    ]:
        WorkingGroupVote.objects.create(decision=d, organisation=partner(slug), vote=vote)
    return d


@pytest.fixture
def maintainer(user):
    client = Client(raise_request_exception=False)
    client.force_login(user("yllapito-maintainer"))
    return client


def snapshot(decision):
    return sorted(
        decision.working_group_votes.values_list("pk", "organisation__slug", "vote", "share")
    )


def test_swapping_the_partners_of_two_rows_is_a_form_error(maintainer, decision):
    before = snapshot(decision)
    rows = []
    for vote in decision.working_group_votes.all():
        slug = {"helsinki": "kerava", "kerava": "helsinki"}.get(vote.organisation.slug)
        org = partner(slug) if slug else vote.organisation
        rows.append({"id": vote.pk, "organisation": org.pk, "vote": vote.vote})
    response = maintainer.post(reverse("decisions:edit", args=[decision.pk]), form_data(rows))
    assert response.status_code == 200  # the form again, with the message
    assert "partner cannot be changed" in response.content.decode()
    assert snapshot(decision) == before


def test_moving_a_row_to_another_partner_is_a_form_error(maintainer, decision):
    """The same correction without a swap: delete Helsinki's row, move Kerava's row (absent)
    to Helsinki, add Kerava (for)."""
    before = snapshot(decision)
    rows = []
    for vote in decision.working_group_votes.all():
        slug = vote.organisation.slug
        if slug == "helsinki":
            rows.append(
                {
                    "id": vote.pk,
                    "organisation": vote.organisation_id,
                    "vote": vote.vote,
                    "DELETE": "on",
                }
            )
        elif slug == "kerava":
            rows.append(
                {"id": vote.pk, "organisation": partner("helsinki").pk, "vote": rules.ABSENT}
            )
        else:
            rows.append({"id": vote.pk, "organisation": vote.organisation_id, "vote": vote.vote})
    rows.append({"organisation": partner("kerava").pk, "vote": rules.FOR})
    response = maintainer.post(reverse("decisions:edit", args=[decision.pk]), form_data(rows))
    assert response.status_code == 200
    assert "partner cannot be changed" in response.content.decode()
    assert snapshot(decision) == before


def test_correcting_the_votes_on_their_rows_recomputes_the_outcome(maintainer, decision):
    """The right way: Helsinki's row says absent, Kerava's says for. Helsinki absent alone
    blocks (60.53 < 66.67), so the proposal goes to the steering group."""
    corrected = {"helsinki": rules.ABSENT, "kerava": rules.FOR}
    rows = [
        {
            "id": vote.pk,
            "organisation": vote.organisation_id,
            "vote": corrected.get(vote.organisation.slug, vote.vote),
        }
        for vote in decision.working_group_votes.all()
    ]
    response = maintainer.post(reverse("decisions:edit", args=[decision.pk]), form_data(rows))
    assert response.status_code == 302
    decision = Decision.objects.get(pk=decision.pk)
    helsinki = decision.working_group_votes.get(organisation__slug="helsinki")
    tally = decision.tally(rules.WORKING_GROUP)
    assert (helsinki.vote, helsinki.share) == (rules.ABSENT, Decimal("39.47"))
    assert tally.total == Decimal("100.00")
    assert decision.outcome == rules.ESCALATED


def test_a_vote_saved_with_another_partner_takes_that_partners_share(decision):
    """Below the form too: the stored share follows the partner."""
    kerava = decision.working_group_votes.get(organisation__slug="kerava")
    assert kerava.share == Decimal("5.04")
    decision.working_group_votes.filter(organisation__slug="helsinki").delete()
    kerava.organisation = partner("helsinki")
    kerava.save()
    kerava.refresh_from_db()
    assert kerava.share == Decimal("39.47")
