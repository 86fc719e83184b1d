"""The `Policy` type and the summary of the decision behind it."""

import graphene
from django.utils import translation

from cms.api.context import node_resolver, request_cache
from cms.api.pages import localised_page_fields, results_type
from cms.api.rich_text import api_rich_text, prefetch_links

from .. import rules
from ..models import PolicyScope, voting_partners
from . import loaders
from .enums import DecidingBodyEnum, DecisionOutcomeEnum, PolicyScopeEnum, PolicyStatusEnum


class VoteRound(graphene.ObjectType):
    """One body's vote: the cost shares (%) for the proposal against the total voting power
    (every partner's share, absent ones included). 2/3 of the total passes."""

    date = graphene.Date()
    for_share = graphene.Decimal(required=True)
    total_share = graphene.Decimal(required=True)
    threshold = graphene.Decimal(required=True, description="2/3 of the total (rounded up).")
    passed = graphene.Boolean(required=True)


def _round(tally, date):
    if tally is None:
        return None
    return VoteRound(
        date=date,
        for_share=tally.for_share,
        total_share=tally.total,
        threshold=tally.threshold,
        passed=tally.passed,
    )


class PolicyDecision(graphene.ObjectType):
    title = graphene.String(required=True)
    outcome = graphene.Field(DecisionOutcomeEnum, required=True)
    working_group = graphene.Field(VoteRound)
    steering_group = graphene.Field(VoteRound, description="Only when escalated.")


def _partners(info):
    cache = request_cache(info)
    if "policy_partners" not in cache:
        cache["policy_partners"] = voting_partners()
    return cache["policy_partners"]


def decision_summary(info, decision):
    if decision is None:
        return None
    tallies = decision.tallies(_partners(info))
    wg, sg = tallies[rules.WORKING_GROUP], tallies[rules.STEERING_GROUP]
    return PolicyDecision(
        title=decision.title,
        outcome=decision.outcome_of(tallies),
        working_group=_round(wg, decision.working_group_date),
        steering_group=_round(sg, decision.steering_group_date),
    )


class Policy(localised_page_fields("policy"), graphene.ObjectType):
    """A service policy (linjaus), in the requested locale (or Finnish, see `isFallback`)."""

    class Meta:
        default_resolver = node_resolver

    summary = graphene.String(required=True)
    body = graphene.String(required=True, description="HTML")
    scope = graphene.Field(PolicyScopeEnum, required=True)
    scope_label = graphene.String(required=True, description="The scope in the locale.")
    decided_by = graphene.Field(DecidingBodyEnum)
    decision_date = graphene.Date()
    status = graphene.Field(PolicyStatusEnum, required=True)
    successor = graphene.Field(
        lambda: Policy, description="The policy that supersedes this one, in the same locale."
    )
    decision = graphene.Field(PolicyDecision)
    first_published_at = graphene.DateTime()
    last_published_at = graphene.DateTime()

    def resolve_body(root, info):
        root.batch.load("links:body", lambda rows: prefetch_links(info, [r.body for r in rows]))
        return api_rich_text(info, root.node.body)

    def resolve_scope_label(root, info):
        with translation.override(root.locale):
            return str(PolicyScope(root.node.scope).label)

    def resolve_decided_by(root, info):
        return root.node.decided_by or None

    def resolve_successor(root, info):
        found = root.batch.load(
            "policy_successors", lambda rows: loaders.successors(info, rows, root.locale)
        )
        return found.get(root.node.pk)

    def resolve_decision(root, info):
        return decision_summary(info, root.node.decision)


PolicyResults = results_type("PolicyResults", Policy)
