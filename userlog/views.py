"""The admin's screens of the logs (docs/privacy.md, "User log"):

- the user log (`UserLogView`): filters by user, service, date range, action, channel and
  organisation; a CSV for Excel (`?export=csv`, cms.exports.csv_response) and XLSX. Opening it is logged
  ("view_user_log"), exporting it is an export of personal data ("export_personal_data");
- the admin actions of an organisation's users (`OrganisationHistoryView`): Wagtail's audit
  log (the site history report) kept to the users in scope, with an organisation filter.

Both are read-only: no add, edit or delete view exists. Who sees what is userlog.access.
"""

import django_filters
from django.core.exceptions import PermissionDenied
from django.db.models import IntegerField, Q, Value
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import DateRangePickerWidget, WagtailFilterSet
from wagtail.admin.views.reports import ReportView
from wagtail.admin.views.reports.audit_logging import (
    LogEntriesView,
    SiteHistoryReportFilterSet,
)
from wagtail.log_actions import registry as log_action_registry

from cms.exports import csv_response

from .access import may_view_logs, organisations_in_scope, users_in_scope, visible_entries
from .log import record
from .models import Action, Channel, UserLogEntry


def _users(request):
    return users_in_scope(request.user).order_by("last_name", "first_name", "username")


def _organisations(request):
    return organisations_in_scope(request.user).order_by("name")


