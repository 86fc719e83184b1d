"""The decision form's live result: the weighted outcome while the votes are entered.

The page's script (`policies/static/policies/decision_live_result.js`) posts the form as it
stands to `decision_live_result`, which builds an unsaved `Decision` with the votes in the
form and asks it for its tallies and outcome: the same model methods and `policies.rules`
functions the list's Outcome column and the decision page use, so the figures cannot
differ. Nothing is saved. The form's first render shows the same figures (`live_result`).
"""

import datetime as dt
from decimal import Decimal

from django.core.exceptions import PermissionDenied
from django.http import JsonResponse
from django.shortcuts import get_object_or_404
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from . import rules
from .access import MonitoringPermissionPolicy
from .models import Decision, Outcome, SteeringGroupVote, WorkingGroupVote, voting_partners

ROUNDS = (
    (rules.WORKING_GROUP, "working_group_votes", WorkingGroupVote),
    (rules.STEERING_GROUP, "steering_group_votes", SteeringGroupVote),
)
MAX_ROWS = 100  # a forged TOTAL_FORMS does not make the view loop for long
FALSE = ("", "0", "false", "False", "off")


def live_result_config() -> dict:
    """What the form's template needs for the script: the endpoint."""
    return {"url": reverse("decisions:live_result")}


def _date(value) -> dt.date | None:
    try:
        return dt.date.fromisoformat(str(value or "").strip())
    except ValueError:
        return None


def decision_from_form(data, instance: Decision | None = None, partners=None) -> Decision:
    """An unsaved decision with the kind, dates and votes of the posted form. A row keeps
    the share stored with it (an edited decision's recorded vote), else the partner's
    current share, as saving would. Rows deleted, incomplete, of an unknown partner or a
    second row of the same partner are left out."""
    partners = partners if partners is not None else voting_partners()
    by_id = {org.pk: org for org in partners}
    kind = data.get("kind") or rules.POLICY
    decision = Decision(
        kind=kind if kind in rules.DECISION_KINDS else rules.POLICY,
        working_group_date=_date(data.get("working_group_date")),
        steering_group_date=_date(data.get("steering_group_date")),
    )
    for _body, relation, model in ROUNDS:
        stored = {v.pk: v for v in getattr(instance, relation).all()} if instance else {}
        try:
            total = min(int(data.get(f"{relation}-TOTAL_FORMS") or 0), MAX_ROWS)
        except ValueError:
            total = 0
        rows, seen = [], set()
        for i in range(total):
            prefix = f"{relation}-{i}-"
            if data.get(prefix + "DELETE", "") not in FALSE:
                continue
            try:
                org = by_id.get(int(data.get(prefix + "organisation") or 0))
            except ValueError:
                org = None
            vote = data.get(prefix + "vote")
            if org is None or vote not in rules.VOTES or org.pk in seen:
                continue
            seen.add(org.pk)
            row_id = str(data.get(prefix + "id") or "")
            old = stored.get(int(row_id)) if row_id.isdigit() else None
            share = (
                old.share
                if old is not None and old.organisation_id == org.pk and old.share is not None
                else org.cost_share or Decimal(0)
            )
            rows.append(model(organisation=org, vote=vote, share=share))
        setattr(decision, relation, rows)
    decision._partners = partners
    return decision


def live_result(decision: Decision) -> dict:
    """The figures of each round with votes and the outcome, as shown and as JSON."""
    tallies = decision.tallies()
    outcome = decision.outcome_of(tallies)
    rounds = []
    for body, label in (
        (rules.WORKING_GROUP, _("Working group")),
        (rules.STEERING_GROUP, _("Steering group")),
    ):
        tally = tallies[body]
        if tally is None:
            continue
        values = {"for_share": tally.for_share, "total": tally.total, "threshold": tally.threshold}
        figures = {k: f"{v:.2f}" for k, v in values.items()}  # the JSON's: a dot, two decimals
        shown = {k: number_format(v, 2) for k, v in values.items()}  # 71,52 in fi and sv
        if tally.passed:
            summary = _("Passed: %(for_share)s ≥ 2/3 × %(total)s = %(threshold)s.") % shown
        else:
            summary = _("Not passed: %(for_share)s < 2/3 × %(total)s = %(threshold)s.") % shown
        rounds.append(
            {
                "body": body,
                "label": label,
                "shown": shown,
                **figures,
                "against_share": f"{tally.against_share:.2f}",
                "abstain_share": f"{tally.abstain_share:.2f}",
                "absent_share": f"{tally.absent_share:.2f}",
                "passed": tally.passed,
                "summary": summary,
            }
        )
    warning = ""
    if decision.steering_group_only and tallies[rules.WORKING_GROUP] is not None:
        if tallies[rules.WORKING_GROUP].for_share or any(
            v.vote in (rules.AGAINST, rules.ABSTAIN) for v in decision.working_group_votes.all()
        ):
            warning = _(
                "Only the steering group decides this matter: the working group's votes do "
                "not count and cannot be saved."
            )
    if decision.steering_group_only and outcome == Outcome.UNRESOLVED:
        outcome_label = _("Not passed by the steering group")
    else:
        outcome_label = str(Outcome(outcome).label)
    return {
        "kind": decision.kind,
        "steering_group_only": decision.steering_group_only,
        "outcome": outcome,
        "outcome_label": outcome_label,
        "rounds": rounds,
        "warning": warning,
    }


def render_live_result(result: dict) -> str:
    return render_to_string("policies/includes/decision_live_result.html", {"result": result})


def _policy():
    return MonitoringPermissionPolicy(Decision, None)


@require_POST
def decision_live_result(request):
    """POST the decision form (as it stands): JSON with the figures and their HTML."""
    policy = _policy()
    if not policy.user_has_any_permission(request.user, ["add", "change"]):
        raise PermissionDenied
    instance = None
    pk = request.POST.get("decision")
    if pk:
        if not str(pk).isdigit():
            raise PermissionDenied
        instance = get_object_or_404(
            policy.instances_user_has_any_permission_for(request.user, ["change"]), pk=pk
        )
    result = live_result(decision_from_form(request.POST, instance))
    return JsonResponse({**result, "html": render_live_result(result)})
