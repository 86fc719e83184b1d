"""The `Service` type: a published service as the caller asked for it.

It resolves from `Localised` (cms/api/context.py): `root.node` is the page, `root.locale`
the requested locale, `root.batch` the list it came in (its loaders run once per list).
"""

import graphene
from django.utils import translation

from cms.api.access import can_view_internal
from cms.api.context import node_resolver
from cms.api.pages import localised_page_fields, results_type
from userlog.log import record

from ..models import ContactVisibility, Lifecycle
from ..models.pages import ResponsibilityBasis
from . import loaders
from .blocks import (
    DescriptionBlock,
    Resource,
    TimeAndPlace,
    description_blocks,
    resources,
    rich_field,
    time_and_place,
)
from .enums import LifecycleState
from .facets import ServiceFacets
from .internal import InternalInformation, internal_information
from .next_time import NextTime, next_time
from .optimise import prefetched
from .terms import Term, term_in
from .types import (
    ContactType,
    OrganisationType,
    ServiceLanguageType,
    Translation,
    contacts_in,
    organisation,
)


def _terms(relation):
    """A list of taxonomy terms, labelled in the requested locale."""

    def resolve(root, info):
        # Prefetched into a plain list (no manager and queryset clone per row); a preview
        # page has them in memory only.
        terms = getattr(root.node, prefetched(relation), None)
        if terms is None:
            terms = getattr(root.node, relation).all()
        return [term_in(info, t, root.locale) for t in terms]

    return graphene.List(graphene.NonNull(Term), required=True, resolver=resolve)


def _rich(column):
    return graphene.String(
        required=True,
        description="HTML",
        resolver=lambda root, info: rich_field(info, root, column),
    )


