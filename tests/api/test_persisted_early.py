"""An anonymous persisted GET's kept final answer is served near the top of the stack,
before the security, compression, CSP, session, user, locale and view machinery
(cms.api.persisted.PersistedCacheMiddleware): the same status, bytes and every header as the
full stack's answer, keyed like the view's entry (language from the cookie or
Accept-Language) plus Accept-Encoding, Host and scheme, and never for a caller with a session
cookie or a token."""

import gzip
import json
import time
from unittest import mock

import pytest
from django.conf import settings
from django.core.cache import cache
from django.test import Client

from cms.api.views import GraphQLView
from tests.api.test_persisted_queries import LISTING, LISTING_VARS, counted, get, sha

pytestmark = pytest.mark.django_db

# Set per request by the middleware above the early answer (the access log).
PER_REQUEST = {"X-Request-ID"}


def _headers(response) -> dict[str, str]:
    return {k: v for k, v in response.items() if k not in PER_REQUEST}


@pytest.fixture(autouse=True)
def _fresh_cache(settings):
    settings.GRAPHQL_CACHE_SECONDS = 60
    cache.clear()
    yield
    cache.clear()


def _view_never_runs():
    return mock.patch.object(GraphQLView, "dispatch", side_effect=AssertionError("view ran"))


def test_a_hit_is_answered_without_the_view_with_the_views_headers():
    stored = get()
    assert stored.status_code == 200
    with _view_never_runs():
        early, queries = counted(get)
    assert queries == 0  # not even the session or the user
    assert early.status_code == 200 and early.content == stored.content
    assert _headers(early) == _headers(stored)
    # The security headers of the middleware the early answer skips are the view's.
    for name in ("Content-Security-Policy", "X-Content-Type-Options", "X-Frame-Options"):
        assert early[name], name
    assert early["Content-Length"] == str(len(early.content))
    assert early["X-Request-ID"] != stored["X-Request-ID"]  # the access log still sees it
    with _view_never_runs():
        not_modified = get(HTTP_IF_NONE_MATCH=stored["ETag"])
    assert not_modified.status_code == 304 and not_modified.content == b""
    assert not_modified["ETag"] == stored["ETag"]
    for name in ("Cache-Control", "Vary", "Content-Security-Policy"):
        assert not_modified[name] == stored[name], name
    for name in ("Content-Type", "Content-Length", "Content-Encoding", "Content-Language"):
        assert name not in not_modified, name


def test_gzip_and_identity_are_kept_apart():
    plain = get()
    gzipped = get(HTTP_ACCEPT_ENCODING="gzip, deflate")
    assert gzipped["Content-Encoding"] == "gzip"  # the view's answer, compressed below
    with _view_never_runs():
        early_gzipped = get(HTTP_ACCEPT_ENCODING="gzip, deflate")
        early_plain = get()
    assert early_gzipped.content == gzipped.content
    assert _headers(early_gzipped) == _headers(gzipped)
    assert gzip.decompress(early_gzipped.content) == plain.content
    assert early_plain.content == plain.content and "Content-Encoding" not in early_plain
    # A weakened ETag of the compressed answer still matches (weak comparison).
    with _view_never_runs():
        assert get(HTTP_IF_NONE_MATCH=gzipped["ETag"]).status_code == 304


def test_a_host_the_stack_refuses_is_never_answered_early():
    assert get().status_code == 200
    for _ in range(2):
        refused = get(HTTP_HOST="attacker.example")
        assert refused.status_code == 400  # CommonMiddleware's host check, every time
    with _view_never_runs():
        assert get().status_code == 200
    # Another allowed host is another entry: answered by the stack first, then early.
    with _view_never_runs(), pytest.raises(AssertionError, match="view ran"):
        get(HTTP_HOST="localhost")
    assert get(HTTP_HOST="localhost").status_code == 200
    with _view_never_runs():
        assert get(HTTP_HOST="localhost").status_code == 200


def test_https_and_http_are_kept_apart(settings):
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    settings.SECURE_HSTS_SECONDS = 3600
    plain = get()
    secure = get(HTTP_X_FORWARDED_PROTO="https")  # another entry: the stack answers
    assert "Strict-Transport-Security" in secure and "Strict-Transport-Security" not in plain
    with _view_never_runs():
        assert "Strict-Transport-Security" in get(HTTP_X_FORWARDED_PROTO="https")
        assert "Strict-Transport-Security" not in get()


def test_a_publication_makes_the_kept_answers_misses():
    from cms import cache_generation

    get()
    with _view_never_runs():
        assert get().status_code == 200
    cache_generation.bump()
    with _view_never_runs(), pytest.raises(AssertionError, match="view ran"):
        get()


def _pending_request(public=True, built_ago=0):
    """A request that missed early (the generation read) and that the view answered as
    public or not."""
    from django.test import RequestFactory

    from cms import cache_generation

    request = RequestFactory().get("/graphql/", {"id": LISTING})
    request._persisted_final = ("graphql-final:test", cache_generation.current())
    # When the view's entry was built (None: the view did not answer it as public).
    request._persisted_built = time.time() - built_ago if public else None
    return request


