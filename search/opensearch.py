"""OpenSearch index settings for the analysed fields (scale-out; docs/search.md).

Tokens are analysed in Python (search/analysis.py) before any engine sees them: lemmas,
compound parts and accent-folded copies, separated by spaces. The engine must not analyse
them again (no stemming, no stopwords, no n-grams), so the analysed fields use an analyzer
that only splits at whitespace and lower-cases: `analysed_tokens`. Wagtail's catch-all
fields (`_all_text`, `_all_text_boost_*`), which Page-wide searches read, keep OpenSearch's
`standard` analyzer: it splits our tokens (letters and digits only) exactly as the whitespace
tokenizer does and does not stem either.

settings.WAGTAILSEARCH_BACKENDS names `search.backend` with `"ENGINE": "opensearch"` when
OPENSEARCH_URL is set (cms/settings/base.py); `search.backend` merges INDEX_SETTINGS into the
backend's own (Wagtail's n-gram analyzers for autocomplete stay as they are).

This module imports no OpenSearch client: the model declares its fields with ANALYSED_FIELD
whatever the backend, and the database backends ignore it.
"""

import copy

ANALYZER = "analysed_tokens"

INDEX_SETTINGS = {
    "settings": {
        "analysis": {
            "analyzer": {
                ANALYZER: {
                    "type": "custom",
                    "tokenizer": "whitespace",
                    "filter": ["lowercase"],
                }
            }
        }
    }
}

# The mapping options (Wagtail's `es_extra`) of a field holding analysed tokens: indexed and
# searched with the analyzer above.
ANALYSED_FIELD = {"analyzer": ANALYZER, "search_analyzer": ANALYZER}

# The backend Wagtail/modelsearch ship for OpenSearch 2.x and 3.x servers with the
# opensearch-py 3 client (modelsearch.backends.opensearch3, through Wagtail's module).
BACKEND_MODULE = "wagtail.search.backends.opensearch3"
CLIENT_MISSING = (
    "OPENSEARCH_URL is set but the OpenSearch client is missing: install opensearch-py "
    "(pinned in pyproject.toml and requirements.txt)"
)


def index_settings(overrides=None) -> dict:
    """INDEX_SETTINGS with `overrides` (a deployment's own INDEX_SETTINGS) merged in."""
    from modelsearch.utils import deep_update

    return deep_update(copy.deepcopy(INDEX_SETTINGS), overrides or {})
