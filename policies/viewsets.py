"""Admin screens: decisions and agreement monitoring (Wagtail ModelViewSets).

Maintainers manage every record. A partner's users read their own organisation's
attendance, content cases, knowledge-transfer breaches and representatives: the listing,
the inspect view (by id), the spreadsheet export and every other view that opens a record
go through `policies.access.scoped`, so another partner's record is a 404.
"""

from django.contrib import messages
from django.contrib.admin.utils import unquote
from django.shortcuts import get_object_or_404
from django.urls import path
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import ObjectList
from wagtail.admin.ui.tables import Column
from wagtail.admin.views import generic
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet

from cms.admin_views import ScopedObjectViewsMixin
from cms.exports import safe_cell

from . import rules
from .access import MonitoringPermissionPolicy, scoped
from .live_result import (
    decision_from_form,
    decision_live_result,
    live_result,
    live_result_config,
    render_live_result,
)
from .models import (
    Attendance,
    ContentCase,
    Decision,
    KnowledgeTransferBreach,
    Meeting,
    PartnerContact,
    Vote,
    is_partner_on,
    voting_partners,
)


# --- Scoping, shared by every monitoring view ----------------------------------------------------
class ScopedMixin:
    """Querysets and single objects narrowed to what the user may read."""

    def scoped_queryset(self, queryset):
        return scoped(self.request.user, queryset, self.permission_policy.organisation_field)

    def get_scoped_object(self, pk):
        return get_object_or_404(
            self.scoped_queryset(self.model._default_manager.all()), pk=unquote(str(pk))
        )


class ScopedIndexView(ScopedMixin, generic.IndexView):
    # Relations the listing's columns read, loaded with the rows (no query per row).
    select_related = ("organisation",)
    prefetch_related = ()

    def preprocess_field_value(self, field, value, export_format):
        # Wagtail keeps formulas out of its XLSX export but not out of its CSV one.
        return safe_cell(super().preprocess_field_value(field, value, export_format))

    def get_base_queryset(self):
        queryset = self.scoped_queryset(super().get_base_queryset())
        if self.select_related:
            queryset = queryset.select_related(*self.select_related)
        return queryset.prefetch_related(*self.prefetch_related)


class ScopedInspectView(ScopedMixin, generic.InspectView):
    def get_object(self, queryset=None):
        return self.get_scoped_object(self.pk)


class ScopedEditView(ScopedMixin, generic.EditView):
    def get_object(self, queryset=None):
        return self.get_scoped_object(self.kwargs[self.pk_url_kwarg])


class ScopedDeleteView(ScopedMixin, generic.DeleteView):
    def get_object(self, queryset=None):
        return self.get_scoped_object(self.kwargs[self.pk_url_kwarg])


class MonitoringViewSet(ScopedObjectViewsMixin, ModelViewSet):
    organisation_field: str | None = "organisation"
    index_view_class = ScopedIndexView
    inspect_view_class = ScopedInspectView
    edit_view_class = ScopedEditView
    delete_view_class = ScopedDeleteView
    inspect_view_enabled = True
    copy_view_enabled = False

    @property
    def permission_policy(self):
        return MonitoringPermissionPolicy(self.model, self.organisation_field)


def date_column(name, label, sort_key=None):
    return Column(
        name,
        label=label,
        accessor=lambda obj: rules.format_date(getattr(obj, name)),
        sort_key=sort_key or name,
    )


