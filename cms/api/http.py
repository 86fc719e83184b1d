"""GraphQL over HTTP (the GraphQL working group's spec): response media type and status.

The response's media type follows the request's Accept header:

- `application/graphql-response+json` when the client lists it with the highest quality
  (`Accept: application/graphql-response+json, application/json;q=0.9`, as the spec
  recommends to send);
- `application/json` otherwise: for `application/json`, `application/*`, `*/*`, no Accept
  header at all, and any Accept header that names neither (rather than a 406).

The status of a GraphQL response (the view's own refusals keep theirs: 400 for a malformed
request, 401, 403, 405, 429) depends on it:

| the response | application/graphql-response+json | application/json |
|---|---|---|
| `data` (errors inside fields or none), partial data included | 200 | 200 |
| no `data`: the query does not parse or validate, bad variables, limits, cost | 400 | 200 |
| no `data` or `data` null, and every error a server fault (INTERNAL) | 500 | 500 |
| an UNAVAILABLE error anywhere (its partial `data` is dropped: `data` null) | 503 | 503 |

The application/json column follows the spec's legacy rule for request errors (a
well-formed request gets 200, whatever GraphQL errors it has); a fault of the server is
not the request's error, so it is a 5xx under both media types, and load balancers and
alerts see it (UNAVAILABLE: the database or the cache is down; cms.failure). A response
with partial data stays 200: under application/graphql-response+json a non-null `data`
MUST be 2xx. Faults outside GraphQL's execution are 500 (503 for an outage) under both.
`graphql_status()` is the one place to change these rules.
"""

from .errors import INTERNAL, UNAVAILABLE

GRAPHQL_RESPONSE_JSON = "application/graphql-response+json"
JSON = "application/json"
# What a response's Content-Type header says for each media type.
CONTENT_TYPES = {GRAPHQL_RESPONSE_JSON: f"{GRAPHQL_RESPONSE_JSON}; charset=utf-8", JSON: JSON}
# The codes of faults of the server (cms.api.errors): a response of only these is a 5xx.
SERVER_FAULTS = frozenset({INTERNAL, UNAVAILABLE})
_SERVED = {GRAPHQL_RESPONSE_JSON: GRAPHQL_RESPONSE_JSON, JSON: JSON, "application/*": JSON}


def _quality(parameters: list[str]) -> float:
    for parameter in parameters:
        name, _, value = parameter.partition("=")
        if name.strip().lower() == "q":
            try:
                return min(max(float(value.strip()), 0.0), 1.0)
            except ValueError:
                return 0.0
    return 1.0


def response_media_type(accept: str | None) -> str:
    """The media type to answer a request with this Accept header (None: no header)."""
    best, best_quality = JSON, 0.0
    for entry in (accept or "").split(","):
        media_range, *parameters = entry.split(";")
        media_range = media_range.strip().lower()
        served = _SERVED.get(media_range, JSON if media_range == "*/*" else None)
        quality = _quality(parameters)
        # The first of equally preferred types wins: the client's own order.
        if served is not None and quality > best_quality:
            best, best_quality = served, quality
    return best


def graphql_status(media_type: str, has_data: bool, data_is_null: bool, codes: list[str]) -> int:
    """The HTTP status of a GraphQL response (see the module docstring).

    `has_data`: the response has a `data` entry (execution started); `codes`: the
    `extensions.code` of each of its errors."""
    if UNAVAILABLE in codes:
        return 503  # an outage: the view sends no partial data with it
    faults_only = bool(codes) and all(code in SERVER_FAULTS for code in codes)
    fault_status = 500
    if not has_data:
        if faults_only:
            return fault_status
        return 400 if media_type == GRAPHQL_RESPONSE_JSON else 200
    if data_is_null and faults_only:
        return fault_status
    return 200
