"""Admin views of data-subject requests (docs/privacy.md, "Data-subject requests").

Every view first asks `privacy.access`: who may handle requests at all (others get 403),
and whether the person is among the requester's subjects. A person outside one's region
and an id that does not exist get the same 404 with a message, and the refusal is written
to the user log ("refused"). Exports and the erasure are POSTs (CSRF-protected forms);
every search, export and erasure is logged.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from userlog.log import record
from userlog.models import Action

from . import access, subjects
from .forms import ErasureForm, SubjectSearchForm


def _require_handler(request):
    if not access.may_handle_requests(request.user):
        raise PermissionDenied


def _refused(request, user_id, attempt):
    record(
        request,
        Action.REFUSED,
        object_type="user",
        object_id=str(user_id),
        field=f"privacy.{attempt}",
        detail={"reason": "outside the requester's region or no such account"},
    )
    return TemplateResponse(
        request,
        "privacy/refused.html",
        {
            "page_title": _("Data-subject requests"),
            "header_icon": "user",
            "message": _(
                "This person is not among the users of your region, or there is no such "
                "account. The attempt has been logged."
            ),
        },
        status=404,
    )


def _subject(request, user_id):
    return access.find_subject(request.user, user_id)


def index(request):
    _require_handler(request)
    form = SubjectSearchForm(request.GET if "q" in request.GET else None)
    results = None
    if form.is_bound and form.is_valid():
        results = list(subjects.search(access.subjects_for(request.user), form.cleaned_data["q"]))
        # The matches are logged by id, never the words searched for: an erased person's
        # name must not stay in the append-only log.
        record(
            request,
            Action.SUBJECT_SEARCH,
            object_type="user",
            detail={"results": len(results), "ids": [person.pk for person in results]},
        )
    return TemplateResponse(
        request,
        "privacy/index.html",
        {
            "page_title": _("Data-subject requests"),
            "header_icon": "user",
            "form": form,
            "results": results,
            "is_maintainer": access.is_maintainer(request.user),
            "municipalities": access.controller_municipalities(request.user),
        },
    )


def person(request, user_id):
    _require_handler(request)
    subject = _subject(request, user_id)
    if subject is None:
        return _refused(request, user_id, "view")
    data = subjects.collect(subject)
    return TemplateResponse(
        request,
        "privacy/person.html",
        {
            "page_title": _("Data-subject requests"),
            "header_icon": "user",
            "subject": subject,
            "anonymised": subjects.is_anonymised(subject),
            "memberships": subject.memberships.select_related("organisation").order_by("pk"),
            "counts": [(kind, len(rows)) for kind, rows in data.items()],
        },
    )


@require_POST
def export(request, user_id, fmt):
    _require_handler(request)
    subject = _subject(request, user_id)
    if subject is None:
        return _refused(request, user_id, f"export.{fmt}")
    now = timezone.now()
    record(
        request,
        Action.SUBJECT_EXPORT,
        object_type="user",
        object_id=str(subject.pk),
        field=fmt,
        subject=subject,
    )
    stamp = timezone.localtime(now).strftime("%Y%m%d-%H%M")
    if fmt == "json":
        response = HttpResponse(
            subjects.export_json(subject, now), content_type="application/json; charset=utf-8"
        )
        name = f"henkilotiedot-{subject.pk}-{stamp}.json"
    else:
        response = HttpResponse(subjects.export_zip(subject, now), content_type="application/zip")
        name = f"henkilotiedot-{subject.pk}-{stamp}.zip"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    response["Cache-Control"] = "no-store"
    return response


def erase(request, user_id):
    _require_handler(request)
    subject = _subject(request, user_id)
    if subject is None:
        return _refused(request, user_id, "erasure")
    form = ErasureForm(request.POST if request.method == "POST" else None)
    answered = access.answered_organisations(request.user)
    if request.method == "POST" and form.is_valid():
        try:
            result = subjects.erase(
                subject,
                answered=answered,
                region_municipalities=access.controller_municipalities(request.user),
                by=request.user,
            )
        except subjects.ErasureRefused as refusal:
            record(
                request,
                Action.REFUSED,
                object_type="user",
                object_id=str(subject.pk),
                field="privacy.erasure",
                subject=subject,
                detail={"reason": str(refusal)},
            )
            messages.error(request, refusal_message(str(refusal)))
            return redirect("privacy_person", user_id=subject.pk)
        record(
            request,
            Action.SUBJECT_ERASURE,
            object_type="user",
            object_id=str(subject.pk),
            object_label=result.pseudonym,
            subject=subject,
            detail={
                "full": result.full,
                "changed": result.changed,
                "ended_memberships": result.ended_memberships,
                "kept_elsewhere": result.kept_elsewhere,
                "counts": result.counts,
                "reference": form.cleaned_data["reference"],
            },
        )
        for text in result_messages(result):
            messages.success(request, text)
        if result.to_check:
            messages.warning(
                request,
                _("These contacts still carry the person's address; edit them by hand: %(list)s")
                % {"list": "; ".join(result.to_check)},
            )
        return redirect("privacy_person", user_id=subject.pk)
    elsewhere = sorted(
        {
            m.organisation.name
            for m in subject.memberships.filter(is_active=True)
            .exclude(organisation__in=answered)
            .select_related("organisation")
        }
    )
    return TemplateResponse(
        request,
        "privacy/erase.html",
        {
            "page_title": _("Erase personal data"),
            "header_icon": "user",
            "subject": subject,
            "form": form,
            "elsewhere": elsewhere,
            "anonymised": subjects.is_anonymised(subject),
        },
    )


def refusal_message(reason: str) -> str:
    if reason == "self":
        return _("You cannot erase your own account here.")
    return _(
        "A superuser's account cannot be erased here: remove its superuser status in Users first."
    )


def result_messages(result) -> list[str]:
    if result.full and not result.changed:
        return [_("The account was already anonymised: nothing changed.")]
    if result.full:
        return [
            _("The account was anonymised; it now appears as %(pseudonym)s.")
            % {"pseudonym": result.pseudonym}
        ]
    texts = [
        _(
            "The account was kept: the person still has an active membership in %(list)s. Only "
            "your organisation's part was erased; that organisation answers for the rest."
        )
        % {"list": ", ".join(result.kept_elsewhere)}
    ]
    if result.ended_memberships:
        texts.append(
            _("Membership ended in: %(list)s.") % {"list": ", ".join(result.ended_memberships)}
        )
    texts.append(
        _("Favourites of your region's services removed: %(count)d.")
        % {"count": result.counts.get("favourites", 0)}
    )
    return texts
