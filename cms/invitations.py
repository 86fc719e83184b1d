"""The page behind an invitation link: its holder accepts (or declines) joining an organisation.

`/admin/invitations/<key>/` is outside the admin's own access check, because a person with
no account yet opens it too. What it does depends on the invited address:

- no account: the person sets a password; the account and the membership are made;
- an open account: the person signs in with it and accepts (or declines) there; someone
  signed in with another account is told to sign in with the invited one;
- an account closed because its last membership ended: setting a new password reopens it
  with the new membership only; an account closed otherwise stays closed.

GET never changes anything (mail scanners open links); every change is a CSRF-checked POST.
"""

from django.contrib import messages
from django.contrib.auth import get_user_model, login
from django.contrib.auth.forms import SetPasswordForm
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import translation
from django.utils.cache import add_never_cache_headers
from django.utils.http import urlencode
from django.utils.translation import gettext
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_protect
from django.views.decorators.debug import sensitive_post_parameters

from .members import accept_invitation, accounts_of, closed_by_leaving, invitation_still_valid
from .models import Invitation, InvitationStatus

TEMPLATE = "cms/invitations/invitation.html"
MODEL_BACKEND = "django.contrib.auth.backends.ModelBackend"


def _page(request, state, status=200, **context):
    response = TemplateResponse(request, TEMPLATE, {"state": state, **context}, status=status)
    add_never_cache_headers(response)
    organisation = context.get("organisation")
    if organisation is not None and not request.user.is_authenticated:
        # Someone not signed in reads it in the language of the invitation e-mail.
        with translation.override(organisation.language):
            response.render()
    return response


@never_cache
@sensitive_post_parameters("new_password1", "new_password2")
@csrf_protect
def invitation_view(request, key):
    invitation = Invitation.find_open(key)
    if invitation is None or not invitation_still_valid(invitation):
        return _page(request, "invalid", status=404)
    context = {
        "invitation": invitation,
        "organisation": invitation.organisation,
        "role": invitation.get_role_display(),
        "inviter": _name(invitation.invited_by),
    }
    user = request.user
    if user.is_authenticated and user.is_active and _same_address(user.email, invitation.email):
        return _accept_or_decline(request, invitation, user, context)
    accounts = list(accounts_of(invitation.email).order_by("pk")[:2])
    if not accounts:
        return _set_password(request, invitation, None, context)
    if len(accounts) == 1 and not accounts[0].is_active:
        if closed_by_leaving(accounts[0]):
            return _set_password(request, invitation, accounts[0], context)
        return _page(request, "closed", **context)
    login_url = reverse("wagtailadmin_login") + "?" + urlencode({"next": request.path})
    return _page(
        request,
        "sign_in",
        login_url=login_url,
        other_account=user.is_authenticated,
        **context,
    )


def _accept_or_decline(request, invitation, user, context):
    if request.method == "POST":
        if request.POST.get("action") == "decline":
            invitation.close(InvitationStatus.DECLINED)
            return _page(request, "declined", **context)
        if request.POST.get("action") == "accept":
            try:
                accept_invitation(invitation, user)
            except PermissionDenied:
                return _page(request, "invalid", status=404)
            return _welcome(request, invitation)
    return _page(request, "accept", **context)


def _set_password(request, invitation, account, context):
    """A new account (account None) or a reopened one: the person sets its password."""
    User = get_user_model()
    user = account or User(
        email=invitation.email, first_name=invitation.first_name, last_name=invitation.last_name
    )
    form = SetPasswordForm(user, request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            with transaction.atomic():
                if account is None:
                    if accounts_of(invitation.email).exists():
                        # Made meanwhile: open the link again to go the other way.
                        return redirect(request.path)
                    user.username = _free_username(invitation.email)
                form.save()
                accept_invitation(invitation, user)
        except PermissionDenied:
            return _page(request, "invalid", status=404)
        login(request, user, backend=MODEL_BACKEND)
        return _welcome(request, invitation)
    return _page(
        request,
        "set_password",
        form=form,
        reopen=account is not None,
        email=invitation.email,
        **context,
    )


def _welcome(request, invitation):
    messages.success(
        request,
        gettext("You are now a member of %(organisation)s.")
        % {"organisation": invitation.organisation},
    )
    return redirect("wagtailadmin_home")


def _same_address(a, b) -> bool:
    return (a or "").strip().lower() == (b or "").strip().lower()


def _name(user) -> str:
    return (user.get_full_name() or user.get_username()) if user else ""


def _free_username(email: str) -> str:
    User = get_user_model()
    username, n = email, 1
    while User.objects.filter(username=username).exists():
        n += 1
        username = f"{email}-{n}"
    return username
