"""The production server's pieces (docs/operations.md "Running in production"):
gunicorn.conf.py from the environment and a real gunicorn serving the app, static files
collected with hashed names and served by WhiteNoise with year-long caching and gzip, gzip
of the API's JSON (never of a session's answers or of pages), and the production settings'
plain-HTTP switch for make serve, refused off loopback."""

import gzip
import json
import os
import re
import runpy
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from django.contrib.staticfiles.storage import staticfiles_storage
from django.core.management import call_command
from django.test import Client

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[2]
CONFIG = ROOT / "gunicorn.conf.py"
LISTING = "{ services(limit: 100) { totalCount items { id title slug shortDescription locale } } }"


# --- gunicorn.conf.py -----------------------------------------------------------------------
GUNICORN_VARIABLES = [
    "GUNICORN_BIND",
    "PORT",
    "GUNICORN_WORKERS",
    "WEB_CONCURRENCY",
    "GUNICORN_THREADS",
    "GUNICORN_WORKER_CLASS",
    "GUNICORN_TIMEOUT",
    "GUNICORN_GRACEFUL_TIMEOUT",
    "GUNICORN_KEEPALIVE",
    "GUNICORN_MAX_REQUESTS",
    "GUNICORN_MAX_REQUESTS_JITTER",
    "GUNICORN_PRELOAD",
    "GUNICORN_ACCESS_LOG",
    "GUNICORN_ERROR_LOG",
    "GUNICORN_LOG_LEVEL",
]


@pytest.fixture
def gunicorn_config(monkeypatch):
    for name in GUNICORN_VARIABLES:
        monkeypatch.delenv(name, raising=False)

    def load(**env):
        for name, value in env.items():
            monkeypatch.setenv(name, value)
        return runpy.run_path(str(CONFIG))

    return load


def test_gunicorn_defaults(gunicorn_config):
    config = gunicorn_config()
    cores = len(os.sched_getaffinity(0))
    assert config["bind"] == ["127.0.0.1:8000"]
    assert config["workers"] == min(2 * cores + 1, 8)
    assert (config["threads"], config["worker_class"]) == (2, "gthread")
    assert (config["timeout"], config["graceful_timeout"], config["keepalive"]) == (30, 30, 5)
    # Rare worker replacements, each a fork of the preloaded master (docs/operations.md).
    assert (config["max_requests"], config["max_requests_jitter"]) == (10000, 1000)
    assert config["preload_app"] is True
    assert config["accesslog"] is None  # off: the app's own request log has no query strings
    assert config["wsgi_app"] == "cms.wsgi:application"


def test_gunicorn_settings_come_from_the_environment(gunicorn_config):
    config = gunicorn_config(
        GUNICORN_BIND="0.0.0.0:9000,unix:/run/pm.sock",
        GUNICORN_WORKERS="3",
        GUNICORN_THREADS="4",
        GUNICORN_WORKER_CLASS="sync",
        GUNICORN_TIMEOUT="60",
        GUNICORN_GRACEFUL_TIMEOUT="20",
        GUNICORN_KEEPALIVE="75",
        GUNICORN_MAX_REQUESTS="0",
        GUNICORN_MAX_REQUESTS_JITTER="0",
        GUNICORN_PRELOAD="0",
        GUNICORN_ACCESS_LOG="off",
        GUNICORN_LOG_LEVEL="WARNING",
    )
    assert config["bind"] == ["0.0.0.0:9000", "unix:/run/pm.sock"]
    assert (config["workers"], config["threads"], config["worker_class"]) == (3, 4, "sync")
    assert (config["timeout"], config["graceful_timeout"], config["keepalive"]) == (60, 20, 75)
    assert (config["max_requests"], config["max_requests_jitter"]) == (0, 0)
    assert config["preload_app"] is False
    assert config["accesslog"] is None and config["loglevel"] == "warning"


def test_port_and_web_concurrency_are_understood(gunicorn_config):
    config = gunicorn_config(PORT="5000", WEB_CONCURRENCY="6")
    assert config["bind"] == ["0.0.0.0:5000"] and config["workers"] == 6


