"""Translation buttons of the page explorer (registered in wagtail_hooks.py).

wagtail-localize's "Translate this page" / "Sync translated pages" listing buttons are
replaced by `localize_listing_buttons`, with the same rules read once per listing
(translations.listing) instead of with two or three queries per row. Its page header
buttons (one page) stay as they are.
"""

from functools import cache
from urllib.parse import urlencode

from django.conf import settings
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail.admin.widgets.button import Button, ListingButton
from wagtail.models import Locale

from .listing import facts_for
from .workflow import SUBMIT_TRANSLATION, can_submit


@cache
def source_locale_id():
    return Locale.objects.get(language_code=settings.LANGUAGE_CODE).pk


def submit_translation_button(page, user, next_url=None, **kwargs):
    """On a translated page in the explorer: send the translation to municipal review."""
    # Source pages (most rows) cost no query; translated rows share one per listing.
    if page.locale_id == source_locale_id() or not facts_for(page, user).is_translation(page):
        return
    if not can_submit(user, page):
        return
    url = reverse("translations_submit", args=[page.pk])
    yield Button(
        _("Submit translation for review"),
        url,
        icon_name="resubmit",
        priority=15,
        attrs={
            "data-controller": "w-action",
            "data-action": "w-action#post",
            "data-w-action-url-value": url,
        },
    )


def localize_listing_buttons(page, user, view_name=None, next_url=None, **kwargs):
    """wagtail-localize's listing buttons, one listing-wide read instead of per-row queries."""
    if page.is_root() or not user.has_perm(SUBMIT_TRANSLATION):
        return
    facts = facts_for(page, user)
    if facts.has_locale_to_translate_to(page):
        yield ListingButton(
            _("Translate this page"),
            # an alias is translated through the page it mirrors
            reverse("wagtail_localize:submit_page_translation", args=[page.alias_of_id or page.id]),
            priority=60,
            icon_name="wagtail-localize-language",
        )
    source_id = facts.sync_source_id(page)
    if source_id is not None:
        url = reverse("wagtail_localize:update_translations", args=[source_id])
        if next_url is not None:
            url += "?" + urlencode({"next": next_url})
        yield ListingButton(_("Sync translated pages"), url, priority=60, icon_name="resubmit")


def unregister_localize_listing_buttons() -> None:
    """Take wagtail-localize's own listing buttons out of Wagtail's hook registry
    (`localize_listing_buttons` replaces them)."""
    from wagtail import hooks
    from wagtail_localize import wagtail_hooks as localize_hooks

    hooks._hooks["register_page_listing_more_buttons"] = [
        (fn, order)
        for fn, order in hooks._hooks.get("register_page_listing_more_buttons", [])
        if fn is not localize_hooks.page_listing_more_buttons
    ]
