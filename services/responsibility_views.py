"""Admin screens of responsibility: the report by basis and the update-pair follow-up with
reassignment (docs/responsibility.md). Registered in wagtail_hooks.py."""

from django import forms
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from cms.exports import dataset
from cms.ids import parse_id
from cms.models import Organisation

from . import pair_follow_up
from .models.pages import ResponsibilityBasis, ServicePage
from .permissions import pages_visible_in_admin
from .responsibility import REPORT_HEADERS, basis_counts, basis_rows, with_basis
from .sharing import labelled_by_name


class BasisFilterForm(forms.Form):
    basis = forms.ChoiceField(
        choices=[("", "—"), *ResponsibilityBasis.choices],
        required=False,
        label=gettext_lazy("Responsibility basis"),
    )
    municipality = forms.ModelChoiceField(
        Organisation.objects.municipalities(),
        required=False,
        label=gettext_lazy("Responsible municipality"),
    )


def services_in_basis_report(user):
    """The Finnish services `user` may see in the admin: published public ones and their own
    part of the tree (services.permissions); never another organisation's drafts."""
    return ServicePage.objects.filter(
        locale__language_code="fi",
        pk__in=pages_visible_in_admin(user, with_public=True).values("pk"),
    )


def basis_report(request):
    form = BasisFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    pages = services_in_basis_report(request.user)
    if filters.get("municipality"):
        pages = pages.filter(responsible_municipality=filters["municipality"])
    counts = basis_counts(pages)
    rows = basis_rows(with_basis(pages, filters.get("basis")))
    if request.GET.get("export") == "csv":
        return csv_response(rows, REPORT_HEADERS, "responsibility-basis.csv", "Services")
    return TemplateResponse(
        request,
        "services/basis_report.html",
        {
            "form": form,
            "rows": rows,
            "counts": counts,
            "headers": list(REPORT_HEADERS.values()),
            "page_title": _("Responsibility basis"),
            "header_icon": "site",
            "query": request.GET.urlencode(),
        },
    )


def csv_response(rows, headers, filename, title):
    sheet = dataset(rows, headers, title)
    response = HttpResponse(sheet.export("csv"), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


# --- Update-pair follow-up ---------------------------------------------------------------------
FOLLOW_UP_HEADERS = {
    "service": gettext_lazy("Service"),
    "municipality": gettext_lazy("Responsible municipality"),
    "provider": gettext_lazy("Provider"),
    "updater": gettext_lazy("Provider's responsible updater"),
    "updater_problem": gettext_lazy("Updater's status"),
    "responsible": gettext_lazy("Municipal responsible person"),
    "responsible_problem": gettext_lazy("Responsible person's status"),
}


def _name(user):
    return (user.get_full_name() or user.username) if user else ""


def _status(problem):
    return f"{problem.label} ({problem.detail_label})" if problem else _("in order")


def follow_up_rows(follow_ups, user):
    """The rows of the screen, with the choices of whom each half may be reassigned to
    (one query per organisation, not per row)."""
    choices: dict = {}
    rows = []
    for item in follow_ups:
        page = item.page
        halves = []
        for name, label, person, problem in item.halves:
            options = None
            if problem and pair_follow_up.may_reassign(user, page, name):
                org = page.provider_id if name == "provider_updater" else None
                org = org or page.responsible_municipality_id
                if (name, org) not in choices:
                    people = pair_follow_up.candidates(page, name)
                    label_of = labelled_by_name(people)
                    choices[(name, org)] = [(u.pk, label_of(u)) for u in people]
                options = [c for c in choices[(name, org)] if c[0] != getattr(person, "pk", None)]
            halves.append(
                {
                    "name": name,
                    "label": label,
                    "person": person,
                    "problem": problem,
                    "options": options,
                }
            )
        rows.append({"page": page, "halves": halves})
    return rows


def follow_up_export(follow_ups):
    rows = [
        {
            "service": f.page.title,
            "municipality": str(f.page.responsible_municipality or ""),
            "provider": str(f.page.provider or ""),
            "updater": _name(f.page.provider_updater),
            "updater_problem": _status(f.provider_updater),
            "responsible": _name(f.page.municipal_responsible),
            "responsible_problem": _status(f.municipal_responsible),
        }
        for f in follow_ups
    ]
    return csv_response(rows, FOLLOW_UP_HEADERS, "update-pair-follow-up.csv", "Update pairs")


def follow_up_report(request):
    """The services whose update pair is broken, in the user's scope
    (`pair_follow_up.services_followed_by`), with a reassignment form per broken half."""
    if not pair_follow_up.may_follow_up(request.user):
        raise PermissionDenied
    follow_ups = pair_follow_up.broken_pairs(pair_follow_up.services_followed_by(request.user))
    if request.GET.get("export") == "csv":
        return follow_up_export(follow_ups)
    return TemplateResponse(
        request,
        "services/pair_follow_up.html",
        {
            "rows": follow_up_rows(follow_ups, request.user),
            "inactive_days": pair_follow_up.inactive_days(),
            "page_title": _("Update-pair follow-up"),
            "header_icon": "group",
        },
    )


@require_POST
def reassign(request):
    """POST page, half, person: refused for a page outside the user's scope, a half they may
    not name, or a person who is not an eligible active member (a forged choice)."""
    page_id = parse_id(request.POST.get("page"))
    half = request.POST.get("half", "")
    page = get_object_or_404(
        pair_follow_up.services_followed_by(request.user), pk=page_id if page_id else -1
    )
    if not pair_follow_up.may_reassign(request.user, page, half):
        raise PermissionDenied
    person_id = parse_id(request.POST.get("person"))
    person = get_user_model().objects.filter(pk=person_id).first() if person_id else None
    try:
        pair_follow_up.reassign(page, half, person, request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("services_pair_follow_up")
    messages.success(
        request,
        _("%(person)s is now the %(half)s of “%(service)s”.")
        % {"person": _name(person), "half": pair_follow_up.HALVES[half], "service": page.title},
    )
    return redirect("services_pair_follow_up")
