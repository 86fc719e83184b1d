"""Shared fixtures.

One demo world is built per test database (per xdist worker) by the same builder
as `seed_demo` with a small catalogue; each test runs in a transaction that is
rolled back, so tests may change it freely without affecting others.
"""

import time

import pytest
from django.contrib.auth import get_user_model

from services.demo.builder import DemoBuilder
from services.models import ServicePage

WORLD_SERVICES = 24


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        # Without reviews in flight: tests start their own workflows.
        DemoBuilder(services=WORLD_SERVICES, seed=7, reviews=False).build()
    yield


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture(autouse=True)
def _one_rate_limit_window(monkeypatch):
    """django-ratelimit (the API's rate limit) counts in fixed windows of the period: two
    requests of a test that straddle a window's end would find the count started again (a
    "1/m" test answered 200 instead of 429 once). Each test counts in one window of its own,
    ending one period after the test starts (django_ratelimit.core._get_window, pinned 4.1)."""
    import django_ratelimit.core

    started = int(time.time())
    monkeypatch.setattr(
        django_ratelimit.core, "_get_window", lambda value, period: started + period
    )


@pytest.fixture
def user(db):
    """Look up a demo user by name: user("helsinki-producer")."""
    User = get_user_model()
    return lambda username: User.objects.get(username=username)


@pytest.fixture
def login(client, user):
    def _login(username):
        client.force_login(user(username))
        return client

    return _login


def service_of(municipality: str, provider: str | None = None) -> ServicePage:
    qs = ServicePage.objects.filter(
        responsible_municipality__slug=municipality, locale__language_code="fi"
    )
    if provider:
        qs = qs.filter(provider__slug=provider)
    return qs.order_by("pk").first()


@pytest.fixture
def services(db):
    return service_of


@pytest.fixture
def sv_pair(services):
    """A Raasepori service and its Swedish translation (made with wagtail-localize)."""
    sv = (
        ServicePage.objects.live()
        .filter(locale__language_code="sv", responsible_municipality__slug="raasepori")
        .order_by("pk")
        .first()
    )
    fi = ServicePage.objects.get(translation_key=sv.translation_key, locale__language_code="fi")
    return fi, sv
