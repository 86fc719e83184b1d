"""The service policies (linjaukset) in GraphQL: a list and one policy, locale-aware.

Only live, public policy pages are returned (`public_filter`, as for services). A policy not
translated into the requested locale comes in Finnish with `isFallback: true`. The decision
behind a policy is summarised (dates, deciding body, the shares for and the total) without
per-partner votes. A list runs a constant number of queries whatever its length.
"""

import graphene
from django.conf import settings
from django.db.models import Case, Q, When

from cms.api.access import locale_for, public_filter
from cms.api.loaders import attach_batch, batch_of, request_cache
from cms.api.rich_text import api_rich_text, prefetch_links
from cms.ids import parse_id
from cms.models import Organisation
from graphql import GraphQLError
from services.schema import LocaleCode, selected

from . import rules
from .models import DecidingBody, PolicyPage, PolicyScope, PolicyStatus

SOURCE_LOCALE = settings.LANGUAGE_CODE
MAX_LIMIT = 100
DEFAULT_LIMIT = 20
MAX_OFFSET = 100_000


def choices_enum(name, choices, description):
    """A GraphQL enum of a model's choices, lower-case like the stored values."""
    return graphene.Enum(
        name, [(value, value) for value in choices.values], description=description
    )


PolicyStatusEnum = choices_enum(
    "PolicyStatus", PolicyStatus, "valid, or superseded by another policy (see `successor`)."
)
PolicyScopeEnum = choices_enum("PolicyScope", PolicyScope, "What the policy covers.")
DecidingBodyEnum = choices_enum(
    "DecidingBody", DecidingBody, "The working group, or the steering group when escalated."
)
DecisionOutcomeEnum = graphene.Enum(
    "DecisionOutcome",
    [
        (value, value)
        for value in (
            rules.PENDING,
            rules.DECIDED_BY_WORKING_GROUP,
            rules.ESCALATED,
            rules.DECIDED_BY_STEERING_GROUP,
            rules.UNRESOLVED,
        )
    ],
    description="working_group / steering_group: decided there; escalated: the working group "
    "did not reach 2/3; unresolved: nor did the steering group.",
)


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
        cache["policy_partners"] = list(
            Organisation.objects.municipalities().filter(is_active=True)
        )
    return cache["policy_partners"]


def decision_summary(info, decision):
    if decision is None:
        return None
    tallies = decision.tallies(_partners(info))
    wg, sg = tallies[rules.WORKING_GROUP], tallies[rules.STEERING_GROUP]
    return PolicyDecision(
        title=decision.title,
        outcome=rules.decision_outcome(wg, sg),
        working_group=_round(wg, decision.working_group_date),
        steering_group=_round(sg, decision.steering_group_date),
    )


class Policy(graphene.ObjectType):
    """A service policy (linjaus), in the requested locale (or Finnish, see `isFallback`)."""

    id = graphene.ID(required=True)
    slug = graphene.String(required=True)
    title = graphene.String(required=True)
    locale = graphene.Field(LocaleCode, required=True)
    is_fallback = graphene.Boolean(
        required=True,
        description="True when the policy has no translation in the requested locale and "
        "this is the Finnish version.",
    )
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

    def resolve_locale(page, info):
        return page._api_page_locale

    def resolve_is_fallback(page, info):
        return page._api_page_locale != page._api_locale

    def resolve_body(page, info):
        batch_of(page).load("links:body", lambda rows: prefetch_links(info, [r.body for r in rows]))
        return api_rich_text(info, page.body)

    def resolve_scope(page, info):
        return page.scope

    def resolve_scope_label(page, info):
        from django.utils import translation

        with translation.override(page._api_locale):
            return str(PolicyScope(page.scope).label)

    def resolve_decided_by(page, info):
        return page.decided_by or None

    def resolve_status(page, info):
        return page.status

    def resolve_successor(page, info):
        successors = batch_of(page).load(
            "policy_successors", lambda rows: _successors(info, rows, page._api_locale)
        )
        return successors.get(page.pk)

    def resolve_decision(page, info):
        return decision_summary(info, page.decision)


class PolicyResults(graphene.ObjectType):
    total_count = graphene.Int(required=True)
    limit = graphene.Int(required=True)
    offset = graphene.Int(required=True)
    items = graphene.List(graphene.NonNull(Policy), required=True)


def mark(page, requested_code):
    page._api_locale = requested_code
    page._api_page_locale = page.locale.language_code
    return page


