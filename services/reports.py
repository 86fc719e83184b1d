"""The pipeline SLA report (julkaisuputki): open reviews and closed-review statistics."""

import datetime as dt

import tablib
from django import forms
from django.http import HttpResponse
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.admin.widgets import AdminDateInput
from wagtail.models import WorkflowState
from wagtail.permission_policies.pages import PagePermissionPolicy

from cms.admin_menu import admin_permission
from cms.exports import csv_response, dataset, safe_cell
from cms.models import Organisation

from .models import HolidayPeriod
from .pipeline import place_label, reviews, summary_by_municipality


class SlaFilterForm(forms.Form):
    municipality = forms.ModelChoiceField(
        Organisation.objects.municipalities(), required=False, label=gettext_lazy("Municipality")
    )
    provider = forms.ModelChoiceField(
        Organisation.objects.providers(), required=False, label=gettext_lazy("Provider")
    )
    start = forms.DateField(
        required=False, label=gettext_lazy("Closed from"), widget=AdminDateInput()
    )
    end = forms.DateField(
        required=False, label=gettext_lazy("Closed until"), widget=AdminDateInput()
    )


def editable_ids(user) -> set[int]:
    return set(
        PagePermissionPolicy()
        .instances_user_has_permission_for(user, "change")
        .values_list("pk", flat=True)
    )


def service_url(page_id: int, editable: set[int]) -> str:
    """Where a row of the report links: the editor for those who may edit the service,
    otherwise its service card."""
    if page_id in editable:
        return reverse("wagtailadmin_pages:edit", args=[page_id])
    return reverse("services_card", args=[page_id])


def visible_reviews(user, status, filters, editable=None):
    """The reviews of services `user` may edit (`editable`: their ids, when known)."""
    editable = editable_ids(user) if editable is None else editable
    result = [r for r in reviews(status=status) if r.page.pk in editable]
    if filters.get("municipality"):
        result = [
            r for r in result if r.page.responsible_municipality_id == filters["municipality"].pk
        ]
    if filters.get("provider"):
        result = [r for r in result if r.page.provider_id == filters["provider"].pk]
    return result


def open_rows(open_reviews, editable=frozenset()):
    return [
        {
            "service": r.page.title,
            "url": service_url(r.page.pk, editable),
            "place": place_label(r.page),
            "id": r.page.pk,
            "provider": str(r.page.provider),
            "municipality": str(r.page.responsible_municipality),
            "responsible": r.page.municipal_responsible.get_full_name()
            if r.page.municipal_responsible
            else "",
            "waiting_days": round(r.waited_days, 1),
            "target_days": r.target_days + r.extension_days,
            "deadline": r.deadline,
            "overdue": r.overdue,
        }
        for r in sorted(open_reviews, key=lambda r: -r.waited_days)
    ]


HEADERS = {
    "service": gettext_lazy("Service"),
    "provider": gettext_lazy("Provider"),
    "municipality": gettext_lazy("Responsible municipality"),
    "responsible": gettext_lazy("Responsible person"),
    "waiting_days": gettext_lazy("Days waiting"),
    "target_days": gettext_lazy("Target (days)"),
    "deadline": gettext_lazy("Deadline"),
    "overdue": gettext_lazy("Overdue"),
}


def may_see_sla_report(user) -> bool:
    """The report lists the reviews of services the user may edit: nobody else has a use
    for it (an expert edits no service), so its menu item is theirs only."""
    return PagePermissionPolicy().user_has_permission(user, "change")


@admin_permission(may_see_sla_report)
def sla_report(request):
    form = SlaFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    today = timezone.localdate()
    start = filters.get("start") or today - dt.timedelta(days=365)
    end = filters.get("end") or today
    editable = editable_ids(request.user)
    open_reviews = visible_reviews(
        request.user, WorkflowState.STATUS_IN_PROGRESS, filters, editable
    )
    closed = [
        r
        for r in visible_reviews(request.user, WorkflowState.STATUS_APPROVED, filters, editable)
        if r.finished_at and start <= timezone.localtime(r.finished_at).date() <= end
    ]
    rows = open_rows(open_reviews, editable)
    summary = summary_by_municipality(closed)
    export = request.GET.get("export")
    if export in ("csv", "xlsx"):
        return export_response(rows, summary, export)
    return TemplateResponse(
        request,
        "services/sla_report.html",
        {
            "form": form,
            "rows": rows,
            "headers": list(HEADERS.values()),
            "summary": summary,
            "start": start,
            "end": end,
            "holidays": HolidayPeriod.current(),
            "page_title": _("Pipeline SLA"),
            "header_icon": "time",
            "query": request.GET.urlencode(),
        },
    )


def export_response(rows, summary, fmt):
    """CSV for Excel in the interface language (cms.exports.csv_response) or XLSX (open
    reviews and the closed-review summary as two sheets)."""
    if fmt == "csv":
        return csv_response(rows, HEADERS, "pipeline-sla")
    reviews_sheet = dataset(rows, HEADERS, _("Open reviews"))
    summary_sheet = tablib.Dataset(
        headers=[
            _("Municipality"),
            _("Closed"),
            _("Median days"),
            _("90th percentile days"),
            _("Within target"),
        ],
        title=_("Closed reviews"),
    )
    for name, s in summary.items():
        summary_sheet.append(
            [safe_cell(name), s.count, s.median_days, s.p90_days, s.within_target_share]
        )
    book = tablib.Databook([reviews_sheet, summary_sheet])
    response = HttpResponse(
        book.export("xlsx"),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = 'attachment; filename="pipeline-sla.xlsx"'
    return response
