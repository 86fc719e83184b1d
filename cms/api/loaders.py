"""Per-request batch loading for the GraphQL API.

A list resolver registers the rows it returns (`Batch`); the first field resolver
that needs something for one row (taxonomy labels, referenced documents, the
workflow state...) loads it for every row of the batch in one query and caches it
on the request. That keeps a list at a constant number of queries whatever its
length, without loading what nobody asked for.
"""

from collections import defaultdict


def request_cache(info) -> dict:
    """A dict that lives as long as the HTTP request (graphene's context is the request)."""
    context = info.context
    cache = getattr(context, "_api_cache", None)
    if cache is None:
        cache = {}
        try:
            context._api_cache = cache
        except AttributeError:  # a plain dict context (tests calling the schema directly)
            cache = context.setdefault("_api_cache", {})
    return cache


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


def attach_batch(rows):
    batch = Batch(rows)
    for row in batch.rows:
        row._api_batch = batch
    return batch.rows


def batch_of(row) -> Batch:
    batch = getattr(row, "_api_batch", None)
    if batch is None:
        batch = Batch([row])
        row._api_batch = batch
    return batch


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


def object_cache(info) -> ObjectCache:
    return request_cache(info).setdefault("objects", ObjectCache())
