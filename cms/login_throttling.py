"""Login throttling: django-axes with a separate, higher limit per IP address.

axes compares one number, the failures of the worst lockout key, with one limit
(``AXES_FAILURE_LIMIT``). We lock a username at an IP after ``AXES_FAILURE_LIMIT``
failures and an IP after ``LOGIN_FAILURE_LIMIT_PER_IP`` failures over all usernames
(many usernames from one address; a shared office NAT needs the higher number).
The client IP is :func:`cms.client_ip.client_ip` (``AXES_CLIENT_IP_CALLABLE``).

Wagtail's password reset form sends mail without authenticating: its requests are
recorded as attempts too (username ``password-reset:<address>``), so one address
gets at most ``AXES_FAILURE_LIMIT`` mails per IP and cool-off, and the requests
count against the IP's budget. docs/security.md "Login throttling and client IP".
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
from django.conf import settings
from django.contrib.auth.signals import user_login_failed
from django.db.models import Sum
from wagtail.admin.views.account import PasswordResetView

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