@pytest.mark.parametrize(
    ("name", "value", "message"),
    [
        ("GUNICORN_WORKERS", "many", "GUNICORN_WORKERS must be a whole number, got 'many'"),
        ("GUNICORN_WORKERS", "0", "GUNICORN_WORKERS must be at least 1, got 0"),
        ("GUNICORN_TIMEOUT", "-5", "GUNICORN_TIMEOUT must be at least 1"),
        ("GUNICORN_BIND", "localhost", "GUNICORN_BIND must be host:port"),
        ("PORT", "http", "PORT must be a port number"),
        ("GUNICORN_WORKER_CLASS", "fast", "GUNICORN_WORKER_CLASS must be one of"),
        ("GUNICORN_LOG_LEVEL", "loud", "GUNICORN_LOG_LEVEL must be"),
        ("GUNICORN_PRELOAD", "yes", "GUNICORN_PRELOAD must be 0 or 1, got 'yes'"),
    ],
)
def test_bad_gunicorn_settings_stop_with_a_message(gunicorn_config, capsys, name, value, message):
    with pytest.raises(SystemExit) as stopped:
        gunicorn_config(**{name: value})
    assert stopped.value.code == 2
    assert message in capsys.readouterr().err


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_gunicorn_serves_the_app(tmp_path):
    """A real gunicorn with gunicorn.conf.py (one worker, the test settings' empty in-memory
    database): /healthz answers, /readyz reports the unapplied migrations with a 503, the
    access log goes to stdout with the time taken, and SIGTERM stops it."""
    port = _free_port()
    env = {
        **{k: v for k, v in os.environ.items() if k not in GUNICORN_VARIABLES},
        "DJANGO_SETTINGS_MODULE": "cms.settings.test",
        "GUNICORN_BIND": f"127.0.0.1:{port}",
        "GUNICORN_WORKERS": "1",
        "GUNICORN_ACCESS_LOG": "-",  # off by default; its format is checked here
    }
    env.pop("DATABASE_URL", None)
    stdout, stderr = tmp_path / "stdout", tmp_path / "stderr"
    with stdout.open("wb") as out, stderr.open("wb") as err:
        server = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "-c", str(CONFIG)],
            cwd=ROOT,
            env=env,
            stdout=out,
            stderr=err,
        )
    try:
        deadline = time.monotonic() + 15
        while True:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=2) as r:
                    assert r.status == 200 and json.load(r) == {"status": "ok"}
                    break
            except OSError:
                assert server.poll() is None, stderr.read_text()
                assert time.monotonic() < deadline, stderr.read_text()
                time.sleep(0.2)
        with pytest.raises(urllib.error.HTTPError) as not_ready:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/readyz", timeout=5)
        assert not_ready.value.code == 503
        assert json.load(not_ready.value)["failed"] == ["migrations"]
    finally:
        server.send_signal(signal.SIGTERM)
        try:
            server.wait(10)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
    assert server.returncode == 0, stderr.read_text()
    assert re.search(r'"GET /healthz HTTP/1.1" 200 .* \d+ms', stdout.read_text()), (
        stdout.read_text()
    )


# --- static files -------------------------------------------------------------------------------
@pytest.fixture
def collected(settings, tmp_path):
    """The production static setup (cms/settings/production.py) after collectstatic into a
    temporary STATIC_ROOT."""
    settings.STATIC_ROOT = tmp_path / "static"
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "cms.storage.StaticFilesStorage"},
    }
    middleware = list(settings.MIDDLEWARE)
    security = middleware.index("django.middleware.security.SecurityMiddleware")
    middleware.insert(security + 1, "whitenoise.middleware.WhiteNoiseMiddleware")
    settings.MIDDLEWARE = middleware
    call_command("collectstatic", interactive=False, verbosity=0)
    return settings.STATIC_ROOT


