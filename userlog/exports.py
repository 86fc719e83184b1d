"""Exports of personal data: which admin spreadsheets carry it, and their log entry.

A spreadsheet export (`?export=csv` or `?export=xlsx` answered with an attachment) of a
view named in PERSONAL_DATA_EXPORTS is logged as "export_personal_data" by
UserLogMiddleware after the response is made, so the views themselves stay as they are.
The views are named by URL name, not imported (userlog imports no domain app); a test
checks that each name still resolves. A new export with names or e-mail addresses of
people is added here. Exports that log themselves (the user log's own CSV, the
data-subject exports of privacy/) are not listed.
"""

# URL name → what the export holds (the entry's field).
PERSONAL_DATA_EXPORTS = {
    # services/reports.py: open reviews with their responsible person.
    "services_sla_report": "responsible persons",
    # services/responsibility_views.py: the update pairs' names and their state.
    "services_pair_follow_up": "update pairs",
    # policies/viewsets.py PartnerContactViewSet: the partners' named representatives.
    "partner-contacts:index": "representatives",
}

EXPORT_FORMATS = ("csv", "xlsx")


def personal_data_export(request, response) -> str | None:
    """What a response exports, when it is a spreadsheet of personal data; else None."""
    match = getattr(request, "resolver_match", None)
    if match is None or match.view_name not in PERSONAL_DATA_EXPORTS:
        return None
    fmt = request.GET.get("export")
    if fmt not in EXPORT_FORMATS or response.status_code != 200:
        return None
    if "attachment" not in response.get("Content-Disposition", ""):
        return None
    return PERSONAL_DATA_EXPORTS[match.view_name]


def log_export(request, response) -> None:
    from .log import record

    what = personal_data_export(request, response)
    if what is None:
        return
    record(
        request,
        "export_personal_data",
        object_type="report",
        object_id=request.resolver_match.view_name,
        object_label=what,
        field=request.GET.get("export", ""),
        detail={"query": request.GET.urlencode()[:500]},
    )
