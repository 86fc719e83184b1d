"""Registrations only: views, viewsets, menu items and report guards live in their own
modules (DESIGN.md convention 11)."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks

from .admin_menu import MenuItemFor, has_permission, hide_unusable_items
from .outbox_admin import VIEW_OUTBOX, OutgoingEmailViewSet
from .views import COST_SHARES_PERMISSION, cost_shares
from .viewsets import (
    REVOKE_ACTION,
    ApiTokenViewSet,
    InvitationViewSet,
    MembershipViewSet,
    OrganisationViewSet,
)


@hooks.register("register_admin_viewset")
def register_viewsets():
    return [
        OrganisationViewSet("organisations"),
        MembershipViewSet("members"),
        InvitationViewSet("member-invitations"),
        ApiTokenViewSet("api-tokens"),
        OutgoingEmailViewSet("outbox"),
    ]


@hooks.register("register_log_actions")
def register_api_token_log_actions(actions):
    actions.register_action(REVOKE_ACTION, _("Revoke API token"), _("API token revoked"))


@hooks.register("register_admin_urls")
def register_cost_shares_url():
    return [path("cost-shares/", cost_shares, name="cms_cost_shares")]


@hooks.register("register_settings_menu_item")
def register_cost_shares_menu_item():
    return MenuItemFor(
        _("Cost shares"),
        reverse("cms_cost_shares"),
        icon_name="group",
        order=100,
        shown_to=has_permission(COST_SHARES_PERMISSION),
    )


@hooks.register("register_reports_menu_item")
def register_outbox_menu_item():
    return MenuItemFor(
        _("Outgoing e-mail"),
        reverse("outbox:index"),
        icon_name="mail",
        order=900,
        shown_to=has_permission(VIEW_OUTBOX),
    )


# Last, after every app's own menu hooks: an item is shown only when its view admits the user.
for _menu_hook in ("construct_main_menu", "construct_reports_menu", "construct_settings_menu"):
    hooks.register(_menu_hook, hide_unusable_items, order=1000)
