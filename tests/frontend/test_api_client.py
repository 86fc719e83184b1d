"""frontend.api over HTTP (settings.FRONTEND_API_URL), the transport of a frontend
deployed apart from the CMS, against a real server (issue 14).

`api_server` serves the whole Django stack (middleware, /graphql/, tokens, rate limits) on
a loopback port from a thread, so frontend.api's urllib POST goes through a real socket.
The thread borrows the test's database connection (its transaction included: the demo
world and what a test creates are seen, and rolled back after), as Django's live server
does for in-memory SQLite; the test's thread waits on the HTTP answer meanwhile, so the
connection is never used by two threads at once. That keeps the shared demo world and
works on SQLite and PostgreSQL alike (pytest-django's live_server would flush it).
"""

import re
import socket
import threading
import time
from types import SimpleNamespace
from wsgiref.simple_server import WSGIRequestHandler, WSGIServer, make_server

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.handlers.wsgi import WSGIHandler
from django.core.signals import request_finished, request_started
from django.db import close_old_connections, connections
from django.test import RequestFactory

from cms.models import ApiToken
from frontend import api
from services.models import ServicePage

LISTING = {"locale": "fi", "limit": 5, "offset": 0}


class _QuietHandler(WSGIRequestHandler):
    def log_message(self, format, *args):  # noqa: A002 - the base class's signature
        pass


class _Server(WSGIServer):
    # One request at a time, in the server's thread (never two users of the connection).
    request_queue_size = 5


@pytest.fixture
def api_server(db):
    """The URL of /graphql/ on a real HTTP server of this test's Django."""
    shared = {alias: connections[alias] for alias in connections}
    django = WSGIHandler()
    seen = []

    def app(environ, start_response):
        seen.append({key: value for key, value in environ.items() if key.startswith("HTTP_")})
        for alias, connection in shared.items():
            connections[alias] = connection
        return django(environ, start_response)

    server = make_server("127.0.0.1", 0, app, server_class=_Server, handler_class=_QuietHandler)
    # Django's request signals would close the borrowed connection after each request.
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    for connection in shared.values():
        connection.inc_thread_sharing()
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield SimpleNamespace(url=f"http://127.0.0.1:{server.server_port}/graphql/", seen=seen)
    finally:
        server.shutdown()
        server.server_close()
        thread.join(5)
        for connection in shared.values():
            connection.dec_thread_sharing()
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


@pytest.fixture
def visitor():
    def _visitor(user=None):
        request = RequestFactory().get("/")
        request.user = user or AnonymousUser()
        return request

    return _visitor


OPERATIONS = {"service-page": "ServicePage"}  # documents with several operations


def in_process(settings, request, name, variables):
    settings.FRONTEND_API_URL = ""
    return api.query(request, name, variables, OPERATIONS.get(name))


def over_http(settings, server, request, name, variables, token=""):
    settings.FRONTEND_API_URL = server.url
    settings.FRONTEND_API_TOKEN = token
    return api.query(request, name, variables, OPERATIONS.get(name))


def test_a_document_over_http_returns_what_it_returns_in_process(settings, api_server, visitor):
    local = in_process(settings, visitor(), "catalogue-listing", LISTING)
    remote = over_http(settings, api_server, visitor(), "catalogue-listing", LISTING)
    assert remote == local
    assert remote["services"]["totalCount"] > 5
    assert len(remote["services"]["items"]) == 5
    # Sent as an external client sends it: JSON, the GraphQL-over-HTTP media types.
    headers = api_server.seen[-1]
    assert headers["HTTP_ACCEPT"].startswith("application/graphql-response+json")
    assert "HTTP_AUTHORIZATION" not in headers


def test_the_token_is_sent_but_a_visitor_stays_anonymous(settings, api_server, visitor, user):
    """A frontend deployed apart has no visitor's session: the token authenticates the
    frontend, never a visitor. Even with a municipal user's token (a misconfiguration) no
    internal information and no `me` reach a page (frontend/api.py, docs/frontend.md)."""
    expert = user("espoo-expert")
    _, raw_key = ApiToken.issue(expert, "frontend deployed apart")
    service = ServicePage.objects.live().filter(locale__language_code="fi").order_by("pk").first()
    variables = {"id": str(service.pk), "locale": "fi", "internal": True}

    remote = over_http(settings, api_server, visitor(), "service-page", variables, raw_key)
    assert api_server.seen[-1]["HTTP_AUTHORIZATION"] == f"Bearer {raw_key}"
    # Sent with internal false: the field is not even selected.
    assert remote["me"] is None and remote["service"].get("internal") is None
    assert "internal" not in remote["service"]
    assert remote["service"]["title"] == service.title
    # staff-detail asks for `internal` without a variable: still null on the way back.
    staff = over_http(settings, api_server, visitor(), "staff-detail", variables, raw_key)
    assert staff["me"] is None and staff["service"]["internal"] is None
    # In process the signed-in expert does get them (the one shared session).
    local = in_process(settings, visitor(expert), "service-page", variables)
    assert local["me"]["canViewInternal"] and local["service"]["internal"] is not None
    # Without the token the API answers as an anonymous client.
    anonymous = over_http(settings, api_server, visitor(), "catalogue-listing", LISTING)
    assert anonymous["services"]["items"]
    assert "HTTP_AUTHORIZATION" not in api_server.seen[-1]


