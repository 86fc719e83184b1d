"""How the frontend reads and writes: GraphQL documents of graphql/queries/, nothing else.

`query(request, name, variables)` runs the document `graphql/queries/<name>.graphql` for
the visitor and returns its `data`. It is the only way the frontend reaches content, so
any page it shows, an external frontend can show with the same documents.

Two transports, chosen by settings.FRONTEND_API_URL:

- empty (the default, the frontend deployed with the CMS): in process, through
  `cms.api.views.execute_in_process` — the endpoint's own parse, validation, limits and
  resolvers for the signed-in user of the one shared session, without an HTTP round trip;
- an URL (`https://cms.example.fi/graphql/`, the frontend deployed apart): an HTTP POST of
  the same body an external client sends, with settings.FRONTEND_API_TOKEN as its bearer
  token when set (docs/frontend.md, "Deploying apart").

Every call is counted and timed on the request (`api_calls(request)`), so the benchmark
and the tests can hold a page to its budget of API requests.
"""

import json
import time
import urllib.error
import urllib.request
from functools import lru_cache
from pathlib import Path

from django.conf import settings

MAX_CALLS_PER_PAGE = 3


class ApiError(Exception):
    """The API refused or failed a document: `code` is its extensions.code (or HTTP)."""

    def __init__(self, message: str, code: str = "INTERNAL", errors=None):
        super().__init__(message)
        self.code = code
        self.errors = errors or []


@lru_cache(maxsize=64)
def document(name: str) -> str:
    """The text of graphql/queries/<name>.graphql (a fixed set: names are ours, never input)."""
    path = Path(settings.GRAPHQL_QUERIES_DIR) / f"{name}.graphql"
    return path.read_text(encoding="utf-8")


def api_calls(request) -> list[tuple[str, float]]:
    """(document name, seconds) of every API call made for this request, in order."""
    calls = getattr(request, "_frontend_api_calls", None)
    if calls is None:
        calls = request._frontend_api_calls = []
    return calls


def execute(request, name: str, variables: dict | None = None) -> dict:
    """The whole response body ({"data": ..., "errors": [...]}) of a document."""
    started = time.perf_counter()
    try:
        if settings.FRONTEND_API_URL:
            body = _over_http(request, document(name), variables or {})
        else:
            from cms.api.views import execute_in_process

            body = execute_in_process(request, document(name), variables or {})
    finally:
        api_calls(request).append((name, time.perf_counter() - started))
    return body


def query(request, name: str, variables: dict | None = None) -> dict:
    """The `data` of a document; ApiError when it has errors (the first one's code)."""
    body = execute(request, name, variables)
    errors = body.get("errors") or []
    if errors:
        first = errors[0]
        raise ApiError(
            first.get("message", ""), (first.get("extensions") or {}).get("code", ""), errors
        )
    return body.get("data") or {}


def _over_http(request, text: str, variables: dict) -> dict:
    headers = {
        "Content-Type": "application/json",
        "Accept": "application/graphql-response+json, application/json",
    }
    if settings.FRONTEND_API_TOKEN:
        headers["Authorization"] = f"Bearer {settings.FRONTEND_API_TOKEN}"
    body = json.dumps({"query": text, "variables": variables}).encode("utf-8")
    call = urllib.request.Request(settings.FRONTEND_API_URL, data=body, headers=headers)
    try:
        with urllib.request.urlopen(call, timeout=settings.FRONTEND_API_TIMEOUT) as response:
            return json.loads(response.read())
    except urllib.error.HTTPError as error:
        try:
            return json.loads(error.read())
        except ValueError:
            raise ApiError(f"The API answered HTTP {error.code}.", "HTTP") from error
    except (urllib.error.URLError, TimeoutError, ValueError) as error:
        raise ApiError(f"The API could not be reached: {error}", "UNAVAILABLE") from error
