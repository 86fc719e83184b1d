"""The GraphQL endpoint's rate limit per client (django-ratelimit, counters in Django's cache).

A client is
- a bearer token (per token: every request that authenticates with it),
- a session user (per user), or
- anyone else, per client IP (cms.client_ip; IPv6 per /64, the block one client gets):
  anonymous requests and requests whose Authorization header does not authenticate.

settings.GRAPHQL_RATE_LIMIT_ANONYMOUS and GRAPHQL_RATE_LIMIT_AUTHENTICATED are
django-ratelimit rates, "count/period" (period s, m, h or d, e.g. "300/m"); empty turns
that limit off. The windows are fixed (django-ratelimit staggers each key's window), and
the counters live in Django's default cache, so every app server sharing that cache
(Redis) shares the counts. If the cache fails, the request is let through and the failure
logged: the cache going down must not take the API down with it.

Over the limit the answer is 429 with `Retry-After` (seconds until the window ends) and a
GraphQL error with `extensions.code` RATE_LIMITED. Refused requests count too. The first
refusal of a client in a window is logged (WARNING, this module's logger; a token is
logged as its user's id, never its key).
"""

import ipaddress
import logging

from django.conf import settings
from django.http import JsonResponse
from django_ratelimit.core import get_usage

from cms.client_ip import client_ip

from .errors import RATE_LIMITED, error_response

logger = logging.getLogger(__name__)


def _address(request) -> str:
    ip = client_ip(request)
    if ip is None:
        return "unknown"
    address = ipaddress.ip_address(ip)
    if address.version == 6:
        return str(ipaddress.ip_network(f"{ip}/64", strict=False).network_address) + "/64"
    return ip


def _bearer_key(request) -> str:
    # The key itself (django-ratelimit stores only a SHA-256 of group, rate and key).
    return request.META.get("HTTP_AUTHORIZATION", "").strip().partition(" ")[2].strip()


def client(request, token_user=None) -> tuple[str, str, str]:
    """(group, key, rate) of the request's client."""
    if token_user is not None:
        return "graphql:token", _bearer_key(request), settings.GRAPHQL_RATE_LIMIT_AUTHENTICATED
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        return "graphql:user", str(user.pk), settings.GRAPHQL_RATE_LIMIT_AUTHENTICATED
    return "graphql:ip", _address(request), settings.GRAPHQL_RATE_LIMIT_ANONYMOUS


def refusal(request, token_user=None) -> JsonResponse | None:
    """Count the request; the 429 response when its client is over the limit, else None."""
    group, key, rate = client(request, token_user)
    if not rate:
        return None
    try:
        usage = get_usage(
            request, group=group, key=lambda _group, _request: key, rate=rate, increment=True
        )
    except Exception:
        logger.exception("Rate limit not checked: the cache failed")
        return None
    if usage is None or not usage["should_limit"]:
        return None
    retry_after = max(int(usage["time_left"]), 1)
    if usage["count"] == usage["limit"] + 1:  # once per client and window
        logger.warning(
            "GraphQL rate limit %s reached by %s; refused for %s s",
            rate,
            _who(group, key, token_user),
            retry_after,
        )
    message = (
        f"Too many requests: the limit is {usage['limit']} per {_period(rate)}. "
        f"Try again in {retry_after} seconds."
    )
    return error_response(message, 429, RATE_LIMITED, {"Retry-After": str(retry_after)})


def _who(group, key, token_user) -> str:
    """The client for the log: never a token's key."""
    if group == "graphql:token":
        return f"an API token of user {token_user.pk}"
    if group == "graphql:user":
        return f"the session of user {key}"
    return f"address {key}"


def _period(rate: str) -> str:
    period = rate.partition("/")[2]
    units = {"s": "second", "m": "minute", "h": "hour", "d": "day"}
    number, unit = period[:-1], units.get(period[-1:].lower(), "second")
    return f"{number} {unit}s" if number and number != "1" else unit
