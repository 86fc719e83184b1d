"""The admin and the wagtail-localize editor run under the Content-Security-Policy.

Every screen is opened in Chromium with the policy the server sends (the same in
every environment, cms/settings/base.py); the test fails on any CSP violation,
reported in the console or as a `securitypolicyviolation` event, and on script errors.
docs/security.md "Production headers and CSP".
"""

import pytest
from wagtail.models import Page

from services.models import Contact, ServicePage

# serialized_rollback: start from the shared demo world even after another browser test
# has flushed the database (tests/e2e/conftest.py).
pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

WATCH = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (e) => window.__cspViolations.push(
    `${e.effectiveDirective} blocked ${e.blockedURI} (${e.sourceFile}:${e.lineNumber})`));
"""


def test_admin_screens_have_no_csp_violation(session_as):
    service = ServicePage.objects.filter(locale__language_code="fi").order_by("pk").first()
    swedish = ServicePage.objects.filter(locale__language_code="sv").order_by("pk").first()
    assert swedish is not None, "the demo world has Swedish translations (Raasepori)"
    folder = service.get_parent()
    contact = Contact.objects.order_by("pk").first()
    catalogue = Page.objects.get(pk=folder.pk).get_parent()

    page = session_as("yllapito-maintainer")
    page.context.add_init_script(WATCH)
    problems = []
    page.on(
        "console",
        lambda m: "Content Security Policy" in m.text and problems.append(f"console: {m.text}"),
    )
    page.on("pageerror", lambda e: problems.append(f"script error: {e}"))

    def visit(path, then=None):
        response = page.goto(path)
        assert response.ok, path
        assert "script-src 'self'" in response.headers["content-security-policy"]
        page.wait_for_load_state("networkidle")
        if then:
            then()
            page.wait_for_load_state("networkidle")
        problems.extend(f"{path}: {v}" for v in page.evaluate("window.__cspViolations"))

    def preview_and_chooser():
        page.click("button[data-side-panel-toggle=preview]")
        page.wait_for_selector("iframe.preview-panel__iframe, [data-w-preview-target=iframe]")
        page.locator("[data-chooser-action-choose] >> visible=true").first.click()
        page.locator(".modal-dialog").first.wait_for(state="visible")

    def translate_a_segment():
        page.wait_for_selector(".js-translation-editor .w-tabs__tab")
        editor = page.locator(".js-translation-editor")
        editor.locator("button", has_text="Translate").first.click()
        editor.locator("textarea").first.fill("Översatt i webbläsartestet")
        editor.locator("button", has_text="Save").first.click()
        page.wait_for_timeout(500)

    visit("/admin/")
    visit(f"/admin/pages/{catalogue.pk}/")
    visit(f"/admin/pages/{folder.pk}/")
    visit(f"/admin/pages/{service.pk}/edit/", preview_and_chooser)
    visit(f"/admin/snippets/services/contact/edit/{contact.pk}/")
    # A synced Swedish translation opens in wagtail-localize's React editor.
    visit(f"/admin/pages/{swedish.pk}/edit/", translate_a_segment)
    visit("/admin/documents/")
    visit("/admin/documents/multiple/add/")
    assert not problems, "\n".join(problems)


def test_login_page_has_no_csp_violation(browser, live_server):
    context = browser.new_context(base_url=live_server.url)
    context.add_init_script(WATCH)
    page = context.new_page()
    problems = []
    page.on("console", lambda m: "Content Security Policy" in m.text and problems.append(m.text))
    response = page.goto("/admin/login/")
    assert "script-src 'self'" in response.headers["content-security-policy"]
    page.wait_for_load_state("networkidle")
    problems += page.evaluate("window.__cspViolations")
    context.close()
    assert not problems, "\n".join(problems)
