"""The policies' query fields: a list and one policy, locale-aware."""

import graphene

from cms.api.pages import (
    LocaleCode,
    check_paging,
    page_by_id_or_slug,
    paginate,
    paging_arguments,
    public_pages,
)
from cms.api.selection import selected

from ..models import PolicyPage
from .enums import PolicyScopeEnum, PolicyStatusEnum
from .loaders import POLICY_QUERIES
from .types import Policy, PolicyResults


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
        **paging_arguments(),
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
        check_paging(limit, offset)
        queryset = public_pages(info, PolicyPage, locale, fallback)
        if status is not None:
            queryset = queryset.filter(status=getattr(status, "value", status))
        if scope is not None:
            queryset = queryset.filter(scope=getattr(scope, "value", scope))
        queryset = queryset.order_by("-decision_date", "title", "pk")
        total = queryset.count()
        queryset = POLICY_QUERIES(queryset, selected(info, "items"))
        return paginate(queryset, locale, limit, offset, total)

    def resolve_policy(self, info, locale, fallback, id=None, slug=None):
        fields = selected(info)
        return page_by_id_or_slug(
            info,
            PolicyPage,
            locale,
            id=id,
            slug=slug,
            fallback=fallback,
            optimise=lambda queryset: POLICY_QUERIES(queryset, fields),
        )
