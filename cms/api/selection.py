"""The selection-driven optimiser: read what the query selects, and nothing else.

`selected(info, *path)` names the fields a query selects (fragments followed), and an
`Optimiser` turns those names into one queryset: the foreign keys every row needs
(`select_related`), the relations only when their field is selected
(`select_related` / `prefetch_related`), and the wide columns (stream fields, rich text)
deferred unless selected. A list then reads its rows in one query plus one per selected
relation, whatever its length.
"""

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

from graphql.language import FieldNode, FragmentSpreadNode, InlineFragmentNode

CAMEL_HUMP = re.compile(r"(?<!^)(?=[A-Z])")


def snake(name: str) -> str:
    """A GraphQL field name in Python: `isFallback` → `is_fallback`."""
    return CAMEL_HUMP.sub("_", name).lower()


def selected(info, *path) -> set[str]:
    """Snake-case names of the fields selected under `path` in the current field
    (fragments and inline fragments followed)."""

    def children(nodes):
        for node in nodes:
            if node.selection_set is None:
                continue
            for sel in node.selection_set.selections:
                if isinstance(sel, FieldNode):
                    yield sel
                elif isinstance(sel, InlineFragmentNode):
                    yield from children([sel])
                elif isinstance(sel, FragmentSpreadNode):
                    fragment = info.fragments.get(sel.name.value)
                    if fragment is not None:
                        yield from children([fragment])

    nodes = list(info.field_nodes)
    for name in path:
        nodes = [n for n in children(nodes) if n.name.value == name]
    return {snake(n.name.value) for n in children(nodes)}


@dataclass(frozen=True)
class Optimiser:
    """How one model is read for a selection (`fields`, snake-case names from `selected`).

    - `select`: foreign keys every row needs, whatever is selected;
    - `select_when[field]`: foreign keys read only when `field` is selected;
    - `prefetch_when[field]`: a function returning the `prefetch_related` lookups (names or
      fresh `Prefetch` objects) read only when `field` is selected;
    - `defer_unless`: columns deferred unless selected (the GraphQL field is the column).
    """

    select: tuple[str, ...] = ()
    select_when: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    prefetch_when: Mapping[str, Callable[[], tuple]] = field(default_factory=dict)
    defer_unless: tuple[str, ...] = ()

    def __call__(self, queryset, fields):
        select = [*self.select]
        for name, related in self.select_when.items():
            if name in fields:
                select.extend(related)
        if select:
            queryset = queryset.select_related(*select)
        prefetches = [
            lookup
            for name, lookups in self.prefetch_when.items()
            if name in fields
            for lookup in lookups()
        ]
        if prefetches:
            queryset = queryset.prefetch_related(*prefetches)
        deferred = [name for name in self.defer_unless if name not in fields]
        if deferred:
            queryset = queryset.defer(*deferred)
        return queryset
