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
from django.core.exceptions import EmptyResultSet
from django.db import connection
from django.db.models.expressions import RawSQL
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
# Each facet is a part of the statement: (info, services table expression, locale) →
# (SQL, params) of rows `value` (the slug), `label`, `count`. The table expressions hold
# the services' ids and the columns the parts need (see `count_facets`).
Part = Callable[[object, str, str], tuple[str, list]]


def _q(name: str) -> str:
    return connection.ops.quote_name(name)


def _by_slug(info, model, grouped: str, locale: str, everyone: str = "") -> tuple[str, list]:
    """Counts per term id (`grouped`: rows `term`, `n`) summed per slug: a translated page
    links the terms of its locale, a Finnish fallback the Finnish ones, and the slug is the
    same. The label is the term's name in the locale, else in Finnish, else the slug.
    `everyone`: a count added to every term, which are then all listed (left join)."""
    terms = _q(model._meta.db_table)
    codes = [locale] + ([SOURCE_LOCALE] if locale != SOURCE_LOCALE else [])
    names = ", ".join(
        f"(SELECT n.{_q('name')} FROM {terms} n"
        f" WHERE n.{_q('slug')} = t.{_q('slug')} AND n.{_q('locale_id')} = %s LIMIT 1)"
        for _ in codes
    )
    if everyone:
        count = f"COALESCE(SUM(g.n), 0) + ({everyone})"
        source = f"{terms} t LEFT JOIN ({grouped}) g ON g.term = t.{_q('id')}"
    else:
        count = "SUM(g.n)"
        source = f"({grouped}) g JOIN {terms} t ON t.{_q('id')} = g.term"
    sql = (
        f"SELECT t.{_q('slug')} AS {_q('value')},"
        f" COALESCE({names}, t.{_q('slug')}) AS {_q('label')}, {count} AS {_q('count')}"
        f" FROM {source} GROUP BY t.{_q('slug')}"
    )
    return sql, [locale_for(info, code).pk for code in codes]


def _links(model, page: str, term: str, services: str, *, distinct=False, where="") -> str:
    """Rows `term`, `n`: the links of the services to terms (a join on the table
    expression, whose ids are unique), counted per term id."""
    page_column = _q(model._meta.get_field(page).column)
    term_column = _q(model._meta.get_field(term).column)
    n = f"COUNT(DISTINCT l.{page_column})" if distinct else "COUNT(*)"
    return (
        f"SELECT l.{term_column} AS term, {n} AS n FROM {_q(model._meta.db_table)} l"
        f" JOIN {services} s ON s.id = l.{page_column}{where} GROUP BY l.{term_column}"
    )


def _m2m_part(name: str) -> Part:
    """A many-to-many vocabulary (audiences, target groups, ...). A page links a term once:
    COUNT(*), no DISTINCT (which would sort the links instead of hashing them)."""
    through, column = M2M_FILTERS[name]
    model = through._meta.get_field(column).related_model

    def part(info, services, locale):
        return _by_slug(info, model, _links(through, "servicepage", column, services), locale)

    return part


def _service_categories(info, services, locale):
    """The services' categories, from the table expression (no join back to the pages)."""
    grouped = (
        f"SELECT category AS term, COUNT(*) AS n FROM {services}"
        " WHERE category IS NOT NULL GROUP BY category"
    )
    return _by_slug(info, ServiceCategory, grouped, locale)


def _service_languages(info, services, locale):
    """A service may list a language twice (at two levels): pages counted once."""
    grouped = _links(ServiceLanguage, "page", "language", services, distinct=True)
    return _by_slug(info, Language, grouped, locale)


def _municipality_of_residence(info, services, locale):
    """Per municipality: the services naming it, plus those where residence does not
    matter, which count for every municipality (so every municipality is listed)."""
    through = ServicePage.participating_municipalities.through
    grouped = _links(
        through, "servicepage", "municipality", services, where=" WHERE NOT s.anywhere"
    )
    everyone = f"SELECT COUNT(*) FROM {services} WHERE anywhere"
    return _by_slug(info, Municipality, grouped, locale, everyone)


FREE, PAID = "free", "paid"


def _price(info, services, locale):
    """`free` and `paid` (labelled by `count_facets`, with gettext)."""
    return (
        f"SELECT CASE WHEN free THEN '{FREE}' ELSE '{PAID}' END AS {_q('value')},"
        f" '' AS {_q('label')}, COUNT(*) AS {_q('count')} FROM {services} GROUP BY 1",
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

    WITH facet_searched (id, anywhere, free, category) AS MATERIALIZED (<the list, no filter>),
         facet_services_0 (...) AS MATERIALIZED (<its ids with every filter>),
         facet_services_1 (...) AS MATERIALIZED (<its ids without filter.audiences>)
    SELECT 'audiences', value, label, count FROM (<grouped links ...>)
    UNION ALL SELECT 'price', ...
    """
    wanted = [d for d in DIMENSIONS if d.name in names]
    if not wanted:
        return {}
    given = {k: v for k, v in (source.filter or {}).items() if v not in (None, False, [], "")}
    # The services each facet counts: the list, or the list without the facet's own filter
    # when that filter is set. The searched list before any filter is computed once
    # (`facet_searched`: the public, locale and fallback rules and the search are the
    # costly part); each filtered set is a table expression over its ids.
    own = {d.name: d.filter if d.filter in given else None for d in wanted}
    columns = ("pk", "residence_irrelevant", "is_free", "service_category_id")
    hint = _materialized()
    searched = source.searched.order_by().values_list(*columns)
    try:
        text, params = searched.query.sql_with_params()
    except EmptyResultSet:  # nothing to count: a search that found nothing (`pk IN ()`)
        return {}
    params = list(params)
    sql = [f"facet_searched (id, anywhere, free, category) AS {hint}({text})"]
    tables = {}
    for key in dict.fromkeys(own.values()):
        rest = {k: v for k, v in given.items() if k != key}
        if not rest:
            tables[key] = "facet_searched"
            continue
        tables[key] = table = f"facet_services_{len(sql) - 1}"
        searched_ids = RawSQL("SELECT id FROM facet_searched", ())
        rows = apply_filter(ServicePage.objects.filter(pk__in=searched_ids), rest)
        text, args = rows.order_by().values_list(*columns).query.sql_with_params()
        sql.append(f"{table} (id, anywhere, free, category) AS {hint}({text})")
        params += args
    parts = []
    for d in wanted:
        text, args = d.part(source.info, tables[own[d.name]], source.locale)
        parts.append(
            f"SELECT %s, {_q('value')}, {_q('label')}, {_q('count')} FROM ({text}) {_q(d.name)}"
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
