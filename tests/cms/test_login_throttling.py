"""Login throttling (django-axes): per username+IP and per IP, with the project's client IP.

docs/security.md "Login throttling and client IP".
"""

import pytest
from axes.handlers.proxy import AxesProxyHandler
from axes.models import AccessAttempt
from django.conf import settings as django_settings
from django.test import Client
from django.urls import reverse

LOGIN = "/admin/login/"
GOOD_USER = "helsinki-expert"


@pytest.fixture(autouse=True)
def axes_on(settings, db):
    settings.AXES_ENABLED = True
    AxesProxyHandler.get_implementation(force=True)
    yield
    AxesProxyHandler.get_implementation(force=True)


def login(client, username, password="wrong-password", **extra):
    return client.post(LOGIN, {"username": username, "password": password}, **extra)


def logged_in(client):
    return "_auth_user_id" in client.session


def test_limit_per_username_and_ip_is_unchanged():
    attacker = Client(REMOTE_ADDR="203.0.113.5")
    for _ in range(django_settings.AXES_FAILURE_LIMIT):
        login(attacker, GOOD_USER)
    login(attacker, GOOD_USER, django_settings.DEMO_PASSWORD)
    assert not logged_in(attacker)
    # Another user behind the same address is not locked by one user's typos.
    colleague = Client(REMOTE_ADDR="203.0.113.5")
    login(colleague, "espoo-expert", django_settings.DEMO_PASSWORD)
    assert logged_in(colleague)


def test_many_usernames_from_one_ip_get_locked():
    attacker = Client(REMOTE_ADDR="203.0.113.6")
    for i in range(django_settings.LOGIN_FAILURE_LIMIT_PER_IP):
        response = login(attacker, f"guess-{i}")
    assert response.status_code == 429
    # Now every login from that address is refused, even a correct one ...
    login(attacker, GOOD_USER, django_settings.DEMO_PASSWORD)
    assert not logged_in(attacker)
    # ... while other addresses are not affected.
    elsewhere = Client(REMOTE_ADDR="203.0.113.7")
    login(elsewhere, GOOD_USER, django_settings.DEMO_PASSWORD)
    assert logged_in(elsewhere)


def test_a_successful_login_does_not_reset_the_ip_budget():
    """Signing in with an own account between guesses must not wipe the other failures."""
    attacker = Client(REMOTE_ADDR="203.0.113.8")
    for i in range(django_settings.LOGIN_FAILURE_LIMIT_PER_IP - 1):
        login(attacker, f"guess-{i}")
    own = Client(REMOTE_ADDR="203.0.113.8")
    login(own, GOOD_USER, django_settings.DEMO_PASSWORD)
    assert logged_in(own)
    login(attacker, "guess-last")
    login(attacker, GOOD_USER, django_settings.DEMO_PASSWORD)
    assert not logged_in(attacker)


def test_forged_x_forwarded_for_is_ignored_without_a_trusted_proxy(settings):
    assert settings.TRUSTED_PROXY_COUNT == 0
    attacker = Client(REMOTE_ADDR="203.0.113.9")
    for i in range(django_settings.LOGIN_FAILURE_LIMIT_PER_IP):
        login(attacker, f"guess-{i}", HTTP_X_FORWARDED_FOR=f"198.51.100.{i + 1}")
    assert set(AccessAttempt.objects.values_list("ip_address", flat=True)) == {"203.0.113.9"}
    login(attacker, GOOD_USER, django_settings.DEMO_PASSWORD, HTTP_X_FORWARDED_FOR="192.0.2.1")
    assert not logged_in(attacker)


def test_behind_one_trusted_proxy_the_rightmost_entry_is_the_client(settings):
    settings.TRUSTED_PROXY_COUNT = 1
    proxy = "10.0.0.1"
    attacker = Client(REMOTE_ADDR=proxy)
    for i in range(django_settings.LOGIN_FAILURE_LIMIT_PER_IP):
        # The spoofed left entries change every time; the proxy's entry does not.
        login(attacker, f"guess-{i}", HTTP_X_FORWARDED_FOR=f"192.0.2.{i + 1}, 198.51.100.20")
    assert set(AccessAttempt.objects.values_list("ip_address", flat=True)) == {"198.51.100.20"}
    login(
        attacker,
        GOOD_USER,
        django_settings.DEMO_PASSWORD,
        HTTP_X_FORWARDED_FOR="192.0.2.200, 198.51.100.20",
    )
    assert not logged_in(attacker)
    # Another client through the same proxy is not locked out.
    other = Client(REMOTE_ADDR=proxy)
    login(other, GOOD_USER, django_settings.DEMO_PASSWORD, HTTP_X_FORWARDED_FOR="198.51.100.21")
    assert logged_in(other)


def reset(client, email, **extra):
    return client.post(reverse("wagtailadmin_password_reset"), {"email": email}, **extra)


def test_password_reset_requests_are_limited_per_address_and_ip(mailoutbox, user):
    email = user(GOOD_USER).email
    assert email
    client = Client(REMOTE_ADDR="203.0.113.10")
    responses = [reset(client, email) for _ in range(django_settings.AXES_FAILURE_LIMIT + 3)]
    assert len(mailoutbox) == django_settings.AXES_FAILURE_LIMIT
    assert responses[-1].status_code == 429
    # Resetting from another address still works.
    reset(Client(REMOTE_ADDR="203.0.113.11"), email)
    assert len(mailoutbox) == django_settings.AXES_FAILURE_LIMIT + 1


def test_password_reset_requests_count_against_the_ip_budget(mailoutbox, user):
    client = Client(REMOTE_ADDR="203.0.113.12")
    for i in range(django_settings.LOGIN_FAILURE_LIMIT_PER_IP):
        reset(client, f"nobody-{i}@example.com")
    assert reset(client, user(GOOD_USER).email).status_code == 429
    assert not mailoutbox
    login(client, GOOD_USER, django_settings.DEMO_PASSWORD)
    assert not logged_in(client)
