"""What a service page gives the search index (search/registry.py), and nothing else.

A service is indexed when the public API lists it (live, not under a view restriction, not a
translation of a restricted Finnish service: `cms.api.access.public_filter`'s rule), in
every reader's locale it is listed in: its own, and, for a Finnish service, Swedish and
English too where it has no public translation (the fallback). Its public texts only:

- title; short description;
- taxonomy labels (category, audiences, client situations, target groups, employment
  statuses, implementation types, accessibility) in the page's language and in the
  reader's;
- body: the description stream (headings, paragraphs, notices), target group description,
  participation, requirements, benefits, implementation details, price details, the time
  and place texts (place names, cities, more information) and the titles and descriptions
  of public links;
- names: provider and responsible municipality, service languages and the municipalities
  of residence, in the page's language and the reader's.

Never the internal information, attachments (their documents may be restricted), contacts,
drafts or archived services. `ServicesConfig.ready` registers `SOURCE`; services/signals.py
calls `search.indexer.update` when a service or what it shows changes.
"""

from __future__ import annotations

import html
import re
from collections import defaultdict
from collections.abc import Iterable, Iterator

from django.conf import settings
from django.db.models import Q
from wagtail.models import Locale, Page, PageViewRestriction

from search.registry import Document, Listing, Term, Text

from .models import Language, ServicePage
from .vocabularies import BY_KEY

SOURCE_LOCALE = settings.LANGUAGE_CODE
CHUNK = 500
TAG = re.compile(r"<[^>]+>")

# Relations whose term labels are indexed as labels, and as names.
LABEL_RELATIONS = (
    "audiences",
    "client_situations",
    "target_groups",
    "employment_statuses",
    "implementation_types",
    "accessibility",
)
NAME_RELATIONS = ("participating_municipalities",)
# The vocabularies offered as autocomplete terms.
SUGGESTED_VOCABULARIES = (
    "service_category",
    "client_situation",
    "target_group",
    "audience",
    "implementation_type",
    "service_accessibility",
    "employment_status",
)


def plain(value: str) -> str:
    """The text of an HTML fragment (rich text)."""
    return html.unescape(TAG.sub(" ", value or ""))


def public_services():
    """Live service pages the public API lists: `cms.api.access.public_filter` without a
    request (the same paths rule)."""
    pages = ServicePage.objects.live()
    paths = list(PageViewRestriction.objects.values_list("page__path", flat=True))
    if not paths:
        return pages
    under = Q()
    for path in paths:
        under |= Q(path__startswith=path)
    private_sources = Page.objects.filter(under, locale__language_code=SOURCE_LOCALE).values(
        "translation_key"
    )
    return pages.exclude(under).exclude(translation_key__in=private_sources)


class Labels:
    """Every taxonomy term's name per locale, read once per indexing run."""

    def __init__(self):
        self.key: dict[tuple[type, int], object] = {}
        self.names: dict[tuple[type, object], dict[str, str]] = defaultdict(dict)
        for vocabulary in BY_KEY.values():
            model = vocabulary.model
            for pk, key, code, name in model.objects.values_list(
                "pk", "translation_key", "locale__language_code", "name"
            ):
                self.key[(model, pk)] = key
                self.names[(model, key)][code] = name

    def name(self, model, pk, code) -> str | None:
        key = self.key.get((model, pk))
        return self.names.get((model, key), {}).get(code) if key is not None else None


def _description_texts(raw) -> list[str]:
    out = []
    for block in raw or []:
        value = block.get("value")
        if block.get("type") == "notice" and isinstance(value, dict):
            out.append(plain(value.get("text", "")))
        elif isinstance(value, str):
            out.append(plain(value))
    return out


def _time_and_place_texts(raw) -> list[str]:
    out = []
    for block in raw or []:
        value = block.get("value")
        if not isinstance(value, dict):
            continue
        out.append(value.get("info") or "")
        for location in value.get("locations") or []:
            if isinstance(location, dict):
                out += [location.get("name") or "", location.get("city") or ""]
    return out


def _link_texts(raw) -> list[str]:
    out = []
    for block in raw or []:
        value = block.get("value")
        if block.get("type") == "link" and isinstance(value, dict):
            out += [value.get("title") or "", value.get("description") or ""]
    return out


