"""Persisted queries and the cache of anonymous answers (docs/api.md, "Persisted queries
and caching"; docs/operations.md, "Caching").

A persisted query is one of the project's documents, graphql/queries/*.graphql
(settings.GRAPHQL_QUERIES_DIR), addressed by the SHA-256 of the file's bytes (lowercase
hex, what `sha256sum` prints) instead of its text:

    GET /graphql/?id=<sha256>&variables=<json>&operationName=<name>

or Apollo's form, `extensions={"persistedQuery": {"version": 1, "sha256Hash": "<sha256>"}}`
(GET or POST). An unknown hash is a 400 (`PERSISTED_QUERY_NOT_FOUND`); nothing can be
registered at run time. With `query` the request is an ordinary one.

A persisted GET from an anonymous caller (no Authorization header, no signed-in session)
is answered from Django's default cache (Redis when REDIS_URL is set) for
settings.GRAPHQL_CACHE_SECONDS (0 turns the cache off) with `Cache-Control: public,
max-age=<seconds>`, an `ETag`, and 304 to a matching `If-None-Match`. Only a complete
answer (200 without errors) is kept. The key holds the hash, the variables, the operation
name, the negotiated media type and the language; the entry holds the publication
generation it was built in (cms.cache_generation `set_fresh`), read with the generation in
one round trip, so a publication makes every older entry a miss. Anything
else (POST, a signed-in or token caller, a document of UNCACHED_FIELDS such as a preview)
runs every time, and a signed-in or token caller's GET says `Cache-Control: private,
no-store`: its answer may hold internal data and is never stored or served from the cache.
A cache that fails is an outage (503, cms.failure), like the rate limit's counters before it.

Answering a hit early (`PersistedCacheMiddleware`): a persisted GET to the API with neither
an Authorization header nor a session cookie is anonymous before any session or user is
read, so it may be answered near the top of the stack (settings.MIDDLEWARE: right below the
health checks, the failure signals, the metrics and the access log), without the security,
compression, CSP, session, locale, CSRF, authentication and view machinery below. What it
serves is the **final answer** of an earlier such request, kept the way Django's own
UpdateCacheMiddleware keeps a page: the status, every header the middleware below added
(security headers, CSP, Vary, gzip and its Content-Encoding, Content-Language, Content-Length)
and the body, so an early answer is byte for byte the view's by construction. Its key is the
view's entry key (the language is the one cms.locale_middleware would activate for a
back-office address: cookie, Accept-Language, LANGUAGE_CODE) plus what the middleware below
reads to shape the answer, reduced to what changes it (so variants of a header cannot
multiply the entries): gzip accepted or not, the host's domain (a host the stack refuses is
never answered early) and the scheme (HSTS). It is kept in the same generation as the view's
entry (`get_fresh` read before the request went down the stack) and no longer than that
entry, only for a 200 that the view answered as public (`respond`), with no cookie set and no
per-request CSP nonce. A 304 to a matching If-None-Match drops the representation headers. A
miss, or any request that does not qualify, goes down the stack as before. A hit counts
against the anonymous rate limit like any request; over it, the request goes down to the
view, which refuses it (429 with every header of the stack). A cache that fails sends the
request on to the view, which answers the outage.

Only a GET whose whole request is its address is cached: graphene also reads a `query`
parameter (which wins over the hash) and a GET's body, so a request with either runs every
time and its answer is never stored under the document's key (cache poisoning).

Whether a request may be answered early, and its key, depend only on its address, query string, Accept, Accept-Language, Accept-Encoding, Cookie and Host
headers, its scheme and the settings: worked out once per such combination and kept (at most
EARLY_KEYS_MAX, cleared when a setting changes), so a hit parses no query string or JSON.
"""

import hashlib
import json
import logging
import time
from functools import lru_cache

from django.conf import settings
from django.core.exceptions import DisallowedHost
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.http import HttpResponse, HttpResponseBadRequest, HttpResponseNotModified
from django.http.request import split_domain_port
from django.middleware.gzip import re_accepts_gzip
from django.utils import translation
from django.utils.cache import patch_vary_headers
from graphene_django.views import HttpError

from cms import cache_generation
from graphql import GraphQLError, OperationDefinitionNode, parse

NOT_FOUND = "PersistedQueryNotFound: no document of graphql/queries/ has this SHA-256."
# Root fields whose answer must never be cached: a preview shows unsaved content that
# changes under the same token.
UNCACHED_FIELDS = frozenset({"servicePreview"})
KEY_VERSION = "v2"

logger = logging.getLogger(__name__)


