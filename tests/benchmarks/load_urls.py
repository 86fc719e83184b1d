"""The load test's URLconf: the site's URLs plus /trivial/, a view that answers "ok" through
the whole middleware stack (the issue's "trivial view on the same server"; /healthz is
answered before any middleware, so it is the server's floor rather than a view)."""

from django.http import HttpResponse
from django.urls import path

from cms.urls import urlpatterns as site_urlpatterns


def trivial(request):
    return HttpResponse(b"ok", content_type="text/plain")


# Before the site's patterns: cms.urls ends with Wagtail's catch-all page serving.
urlpatterns = [path("trivial/", trivial), *site_urlpatterns]
