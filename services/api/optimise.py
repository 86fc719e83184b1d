"""How a list of services is read: the selection-driven queryset (cms.api.selection).

Every row reads its locale, category, provider and responsible municipality with it;
a taxonomy relation is prefetched only when its field is selected, into a plain list
(`prefetched_<relation>`, read by `Service`'s term fields) so that no row clones a
queryset; the wide columns are deferred unless selected. The `internal` column is read
only when selected by a caller who may read it.
"""

from django.db.models import Prefetch

from cms.api.access import can_view_internal
from cms.api.selection import Optimiser

from ..models import Contact, ContactVisibility, ServiceLanguage

# Taxonomy relations of a service, prefetched into `prefetched_<name>` when selected.
TERM_RELATIONS = (
    "audiences",
    "client_situations",
    "target_groups",
    "employment_statuses",
    "participating_municipalities",
    "implementation_types",
    "accessibility",
)


def prefetched(relation: str) -> str:
    """The attribute a selected taxonomy relation is prefetched into."""
    return f"prefetched_{relation}"


def _terms(relation):
    return lambda: (Prefetch(relation, to_attr=prefetched(relation)),)


SERVICE_QUERIES = Optimiser(
    select=("locale", "service_category", "provider", "responsible_municipality"),
    prefetch_when={
        **{relation: _terms(relation) for relation in TERM_RELATIONS},
        "contacts": lambda: (
            Prefetch(
                "public_contacts",
                queryset=Contact.objects.filter(visibility=ContactVisibility.PUBLIC).select_related(
                    "organisation"
                ),
            ),
        ),
        "languages": lambda: (
            Prefetch(
                "languages", queryset=ServiceLanguage.objects.select_related("language", "level")
            ),
        ),
    },
    # Wide columns read only when the query selects them (GraphQL name = column name).
    defer_unless=(
        "time_and_place",
        "description",
        "resources",
        "target_group_description",
        "participation",
        "requirements",
        "benefits",
        "implementation_text",
        "price_description",
        "internal",
    ),
)


def optimise(info, queryset, fields):
    """`queryset` reading what `fields` (cms.api.selection.selected) need."""
    if "internal" in fields and not can_view_internal(info):
        fields = fields - {"internal"}
    if "next_time" in fields:  # computed from the time and place (services/api/next_time.py)
        fields = fields | {"time_and_place"}
    return SERVICE_QUERIES(queryset, fields)
