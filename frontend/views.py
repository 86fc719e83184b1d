"""The frontend's pages. Thin: each reads its data with frontend.api.query (GraphQL
documents of graphql/queries/) and renders a template."""

from django.http import Http404
from django.shortcuts import render
from django.utils.translation import get_language

from . import api


def locale(request) -> str:
    """The content locale of the page: the language of its URL prefix."""
    return get_language() or "fi"


def home(request):
    return render(request, "frontend/home.html", {})


def services(request):
    data = api.query(request, "catalogue-search", {"locale": locale(request), "limit": 20})
    return render(request, "frontend/services.html", {"results": data["services"]})


def service(request, service_id, slug=None):
    data = api.query(request, "customer-detail", {"id": str(service_id), "locale": locale(request)})
    if not data.get("service"):
        raise Http404
    return render(request, "frontend/service.html", {"service": data["service"]})