def _organisation_name(organisation, code) -> str:
    if organisation is None:
        return ""
    if code == SOURCE_LOCALE:
        return organisation.name
    return getattr(organisation, f"name_{code}", "") or ""


class ServiceSource:
    name = "services"

    def group(self, page_ids: Iterable[int]) -> set[int]:
        keys = ServicePage.objects.filter(pk__in=list(page_ids)).values("translation_key")
        return set(
            ServicePage.objects.filter(translation_key__in=keys).values_list("pk", flat=True)
        )

    def count(self) -> int:
        """How many documents `documents()` gives (for a progress bar)."""
        return public_services().count()

    def documents(self, page_ids: Iterable[int] | None = None) -> Iterator[Document]:
        public = public_services()
        if page_ids is not None:
            keys = ServicePage.objects.filter(pk__in=list(page_ids)).values("translation_key")
            public = public.filter(translation_key__in=keys)
        listed: dict[object, set[str]] = defaultdict(set)
        for key, code in public.values_list("translation_key", "locale__language_code"):
            listed[key].add(code)
        readers = sorted(Locale.objects.values_list("language_code", flat=True))
        labels = Labels()
        ids = list(public.order_by("pk").values_list("pk", flat=True))
        for start in range(0, len(ids), CHUNK):
            pages = (
                ServicePage.objects.filter(pk__in=ids[start : start + CHUNK])
                .select_related(
                    "locale", "service_category", "provider", "responsible_municipality"
                )
                .prefetch_related(*LABEL_RELATIONS, *NAME_RELATIONS, "languages")
                .order_by("pk")
            )
            for page in pages:
                yield self.document(page, listed[page.translation_key], readers, labels)

    def document(self, page, listed: set[str], readers: list[str], labels: Labels) -> Document:
        lang = page.locale.language_code
        texts = [Text("short", page.short_description, lang)]
        body = _description_texts(page.description.raw_data)
        body += [plain(page.target_group_description), plain(page.participation)]
        body += [plain(page.requirements), plain(page.benefits)]
        body += [page.implementation_text, page.price_description]
        body += _time_and_place_texts(page.time_and_place.raw_data)
        body += _link_texts(page.resources.raw_data)
        texts += [Text("body", t, lang) for t in body if t and t.strip()]
        texts += self.labels(page, lang, labels)
        listings = [Listing(lang)]
        if lang == SOURCE_LOCALE:
            for code in readers:
                if code != lang and code not in listed:
                    listings.append(Listing(code, True, self.labels(page, code, labels)))
        dates = [d for d in (page.last_published_at, page.verified_at) if d]
        return Document(
            page_id=page.pk,
            lang=lang,
            title=page.title,
            texts=texts,
            listings=listings,
            boost=float(page.search_boost or 0),
            updated=max(dates).date() if dates else None,
        )

    def labels(self, page, code: str, labels: Labels) -> list[Text]:
        """The page's taxonomy labels and names in the locale `code`."""
        out = []
        terms = [page.service_category] if page.service_category_id else []
        for relation in LABEL_RELATIONS:
            terms += list(getattr(page, relation).all())
        for term in terms:
            name = labels.name(type(term), term.pk, code)
            if name:
                out.append(Text("labels", name, code))
        names = [
            _organisation_name(page.provider, code),
            _organisation_name(page.responsible_municipality, code),
        ]
        for relation in NAME_RELATIONS:
            names += [labels.name(type(t), t.pk, code) for t in getattr(page, relation).all()]
        names += [labels.name(Language, sl.language_id, code) for sl in page.languages.all()]
        out += [Text("names", name, code) for name in names if name]
        return out

    def terms(self) -> Iterator[Term]:
        for key in SUGGESTED_VOCABULARIES:
            model = BY_KEY[key].model
            for code, name in model.objects.values_list("locale__language_code", "name"):
                if name:
                    yield Term(code, name)

    def lexicon_texts(self, lang: str) -> Iterable[str]:
        rows = (
            public_services()
            .filter(locale__language_code=lang)
            .values_list("title", "short_description")
        )
        return [f"{title} {short}" for title, short in rows]


SOURCE = ServiceSource()
