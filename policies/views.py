"""Admin views of the policies app: confirming a content case's next step, and reading the
published policies (every admin user; the dashboard notice and the digest link here)."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Case, IntegerField, Value, When
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from wagtail.log_actions import log

from . import rules
from .access import MonitoringPermissionPolicy, scoped
from .models import ContentCase, PolicyPage, PolicyStatus
from .notifications import notify_content_sanction


# --- Content cases: the maintainer confirms the proposed step -----------------------------------
@require_POST
def confirm_content_step(request, pk):
    case = get_object_or_404(scoped(request.user, ContentCase.objects.all()), pk=pk)
    policy = MonitoringPermissionPolicy(ContentCase)
    if not policy.user_has_permission_for_instance(request.user, "change", case):
        raise PermissionDenied
    inspect_url = reverse("content-cases:inspect", args=[case.pk])
    today = timezone.localdate()
    step = case.next_step
    if step is None:
        messages.error(request, _("This case has no next step."))
        return redirect(inspect_url)
    if not step.is_due(today):
        if step.due is None:
            messages.error(request, _("The case is paused: no step is due."))
        else:
            messages.error(
                request,
                _("The next step is due on %(date)s.") % {"date": rules.format_date(step.due)},
            )
        return redirect(inspect_url)
    with transaction.atomic():
        if step.step == rules.SECOND_NOTICE:
            case.second_notice_on = today
            case.save(update_fields=["second_notice_on"])
        else:
            case.third_notice_on = today
            case.save(update_fields=["third_notice_on"])
        log(
            instance=case,
            action="policies.content_notice",
            user=request.user,
            data={"step": step.step, "due": step.due.isoformat(), "date": today.isoformat()},
        )
    if step.step == rules.THIRD_NOTICE:
        sent = notify_content_sanction(case)
        messages.success(
            request,
            _(
                "3rd notice and a %(amount)s € sanction confirmed; %(count)s steering group "
                "member(s) told."
            )
            % {"amount": rules.CONTENT_SANCTION, "count": sent},
        )
    else:
        messages.success(request, _("2nd notice confirmed."))
    return redirect(inspect_url)


# --- Reading the policies ------------------------------------------------------------------------
def readable_policies(language: str):
    """Live policies, each once: in `language` when translated, else in Finnish."""
    pages = (
        PolicyPage.objects.live()
        .public()
        .filter(locale__language_code__in={language, "fi"})
        .select_related("locale", "decision", "superseded_by")
        .annotate(
            _preferred=Case(
                When(locale__language_code=language, then=Value(0)),
                default=Value(1),
                output_field=IntegerField(),
            )
        )
        .order_by("_preferred")
    )
    chosen = {}
    for page in pages:
        chosen.setdefault(page.translation_key, page)
    return sorted(chosen.values(), key=_policy_order)


def _policy_order(page):
    """Valid policies first, the newest decision first."""
    decided = page.decision_date or timezone.localtime(page.first_published_at).date()
    return (page.status != PolicyStatus.VALID, -decided.toordinal(), page.title)


def _require_admin(request):
    if not request.user.has_perm("wagtailadmin.access_admin"):
        raise PermissionDenied


def policy_list(request):
    _require_admin(request)
    language = (get_language() or "fi")[:2]
    return TemplateResponse(
        request,
        "policies/policy_list.html",
        {
            "policies": readable_policies(language),
            "page_title": _("Service policies"),
            "header_icon": "doc-full-inverse",
        },
    )


def policy_read(request, page_id):
    _require_admin(request)
    page = get_object_or_404(PolicyPage.objects.live().public(), pk=page_id)
    language = (get_language() or "fi")[:2]
    if page.locale.language_code != language:
        translated = (
            PolicyPage.objects.live()
            .public()
            .filter(translation_key=page.translation_key, locale__language_code=language)
            .first()
        )
        page = translated or page
    successor = None
    if page.superseded_by_id:
        successor = page.superseded_by.get_translation_or_none(page.locale) or page.superseded_by
        if not successor.live:
            successor = None
    return TemplateResponse(
        request,
        "policies/policy_read.html",
        {
            "policy": page,
            "successor": successor,
            "can_edit": page.permissions_for_user(request.user).can_edit(),
            "page_title": page.title,
            "header_icon": "doc-full-inverse",
        },
    )
