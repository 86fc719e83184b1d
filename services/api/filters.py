"""The `services` list's filter: facets combined with AND, values of a facet with OR."""

import graphene
from django.db.models import Exists, OuterRef, Q, Value
from django.db.models.functions import Coalesce

from cms.api.errors import bad_input

from ..models import ServiceLanguage, ServicePage
from ..models.pages import WORKING_AGE_MAX, WORKING_AGE_MIN


class ServiceFilter(graphene.InputObjectType):
    """Facets are combined with AND; several values of one facet with OR. Values are
    slugs (the same in every locale)."""

    audiences = graphene.List(graphene.NonNull(graphene.String))
    service_categories = graphene.List(graphene.NonNull(graphene.String))
    client_situations = graphene.List(graphene.NonNull(graphene.String))
    target_groups = graphene.List(graphene.NonNull(graphene.String))
    municipality_of_residence = graphene.String(
        description="A municipality slug: services open to its residents (or to anyone)."
    )
    age = graphene.Int(description="Services open to a client of this age.")
    implementation_types = graphene.List(graphene.NonNull(graphene.String))
    service_languages = graphene.List(graphene.NonNull(graphene.String))
    accessibility = graphene.List(graphene.NonNull(graphene.String))
    free_only = graphene.Boolean()
    providers = graphene.List(graphene.NonNull(graphene.String), description="Organisation slugs.")
    responsible_municipalities = graphene.List(
        graphene.NonNull(graphene.String), description="Organisation slugs."
    )
    modified_since = graphene.DateTime(description="Published (again) at or after this time.")


# Facet → (the relation's through model, its column to the term).
M2M_FILTERS = {
    "audiences": (ServicePage.audiences.through, "audience"),
    "client_situations": (ServicePage.client_situations.through, "clientsituation"),
    "target_groups": (ServicePage.target_groups.through, "targetgroup"),
    "implementation_types": (ServicePage.implementation_types.through, "implementationtype"),
    "accessibility": (ServicePage.accessibility.through, "serviceaccessibility"),
}


def _slug_exists(through, column, slugs):
    return Exists(
        through.objects.filter(servicepage_id=OuterRef("pk"), **{f"{column}__slug__in": slugs})
    )


def apply_filter(queryset, f):
    """`queryset` (services) narrowed by a `ServiceFilter` (or nothing)."""
    if not f:
        return queryset
    for name, (through, column) in M2M_FILTERS.items():
        if f.get(name):
            queryset = queryset.filter(_slug_exists(through, column, f[name]))
    if f.get("service_categories"):
        queryset = queryset.filter(service_category__slug__in=f["service_categories"])
    if f.get("municipality_of_residence"):
        queryset = queryset.filter(
            Q(residence_irrelevant=True)
            | _slug_exists(
                ServicePage.participating_municipalities.through,
                "municipality",
                [f["municipality_of_residence"]],
            )
        )
    if f.get("age") is not None:
        age = f["age"]
        if not 0 <= age <= 130:
            raise bad_input("age must be between 0 and 130.", "filter.age")
        # "All of working age" services take working-age clients; others their own range.
        working = (
            Q(all_working_age=True) if WORKING_AGE_MIN <= age <= WORKING_AGE_MAX else Q(pk__in=[])
        )
        queryset = queryset.alias(
            _age_min=Coalesce("age_min", Value(WORKING_AGE_MIN)),
            _age_max=Coalesce("age_max", Value(WORKING_AGE_MAX)),
        ).filter(working | Q(all_working_age=False, _age_min__lte=age, _age_max__gte=age))
    if f.get("service_languages"):
        queryset = queryset.filter(
            Exists(
                ServiceLanguage.objects.filter(
                    page_id=OuterRef("pk"), language__slug__in=f["service_languages"]
                )
            )
        )
    if f.get("free_only"):
        queryset = queryset.filter(is_free=True)
    if f.get("providers"):
        queryset = queryset.filter(provider__slug__in=f["providers"])
    if f.get("responsible_municipalities"):
        queryset = queryset.filter(
            responsible_municipality__slug__in=f["responsible_municipalities"]
        )
    if f.get("modified_since"):
        queryset = queryset.filter(last_published_at__gte=f["modified_since"])
    return queryset
