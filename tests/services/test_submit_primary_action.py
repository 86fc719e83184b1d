"""Submitting to the municipal review is a provider editor's main button (issue 17);
those who publish keep publishing first."""

import re

import pytest
from django.urls import reverse

from services.submit_first import submit_is_primary

pytestmark = pytest.mark.django_db


def footer_buttons(html: str) -> list[str]:
    """The names of the action menu's buttons, the default one first."""
    footer = html[html.index('<footer class="footer') :]
    footer = footer[: footer.index("</footer>")]
    return re.findall(r'<button[^>]*\bname="([^"]+)"', footer)


def edit(client, page):
    return client.get(reverse("wagtailadmin_pages:edit", args=[page.pk]), HTTP_ACCEPT_LANGUAGE="fi")


def test_provider_editor_submits_first(login, services):
    page = services("helsinki")
    response = edit(login(f"{page.provider.slug}-editor"), page)
    assert response.status_code == 200
    menu = response.context["action_menu"]
    assert menu.default_item.name == "action-submit"
    assert "action-publish" not in [item.name for item in menu.menu_items]
    # Save draft is still there, in the menu.
    assert "action-save-draft" in [item.name for item in menu.menu_items]
    buttons = footer_buttons(response.content.decode())
    assert buttons[0] == "action-submit", buttons
    assert "Lähetä" in response.context["action_menu"].default_item.render_html(
        response.context["action_menu"].context
    )


def test_provider_editor_creating_a_service_submits_first(login, services):
    page = services("espoo")
    client = login(f"{page.provider.slug}-editor")
    parent = page.get_parent()
    response = client.get(
        reverse("wagtailadmin_pages:add", args=["services", "servicepage", parent.pk]),
        HTTP_ACCEPT_LANGUAGE="fi",
    )
    assert response.status_code == 200
    assert response.context["action_menu"].default_item.name == "action-submit"


def test_producer_keeps_publish_first(login, services):
    page = services("helsinki")
    response = edit(login("helsinki-producer"), page)
    menu = response.context["action_menu"]
    names = [menu.default_item.name] + [item.name for item in menu.menu_items]
    # Their first action is theirs (services.action_menu orders it), never submitting.
    assert "action-publish" in names
    assert menu.default_item.name != "action-submit"


class Item:
    def __init__(self, name):
        self.name = name


def test_the_rule():
    assert submit_is_primary([Item("action-save-draft"), Item("action-submit")])
    assert not submit_is_primary([Item("action-publish"), Item("action-submit")])
    assert not submit_is_primary([Item("action-save-draft")])
