"""The frontend's addresses, under the language prefix: `/` (Finnish, the default),
`/sv/`, `/en/` (cms/urls.py includes them with i18n_patterns)."""

from django.urls import path

from . import views

app_name = "frontend"

urlpatterns = [
    path("", views.home, name="home"),
    path("services/", views.services, name="services"),
    path("services/<int:service_id>/", views.service, name="service"),
    path("services/<int:service_id>/<slug:slug>/", views.service, name="service_slug"),
]