# --- Decisions ---------------------------------------------------------------------------------
class DecisionForm(WagtailAdminModelForm):
    """A new decision's form starts with a working-group vote row for every partner.

    A matter only the steering group decides (`rules.STEERING_GROUP_ONLY`) is refused with a
    working-group vote (for, against or abstain): the working group does not decide it. Rows
    left "absent" (the prefilled ones) are dropped on save (`DecisionSaveMixin`)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "kind" in self.fields:
            self.fields["kind"].required = False  # a form without it records a policy matter
        if self.is_bound or self.instance.pk is not None:
            return
        today = timezone.localdate()
        partners = [org for org in voting_partners() if is_partner_on(org, today)]
        formset = self.formsets["working_group_votes"]
        prefilled = type(formset)
        prefilled = type(prefilled.__name__, (prefilled,), {"extra": len(partners)})
        self.formsets["working_group_votes"] = prefilled(
            instance=self.instance,
            prefix=formset.prefix,
            initial=[{"organisation": org.pk, "vote": Vote.ABSENT} for org in partners],
            form_kwargs=formset.form_kwargs,
        )

    def clean_kind(self):
        return self.cleaned_data.get("kind") or rules.POLICY

    def clean(self):
        cleaned = super().clean()
        if not rules.steering_group_only(cleaned.get("kind") or ""):
            return cleaned
        formset = self.formsets.get("working_group_votes")
        if formset is not None:
            formset.is_valid()  # the formsets are cleaned after the form: clean its rows now
        voted = [
            form.cleaned_data
            for form in getattr(formset, "forms", [])
            if getattr(form, "cleaned_data", None)
            and not form.cleaned_data.get("DELETE")
            and form.cleaned_data.get("vote") not in (None, "", Vote.ABSENT)
        ]
        if voted:
            self.add_error(
                "kind",
                _(
                    "Only the steering group decides on a new partner, unforeseen costs or "
                    "terminating a partner: record the steering group's votes, not the working "
                    "group's."
                ),
            )
        return cleaned


class DecisionSaveMixin:
    """After saving: a steering-group-only matter keeps no working-group rows (the prefilled
    absent ones); every round with votes gets an absent row for each missing partner.
    The form shows the live result (`policies.live_result`) below the votes."""

    template_name = "policies/decision_form.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        instance = getattr(self, "object", None)
        instance = instance if instance is not None and instance.pk else None
        if self.request.method == "POST":
            decision = decision_from_form(self.request.POST, instance)
        else:
            decision = instance or Decision()
        context["live_result"] = render_live_result(live_result(decision))
        context["live_result_url"] = live_result_config()["url"]
        context["live_result_decision"] = instance.pk if instance else ""
        return context

    def save_instance(self):
        instance = super().save_instance()
        if instance.steering_group_only:
            instance.working_group_votes.filter(vote=Vote.ABSENT).delete()
        instance.complete_votes()
        return instance


class DecisionIndexView(ScopedIndexView):
    select_related = ()
    prefetch_related = ("working_group_votes__organisation", "steering_group_votes__organisation")

    def paginate_queryset(self, queryset, page_size):
        paginator, page, object_list, is_paginated = super().paginate_queryset(queryset, page_size)
        # The outcome column tallies each row against the partners, read once here.
        partners = voting_partners()
        for decision in object_list:
            decision._partners = partners
        return paginator, page, object_list, is_paginated


class DecisionCreateView(DecisionSaveMixin, generic.CreateView):
    pass


class DecisionEditView(DecisionSaveMixin, ScopedEditView):
    pass


class DecisionInspectView(ScopedInspectView):
    template_name = "policies/decision_inspect.html"
    fields = [
        "title",
        "kind",
        "proposal",
        "partner",
        "partner_end_date",
        "working_group_date",
        "steering_group_date",
        "notes",
    ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        decision = self.object
        context["rounds"] = [
            {
                "body": label,
                "date": date,
                "votes": decision.votes(body),
                "tally": decision.tally(body),
            }
            for body, label, date in (
                (rules.WORKING_GROUP, _("Working group"), decision.working_group_date),
                (rules.STEERING_GROUP, _("Steering group"), decision.steering_group_date),
            )
            if decision.tally(body) is not None
        ]
        context["decision"] = decision
        context["policies"] = decision.policies.filter(locale__language_code="fi")
        return context


class DecisionViewSet(MonitoringViewSet):
    model = Decision
    organisation_field = None
    icon = "tick-inverse"
    menu_label = _("Decisions")
    add_view_class = DecisionCreateView
    edit_view_class = DecisionEditView
    edit_handler = ObjectList(Decision.panels, base_form_class=DecisionForm)
    inspect_view_class = DecisionInspectView
    index_view_class = DecisionIndexView
    list_display = [
        "title",
        date_column("working_group_date", _("Working group")),
        date_column("steering_group_date", _("Steering group")),
        "kind",
        Column("outcome_label", label=_("Outcome")),
    ]
    list_filter = ["kind"]
    search_fields = ["title", "proposal"]
    ordering = ["-working_group_date"]

    def get_urlpatterns(self):
        return super().get_urlpatterns() + [
            path("live-result/", decision_live_result, name="live_result"),
        ]


# --- Meetings and attendance -------------------------------------------------------------------
class MeetingIndexView(ScopedIndexView):
    select_related = ("facilitator",)


class HolidayWarningMixin:
    """After saving, warn when the meeting falls in a holiday season (`Meeting.holiday_warning`)."""

    def save_instance(self):
        instance = super().save_instance()
        warning = instance.holiday_warning()
        if warning:
            messages.warning(self.request, warning)
        return instance


class MeetingCreateView(HolidayWarningMixin, generic.CreateView):
    pass


class MeetingEditView(HolidayWarningMixin, ScopedEditView):
    pass


class MeetingViewSet(MonitoringViewSet):
    model = Meeting
    organisation_field = None
    icon = "date"
    menu_label = _("Meetings")
    index_view_class = MeetingIndexView
    add_view_class = MeetingCreateView
    edit_view_class = MeetingEditView
    list_display = ["__str__", "body", "facilitator", "topic"]
    list_filter = ["body"]
    ordering = ["-date"]


class AttendanceIndexView(ScopedIndexView):
    select_related = ("meeting", "organisation")


class AttendanceViewSet(MonitoringViewSet):
    model = Attendance
    icon = "group"
    menu_label = _("Attendance")
    index_view_class = AttendanceIndexView
    form_fields = ["meeting", "organisation", "status"]
    list_display = [
        Column(
            "date",
            label=_("Date"),
            accessor=lambda a: rules.format_date(a.meeting.date),
            sort_key="meeting__date",
        ),
        Column("body", label=_("Body"), accessor=lambda a: a.meeting.get_body_display()),
        "organisation",
        "status",
    ]
    list_filter = ["status"]
    list_export = ["meeting", "organisation", "status"]
    ordering = ["-meeting__date"]


# --- Content cases -----------------------------------------------------------------------------
class ContentCaseIndexView(ScopedIndexView):
    select_related = ("organisation", "service")
    prefetch_related = ("pauses",)


class ContentCaseInspectView(ScopedInspectView):
    template_name = "policies/content_case_inspect.html"
    fields = ["organisation", "service", "kind", "description"]

    def get_context_data(self, **kwargs):
        from django.utils import timezone

        context = super().get_context_data(**kwargs)
        case = self.object
        step = case.next_step
        today = timezone.localdate()
        context.update(
            {
                "case": case,
                "notices": [
                    (_("1st notice"), case.first_notice_on),
                    (_("2nd notice"), case.second_notice_on),
                    (_("3rd notice and sanction"), case.third_notice_on),
                    (_("Fixed"), case.fixed_on),
                ],
                "pauses": case.pauses.all(),
                "step": step,
                "step_label": case.next_step_label,
                "step_due": step is not None and step.is_due(today),
                "can_confirm": step is not None
                and step.is_due(today)
                and self.permission_policy.user_has_permission_for_instance(
                    self.request.user, "change", case
                ),
                "sanction": rules.CONTENT_SANCTION if case.third_notice_on else None,
            }
        )
        return context


def next_step_column():
    def accessor(case):
        step = case.next_step
        if step is None:
            return "–"
        if step.due is None:
            return _("%(step)s (paused)") % {"step": case.next_step_label}
        return f"{case.next_step_label}: {rules.format_date(step.due)}"

    return Column("next_step", label=_("Next step"), accessor=accessor)


class ContentCaseViewSet(MonitoringViewSet):
    model = ContentCase
    icon = "warning"
    menu_label = _("Content cases")
    index_view_class = ContentCaseIndexView
    inspect_view_class = ContentCaseInspectView
    list_display = [
        "__str__",
        "kind",
        Column("status_label", label=_("Status")),
        next_step_column(),
    ]
    list_filter = ["kind"]
    list_export = [
        "organisation",
        "service",
        "kind",
        "description",
        "first_notice_on",
        "second_notice_on",
        "third_notice_on",
        "fixed_on",
    ]
    search_fields = ["description"]
    ordering = ["-first_notice_on"]

    def get_urlpatterns(self):
        from .views import confirm_content_step

        return super().get_urlpatterns() + [
            path("<str:pk>/confirm/", confirm_content_step, name="confirm"),
        ]


# --- Knowledge transfer and representatives ------------------------------------------------------
class KnowledgeTransferViewSet(MonitoringViewSet):
    model = KnowledgeTransferBreach
    icon = "doc-full"
    menu_label = _("Knowledge transfer")
    form_fields = [
        "organisation",
        "handover",
        "occurred_on",
        "description",
        "discussed_on",
        "notice_on",
        "justified",
    ]
    list_display = [
        "__str__",
        date_column("discussed_on", _("Discussed")),
        date_column("notice_on", _("Notice")),
        Column("next_step_label", label=_("Next step")),
    ]
    list_export = ["organisation", "handover", "occurred_on", "discussed_on", "notice_on"]
    ordering = ["-occurred_on"]


class PartnerContactViewSet(MonitoringViewSet):
    model = PartnerContact
    icon = "user"
    menu_label = _("Representatives")
    form_fields = ["organisation", "role", "name", "email", "start_date", "end_date", "is_active"]
    list_display = [
        "name",
        "organisation",
        "role",
        "email",
        date_column("start_date", _("Named from")),
        date_column("end_date", _("Last day")),
        "is_active",
    ]
    list_filter = ["role"]
    list_export = ["organisation", "role", "name", "email", "start_date", "end_date", "is_active"]
    ordering = ["organisation__name", "role"]


class MonitoringGroup(ViewSetGroup):
    menu_label = _("Agreement monitoring")
    menu_icon = "clipboard-list"
    menu_order = 310
    items = [
        DecisionViewSet("decisions", url_prefix="monitoring/decisions"),
        MeetingViewSet("meetings", url_prefix="monitoring/meetings"),
        AttendanceViewSet("attendance", url_prefix="monitoring/attendance"),
        ContentCaseViewSet("content-cases", url_prefix="monitoring/content-cases"),
        KnowledgeTransferViewSet("knowledge-transfer", url_prefix="monitoring/knowledge-transfer"),
        PartnerContactViewSet("partner-contacts", url_prefix="monitoring/representatives"),
    ]
