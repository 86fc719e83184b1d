"""The frontend's addresses, under the language prefix: `/` (Finnish, the default),
`/sv/`, `/en/` (cms/urls.py includes them with i18n_patterns). Each part of the frontend
lists its own addresses in its views module."""

from .views import catalogue, pages, service, staff

app_name = "frontend"

urlpatterns = [
    *catalogue.urlpatterns,
    *service.urlpatterns,
    *staff.urlpatterns,
    *pages.urlpatterns,
]