class UserLogFilterSet(WagtailFilterSet):
    user = django_filters.ModelChoiceFilter(
        label=_("User"), queryset=_users, method="filter_user", empty_label=_("All users")
    )
    service = django_filters.CharFilter(
        label=_("Service"),
        method="filter_service",
        help_text=_("The service's id or part of its name"),
    )
    at = django_filters.DateFromToRangeFilter(
        label=_("Date"), field_name="at", widget=DateRangePickerWidget
    )
    action = django_filters.ChoiceFilter(label=_("Action"), choices=Action.choices)
    channel = django_filters.ChoiceFilter(label=_("Channel"), choices=Channel.choices)
    organisation = django_filters.ModelChoiceFilter(
        label=_("Organisation"), queryset=_organisations, empty_label=_("All organisations")
    )

    class Meta:
        model = UserLogEntry
        fields = []

    def filter_user(self, queryset, name, value):
        # By the id at the time: the rows of a deleted account stay findable.
        return queryset.filter(user_key=value.pk)

    def filter_service(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        match = Q(object_label__icontains=value)
        if value.isdigit():
            match |= Q(object_id=value)
        return queryset.filter(match, object_type="service")


# Columns of the CSV export (and of the XLSX one).
EXPORT_HEADINGS = {
    "at": _("Time"),
    "user_name": _("User"),
    "user_key": _("User id"),
    "organisation_name": _("Organisation"),
    "action_label": _("Action"),
    "channel_label": _("Channel"),
    "object_type": _("Object type"),
    "object_id": _("Object id"),
    "object_label": _("Object"),
    "field": _("Field"),
    "subject_key": _("Data subject id"),
    "ip": _("IP address"),
}


def export_row(entry: UserLogEntry) -> dict:
    user = entry.user
    return {
        "at": timezone.localtime(entry.at),
        "user_name": (user.get_full_name() or user.get_username()) if user else "",
        "user_key": entry.user_key,
        "organisation_name": entry.organisation.name if entry.organisation else "",
        "action_label": entry.get_action_display(),
        "channel_label": entry.get_channel_display(),
        "object_type": entry.object_type,
        "object_id": entry.object_id,
        "object_label": entry.object_label,
        "field": entry.field,
        "subject_key": entry.subject_key,
        "ip": entry.ip or "",
    }


class UserLogView(ReportView):
    page_title = _("User log")
    header_icon = "view"
    results_template_name = "userlog/user_log_results.html"
    index_url_name = "userlog_report"
    index_results_url_name = "userlog_report_results"
    filterset_class = UserLogFilterSet
    list_export = list(EXPORT_HEADINGS)
    export_headings = EXPORT_HEADINGS
    paginate_by = 50
    # The menu asks this (cms.admin_menu.view_admits).
    admin_permission_test = staticmethod(may_view_logs)

    def dispatch(self, request, *args, **kwargs):
        if not may_view_logs(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_queryset(self):
        return visible_entries(self.request.user).select_related("user", "organisation")

    def get_filename(self):
        return f"user-log-{timezone.localdate().isoformat()}"

    def to_row_dict(self, item):
        return export_row(item)

    def render_to_response(self, context, **response_kwargs):
        filters = self.request.GET.copy()
        filters.pop("export", None)
        if self.is_export:
            fmt = self.request.GET.get("export")
            entries = list(context["object_list"])
            record(
                self.request,
                Action.EXPORT_PERSONAL_DATA,
                object_type="user_log",
                object_label=str(_("User log")),
                field=fmt,
                detail={"filters": filters.urlencode()[:500], "rows": len(entries)},
            )
            if fmt == self.FORMAT_CSV:
                # For Finnish and Swedish Excel (cms/exports.py: BOM, ";", no formulas).
                rows = [export_row(entry) for entry in entries]
                return csv_response(rows, EXPORT_HEADINGS, self.get_filename())
            return self.as_spreadsheet(entries, fmt)
        record(
            self.request,
            Action.VIEW_USER_LOG,
            object_type="user_log",
            object_label=str(_("User log")),
            detail={"filters": filters.urlencode()[:500]},
        )
        return super().render_to_response(context, **response_kwargs)


# --- Wagtail's audit log per organisation -------------------------------------------------------
class OrganisationHistoryFilterSet(SiteHistoryReportFilterSet):
    organisation = django_filters.ModelChoiceFilter(
        label=_("Organisation"),
        queryset=_organisations,
        method="filter_organisation",
        empty_label=_("All organisations"),
    )

    def _in_scope(self):
        users = users_in_scope(self.request.user).values("pk")
        return [
            log_model.objects.filter(user_id__in=users)
            for log_model in log_action_registry.get_log_entry_models()
        ]

    def get_action_choices(self):
        actions = set()
        for rows in self._in_scope():
            actions.update(rows.order_by().values_list("action", flat=True).distinct())
        return [choice for choice in log_action_registry.get_choices() if choice[0] in actions]

    def get_users_queryset(self):
        """The users in scope who did something (Wagtail's own report lists everyone who
        ever did)."""
        from django.contrib.auth import get_user_model

        ids = set()
        for rows in self._in_scope():
            ids.update(rows.order_by().values_list("user_id", flat=True).distinct())
        User = get_user_model()
        return User.objects.filter(pk__in=ids).order_by(User.USERNAME_FIELD)

    def filter_organisation(self, queryset, name, value):
        from cms.models import Membership

        members = Membership.objects.filter(organisation=value).values("user_id")
        return queryset.filter(user_id__in=members)


class OrganisationHistoryView(LogEntriesView):
    """Wagtail's site history kept to the admin actions of the users in scope
    (userlog.access.users_in_scope): all for maintainers, their own organisation's users'
    for main users, whatever the object (their users' actions are what they answer for)."""

    page_title = _("Admin actions by organisation")
    header_icon = "history"
    filterset_class = OrganisationHistoryFilterSet
    index_url_name = "userlog_admin_actions"
    index_results_url_name = "userlog_admin_actions_results"
    admin_permission_test = staticmethod(may_view_logs)

    def dispatch(self, request, *args, **kwargs):
        if not may_view_logs(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_filename(self):
        return f"admin-actions-{timezone.localdate().isoformat()}"

    def get_filtered_queryset(self):
        """As Wagtail's (one union of every log model's rows), with each model's rows kept
        to the users in scope instead of the objects the viewer may edit."""
        self.log_models = list(log_action_registry.get_log_entry_models())
        users = users_in_scope(self.request.user).values("pk")
        queryset = None
        for index, log_model in enumerate(self.log_models):
            rows = (
                log_model.objects.filter(user_id__in=users)
                .values("pk", "timestamp")
                .annotate(log_model_index=Value(index, output_field=IntegerField()))
            )
            rows = self.filter_queryset(rows).order_by()
            queryset = rows if queryset is None else queryset.union(rows, all=True)
        return queryset.order_by("-timestamp")
