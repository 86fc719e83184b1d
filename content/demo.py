"""Demo data of the content pages, built by `seed_demo` (`DemoBuilder.build`).

The content index in every locale and the pages of `content.demo_content`: help (how to use
the manual, and for service providers), "about", the accessibility statement, a news item, a
bulletin, an older news item in Finnish only (Swedish and English readers get it with
`isFallback`), and a privacy notice for each partner of the demo world (Finnish and Swedish;
English readers get the Finnish one). Translations go through wagtail-localize like the
policies'.

Deterministic and idempotent like the rest of the demo: pages are found by their slug in the
index and only what is missing is created; dates are relative to the builder's anchor.
"""

import datetime as dt
import html

from django.db import transaction
from django.utils import timezone

from cms.models import Organisation
from translations.locales import ensure_locales
from translations.localize import translate

from .demo_content import PAGES
from .models import ContentPage
from .setup import ensure_content_index


def _texts(page):
    """(Finnish text, {locale: text}) of every segment of a page spec."""
    yield page["title"]
    yield page["summary"]
    yield page["slug"]
    for block in page["body"]:
        kind, value = block[0], block[-1]
        if kind == "ul":
            yield from value
        else:
            yield value


def _rich(text: str, tag: str = "p") -> str:
    return f"<{tag}>{html.escape(text, quote=False)}</{tag}>"


def stream(body) -> list[dict]:
    """The Finnish body as StreamField data."""
    out = []
    for block in body:
        kind = block[0]
        if kind == "h":
            out.append({"type": "heading", "value": block[1]["fi"]})
        elif kind == "p":
            out.append({"type": "paragraph", "value": _rich(block[1]["fi"])})
        elif kind == "ul":
            items = "".join(_rich(item["fi"], "li") for item in block[1])
            out.append({"type": "paragraph", "value": f"<ul>{items}</ul>"})
        elif kind == "notice":
            out.append(
                {"type": "notice", "value": {"kind": block[1], "text": _rich(block[2]["fi"])}}
            )
    return out


class ContentDemo:
    def __init__(self, builder):
        self.report = builder.report
        self.today = timezone.localtime(builder.anchor).date()

    def build(self):
        with transaction.atomic():
            self.locales = ensure_locales()
            self.index = ensure_content_index()
            organisations = {org.slug: org for org in Organisation.objects.all()}
            for spec in PAGES:
                if spec.get("organisation") and spec["organisation"] not in organisations:
                    continue  # not the demo's partners: no notice for them
                page = ContentPage.objects.child_of(self.index).filter(slug=spec["slug"]["fi"])
                page = page.first() or self.create(spec, organisations)
                self.translate(page, spec)

    def create(self, spec, organisations) -> ContentPage:
        page = self.index.add_child(
            instance=ContentPage(
                title=spec["title"]["fi"],
                slug=spec["slug"]["fi"],
                locale=self.index.locale,
                kind=spec["kind"],
                date=self.today - dt.timedelta(days=spec["days_ago"]),
                organisation=organisations.get(spec.get("organisation")),
                summary=spec["summary"]["fi"],
                body=stream(spec["body"]),
                show_in_menus=spec["menu"],
                show_in_footer=spec["footer"],
            )
        )
        page.save_revision().publish()
        self.report.add("content pages")
        return page

    def translate(self, page, spec):
        for code in ("sv", "en"):
            if code not in spec["title"] or page.get_translation_or_none(self.locales[code]):
                continue
            strings = {t["fi"]: t[code] for t in _texts(spec) if code in t}
            target = translate(page, self.locales[code], strings, publish=False)
            # Published here, in this transaction (wagtail-localize would on commit).
            target.get_latest_revision().publish()
            self.report.add("content pages")


def build_content_demo(builder) -> None:
    """Called by `DemoBuilder.build()`."""
    ContentDemo(builder).build()
