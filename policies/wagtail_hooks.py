"""Registrations only: views, viewsets and panels live in their own modules (DESIGN.md
convention 11)."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks

from cms.admin_menu import MenuItemFor, has_permission

from .access import can_view_monitoring
from .panels import named_persons_panel, recent_policies_panel
from .reports import named_persons_report, sanctions_report
from .views import policy_list, policy_read
from .viewsets import MonitoringGroup


@hooks.register("register_admin_viewset")
def register_monitoring():
    return MonitoringGroup()


@hooks.register("register_admin_urls")
def register_policy_urls():
    return [
        path("policies/", policy_list, name="policies_list"),
        path("policies/<int:page_id>/", policy_read, name="policies_read"),
        path("reports/sanctions/", sanctions_report, name="policies_sanctions_report"),
        path("reports/named-persons/", named_persons_report, name="policies_named_persons_report"),
    ]


@hooks.register("register_admin_menu_item")
def register_policies_menu_item():
    return MenuItemFor(
        _("Service policies"),
        reverse("policies_list"),
        icon_name="doc-full-inverse",
        order=305,
        shown_to=has_permission("wagtailadmin.access_admin"),
    )


@hooks.register("register_reports_menu_item")
def register_sanctions_menu_item():
    return MenuItemFor(
        _("Sanctions"),
        reverse("policies_sanctions_report"),
        icon_name="warning",
        order=60,
        shown_to=can_view_monitoring,
    )


@hooks.register("register_reports_menu_item")
def register_named_persons_menu_item():
    return MenuItemFor(
        _("Named persons"),
        reverse("policies_named_persons_report"),
        icon_name="group",
        order=61,
        shown_to=can_view_monitoring,
    )


@hooks.register("register_log_actions")
def register_policy_log_actions(actions):
    actions.register_action(
        "policies.content_notice", _("Confirm a content notice"), _("Content notice confirmed")
    )


hooks.register("construct_homepage_panels", recent_policies_panel)
hooks.register("construct_homepage_panels", named_persons_panel)
