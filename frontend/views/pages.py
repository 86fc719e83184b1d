"""Content pages (help, news and bulletins, privacy notices, the accessibility statement,
about), edited in the CMS (content/, docs/content-pages.md).

- `/pages/<slug>/` (`page`): one page, `content-page`, one request. A page not translated
  into the language of the address is shown in Finnish (marked `lang="fi"`, with a note).
  A slug of another language (the language switcher keeps the path) redirects to the
  page's own address in this language.
- `/news/` (`news`): news and bulletins, newest first, `content-pages`, one request;
  `?kind=news|bulletin` narrows it, `?page=` pages it.
- `/privacy/` (`privacy`): the partners' privacy notices (linked from the footer and the
  admin), `content-pages`, one request.

The menu and the footer (frontend/context_processors.py) add at most one request more.
Anonymous answers may be cached (`Cache-Control: public`, an `ETag`: frontend/caching.py).
Bad parameters answer 400 with the list shown as without them; a page past the last 404.
"""

import datetime as dt
import math

from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .. import api
from ..caching import cache_page_for_visitors
from . import locale

NEWS_PAGE_SIZE = 10
MAX_PAGE = 1000
NEWS_KINDS = {
    "news": gettext_lazy("News"),
    "bulletin": gettext_lazy("Bulletins"),
}


def _date(value):
    try:
        return dt.date.fromisoformat(value) if value else None
    except ValueError:
        return None


def _item(item: dict) -> dict:
    """A page of the API as the templates read it: its date a date, its language when it
    is not the address's, its body blocks with their `type` (templates cannot read
    `__typename`)."""
    out = {**item, "date": _date(item.get("date")), "lang": _lang(item)}
    if "body" in item:
        out["body"] = [{**block, "type": block.get("__typename", "")} for block in item["body"]]
    return out


def _lang(item: dict) -> str:
    """The `lang` of a page shown in another language than the address's (its fallback)."""
    return item["locale"] if item.get("isFallback") else ""


def _failure(request, error, template, context):
    """An API refusal (400) or an API that cannot be reached (503), on the page's template."""
    status = 400 if error.code == "BAD_USER_INPUT" else 503
    message = (
        _("The page could not be read: %(reason)s") % {"reason": error}
        if status == 400
        else _("The service manual cannot be reached right now. Please try again shortly.")
    )
    return render(request, template, {**context, "failure": message}, status=status)


@cache_page_for_visitors
def page(request, slug):
    template = "frontend/pages/page.html"
    try:
        data = api.query(request, "content-page", {"slug": slug, "locale": locale(request)})
    except api.ApiError as error:
        return _failure(request, error, template, {"page": None})
    found = data.get("contentPage")
    if not found:
        message = _("There is no such page. It may have been removed or renamed.")
        return render(request, template, {"page": None, "failure": message}, status=404)
    if found["slug"] != slug and not found["isFallback"]:
        return redirect("frontend:page", slug=found["slug"])
    return render(request, template, {"page": _item(found)})


def _page_number(raw: str | None, problems: list[str]) -> int:
    if raw in (None, ""):
        return 1
    try:
        number = int(raw)
    except ValueError:
        number = 0
    if not 1 <= number <= MAX_PAGE:
        problems.append(
            _("The page number must be a whole number from 1 to %(max)s.") % {"max": MAX_PAGE}
        )
        return 1
    return number


@cache_page_for_visitors
def news(request):
    template = "frontend/pages/news.html"
    problems = []
    kind = request.GET.get("kind", "")
    if kind and kind not in NEWS_KINDS:
        problems.append(_("Unknown kind %(kind)s: showing news and bulletins.") % {"kind": kind})
        kind = ""
    number = _page_number(request.GET.get("page"), problems)
    context = {
        "kind": kind,
        "kinds": [{"value": value, "label": label} for value, label in NEWS_KINDS.items()],
        "problems": problems,
    }
    variables = {
        "locale": locale(request),
        "kind": [kind] if kind else list(NEWS_KINDS),
        "orderBy": "NEWEST",
        "limit": NEWS_PAGE_SIZE,
        "offset": (number - 1) * NEWS_PAGE_SIZE,
    }
    try:
        data = api.query(request, "content-pages", variables)["contentPages"]
    except api.ApiError as error:
        return _failure(request, error, template, context)
    total = data["totalCount"]
    last = max(1, math.ceil(total / NEWS_PAGE_SIZE))
    base = reverse("frontend:news") + (f"?kind={kind}&" if kind else "?")
    if number > last:
        context["failure"] = _("There is no page %(page)s: the last page is %(last)s.") % {
            "page": number,
            "last": last,
        }
        context["last_url"] = f"{base}page={last}"
        return render(request, template, context, status=404)
    context.update(
        {
            "items": [_item(item) for item in data["items"]],
            "total": total,
            "page_number": number,
            "last_page": last,
            "previous_url": f"{base}page={number - 1}" if number > 1 else "",
            "next_url": f"{base}page={number + 1}" if number < last else "",
        }
    )
    return render(request, template, context, status=400 if problems else 200)


@cache_page_for_visitors
def privacy(request):
    template = "frontend/pages/privacy.html"
    variables = {"locale": locale(request), "kind": ["privacy"], "limit": 100}
    try:
        data = api.query(request, "content-pages", variables)["contentPages"]
    except api.ApiError as error:
        return _failure(request, error, template, {})
    items = sorted(
        (_item(item) for item in data["items"]),
        key=lambda item: ((item.get("organisation") or {}).get("name") or item["title"]).casefold(),
    )
    return render(request, template, {"items": items})


urlpatterns = [
    path("pages/<slug:slug>/", page, name="page"),
    path("news/", news, name="news"),
    path("privacy/", privacy, name="privacy"),
]
