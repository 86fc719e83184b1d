"""cms.client_ip.client_ip: X-Forwarded-For counts only behind a trusted proxy."""

import pytest
from django.test import RequestFactory

from cms.client_ip import client_ip

rf = RequestFactory()


def request(remote_addr="10.0.0.1", xff=None):
    extra = {"REMOTE_ADDR": remote_addr}
    if xff is not None:
        extra["HTTP_X_FORWARDED_FOR"] = xff
    return rf.get("/", **extra)


def test_default_is_remote_addr_and_forged_header_ignored(settings):
    assert settings.TRUSTED_PROXY_COUNT == 0
    assert client_ip(request("203.0.113.7")) == "203.0.113.7"
    assert client_ip(request("203.0.113.7", xff="198.51.100.1")) == "203.0.113.7"


@pytest.mark.parametrize(
    "xff, expected",
    [
        ("198.51.100.9", "198.51.100.9"),
        # Left entries come from the client and are ignored.
        ("1.2.3.4, 198.51.100.9", "198.51.100.9"),
        ("1.2.3.4,5.6.7.8,198.51.100.9", "198.51.100.9"),
        ("2001:db8::1", "2001:db8::1"),
        ("2001:DB8:0:0::1", "2001:db8::1"),
        ("::ffff:198.51.100.9", "198.51.100.9"),
        # Missing, empty or malformed: the proxy's own address (never the client's word).
        (None, "10.0.0.1"),
        ("", "10.0.0.1"),
        ("198.51.100.9, not-an-ip", "10.0.0.1"),
        ("198.51.100.9, 198.51.100.10:443", "10.0.0.1"),
    ],
)
def test_one_trusted_proxy_takes_the_rightmost_entry(settings, xff, expected):
    settings.TRUSTED_PROXY_COUNT = 1
    assert client_ip(request("10.0.0.1", xff=xff)) == expected


def test_two_trusted_proxies_take_the_second_from_the_right(settings):
    settings.TRUSTED_PROXY_COUNT = 2
    assert client_ip(request(xff="1.1.1.1, 198.51.100.9, 10.0.0.2")) == "198.51.100.9"
    # Too short to have passed both proxies: the nearest proxy's address.
    assert client_ip(request(xff="198.51.100.9")) == "10.0.0.1"


def test_invalid_remote_addr_is_none():
    assert client_ip(request("")) is None
    assert client_ip(request("garbage")) is None
