"""Login throttling: django-axes with a separate, higher limit per IP address.

axes compares one number, the failures of the worst lockout key, with one limit
(``AXES_FAILURE_LIMIT``). We lock a username at an IP after ``AXES_FAILURE_LIMIT``
failures and an IP after ``LOGIN_FAILURE_LIMIT_PER_IP`` failures over all usernames
(many usernames from one address; a shared office NAT needs the higher number).
The client IP is :func:`cms.client_ip.client_ip` (``AXES_CLIENT_IP_CALLABLE``).

Wagtail's password reset form sends mail without authenticating: its requests are
recorded as attempts too (username ``password-reset:<address>``), so one address
gets at most ``AXES_FAILURE_LIMIT`` mails per IP and cool-off, and the requests
count against the IP's budget.

Wagtail's account settings check the current password when the password or the e-mail
address changes (Account › Password, Name and e-mail): a wrong one is recorded as a failed
login of that account, and a locked account or IP is refused before the password is
checked, so a hijacked session guesses no faster than the login form.
docs/security.md "Login throttling and client IP".
"""

from axes.handlers.database import AxesDatabaseHandler
from axes.handlers.proxy import AxesProxyHandler
from axes.helpers import (
    get_client_parameters,
    get_client_username,
    get_failure_limit,
    get_lockout_parameters,
    get_lockout_response,
)
from axes.models import AccessAttempt
from django import forms
from django.conf import settings
from django.contrib.auth.signals import user_login_failed
from django.core.exceptions import ValidationError
from django.db.models import Sum
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.admin.forms.account import NameEmailForm
from wagtail.admin.forms.auth import PasswordChangeForm
from wagtail.admin.views.account import (
    AccountView,
    ChangePasswordPanel,
    NameEmailSettingsPanel,
    PasswordResetView,
)

IP_ONLY = ("ip_address",)


def _key(parameter) -> tuple[str, ...]:
    return (parameter,) if isinstance(parameter, str) else tuple(parameter)


