"""The optional read replica (cms/db_router.py; docs/operations.md, "Scaling out"): the
settings DATABASE_REPLICA_URL builds, and, with a "replica" alias on the test database
(a second connection, like a mirror), which requests read from it: an anonymous GraphQL
query does; a document holding a mutation, a signed-in caller, the admin, code inside a
transaction and a request after its first write do not."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.db import connections, transaction
from django.db.utils import load_backend
from django.test import Client
from django.test.utils import CaptureQueriesContext

from cms import db_router
from services.models import ServicePage

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[2]
LIST = "query List { services(locale: fi, limit: 3) { items { title } } }"


@pytest.fixture
def replica(db, settings):
    """A "replica" alias: its own connection to the test database (the demo world is
    committed, so it reads the same rows), the router and its middleware switched on."""
    conf = connections["default"].settings_dict
    # Made by hand, not from settings: Django's test case then allows it (an alias of the
    # settings outside the test's `databases` is refused).
    wrapper = load_backend(conf["ENGINE"]).DatabaseWrapper(conf, db_router.REPLICA)
    setattr(connections._connections, db_router.REPLICA, wrapper)
    settings.DATABASE_ROUTERS = ["cms.db_router.ReplicaRouter"]
    settings.MIDDLEWARE = [*settings.MIDDLEWARE, "cms.db_router.ReplicaReadsMiddleware"]
    settings.GRAPHQL_CACHE_SECONDS = 0
    try:
        yield connections[db_router.REPLICA]
    finally:
        wrapper.close()
        delattr(connections._connections, db_router.REPLICA)


def per_alias(call):
    """(answer, SQL run on default, SQL run on the replica) of call()."""
    with (
        CaptureQueriesContext(connections["default"]) as default,
        CaptureQueriesContext(connections[db_router.REPLICA]) as replica,
    ):
        answer = call()
    return answer, [q["sql"] for q in default], [q["sql"] for q in replica]


def services_sql(queries):
    return [sql for sql in queries if "services_servicepage" in sql]


def post(client, document, **extra):
    return client.post(
        "/graphql/", json.dumps(extra | {"query": document}), content_type="application/json"
    )


def test_an_anonymous_query_reads_from_the_replica(replica):
    answer, default, on_replica = per_alias(lambda: post(Client(), LIST))
    assert answer.status_code == 200 and len(answer.json()["data"]["services"]["items"]) == 3
    assert services_sql(on_replica) and not services_sql(default), (default, on_replica)


def test_an_anonymous_get_reads_from_the_replica(replica):
    answer, default, on_replica = per_alias(lambda: Client().get("/graphql/", {"query": LIST}))
    assert answer.status_code == 200
    assert services_sql(on_replica) and not services_sql(default)


def test_a_document_with_a_mutation_reads_from_default(replica):
    document = (
        LIST + ' mutation Fav { setFavourite(serviceId: "1", favourite: true) { isFavourite } }'
    )
    answer, default, on_replica = per_alias(lambda: post(Client(), document, operationName="List"))
    assert answer.status_code == 200 and answer.json()["data"]["services"]["items"]
    assert services_sql(default) and not on_replica


def test_a_signed_in_caller_and_the_admin_read_from_default(replica, login):
    client = login("helsinki-producer")
    answer, default, on_replica = per_alias(lambda: post(client, LIST))
    assert answer.status_code == 200 and services_sql(default) and not on_replica
    admin, default, on_replica = per_alias(lambda: client.get("/admin/pages/"))
    assert admin.status_code in (200, 302) and default and not on_replica


def test_transactions_and_writes_stay_on_default(replica):
    router = db_router.ReplicaRouter()
    token = db_router._reads_on_replica.set(True)
    try:
        assert router.db_for_read(ServicePage) == db_router.REPLICA
        with transaction.atomic():
            assert router.db_for_read(ServicePage) == "default"
        assert router.db_for_read(ServicePage) == db_router.REPLICA
        assert router.db_for_write(ServicePage) == "default"
        assert router.db_for_read(ServicePage) == "default"  # reads its own writes
    finally:
        db_router._reads_on_replica.reset(token)
    assert router.db_for_read(ServicePage) == "default"  # outside an eligible request
    assert router.allow_migrate(db_router.REPLICA, "services") is False
    assert router.allow_migrate("default", "services") is True


def run_settings(env: dict) -> subprocess.CompletedProcess:
    code = (
        "import django, json; from django.conf import settings; django.setup(); "
        "print(json.dumps([settings.DATABASES, settings.DATABASE_ROUTERS, "
        "settings.MIDDLEWARE[-1]]))"
    )
    environment = {
        **{k: v for k, v in os.environ.items() if k != "DATABASE_REPLICA_URL"},
        "DJANGO_SETTINGS_MODULE": "cms.settings.dev",
        **env,
    }
    return subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=environment, capture_output=True, text=True
    )


def test_database_replica_url_adds_the_replica_the_router_and_the_middleware():
    built = run_settings(
        {
            "DATABASE_URL": "postgres://pm@db1:5432/pm",
            "DATABASE_REPLICA_URL": "postgres://pm@db2:5432/pm",
        }
    )
    assert built.returncode == 0, built.stderr
    databases, routers, last = json.loads(built.stdout)
    assert (databases["default"]["HOST"], databases["replica"]["HOST"]) == ("db1", "db2")
    assert databases["replica"]["ENGINE"] == "cms.db_backends.postgresql"
    assert databases["replica"]["TEST"]["MIRROR"] == "default"
    assert routers == ["cms.db_router.ReplicaRouter"]
    assert last == "cms.db_router.ReplicaReadsMiddleware"
    without = run_settings({"DATABASE_URL": "postgres://pm@db1:5432/pm"})
    assert without.returncode == 0, without.stderr
    databases, routers, last = json.loads(without.stdout)
    assert list(databases) == ["default"] and routers == []
