"""Scale-out: the same analysed fields and queries on Wagtail's OpenSearch backend, and the
settings that select it (OPENSEARCH_URL, SEARCH_ENGINE).

No OpenSearch server runs here: the backend is built with the real client (opensearch-py)
pointing at a closed port, and the tests read what it would send, the index settings, the
mapping, the documents and the compiled queries, without a request. docs/search.md says
what is not tested.
"""

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured
from wagtail.models import Page

from search import backend as search_backend
from search import opensearch
from services.models import ServicePage

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[2]
URL = "http://127.0.0.1:9"  # nothing listens there: any request would fail the test
SERVICE = "Kesätyöseteli"
INTERNAL = "ZQXJ-SISAINEN-7731"


@pytest.fixture
def backend():
    return search_backend.SearchBackend(
        {"ENGINE": "opensearch", "URLS": [URL], "INDEX_PREFIX": "test_", "TIMEOUT": 1}
    )


def service():
    return ServicePage.objects.get(title=SERVICE, locale__language_code="fi")


def test_the_backend_is_wagtails_opensearch_backend_with_our_analyzer(backend):
    from wagtail.search.backends.opensearch3 import OpenSearch3SearchBackend

    assert isinstance(backend, OpenSearch3SearchBackend)
    analysis = backend.settings["settings"]["analysis"]
    assert analysis["analyzer"][opensearch.ANALYZER] == {
        "type": "custom",
        "tokenizer": "whitespace",
        "filter": ["lowercase"],
    }
    # Wagtail's own analyzers (autocomplete n-grams) are kept.
    assert "edgengram_analyzer" in analysis["analyzer"]
    assert backend.get_index_for_model(ServicePage).name == "test_wagtailcore_page"


def test_a_deployments_index_settings_are_merged():
    backend = search_backend.SearchBackend(
        {
            "ENGINE": "opensearch",
            "URLS": [URL],
            "INDEX_SETTINGS": {"settings": {"index": {"number_of_replicas": 2}}},
        }
    )
    settings = backend.settings["settings"]
    assert settings["index"]["number_of_replicas"] == 2
    assert opensearch.ANALYZER in settings["analysis"]["analyzer"]


def test_mapping_and_document_hold_the_analysed_tokens(backend):
    index = backend.get_index_for_model(ServicePage)
    mapping = index.mapping_class(ServicePage)
    properties = mapping.get_mapping()["properties"]
    prefix = "services_servicepage__"
    for field, boost in (("title", "4_0"), ("labels", "2_5"), ("short", "2_0"), ("body", None)):
        name = f"{prefix}search_{field}_tokens"
        assert properties[name]["analyzer"] == opensearch.ANALYZER
        assert properties[name]["search_analyzer"] == opensearch.ANALYZER
        if boost:
            assert f"_all_text_boost_{boost}" in properties[name]["copy_to"]
    page = service()
    page.internal = [{"type": "referral", "value": f"<p>{INTERNAL}</p>"}]
    with search_backend._prepared([page]):
        document = mapping.get_document(page)
    assert set(document[f"{prefix}search_title_tokens"].split()) >= {"kesätyöseteli", "seteli"}
    assert "7731" not in json.dumps(document, default=str)


def compiled(results):
    return json.dumps(results.query_compiler.get_query(), ensure_ascii=False)


def matches(results):
    """{token: its highest boost} of the `match` queries on Wagtail's catch-all field (an
    admin query is parsed in fi, sv and en: a Finnish word weighs less in the others)."""
    found = {}

    def walk(node):
        if isinstance(node, dict):
            match = node.get("match", {}).get("_all_text")
            if isinstance(match, dict):
                token = match["query"]
                found[token] = max(found.get(token, 0), match.get("boost", 1.0))
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(results.query_compiler.get_query())
    return found


