"""The frontend's addresses, under the language prefix: `/` (Finnish, the default),
`/sv/`, `/en/` (cms/urls.py includes them with i18n_patterns). Each part of the frontend
lists its own addresses in its views module. The staff view's come before the service
page's: `services/<id>/change-request/` and the like would otherwise be read as a slug."""

from .views import catalogue, pages, service, staff

app_name = "frontend"

urlpatterns = [
    *catalogue.urlpatterns,
    *staff.urlpatterns,
    *service.urlpatterns,
    *pages.urlpatterns,
]
