"""Facet counts of the `services` list: for each filter value, how many services of the
current search and filters it gives, so that a frontend shows counts next to its filters.

- What is counted: the whole list (every page of it, not the page asked for), as
  `services` lists it: public, in the locale, Finnish fallbacks included (with
  `fallback: true`), narrowed by `search`.
- Disjunctive faceting: a facet's counts apply every filter but its own (the counts of
  `audiences` ignore `filter.audiences`), so a frontend shows the alternatives to what is
  chosen: a value's count is what the list would hold with that value chosen instead
  (for the list filters, values of one facet are ORed: what choosing it too would add).
  Filters without a facet (age, providers, responsible municipalities, modified since)
  always apply.
- `municipalityOfResidence` counts, per municipality, the services its residents may
  take part in, as the filter does: those listing it among the participating
  municipalities plus those where residence does not matter (counted for every
  municipality).
- `price`: `free` (what `freeOnly: true` keeps) and `paid`.
- Each value: `slug` (the filter value), `label` in the requested locale (the Finnish
  label when the term has no translation) and `count`; zero counts are left out; sorted
  by count, largest first, then by label.
- Cost: a facet is counted only when selected, with one grouped SQL statement (labels
  included), whatever the length of the list; nothing per row.
"""

from dataclasses import dataclass

import graphene
from django.db.models import CharField, Count, F, Func, IntegerField, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce
from django.utils import translation
from django.utils.translation import gettext

from cms.api.pages import SOURCE_LOCALE, locale_for

from ..models import Language, Municipality, ServiceCategory, ServiceLanguage
from .filters import M2M_FILTERS, apply_filter


@dataclass
class FacetSource:
    """What the facets of one `services` list count: `searched` is the list's queryset
    (public, locale, fallback and search applied) before the filter, `filter` the
    `ServiceFilter` given (or None), `locale` the requested locale code. Nothing is read
    until a facet is resolved."""

    info: object
    searched: object
    filter: dict | None
    locale: str

    def matching(self, without: str):
        """Primary keys of the list with every filter but `without` (the facet's own)."""
        rest = {k: v for k, v in (self.filter or {}).items() if k != without}
        return apply_filter(self.searched, rest).order_by()


class FacetValue(graphene.ObjectType):
    """A value of a facet: the filter value, its label in the locale, and how many services
    of the list (with the other facets' filters) have it."""

    slug = graphene.String(required=True, description="The value to filter with.")
    label = graphene.String(required=True)
    count = graphene.Int(required=True)


class _Ungrouped:
    """An expression beside grouped counts that depends only on the grouped columns (a
    term's label) or on nothing (a total): kept out of the GROUP BY, where its subqueries
    would run once per row instead of once per group."""

    def get_group_by_cols(self):
        return []


class _Label(_Ungrouped, Coalesce):
    pass


class _Total(_Ungrouped, Subquery):
    pass


def _label(info, model, slug_path: str, locale: str):
    """The name of a term (`slug_path` names its slug in the outer query) in the locale,
    else in Finnish, else its slug: scalar subqueries on (slug, locale), which is unique."""
    codes = [locale] + ([SOURCE_LOCALE] if locale != SOURCE_LOCALE else [])
    names = [
        Subquery(
            model.objects.filter(slug=OuterRef(slug_path), locale_id=locale_for(info, code).pk)
            .order_by()
            .values("name")[:1]
        )
        for code in codes
    ]
    return _Label(*names, F(slug_path), output_field=CharField())


def _values(rows, slug: str) -> list[FacetValue]:
    values = [FacetValue(slug=r[slug], label=r["label"], count=r["count"]) for r in rows]
    values = [v for v in values if v.count > 0 and v.slug]
    values.sort(key=lambda v: (-v.count, v.label.casefold(), v.slug))
    return values


