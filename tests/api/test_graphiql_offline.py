"""GraphiQL (development only) loads nothing from outside the project (issue 14).

graphene-django's page loads GraphiQL, React and the rest from a CDN and sets its options
in an inline script: offline it was blank. Ours (cms/templates/cms/graphiql.html) refers
only to static files of the project (graphene-django-graphiql-static and cms/static), each
checked by its SRI hash, and has no inline script or style, so the site's
Content-Security-Policy needs no CDN and no 'unsafe-inline' on /graphql/.
The browser check (it renders and runs a query offline): tests/e2e/test_graphiql.py.
"""

import base64
import hashlib
from html.parser import HTMLParser

import pytest
from django.contrib.staticfiles import finders
from django.test import Client
from graphene_django.views import GraphQLView as GrapheneView

from cms.api.views import GraphQLView

EXPECTED = {
    "graphene_django_graphiql_static/graphiql.min.js",
    "graphene_django_graphiql_static/graphiql.min.css",
    "graphene_django_graphiql_static/react.production.min.js",
    "graphene_django_graphiql_static/react-dom.production.min.js",
    "graphene_django_graphiql_static/graphql-ws.min.js",
    "graphene_django_graphiql_static/graphiql-plugin-explorer.umd.js",
    "graphene_django_graphiql_static/style.css",
    "graphene_django_graphiql_static/fetch.umd.js",
    "graphene_django/graphiql.js",
    "cms/graphiql/settings.js",
    "cms/graphiql/page.css",
}


class Page(HTMLParser):
    """The URLs a page loads, its integrity attributes, and its inline code."""

    def __init__(self):
        super().__init__()
        self.urls = []  # (url, integrity or None)
        self.inline = []
        self.settings_script = None
        self._in_script = False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if "style" in attrs:
            self.inline.append(f"style attribute on <{tag}>")
        if tag == "style":
            self.inline.append("<style> element")
        for name in ("src", "href", "action", "data", "poster"):
            if attrs.get(name):
                self.urls.append((attrs[name], attrs.get("integrity")))
        if tag == "script":
            self._in_script = not attrs.get("src")
            if (attrs.get("src") or "").endswith("cms/graphiql/settings.js"):
                self.settings_script = attrs
        if any(name.startswith("on") for name in attrs):
            self.inline.append(f"event handler attribute on <{tag}>")

    def handle_endtag(self, tag):
        if tag == "script":
            self._in_script = False

    def handle_data(self, data):
        if self._in_script and data.strip():
            self.inline.append(f"inline script: {data.strip()[:60]}")


def sri(path) -> str:
    with open(path, "rb") as file:
        return "sha256-" + base64.b64encode(hashlib.sha256(file.read()).digest()).decode()


@pytest.fixture
def graphiql(settings):
    settings.GRAPHIQL_ENABLED = True
    response = Client().get("/graphql/", HTTP_ACCEPT="text/html")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/html")
    page = Page()
    page.feed(response.content.decode())
    return response, page


def test_graphiql_loads_only_local_static_files_that_exist(graphiql, settings):
    response, page = graphiql
    loaded = set()
    for url, integrity in page.urls:
        assert url.startswith(settings.STATIC_URL), f"not a static file of the project: {url}"
        assert "//" not in url and ":" not in url, url
        name = url.removeprefix(settings.STATIC_URL)
        path = finders.find(name)
        assert path, f"{url} is referenced but no static file {name} exists"
        if integrity:
            assert integrity == sri(path), f"{name}: its SRI hash does not match the file"
        loaded.add(name)
    assert loaded == EXPECTED
    # Every third-party file is pinned by its hash; ours are not (they change with us).
    unchecked = {url for url, integrity in page.urls if not integrity}
    assert unchecked == {
        f"{settings.STATIC_URL}{name}"
        for name in (
            "graphene_django/graphiql.js",
            "cms/graphiql/settings.js",
            "cms/graphiql/page.css",
        )
    }


def test_graphiql_page_has_no_inline_script_or_style(graphiql):
    response, page = graphiql
    assert page.inline == []
    # The options graphene-django set inline come as data attributes of settings.js.
    assert page.settings_script["data-header-editor-enabled"] in ("true", "false")
    assert "data-should-persist-headers" in page.settings_script
    assert "data-input-value-deprecation" in page.settings_script


def test_graphiql_policy_has_no_cdn_and_no_unsafe_inline(graphiql, settings):
    response, page = graphiql
    policy = response["Content-Security-Policy"]
    # No host but the admin's headless preview client (frame-src).
    assert "http" not in policy.replace(settings.HEADLESS_PREVIEW_ORIGIN or "", "")
    assert "unsafe-inline" not in policy and "unsafe-eval" not in policy
    directives = {part.split()[0]: part.split()[1:] for part in policy.split(";") if part.strip()}
    assert directives["script-src"] == ["'self'"]
    assert directives["style-src"] == ["'self'"]
    assert directives["font-src"] == ["'self'", "data:"]  # GraphiQL's embedded fonts


def test_the_vendored_files_are_the_releases_graphene_django_pins():
    """graphene-django's graphiql.js is written for the versions its page pins (React 17,
    graphiql 2.x): the vendored copies are byte for byte the same npm releases (graphiql's
    .min.js and .min.css differ from the npm files only by a final newline). When a
    graphene-django upgrade pins other versions, this fails: check the package again."""
    for attribute, name in (
        ("react_sri", "react.production.min.js"),
        ("react_dom_sri", "react-dom.production.min.js"),
        ("whatwg_fetch_sri", "fetch.umd.js"),
        ("subscriptions_transport_ws_sri", "graphql-ws.min.js"),
        ("graphiql_plugin_explorer_sri", "graphiql-plugin-explorer.umd.js"),
        ("graphiql_plugin_explorer_css_sri", "style.css"),
    ):
        path = finders.find(f"graphene_django_graphiql_static/{name}")
        assert sri(path) == getattr(GrapheneView, attribute), name
        assert getattr(GraphQLView, attribute) == getattr(GrapheneView, attribute)
    assert GrapheneView.graphiql_version == "2.4.7"
    for name in ("graphiql.min.js", "graphiql.min.css"):
        with open(finders.find(f"graphene_django_graphiql_static/{name}"), "rb") as file:
            content = file.read()
        assert content.endswith(b"\n")
        digest = base64.b64encode(hashlib.sha256(content[:-1]).digest()).decode()
        attribute = "graphiql_sri" if name.endswith(".js") else "graphiql_css_sri"
        assert f"sha256-{digest}" == getattr(GrapheneView, attribute), name


def test_graphiql_stays_off_when_the_setting_is_off(settings):
    settings.GRAPHIQL_ENABLED = False
    response = Client().get("/graphql/", HTTP_ACCEPT="text/html")
    assert response["Content-Type"] == "application/json"
    assert "font-src 'self';" in response["Content-Security-Policy"] + ";"
