"""Maintainers at work: decisions with their arithmetic, meetings with attendance, content
cases whose next step the system proposes and a maintainer confirms."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone
from wagtail.models import ModelLogEntry
from wagtail.test.utils.form_data import inline_formset, nested_form_data

from policies import rules
from policies.models import (
    Attendance,
    CaseKind,
    CasePause,
    ContentCase,
    Decision,
    Meeting,
    PartnerContact,
    SteeringGroupVote,
    WorkingGroupVote,
)

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate()


@pytest.fixture
def maintainer(login):
    return login("yllapito-maintainer")


def vote_forms(partners, answers):
    return inline_formset(
        [{"organisation": partners[slug].pk, "vote": vote} for slug, vote in answers.items()]
    )


# --- Decisions ----------------------------------------------------------------------------------
def test_a_new_decision_starts_with_every_partner(maintainer, partners):
    response = maintainer.get(reverse("decisions:add"))
    assert response.status_code == 200
    formset = response.context["form"].formsets["working_group_votes"]
    initial = {form.initial.get("organisation") for form in formset.forms}
    assert initial == {org.pk for org in partners.values()}


def test_decision_created_in_the_admin(maintainer, partners, no_monitoring):
    data = nested_form_data(
        {
            "title": "Selkokieliset tiivistelmät",
            "proposal": "Jokaisella palvelulla on selkokielinen tiivistelmä.",
            "working_group_date": "2026-03-11",
            "steering_group_date": "",
            "notes": "",
            # Raasepori is not in the form at all: recorded as absent.
            "working_group_votes": vote_forms(
                partners,
                {"helsinki": "for", "espoo": "for", "vantaa": "against", "kerava": "abstain"},
            ),
            "steering_group_votes": inline_formset([]),
        }
    )
    response = maintainer.post(reverse("decisions:add"), data)
    assert response.status_code == 302, response.context["form"].errors
    decision = Decision.objects.get(title="Selkokieliset tiivistelmät")
    votes = {v.organisation.slug: (v.vote, v.share) for v in decision.working_group_votes.all()}
    assert votes == {
        "helsinki": ("for", Decimal("39.47")),
        "espoo": ("for", Decimal("32.05")),
        "vantaa": ("against", Decimal("21.36")),
        "kerava": ("abstain", Decimal("5.04")),
        "raasepori": ("absent", Decimal("2.08")),
    }
    assert decision.outcome == rules.DECIDED_BY_WORKING_GROUP
    assert decision.decided_on == dt.date(2026, 3, 11)


def test_decision_page_shows_the_arithmetic(maintainer, partners, no_monitoring):
    decision = Decision.objects.create(
        title="Eskaloitu linjaus",
        proposal="…",
        working_group_date=dt.date(2026, 4, 8),
        steering_group_date=dt.date(2026, 5, 14),
    )
    for slug, vote in {
        "helsinki": "for",
        "espoo": "against",
        "vantaa": "for",
        "kerava": "for",
    }.items():
        WorkingGroupVote.objects.create(decision=decision, organisation=partners[slug], vote=vote)
    for slug, vote in {"helsinki": "for", "espoo": "for", "raasepori": "against"}.items():
        SteeringGroupVote.objects.create(decision=decision, organisation=partners[slug], vote=vote)
    assert decision.outcome == rules.DECIDED_BY_STEERING_GROUP
    response = maintainer.get(reverse("decisions:inspect", args=[decision.pk]))
    assert response.status_code == 200
    body = response.content.decode()
    # Working group: 39.47 + 21.36 + 5.04 = 65.87 of 100.00 < 66.67; steering group 71.52.
    for figure in ("39.47", "32.05", "21.36", "5.04", "2.08", "65.87", "100.00", "66.67", "71.52"):
        assert figure in body, figure
    rounds = response.context["rounds"]
    assert [r["tally"].passed for r in rounds] == [False, True]
    assert [len(r["votes"]) for r in rounds] == [5, 5]


def test_decision_shares_are_kept_when_the_cost_shares_change(partners, no_monitoring):
    decision = Decision.objects.create(title="T", proposal="P", working_group_date=TODAY)
    WorkingGroupVote.objects.create(decision=decision, organisation=partners["kerava"], vote="for")
    type(partners["kerava"]).objects.filter(pk=partners["kerava"].pk).update(cost_share=10)
    vote = decision.working_group_votes.get()
    assert vote.share == Decimal("5.04")


def test_complete_votes_fills_in_the_absent(partners, no_monitoring):
    decision = Decision.objects.create(title="T", proposal="P", working_group_date=TODAY)
    assert decision.outcome == rules.PENDING and decision.complete_votes() == 0
    WorkingGroupVote.objects.create(
        decision=decision, organisation=partners["helsinki"], vote="for"
    )
    assert decision.complete_votes() == 4
    assert decision.complete_votes() == 0
    tally = decision.tally(rules.WORKING_GROUP)
    assert (tally.for_share, tally.absent_share) == (Decimal("39.47"), Decimal("60.53"))
    assert decision.outcome == rules.ESCALATED
    # The steering group's date alone records nothing: its vote is still to come.
    decision.steering_group_date = TODAY
    assert decision.complete_votes() == 0 and decision.outcome == rules.ESCALATED
    SteeringGroupVote.objects.create(decision=decision, organisation=partners["espoo"], vote="for")
    assert decision.complete_votes() == 4
    assert decision.outcome == rules.UNRESOLVED


# --- Meetings -----------------------------------------------------------------------------------
def test_meeting_with_attendance(maintainer, partners, no_monitoring):
    data = nested_form_data(
        {
            "date": "2026-03-16",
            "body": "workshop",
            "facilitator": partners["vantaa"].pk,
            "topic": "Selkokieli",
            "attendances": inline_formset(
                [
                    {"organisation": partners["vantaa"].pk, "status": "facilitation_missed"},
                    {"organisation": partners["espoo"].pk, "status": "substitute"},
                ]
            ),
        }
    )
    response = maintainer.post(reverse("meetings:add"), data)
    assert response.status_code == 302, response.context["form"].errors
    meeting = Meeting.objects.get(date=dt.date(2026, 3, 16))
    assert dict(meeting.attendances.values_list("organisation__slug", "status")) == {
        "vantaa": "facilitation_missed",
        "espoo": "substitute",
    }


def test_a_facilitation_is_missed_in_a_workshop_only(partners):
    meeting = Meeting(date=TODAY, body="working_group")
    attendance = Attendance(
        meeting=meeting, organisation=partners["espoo"], status="facilitation_missed"
    )
    with pytest.raises(Exception, match="workshop"):
        attendance.clean()
    with pytest.raises(Exception, match="workshops"):
        Meeting(date=TODAY, body="working_group", facilitator=partners["espoo"]).clean()


# --- Content cases: the proposed step and its confirmation ------------------------------------
@pytest.fixture
def case(partners, no_monitoring):
    PartnerContact.objects.create(
        organisation=partners["vantaa"],
        role="steering_group_member",
        name="Ohjausryhmän jäsen, Vantaa",
        email="ohjausryhma.vantaa@example.fi",
    )
    PartnerContact.objects.create(
        organisation=partners["vantaa"],
        role="working_group_member",
        name="Työryhmän jäsen, Vantaa",
        email="tyoryhma.vantaa@example.fi",
    )
    return ContentCase.objects.create(
        organisation=partners["vantaa"],
        kind=CaseKind.PIPELINE_DELAY,
        description="Tarkastus myöhässä.",
        first_notice_on=rules.add_months(TODAY, -2),
    )


def confirm(client, case):
    return client.post(reverse("content-cases:confirm", args=[case.pk]))


def test_the_system_proposes_and_the_maintainer_confirms(maintainer, case):
    inspect = maintainer.get(reverse("content-cases:inspect", args=[case.pk]))
    assert inspect.context["step"].step == rules.SECOND_NOTICE and inspect.context["can_confirm"]
    confirm(maintainer, case)
    case.refresh_from_db()
    assert case.second_notice_on == TODAY
    assert ModelLogEntry.objects.filter(action="policies.content_notice").exists()
    # The 3rd is due a week later: not yet.
    confirm(maintainer, case)
    case.refresh_from_db()
    assert case.third_notice_on is None and not mail.outbox
    proposal = maintainer.get(reverse("content-cases:inspect", args=[case.pk])).context["step"]
    assert proposal.due == TODAY + dt.timedelta(days=7)
    # A week on: the 3rd notice and the sanction; the steering group member is told, once.
    ContentCase.objects.filter(pk=case.pk).update(second_notice_on=TODAY - dt.timedelta(days=7))
    confirm(maintainer, case)
    case.refresh_from_db()
    assert case.third_notice_on == TODAY and case.sanction_amount == Decimal(1000)
    assert [m.to for m in mail.outbox] == [["ohjausryhma.vantaa@example.fi"]]
    assert "1000" in mail.outbox[0].body and "Vantaa" in mail.outbox[0].subject
    confirm(maintainer, case)
    assert len(mail.outbox) == 1


def test_a_pause_moves_the_proposal(maintainer, case):
    CasePause.objects.create(
        case=case, reason="legal_review", start=TODAY - dt.timedelta(days=40), end=TODAY
    )
    step = maintainer.get(reverse("content-cases:inspect", args=[case.pk])).context["step"]
    assert step.due > TODAY
    confirm(maintainer, case)
    case.refresh_from_db()
    assert case.second_notice_on is None


def test_partners_cannot_confirm(login, case):
    client = login("vantaa-main")
    assert (
        client.get(reverse("content-cases:inspect", args=[case.pk])).context["can_confirm"] is False
    )
    response = confirm(client, case)
    assert response.status_code in (302, 403)
    case.refresh_from_db()
    assert case.second_notice_on is None


def test_case_validation(case, services):
    case.second_notice_on = case.first_notice_on
    with pytest.raises(Exception, match="follows"):
        case.full_clean()
    case.second_notice_on = None
    case.third_notice_on = TODAY
    with pytest.raises(Exception, match="previous"):
        case.full_clean()
    case.third_notice_on = None
    case.service = services("espoo")
    with pytest.raises(Exception, match="responsibility"):
        case.full_clean()


# --- Every screen renders for a maintainer --------------------------------------------------------
SCREENS = {
    "decisions": Decision,
    "meetings": Meeting,
    "attendance": Attendance,
    "content-cases": ContentCase,
    "knowledge-transfer": None,
    "partner-contacts": PartnerContact,
}


@pytest.mark.parametrize("viewset", SCREENS)
def test_every_monitoring_screen_renders(maintainer, viewset):
    from policies.models import KnowledgeTransferBreach

    model = SCREENS[viewset] or KnowledgeTransferBreach
    assert maintainer.get(reverse(f"{viewset}:index")).status_code == 200
    assert maintainer.get(reverse(f"{viewset}:add")).status_code == 200
    obj = model.objects.order_by("pk").first()
    assert obj is not None, "the demo world has one of each"
    for action in ("edit", "inspect", "delete", "history"):
        response = maintainer.get(reverse(f"{viewset}:{action}", args=[obj.pk]))
        assert response.status_code == 200, (action, response.status_code)
    report = maintainer.get(reverse("policies_sanctions_report"))
    assert report.status_code == 200


def test_a_policy_page_is_made_in_the_page_editor(maintainer, login, partners, no_monitoring):
    from wagtail.test.utils.form_data import rich_text

    from policies.models import PolicyIndexPage, PolicyPage

    decision = Decision.objects.create(title="D", proposal="P", working_group_date=TODAY)
    for slug in ("helsinki", "espoo", "vantaa"):
        WorkingGroupVote.objects.create(decision=decision, organisation=partners[slug], vote="for")
    index = PolicyIndexPage.objects.get(locale__language_code="fi")
    url = reverse("wagtailadmin_pages:add", args=["policies", "policypage", index.pk])
    assert maintainer.get(url).status_code == 200
    data = {
        "title": "Toimittajan oma linjaus",
        "slug": "toimittajan-oma-linjaus",
        "summary": "Lyhyesti.",
        "body": rich_text("<p>Linjauksen teksti.</p>"),
        "scope": "catalogue",
        "decision": decision.pk,
        "decided_by": "",
        "decision_date": "",
        "status": "valid",
        "superseded_by": "",
        "action-publish": "publish",
        "comments-TOTAL_FORMS": "0",
        "comments-INITIAL_FORMS": "0",
        "comments-MIN_NUM_FORMS": "0",
        "comments-MAX_NUM_FORMS": "1000",
    }
    response = maintainer.post(url, data)
    assert response.status_code == 302, response.context["form"].errors
    page = PolicyPage.objects.get(slug="toimittajan-oma-linjaus")
    assert page.live and page.decided_by == "working_group" and page.decision_date == TODAY
    # A partner's user cannot add policies.
    assert login("helsinki-main").get(url).status_code in (302, 403)
