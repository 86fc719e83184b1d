"""The client's IP address, the one way the project determines it.

Login throttling (django-axes, ``AXES_CLIENT_IP_CALLABLE``) and any other per-client
limit import :func:`client_ip` from here, so every limit agrees on who the client is.

Without a trusted reverse proxy (``TRUSTED_PROXY_COUNT = 0``, the default) the
address is the TCP peer, ``REMOTE_ADDR``; an ``X-Forwarded-For`` header is then
anyone's invention and is ignored. Behind ``TRUSTED_PROXY_COUNT`` proxies, each of
which appends the address it received the request from to ``X-Forwarded-For``, the
client is the entry that many hops from the right: entries further left were sent
by the client and can be forged. The app must then be reachable only through those
proxies (docs/security.md).
"""

from __future__ import annotations

import ipaddress

from django.conf import settings
from django.http import HttpRequest


def _normalise(value: str | None) -> str | None:
    """The address in canonical form, or None when ``value`` is not an IP address."""
    if not value:
        return None
    try:
        address = ipaddress.ip_address(value.strip())
    except ValueError:
        return None
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped:
        address = address.ipv4_mapped
    return str(address)


def client_ip(request: HttpRequest) -> str | None:
    """The client's IP address (canonical text form), or None when none is known.

    ``REMOTE_ADDR`` unless ``settings.TRUSTED_PROXY_COUNT`` > 0; then the
    ``X-Forwarded-For`` entry ``TRUSTED_PROXY_COUNT`` hops from the right. A missing,
    too short or malformed header falls back to ``REMOTE_ADDR`` (the nearest proxy's
    address: stricter, never spoofable).
    """
    remote_addr = _normalise(request.META.get("REMOTE_ADDR"))
    hops = getattr(settings, "TRUSTED_PROXY_COUNT", 0)
    if hops <= 0:
        return remote_addr
    forwarded = [
        entry.strip()
        for entry in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
        if entry.strip()
    ]
    if len(forwarded) < hops:
        return remote_addr
    return _normalise(forwarded[-hops]) or remote_addr