def test_deployed_apart_the_pages_show_nothing_internal_and_no_staff_view(
    settings, api_server, user
):
    """The views called directly (RequestFactory): Django's test Client would reconnect
    close_old_connections around its request and close the connection the API's thread
    borrows (on PostgreSQL)."""
    from django.utils import translation

    from frontend.views.service import service as service_view
    from frontend.views.staff import favourites

    expert = user("espoo-expert")
    _, raw_key = ApiToken.issue(expert, "frontend deployed apart")
    service = ServicePage.objects.live().filter(locale__language_code="fi").order_by("pk").first()
    internal = [str(block.value)[:30] for block in service.internal]
    settings.FRONTEND_API_URL, settings.FRONTEND_API_TOKEN = api_server.url, raw_key
    request = RequestFactory().get(f"/services/{service.pk}/", {"view": "internal"})
    request.user = AnonymousUser()
    with translation.override("fi"):
        page = service_view(request, service.pk)
    body = page.content.decode()
    assert page.status_code == 200 and service.title in body
    assert "svc-internal" not in body and not any(text in body for text in internal if text)
    # The staff view needs the visitor's session: not offered apart, even when signed in.
    staff_request = RequestFactory().get("/favourites/")
    staff_request.user = expert
    with translation.override("fi"):
        assert favourites(staff_request).status_code == 404


def test_api_errors_become_api_errors_with_their_code(settings, api_server, visitor):
    bad = {"locale": "xx", "limit": 5}  # not a LocaleCode: a request error (HTTP 400)
    with pytest.raises(api.ApiError) as remote:
        over_http(settings, api_server, visitor(), "catalogue-listing", bad)
    with pytest.raises(api.ApiError) as local:
        in_process(settings, visitor(), "catalogue-listing", bad)
    assert remote.value.code == local.value.code == "BAD_USER_INPUT"
    assert str(remote.value) == str(local.value)
    assert remote.value.errors

    # A token the API does not know: 401, UNAUTHENTICATED.
    with pytest.raises(api.ApiError) as refused:
        over_http(settings, api_server, visitor(), "catalogue-listing", LISTING, token="nope")
    assert refused.value.code == "UNAUTHENTICATED"


def test_an_answer_that_is_not_graphql_is_an_http_error(settings, api_server, visitor):
    settings.FRONTEND_API_URL = api_server.url.replace("/graphql/", "/no-such-api/")
    with pytest.raises(api.ApiError) as error:
        api.query(visitor(), "catalogue-listing", LISTING)
    assert error.value.code == "HTTP"
    assert re.search(r"HTTP [45]\d\d", str(error.value))


def test_a_redirect_is_not_followed(settings, api_server, visitor):
    """urllib would follow it as a GET without the document, with the bearer token: the
    transport stops at the redirect (here Django's APPEND_SLASH for an URL without /)."""
    settings.FRONTEND_API_URL = api_server.url.rstrip("/")
    settings.FRONTEND_API_TOKEN = "a-token"
    with pytest.raises(api.ApiError) as error:
        api.query(visitor(), "catalogue-listing", LISTING)
    assert error.value.code == "HTTP"
    assert "HTTP 301" in str(error.value)
    assert len(api_server.seen) == 1


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_an_unreachable_api_is_unavailable_at_once(settings, visitor):
    settings.FRONTEND_API_URL = f"http://127.0.0.1:{_free_port()}/graphql/"
    request = visitor()
    started = time.perf_counter()
    with pytest.raises(api.ApiError) as error:
        api.query(request, "catalogue-listing", LISTING)
    assert error.value.code == "UNAVAILABLE"
    assert time.perf_counter() - started < 2
    # The failed call still counts against the page's budget, with its time.
    assert [name for name, _ in api.api_calls(request)] == ["catalogue-listing"]


def test_an_api_that_does_not_answer_is_unavailable_after_the_timeout(settings, visitor):
    settings.FRONTEND_API_TIMEOUT = 1
    with socket.socket() as silent:  # accepts connections (the backlog), never answers
        silent.bind(("127.0.0.1", 0))
        silent.listen(1)
        settings.FRONTEND_API_URL = f"http://127.0.0.1:{silent.getsockname()[1]}/graphql/"
        started = time.perf_counter()
        with pytest.raises(api.ApiError) as error:
            api.query(visitor(), "catalogue-listing", LISTING)
    assert error.value.code == "UNAVAILABLE"
    assert 0.9 < time.perf_counter() - started < 5


def test_an_api_that_hangs_up_is_unavailable(settings, visitor):
    """A server that closes the connection without an answer (a restarting API, a proxy):
    an ApiError, not an exception that makes the page a 500."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(1)

    def hang_up():
        connection, _ = listener.accept()
        connection.recv(65536)
        connection.close()

    thread = threading.Thread(target=hang_up, daemon=True)
    thread.start()
    settings.FRONTEND_API_URL = f"http://127.0.0.1:{listener.getsockname()[1]}/graphql/"
    try:
        with pytest.raises(api.ApiError) as error:
            api.query(visitor(), "catalogue-listing", LISTING)
    finally:
        thread.join(5)
        listener.close()
    assert error.value.code == "UNAVAILABLE"


def test_a_staff_page_whose_api_cannot_answer_is_a_503(client, user, monkeypatch):
    def unavailable(*args, **kwargs):
        raise api.ApiError("The API could not be reached: refused", "UNAVAILABLE")

    client.force_login(user("espoo-expert"))
    monkeypatch.setattr(api, "query", unavailable)
    response = client.get("/favourites/", HTTP_ACCEPT_LANGUAGE="fi")
    assert response.status_code == 503
    assert response["Cache-Control"] == "private, no-store"