def _public_answer():
    from django.http import HttpResponse

    response = HttpResponse(b'{"data": {}}', content_type="application/json")
    response["Cache-Control"] = "public, max-age=60"
    response["ETag"] = '"abc"'
    return response


def test_only_a_public_answer_without_cookies_or_nonces_is_kept():
    from cms import cache_generation
    from cms.api.persisted import keep_final_answer

    def kept(response, public=True, built_ago=0):
        cache.clear()
        keep_final_answer(_pending_request(public, built_ago), response)
        return cache_generation.get_fresh("graphql-final:test")[0] is not None

    assert kept(_public_answer())
    with_cookie = _public_answer()
    with_cookie.set_cookie("csrftoken", "x")
    assert not kept(with_cookie)
    private = _public_answer()
    private["Cache-Control"] = "private, no-store"
    assert not kept(private)
    with_nonce = _public_answer()
    with_nonce["Content-Security-Policy"] = "script-src 'nonce-abc'"
    assert not kept(with_nonce)
    assert not kept(_public_answer(), public=False)  # not the view's public answer
    failed = _public_answer()
    failed.status_code = 503
    assert not kept(failed)
    # Never longer than the view's entry it came from (GRAPHQL_CACHE_SECONDS = 60).
    assert kept(_public_answer(), built_ago=50)
    assert not kept(_public_answer(), built_ago=59.5)


def test_the_final_answer_expires_with_the_views_entry(monkeypatch):
    from cms.api import persisted

    timeouts = []
    real_set_fresh = persisted.cache_generation.set_fresh
    monkeypatch.setattr(
        persisted.cache_generation,
        "set_fresh",
        lambda key, value, generation, timeout: (
            timeouts.append((key.split(":")[0], timeout)),
            real_set_fresh(key, value, generation, timeout),
        ),
    )
    get()  # the view's entry (60 s) and the final answer (what is left of them)
    assert timeouts[0] == ("graphql", 60)
    assert timeouts[1][0] == "graphql-final" and 58 <= timeouts[1][1] <= 60


def test_a_miss_goes_down_to_the_view():
    with _view_never_runs(), pytest.raises(AssertionError, match="view ran"):
        get()


def test_the_language_of_the_key_is_the_back_offices():
    get(HTTP_ACCEPT_LANGUAGE="fi")
    with _view_never_runs():
        assert get(HTTP_ACCEPT_LANGUAGE="fi").status_code == 200
    # Another language is another entry, by header or by the language cookie.
    with _view_never_runs(), pytest.raises(AssertionError, match="view ran"):
        get(HTTP_ACCEPT_LANGUAGE="sv")
    swedish = Client()
    swedish.cookies[settings.LANGUAGE_COOKIE_NAME] = "sv"
    with _view_never_runs(), pytest.raises(AssertionError, match="view ran"):
        get(client=swedish, HTTP_ACCEPT_LANGUAGE="fi")
    answered = get(client=swedish, HTTP_ACCEPT_LANGUAGE="fi")
    assert answered["Content-Language"] == "sv"
    with _view_never_runs():
        assert get(client=swedish, HTTP_ACCEPT_LANGUAGE="fi")["Content-Language"] == "sv"


def test_the_media_type_is_part_of_the_key():
    get()
    with _view_never_runs(), pytest.raises(AssertionError, match="view ran"):
        get(HTTP_ACCEPT="application/graphql-response+json")
    spec = get(HTTP_ACCEPT="application/graphql-response+json")
    with _view_never_runs():
        again = get(HTTP_ACCEPT="application/graphql-response+json")
    assert again["Content-Type"] == spec["Content-Type"]
    assert again["Content-Type"].startswith("application/graphql-response+json")


@pytest.mark.parametrize(
    "headers",
    [{"HTTP_AUTHORIZATION": "Bearer whatever"}, {"HTTP_COOKIE": "sessionid=abc"}],
    ids=["token", "session cookie"],
)
def test_a_token_or_a_session_cookie_always_reaches_the_view(headers):
    get()
    with _view_never_runs(), pytest.raises(AssertionError, match="view ran"):
        get(**headers)


def test_other_shapes_of_request_reach_the_view():
    get()
    variables = json.dumps(LISTING_VARS)
    with _view_never_runs():
        for params in (
            {"id": LISTING, "variables": variables, "query": "{ __typename }"},
            {"id": "0" * 64, "variables": variables},
        ):
            with pytest.raises(AssertionError, match="view ran"):
                Client().get("/graphql/", params)
        with pytest.raises(AssertionError, match="view ran"):
            Client().post(
                "/graphql/?" + f"id={LISTING}", {"variables": variables}, "application/json"
            )


def test_the_cache_off_means_no_early_answers(settings):
    get()
    settings.GRAPHQL_CACHE_SECONDS = 0
    with _view_never_runs(), pytest.raises(AssertionError, match="view ran"):
        get()


