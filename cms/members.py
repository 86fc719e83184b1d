"""Organisation members: who may manage whom, adding and deactivating users.

Main users manage their own organisation's members; maintainers manage every
organisation's. The rules are plain functions so tests and views share them.
"""

from django.contrib.auth import get_user_model
from django.contrib.auth.tokens import default_token_generator
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from wagtail.admin.utils import get_admin_base_url

from .models import Membership, Organisation
from .roles import MANAGE_ALL_MEMBERS, MANAGE_OWN_MEMBERS, Role


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


def user_language(user) -> str:
    """The language of a user's e-mails: their admin preference, else their organisation's."""
    profile = getattr(user, "wagtail_userprofile", None)
    if profile is not None and profile.preferred_language:
        return profile.preferred_language
    membership = user.memberships.select_related("organisation").first()
    return membership.organisation.language if membership else "fi"


@transaction.atomic
def add_member(*, organisation, role, email, first_name, last_name, invited_by) -> Membership:
    """Add a user (new or existing, matched by e-mail) to an organisation and invite them."""
    User = get_user_model()
    email = email.strip().lower()
    user = User.objects.filter(email__iexact=email).first()
    created = user is None
    if created:
        user = User.objects.create_user(
            username=email, email=email, first_name=first_name, last_name=last_name
        )
        user.set_unusable_password()
        user.save()
    elif not user.is_active:
        # A person returning through another organisation: the new membership opens the account.
        user.is_active = True
        user.save(update_fields=["is_active"])
    membership = Membership(user=user, organisation=organisation, role=role)
    membership.full_clean()
    membership.save()
    if created:
        send_invitation(user, organisation, invited_by)
    return membership


def set_password_url(user) -> str:
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    token = default_token_generator.make_token(user)
    path = reverse("wagtailadmin_password_reset_confirm", args=[uid, token])
    return get_admin_base_url() + path


def send_invitation(user, organisation, invited_by) -> None:
    with translation.override(organisation.language):
        context = {
            "user": user,
            "organisation": organisation,
            "invited_by": invited_by,
            "set_password_url": set_password_url(user),
        }
        subject = render_to_string("cms/emails/invitation_subject.txt", context).strip()
        body = render_to_string("cms/emails/invitation.txt", context)
    send_mail(subject, body, None, [user.email])


@transaction.atomic
def deactivate_membership(membership: Membership) -> None:
    """A leaver: end the membership; the account closes when no active membership remains."""
    membership.is_active = False
    membership.save(update_fields=["is_active"])
    user = membership.user
    if not user.memberships.filter(is_active=True).exists() and user.is_active:
        user.is_active = False
        user.save(update_fields=["is_active"])


@transaction.atomic
def reactivate_membership(membership: Membership) -> None:
    membership.is_active = True
    membership.save(update_fields=["is_active"])
    if not membership.user.is_active:
        membership.user.is_active = True
        membership.user.save(update_fields=["is_active"])
