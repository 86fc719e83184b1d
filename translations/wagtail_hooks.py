from functools import cache

from django.conf import settings
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.widgets.button import Button
from wagtail.models import Locale

from . import views
from .workflow import can_submit, translation_into


@hooks.register("register_admin_urls")
def translation_urls():
    return [
        path(
            "translations/<int:page_id>/submit/",
            views.submit_translation,
            name="translations_submit",
        )
    ]


@cache
def source_locale_id():
    return Locale.objects.get(language_code=settings.LANGUAGE_CODE).pk


@hooks.register("register_page_listing_more_buttons")
def submit_translation_button(page, user, next_url=None, **kwargs):
    """On a translated page in the explorer: send the translation to municipal review."""
    # Source pages (most rows) cost no query; translated rows a few.
    if page.locale_id == source_locale_id() or translation_into(page) is None:
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
