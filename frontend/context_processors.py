"""What every frontend page shows around its content: the content pages of the menu and the
footer (includes/site_menu.html, includes/site_footer.html).

`site_navigation(request)` gives templates `site_navigation`, read only when a template
uses it (the admin's pages, rendered with the same context processors, never do). Its data
is the `site-menu` document (graphql/queries/site-menu.graphql): the same for every visitor
(public, live pages only), so it is kept in Django's cache per locale for
settings.FRONTEND_MENU_CACHE_SECONDS (default 300): most pages spend no API request on it,
the others one. When the API fails the page is shown without these links (logged), and
the failure is not cached.

The links' addresses are reversed when the menu is read and cached with it (per locale, so
with that locale's prefix): a page renders its shell without reversing a URL per link. The
footer, the same on every page of a locale, is cached rendered (`footer_html`), unless the
menu could not be read.
"""

import logging
from dataclasses import dataclass, field
from functools import cached_property

from django.conf import settings
from django.core.cache import cache
from django.template.loader import render_to_string
from django.urls import NoReverseMatch, reverse

from cms import cache_generation

from . import api
from .views import locale

logger = logging.getLogger(__name__)

DEFAULT_SECONDS = 300
# Stored with the publication generation (cms.cache_generation set_fresh / get_fresh: one
# cache read each): a publication refreshes the menu and the footer.
CACHE_KEY = "frontend:site-menu:v4:{locale}"
FOOTER_KEY = "frontend:site-footer:v2:{locale}"
FOOTER_TEMPLATE = "frontend/includes/site_footer.html"


def cache_seconds() -> int:
    return int(getattr(settings, "FRONTEND_MENU_CACHE_SECONDS", DEFAULT_SECONDS))


def cache_key(code: str) -> str:
    return CACHE_KEY.format(locale=code)


def footer_key(code: str) -> str:
    return FOOTER_KEY.format(locale=code)


def forget() -> None:
    """Drop the cached menus and footers of every locale (tests; after editing pages in this
    process)."""
    codes = [code for code, _name in settings.LANGUAGES]
    cache.delete_many([cache_key(code) for code in codes] + [footer_key(code) for code in codes])


# The shell's own addresses (base.html, staff/base.html): {name in templates: URL name}.
SHELL_URLS = {
    "home": "frontend:home",
    "services": "frontend:services",
    "favourites": "frontend:favourites",
    "lists": "frontend:lists",
    "change_requests": "frontend:change_requests",
    "login": "wagtailadmin_login",
    "logout": "wagtailadmin_logout",
}


def _shell_urls() -> dict[str, str]:
    """SHELL_URLS reversed in the current language ("" for a route this deployment does
    not have: the staff view's, when the frontend runs apart from the CMS)."""
    urls = {}
    for key, name in SHELL_URLS.items():
        try:
            urls[key] = reverse(name)
        except NoReverseMatch:
            urls[key] = ""
    return urls


def _link(item) -> dict:
    organisation = item.get("organisation") or {}
    return {
        "slug": item["slug"],
        "url": reverse("frontend:page", args=[item["slug"]]),
        "title": item["title"],
        "kind": item["kind"],
        "lang": item["locale"] if item.get("isFallback") else "",
        "organisation": organisation.get("name", ""),
    }


def shape(data) -> dict:
    """The `site-menu` answer as plain data (what is cached): the menu's links, and the
    footer's in three groups: help, about the service (about, accessibility statement)
    and the partners' privacy notices, by partner name."""
    footer = [_link(item) for item in data["footer"]["items"]]
    return {
        "urls": _shell_urls(),
        "news_url": reverse("frontend:news"),
        "privacy_url": reverse("frontend:privacy"),
        "menu": [_link(item) for item in data["menu"]["items"]],
        "help": [link for link in footer if link["kind"] in ("help", "news", "bulletin")],
        "about": [link for link in footer if link["kind"] in ("about", "accessibility")],
        "privacy": sorted(
            (link for link in footer if link["kind"] == "privacy"),
            key=lambda link: (link["organisation"] or link["title"]).casefold(),
        ),
    }


@dataclass
class SiteNavigation:
    """The content pages of the menu and the footer, read on first use."""

    request: object
    failed: bool = field(default=False, init=False)

    @cached_property
    def _data(self) -> dict:
        code = locale(self.request)
        key = cache_key(code)
        data, generation = cache_generation.get_fresh(key)
        if data is None:
            try:
                data = shape(api.query(self.request, "site-menu", {"locale": code}))
            except (api.ApiError, KeyError, TypeError) as error:
                logger.warning("The site menu could not be read (%s): shown without it.", error)
                self.failed = True
                return shape({"menu": {"items": []}, "footer": {"items": []}})
            cache_generation.set_fresh(key, data, generation, cache_seconds())
        return data

    @property
    def menu(self) -> list[dict]:
        return self._data["menu"]

    @property
    def help(self) -> list[dict]:
        return self._data["help"]

    @property
    def about(self) -> list[dict]:
        return self._data["about"]

    @property
    def privacy(self) -> list[dict]:
        return self._data["privacy"]

    @cached_property
    def footer_html(self) -> str:
        """The footer (FOOTER_TEMPLATE) rendered in the current language, from the cache."""
        key = footer_key(locale(self.request))
        html, generation = cache_generation.get_fresh(key)
        if html is None:
            html = render_to_string(FOOTER_TEMPLATE, {"site_navigation": self})
            if not self.failed:
                cache_generation.set_fresh(key, html, generation, cache_seconds())
        return html

    @property
    def urls(self) -> dict[str, str]:
        return self._data["urls"]

    @property
    def news_url(self) -> str:
        return self._data["news_url"]

    @property
    def privacy_url(self) -> str:
        return self._data["privacy_url"]


def site_navigation(request) -> dict:
    return {"site_navigation": SiteNavigation(request)}