def test_a_preview_document_is_never_served_early():
    params = {
        "id": sha("service-page"),
        "operationName": "ServicePreview",
        "variables": json.dumps({"token": "x", "locale": "fi", "internal": False}),
    }
    Client().get("/graphql/", params)
    with _view_never_runs(), pytest.raises(AssertionError, match="view ran"):
        Client().get("/graphql/", params)


def test_an_early_hit_counts_against_the_anonymous_rate_limit(settings):
    settings.GRAPHQL_RATE_LIMIT_ANONYMOUS = "2/m"
    assert get(REMOTE_ADDR="198.51.100.7").status_code == 200  # the view, counted there
    with _view_never_runs():
        assert get(REMOTE_ADDR="198.51.100.7").status_code == 200  # early, counted
    # Over the limit, the request goes down to the view, which refuses it with every
    # header of the stack.
    refused = get(REMOTE_ADDR="198.51.100.7")
    with _view_never_runs():
        assert get(REMOTE_ADDR="198.51.100.8").status_code == 200  # another client
    assert refused.status_code == 429 and refused["Retry-After"]
    assert refused.json()["errors"][0]["extensions"]["code"] == "RATE_LIMITED"
    for name in ("Content-Security-Policy", "X-Content-Type-Options", "X-Frame-Options"):
        assert refused[name], name


def test_a_failing_cache_sends_the_request_on_to_the_view():
    get()
    with (
        # The reading module's name for the cache, not the cache object: patching through
        # Django's per-thread proxy would drop the metrics' counting wrapper on exit.
        mock.patch(
            "cms.cache_generation.cache",
            **{
                "get.side_effect": ConnectionError("down"),
                "get_many.side_effect": ConnectionError("down"),
            },
        ),
        _view_never_runs(),
        pytest.raises(AssertionError, match="view ran"),
    ):
        get()


def test_a_changed_setting_is_followed_by_the_next_early_answer(settings):
    """The early decision is kept per request shape (cms.api.persisted._early_key); a
    setting it depends on changing clears it."""
    assert get()["Content-Language"] == "en"  # the test settings' language without a header
    with _view_never_runs():
        assert get()["Content-Language"] == "en"
    settings.BACK_OFFICE_LANGUAGE_WITHOUT_HEADER = "sv"
    with _view_never_runs(), pytest.raises(AssertionError, match="view ran"):
        get()  # another language: another entry, not yet stored
    assert get()["Content-Language"] == "sv"


def test_the_kept_decisions_are_bounded(monkeypatch):
    from cms.api import persisted

    monkeypatch.setattr(persisted, "EARLY_KEYS_MAX", 20)
    for n in range(25):
        Client().get("/graphql/", {"id": LISTING, "variables": json.dumps({"offset": n})})
    assert 0 < len(persisted._early_keys) <= 20


def test_a_not_modified_answer_of_the_view_is_not_kept():
    from cms import cache_generation

    etag = get()["ETag"]
    cache_generation.bump()  # both entries stale: the next request goes down to the view
    assert get(HTTP_IF_NONE_MATCH=etag).status_code == 304  # the view's, not kept
    with _view_never_runs(), pytest.raises(AssertionError, match="view ran"):
        get()  # no final answer was kept from the 304


EVIL = "query { services: __typename }"


def test_a_query_or_a_body_next_to_the_hash_is_never_cached_nor_kept():
    """graphene reads `query` (which wins over the hash) and a GET's body: such an answer
    must never be stored under the document's key (cache poisoning)."""
    from urllib.parse import urlencode

    clean = get().content
    cache.clear()
    query = {"id": LISTING, "variables": json.dumps(LISTING_VARS)}
    address = "/graphql/?" + urlencode(query)
    attacks = [
        lambda: Client().get("/graphql/", {**query, "query": EVIL}),
        lambda: Client().generic(
            "GET", address, json.dumps({"query": EVIL}), content_type="application/json"
        ),
        lambda: Client().generic("GET", address, EVIL, content_type="application/graphql"),
        lambda: Client().generic(
            "GET",
            "/graphql/?" + urlencode({"id": LISTING}),
            json.dumps({"variables": {"locale": "fi", "limit": 1}}),
            content_type="application/json",
        ),
    ]
    for attack in attacks:
        answered = attack()
        assert "public" not in answered.get("Cache-Control", "")
        for _ in range(2):  # the view's entry, then the kept final answer
            assert get().content == clean
        no_variables = Client().get("/graphql/", {"id": LISTING})
        assert b'"limit":1,' not in no_variables.content
        cache.clear()


def test_variants_of_accept_encoding_and_host_share_one_final_answer():
    from cms.api import persisted

    get(HTTP_ACCEPT_ENCODING="gzip")
    for n in range(5):
        for headers in (
            {"HTTP_ACCEPT_ENCODING": f"gzip, x-{n}"},
            {"HTTP_HOST": f"localhost:{8000 + n}"},
        ):
            get(**headers)
    keys = {k for k in persisted._early_keys.values() if k}
    # gzip yes/no x the two host names (testserver, localhost): never one per variant
    assert len(keys) <= 4, keys