class Service(localised_page_fields("service"), graphene.ObjectType):
    """A published employment service, in the requested locale (or Finnish, see `isFallback`)."""

    class Meta:
        default_resolver = node_resolver

    short_description = graphene.String(required=True)
    service_category = graphene.Field(Term)
    audiences = _terms("audiences")
    client_situations = _terms("client_situations")
    target_groups = _terms("target_groups")
    target_group_description = _rich("target_group_description")
    employment_statuses = _terms("employment_statuses")
    all_working_age = graphene.Boolean(required=True)
    age_min = graphene.Int()
    age_max = graphene.Int()
    participating_municipalities = _terms("participating_municipalities")
    residence_irrelevant = graphene.Boolean(required=True)
    implementation_types = _terms("implementation_types")
    implementation_text = graphene.String(required=True)
    time_and_place = graphene.List(graphene.NonNull(TimeAndPlace), required=True)
    next_time = graphene.Field(
        NextTime,
        description="When and where it is next held, from `timeAndPlace` at request time "
        "(null when nothing is upcoming): a list's card needs no whole schedule.",
    )
    description = graphene.List(graphene.NonNull(DescriptionBlock), required=True)
    participation = _rich("participation")
    requirements = _rich("requirements")
    benefits = _rich("benefits")
    is_free = graphene.Boolean(required=True)
    price = graphene.Decimal()
    price_description = graphene.String(required=True)
    accessibility = _terms("accessibility")
    languages = graphene.List(graphene.NonNull(ServiceLanguageType), required=True)
    contacts = graphene.List(graphene.NonNull(ContactType), required=True)
    resources = graphene.List(graphene.NonNull(Resource), required=True)
    provider = graphene.Field(OrganisationType)
    responsible_municipality = graphene.Field(OrganisationType)
    responsibility_basis = graphene.String(
        required=True,
        description="Why the responsible municipality is responsible: regional, procurement, "
        "thematic or national (split by the working group); docs/responsibility.md.",
    )
    responsibility_basis_label = graphene.String(
        required=True, description="`responsibilityBasis` in the requested locale (Alueellinen)."
    )
    lifecycle = graphene.Field(LifecycleState, required=True)
    lifecycle_label = graphene.String(
        required=True, description="`lifecycle` in the requested locale (Julkaistu, Publicerad)."
    )
    first_published_at = graphene.DateTime()
    last_published_at = graphene.DateTime()
    verified_at = graphene.DateTime(description="When the update pair last confirmed it accurate.")
    translations = graphene.List(
        graphene.NonNull(Translation),
        required=True,
        description="The locales the service is published in.",
    )
    related_services = graphene.List(graphene.NonNull(lambda: Service), required=True)
    internal = graphene.Field(
        InternalInformation,
        description="Internal instructions: null unless the caller is a municipal user.",
    )
    is_favourite = graphene.Boolean(
        required=True,
        description="Whether the signed-in user has starred the service (in any of its "
        "translations); false for anonymous callers.",
    )

    def resolve_service_category(root, info):
        return term_in(info, root.node.service_category, root.locale)

    def resolve_time_and_place(root, info):
        return time_and_place(info, root)

    def resolve_next_time(root, info):
        return next_time(time_and_place(info, root))

    def resolve_description(root, info):
        return description_blocks(info, root)

    def resolve_languages(root, info):
        return [
            ServiceLanguageType(
                language=term_in(info, sl.language, root.locale),
                level=term_in(info, sl.level, root.locale),
            )
            for sl in root.node.languages.all()
        ]

    def resolve_contacts(root, info):
        public = ContactVisibility.PUBLIC
        return contacts_in(
            (c for c in root.node.public_contacts.all() if c.visibility == public), root.locale
        )

    def resolve_resources(root, info):
        return resources(info, root)

    def resolve_provider(root, info):
        return organisation(root.node.provider, root.locale)

    def resolve_responsible_municipality(root, info):
        return organisation(root.node.responsible_municipality, root.locale)

    def resolve_responsibility_basis_label(root, info):
        with translation.override(root.locale):
            return str(ResponsibilityBasis(root.node.responsibility_basis).label)

    def resolve_lifecycle(root, info):
        if root.preview:
            return Lifecycle.DRAFT.value
        page = root.node
        if page.live and page.pk in root.batch.load("in_review", loaders.in_review):
            return Lifecycle.IN_REVIEW.value
        return (Lifecycle.OUTDATED if page.outdated_at else Lifecycle.PUBLISHED).value

    def resolve_lifecycle_label(root, info):
        with translation.override(root.locale):
            return str(Lifecycle(Service.resolve_lifecycle(root, info)).label)

    def resolve_translations(root, info):
        rows = root.batch.load("translations", lambda rows: loaders.translations(info, rows))
        return rows.get(root.node.translation_key, [])

    def resolve_related_services(root, info):
        related = root.batch.load("related", lambda rows: loaders.related(info, rows, root.locale))
        return related.get(root.node.pk, [])

    def resolve_internal(root, info):
        if not can_view_internal(info):
            return None
        # The user log (userlog/log.py): one entry per service read in this request, all
        # written with the request's one INSERT; a refused read returns null, unlogged.
        record(
            info.context,
            "read_internal",
            object_type="service",
            object_id=root.node.pk,
            object_label=root.node.title,
            field="internal",
            detail={"locale": root.locale, **({"preview": True} if root.preview else {})},
        )
        return internal_information(info, root)

    def resolve_is_favourite(root, info):
        return root.node.translation_key in loaders.favourite_keys(info)


class ServiceResults(results_type("ServiceResults", Service)):
    facets = graphene.Field(
        ServiceFacets,
        required=True,
        description="Counts per filter value for the whole list (not only this page): "
        "every filter applies but the facet's own. Only the facets selected are counted.",
        resolver=lambda root, info: root.facets,
    )
    suggestion = graphene.String(
        description="A search's text with a word the index does not know corrected ('Did you "
        "mean …?'), also offered when a search finds fewer than three services; null "
        "otherwise.",
        resolver=lambda root, info: getattr(root, "suggestion", None),
    )
