"""The coordinate search of the location form: GET, signed-in admin users only (Wagtail's
admin URLs require the admin access permission), JSON. The rule is services.locations."""

from django.http import JsonResponse
from django.urls import path
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from . import locations


@require_GET
def location_lookup(request):
    try:
        places = locations.lookup(request.GET.get("q"))
    except locations.BadQuery:
        return JsonResponse(
            {"error": _("Type a street, a postal code or a municipality (2–200 characters).")},
            status=400,
        )
    return JsonResponse({"results": [place.as_json() for place in places]})


def urlpatterns():
    """register_admin_urls (services/wagtail_hooks.py)."""
    return [path("services/locations/", location_lookup, name="services_location_lookup")]
