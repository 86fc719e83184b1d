"""Browser tests: Playwright (pip) driving Debian's Chromium; no browser download.

They use pytest-django's live_server, which needs a transactional database (flushed
after each test), so `make test` runs them in their own pytest invocation
(`-m e2e`, one test at a time), after the rest of the suite.
"""

import json
import os
import shutil
from pathlib import Path

import pytest

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
# axe-core, pinned in tests/e2e/axe/package-lock.json; `make test` (make axe-core) runs
# `npm ci` there. Never loaded from a CDN.
AXE_JS = Path(__file__).resolve().parent / "axe" / "node_modules" / "axe-core" / "axe.min.js"
# WCAG 2.1 level A and AA (axe's rule tags; 2.0's rules are part of 2.1).
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
# Playwright's sync API runs an event loop in this thread; the ORM calls of the test
# itself are still synchronous and safe here.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture(scope="session")
def browser():
    if not shutil.which(CHROMIUM) and not os.path.exists(CHROMIUM):
        if os.environ.get("CI"):
            pytest.fail(f"Chromium not found at {CHROMIUM}: .ci/run installs Debian's chromium")
        pytest.skip(f"Chromium not found at {CHROMIUM} (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
            ],
        )
        yield browser
        browser.close()


def axe_violations(page, context=None) -> list[dict]:
    """axe-core's WCAG 2.1 A/AA violations on the page as it is now: a list of
    {"id", "impact", "help", "helpUrl", "nodes": [{"target", "html", "summary"}]}, empty
    when none. `context` limits the check: a CSS selector or axe's {"include", "exclude"}.

    axe.min.js is evaluated through the DevTools protocol (page.evaluate), not added with
    page.add_script_tag: that inserts an inline <script>, which the site's
    Content-Security-Policy (script-src 'self') blocks, and the page stays under its real
    policy. Skips (fails under CI) when axe-core is not installed: `make axe-core`."""
    if not AXE_JS.exists():
        message = (
            f"axe-core is not installed (no {AXE_JS}): `make axe-core` (run by `make test`) "
            "installs it with npm ci in tests/e2e/axe; "
            "needs Node and npm (Debian: apt-get install nodejs npm)"
        )
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    if not page.evaluate("typeof window.axe === 'object'"):
        page.evaluate(AXE_JS.read_text(encoding="utf-8"))
    return page.evaluate(
        """async ([context, tags]) => {
            const results = await window.axe.run(context || document, {
                runOnly: {type: "tag", values: tags},
                resultTypes: ["violations"],
            });
            return results.violations.map((v) => ({
                id: v.id, impact: v.impact, help: v.help, helpUrl: v.helpUrl,
                nodes: v.nodes.map((n) => ({
                    target: n.target, html: n.html, summary: n.failureSummary,
                })),
            }));
        }""",
        [context, AXE_TAGS],
    )


def format_axe_violations(violations: list[dict]) -> str:
    """The violations of axe_violations, readable in an assertion message."""
    lines = []
    for violation in violations:
        lines.append(f"{violation['id']} ({violation['impact']}): {violation['help']}")
        for node in violation["nodes"][:5]:
            lines.append(f"    {json.dumps(node['target'])}: {node['html'][:160]}")
    return "\n".join(lines)


@pytest.fixture
def axe():
    """axe_violations as a fixture: `violations = axe(page)`, then
    `assert violations == [], axe_report(violations)`."""
    return axe_violations


@pytest.fixture
def axe_report():
    """format_axe_violations as a fixture (the assertion message of an axe check)."""
    return format_axe_violations


@pytest.fixture
def session_as(browser, live_server, settings):
    """Open a fresh browser context logged in as a demo user."""
    contexts = []

    def _login(username):
        context = browser.new_context(base_url=live_server.url)
        contexts.append(context)
        page = context.new_page()
        page.goto("/admin/login/")
        page.fill("#id_username", username)
        page.fill("#id_password", settings.DEMO_PASSWORD)
        page.click("button[type=submit]")
        page.wait_for_url("**/admin/")
        return page

    yield _login
    for context in contexts:
        context.close()


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """Keep a copy of the shared demo world (tests/conftest.py) for the browser tests.

    Browser tests are transactional (live_server): the database is flushed after each.
    Marked `django_db(transaction=True, serialized_rollback=True)`, a test starts by
    restoring this copy, so every browser test sees the demo world whichever ran before.
    """
    from django.db import connection

    with django_db_blocker.unblock():
        connection._test_serialized_contents = connection.creation.serialize_db_to_string()
    yield
