"""Change requests: whoever reads the internal instructions (municipal staff, translators,
maintainers) may send one; the update pair handles it."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from cms.access import may_read_internal
from cms.people import person_name

from .models import ChangeRequest, ChangeRequestEvent, ChangeRequestStatus
from .notifications import edit_url, notify, pair


def may_send_change_request(user) -> bool:
    """The readers of the service card's internal instructions ("Lähetä muutospyyntö"):
    the same users who may read internal information, never a provider."""
    return may_read_internal(user)


def may_handle_change_request(user, change_request) -> bool:
    """Who may change the status: those who may edit the service (the pair's organisations)."""
    return change_request.page.permissions_for_user(user).can_edit()


@transaction.atomic
def send_change_request(page, sender, message, section="") -> ChangeRequest:
    if not may_send_change_request(sender):
        raise PermissionDenied(_("Only municipal users can send change requests."))
    message = (message or "").strip()
    if not message:
        raise ValidationError({"message": _("Write what should be changed.")})
    change_request = ChangeRequest(page=page, sender=sender, message=message, section=section)
    change_request.full_clean()
    change_request.save()
    ChangeRequestEvent.objects.create(
        request=change_request, user=sender, status=ChangeRequestStatus.OPEN
    )
    notify(
        pair(page),
        "change_request",
        {
            "change_request": change_request,
            "sender_name": person_name(sender),  # by name, never the username alone
            "url": edit_url(page),
        },
    )
    return change_request


@transaction.atomic
def update_change_request(change_request, user, *, status=None, assignee=None, comment=""):
    if not may_handle_change_request(user, change_request):
        raise PermissionDenied(_("You cannot handle change requests of this service."))
    if status is not None and status not in ChangeRequestStatus.values:
        raise ValidationError({"status": _("Unknown status.")})
    change_request.status = status or change_request.status
    if assignee is not None and assignee.pk != change_request.assignee_id:
        if not assignee_candidates(change_request).filter(pk=assignee.pk).exists():
            raise ValidationError({"assignee": _("Choose someone who may handle the request.")})
        change_request.assignee = assignee
    change_request.save()
    ChangeRequestEvent.objects.create(
        request=change_request,
        user=user,
        status=change_request.status,
        assignee=change_request.assignee,
        comment=comment,
    )
    return change_request


def assignee_candidates(change_request):
    """Whom a change request may be assigned to: the active members of the update pair's
    organisations (the service's provider and responsible municipality) who may handle it,
    i.e. edit the service. Never anyone else, so the choices list no other staff."""
    from django.contrib.auth import get_user_model
    from wagtail.permissions import page_permission_policy

    from cms.models import Membership

    page = change_request.page
    members = Membership.objects.filter(
        is_active=True,
        organisation_id__in=[page.provider_id, page.responsible_municipality_id],
    ).values("user")
    handlers = page_permission_policy.users_with_permission_for_instance(
        "change", page, include_superusers=False
    )
    return (
        get_user_model()
        .objects.filter(is_active=True, pk__in=handlers.values("pk"))
        .filter(pk__in=members)
        .order_by("first_name", "last_name", "username")
    )
