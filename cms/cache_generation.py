"""The publication generation: one number in the shared cache that changes whenever what
anonymous readers can see changes (docs/operations.md, "Caching").

Every cache entry built from published content is tied to `current()`: the cached
anonymous GraphQL answers (cms.api.persisted) and the frontend's vocabularies, menu and
footer (frontend/views/catalogue.py, frontend/context_processors.py) keep it inside the
entry (`set_fresh` / `get_fresh`: the number and the entry come in one cache round trip,
one MGET on Redis, and an entry of an older generation reads as missing); others put it in
their key (services/locations.py). `bump()` moves the number on, so no entry built before a
change is served after it; the old entries are overwritten or simply expire. The domain
apps call it from their signal handlers (services/signals.py: any page published,
unpublished, moved or deleted, view restrictions, taxonomy terms and organisations); this
module imports none of them.

The number lives in Django's default cache, so every app server sharing that cache (Redis,
REDIS_URL) sees a bump at once; with the local-memory cache only this process does. It
starts from the clock (nanoseconds) rather than 1, so a counter lost to an eviction or a
Redis restart never comes back to a value that old entries were stored under. `bump()`
runs at once and again when the transaction commits: a request that read the content
between the change and the commit cannot keep its stale answer under the new number.
"""

import time

from django.core.cache import cache
from django.db import transaction

KEY = "publication-generation"


def _fresh() -> int:
    return time.time_ns()


def current() -> int:
    """The generation now (one cache read; created when missing)."""
    value = cache.get(KEY)
    if value is None:
        cache.add(KEY, _fresh(), timeout=None)
        value = cache.get(KEY)
        if value is None:  # evicted at once: still a number no old entry has
            return _fresh()
    return int(value)


def get_fresh(key: str):
    """(value, generation): the value `set_fresh` stored under `key` if it was stored in the
    current generation, else None; and the current generation, to pass to `set_fresh` when
    the value is built anew. One cache read."""
    found = cache.get_many([KEY, key])
    generation = found.get(KEY)
    if generation is None:
        return None, current()
    generation = int(generation)
    entry = found.get(key)
    if isinstance(entry, tuple) and len(entry) == 2 and entry[0] == generation:
        return entry[1], generation
    return None, generation


def set_fresh(key: str, value, generation: int, timeout) -> None:
    """Store `value` as built in `generation` (read by `get_fresh` before it was built, so a
    bump while it was being built leaves it stale)."""
    cache.set(key, (generation, value), timeout)


def _increment() -> None:
    try:
        cache.incr(KEY)
    except ValueError:  # missing: a fresh start is a new generation too
        cache.set(KEY, _fresh(), timeout=None)


def bump() -> None:
    """Invalidate every entry keyed by the generation: now, and once more on commit."""
    _increment()
    transaction.on_commit(_increment)


def bump_on_signal(sender=None, raw=False, **kwargs) -> None:
    """A signal receiver that bumps (fixtures being loaded, `raw`, do not)."""
    if not raw:
        bump()
