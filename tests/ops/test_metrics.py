"""/metrics (cms.observability.metrics_view): Prometheus' text format for a bearer token
equal to METRICS_TOKEN or a client address in METRICS_ALLOWED_IPS, 404 (like an address that
does not exist) for everyone else and for everyone when neither is set; and the counters it
exports move: requests by view, method and status, latency, DB statements, cache hits and
misses, GraphQL operations by name and error code."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from prometheus_client import REGISTRY

from cms import observability
from tests.api.gql import post

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[2]
TOKEN = "metrics-token-for-the-tests-0123456789"


def scrape(**headers):
    return Client().get("/metrics", **headers)


def value(name, **labels):
    return REGISTRY.get_sample_value(name, labels) or 0.0


@pytest.fixture
def token(settings):
    settings.METRICS_TOKEN = TOKEN
    settings.METRICS_ALLOWED_IPS = []
    return TOKEN


def test_nothing_configured_is_404_for_everyone(settings):
    settings.METRICS_TOKEN = ""
    settings.METRICS_ALLOWED_IPS = []
    assert scrape().status_code == 404
    assert scrape(HTTP_AUTHORIZATION="Bearer ").status_code == 404
    assert scrape(HTTP_AUTHORIZATION=f"Bearer {TOKEN}").status_code == 404


def test_the_token_is_needed(token):
    assert scrape().status_code == 404
    assert scrape(HTTP_AUTHORIZATION="Bearer wrong-token-0123456789").status_code == 404
    assert scrape(HTTP_AUTHORIZATION=f"Bearer {token}x").status_code == 404
    assert scrape(HTTP_AUTHORIZATION=f"Basic {token}").status_code == 404
    # The refusal is the site's own 404, whatever sent it.
    unknown = Client().get("/no-such-address/")
    refused = scrape(HTTP_AUTHORIZATION="Bearer wrong")
    assert refused.status_code == unknown.status_code == 404
    assert refused["Content-Type"] == unknown["Content-Type"]
    response = scrape(HTTP_AUTHORIZATION=f"Bearer {token}")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    assert "no-store" in response["Cache-Control"]


def test_the_metrics_count_requests_queries_cache_and_graphql(token):
    observability.instrument_caches()
    before = {
        "probe": value("graphql_operations_total", operation="MetricsProbe"),
        "hits": value("django_cache_get_hits_total", backend="default"),
        "misses": value("django_cache_get_misses_total", backend="default"),
        "statements": value("django_db_execute_total", alias="default", vendor=connection.vendor),
        "responses": value(
            "django_http_responses_total_by_status_view_method_total",
            status="200",
            view="graphql",
            method="POST",
        ),
    }
    with CaptureQueriesContext(connection) as queries:
        assert post("query MetricsProbe { services(limit: 2) { items { id } } }").status_code == 200
    cache.set("metrics-test-key", "value")
    assert cache.get("metrics-test-key") == "value"
    assert cache.get("metrics-test-missing") is None
    assert cache.get_many(["metrics-test-key", "metrics-test-missing"]) == {
        "metrics-test-key": "value"
    }

    assert value("graphql_operations_total", operation="MetricsProbe") == before["probe"] + 1
    assert value("django_cache_get_hits_total", backend="default") >= before["hits"] + 2
    assert value("django_cache_get_misses_total", backend="default") >= before["misses"] + 2
    assert value("django_db_execute_total", alias="default", vendor=connection.vendor) == before[
        "statements"
    ] + len(queries)
    assert (
        value(
            "django_http_responses_total_by_status_view_method_total",
            status="200",
            view="graphql",
            method="POST",
        )
        == before["responses"] + 1
    )

    text = scrape(HTTP_AUTHORIZATION=f"Bearer {token}").content.decode()
    for line in (
        'graphql_operations_total{operation="MetricsProbe"}',
        "django_http_requests_latency_seconds_by_view_method_bucket{",
        'django_http_responses_total_by_status_view_method_total{method="POST",status="200",view="graphql"}',
        f'django_db_execute_total{{alias="default",vendor="{connection.vendor}"}}',
        'django_db_query_duration_seconds_bucket{alias="default",',
        'django_cache_get_hits_total{backend="default"}',
        'django_cache_get_misses_total{backend="default"}',
    ):
        assert line in text, line


def test_graphql_errors_are_counted_by_operation_and_code(token, settings):
    settings.GRAPHQL_MAX_COST = 100
    labels = {"operation": "MetricsCostly", "code": "COST_LIMIT"}
    before = value("graphql_errors_total", **labels)
    post("query MetricsCostly { services(limit: 100) { items { id title } } }")
    assert value("graphql_errors_total", **labels) == before + 1
    text = scrape(HTTP_AUTHORIZATION=f"Bearer {token}").content.decode()
    assert 'graphql_errors_total{code="COST_LIMIT",operation="MetricsCostly"}' in text


def test_operation_labels_stay_bounded(monkeypatch):
    monkeypatch.setattr(observability, "_operation_labels", set())
    monkeypatch.setattr(observability, "MAX_OPERATION_LABELS", 2)
    assert observability._operation_label("One") == "One"
    assert observability._operation_label("Two") == "Two"
    assert observability._operation_label("Three") == "other"
    assert observability._operation_label("One") == "One"
    assert observability._operation_label(None) == "anonymous"
    assert observability._operation_label("not a name") == "other"


@pytest.mark.parametrize(
    ("allowed", "proxies", "meta", "status"),
    [
        (["127.0.0.1"], 0, {}, 200),
        (["127.0.0.0/8"], 0, {}, 200),
        (["10.0.0.0/8"], 0, {}, 404),
        (["::1"], 0, {}, 404),
        # X-Forwarded-For counts only behind a trusted proxy (cms.client_ip).
        (["10.0.0.0/8"], 0, {"HTTP_X_FORWARDED_FOR": "10.1.2.3"}, 404),
        (["10.0.0.0/8"], 1, {"HTTP_X_FORWARDED_FOR": "10.1.2.3"}, 200),
        (["10.0.0.0/8"], 1, {"HTTP_X_FORWARDED_FOR": "10.1.2.3, 192.0.2.1"}, 404),
    ],
)
def test_allowed_addresses(settings, allowed, proxies, meta, status):
    settings.METRICS_TOKEN = ""
    settings.METRICS_ALLOWED_IPS = allowed
    settings.TRUSTED_PROXY_COUNT = proxies
    assert scrape(**meta).status_code == status


def test_an_allowed_address_or_the_token(settings):
    settings.METRICS_TOKEN = TOKEN
    settings.METRICS_ALLOWED_IPS = ["10.0.0.0/8"]
    assert scrape().status_code == 404
    assert scrape(HTTP_AUTHORIZATION=f"Bearer {TOKEN}").status_code == 200
    assert scrape(REMOTE_ADDR="10.9.8.7").status_code == 200


WORKER = """
import django, json, sys
django.setup()
from django.test import Client
from django.test.utils import override_settings
client = Client()
for _ in range(int(sys.argv[1])):
    client.post("/graphql/", {"query": "query MultiProbe { __typename }"},
                content_type="application/json")
