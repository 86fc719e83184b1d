"""Registrations only: the views live in privacy/views.py, the rules in privacy/access.py
(DESIGN.md convention 11)."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks

from cms.admin_menu import MenuItemFor

from . import views
from .access import may_handle_requests


@hooks.register("register_admin_urls")
def register_privacy_urls():
    return [
        path("privacy/", views.index, name="privacy_requests"),
        path("privacy/<int:user_id>/", views.person, name="privacy_person"),
        path(
            "privacy/<int:user_id>/export/json/",
            views.export,
            {"fmt": "json"},
            name="privacy_export_json",
        ),
        path(
            "privacy/<int:user_id>/export/csv/",
            views.export,
            {"fmt": "csv"},
            name="privacy_export_csv",
        ),
        path("privacy/<int:user_id>/erase/", views.erase, name="privacy_erase"),
    ]


@hooks.register("register_admin_menu_item")
def register_privacy_menu_item():
    return MenuItemFor(
        _("Data-subject requests"),
        reverse("privacy_requests"),
        icon_name="user",
        order=850,
        shown_to=may_handle_requests,
    )
