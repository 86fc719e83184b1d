"""The service page: every public field; for municipal users the internal instructions."""

from django.http import Http404
from django.shortcuts import render
from django.urls import path

from .. import api
from . import locale


def service(request, service_id, slug=None):
    data = api.query(request, "customer-detail", {"id": str(service_id), "locale": locale(request)})
    if not data.get("service"):
        raise Http404
    return render(request, "frontend/service.html", {"service": data["service"]})


urlpatterns = [
    path("services/<int:service_id>/", service, name="service"),
    path("services/<int:service_id>/<slug:slug>/", service, name="service_slug"),
]