with override_settings(METRICS_TOKEN=sys.argv[2]):
    text = client.get("/metrics", HTTP_AUTHORIZATION="Bearer " + sys.argv[2]).content.decode()
print(json.dumps([line for line in text.splitlines() if 'operation="MultiProbe"' in line]))
"""


def test_processes_sharing_prometheus_multiproc_dir_are_added_up(tmp_path):
    """Several gunicorn workers: with PROMETHEUS_MULTIPROC_DIR (docs/operations.md) a scrape
    answered by any process counts the requests of all."""
    environment = {
        **{k: v for k, v in os.environ.items() if not k.startswith(("LOG_", "METRICS_"))},
        "DJANGO_SETTINGS_MODULE": "cms.settings.test",
        "PROMETHEUS_MULTIPROC_DIR": str(tmp_path),
        "LOG_LEVELS": "cms.access=WARNING",
    }

    def worker(requests):
        return subprocess.Popen(
            [sys.executable, "-c", WORKER, str(requests), TOKEN],
            cwd=ROOT,
            env=environment,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )

    first, second = worker(2), worker(3)
    for process in (first, second):
        out, err = process.communicate(timeout=60)
        assert process.returncode == 0, err
    scraper = worker(0)
    out, err = scraper.communicate(timeout=60)
    assert scraper.returncode == 0, err
    assert 'graphql_operations_total{operation="MultiProbe"} 5.0' in json.loads(out)
