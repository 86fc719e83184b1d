"""wagtail-localize's screens show the source's every segment, internal ones included.

The translation editor, its PO download/upload and preview, the snippet API it uses and
the translations report are therefore only for users who may read internal information
(`cms.access.may_read_internal`: translators, municipal users, maintainers);
wagtail-localize itself only asks for the right to edit the target page, which provider
roles have on their translated folders. Its screens that publish or overwrite live pages
also need publish rights (`translations.workflow.may_change_live_content`), and the pages
they name must be visible to the user (`services.admin_visibility.check_localize_screen`).

`services/wagtail_hooks.py` registers these guards.
"""

import re
from functools import cache

from django.core.exceptions import PermissionDenied
from django.http import HttpResponseForbidden
from django.urls import URLResolver, re_path, reverse
from django.urls.resolvers import RegexPattern

from cms.access import may_read_internal
from translations.workflow import may_change_live_content, translation_into
from userlog.log import record

from . import admin_visibility
from .models import ServicePage

LOCALIZE_GUARDED = r"^localize/(?!jsi18n/)"


def deny_translation_editor(request, page):
    """before_edit_page, before wagtail-localize's own hook, which replaces the edit view of
    a translated service with its editor."""
    if may_read_internal(request.user):
        log_editor_read(request, page)
        return None
    if isinstance(page.specific_deferred, ServicePage) and translation_into(page) is not None:
        raise PermissionDenied
    return None


def log_editor_read(request, page) -> None:
    """The user log (userlog/log.py): the editor of a service shows its internal
    information to this reader, wagtail-localize's translation editor all its internal
    segments. Logged when the screen is opened (GET)."""
    if request.method != "GET" or not isinstance(page.specific_deferred, ServicePage):
        return
    translation = translation_into(page)
    record(
        request,
        "read_internal",
        object_type="service",
        object_id=page.pk,
        object_label=page.title,
        field="internal",
        detail={"view": "translation_editor" if translation else "editor"},
    )


def log_pofile_download(request, translation_id) -> None:
    """The user log: a translation's PO file holds every segment of its source, internal
    ones included."""
    from wagtail_localize.models import Translation

    translation = Translation.objects.filter(pk=translation_id).select_related("source").first()
    if translation is None:
        return
    try:
        source = translation.source.get_source_instance()
    except Exception:  # the source object is gone: wagtail-localize answers 404
        return
    if not isinstance(source, ServicePage):
        return
    record(
        request,
        "read_internal",
        object_type="service",
        object_id=source.pk,
        object_label=source.title,
        field="internal",
        detail={"view": "pofile_download", "translation": translation.pk},
    )


@cache
def _localize_resolver():
    from wagtail_localize.wagtail_hooks import register_admin_urls

    admin_root = reverse("wagtailadmin_home")
    return URLResolver(RegexPattern("^" + re.escape(admin_root)), register_admin_urls())


def localize_screen(request, *args, **kwargs):
    """Every wagtail-localize admin URL: checked here, then handed to its own view."""
    if not may_read_internal(request.user):
        raise PermissionDenied
    match = _localize_resolver().resolve(request.path_info)
    admin_visibility.check_localize_screen(request, match.kwargs)
    if request.method == "POST" and not may_change_live_content(
        request.user, match.url_name, match.kwargs, request.POST
    ):
        # Never offered to this user, so a forged POST: a plain 403 (a PermissionDenied
        # here would be Wagtail's redirect to the dashboard).
        return HttpResponseForbidden()
    if match.url_name == "download_pofile":
        log_pofile_download(request, match.kwargs.get("translation_id"))
    return match.func(request, *match.args, **match.kwargs)


def urlpatterns():
    """Registered before wagtail-localize's own patterns, so this one answers first."""
    return [re_path(LOCALIZE_GUARDED, localize_screen)]


def hide_translations_report(request, menu_items):
    """construct_reports_menu: the translations report lists every source's segments."""
    if not may_read_internal(request.user):
        translations_url = reverse("wagtail_localize:translations_report")
        menu_items[:] = [item for item in menu_items if item.url != translations_url]
