"""Batch loaders of a list of services: each runs once for the whole list (one query)
when the first row needs it (`Batch.load`, cms/api/loaders.py)."""

from django.contrib.contenttypes.models import ContentType
from wagtail.models import Page, WorkflowState

from cms.api.access import public_filter, viewer
from cms.api.context import localise, request_cache
from cms.api.pages import translations_by_key
from cms.api.selection import selected

from ..models import Favourite, RelatedService, ServicePage
from .optimise import optimise
from .types import Translation


def in_review(rows):
    """Pages of the batch with a workflow in progress (one query)."""
    states = WorkflowState.objects.filter(
        base_content_type=ContentType.objects.get_for_model(Page),
        object_id__in=[str(r.pk) for r in rows],
        status=WorkflowState.STATUS_IN_PROGRESS,
    )
    return {int(pk) for pk in states.values_list("object_id", flat=True)}


def translations(info, rows):
    """{translation key: [Translation]}: the public translations of the batch's pages."""
    keys = {r.translation_key for r in rows}
    out = {}
    pages = public_filter(info, ServicePage.objects.filter(translation_key__in=keys)).values_list(
        "translation_key", "locale__language_code", "pk", "slug"
    )
    for key, code, pk, slug in pages.order_by("locale__language_code"):
        out.setdefault(key, []).append(Translation(locale=code, id=pk, slug=slug))
    return out


def related(info, rows, locale):
    """{page pk: [Localised]}: related services, in the list's locale when translated
    (else Finnish), published only; the related pages are one batch of their own."""
    links = (
        RelatedService.objects.filter(page__in=[r.pk for r in rows])
        .values_list("page_id", "service__translation_key")
        .order_by("page_id", "sort_order")
    )
    keys = {key for _, key in links}
    if not keys:
        return {}
    fields = selected(info)
    by_key = translations_by_key(
        info, ServicePage, keys, locale, lambda qs: optimise(info, qs, fields)
    )
    wrapped = dict(zip(by_key, localise(by_key.values(), locale), strict=True))
    out = {}
    for page_id, key in links:
        if key in wrapped:
            out.setdefault(page_id, []).append(wrapped[key])
    return out


def favourite_keys(info) -> set:
    """The translation keys of the caller's favourites (one query per request; none for
    anonymous callers)."""
    cache = request_cache(info)
    if "favourite_keys" not in cache:
        user = viewer(info)
        cache["favourite_keys"] = (
            set(Favourite.objects.filter(user=user).values_list("page__translation_key", flat=True))
            if user is not None
            else set()
        )
    return cache["favourite_keys"]
