"""Registrations only: views and buttons live in their own modules (DESIGN.md convention 11)."""

from django.urls import path
from wagtail import hooks

from . import admin_language, buttons, editor, panels, views


@hooks.register("register_admin_urls")
def translation_urls():
    return [
        path(
            "translations/<int:page_id>/submit/",
            views.submit_translation,
            name="translations_submit",
        )
    ]


hooks.register("register_page_listing_more_buttons", buttons.submit_translation_button)
# wagtail-localize's listing buttons are replaced by ours (translations.buttons).
buttons.unregister_localize_listing_buttons()
hooks.register("register_page_listing_more_buttons", buttons.localize_listing_buttons)

# The translator's editor: no "Convert to alias page" (translations.editor).
hooks.register("construct_page_action_menu", editor.hide_convert_to_alias)
hooks.register("construct_homepage_panels", panels.translation_work_panel)

# wagtail-localize's editor heading in the admin's language (translations.admin_language).
hooks.register("insert_editor_js", admin_language.editor_heading_script)
