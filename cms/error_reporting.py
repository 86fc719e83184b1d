"""Error reporting to Sentry, only when SENTRY_DSN is set (cms/settings/base.py calls
`init_sentry`; without a DSN nothing here runs and nothing is sent anywhere).

Imported while the settings load: only sentry_sdk, imported inside the function.

What an event carries: the exception, its stack without local variables, the request's
method, URL without query string and headers other than credentials; no user (sentry-sdk's
default: send_default_pii off), no request body (max_request_body_size="never"), no
cookies, no query string (a preview link's token is in one), and Authorization, Cookie and
CSRF headers are removed by `scrub_event` on top of sentry-sdk's own scrubbing. The access
log lines (cms.access) are not events.
"""

from __future__ import annotations

# Request headers never sent (compared case-insensitively).
SECRET_HEADERS = frozenset(
    {"authorization", "proxy-authorization", "cookie", "x-csrftoken", "x-api-key", "set-cookie"}
)


def scrub_event(event, hint=None):
    """before_send / before_send_transaction: drop credentials, cookies, bodies, query
    strings and user details from an event."""
    request = event.get("request")
    if isinstance(request, dict):
        headers = request.get("headers")
        if isinstance(headers, dict):
            request["headers"] = {
                key: value for key, value in headers.items() if key.lower() not in SECRET_HEADERS
            }
        for key in ("cookies", "data", "query_string", "env"):
            request.pop(key, None)
        if isinstance(request.get("url"), str):
            request["url"] = request["url"].split("?", 1)[0]
    event.pop("user", None)
    return event


def init_sentry(
    dsn: str,
    environment: str | None = None,
    release: str | None = None,
    traces_sample_rate: float = 0.0,
    **options,
):
    """Start the Sentry client (Django integration, logging errors as events). `options`
    go to sentry_sdk.init (tests pass a transport)."""
    import sentry_sdk
    from sentry_sdk.integrations.django import DjangoIntegration
    from sentry_sdk.integrations.logging import ignore_logger

    sentry_sdk.init(
        dsn=dsn,
        environment=environment,
        release=release,
        traces_sample_rate=traces_sample_rate,
        # send_default_pii stays unset, which sentry-sdk 2.75 takes as False (setting it is
        # deprecated there): no user, no client IP, sensitive headers and cookies filtered
        # by its event scrubber.
        max_request_body_size="never",
        include_local_variables=False,
        before_send=scrub_event,
        before_send_transaction=scrub_event,
        integrations=[DjangoIntegration()],
        **options,
    )
    # One line per request, at ERROR for a 5xx: the exception's own event is enough.
    ignore_logger("cms.access")
