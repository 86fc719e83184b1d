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
  token when set (docs/frontend.md, "Deploying apart"). A frontend deployed apart has no
  visitor's session: every visitor would act as the token's user. So over HTTP it is the
  public catalogue only (`deployed_apart()`): documents are sent with `internal: false`,
  `me` reads as null whoever the token belongs to, and the staff view is not offered.

Every call is counted and timed on the request (`api_calls(request)`), so the benchmark
and the tests can hold a page to its budget of API requests.
"""

import http.client
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


def deployed_apart() -> bool:
    """True when the API is reached over HTTP (settings.FRONTEND_API_URL): no visitor's
    session, the public catalogue only."""
    return bool(settings.FRONTEND_API_URL)


def _as_anonymous(data: dict) -> dict:
    """The data of a document as an anonymous visitor may see it: `me` null and every
    `internal` null, whatever the token's user was given."""
    data = {**data, "me": None} if "me" in data else data
    return _without_internal(data)


def _without_internal(value):
    if isinstance(value, dict):
        return {
            key: None if key == "internal" else _without_internal(item)
            for key, item in value.items()
        }
    if isinstance(value, list):
        return [_without_internal(item) for item in value]
    return value


def execute(
    request, name: str, variables: dict | None = None, operation: str | None = None
) -> dict:
    """The whole response body ({"data": ..., "errors": [...]}) of a document; `operation`
    names the operation to run when the document holds several."""
    started = time.perf_counter()
    try:
        if deployed_apart():
            # Whoever the token belongs to, a visitor is anonymous here (the module's doc).
            variables = {**(variables or {})}
            if "internal" in variables:
                variables["internal"] = False
            body = _over_http(request, document(name), variables, operation)
            if isinstance(body.get("data"), dict):
                body["data"] = _as_anonymous(body["data"])
        else:
            from cms.api.views import execute_in_process

            body = execute_in_process(request, document(name), variables or {}, operation)
    finally:
        api_calls(request).append((name, time.perf_counter() - started))
    return body


def query(request, name: str, variables: dict | None = None, operation: str | None = None) -> dict:
    """The `data` of a document; ApiError when it has errors (the first one's code)."""
    body = execute(request, name, variables, operation)
    errors = body.get("errors") or []
    if errors:
        first = errors[0]
        raise ApiError(
            first.get("message", ""), (first.get("extensions") or {}).get("code", ""), errors
        )
    return body.get("data") or {}


class _NoRedirects(urllib.request.HTTPRedirectHandler):
    """A redirect is an error: urllib would follow it as a GET without the document and
    forward the bearer token to wherever it points."""

    def redirect_request(self, req, fp, code, msg, headers, newurl):
        return None


_OPENER = urllib.request.build_opener(_NoRedirects)


def _over_http(request, text: str, variables: dict, operation: str | None = None) -> dict:
    """POST the document as any client would; the response body as a dict. ApiError
    "UNAVAILABLE" when the API cannot be reached or does not answer within
    settings.FRONTEND_API_TIMEOUT seconds, "HTTP" when it answers with no GraphQL body."""
    headers = {
        "Content-Type": "application/json",
        "Accept": "application/graphql-response+json, application/json",
    }
    if settings.FRONTEND_API_TOKEN:
        headers["Authorization"] = f"Bearer {settings.FRONTEND_API_TOKEN}"
    payload = {"query": text, "variables": variables}
    if operation:
        payload["operationName"] = operation
    body = json.dumps(payload).encode("utf-8")
    call = urllib.request.Request(settings.FRONTEND_API_URL, data=body, headers=headers)
    try:
        with _OPENER.open(call, timeout=settings.FRONTEND_API_TIMEOUT) as response:
            status, content = response.status, response.read()
    except urllib.error.HTTPError as error:
        # 4xx/5xx (and 3xx): GraphQL request errors come with a GraphQL body.
        try:
            status, content = error.code, error.read()
        except (OSError, http.client.HTTPException) as failure:
            raise ApiError(f"The API answered HTTP {error.code}.", "HTTP") from failure
    except (OSError, http.client.HTTPException) as error:
        # URLError (refused, unknown host), TimeoutError, a connection reset or closed
        # without an answer, a malformed status line.
        raise ApiError(f"The API could not be reached: {error}", "UNAVAILABLE") from error
    try:
        answer = json.loads(content)
    except ValueError:
        answer = None
    if not isinstance(answer, dict) or not ("errors" in answer or "data" in answer):
        raise ApiError(f"The API answered HTTP {status} without a GraphQL response.", "HTTP")
    if status >= 400 and not answer.get("errors"):
        raise ApiError(f"The API answered HTTP {status}.", "HTTP")
    return answer
