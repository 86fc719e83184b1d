"""Each role's admin in Finnish and Swedish, in Chromium (issue 17, "Everyone").

A demo user of each of the 7 roles signs in with a Finnish, then a Swedish browser, opens
the dashboard and every admin screen of their menu (cms.admin_menu: only what they can use),
and each screen is checked as the browser shows it, after the admin's scripts have run
(the strings of Wagtail's and wagtail-localize's scripts included):

- no English left (tests/translations/leftover_english.py);
- a title of its own in the browser tab (not "- Wagtail").

Screenshots go to $SCREENSHOT_DIR (default test-results/screens/admin-languages/), one per
role, language and screen.
"""

import os
import re
from pathlib import Path

import pytest
from django.conf import settings

from cms.roles import Role
from tests.translations.leftover_english import content_texts, english_left

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.ui_only,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

SCREENSHOT_DIR = Path(
    os.environ.get(
        "SCREENSHOT_DIR", Path(settings.BASE_DIR) / "test-results" / "screens" / "admin-languages"
    )
)
# One user per role in the demo world (tests/test_admin_smoke.py picks the same).
USERS = {
    Role.MAINTAINER: "yllapito-maintainer",
    Role.MUNICIPALITY_MAIN_USER: "helsinki-main",
    Role.PRODUCER: "helsinki-producer",
    Role.EXPERT: "helsinki-expert",
    Role.PROVIDER_MAIN_USER: None,  # the provider of Helsinki's first service
    Role.PROVIDER_EDITOR: None,
    Role.TRANSLATOR: "yllapito-translator",
}
# Screens per role at most (the menu's first ones, the dashboard always): the whole menu of
# the maintainer is long, and the other tests render every screen server-side.
MAX_SCREENS = 14


def username(role) -> str:
    if USERS[role]:
        return USERS[role]
    from tests.conftest import service_of

    provider = service_of("helsinki").provider
    suffix = "main" if role == Role.PROVIDER_MAIN_USER else "editor"
    return f"{provider.slug}-{suffix}"


def menu_links(page) -> list[str]:
    """The admin addresses of the sidebar's items (submenus included), in menu order."""
    return page.evaluate(
        """() => {
            const props = JSON.parse(
                document.getElementById("wagtail-sidebar-props").textContent);
            const urls = [];
            const walk = (node) => {
                if (Array.isArray(node)) { node.forEach(walk); return; }
                if (node && typeof node === "object") {
                    const args = node._args;
                    if (args && args[0] && typeof args[0].url === "string") urls.push(args[0].url);
                    Object.values(node).forEach(walk);
                }
            };
            walk(props);
            return urls;
        }"""
    )


@pytest.mark.parametrize("language", ["fi", "sv"])
@pytest.mark.parametrize("role", list(Role), ids=lambda r: r.value)
def test_role_admin_in_language(role, language, browser, live_server):
    name = username(role)
    context = browser.new_context(
        base_url=live_server.url, locale=language, viewport={"width": 1280, "height": 900}
    )
    try:
        page = context.new_page()
        page.goto("/admin/login/")
        page.fill("#id_username", name)
        page.fill("#id_password", settings.DEMO_PASSWORD)
        page.click("button[type=submit]")
        page.wait_for_url("**/admin/")
        assert page.evaluate("document.documentElement.lang").startswith(language)

        screens = ["/admin/"]
        for url in menu_links(page):
            if url.startswith("/admin/") and url not in screens and "logout" not in url:
                screens.append(url)
        screens = screens[:MAX_SCREENS]

        allowed = content_texts()
        target = SCREENSHOT_DIR / language / role.value
        target.mkdir(parents=True, exist_ok=True)
        problems = []
        for index, url in enumerate(screens):
            page.goto(url)
            page.wait_for_load_state("networkidle")
            slug = re.sub(r"[^a-z0-9]+", "-", url.lower()).strip("-") or "admin"
            page.screenshot(path=str(target / f"{index:02d}-{slug}.png"), full_page=False)
            title = page.title().strip()
            if not title or title.startswith("-"):
                problems.append(f"{url}: empty title {title!r}")
            english = english_left(page.content(), language, allowed)
            problems += [f"{url}: {text[:120]!r}" for text in english]
        assert not problems, f"{role.value} in {language}:\n" + "\n".join(problems)
    finally:
        context.close()