def test_admin_search_compiles_to_the_raw_prefix_or_the_analysed_tokens(backend):
    query = compiled(backend.autocomplete("kesätyöseteliä", Page.objects.all()))
    assert '"type": "bool_prefix"' in query and '"query": "kesätyöseteliä"' in query
    assert '"query": "kesätyöseteli"' in query and '"query": "seteli"' in query
    boosts = matches(backend.autocomplete("kesätyöseteliä", Page.objects.all()))
    assert boosts["kesätyöseteli"] == 1.0 and 0 < boosts["seteli"] < 1.0  # a compound part
    # other models keep Wagtail's own autocomplete
    from wagtail.documents import get_document_model

    documents = compiled(backend.autocomplete("kesätyöseteliä", get_document_model()))
    assert "_edgengrams" in documents and 'kesätyöseteli"' not in documents


def test_api_search_on_the_backend_compiles_the_same_tokens(backend, monkeypatch):
    sent = {}

    def search(query, queryset):
        sent["query"] = compiled(backend.search(query, queryset))
        return []

    monkeypatch.setattr("wagtail.search.backends.get_search_backend", lambda: _Stub(search))
    result = search_backend.search("kesätyöseteliä", "fi", ServicePage.objects.live())
    assert result.ids == []
    assert '"query": "kesätyöseteli"' in sent["query"] and "bool_prefix" not in sent["query"]


class _Stub:
    def __init__(self, search):
        self.search = search


def test_a_missing_client_is_a_clear_error(monkeypatch):
    for name in list(sys.modules):
        if name.startswith(("opensearchpy", "wagtail.search.backends.opensearch")) or name in (
            "modelsearch.backends.opensearch2",
            "modelsearch.backends.opensearch3",
        ):
            monkeypatch.delitem(sys.modules, name)
    monkeypatch.setitem(sys.modules, "opensearchpy", None)
    with pytest.raises(ImproperlyConfigured, match="opensearch-py"):
        search_backend.SearchBackend({"ENGINE": "opensearch", "URLS": [URL]})
    with pytest.raises(ImproperlyConfigured, match="ENGINE"):
        search_backend.SearchBackend({"ENGINE": "solr"})


# --- settings from the environment ------------------------------------------------------------------
def settings_with(**env):
    """cms.settings.base's search settings under `env`, read in a fresh interpreter."""
    code = (
        "import json, cms.settings.base as s; print(json.dumps("
        "[s.WAGTAILSEARCH_BACKENDS, s.SEARCH_ENGINE]))"
    )
    environment = {
        k: v for k, v in os.environ.items() if not k.startswith(("OPENSEARCH", "SEARCH"))
    }
    environment.update(env)
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=environment, capture_output=True, text=True
    )
    if done.returncode:
        return done.stderr
    return json.loads(done.stdout)


def test_settings_default_to_the_database():
    backends, engine = settings_with()
    assert backends == {
        "default": {"BACKEND": "search.backend", "ENGINE": "database", "SEARCH_CONFIG": "simple"}
    }
    assert engine == "engine"


def test_opensearch_url_selects_opensearch():
    backends, engine = settings_with(
        OPENSEARCH_URL="https://user:secret@search.example:9200, https://b.example:9200",
        OPENSEARCH_INDEX_PREFIX="pm_",
        SEARCH_ENGINE="backend",
    )
    assert backends["default"] == {
        "BACKEND": "search.backend",
        "ENGINE": "opensearch",
        "URLS": ["https://user:secret@search.example:9200", "https://b.example:9200"],
        "INDEX_PREFIX": "pm_",
        "TIMEOUT": 10,
    }
    assert engine == "backend"


def test_bad_search_settings_are_refused():
    assert "SEARCH_ENGINE must be engine or backend" in settings_with(SEARCH_ENGINE="solr")
    assert "OPENSEARCH_URL must be http(s)" in settings_with(OPENSEARCH_URL="search.example:9200")


def test_docs_show_the_analyzer_as_configured():
    docs = (ROOT / "docs" / "search.md").read_text(encoding="utf-8")
    block = re.search(r"<!-- index-settings -->\s*```json\n(.*?)```", docs, re.S)
    assert block, "docs/search.md lost its index settings block"
    assert json.loads(block.group(1)) == opensearch.INDEX_SETTINGS
