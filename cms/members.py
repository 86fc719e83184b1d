"""Organisation members: who may manage whom, inviting and deactivating users.

Main users manage their own organisation's members; maintainers manage every
organisation's. Adding a member is an invitation that the holder of the address accepts:
no account is ever attached, changed or reopened without them (docs/security.md,
"Accounts and members"). The rules are plain functions so tests and views share them.
"""

from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _
from wagtail.admin.utils import get_admin_base_url
from wagtail.log_actions import log

from . import outbox
from .models import Invitation, InvitationStatus, Membership, Organisation
from .roles import MANAGE_ALL_MEMBERS, MANAGE_OWN_MEMBERS, ROLES, Role


def manageable_organisations(user):
    """Organisations whose members `user` may manage."""
    if not user.is_authenticated or not user.is_active:
        return Organisation.objects.none()
    if user.is_superuser or user.has_perm(MANAGE_ALL_MEMBERS):
        return Organisation.objects.all()
    if not user.has_perm(MANAGE_OWN_MEMBERS):
        return Organisation.objects.none()
    main_roles = (Role.MUNICIPALITY_MAIN_USER, Role.PROVIDER_MAIN_USER)
    return Organisation.objects.filter(
        memberships__user=user, memberships__is_active=True, memberships__role__in=main_roles
    ).distinct()


def manageable_memberships(user):
    return Membership.objects.filter(
        organisation__in=manageable_organisations(user)
    ).select_related("user", "organisation")


def can_manage(user, membership: Membership) -> bool:
    return manageable_organisations(user).filter(pk=membership.organisation_id).exists()


def roles_offered(organisations) -> list[Role]:
    """The roles that can be given in any of `organisations`: only those of their kinds
    (cms.roles), e.g. never a maintainer or a municipal role in a provider."""
    kinds = set(organisations.values_list("kind", flat=True))
    return [role for role in Role if kinds & set(ROLES[role].organisation_kinds)]


def roles_grantable(user, organisations) -> list[Role]:
    """The roles `user` may give in any of `organisations`: those of their kinds
    (`roles_offered`), and the maintainer role only by whoever manages every
    organisation's members (maintainers): a main user never grants it."""
    roles = roles_offered(organisations)
    if not (user.is_superuser or user.has_perm(MANAGE_ALL_MEMBERS)):
        roles = [role for role in roles if role != Role.MAINTAINER]
    return roles


def role_grant_error(user, organisation, role) -> str | None:
    """Why `user` may not give `role` in `organisation`, or None. The model's
    `validate_role_for_organisation` stays the check of the role and the kind."""
    if Role(role) in roles_grantable(user, Organisation.objects.filter(pk=organisation.pk)):
        return None
    return _("The role %(role)s cannot be given in %(organisation)s.") % {
        "role": Role(role).label,
        "organisation": organisation,
    }


def is_member_of(email, organisation) -> bool:
    """Whether someone with this address already has a membership (active or not) in the
    organisation: the organisation's own members are listed to its main users anyway."""
    return Membership.objects.filter(
        organisation=organisation, user__email__iexact=email.strip()
    ).exists()


def invitation_limit_errors(organisation, email) -> dict:
    """{form field: message} for each invitation limit that inviting `email` to `organisation`
    now would exceed (settings INVITATIONS_*; docs/security.md "Accounts and members"), so a
    main user cannot flood an address or send invitations without end.

    Everything is counted per organisation: a refusal tells nothing of what other
    organisations sent. Inviting a pending address again replaces its invitation, so it does
    not add to the pending ones; withdrawn invitations still count for the day.
    """
    email = email.strip().lower()
    now = timezone.now()
    day_ago = now - timedelta(days=1)
    invitations = Invitation.objects.filter(organisation=organisation)
    errors = {}
    pending = (
        invitations.filter(status=InvitationStatus.PENDING, expires_at__gt=now)
        .exclude(email__iexact=email)
        .count()
    )
    limit = settings.INVITATIONS_PENDING_PER_ORGANISATION
    if pending >= limit:
        errors["organisation"] = _(
            "%(organisation)s already has %(count)d pending invitations, the most allowed. "
            "Withdraw some or wait until they are accepted or expire."
        ) % {"organisation": organisation, "count": limit}
    limit = settings.INVITATIONS_PER_ORGANISATION_PER_DAY
    if invitations.filter(created_at__gt=day_ago).count() >= limit:
        errors["organisation"] = _(
            "%(organisation)s has sent %(count)d invitations in the last 24 hours, the most "
            "allowed. Try again later."
        ) % {"organisation": organisation, "count": limit}
    limit = settings.INVITATIONS_PER_ADDRESS_PER_DAY
    if invitations.filter(email__iexact=email, created_at__gt=day_ago).count() >= limit:
        errors["email"] = _(
            "This address has been sent %(count)d invitations to %(organisation)s in the last "
            "24 hours, the most allowed. Try again tomorrow."
        ) % {"organisation": organisation, "count": limit}
    return errors