@lru_cache(maxsize=4)
def _documents(directory: str) -> dict[str, str]:
    """{sha256: text} of every document of the directory (read once per process)."""
    from pathlib import Path

    documents = {}
    for path in sorted(Path(directory).glob("*.graphql")):
        data = path.read_bytes()
        documents[hashlib.sha256(data).hexdigest()] = data.decode("utf-8")
    return documents


def documents() -> dict[str, str]:
    return _documents(str(settings.GRAPHQL_QUERIES_DIR))


def document(sha: str) -> str | None:
    return documents().get(sha.strip().lower())


@lru_cache(maxsize=256)
def _root_fields(sha: str, operation_name: str | None) -> frozenset[str] | None:
    """The root field names of the operation that would run (None: cannot tell)."""
    try:
        parsed = parse(documents()[sha])
    except (GraphQLError, KeyError):
        return None
    operations = [d for d in parsed.definitions if isinstance(d, OperationDefinitionNode)]
    if operation_name:
        operations = [o for o in operations if o.name and o.name.value == operation_name]
    if len(operations) != 1:
        return None
    return frozenset(
        getattr(selection.name, "value", "") for selection in operations[0].selection_set.selections
    )


def requested_hash(request, data) -> str | None:
    """The persisted query's hash a request names (`id`, or Apollo's extensions), or None."""
    sha = request.GET.get("id") or (data.get("id") if hasattr(data, "get") else None)
    if not sha:
        extensions = request.GET.get("extensions") or (
            data.get("extensions") if hasattr(data, "get") else None
        )
        if isinstance(extensions, str):
            try:
                extensions = json.loads(extensions)
            except ValueError:
                return None  # refused by the view (extensions must be a JSON object)
        persisted = extensions.get("persistedQuery") if isinstance(extensions, dict) else None
        sha = persisted.get("sha256Hash") if isinstance(persisted, dict) else None
    return sha if isinstance(sha, str) and sha else None


def resolve(request, data, query):
    """The query text to run: `query` when given, else the persisted document named;
    HttpError 400 for an unknown hash."""
    if query:
        return query
    sha = requested_hash(request, data)
    if sha is None:
        return query
    text = document(sha)
    if text is None:
        response = HttpResponseBadRequest(NOT_FOUND)
        raise HttpError(response, NOT_FOUND)
    return text


def _is_anonymous(request) -> bool:
    if request.META.get("HTTP_AUTHORIZATION"):
        return False
    user = getattr(request, "user", None)
    return user is None or not user.is_authenticated


def _cache_key(request, sha: str, media_type: str, language: str | None = None) -> str | None:
    """The entry's key, or None when the request is not one to cache (`language`: the
    answer's language, by default the active one)."""
    variables = request.GET.get("variables") or None
    if variables:
        try:
            variables = json.loads(variables)
        except ValueError:
            return None  # the view answers 400
    operation_name = request.GET.get("operationName") or None
    fields = _root_fields(sha, operation_name)
    if fields is None or fields & UNCACHED_FIELDS:
        return None
    parts = json.dumps(
        [sha, variables, operation_name, media_type, language or translation.get_language()],
        sort_keys=True,
        separators=(",", ":"),
    )
    digest = hashlib.sha256(parts.encode("utf-8")).hexdigest()
    return f"graphql:{KEY_VERSION}:{digest}"


def _etag_matches(request, etag: str) -> bool:
    header = request.META.get("HTTP_IF_NONE_MATCH", "")
    if not header:
        return False
    if header.strip() == "*":
        return True
    opaque = etag.removeprefix("W/")
    # Weak comparison: the gzip middleware weakens the ETag it sends ('W/"…"').
    return any(tag.strip().removeprefix("W/") == opaque for tag in header.split(","))


def _public_response(request, entry: dict) -> HttpResponse:
    seconds = settings.GRAPHQL_CACHE_SECONDS
    if _etag_matches(request, entry["etag"]):
        response = HttpResponse(status=304)
    else:
        response = HttpResponse(entry["body"], status=entry["status"])
        response["Content-Type"] = "application/json"
    response["ETag"] = entry["etag"]
    response["Cache-Control"] = f"public, max-age={seconds}"
    # A shared cache must not hand this answer to a caller with a token or a session.
    patch_vary_headers(response, ["Accept", "Accept-Language", "Authorization", "Cookie"])
    if entry.get("operation"):
        request.graphql_operation = entry["operation"]
    return response


