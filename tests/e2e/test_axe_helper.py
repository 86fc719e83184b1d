"""The axe check of the browser tests finds what it claims, under the site's CSP.

axe_violations (tests/e2e/conftest.py) evaluates the pinned axe-core in the page and runs
its WCAG 2.1 A/AA rules. A page served (by a Playwright route, no server) with the site's
script-src 'self' policy: a known-bad page must report its violations, a good one none,
and the CSP must not block axe (page.add_script_tag would be).
"""

import pytest

pytestmark = pytest.mark.e2e

POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:"
GOOD = """<!DOCTYPE html><html lang="fi"><head><meta charset="utf-8"><title>Hyvä</title></head>
<body><main><h1>Palvelut</h1><img src="data:," alt="Logo">
<label for="q">Hae</label><input id="q" name="q"></main></body></html>"""
BAD = """<!DOCTYPE html><html><head><meta charset="utf-8"><title>Huono</title></head>
<body><main><h1>Palvelut</h1><img src="data:,"><input name="q">
<a href="/x"></a></main><div id="aside"><img src="data:,"></div></body></html>"""


@pytest.fixture
def page_with_policy(browser):
    context = browser.new_context()
    pages = {"/good": GOOD, "/bad": BAD}

    def serve(route):
        path = route.request.url.removeprefix("http://axe.test")
        route.fulfill(
            status=200 if path in pages else 404,
            headers={"Content-Type": "text/html; charset=utf-8", "Content-Security-Policy": POLICY},
            body=pages.get(path, ""),
        )

    context.route("http://axe.test/**", serve)
    page = context.new_page()
    violations = []
    page.on("console", lambda m: "Content Security Policy" in m.text and violations.append(m.text))
    yield page, violations
    context.close()


def test_axe_reports_the_violations_of_a_bad_page(page_with_policy, axe, axe_report):
    page, csp_violations = page_with_policy
    page.goto("http://axe.test/bad")
    found = axe(page)
    ids = {violation["id"] for violation in found}
    assert {"html-has-lang", "image-alt", "label", "link-name"} <= ids, axe_report(found)
    image = next(violation for violation in found if violation["id"] == "image-alt")
    assert len(image["nodes"]) == 2 and image["nodes"][0]["html"].startswith("<img")
    assert "image-alt" in axe_report(found)
    # A context limits the check to a part of the page.
    only_aside = axe(page, "#aside")
    assert [violation["id"] for violation in only_aside] == ["image-alt"]
    assert len(only_aside[0]["nodes"]) == 1
    assert csp_violations == []


def test_axe_reports_nothing_on_a_good_page(page_with_policy, axe, axe_report):
    page, csp_violations = page_with_policy
    page.goto("http://axe.test/good")
    found = axe(page)
    assert found == [], axe_report(found)
    assert page.evaluate("window.axe.version") == "4.14.1"
    assert csp_violations == []
