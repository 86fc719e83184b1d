"""The shared cache on a real Redis (django-redis): the settings REDIS_URL builds, cached
anonymous GraphQL answers and the publication generation stored there, the rate limit's
counters there, /readyz, and a Redis outage answered 503 (cms/failure.py) while the rate
limit lets requests through.

A throwaway redis-server on a free loopback port (no persistence) per module: skipped when
Debian's redis-server is not installed, a failure under CI (CI set).
"""

import hashlib
import json
import os
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.core.cache import cache, caches
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from cms import cache_generation
from tests.api.gql import QUERIES

ROOT = Path(__file__).resolve().parents[2]
LISTING = hashlib.sha256((QUERIES / "catalogue-listing.graphql").read_bytes()).hexdigest()


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _ping(port: int) -> bool:
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=0.5) as sock:
            sock.sendall(b"PING\r\n")
            return sock.recv(16).startswith(b"+PONG")
    except OSError:
        return False


class RedisServer:
    def __init__(self):
        self.port = _free_port()
        self.url = f"redis://127.0.0.1:{self.port}/0"
        self.process = None

    def start(self):
        binary = shutil.which("redis-server") or "/usr/bin/redis-server"
        self.process = subprocess.Popen(
            [binary, "--port", str(self.port), "--bind", "127.0.0.1", "--save", ""]
            + ["--appendonly", "no", "--protected-mode", "yes"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + 10
        while not _ping(self.port):
            if self.process.poll() is not None or time.monotonic() > deadline:
                self.stop()
                pytest.fail(f"redis-server did not start on port {self.port}")
            time.sleep(0.05)

    def stop(self):
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(5)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.process = None


@pytest.fixture(scope="module")
def redis_server():
    if not (shutil.which("redis-server") or os.path.exists("/usr/bin/redis-server")):
        message = "redis-server is not installed (Debian: apt-get install redis-server)"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    server = RedisServer()
    server.start()
    yield server
    server.stop()


def redis_caches(url: str, prefix: str = "pm-test") -> dict:
    """What cms/settings/base.py builds for REDIS_URL (test_settings_build_... checks it)."""
    return {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": url,
            "KEY_PREFIX": prefix,
            "TIMEOUT": 300,
            "OPTIONS": {
                "CLIENT_CLASS": "django_redis.client.DefaultClient",
                "SOCKET_CONNECT_TIMEOUT": 1.0,
                "SOCKET_TIMEOUT": 1.0,
                "IGNORE_EXCEPTIONS": False,
            },
        }
    }


@pytest.fixture
def redis_cache(redis_server, settings):
    if redis_server.process is None:
        redis_server.start()
    settings.CACHES = redis_caches(redis_server.url)
    settings.GRAPHQL_CACHE_SECONDS = 60
    cache.clear()
    yield redis_server
    if redis_server.process is not None:
        cache.clear()


def raw_keys(server) -> list[str]:
    import redis

    return [k.decode() for k in redis.Redis.from_url(server.url).keys("*")]


def persisted_get(**headers):
    return Client().get(
        "/graphql/",
        {"id": LISTING, "variables": json.dumps({"locale": "fi", "limit": 5})},
        **headers,
    )


def run_settings(env: dict) -> subprocess.CompletedProcess:
    code = (
        "import django, json; from django.conf import settings; django.setup(); "
        "print(json.dumps(settings.CACHES['default']))"
    )
    environment = {k: v for k, v in os.environ.items() if k not in ("REDIS_URL",)}
    environment.update({"DJANGO_SETTINGS_MODULE": "cms.settings.test", **env})
    return subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_settings_build_django_redis_from_redis_url_and_local_memory_without():
    with_redis = run_settings({"REDIS_URL": "redis://127.0.0.1:6390/2"})
    assert with_redis.returncode == 0, with_redis.stderr
    assert (
        json.loads(with_redis.stdout)
        == redis_caches("redis://127.0.0.1:6390/2", "palvelumanuaali")["default"]
    )
    local = run_settings({"CACHE_KEY_PREFIX": "site-b"})
    assert local.returncode == 0, local.stderr
    config = json.loads(local.stdout)
    assert config["BACKEND"] == "django.core.cache.backends.locmem.LocMemCache"
    assert config["KEY_PREFIX"] == "site-b"
    bad = run_settings({"REDIS_URL": "http://cache:6379"})
    assert bad.returncode != 0
    assert "REDIS_URL must be redis://host:port/db, got 'http://cache:6379'" in bad.stderr


@pytest.mark.django_db
def test_anonymous_answers_and_the_generation_live_in_redis(redis_cache):
    assert type(caches["default"]).__module__.startswith("django_redis")
    first = persisted_get()
    assert first.status_code == 200 and first["Cache-Control"] == "public, max-age=60"
    with CaptureQueriesContext(connection) as queries:
        second = persisted_get()
    assert len(queries) == 0 and second.content == first.content
    keys = raw_keys(redis_cache)
    assert any(k.startswith("pm-test:") and ":graphql:v2:" in k for k in keys), keys
    # The final answer the early path serves (cms.api.persisted), in the same Redis.
    assert any(k.startswith("pm-test:") and ":graphql-final:v1:" in k for k in keys), keys
    assert any(k.endswith(cache_generation.KEY) for k in keys), keys

    before = cache_generation.current()
    cache_generation.bump()  # what a publication does, on any server sharing this Redis
    assert cache_generation.current() > before
    with CaptureQueriesContext(connection) as queries:
        third = persisted_get()
    assert len(queries) > 0 and third.content == first.content


def test_redis_replies_are_parsed_by_hiredis(redis_cache):
    """hiredis (pinned) is redis-py's reply parser: less CPU per cache round trip."""
    import hiredis
    from redis._parsers import _HiredisParser

    assert hiredis.__version__
    pool = caches["default"].client.get_client().connection_pool
    connection = pool.get_connection()
    try:
        assert isinstance(connection._parser, _HiredisParser)
    finally:
        pool.release(connection)


@pytest.mark.django_db
def test_the_rate_limit_counts_in_redis(redis_cache, settings):
    settings.GRAPHQL_RATE_LIMIT_ANONYMOUS = "2/m"
    assert persisted_get(REMOTE_ADDR="198.51.100.4").status_code == 200
    assert persisted_get(REMOTE_ADDR="198.51.100.4").status_code == 200  # a cache hit counts
    assert persisted_get(REMOTE_ADDR="198.51.100.4").status_code == 429
    assert persisted_get(REMOTE_ADDR="198.51.100.5").status_code == 200
    assert any("rl:" in key for key in raw_keys(redis_cache))


@pytest.mark.django_db
def test_a_redis_outage_is_a_503_and_readyz_says_cache(redis_cache, settings):
    ready = Client().get("/readyz")
    assert ready.json()["checks"]["cache"]["ok"]  # (the other checks are not this test's)
    redis_cache.stop()
    try:
        started = time.monotonic()
        response = persisted_get()
        assert time.monotonic() - started < 5  # the socket timeouts, not a hang
        assert response.status_code == 503, response.content
        assert response["Retry-After"] and response["Cache-Control"] == "no-store"
        assert response.json()["errors"][0]["extensions"]["code"] == "UNAVAILABLE"

        not_ready = Client().get("/readyz")
        assert not_ready.status_code == 503 and "cache" in not_ready.json()["failed"]

        # The rate limit lets requests through; a POST needs no cache.
        settings.GRAPHQL_RATE_LIMIT_ANONYMOUS = "2/m"
        post = Client().post(
            "/graphql/", json.dumps({"query": "{ __typename }"}), content_type="application/json"
        )
        assert post.status_code == 200 and post.json() == {"data": {"__typename": "Query"}}
    finally:
        redis_cache.start()
    assert persisted_get().status_code == 200


def test_sessions_are_read_through_the_cache_only_when_it_is_shared():
    """cached_db with Redis; the database alone with local memory (several processes would
    each keep a copy); runserver's dev settings, one process, read through its memory."""
    code = "import django; from django.conf import settings; django.setup(); print(settings.SESSION_ENGINE)"
    base = {k: v for k, v in os.environ.items() if k != "REDIS_URL"}

    def engine(env):
        done = subprocess.run(
            [sys.executable, "-c", code],
            cwd=ROOT,
            env={**base, **env},
            capture_output=True,
            text=True,
            timeout=60,
        )
        assert done.returncode == 0, done.stderr
        return done.stdout.strip().rsplit(".", 1)[-1]

    assert (
        engine(
            {"DJANGO_SETTINGS_MODULE": "cms.settings.test", "REDIS_URL": "redis://127.0.0.1:6390/2"}
        )
        == "cached_db"
    )
    assert engine({"DJANGO_SETTINGS_MODULE": "cms.settings.test"}) == "db"
    assert engine({"DJANGO_SETTINGS_MODULE": "cms.settings.dev"}) == "cached_db"


@pytest.mark.django_db
def test_a_session_ended_on_one_server_is_ended_on_every_server(
    redis_cache, settings, django_user_model
):
    """Two servers sharing Redis and the database: the same session cookie, signed out
    through one, is refused by the other; a session read from Redis costs no query."""
    settings.SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
    # A user who may use the back office, whose sign-out the frontend's form posts to.
    user = django_user_model.objects.create_superuser("cached-session", password="x-Long-pass-1")
    first, second = Client(), Client()
    first.force_login(user)
    second.cookies = first.cookies  # the browser's cookie, sent to another server
    key = first.session.session_key
    assert any(k.endswith(key) for k in raw_keys(redis_cache))
    from django.contrib.sessions.backends.cached_db import SessionStore
    from django.contrib.sessions.models import Session

    with CaptureQueriesContext(connection) as queries:
        SessionStore(key).load()
    assert not [q for q in queries.captured_queries if "django_session" in q["sql"]]
    assert second.get("/lists/").status_code == 200  # the staff view: signed in
    assert first.post("/admin/logout/").status_code == 302
    assert not Session.objects.filter(session_key=key).exists()
    assert not any(k.endswith(key) for k in raw_keys(redis_cache))
    response = second.get("/lists/")
    assert response.status_code == 302 and "/login/" in response["Location"]
