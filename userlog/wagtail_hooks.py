"""The user log's admin screens and their Reports menu items (userlog/views.py): registering
only; who sees them is userlog.access."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks

from cms.admin_menu import MenuItemFor

from .access import may_view_logs
from .views import OrganisationHistoryView, UserLogView


@hooks.register("register_admin_urls")
def register_urls():
    return [
        path("reports/user-log/", UserLogView.as_view(), name="userlog_report"),
        path(
            "reports/user-log/results/",
            UserLogView.as_view(results_only=True),
            name="userlog_report_results",
        ),
        path(
            "reports/admin-actions/",
            OrganisationHistoryView.as_view(),
            name="userlog_admin_actions",
        ),
        path(
            "reports/admin-actions/results/",
            OrganisationHistoryView.as_view(results_only=True),
            name="userlog_admin_actions_results",
        ),
    ]


@hooks.register("register_reports_menu_item")
def register_user_log_menu_item():
    return MenuItemFor(
        _("User log"), reverse("userlog_report"), icon_name="view", order=70, shown_to=may_view_logs
    )


@hooks.register("register_reports_menu_item")
def register_admin_actions_menu_item():
    return MenuItemFor(
        _("Admin actions by organisation"),
        reverse("userlog_admin_actions"),
        icon_name="history",
        order=71,
        shown_to=may_view_logs,
    )
