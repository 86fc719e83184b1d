"""GraphiQL renders and runs a query with no network but the server's (issue 14).

Chromium opens /graphql/ (GraphiQL enabled, as in development) with every request to
another origin aborted, as offline; GraphiQL must render, answer a query, and raise no
CSP violation or script error. The page's HTML: tests/api/test_graphiql_offline.py.
"""

import pytest

# serialized_rollback: the live server's flush must not re-create content types under the
# next browser test's restored demo world (tests/e2e/conftest.py).
pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

WATCH = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (e) => window.__cspViolations.push(
    `${e.effectiveDirective} blocked ${e.blockedURI} (${e.sourceFile}:${e.lineNumber})`));
"""


def test_graphiql_works_offline_under_the_csp(browser, live_server, settings):
    settings.GRAPHIQL_ENABLED = True
    context = browser.new_context(base_url=live_server.url)
    context.add_init_script(WATCH)
    outside = []

    def only_the_server(route):
        if route.request.url.startswith(live_server.url):
            route.continue_()
        else:
            outside.append(route.request.url)
            route.abort()

    context.route("**/*", only_the_server)
    page = context.new_page()
    problems = []
    page.on("console", lambda m: m.type == "error" and problems.append(f"console: {m.text}"))
    page.on("pageerror", lambda e: problems.append(f"script error: {e}"))
    try:
        response = page.goto("/graphql/")
        assert "script-src 'self'" in response.headers["content-security-policy"]
        page.wait_for_selector(".graphiql-container .graphiql-query-editor", timeout=15_000)
        page.locator(".graphiql-query-editor .CodeMirror").first.click()
        page.keyboard.press("Control+A")
        page.keyboard.type("{ __typename }")
        page.locator(".graphiql-execute-button").click()
        # A selector, not wait_for_function: that evaluates a string in the page, which the
        # page's own CSP (no 'unsafe-eval') rightly refuses.
        page.wait_for_selector(".result-window:has-text('Query')", timeout=10_000)
        problems += page.evaluate("window.__cspViolations")
    finally:
        context.close()
    assert outside == []
    assert not problems, "\n".join(problems)
