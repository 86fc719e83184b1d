"""Registrations only (DESIGN.md convention 11): the admin's link to the privacy notices
(admin_menu.py)."""

from wagtail import hooks

from .admin_menu import PrivacyNoticesMenuItem


@hooks.register("register_admin_menu_item")
def register_privacy_notices_menu_item():
    return PrivacyNoticesMenuItem()
