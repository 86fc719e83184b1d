"""The service page: every public field; for municipal users the internal instructions.

One API request (graphql/queries/service-page.graphql): the service with its readable
labels, who is asking (`me`), and the internal instructions when the page shows them
(`?view=internal`, offered only when `me.canViewInternal`; the API returns null to anyone
else, so a forged parameter shows nothing more). The admin's service card renders the same
includes from the same document (`service_context`).
"""

from urllib.parse import quote, urlencode

from django.shortcuts import render
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.clickjacking import xframe_options_sameorigin

from .. import api
from ..caching import cache_page_for_visitors
from . import locale

INTERNAL_VIEW = "internal"
CLIENT_VIEW = "client"  # a preview shows the internal instructions unless asked for this
WEEKDAYS = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]  # the API's weekday values


def fetch(request, service_id, language: str, internal: bool) -> dict:
    """The service-page document's data for this reader: {"me": ..., "service": ...}.
    An id the API does not accept (out of range) is an unknown service; an API that
    cannot answer raises api.ApiError."""
    try:
        return api.query(
            request,
            "service-page",
            {"id": str(service_id), "locale": language, "internal": internal},
            operation="ServicePage",
        )
    except api.ApiError as error:
        if error.code == "BAD_USER_INPUT":
            return {}
        raise


def service_context(data: dict, wants_internal: bool) -> dict:
    """What the includes (frontend/includes/service_*.html) need, from the document's data."""
    service = data["service"]
    me = data.get("me")
    can_view_internal = bool(me and me.get("canViewInternal"))
    internal = service.get("internal") if can_view_internal and wants_internal else None
    # Templates cannot read `__typename` (no leading underscores): the union's member as `type`.
    for block in [*(service.get("description") or []), *(service.get("resources") or [])]:
        block["type"] = block.get("__typename", "")
    for block in service.get("timeAndPlace") or []:
        block["weeklyTimes"] = sorted(
            block.get("weeklyTimes") or [],
            key=lambda t: (
                WEEKDAYS.index(t["weekday"]) if t["weekday"] in WEEKDAYS else 7,
                t["start"],
            ),
        )
    if internal is not None:
        for attachment in internal.get("attachments") or []:
            attachment["type"] = "AttachmentBlock"
        internal["has_content"] = any(
            value for key, value in internal.items() if key not in ("has_content",)
        )
    return {
        "service": service,
        "me": me,
        "can_view_internal": can_view_internal,
        "show_internal": internal is not None,
        "internal": internal,
        "locations": _locations(service),
    }


def _locations(service) -> list:
    """Every distinct place of the time-and-place blocks (one line each in the facts)."""
    seen, out = set(), []
    for block in service.get("timeAndPlace") or []:
        for location in block.get("locations") or []:
            key = (location.get("streetAddress"), location.get("postalCode"), location.get("city"))
            if key not in seen:
                seen.add(key)
                out.append(location)
    return out


@cache_page_for_visitors
def service(request, service_id, slug=None):
    language = locale(request)
    wants_internal = request.GET.get("view") == INTERNAL_VIEW
    try:
        data = fetch(request, service_id, language, wants_internal)
    except api.ApiError:
        return _failure(
            request,
            503,
            _("The service manual cannot be reached right now. Please try again shortly."),
        )
    if not data.get("service"):
        # Unknown, unpublished, archived, view-restricted or not a service: the API says
        # nothing more, and neither does the page.
        return _failure(request, 404, _("There is no such service. It may have been removed."))
    context = service_context(data, wants_internal)
    item = context["service"]
    path = reverse("frontend:service_slug", args=[item["id"], item["slug"]])
    share_url = request.build_absolute_uri(path)
    context.update(
        {
            "page_path": path,
            "share_url": share_url,
            "share_mailto": "mailto:?subject={}&body={}".format(
                quote(item["title"]), quote(f"{item['title']}\n{share_url}")
            ),
            "client_view_url": path,
            "internal_view_url": f"{path}?view={INTERNAL_VIEW}",
            "results_url": reverse("frontend:services"),
        }
    )
    return render(request, "frontend/service.html", context)


@never_cache
@xframe_options_sameorigin
def preview(request):
    """Unsaved content an editor previews, as its service page: `?token=` of Wagtail's
    preview (wagtail-headless-preview; the admin's preview renders this view in process,
    a frontend deployed apart is sent here by HEADLESS_PREVIEW_URL). Municipal users see
    the internal instructions unless `?view=client`; the API returns them to nobody else.
    Never cached, never indexed; a bad or expired token is a 400 page that says so."""
    token = request.GET.get("token", "")
    if not token:
        return _failure(request, 400, _("This preview link has no token. Preview again."))
    wants_internal = request.GET.get("view") != CLIENT_VIEW
    try:
        data = api.query(
            request,
            "service-page",
            {"token": token, "locale": locale(request), "internal": wants_internal},
            operation="ServicePreview",
        )
    except api.ApiError as error:
        if error.code == "BAD_USER_INPUT":
            return _failure(
                request, 400, _("This preview has expired or is invalid. Preview again.")
            )
        return _failure(
            request,
            503,
            _("The service manual cannot be reached right now. Please try again shortly."),
        )
    context = service_context(data, wants_internal)
    base = f"{reverse('frontend:preview')}?{urlencode({'token': token})}"
    context.update(
        {
            "is_preview": True,
            "page_path": base,
            "client_view_url": f"{base}&view={CLIENT_VIEW}",
            "internal_view_url": base,
            "results_url": reverse("frontend:services"),
        }
    )
    response = render(request, "frontend/service.html", context)
    response["X-Robots-Tag"] = "noindex"
    return response


def _failure(request, status, message):
    """The page without a service: why, and the way back to the catalogue."""
    context = {"service": None, "failure": message, "results_url": reverse("frontend:services")}
    return render(request, "frontend/service.html", context, status=status)


# Any id of the service (of any of its translations): the API returns the locale's version.
urlpatterns = [
    path("services/<int:service_id>/", service, name="service"),
    path("services/<int:service_id>/<str:slug>/", service, name="service_slug"),
    path("preview/", preview, name="preview"),
]
