"""How policies are read: the selection-driven queryset and the batch loaders of a list."""

from cms.api.context import localise
from cms.api.pages import translations_by_key
from cms.api.selection import Optimiser

from ..models import PolicyPage

POLICY_QUERIES = Optimiser(
    select=("locale",),
    select_when={"decision": ("decision",)},
    prefetch_when={
        "decision": lambda: (
            "decision__working_group_votes__organisation",
            "decision__steering_group_votes__organisation",
        )
    },
)


def successors(info, rows, locale):
    """{page pk: its successor (Localised) in the locale, else Finnish}, published only;
    one query for the list, the successors a batch of their own."""
    wanted = {row.pk: row.superseded_by_id for row in rows if row.superseded_by_id}
    if not wanted:
        return {}
    keys = dict(
        PolicyPage.objects.filter(pk__in=set(wanted.values())).values_list("pk", "translation_key")
    )
    by_key = translations_by_key(
        info,
        PolicyPage,
        set(keys.values()),
        locale,
        lambda queryset: POLICY_QUERIES(queryset, {"decision"}),
    )
    wrapped = dict(zip(by_key, localise(by_key.values(), locale), strict=True))
    result = {}
    for pk, successor_pk in wanted.items():
        successor = wrapped.get(keys.get(successor_pk))
        if successor is not None:
            result[pk] = successor
    return result
