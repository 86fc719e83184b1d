"""The benchmark URLconf: the site's URLs plus Wagtail's REST API v2 at /api/v2/.

Only tests.benchmarks.settings uses it (tests/benchmarks/api.py). API v2 does not go
through the GraphQL API's access checks (the `internal` field is served to anyone), so
it must never be mounted in cms/urls.py: it is here only to compare response times.
"""

from django.urls import path
from wagtail.api.v2.router import WagtailAPIRouter

from cms.urls import urlpatterns as site_urlpatterns

from .v2 import ServicesAPIViewSet

api_router = WagtailAPIRouter("benchmark_api")
api_router.register_endpoint("services", ServicesAPIViewSet)

# Before the site's patterns: cms.urls ends with Wagtail's catch-all page serving.
urlpatterns = [path("api/v2/", api_router.urls), *site_urlpatterns]
