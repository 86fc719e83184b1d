"""Who is asking: the one place the API decides what a caller may read."""

from django.conf import settings
from django.db.models import Q
from wagtail.models import CollectionViewRestriction, Page, PageViewRestriction

from cms.access import may_read_internal

from .context import request_cache
from .errors import unauthenticated


def viewer(info):
    """The authenticated, active user (session or bearer token), or None."""
    user = getattr(info.context, "user", None)
    if user is not None and user.is_authenticated and user.is_active:
        return user
    return None


def can_view_internal(info) -> bool:
    """Whether the caller may read internal information: `cms.access.may_read_internal`,
    the one rule of the admin and the API, asked once per request."""
    cache = request_cache(info)
    if "may_read_internal" not in cache:
        cache["may_read_internal"] = may_read_internal(viewer(info))
    return cache["may_read_internal"]


def require_viewer(info):
    user = viewer(info)
    if user is None:
        raise unauthenticated("Authentication required: send a personal API token.")
    return user


def public_filter(info, queryset):
    """`.live().public()` with the view restrictions read once per request (Wagtail's
    `public()` reads them on every call)."""
    cache = request_cache(info)
    if "restricted_paths" not in cache:
        cache["restricted_paths"] = list(
            PageViewRestriction.objects.values_list("page__path", flat=True)
        )
    queryset = queryset.live()
    paths = cache["restricted_paths"]
    if not paths:
        return queryset
    under_restriction = Q()
    for path in paths:
        under_restriction |= Q(path__startswith=path)
    # A translation is as private as its Finnish source: wagtail-localize copies a source's
    # view restriction to the translations only when they are next synchronised.
    private_sources = Page.objects.filter(
        under_restriction, locale__language_code=settings.LANGUAGE_CODE
    ).values("translation_key")
    return queryset.exclude(under_restriction).exclude(translation_key__in=private_sources)


def public_document(info, document) -> bool:
    """Whether the caller may see this document: internal attachments (the restricted
    collection) only for users who may read internal information."""
    if document is None:
        return False
    cache = request_cache(info)
    if "restricted_collections" not in cache:
        cache["restricted_collections"] = list(
            CollectionViewRestriction.objects.values_list("collection__path", flat=True)
        )
    path = document.collection.path
    restricted = any(path.startswith(p) for p in cache["restricted_collections"])
    return not restricted or can_view_internal(info)
