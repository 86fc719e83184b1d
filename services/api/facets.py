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
- Cost: one SQL statement for all the facets selected (none when `facets` is not
  selected), whatever the length of the list; nothing per row. The list's services are
  computed once, as a materialised common table expression, and once more for each
  selected facet whose own filter is set (its counts ignore that filter); each facet is a
  grouped count over them, with its labels, and the counts come back as one UNION ALL.
"""

import sqlite3
from collections.abc import Callable
from dataclasses import dataclass, field

import graphene
from django.db import connection
from django.db.models import CharField, Count, F, IntegerField, OuterRef, Q, Subquery
from django.db.models.expressions import RawSQL
from django.db.models.functions import Coalesce
from django.utils import translation
from django.utils.translation import gettext

from cms.api.pages import SOURCE_LOCALE, locale_for
from cms.api.selection import selected

from ..models import Language, Municipality, ServiceCategory, ServiceLanguage, ServicePage
from .filters import M2M_FILTERS, apply_filter


@dataclass
class FacetSource:
    """What the facets of one `services` list count: `info` is the `services` field's,
    `searched` the list's queryset (public, locale, fallback and search applied) before
    the filter, `filter` the `ServiceFilter` given (or None), `locale` the requested locale
    code. Nothing is read until a facet is resolved; then every selected facet is counted
    at once."""

    info: object
    searched: object
    filter: dict | None
    locale: str
    _counts: dict | None = field(default=None, repr=False)

    def matching(self, without: str | None):
        """The list with every filter but `without` (the facet's own)."""
        rest = {k: v for k, v in (self.filter or {}).items() if k != without}
        return apply_filter(self.searched, rest).order_by()

    def counts(self) -> dict[str, list["FacetValue"]]:
        """{facet: its values} for the facets selected under `facets`, one statement."""
        if self._counts is None:
            self._counts = count_facets(self, selected(self.info, "facets"))
        return self._counts


class FacetValue(graphene.ObjectType):
    """A value of a facet: the filter value, its label in the locale, and how many services
    of the list (with the other facets' filters) have it."""

    slug = graphene.String(required=True, description="The value to filter with.")
    label = graphene.String(required=True)
    count = graphene.Int(required=True)


# --- the statement -------------------------------------------------------------------------------
class _Ungrouped:
    """An expression beside grouped counts that depends only on the grouped columns (a
    term's label) or on nothing (a total): kept out of the GROUP BY, where its subqueries
    would run once per row instead of once per group."""

    def get_group_by_cols(self):
        return []


class _Label(_Ungrouped, Coalesce):
    pass


class _Total(_Ungrouped, RawSQL):
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


def _ids(services: str, where: str = "") -> RawSQL:
    """The ids of a services table expression (see `count_facets`) as an IN's right side."""
    return RawSQL(f"SELECT id FROM {services}{where}", ())


# A facet's part of the statement: (info, services table expression, locale) → a queryset
# of rows `value` (the slug), `label`, `count`.
Part = Callable[[object, str, str], object]


def _m2m_part(name: str) -> Part:
    """A many-to-many vocabulary (audiences, target groups, ...): the links of the services
    grouped by the term's slug (a translated page links the terms of its locale, a Finnish
    fallback the Finnish ones: the slug is the same)."""
    through, column = M2M_FILTERS[name]
    model = through._meta.get_field(column).related_model
    slug = f"{column}__slug"

    def part(info, services, locale):
        return (
            through.objects.filter(servicepage_id__in=_ids(services))
            .values(value=F(slug))
            .annotate(
                count=Count("servicepage_id", distinct=True),
                label=_label(info, model, slug, locale),
            )
        )

    return part


def _service_categories(info, services, locale):
    slug = "service_category__slug"
    return (
        ServicePage.objects.filter(pk__in=_ids(services), service_category__isnull=False)
        .values(value=F(slug))
        .annotate(count=Count("pk"), label=_label(info, ServiceCategory, slug, locale))
    )


def _service_languages(info, services, locale):
    slug = "language__slug"
    return (
        ServiceLanguage.objects.filter(page_id__in=_ids(services))
        .values(value=F(slug))
        .annotate(count=Count("page_id", distinct=True), label=_label(info, Language, slug, locale))
    )


def _municipality_of_residence(info, services, locale):
    """Per municipality (its terms in every locale, grouped by slug, so that a municipality
    no service names is there too): the services naming it, plus those where residence
    does not matter."""
    linked = Count(
        "servicepage",
        distinct=True,
        filter=Q(servicepage__in=_ids(services, " WHERE NOT anywhere")),
    )
    anywhere = _Total(f"SELECT COUNT(*) FROM {services} WHERE anywhere", (), IntegerField())
    return Municipality.objects.values(value=F("slug")).annotate(
        count=linked + anywhere, label=_label(info, Municipality, "slug", locale)
    )


FREE, PAID = "free", "paid"


def _price(info, services, locale):
    """`free` and `paid` (labelled by `count_facets`, with gettext)."""
    q = connection.ops.quote_name
    return (
        f"SELECT CASE WHEN free THEN '{FREE}' ELSE '{PAID}' END AS {q('value')}, "
        f"'' AS {q('label')}, COUNT(*) AS {q('count')} FROM {services} GROUP BY 1",
        [],
    )


@dataclass(frozen=True)
class Dimension:
    name: str  # the field of ServiceFacets (snake case)
    filter: str  # its ServiceFilter field
    part: Callable


DIMENSIONS = (
    Dimension("audiences", "audiences", _m2m_part("audiences")),
    Dimension("service_categories", "service_categories", _service_categories),
    Dimension("client_situations", "client_situations", _m2m_part("client_situations")),
    Dimension("target_groups", "target_groups", _m2m_part("target_groups")),
    Dimension("municipality_of_residence", "municipality_of_residence", _municipality_of_residence),
    Dimension("implementation_types", "implementation_types", _m2m_part("implementation_types")),
    Dimension("service_languages", "service_languages", _service_languages),
    Dimension("accessibility", "accessibility", _m2m_part("accessibility")),
    Dimension("price", "free_only", _price),
)


def _materialized() -> str:
    """PostgreSQL 12+ and SQLite 3.35+ take the hint that keeps a table expression computed
    once (PostgreSQL would otherwise inline one used once into its IN)."""
    if connection.vendor == "sqlite":
        return "MATERIALIZED " if sqlite3.sqlite_version_info >= (3, 35) else ""
    return "MATERIALIZED "


def count_facets(source: FacetSource, names: set[str]) -> dict[str, list[FacetValue]]:
    """The values of the facets `names` (ServiceFacets fields), with one statement:

    WITH facet_services_0 (id, anywhere, free) AS MATERIALIZED (<the list>),
         facet_services_1 (...) AS MATERIALIZED (<the list without filter.audiences>)
    SELECT 'audiences', value, label, count FROM (<grouped links ...>)
    UNION ALL SELECT 'price', ...
    """
    wanted = [d for d in DIMENSIONS if d.name in names]
    if not wanted:
        return {}
    given = source.filter or {}
    # The services each facet counts: the list, or the list without the facet's own filter
    # when that filter is set (table expressions numbered in order of first use).
    own = {d.name: d.filter if given.get(d.filter) else None for d in wanted}
    tables = {key: f"facet_services_{i}" for i, key in enumerate(dict.fromkeys(own.values()))}
    q = connection.ops.quote_name
    hint = _materialized()
    sql, params = [], []
    for key, table in tables.items():
        rows = source.matching(key).values_list("pk", "residence_irrelevant", "is_free")
        text, args = rows.query.sql_with_params()
        sql.append(f"{table} (id, anywhere, free) AS {hint}({text})")
        params += args
    parts = []
    for d in wanted:
        part = d.part(source.info, tables[own[d.name]], source.locale)
        text, args = part if isinstance(part, tuple) else part.order_by().query.sql_with_params()
        parts.append(
            f"SELECT %s, {q('value')}, {q('label')}, {q('count')} FROM ({text}) {q(d.name)}"
        )
        params += [d.name, *args]
    statement = "WITH " + ", ".join(sql) + " " + " UNION ALL ".join(parts)
    with connection.cursor() as cursor:
        cursor.execute(statement, params)
        rows = cursor.fetchall()
    with translation.override(source.locale):
        prices = {FREE: gettext("Free of charge"), PAID: gettext("Subject to a charge")}
    found: dict[str, list[FacetValue]] = {d.name: [] for d in wanted}
    for name, value, label, count in rows:
        if not value or not count:
            continue
        if name == "price":
            label = prices[value]
        found[name].append(FacetValue(slug=value, label=label or value, count=count))
    for values in found.values():
        values.sort(key=lambda v: (-v.count, v.label.casefold(), v.slug))
    return found


# --- the type ----------------------------------------------------------------------------------
def _facet(name: str, description: str):
    return graphene.List(
        graphene.NonNull(FacetValue),
        required=True,
        resolver=lambda root, info: root.counts().get(name, []),
        description=description,
    )


class ServiceFacets(graphene.ObjectType):
    """Counts per filter value for the current search and filters (docs/api.md, Facets).
    Each facet's counts apply every filter but its own; the facets selected are counted
    with one query."""

    audiences = _facet("audiences", "filter.audiences")
    service_categories = _facet("service_categories", "filter.serviceCategories")
    client_situations = _facet("client_situations", "filter.clientSituations")
    target_groups = _facet("target_groups", "filter.targetGroups")
    municipality_of_residence = _facet(
        "municipality_of_residence",
        "filter.municipalityOfResidence: the services open to its residents, those where "
        "residence does not matter included.",
    )
    implementation_types = _facet("implementation_types", "filter.implementationTypes")
    service_languages = _facet("service_languages", "filter.serviceLanguages")
    accessibility = _facet("accessibility", "filter.accessibility")
    price = _facet("price", "`free` (filter.freeOnly) and `paid`.")
