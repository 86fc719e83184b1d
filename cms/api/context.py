"""The per-request state of the API, kept beside the model instances, never on them.

Two things live as long as one request:

- `request_cache(info)`: a dict on the request for what every resolver shares (the
  caller's right to internal information, the locales, the view restrictions, loaded
  taxonomy labels, the `ObjectCache` of referenced objects, ...).
- `Localised(node, locale, batch, preview)`: what a resolver returns for a model
  instance whose fields depend on the request: the instance (`node`), the locale the
  caller asked for, the `Batch` of the list it came in (its loaders run once for the
  whole list) and whether it is an editor's preview. Types built on it read the
  instance's columns through `node_resolver` (`Meta.default_resolver`) and the request
  state from the wrapper, so no model instance carries API state and one instance could
  be served in two locales in one response. (saleor's `ChannelContext` is the same idea.)
"""

from dataclasses import dataclass

from .loaders import Batch, ObjectCache


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


def object_cache(info) -> ObjectCache:
    """Objects referenced from stream fields, by model and primary key, for this request."""
    return request_cache(info).setdefault("objects", ObjectCache())


@dataclass(frozen=True, slots=True, eq=False)
class Localised:
    """A model instance as this request sees it: in the caller's locale, with its list."""

    node: object
    locale: str  # the locale code the caller asked for
    batch: Batch | None = None  # the rows of the same list (pages); None for single objects
    preview: bool = False  # unsaved content from a preview token

    @property
    def page_locale(self) -> str:
        """The locale the page is in (Finnish when it fell back)."""
        return self.node.locale.language_code

    @property
    def is_fallback(self) -> bool:
        return self.page_locale != self.locale


def localise(nodes, locale: str, *, preview: bool = False) -> list[Localised]:
    """Wrap the rows of one list; they share one `Batch` for their loaders."""
    nodes = list(nodes)
    batch = Batch(nodes)
    return [Localised(node, locale, batch, preview) for node in nodes]


def node_resolver(attname, default_value, root, info, **args):
    """The default resolver of types over `Localised`: the wrapped instance's attribute."""
    return getattr(root.node, attname, default_value)
