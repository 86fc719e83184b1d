"""The decision form's live result: the endpoint's figures are the Python rule's, on the
form as it stands; the form's first render shows the same; only maintainers may ask."""

import datetime as dt
from decimal import Decimal

import pytest
from django.urls import reverse
from wagtail.test.utils.form_data import inline_formset, nested_form_data

from cms.models import Organisation
from policies import rules
from policies.models import Decision, WorkingGroupVote

pytestmark = pytest.mark.django_db
ANSWERS = {"helsinki": "for", "espoo": "for", "vantaa": "against", "kerava": "abstain"}


def form(partners, wg, sg=None, kind="policy", ids=None):
    ids = ids or {}
    return nested_form_data(
        {
            "title": "Selkokieli",
            "kind": kind,
            "proposal": "…",
            "working_group_date": "2026-03-11",
            "steering_group_date": "2026-04-16" if sg else "",
            "notes": "",
            "working_group_votes": inline_formset(
                [
                    {"organisation": partners[s].pk, "vote": v, "id": ids.get(s, "")}
                    for s, v in wg.items()
                ],
                initial=len(ids),
            ),
            "steering_group_votes": inline_formset(
                [{"organisation": partners[s].pk, "vote": v} for s, v in (sg or {}).items()]
            ),
        }
    )


@pytest.fixture
def maintainer(login):
    return login("yllapito-maintainer")


def test_the_figures_are_the_rules_figures(maintainer, partners, no_monitoring):
    response = maintainer.post(reverse("decisions:live_result"), form(partners, ANSWERS))
    assert response.status_code == 200
    result = response.json()
    # The rule itself, on the shares (Raasepori, not in the form, is absent).
    expected = rules.tally(
        [(partners[s].cost_share, ANSWERS.get(s, rules.ABSENT)) for s in partners]
    )
    (round_,) = result["rounds"]
    assert round_["body"] == "working_group"
    assert (
        (round_["for_share"], round_["total"], round_["threshold"])
        == (
            f"{expected.for_share:.2f}",
            f"{expected.total:.2f}",
            f"{expected.threshold:.2f}",
        )
        == ("71.52", "100.00", "66.67")
    )
    assert round_["passed"] is expected.passed is True
    assert result["outcome"] == rules.DECIDED_BY_WORKING_GROUP
    assert round_["summary"] == "Passed: 71.52 ≥ 2/3 × 100.00 = 66.67."
    assert round_["summary"] in result["html"]
    assert not Decision.objects.exists()  # nothing saved
    # Saving the same form gives the same tally.
    maintainer.post(reverse("decisions:add"), form(partners, ANSWERS))
    saved = Decision.objects.get().tally(rules.WORKING_GROUP)
    assert (saved.for_share, saved.total, saved.passed) == (
        expected.for_share,
        expected.total,
        expected.passed,
    )


def test_just_under_two_thirds_escalates_and_the_steering_group_decides(
    maintainer, partners, no_monitoring
):
    wg = {"helsinki": "for", "vantaa": "for", "kerava": "for", "espoo": "against"}  # 65.87
    sg = {"helsinki": "for", "espoo": "for"}  # 71.52
    result = maintainer.post(reverse("decisions:live_result"), form(partners, wg)).json()
    assert result["rounds"][0]["for_share"] == "65.87" and not result["rounds"][0]["passed"]
    assert result["outcome"] == rules.ESCALATED
    assert result["rounds"][0]["summary"] == "Not passed: 65.87 < 2/3 × 100.00 = 66.67."
    assert "Not passed: 65.87 &lt; 2/3 × 100.00 = 66.67." in result["html"]  # escaped
    result = maintainer.post(reverse("decisions:live_result"), form(partners, wg, sg)).json()
    assert [r["for_share"] for r in result["rounds"]] == ["65.87", "71.52"]
    assert result["outcome"] == rules.DECIDED_BY_STEERING_GROUP


def test_a_steering_group_matter_warns_about_working_group_votes(
    maintainer, partners, no_monitoring
):
    result = maintainer.post(
        reverse("decisions:live_result"), form(partners, ANSWERS, kind=rules.NEW_PARTNER)
    ).json()
    assert result["steering_group_only"] and result["outcome"] == rules.PENDING
    assert "Only the steering group decides" in result["warning"]


def test_an_edited_decision_keeps_its_recorded_shares(maintainer, partners, no_monitoring):
    decision = Decision.objects.create(
        title="T", proposal="P", working_group_date=dt.date(2026, 3, 11)
    )
    rows = {
        slug: WorkingGroupVote.objects.create(
            decision=decision, organisation=partners[slug], vote=v
        )
        for slug, v in ANSWERS.items()
    }
    Organisation.objects.filter(slug="kerava").update(cost_share=Decimal("30.00"))
    data = form(partners, {**ANSWERS, "kerava": "for"}, ids={s: r.pk for s, r in rows.items()})
    data["decision"] = decision.pk
    result = maintainer.post(reverse("decisions:live_result"), data).json()
    # Kerava's stored 5.04 counts, not its new 30.00; Raasepori (absent) has no row: its
    # current share (2.08).
    assert result["rounds"][0]["for_share"] == "76.56"
    assert result["rounds"][0]["total"] == "100.00"
    # The edit form's first render shows the saved decision's figures and loads the script.
    page = maintainer.get(reverse("decisions:edit", args=[decision.pk])).content.decode()
    assert 'id="decision-live-result"' in page
    assert f'data-url="{reverse("decisions:live_result")}"' in page
    assert f'data-decision="{decision.pk}"' in page
    assert "policies/decision_live_result.js" in page
    assert "Passed: 71.52 ≥ 2/3 × 100.00 = 66.67." in page


def test_only_maintainers_ask_and_forged_ids_are_refused(login, partners, no_monitoring):
    url = reverse("decisions:live_result")
    producer = login("helsinki-producer")
    # Wagtail answers a refused admin request with a redirect home, or 403 to a script.
    response = producer.post(url, form(partners, ANSWERS))
    assert response.status_code == 302 and response.url == reverse("wagtailadmin_home")
    response = producer.post(url, form(partners, ANSWERS), HTTP_X_REQUESTED_WITH="XMLHttpRequest")
    assert response.status_code == 403
    maintainer = login("yllapito-maintainer")
    assert maintainer.get(url).status_code == 405
    data = form(partners, ANSWERS)
    data["decision"] = "1 OR 1=1"
    assert maintainer.post(url, data).status_code == 302  # refused (PermissionDenied)
    data["decision"] = "999999"
    assert maintainer.post(url, data).status_code == 404
    # A forged row count and unknown partners are ignored, not looped over or counted.
    data = form(partners, {"helsinki": "for"})
    data["working_group_votes-TOTAL_FORMS"] = "100000000"
    data["working_group_votes-1-organisation"] = "999999"
    data["working_group_votes-1-vote"] = "for"
    result = maintainer.post(url, data).json()
    assert result["rounds"][0]["for_share"] == "39.47"