def public_policies(info, code, fallback=True):
    """Live, public policies in a locale; with `fallback`, the Finnish version of those not
    translated into it."""
    locale = locale_for(info, code)
    base = public_filter(info, PolicyPage.objects.all())
    if code == SOURCE_LOCALE or not fallback:
        return base.filter(locale=locale)
    source = locale_for(info, SOURCE_LOCALE)
    translated = base.filter(locale=locale).values("translation_key")
    return base.filter(Q(locale=locale) | (Q(locale=source) & ~Q(translation_key__in=translated)))


def optimise(queryset, fields):
    queryset = queryset.select_related("locale")
    if "decision" in fields:
        queryset = queryset.select_related("decision").prefetch_related(
            "decision__working_group_votes__organisation",
            "decision__steering_group_votes__organisation",
        )
    return queryset


def _successors(info, rows, code):
    """{page pk: its successor in the locale (else Finnish)}, published only; one query."""
    wanted = {row.pk: row.superseded_by_id for row in rows if row.superseded_by_id}
    if not wanted:
        return {}
    keys = dict(
        PolicyPage.objects.filter(pk__in=set(wanted.values())).values_list("pk", "translation_key")
    )
    candidates = optimise(
        public_filter(info, PolicyPage.objects.filter(translation_key__in=set(keys.values()))),
        {"decision"},
    ).filter(locale__language_code__in={code, SOURCE_LOCALE})
    by_key = {}
    for page in candidates:
        current = by_key.get(page.translation_key)
        if current is None or page.locale.language_code == code:
            by_key[page.translation_key] = page
    result = {}
    for pk, successor_pk in wanted.items():
        page = by_key.get(keys.get(successor_pk))
        if page is not None:
            result[pk] = mark(page, code)
    attach_batch(list(result.values()))
    return result


class PolicyQuery(graphene.ObjectType):
    policies = graphene.Field(
        PolicyResults,
        required=True,
        locale=LocaleCode(default_value="fi"),
        fallback=graphene.Boolean(
            default_value=True,
            description="Include the Finnish version of policies not translated into the locale.",
        ),
        status=graphene.Argument(PolicyStatusEnum),
        scope=graphene.Argument(PolicyScopeEnum),
        limit=graphene.Int(default_value=DEFAULT_LIMIT, description=f"1–{MAX_LIMIT}"),
        offset=graphene.Int(default_value=0),
        description="Published service policies (Palvelulinjaukset), newest decision first.",
    )
    policy = graphene.Field(
        Policy,
        id=graphene.ID(),
        slug=graphene.String(),
        locale=LocaleCode(default_value="fi"),
        fallback=graphene.Boolean(default_value=True),
        description="One published policy by id or slug, in the locale (see `isFallback`).",
    )

    def resolve_policies(self, info, locale, fallback, limit, offset, status=None, scope=None):
        if not 1 <= limit <= MAX_LIMIT:
            raise GraphQLError(f"limit must be between 1 and {MAX_LIMIT}.")
        if not 0 <= offset <= MAX_OFFSET:
            raise GraphQLError(f"offset must be between 0 and {MAX_OFFSET}.")
        code = getattr(locale, "value", locale)
        queryset = public_policies(info, code, fallback)
        if status is not None:
            queryset = queryset.filter(status=getattr(status, "value", status))
        if scope is not None:
            queryset = queryset.filter(scope=getattr(scope, "value", scope))
        queryset = queryset.order_by("-decision_date", "title", "pk")
        total = queryset.count()
        pages = list(optimise(queryset, selected(info, "items"))[offset : offset + limit])
        for page in pages:
            mark(page, code)
        return PolicyResults(
            total_count=total, limit=limit, offset=offset, items=attach_batch(pages)
        )

    def resolve_policy(self, info, locale, fallback, id=None, slug=None):
        if (id is None) == (slug is None):
            raise GraphQLError("Give either id or slug.")
        code = getattr(locale, "value", locale)
        base = public_filter(info, PolicyPage.objects.all())
        if id is not None:
            pk = parse_id(id)
            if pk is None:
                raise GraphQLError("id must be a number.")
            found = base.filter(pk=pk).values_list("translation_key", flat=True).first()
        else:
            found = (
                base.filter(slug=slug)
                .order_by(Case(When(locale__language_code=code, then=0), default=1))
                .values_list("translation_key", flat=True)
                .first()
            )
        if found is None:
            return None
        codes = [code] + ([SOURCE_LOCALE] if fallback and code != SOURCE_LOCALE else [])
        pages = list(
            optimise(
                base.filter(translation_key=found, locale__language_code__in=codes),
                selected(info),
            )
        )
        pages.sort(key=lambda p: codes.index(p.locale.language_code))
        if not pages:
            return None
        page = mark(pages[0], code)
        attach_batch([page])
        return page


__all__ = ["Policy", "PolicyQuery"]
