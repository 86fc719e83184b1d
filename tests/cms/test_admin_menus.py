"""The admin menu per role (issue 17, "Menus per role"): each role sees the items it can use.

The rule is cms.admin_menu's: an item is shown only when the view behind it admits the user.
These tests read the sidebar as the browser gets it (Wagtail's sidebar props) for a demo user
of each of the 7 roles and check that

- every item shown opens for that role (200), and every registered item not shown is refused
  (whichever app registered it, so items added later follow the rule too);
- the menu's items are the expected ones (the labels in English, the source language).
"""

import json
import re

import pytest
from django.urls import reverse
from wagtail.admin.menu import SubmenuMenuItem, admin_menu, reports_menu, settings_menu

import tests.test_admin_smoke as smoke
from cms.roles import Role

pytestmark = pytest.mark.django_db

SIDEBAR_PROPS = re.compile(
    r'<script id="wagtail-sidebar-props" type="application/json">(.*?)</script>', re.S
)


def _walk(node, path, out):
    """The sidebar's link items as (labels from the top, url), from its telepath JSON."""
    if isinstance(node, dict):
        kind = node.get("_type", "")
        if kind.startswith("wagtail.sidebar.") and "_args" in node:
            args = node["_args"]
            props = args[0] if args and isinstance(args[0], dict) else {}
            label = props.get("label")
            here = [*path, label] if label else path
            if kind.endswith("MenuItem") and not kind.endswith("SubMenuItem"):
                out.append((tuple(here), props.get("url")))
            for arg in args:
                _walk(arg, here, out)
            return
        for value in node.values():
            _walk(value, path, out)
    elif isinstance(node, list):
        for value in node:
            _walk(value, path, out)


def sidebar(client, **headers) -> list[tuple[tuple[str, ...], str]]:
    body = client.get(reverse("wagtailadmin_home"), **headers).content.decode()
    found = SIDEBAR_PROPS.search(body)
    assert found, "no sidebar on the dashboard"
    out = []
    _walk(json.loads(found.group(1)), [], out)
    # The main menu only: the account menu and the search are the same for everyone.
    return [(labels, url) for labels, url in out if url and not url.startswith("#")]


def admin_items(client) -> dict[tuple[str, ...], str]:
    return {
        labels: url
        for labels, url in sidebar(client)
        if url.startswith(reverse("wagtailadmin_home"))
    }


def registered_urls() -> set[str]:
    """The admin addresses of every menu item registered by any app (submenus opened)."""
    urls = set()

    def collect(items):
        for item in items:
            if isinstance(item, SubmenuMenuItem):
                collect(item.menu.registered_menu_items)
            elif item.url and item.url.startswith(reverse("wagtailadmin_home")):
                urls.add(item.url)

    for menu in (admin_menu, reports_menu, settings_menu):
        collect(menu.registered_menu_items)
    return urls


# Screens a role may open though its menu does not offer them: Wagtail offers "Site history"
# only to those with page permissions (its menu item's own rule), and its view lets every
# admin user in to an empty or own-scope listing.
HIDDEN_BUT_OPEN = {"wagtailadmin_reports:site_history"}


def opens(client, url) -> bool:
    response = client.get(url)
    assert response.status_code < 500, f"{url}: {response.status_code}"
    if response.status_code == 302:
        # The explorer sends a user to the top of their part of the tree: it opens there.
        target = response["Location"]
        refused = target == reverse("wagtailadmin_home") or target.startswith(
            reverse("wagtailadmin_login")
        )
        return not refused and client.get(target).status_code == 200
    return response.status_code == 200


@pytest.mark.parametrize("role", smoke.ROLES_UNDER_TEST, ids=lambda r: r.value)
def test_shown_items_open_and_hidden_items_are_refused(role, client):
    client.force_login(smoke.actor(role).user)
    shown = admin_items(client)
    assert shown, f"{role.value} has an empty menu"
    for labels, url in shown.items():
        assert opens(client, url), f"{role.value} is offered {' › '.join(labels)} ({url})"
    hidden = registered_urls() - set(shown.values())
    hidden -= {reverse(name) for name in HIDDEN_BUT_OPEN}
    for url in sorted(hidden):
        assert not opens(client, url), f"{role.value} may open {url} but is not offered it"


# What each role's menu offers at its top level (of the sections that not everyone gets),
# following cms/roles.py: e.g. experts read their own organisation's agreement monitoring
# (VIEW_OWN_MONITORING) and create personal API tokens (Settings), provider roles never see
# the monitoring, only members managers see Members.
SECTIONS = (
    "Pages",
    "Contacts",
    "Images",
    "Documents",
    "Taxonomies",
    "Organisations",
    "Members",
    "Agreement monitoring",
    "Reports",
    "Settings",
)
EXPECTED_SECTIONS = {
    Role.MAINTAINER: set(SECTIONS),
    Role.MUNICIPALITY_MAIN_USER: {
        "Pages",
        "Contacts",
        "Images",
        "Documents",
        "Members",
        "Agreement monitoring",
        "Reports",
        "Settings",
    },
    Role.PRODUCER: {
        "Pages",
        "Contacts",
        "Images",
        "Documents",
        "Agreement monitoring",
        "Reports",
        "Settings",
    },
    Role.EXPERT: {"Agreement monitoring", "Reports", "Settings"},
    Role.PROVIDER_MAIN_USER: {"Pages", "Images", "Documents", "Members", "Reports", "Settings"},
    Role.PROVIDER_EDITOR: {"Pages", "Images", "Documents", "Reports", "Settings"},
    Role.TRANSLATOR: {"Pages", "Reports", "Settings"},
}


@pytest.mark.parametrize("role", smoke.ROLES_UNDER_TEST, ids=lambda r: r.value)
def test_menu_sections_per_role(role, client):
    client.force_login(smoke.actor(role).user)
    top = {labels[0] for labels, _url in sidebar(client)}
    assert top & set(SECTIONS) == EXPECTED_SECTIONS[role]
