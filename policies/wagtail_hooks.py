import datetime as dt

from django.template.loader import render_to_string
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from laces.components import Component
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from .access import can_view_monitoring
from .notifications import RECENT_DAYS, recent_policies
from .reports import sanctions_report
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
    ]


class AdminUserMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm("wagtailadmin.access_admin")


@hooks.register("register_admin_menu_item")
def register_policies_menu_item():
    return AdminUserMenuItem(
        _("Service policies"), reverse("policies_list"), icon_name="doc-full-inverse", order=305
    )


class SanctionsMenuItem(MenuItem):
    def is_shown(self, request):
        return can_view_monitoring(request.user)


@hooks.register("register_reports_menu_item")
def register_sanctions_menu_item():
    return SanctionsMenuItem(
        _("Sanctions"), reverse("policies_sanctions_report"), icon_name="warning", order=60
    )


class RecentPoliciesPanel(Component):
    """Policies published or changed in the last 30 days, on every user's dashboard."""

    order = 20

    def __init__(self, entries):
        self.entries = entries

    def render_html(self, parent_context=None):
        return render_to_string(
            "policies/dashboard_panel.html",
            {"entries": self.entries},
            request=parent_context.get("request") if parent_context else None,
        )


@hooks.register("construct_homepage_panels")
def recent_policies_panel(request, panels):
    language = (get_language() or "fi")[:2]
    since = timezone.now() - dt.timedelta(days=RECENT_DAYS)
    pages = recent_policies(language, since)
    if not pages:
        return
    entries = [{"page": page, "is_new": page.first_published_at > since} for page in pages]
    panels.append(RecentPoliciesPanel(entries))


@hooks.register("register_log_actions")
def register_policy_log_actions(actions):
    actions.register_action(
        "policies.content_notice", _("Confirm a content notice"), _("Content notice confirmed")
    )
