"""The sanctions report (Reports › Sanctions): every sanction of a year with its reason, and
the billing summary per partner and half-year; CSV and XLSX export like the SLA report.

Maintainers see every partner; a partner's users see their own organisation only (the
partner filter offers nothing else, and a forged `partner` parameter is ignored).
"""

import tablib
from django import forms
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from cms.exports import dataset

from .access import can_view_monitoring, visible_organisations
from .sanctions import billing_summary, sanctions, total

HEADERS = {
    "partner": gettext_lazy("Partner"),
    "kind": gettext_lazy("Kind"),
    "subject": gettext_lazy("Body or case"),
    "period": gettext_lazy("Billing period"),
    "date": gettext_lazy("Date"),
    "amount": gettext_lazy("Amount (€)"),
    "reason": gettext_lazy("Reason"),
}
BILLING_HEADERS = {
    "partner": gettext_lazy("Partner"),
    "period": gettext_lazy("Billing period"),
    "count": gettext_lazy("Sanctions"),
    "total": gettext_lazy("Total (€)"),
}


def sanction_rows(found) -> list[dict]:
    return [
        {
            "partner": s.partner.name,
            "kind": s.kind_label,
            "subject": s.subject,
            "period": s.period,
            "date": s.date,
            "amount": s.amount,
            "reason": s.reason,
        }
        for s in found
    ]


def billing_rows(found) -> list[dict]:
    return [
        {"partner": b.partner.name, "period": b.period, "count": b.count, "total": b.total}
        for b in billing_summary(found)
    ]


class SanctionFilterForm(forms.Form):
    year = forms.IntegerField(
        label=gettext_lazy("Year"), min_value=2000, max_value=2100, required=False
    )
    partner = forms.ModelChoiceField(queryset=None, required=False, label=gettext_lazy("Partner"))

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["partner"].queryset = visible_organisations(user).order_by("name")


def sanctions_report(request):
    if not can_view_monitoring(request.user):
        raise PermissionDenied
    form = SanctionFilterForm(request.GET or None, user=request.user)
    filters = form.cleaned_data if form.is_valid() else {}
    year = filters.get("year") or timezone.localdate().year
    organisations = visible_organisations(request.user)
    if filters.get("partner"):
        organisations = organisations.filter(pk=filters["partner"].pk)
    found = sanctions(year, organisations)
    rows = sanction_rows(found)
    billing = billing_rows(found)
    export = request.GET.get("export")
    if export in ("csv", "xlsx"):
        return export_response(rows, billing, export, year)
    return TemplateResponse(
        request,
        "policies/sanctions_report.html",
        {
            "form": form,
            "year": year,
            "rows": rows,
            "headers": list(HEADERS.values()),
            "billing": billing,
            "billing_headers": list(BILLING_HEADERS.values()),
            "count": len(found),
            "total": total(found),
            "page_title": _("Sanctions"),
            "header_icon": "warning",
            "query": request.GET.urlencode(),
        },
    )


def export_response(rows, billing, fmt, year):
    sheet = dataset(rows, HEADERS, "Sanctions")
    filename = f"sanctions-{year}"
    if fmt == "csv":
        response = HttpResponse(sheet.export("csv"), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="{filename}.csv"'
        return response
    book = tablib.Databook([sheet, dataset(billing, BILLING_HEADERS, "Billing")])
    response = HttpResponse(
        book.export("xlsx"),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = f'attachment; filename="{filename}.xlsx"'
    return response


# --- Named persons (Reports › Named persons) ----------------------------------------------------
def named_person_headers() -> dict:
    from .named_persons import LABELS, ORDER

    return {
        "organisation": gettext_lazy("Organisation"),
        "kind": gettext_lazy("Kind"),
        **{role: LABELS[role] for role in ORDER},
        "shortfalls": gettext_lazy("Falls short"),
    }


def named_person_rows(entries) -> list[dict]:
    from .named_persons import ORDER

    rows = []
    for entry in entries:
        row = {
            "organisation": entry.organisation.name,
            "kind": entry.organisation.get_kind_display(),
            "shortfalls": entry.shortfall_text(),
        }
        for role in ORDER:
            minimum = entry.minimums.get(role)
            row[role] = "" if minimum is None else f"{entry.counts.get(role, 0)}/{minimum}"
        rows.append(row)
    return rows


class NamedPersonFilterForm(forms.Form):
    on = forms.DateField(
        label=gettext_lazy("As of"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    short_only = forms.BooleanField(label=gettext_lazy("Only those falling short"), required=False)


def named_persons_report(request):
    """Each partner's named people per role against the minimums, as of a day; providers'
    main users for maintainers. A partner's users see their own organisation only."""
    from .access import sees_all
    from .named_persons import named_persons

    if not can_view_monitoring(request.user):
        raise PermissionDenied
    form = NamedPersonFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    on = filters.get("on") or timezone.localdate()
    everyone = sees_all(request.user)
    organisations = None if everyone else list(visible_organisations(request.user))
    entries = named_persons(on, organisations, providers=everyone)
    if filters.get("short_only"):
        entries = [e for e in entries if e.shortfalls]
    headers = named_person_headers()
    rows = named_person_rows(entries)
    export = request.GET.get("export")
    if export in ("csv", "xlsx"):
        sheet = dataset(rows, headers, "Named persons")
        filename = f"named-persons-{on.isoformat()}"
        if export == "csv":
            response = HttpResponse(sheet.export("csv"), content_type="text/csv; charset=utf-8")
        else:
            response = HttpResponse(
                sheet.export("xlsx"),
                content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            )
        response["Content-Disposition"] = f'attachment; filename="{filename}.{export}"'
        return response
    return TemplateResponse(
        request,
        "policies/named_persons_report.html",
        {
            "form": form,
            "on": on,
            "entries": entries,
            "partners": [e for e in entries if e.is_partner],
            "providers": [e for e in entries if not e.is_partner],
            "page_title": _("Named persons"),
            "header_icon": "group",
            "query": request.GET.urlencode(),
        },
    )