@transaction.atomic
def invite_member(*, organisation, role, email, first_name, last_name, invited_by) -> Invitation:
    """Invite someone to the organisation by e-mail. Nothing is attached to any account.

    Whether an account with the address exists is not even looked up here: the inviter
    gets the same invitation, e-mail and message either way, and the membership is made only
    when the address's holder accepts (`accept_invitation`). A pending invitation of the
    same address to the same organisation is replaced. Over a limit
    (`invitation_limit_errors`) nothing is sent and ValidationError is raised.
    """
    email = email.strip().lower()
    # One invitation of an organisation at a time, so that two requests cannot both pass.
    Organisation.objects.select_for_update().filter(pk=organisation.pk).first()
    errors = invitation_limit_errors(organisation, email)
    if errors:
        raise ValidationError(errors)
    Invitation.objects.filter(
        organisation=organisation, email__iexact=email, status=InvitationStatus.PENDING
    ).update(status=InvitationStatus.WITHDRAWN, closed_at=timezone.now())
    invitation = Invitation(
        organisation=organisation,
        role=role,
        email=email,
        first_name=first_name,
        last_name=last_name,
        invited_by=invited_by,
        expires_at=timezone.now() + Invitation.VALID_FOR,
    )
    raw_key = invitation.set_new_key()
    invitation.full_clean()
    invitation.save()
    send_invitation(invitation, raw_key)
    return invitation


def invitation_url(raw_key: str) -> str:
    return get_admin_base_url() + reverse("cms_invitation", args=[raw_key])


def send_invitation(invitation, raw_key: str) -> None:
    organisation = invitation.organisation
    with translation.override(organisation.language):
        inviter = invitation.invited_by
        context = {
            "invitation": invitation,
            "name": f"{invitation.first_name} {invitation.last_name}".strip(),
            "organisation": organisation,
            "role": invitation.get_role_display(),
            "inviter": (inviter.get_full_name() or inviter.get_username()) if inviter else "",
            "url": invitation_url(raw_key),
            "expires": formats.date_format(
                timezone.localtime(invitation.expires_at), "SHORT_DATE_FORMAT"
            ),
        }
        subject = render_to_string("cms/emails/invitation_subject.txt", context).strip()
        body = render_to_string("cms/emails/invitation.txt", context)
    outbox.enqueue(invitation.email, subject, body)


def invitation_still_valid(invitation) -> bool:
    """An open invitation whose inviter may still add members to that organisation, in a
    role the organisation still has (checked again when it is accepted)."""
    if not invitation.is_open() or not invitation.organisation.is_active:
        return False
    inviter = invitation.invited_by
    if inviter is None or not can_invite(inviter, invitation.organisation):
        return False
    return invitation.role in roles_offered(
        Organisation.objects.filter(pk=invitation.organisation_id)
    )


def can_invite(user, organisation) -> bool:
    return manageable_organisations(user).filter(pk=organisation.pk).exists()


def accounts_of(email):
    return get_user_model().objects.filter(email__iexact=email.strip())