def _m2m_facet(name: str):
    """A facet of a many-to-many vocabulary (audiences, target groups, ...): the links of
    the matching services grouped by the term's slug (a translated page links the terms of
    its locale, a Finnish fallback the Finnish ones: the slug is the same)."""
    through, column = M2M_FILTERS[name]
    model = through._meta.get_field(column).related_model
    slug = f"{column}__slug"

    def resolve(root: FacetSource, info):
        rows = (
            through.objects.filter(servicepage_id__in=root.matching(name).values("pk"))
            .values(slug)
            .annotate(
                count=Count("servicepage_id", distinct=True),
                label=_label(info, model, slug, root.locale),
            )
            .order_by()
        )
        return _values(rows, slug)

    return resolve


def _service_categories(root: FacetSource, info):
    slug = "service_category__slug"
    rows = (
        root.matching("service_categories")
        .filter(service_category__isnull=False)
        .values(slug)
        .annotate(count=Count("pk"), label=_label(info, ServiceCategory, slug, root.locale))
        .order_by()
    )
    return _values(rows, slug)


def _service_languages(root: FacetSource, info):
    slug = "language__slug"
    rows = (
        ServiceLanguage.objects.filter(page_id__in=root.matching("service_languages").values("pk"))
        .values(slug)
        .annotate(
            count=Count("page_id", distinct=True),
            label=_label(info, Language, slug, root.locale),
        )
        .order_by()
    )
    return _values(rows, slug)


def _municipality_of_residence(root: FacetSource, info):
    """Per municipality (its terms in every locale, grouped by slug): the matching services
    linking it, plus those where residence does not matter (one scalar subquery)."""
    matching = root.matching("municipality_of_residence")
    anywhere = _Total(
        matching.filter(residence_irrelevant=True)
        .annotate(n=Func(F("pk"), function="COUNT"))
        .values("n"),
        output_field=IntegerField(),
    )
    linked = Count(
        "servicepage",
        distinct=True,
        filter=Q(servicepage__in=matching.filter(residence_irrelevant=False).values("pk")),
    )
    rows = (
        Municipality.objects.values("slug")
        .annotate(
            count=linked + anywhere,
            label=_label(info, Municipality, "slug", root.locale),
        )
        .order_by()
    )
    return _values(rows, "slug")


FREE, PAID = "free", "paid"


def _price(root: FacetSource, info):
    counts = root.matching("free_only").aggregate(
        free=Count("pk", filter=Q(is_free=True)), paid=Count("pk", filter=Q(is_free=False))
    )
    with translation.override(root.locale):
        labels = {FREE: gettext("Free of charge"), PAID: gettext("Subject to a charge")}
    rows = [{"slug": s, "label": labels[s], "count": counts[s]} for s in (FREE, PAID)]
    return _values(rows, "slug")


def _facet(resolver, description: str):
    return graphene.List(
        graphene.NonNull(FacetValue), required=True, resolver=resolver, description=description
    )


class ServiceFacets(graphene.ObjectType):
    """Counts per filter value for the current search and filters (docs/api.md, Facets).
    Each facet's counts apply every filter but its own; only the facets selected are
    counted, one query each."""

    audiences = _facet(_m2m_facet("audiences"), "filter.audiences")
    service_categories = _facet(_service_categories, "filter.serviceCategories")
    client_situations = _facet(_m2m_facet("client_situations"), "filter.clientSituations")
    target_groups = _facet(_m2m_facet("target_groups"), "filter.targetGroups")
    municipality_of_residence = _facet(
        _municipality_of_residence,
        "filter.municipalityOfResidence: the services open to its residents, those where "
        "residence does not matter included.",
    )
    implementation_types = _facet(_m2m_facet("implementation_types"), "filter.implementationTypes")
    service_languages = _facet(_service_languages, "filter.serviceLanguages")
    accessibility = _facet(_m2m_facet("accessibility"), "filter.accessibility")
    price = _facet(_price, "`free` (filter.freeOnly) and `paid`.")
