"""The catalogue's query fields: services (listed, one, previewed), terms, organisations
and contacts. Every page comes through the core (cms/api/pages.py): live, public, in the
requested locale or, with `fallback`, in Finnish."""

import graphene
from django.conf import settings
from django.core import signing

from cms.api.context import Localised, localise
from cms.api.errors import bad_input
from cms.api.pages import (
    DEFAULT_LIMIT,
    SOURCE_LOCALE,
    LocaleCode,
    check_paging,
    locale_code,
    page_by_id_or_slug,
    paginate,
    paging_arguments,
    public_page_count,
    public_pages,
)
from cms.api.selection import selected
from cms.models import Organisation

from ..models import Contact, ContactVisibility, ServicePage
from .enums import VOCABULARY_MODELS, ServiceOrder, Vocabulary
from .facets import FacetSource
from .filters import ServiceFilter, apply_filter
from .optimise import optimise
from .search import ids_are_the_list, rank_by, search_ids
from .service import Service, ServiceResults
from .terms import Term, as_term
from .types import ContactType, OrganisationType, contacts_in


def services_page(
    info,
    locale,
    filter=None,
    search=None,
    order_by=None,
    limit=DEFAULT_LIMIT,
    offset=0,
    fallback=True,
):
    """One page of the `services` list: filtered, searched, ordered."""
    check_paging(limit, offset)
    code = locale_code(locale)
    queryset = public_pages(info, ServicePage, code, fallback)
    order = getattr(order_by, "value", order_by) or ("relevance" if search else "title")
    suggestion = None
    if search:  # "" (an empty search box) is the catalogue, as without `search`
        found = search_ids(info, search, code)
        ids, suggestion = found.ids, found.suggestion
        queryset = queryset.filter(pk__in=ids)
        if order == "relevance":
            queryset = queryset.alias(_rank=rank_by(ids)).order_by("_rank", "pk")
    elif order == "relevance":
        order = "title"
    if order != "relevance":
        queryset = queryset.order_by(order, "pk")
    searched = queryset  # the facets count it with the filter (services/api/facets.py)
    queryset = apply_filter(queryset, filter)
    window = offset
    if (
        search
        and order == "relevance"
        and not filter
        and (code == SOURCE_LOCALE or fallback)
        and ids_are_the_list()
    ):
        # The engine's ids are the list: the index holds what public_pages lists in the
        # locale (services/search_index.py). Count them, and read only the page's rows
        # (still through public_pages, so a row the index has not yet dropped is left out).
        total = len(ids)
        page_ids = ids[offset : offset + limit]
        queryset = public_pages(info, ServicePage, code, fallback).filter(pk__in=page_ids)
        queryset = queryset.alias(_rank=rank_by(page_ids)).order_by("_rank", "pk")
        window = 0
    elif not filter and not search and (code == SOURCE_LOCALE or not fallback):
        # The plain catalogue: count pages, not the page ⋈ service join.
        total = public_page_count(info, ServicePage, code)
    else:
        total = queryset.count()
    queryset = optimise(info, queryset, selected(info, "items"))
    page = paginate(queryset, code, limit, window, total)
    page.offset = offset
    page.facets = FacetSource(info, searched, filter, code)  # read only when selected
    page.suggestion = suggestion
    return page


def preview_page(info, token, locale):
    """The unsaved page of a preview token (wagtail-headless-preview), once it is checked."""
    try:
        signing.TimestampSigner(salt="headlesspreview.token").unsign(
            token, max_age=settings.PREVIEW_TOKEN_MAX_AGE
        )
    except signing.SignatureExpired:
        raise bad_input("The preview token has expired: preview again.", "token") from None
    except signing.BadSignature:
        raise bad_input("Invalid preview token.", "token") from None
    page = ServicePage.get_page_from_preview_token(token)
    if page is None:
        raise bad_input("Invalid preview token.", "token")
    return localise([page], locale_code(locale), preview=True)[0]


class CatalogueQuery(graphene.ObjectType):
    services = graphene.Field(
        ServiceResults,
        required=True,
        locale=LocaleCode(default_value="fi"),
        fallback=graphene.Boolean(
            default_value=True,
            description="Include the Finnish version of services not translated into the locale.",
        ),
        filter=ServiceFilter(),
        search=graphene.String(
            description="Full-text search (fi, sv, en analysis, any word may match, ranked by "
            "words matched and relevance): up to 200 characters, no control characters; a "
            'text without a searchable word (punctuation, one letter) finds nothing; "" is the '
            "list without search."
        ),
        order_by=ServiceOrder(),
        **paging_arguments(),
        description="Published services, filtered, searched and paginated.",
    )
    service = graphene.Field(
        Service,
        id=graphene.ID(),
        slug=graphene.String(),
        locale=LocaleCode(default_value="fi"),
        fallback=graphene.Boolean(default_value=True),
        description="One published service by id or slug, in the locale (see `isFallback`).",
    )
    service_preview = graphene.Field(
        Service,
        token=graphene.String(required=True),
        locale=LocaleCode(default_value="fi"),
        description="Unsaved content an editor is previewing (the `token` of the preview URL). "
        "Tokens expire; internal information still needs a municipal user.",
    )
    terms = graphene.List(
        graphene.NonNull(Term),
        required=True,
        vocabulary=graphene.Argument(Vocabulary, required=True),
        locale=LocaleCode(default_value="fi"),
        description="The terms of a vocabulary, labelled in the locale.",
    )
    organisations = graphene.List(
        graphene.NonNull(OrganisationType),
        required=True,
        kind=graphene.String(description="municipality, provider or project"),
        locale=LocaleCode(default_value="fi"),
    )
    contacts = graphene.List(
        graphene.NonNull(ContactType),
        required=True,
        organisation=graphene.String(description="Organisation slug."),
        locale=LocaleCode(default_value="fi"),
        description="Public contacts.",
    )

    def resolve_services(
        self, info, locale, fallback, limit, offset, filter=None, search=None, order_by=None
    ):
        return services_page(info, locale, filter, search, order_by, limit, offset, fallback)

    def resolve_service(self, info, locale, fallback, id=None, slug=None):
        fields = selected(info)
        return page_by_id_or_slug(
            info,
            ServicePage,
            locale,
            id=id,
            slug=slug,
            fallback=fallback,
            optimise=lambda queryset: optimise(info, queryset, fields),
        )

    def resolve_service_preview(self, info, token, locale):
        return preview_page(info, token, locale)

    def resolve_terms(self, info, vocabulary, locale):
        code = locale_code(locale)
        model = VOCABULARY_MODELS[getattr(vocabulary, "value", vocabulary)]
        terms = model.objects.filter(locale__language_code=code)
        if not terms.exists() and code != SOURCE_LOCALE:
            terms = model.objects.filter(locale__language_code=SOURCE_LOCALE)
        return [as_term(t) for t in terms.order_by("sort_order", "name")]

    def resolve_organisations(self, info, locale, kind=None):
        organisations = Organisation.objects.filter(is_active=True).order_by("name")
        if kind:
            organisations = organisations.filter(kind=kind)
        code = locale_code(locale)
        return [Localised(org, code) for org in organisations]

    def resolve_contacts(self, info, locale, organisation=None):
        code = locale_code(locale)
        contacts = (
            Contact.objects.filter(visibility=ContactVisibility.PUBLIC, locale__language_code=code)
            .select_related("organisation")
            .order_by("name")
        )
        if organisation:
            contacts = contacts.filter(organisation__slug=organisation)
        return contacts_in(contacts, code)