def closed_by_leaving(user) -> bool:
    """A closed account that closed because its last membership ended (not one closed
    otherwise, e.g. by a superuser): only such an account reopens by an invitation."""
    return (
        not user.is_active
        and not user.is_superuser
        and user.memberships.filter(closed_account=True).exists()
        and not user.memberships.filter(is_active=True).exists()
    )


@transaction.atomic
def accept_invitation(invitation, user) -> Membership:
    """The holder of the invited address accepts: the membership is made (or an earlier one
    in that organisation is active again, in the invited role)."""
    invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
    if not invitation_still_valid(invitation):
        raise PermissionDenied("This invitation is no longer valid.")
    if user.email.strip().lower() != invitation.email.strip().lower():
        raise PermissionDenied("The invitation is for another address.")
    if not user.is_active:
        if not closed_by_leaving(user):
            raise PermissionDenied("The account is closed.")
        user.is_active = True
        user.save(update_fields=["is_active"])
    user.memberships.filter(closed_account=True).update(closed_account=False)
    membership = Membership.objects.filter(user=user, organisation=invitation.organisation).first()
    if membership is None:
        membership = Membership(user=user, organisation=invitation.organisation)
    membership.role = invitation.role
    membership.is_active = True
    membership.full_clean()
    membership.save()
    invitation.close(InvitationStatus.ACCEPTED, user)
    log(instance=membership, action="wagtail.create", user=user, content_changed=True)
    return membership


def user_language(user) -> str:
    """The language of a user's e-mails: their admin preference, else their organisation's."""
    profile = getattr(user, "wagtail_userprofile", None)
    if profile is not None and profile.preferred_language:
        return profile.preferred_language
    membership = user.memberships.select_related("organisation").first()
    return membership.organisation.language if membership else "fi"


# --- Leavers and returning members --------------------------------------------------------------
# A main user acts on the membership in their own organisation only. Deactivating it closes
# the account when no other active membership remains (the person has left everywhere);
# reactivating it reopens the account only when this very membership closed it, or when a
# maintainer does it. An account closed otherwise (by another organisation's leaver step or
# by a superuser) stays closed: the membership is active again, the account is not.


def sees_every_account(user) -> bool:
    return user.is_superuser or user.has_perm(MANAGE_ALL_MEMBERS)


@transaction.atomic
def deactivate_membership(membership: Membership) -> None:
    """A leaver: end the membership; the account closes when no active membership remains."""
    membership.is_active = False
    membership.save(update_fields=["is_active"])
    user = membership.user
    if not user.memberships.filter(is_active=True).exists() and user.is_active:
        user.is_active = False
        user.save(update_fields=["is_active"])
        user.memberships.exclude(pk=membership.pk).update(closed_account=False)
        Membership.objects.filter(pk=membership.pk).update(closed_account=True)
        membership.closed_account = True


@transaction.atomic
def reactivate_membership(membership: Membership, by=None) -> bool:
    """Make the membership active again; True when the account is (again) open.

    The account is reopened only when deactivating this membership closed it, or `by` is a
    maintainer: a main user never reopens an account that someone else closed.
    """
    membership.is_active = True
    membership.save(update_fields=["is_active"])
    user = membership.user
    if user.is_active:
        return True
    reopen = (membership.closed_account and not user.is_superuser) or (
        by is not None and sees_every_account(by)
    )
    if not reopen:
        return False
    user.is_active = True
    user.save(update_fields=["is_active"])
    user.memberships.update(closed_account=False)
    membership.closed_account = False
    return True


def accounts_managed_by(user):
    """Accounts `user` may act on beyond a membership (revoke their API tokens): for a main
    user, the accounts whose every active membership is in an organisation they manage, so
    that nothing another organisation relies on is touched; for maintainers, every account."""
    User = get_user_model()
    if not user.is_authenticated or not user.is_active:
        return User.objects.none()
    if sees_every_account(user):
        return User.objects.all()
    organisations = manageable_organisations(user)
    elsewhere = Membership.objects.filter(is_active=True).exclude(organisation__in=organisations)
    return User.objects.filter(
        pk__in=Membership.objects.filter(organisation__in=organisations, is_active=True).values(
            "user"
        )
    ).exclude(pk__in=elsewhere.values("user"))
