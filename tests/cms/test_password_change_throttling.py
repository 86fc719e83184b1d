"""Wagtail's account settings (/admin/account/) check the current password to change the
password and the e-mail address: a wrong one is a failed login of the account for django-axes,
so whoever holds a hijacked session guesses it no faster than at the login, and cannot set an
address of their own (then reset the password) without it (docs/security.md "Login throttling
and client IP")."""

import pytest
from axes.handlers.proxy import AxesProxyHandler
from axes.models import AccessAttempt
from django import forms
from django.conf import settings as django_settings
from django.db.models import Sum
from django.test import Client
from django.urls import reverse

from tests.clients import client_for

USERNAME = "helsinki-expert"
NEW_PASSWORD = "Uusi-salasana-2026!"
IP = "203.0.113.40"


@pytest.fixture(autouse=True)
def axes_on(settings, db):
    settings.AXES_ENABLED = True
    AxesProxyHandler.get_implementation(force=True)
    yield
    AxesProxyHandler.get_implementation(force=True)


def account_form(client):
    """The account page's forms as the browser posts them, unchanged."""
    response = client.get(reverse("wagtailadmin_account"))
    assert response.status_code == 200
    data = {}
    for panels in response.context["panels_by_tab"].values():
        for panel in panels:
            for field in panel.get_form():
                if isinstance(field.field, forms.FileField):
                    continue
                value = field.value()
                if value is None or value is False:
                    continue
                data[field.html_name] = value
    return data


def change_password(client, old, new=NEW_PASSWORD):
    data = account_form(client)
    data.update(
        {
            "password-old_password": old,
            "password-new_password1": new,
            "password-new_password2": new,
        }
    )
    return client.post(reverse("wagtailadmin_account"), data)


def failures():
    return AccessAttempt.objects.aggregate(n=Sum("failures_since_start"))["n"] or 0


def signed_in(user, ip=IP):
    return client_for(user(USERNAME), REMOTE_ADDR=ip)


def test_a_wrong_old_password_is_a_failed_login(user):
    client = signed_in(user)
    response = change_password(client, "arvaus-1")
    assert response.status_code == 200
    assert response.context["panels_by_tab"]  # the form, shown again with its error
    assert failures() == 1  # once per attempt, though the form is validated twice
    assert AccessAttempt.objects.get().username == USERNAME


def test_guessing_the_old_password_is_locked_like_a_login(user):
    account = user(USERNAME)
    before = account.password
    client = signed_in(user)
    statuses = [
        change_password(client, f"arvaus-{i}").status_code
        for i in range(django_settings.AXES_FAILURE_LIMIT)
    ]
    assert statuses[:-1] == [200] * (django_settings.AXES_FAILURE_LIMIT - 1)
    assert statuses[-1] == 429
    # Locked: even the right old password changes nothing ...
    response = change_password(client, django_settings.DEMO_PASSWORD)
    assert response.status_code == 429
    account.refresh_from_db()
    assert account.password == before
    # ... and the login of that account from that address is locked too.
    login = Client(REMOTE_ADDR=IP)
    login.post(
        reverse("wagtailadmin_login"),
        {"username": USERNAME, "password": django_settings.DEMO_PASSWORD},
    )
    assert "_auth_user_id" not in login.session


def test_failed_logins_count_against_the_password_change(user):
    login = Client(REMOTE_ADDR=IP)
    for i in range(django_settings.AXES_FAILURE_LIMIT):
        login.post(reverse("wagtailadmin_login"), {"username": USERNAME, "password": f"x{i}"})
    response = change_password(signed_in(user), django_settings.DEMO_PASSWORD)
    assert response.status_code == 429
    assert user(USERNAME).check_password(django_settings.DEMO_PASSWORD)


def test_the_right_old_password_changes_it(user):
    client = signed_in(user)
    change_password(client, "arvaus")
    response = change_password(client, django_settings.DEMO_PASSWORD)
    assert response.status_code == 302
    assert user(USERNAME).check_password(NEW_PASSWORD)


def test_other_settings_need_no_old_password_and_count_nothing(user):
    client = signed_in(user)
    data = account_form(client)
    data["name_email-first_name"] = "Uusi"
    response = client.post(reverse("wagtailadmin_account"), data)
    assert response.status_code == 302
    assert failures() == 0


def test_another_address_is_not_locked_by_the_guesses(user):
    client = signed_in(user)
    for i in range(django_settings.AXES_FAILURE_LIMIT):
        change_password(client, f"arvaus-{i}")
    elsewhere = signed_in(user, ip="203.0.113.41")
    assert change_password(elsewhere, django_settings.DEMO_PASSWORD).status_code == 302


def change_email(client, email, password=None):
    data = account_form(client)
    data["name_email-email"] = email
    if password is not None:
        data["name_email-current_password"] = password
    return client.post(reverse("wagtailadmin_account"), data)


def test_changing_the_e_mail_address_needs_the_current_password(user):
    account = user(USERNAME)
    before = account.email
    client = signed_in(user)
    response = change_email(client, "hyokkaaja@example.com")
    assert response.status_code == 200
    assert response.context["panels_by_tab"]
    assert failures() == 0  # nothing was guessed
    response = change_email(client, "hyokkaaja@example.com", "arvaus")
    assert response.status_code == 200
    assert failures() == 1
    account.refresh_from_db()
    assert account.email == before
    response = change_email(client, "uusi.osoite@example.com", django_settings.DEMO_PASSWORD)
    assert response.status_code == 302
    account.refresh_from_db()
    assert account.email == "uusi.osoite@example.com"


def test_e_mail_guesses_are_locked_like_a_login(user):
    client = signed_in(user)
    for i in range(django_settings.AXES_FAILURE_LIMIT):
        change_email(client, "hyokkaaja@example.com", f"arvaus-{i}")
    response = change_email(client, "hyokkaaja@example.com", django_settings.DEMO_PASSWORD)
    assert response.status_code == 429
    assert user(USERNAME).email != "hyokkaaja@example.com"
    # The password form shares the budget: the account is locked at this address.
    assert change_password(client, django_settings.DEMO_PASSWORD).status_code == 429
