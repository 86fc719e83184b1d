"""Facet counts of the `services` list: how many services of the current search and
filters each filter value would give (services/api/filters.py names the filters)."""

from dataclasses import dataclass


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
