"""Scale-out (docs/operations.md, "Scaling out"): two app servers (real gunicorn, one worker
each) on the run's throwaway PostgreSQL test database and one throwaway redis-server share
the cache of anonymous persisted answers and the publication generation: an answer cached
by server B is served by server A without a query, and a publication (the ORM change and
Wagtail's page_published signal, sent in this process, which bumps the generation in the
same Redis) makes B's next answer show the change.

PostgreSQL only: the SQLite test database is in one process's memory. The demo world the
servers read is committed (tests/conftest.py builds it outside any test's transaction); the
test changes a title over a second, autocommit connection and puts it back afterwards.
"""

import json
import os
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import psycopg
import pytest
from django.db import connection
from wagtail.models import Page
from wagtail.signals import page_published

from services.models import ServicePage
from tests.ops.test_cache_redis import (  # noqa: F401 (redis_server is a fixture)
    LISTING,
    _free_port,
    raw_keys,
    redis_caches,
    redis_server,
)

ROOT = Path(__file__).resolve().parents[2]
CONFIG = ROOT / "gunicorn.conf.py"
PREFIX = "pm-scale-out"


def pg_url() -> str:
    conf = connection.settings_dict
    auth = conf["USER"] + (f":{conf['PASSWORD']}" if conf.get("PASSWORD") else "")
    return f"postgres://{auth}@{conf['HOST']}:{conf['PORT']}/{conf['NAME']}"


class AppServer:
    def __init__(self, name: str, tmp_path: Path, env: dict):
        self.port = _free_port()
        self.log = tmp_path / f"{name}.log"
        environment = {k: v for k, v in os.environ.items() if not k.startswith("GUNICORN_")}
        environment.update(
            {
                "DJANGO_SETTINGS_MODULE": "cms.settings.test",
                "GUNICORN_BIND": f"127.0.0.1:{self.port}",
                "GUNICORN_WORKERS": "1",
                "GRAPHQL_CACHE_SECONDS": "60",
                "CACHE_KEY_PREFIX": PREFIX,
                **env,
            }
        )
        with self.log.open("wb") as out:
            self.process = subprocess.Popen(
                [sys.executable, "-m", "gunicorn", "-c", str(CONFIG)],
                cwd=ROOT,
                env=environment,
                stdout=out,
                stderr=subprocess.STDOUT,
            )

    def wait_ready(self, deadline: float):
        while True:
            try:
                with urllib.request.urlopen(self.url("/healthz"), timeout=2) as answer:
                    if answer.status == 200:
                        return
            except OSError:
                pass
            assert self.process.poll() is None, self.log.read_text()
            assert time.monotonic() < deadline, self.log.read_text()
            time.sleep(0.1)

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    def listing(self) -> tuple[int, dict, list[str]]:
        query = urllib.parse.urlencode(
            {"id": LISTING, "variables": json.dumps({"locale": "fi", "limit": 5})}
        )
        with urllib.request.urlopen(self.url(f"/graphql/?{query}"), timeout=10) as answer:
            body = json.load(answer)
            titles = [item["title"] for item in body["data"]["services"]["items"]]
            return answer.status, dict(answer.headers), titles

    def stop(self):
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


@pytest.fixture
def servers(db, redis_server, tmp_path, settings):  # noqa: F811
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL: the SQLite test database lives in one process's memory")
    if redis_server.process is None:
        redis_server.start()
    # This process publishes into the same Redis, under the servers' key prefix.
    settings.CACHES = redis_caches(redis_server.url, PREFIX)
    env = {"DATABASE_URL": pg_url(), "REDIS_URL": redis_server.url}
    started = [AppServer(name, tmp_path, env) for name in ("a", "b")]
    try:
        deadline = time.monotonic() + 20
        for server in started:
            server.wait_ready(deadline)
        yield started
    finally:
        for server in started:
            server.stop()


def _set_title(pk: int, title: str, draft_title: str):
    """A committed change the servers can see (the test's own connection is inside its
    transaction, which is rolled back)."""
    with psycopg.connect(pg_url(), autocommit=True) as conn:
        conn.execute(
            "UPDATE wagtailcore_page SET title = %s, draft_title = %s WHERE id = %s",
            (title, draft_title, pk),
        )


def _publish(page: Page):
    """What Wagtail's publish sends; services/signals.py bumps the generation on it (in
    Redis at once; its re-indexing happens inside the test's transaction and is undone)."""
    page = Page.objects.get(pk=page.pk).specific  # as it is in the database now
    page_published.send(sender=type(page), instance=page, revision=None)


def test_two_app_servers_share_the_cache_and_see_a_publication_at_once(servers, redis_server):  # noqa: F811
    a, b = servers
    first = b.listing()  # B runs the query and stores the answer in Redis
    assert first[0] == 200 and first[1]["Cache-Control"] == "public, max-age=60"
    keys = raw_keys(redis_server)
    assert any(k.startswith(f"{PREFIX}:") and ":graphql:v2:" in k for k in keys), keys

    page = ServicePage.objects.live().get(
        locale__language_code="fi", title=first[2][0]
    )  # the first service of the listing
    old = Page.objects.filter(pk=page.pk).values("title", "draft_title").get()
    new_title = "Aaaa skaalauskoe"
    _set_title(page.pk, new_title, new_title)
    try:
        # Changed in the database but not published: both servers answer from the cache
        # B filled (A never ran this query), so neither shows the new title yet.
        assert a.listing()[2] == first[2]
        assert b.listing()[2] == first[2]
        assert a.listing()[1]["ETag"] == first[1]["ETag"]

        _publish(page)  # bumps the generation in Redis, as server A's admin would
        after = b.listing()
        assert after[0] == 200 and after[2][0] == new_title, after[2]
        assert a.listing()[2] == after[2]
    finally:
        _set_title(page.pk, old["title"], old["draft_title"])
        _publish(page)
    assert b.listing()[2] == first[2]
