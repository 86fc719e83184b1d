"""Home (browse) and the search and results page."""

from django.shortcuts import render
from django.urls import path

from .. import api
from . import locale


def home(request):
    return render(request, "frontend/home.html", {})


def services(request):
    data = api.query(request, "catalogue-search", {"locale": locale(request), "limit": 20})
    return render(request, "frontend/services.html", {"results": data["services"]})


urlpatterns = [
    path("", home, name="home"),
    path("services/", services, name="services"),
]
