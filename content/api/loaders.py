"""How content pages are read: the selection-driven queryset and the batch loader of a
list's translations."""

from cms.api.access import public_filter
from cms.api.selection import Optimiser
from services.api.types import Translation

from ..models import ContentPage

CONTENT_QUERIES = Optimiser(
    select=("locale",),
    select_when={"organisation": ("organisation",)},
    defer_unless=("body",),
)


def translations(info, rows):
    """{translation key: [Translation]}: the public translations of the batch's pages
    (one query for the list)."""
    keys = {row.translation_key for row in rows}
    pages = public_filter(info, ContentPage.objects.filter(translation_key__in=keys))
    out = {}
    rows = pages.values_list("translation_key", "locale__language_code", "pk", "slug")
    for key, code, pk, slug in rows.order_by("locale__language_code"):
        out.setdefault(key, []).append(Translation(locale=code, id=pk, slug=slug))
    return out