class LoginThrottlingHandler(AxesDatabaseHandler):
    """axes' database handler with a limit per lockout key (``AXES_HANDLER``)."""

    def get_failures(self, request, credentials=None) -> int:
        """The worst key's failures, scaled onto ``AXES_FAILURE_LIMIT``.

        axes locks when this reaches ``AXES_FAILURE_LIMIT``, so a key that has reached
        its own limit returns exactly that, and any other key a smaller number.
        """
        limit = get_failure_limit(request, credentials)
        worst = 0
        parameters = get_lockout_parameters(request, credentials)
        attempts_list = self.get_user_attempts(request, credentials)
        for parameter, attempts in zip(parameters, attempts_list, strict=True):
            failures = attempts.aggregate(n=Sum("failures_since_start"))["n"] or 0
            own_limit = settings.LOGIN_FAILURE_LIMIT_PER_IP if _key(parameter) == IP_ONLY else limit
            worst = max(worst, limit if failures >= own_limit else failures * limit // own_limit)
        return worst

    def reset_user_attempts(self, request, credentials=None) -> int:
        """On a successful login, forget that user's failures only.

        axes would delete every attempt of every key, the IP's included: one valid
        account would then reset the budget of an attacker guessing other usernames.
        """
        username = get_client_username(request, credentials)
        count = 0
        for filter_kwargs in get_client_parameters(
            username, request.axes_ip_address, request.axes_user_agent, request, credentials
        ):
            if "username" in filter_kwargs:
                count += AccessAttempt.objects.filter(**filter_kwargs).delete()[0]
        return count


class ThrottledPasswordResetView(PasswordResetView):
    """Wagtail's password reset form; every request is an attempt for axes."""

    def post(self, request, *args, **kwargs):
        if not settings.AXES_ENABLED:
            return super().post(request, *args, **kwargs)
        address = request.POST.get("email", "").strip().lower()[:200]
        credentials = {settings.AXES_USERNAME_FORM_FIELD: f"password-reset:{address}"}
        if not AxesProxyHandler.is_allowed(request, credentials):
            return get_lockout_response(request, None, credentials)
        response = super().post(request, *args, **kwargs)
        user_login_failed.send(sender=type(self), credentials=credentials, request=request)
        # This request was allowed and its mail is sent; the next one is refused.
        request.axes_locked_out = False
        return response


def password_attempt(request, user, password, key: str) -> str:
    """Check `user`'s current password in an account form like a login: "ok", "wrong" (a
    failed login of that account for axes) or "locked" (refused unchecked; the lockout answer,
    HTTP 429, replaces the page, as at the login).

    The account view validates its forms twice on a failure (once to save, once to show the
    errors), so the outcome is kept on the request under `key`: one POST is one attempt.
    """
    outcomes = request.__dict__.setdefault("_password_attempts", {})
    if key in outcomes:
        return outcomes[key]
    if not settings.AXES_ENABLED:
        outcome = "ok" if user.check_password(password or "") else "wrong"
    else:
        credentials = {settings.AXES_USERNAME_FORM_FIELD: user.get_username()}
        if not AxesProxyHandler.is_allowed(request, credentials):
            request.axes_locked_out = True
            outcome = "locked"
        elif user.check_password(password or ""):
            outcome = "ok"
        else:
            # Locks the account at this IP (and counts for the IP) as a failed login does.
            user_login_failed.send(sender=AccountView, credentials=credentials, request=request)
            outcome = "wrong"
    outcomes[key] = outcome
    return outcome


def _too_many_attempts():
    return ValidationError(
        _("Too many failed attempts. Try again later."), code="too_many_attempts"
    )


class ThrottledPasswordChangeForm(PasswordChangeForm):
    """Wagtail's change-password form; the old password is checked like a login."""

    request = None  # set by the panel

    def clean_old_password(self):
        if self.request is None:
            return super().clean_old_password()
        password = self.cleaned_data.get("old_password")
        outcome = password_attempt(self.request, self.user, password, "old_password")
        if outcome == "locked":
            raise _too_many_attempts()
        if outcome == "wrong":
            raise ValidationError(
                self.error_messages["password_incorrect"], code="password_incorrect"
            )
        return password


class ThrottledNameEmailForm(NameEmailForm):
    """Wagtail's name and e-mail form; changing the e-mail address needs the current
    password, checked like a login. Otherwise a hijacked session could set its own address
    and take the account over with a password reset, guessing nothing."""

    current_password = forms.CharField(
        label=gettext_lazy("Current password"),
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
        required=False,
        strip=False,
        help_text=gettext_lazy("Needed only to change the e-mail address."),
    )

    request = None  # set by the panel

    def clean(self):
        cleaned = super().clean()
        if self.request is None or "email" not in self.fields or "email" not in cleaned:
            return cleaned
        if cleaned["email"].strip().lower() == (self.instance.email or "").strip().lower():
            return cleaned
        password = cleaned.get("current_password")
        if not password:
            self.add_error(
                "current_password", _("Enter your current password to change the e-mail address.")
            )
            return cleaned
        outcome = password_attempt(self.request, self.instance, password, "current_password")
        if outcome == "locked":
            self.add_error("current_password", _too_many_attempts())
        elif outcome == "wrong":
            self.add_error(
                "current_password",
                ValidationError(
                    PasswordChangeForm.error_messages["password_incorrect"],
                    code="password_incorrect",
                ),
            )
        return cleaned


class ThrottledChangePasswordPanel(ChangePasswordPanel):
    form_class = ThrottledPasswordChangeForm

    def get_form(self):
        form = super().get_form()
        form.request = self.request
        return form


class ThrottledNameEmailSettingsPanel(NameEmailSettingsPanel):
    form_class = ThrottledNameEmailForm

    def get_form(self):
        form = super().get_form()
        form.request = self.request
        return form


THROTTLED_PANELS = {
    ChangePasswordPanel: ThrottledChangePasswordPanel,
    NameEmailSettingsPanel: ThrottledNameEmailSettingsPanel,
}


class ThrottledAccountView(AccountView):
    """Wagtail's account settings with the password checks throttled (cms/urls.py)."""

    def get_panels(self):
        return [
            THROTTLED_PANELS[type(panel)](self.request, panel.user, panel.profile)
            if type(panel) in THROTTLED_PANELS
            else panel
            for panel in super().get_panels()
        ]