def test_static_files_are_hashed_compressed_and_cached_for_a_year(collected):
    hashed = staticfiles_storage.url("frontend/site.css")
    assert re.fullmatch(r"/static/frontend/site\.[0-9a-f]{12}\.css", hashed), hashed
    assert (collected / hashed.removeprefix("/static/")).with_suffix(".css.gz").exists()
    response = Client().get(hashed, HTTP_ACCEPT_ENCODING="gzip, br")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/css")
    assert "max-age=315360000" in response["Cache-Control"]
    assert "immutable" in response["Cache-Control"]
    assert response["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in response["Vary"]
    original = (ROOT / "frontend/static/frontend/site.css").read_bytes()
    assert gzip.decompress(b"".join(response.streaming_content)) == original
    # The same file under its plain name is served too, but only briefly cached.
    plain = Client().get("/static/frontend/site.css")
    assert plain.status_code == 200 and "immutable" not in plain["Cache-Control"]


def test_pages_link_the_hashed_static_files(collected):
    html = Client().get("/").content.decode()
    assert re.search(r'href="/static/frontend/site\.[0-9a-f]{12}\.css"', html), html[:2000]


# --- gzip of the API ------------------------------------------------------------------------------
def _post(query, client=None, **headers):
    return (client or Client()).post(
        "/graphql/", json.dumps({"query": query}), content_type="application/json", **headers
    )


@pytest.mark.parametrize("accept", [None, "application/graphql-response+json"])
def test_the_api_answers_gzip(accept):
    headers = {"HTTP_ACCEPT": accept} if accept else {}
    plain = _post(LISTING, **headers)
    compressed = _post(LISTING, HTTP_ACCEPT_ENCODING="gzip, deflate, br", **headers)
    assert plain.status_code == compressed.status_code == 200
    assert "errors" not in plain.json() and len(plain.json()["data"]["services"]["items"]) > 10
    assert "Content-Encoding" not in plain
    assert compressed["Content-Encoding"] == "gzip"
    for response in (plain, compressed):
        assert "Accept-Encoding" in response["Vary"] and "Accept" in response["Vary"]
    assert gzip.decompress(compressed.content) == plain.content
    assert len(plain.content) > 5_000
    assert len(compressed.content) < len(plain.content) * 0.4, (
        len(compressed.content),
        len(plain.content),
    )


def test_gzip_with_a_bearer_token_but_not_with_a_session(user):
    from tests.api.gql import token_for

    token = token_for("helsinki-expert")
    with_token = _post(LISTING, HTTP_AUTHORIZATION=f"Bearer {token}", HTTP_ACCEPT_ENCODING="gzip")
    assert with_token.status_code == 200 and with_token["Content-Encoding"] == "gzip"
    # A browser's session could be made to send attacker-chosen queries (BREACH).
    session = Client()
    session.force_login(user("helsinki-expert"))
    response = session.get("/graphql/", {"query": LISTING}, HTTP_ACCEPT_ENCODING="gzip")
    assert response.status_code == 200 and "Content-Encoding" not in response


def test_pages_are_not_compressed():
    # HTML may hold a CSRF token next to reflected input (BREACH).
    response = Client().get("/", HTTP_ACCEPT_ENCODING="gzip")
    assert response.status_code == 200 and "Content-Encoding" not in response


# --- the production settings' switch for make serve ----------------------------------------------
def _production(**env):
    base = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    base.update(
        DJANGO_SECRET_KEY="x" * 60,
        DATABASE_URL="sqlite:///:memory:",
        DJANGO_SETTINGS_MODULE="cms.settings.production",
        **env,
    )
    code = (
        "from django.conf import settings as s; "
        "print(s.SECURE_SSL_REDIRECT, s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, "
        "s.STORAGES['staticfiles']['BACKEND'], "
        "'whitenoise.middleware.WhiteNoiseMiddleware' in s.MIDDLEWARE)"
    )
    return subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=base, capture_output=True, text=True
    )


def test_production_is_https_only_by_default():
    result = _production(DJANGO_ALLOWED_HOSTS="palvelumanuaali.example.fi")
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == [
        "True",
        "True",
        "True",
        "cms.storage.StaticFilesStorage",
        "True",
    ]


def test_plain_http_only_for_make_serve_on_loopback():
    local = _production(DJANGO_ALLOWED_HOSTS="127.0.0.1,localhost", DJANGO_LOCAL_PLAIN_HTTP="1")
    assert local.returncode == 0, local.stderr
    assert local.stdout.split()[:3] == ["False", "False", "False"]
    server = _production(
        DJANGO_ALLOWED_HOSTS="127.0.0.1,palvelumanuaali.example.fi", DJANGO_LOCAL_PLAIN_HTTP="1"
    )
    assert server.returncode != 0
    assert "DJANGO_LOCAL_PLAIN_HTTP=1 is for make serve on this machine only" in server.stderr
