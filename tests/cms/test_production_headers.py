"""Production settings pass `check --deploy` with no warning; the CSP is sent everywhere.

docs/security.md "Production headers and CSP".
"""

import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from django.test import Client

from cms.csp import extra_sources

ROOT = Path(__file__).resolve().parents[2]


def production_env(tmp_path, **extra):
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_URL"))}
    env.update(
        DJANGO_SETTINGS_MODULE="cms.settings.production",
        DJANGO_SECRET_KEY=secrets.token_urlsafe(60),
        DJANGO_ALLOWED_HOSTS="palvelumanuaali.example.fi",
        DATABASE_URL=f"sqlite:///{tmp_path / 'deploy-check.sqlite3'}",
        **extra,
    )
    return env


def test_check_deploy_passes_without_any_warning(tmp_path):
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=production_env(tmp_path),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "WARNINGS" not in result.stdout + result.stderr


PRINT_SETTINGS = """
import django, json
django.setup()
from django.conf import settings as s
print(json.dumps({name: getattr(s, name) for name in (
    "SECURE_HSTS_SECONDS", "SECURE_HSTS_INCLUDE_SUBDOMAINS", "SECURE_HSTS_PRELOAD",
    "SECURE_SSL_REDIRECT", "SECURE_REDIRECT_EXEMPT", "SESSION_COOKIE_SECURE",
    "CSRF_COOKIE_SECURE", "SECURE_REFERRER_POLICY", "SECURE_CROSS_ORIGIN_OPENER_POLICY",
    "GRAPHIQL_ENABLED", "DEBUG")}))
"""


@pytest.mark.parametrize(
    "env, hsts",
    [({}, 31_536_000), ({"DJANGO_HSTS_SECONDS": "300"}, 300)],
)
def test_production_security_settings(tmp_path, env, hsts):
    import json

    result = subprocess.run(
        [sys.executable, "-c", PRINT_SETTINGS],
        cwd=ROOT,
        env=production_env(tmp_path, GRAPHIQL_ENABLED="1", DJANGO_DEBUG="1", **env),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    values = json.loads(result.stdout.strip().splitlines()[-1])
    assert values == {
        "SECURE_HSTS_SECONDS": hsts,
        "SECURE_HSTS_INCLUDE_SUBDOMAINS": True,
        "SECURE_HSTS_PRELOAD": True,
        "SECURE_SSL_REDIRECT": True,
        # Prometheus may scrape /metrics on the app's port (token-protected; docs/operations.md).
        "SECURE_REDIRECT_EXEMPT": [r"^metrics$"],
        "SESSION_COOKIE_SECURE": True,
        "CSRF_COOKIE_SECURE": True,
        "SECURE_REFERRER_POLICY": "same-origin",
        "SECURE_CROSS_ORIGIN_OPENER_POLICY": "same-origin",
        # Never GraphiQL or debug pages in production, whatever the environment says.
        "GRAPHIQL_ENABLED": False,
        "DEBUG": False,
    }


def directives(response) -> dict[str, list[str]]:
    header = response["Content-Security-Policy"]
    return {
        name: sources
        for name, *sources in (part.split() for part in header.split(";") if part.strip())
    }


@pytest.mark.django_db
def test_strict_policy_outside_the_admin():
    for path in ("/", "/graphql/", "/no-such-page/"):
        policy = directives(Client().get(path))
        assert policy["script-src"] == ["'self'"], path
        assert policy["style-src"] == ["'self'"], path
        assert policy["object-src"] == ["'none'"]
        assert policy["frame-ancestors"] == ["'self'"]
        assert policy["base-uri"] == ["'self'"]
        assert policy["form-action"] == ["'self'"]
        assert "'unsafe-eval'" not in str(policy)


@pytest.mark.django_db
def test_admin_policy_adds_only_inline_scripts_and_styles(user, settings):
    client = Client()
    client.force_login(user("helsinki-producer"))
    for path in ("/admin/login/", "/admin/", "/admin/pages/"):
        policy = directives(client.get(path))
        assert policy["script-src"] == ["'self'", "'unsafe-inline'"], path
        assert policy["style-src"] == ["'self'", "'unsafe-inline'"], path
        assert policy["connect-src"] == ["'self'"]
        assert policy["img-src"] == ["'self'", "data:"]
        # The admin's preview panel (same origin); an external preview frontend only when
        # HEADLESS_PREVIEW_URL names one (none by default).
        assert policy["frame-src"] == ["'self'", *filter(None, [settings.HEADLESS_PREVIEW_ORIGIN])]
        assert "'unsafe-eval'" not in str(policy)


def test_graphiql_sources_only_while_graphiql_is_enabled(settings):
    settings.GRAPHIQL_ENABLED = False
    assert extra_sources("/graphql/") == {}
    settings.GRAPHIQL_ENABLED = True
    # GraphiQL's own files are served by the project: only its stylesheet's data: fonts.
    assert extra_sources("/graphql/") == {"font-src": ["data:"]}
    assert extra_sources("/graphql-x") == {}
