"""The content pages' query fields: a list and one page, locale-aware."""

import graphene
from django.db.models import Case, IntegerField, Value, When

from cms.api.errors import bad_input
from cms.api.pages import (
    LocaleCode,
    check_paging,
    page_by_id_or_slug,
    paginate,
    paging_arguments,
    public_pages,
)
from cms.api.selection import selected

from ..models import KIND_ORDER, ContentPage
from .enums import ContentKindEnum, ContentOrder
from .loaders import CONTENT_QUERIES
from .types import ContentPageResults, ContentPageType

KIND_RANK = Case(
    *(When(kind=kind.value, then=Value(rank)) for rank, kind in enumerate(KIND_ORDER)),
    default=Value(len(KIND_ORDER)),
    output_field=IntegerField(),
)


def _value(member):
    return getattr(member, "value", member)


class ContentQuery(graphene.ObjectType):
    content_pages = graphene.Field(
        ContentPageResults,
        required=True,
        locale=LocaleCode(default_value="fi"),
        fallback=graphene.Boolean(
            default_value=True,
            description="Include the Finnish version of pages not translated into the locale.",
        ),
        kind=graphene.List(
            graphene.NonNull(ContentKindEnum), description="Only pages of these kinds."
        ),
        organisation=graphene.String(description="Only the pages of this organisation (slug)."),
        in_menu=graphene.Boolean(description="Only the pages placed (or not) in the menu."),
        in_footer=graphene.Boolean(description="Only the pages placed (or not) in the footer."),
        order_by=graphene.Argument(ContentOrder, default_value=ContentOrder.KIND.value),
        **paging_arguments(),
        description="Published content pages: help, news and bulletins, privacy notices, the "
        "accessibility statement, about.",
    )
    content_page = graphene.Field(
        ContentPageType,
        id=graphene.ID(),
        slug=graphene.String(),
        locale=LocaleCode(default_value="fi"),
        fallback=graphene.Boolean(default_value=True),
        description="One published content page by id or slug, in the locale (see `isFallback`).",
    )

    def resolve_content_pages(
        self,
        info,
        locale,
        fallback,
        order_by,
        limit,
        offset,
        kind=None,
        organisation=None,
        in_menu=None,
        in_footer=None,
    ):
        check_paging(limit, offset)
        if kind is not None and not kind:
            raise bad_input("kind must name at least one kind (or be left out).", "kind")
        queryset = public_pages(info, ContentPage, locale, fallback)
        if kind:
            queryset = queryset.filter(kind__in={_value(k) for k in kind})
        if organisation is not None:
            queryset = queryset.filter(organisation__slug=organisation)
        if in_menu is not None:
            queryset = queryset.filter(show_in_menus=in_menu)
        if in_footer is not None:
            queryset = queryset.filter(show_in_footer=in_footer)
        if _value(order_by) == ContentOrder.NEWEST.value:
            queryset = queryset.order_by("-date", "title", "pk")
        else:
            queryset = queryset.alias(_kind=KIND_RANK).order_by("_kind", "title", "pk")
        total = queryset.count()
        queryset = CONTENT_QUERIES(queryset, selected(info, "items"))
        return paginate(queryset, locale, limit, offset, total)

    def resolve_content_page(self, info, locale, fallback, id=None, slug=None):
        fields = selected(info)
        return page_by_id_or_slug(
            info,
            ContentPage,
            locale,
            id=id,
            slug=slug,
            fallback=fallback,
            optimise=lambda queryset: CONTENT_QUERIES(queryset, fields),
        )