def _complete(body: bytes) -> bool:
    """A GraphQL body with data and no errors (the only kind kept)."""
    try:
        parsed = json.loads(body)
    except ValueError:
        return False
    return isinstance(parsed, dict) and not parsed.get("errors") and "data" in parsed


def _has_body(request) -> bool:
    meta = request.META
    return meta.get("CONTENT_LENGTH") not in (None, "", "0") or "HTTP_TRANSFER_ENCODING" in meta


def _only_the_address(request) -> bool:
    """Whether everything the view runs comes from the address: no `query` in the query
    string and no body (a GET's body is read by graphene too)."""
    return "query" not in request.GET and not _has_body(request)


def respond(request, media_type: str, run) -> HttpResponse:
    """The answer to a GraphQL request: `run()` (the view) unless it is an anonymous
    persisted GET found in the cache (see the module)."""
    if request.method != "GET":
        return run()
    sha = requested_hash(request, request.GET)
    if sha is None or document(sha) is None:
        return run()
    if not _is_anonymous(request):
        response = run()
        response["Cache-Control"] = "private, no-store"
        return response
    if not _only_the_address(request):
        # A `query` next to the hash, or a body, would be what runs (graphene reads both):
        # its answer must never be kept under the document's key.
        return run()
    key = _cache_key(request, sha.strip().lower(), media_type)
    if key is None or settings.GRAPHQL_CACHE_SECONDS <= 0:
        return run()
    entry, generation = cache_generation.get_fresh(key)
    if entry is None:
        response = run()
        body = response.content
        if response.status_code != 200 or not _complete(body):
            return response
        etag = hashlib.sha256(media_type.encode() + b"\n" + body).hexdigest()[:32]
        entry = {
            "status": 200,
            "body": body,
            "etag": f'"{etag}"',
            "operation": getattr(request, "graphql_operation", None),
            "built": time.time(),
        }
        cache_generation.set_fresh(key, entry, generation, settings.GRAPHQL_CACHE_SECONDS)
    response = _public_response(request, entry)
    # What PersistedCacheMiddleware may keep as the final answer, and when its content was
    # built (the final answer expires with the view's entry; see the module).
    if response.status_code == 200:
        request._persisted_built = entry.get("built")
    return response


