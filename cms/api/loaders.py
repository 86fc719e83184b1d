"""Per-request batch loading for the GraphQL API.

A list resolver wraps the rows it returns (`cms.api.context.localise`), which gives
them one `Batch`; the first field resolver that needs something for one row (taxonomy
labels, referenced documents, the workflow state...) loads it for every row of the
batch in one query, and the batch keeps it for the others. That keeps a list at a
constant number of queries whatever its length, without loading what nobody asked for.
`ObjectCache` does the same for objects referenced by id from stream fields, for the
whole request (`cms.api.context.object_cache`).
"""

from collections import defaultdict


class Batch:
    """The rows a list resolved to; loaders work on all of them at once."""

    def __init__(self, rows):
        self.rows = list(rows)
        self.loaded: dict[str, dict] = {}

    def load(self, key: str, loader):
        """`loader(rows) -> {row pk: value}`, called once per batch and key."""
        if key not in self.loaded:
            self.loaded[key] = loader(self.rows)
        return self.loaded[key]


class ObjectCache:
    """Objects by model and primary key for one request, loaded in bulk."""

    def __init__(self):
        self.objects: dict[type, dict] = defaultdict(dict)
        self.missing: dict[type, set] = defaultdict(set)

    def want(self, model, pk):
        if pk is not None and pk not in self.objects[model]:
            self.missing[model].add(pk)

    def get(self, model, pk, queryset=None):
        if pk is None:
            return None
        self.want(model, pk)
        self.fetch(model, queryset)
        return self.objects[model].get(pk)

    def fetch(self, model, queryset=None):
        pks = self.missing.pop(model, set())
        if pks:
            qs = queryset if queryset is not None else model._default_manager.all()
            found = {obj.pk: obj for obj in qs.filter(pk__in=pks)}
            for pk in pks:
                self.objects[model][pk] = found.get(pk)