class PersistedCacheMiddleware:
    """Serves an anonymous persisted GET's kept final answer near the top of the stack, and
    keeps the final answer of such a GET that missed (see the module); everything else goes
    on down the stack."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        answer = early_answer(request)
        if answer is not None:
            return answer
        response = self.get_response(request)
        keep_final_answer(request, response)
        return response


@lru_cache(maxsize=64)
def _is_api_path(urlconf: str, path: str) -> bool:
    from django.urls import Resolver404, resolve

    try:
        return resolve(path, urlconf).url_name == "graphql"
    except Resolver404:
        return False


# The early answer's decision per request shape (see _early_key): bounded, cleared when a
# setting it depends on changes (tests).
_early_keys: dict[tuple, str | None] = {}
EARLY_KEYS_MAX = 1024
FINAL_KEY_VERSION = "v1"
# Representation headers a 304 leaves out (RFC 9110, 15.4.5).
NOT_IN_304 = frozenset({"content-type", "content-length", "content-encoding", "content-language"})


@receiver(setting_changed)
def _forget_early_keys(**kwargs):
    _early_keys.clear()


def _early_key(request) -> str | None:
    """The key of the final answer of an anonymous persisted GET that may be answered
    early, None for any other request. It depends only on the address, the query
    string, the Accept, Accept-Language, Accept-Encoding, Cookie and Host headers, the scheme
    and the settings, so it is worked out once per such combination (a listing's page, a
    service's slug) and reused: a hit then parses no query string, cookie or JSON."""
    meta = request.META
    query_string, cookie = meta.get("QUERY_STRING", ""), meta.get("HTTP_COOKIE", "")
    # Most requests are not persisted GETs, or come with a session: they are not worked out
    # (nor kept). A cookie merely named like the session's is sent to the view too.
    if "id=" not in query_string or settings.SESSION_COOKIE_NAME in cookie:
        return None
    if _has_body(request):
        return None  # the stack decides what a body means (respond: never cached)
    proxy_header = settings.SECURE_PROXY_SSL_HEADER
    shape = (
        getattr(request, "urlconf", None) or settings.ROOT_URLCONF,
        request.path_info,
        query_string,
        meta.get("HTTP_ACCEPT"),
        meta.get("HTTP_ACCEPT_LANGUAGE"),
        cookie,
        meta.get("HTTP_ACCEPT_ENCODING"),
        meta.get("HTTP_HOST") or meta.get("SERVER_NAME"),
        meta.get("HTTP_X_FORWARDED_HOST") if settings.USE_X_FORWARDED_HOST else None,
        meta.get("wsgi.url_scheme"),
        meta.get(proxy_header[0]) if proxy_header else None,
    )
    try:
        return _early_keys[shape]
    except KeyError:
        pass
    found = _work_out_early_key(request, shape)
    if len(_early_keys) >= EARLY_KEYS_MAX:
        _early_keys.clear()
    _early_keys[shape] = found
    return found


def _work_out_early_key(request, shape: tuple) -> str | None:
    urlconf = shape[0]
    if settings.SESSION_COOKIE_NAME in request.COOKIES:
        return None
    sha = request.GET.get("id")
    if not sha or "query" in request.GET or "extensions" in request.GET:
        return None
    if not _is_api_path(urlconf, request.path_info):
        return None
    sha = sha.strip().lower()
    if document(sha) is None:
        return None
    from cms.api.http import response_media_type
    from cms.locale_middleware import back_office_language

    media_type = response_media_type(request.META.get("HTTP_ACCEPT"))
    language = back_office_language(request)
    key = _cache_key(request, sha, media_type, language)
    if key is None:
        return None
    try:
        host = split_domain_port(request.get_host())[0]
    except DisallowedHost:
        return None  # the stack answers 400
    # The view's entry key, and what the middleware below the early answer reads, reduced
    # to what changes the answer (so variants of a header cannot multiply the entries):
    # gzip accepted or not, the host's domain, the scheme (HSTS).
    gzip = bool(re_accepts_gzip.search(request.META.get("HTTP_ACCEPT_ENCODING", "")))
    parts = json.dumps([key, gzip, host, request.scheme], separators=(",", ":"))
    digest = hashlib.sha256(parts.encode("utf-8")).hexdigest()
    return f"graphql-final:{FINAL_KEY_VERSION}:{digest}"


def early_answer(request) -> HttpResponse | None:
    """The kept final answer of an anonymous persisted GET, or None (not kept yet, or not
    such a request: the stack below decides)."""
    if request.method != "GET" or settings.GRAPHQL_CACHE_SECONDS <= 0:
        return None
    if request.META.get("HTTP_AUTHORIZATION"):
        return None
    key = _early_key(request)
    if key is None:
        return None
    from cms.api import rate_limit

    try:
        entry, generation = cache_generation.get_fresh(key)
    except Exception:
        # The cache is down: the view answers (a 503 in the API's format, cms.failure).
        return None
    if entry is None:
        # Kept on the way back up if the view answers it as public (keep_final_answer), in
        # the generation read before the content was.
        request._persisted_final = (key, generation)
        return None
    # A hit counts against the anonymous rate limit like any request (cms.api.rate_limit).
    # Over it, the request goes down the stack: the view refuses it too (429, with every
    # header of the stack; the refused request is counted twice, which changes nothing).
    if rate_limit.refusal(request) is not None:
        return None
    if entry.get("operation"):
        request.graphql_operation = entry["operation"]
    if _etag_matches(request, entry["etag"]):
        headers = {k: v for k, v in entry["headers"] if k.lower() not in NOT_IN_304}
        return HttpResponseNotModified(headers=headers)
    return HttpResponse(entry["body"], headers=dict(entry["headers"]))


def keep_final_answer(request, response) -> None:
    """Keep `response` as the final answer of the early-answerable GET that missed, if the
    view answered it as public (200, cacheable), it sets no cookie and has no per-request
    CSP nonce."""
    pending = getattr(request, "_persisted_final", None)
    built = getattr(request, "_persisted_built", None)
    if pending is None or built is None:
        return
    # No longer than the view's entry it was answered from (content built at `built`).
    timeout = int(settings.GRAPHQL_CACHE_SECONDS - (time.time() - built))
    if timeout < 1:
        return
    if response.status_code != 200 or response.streaming or response.cookies:
        return
    if "public" not in response.get("Cache-Control", "") or "ETag" not in response:
        return
    if "nonce-" in response.get("Content-Security-Policy", ""):
        return
    key, generation = pending
    entry = {
        "headers": tuple(response.items()),
        "body": response.content,
        "etag": response["ETag"],
        "operation": getattr(request, "graphql_operation", None),
    }
    try:
        cache_generation.set_fresh(key, entry, generation, timeout)
    except Exception:
        # The answer itself is complete and sent; the next request tries again.
        logger.warning("The final answer of %s was not kept: the cache failed", key, exc_info=True)
