"""Home (browse), the search and results page, and the search box's suggestions.

Every page reads the API through frontend.api with the documents of graphql/queries/:

- `/` (home): `catalogue-home`, one request: the ways to browse with their counts;
- `/services/` (results): `catalogue-search` (the page of results and the facet counts),
  and `taxonomies` (which filter values exist, and their labels) when the cache does not
  have it (`filter_vocabularies`);
- `/services/suggest/?q=` (JSON for the search box's autosuggest): `suggest`.

The results page is a GET form: every state is in its URL (`q`, one parameter per filter,
`sort`, `page`), so any result can be shared and works without JavaScript. A parameter
that is not valid (an age that is not a number, an unknown filter value, a page that is
not a number) is left out with a message saying so, and the page answers 400; a page past
the last answers 404 with a link to the last one. The API is never sent what it would
refuse.
"""

import datetime as dt
import math
import unicodedata
from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.http import JsonResponse
from django.shortcuts import render
from django.urls import path, reverse
from django.utils import formats, timezone
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _

from cms import cache_generation

from .. import api
from ..caching import cache_page_for_visitors, cache_seconds
from . import locale

PAGE_SIZE = 20
MAX_TEXT = 200  # the API's limit of a search text
MAX_PAGE = 5000  # offset at most 100,000 (the API's limit)
MIN_AGE, MAX_AGE = 0, 130  # the API's range of `age`
SUGGESTIONS = 8

# With the publication generation (cms.cache_generation): a term or publication refreshes it.
VOCABULARY_CACHE_KEY = "frontend:vocabularies:v2:{locale}"  # with the generation (set_fresh)

# The demo catalogue's audiences (graphql/queries/catalogue-home.graphql's defaults).
JOB_SEEKER, EMPLOYER = "job-seeker", "employer"


@dataclass(frozen=True)
class ListFilter:
    """A filter of several values: `?<param>=a&<param>=b` → ServiceFilter.<field>: [a, b]."""

    param: str
    field: str  # of ServiceFilter, and the facet of the same name
    vocabulary: str  # the alias in taxonomies.graphql
    legend: str


LIST_FILTERS = (
    ListFilter("audience", "audiences", "audiences", gettext_lazy("Audience")),
    ListFilter(
        "situation",
        "clientSituations",
        "situations",
        gettext_lazy("Life situation or service need"),
    ),
    ListFilter("group", "targetGroups", "targetGroups", gettext_lazy("Target group")),
    ListFilter("category", "serviceCategories", "categories", gettext_lazy("Service category")),
    ListFilter(
        "implementation",
        "implementationTypes",
        "implementationTypes",
        gettext_lazy("How it is carried out"),
    ),
    ListFilter("language", "serviceLanguages", "languages", gettext_lazy("Language")),
    ListFilter("accessibility", "accessibility", "accessibility", gettext_lazy("Accessibility")),
)
# The groups shown open without a choice in them.
OPEN_FILTERS = {"audience", "situation"}

SORTS = {
    "relevance": ("RELEVANCE", gettext_lazy("Relevance")),
    "title": ("TITLE", gettext_lazy("Title (A–Ö)")),
    "updated": ("LAST_PUBLISHED", gettext_lazy("Recently updated")),
}


@dataclass
class Choice:
    slug: str
    label: str
    count: int | None
    selected: bool


@dataclass
class FilterGroup:
    param: str
    legend: str
    choices: list[Choice]
    open: bool


@dataclass
class Search:
    """What the visitor asked for, read from the query string."""

    text: str = ""
    values: dict[str, list[str]] = field(default_factory=dict)  # param -> slugs
    municipality: str = ""
    age: int | None = None
    age_text: str = ""
    free: bool = False
    sort: str = ""
    page: int = 1
    problems: list[str] = field(default_factory=list)

    def api_filter(self) -> dict:
        out = {}
        for f in LIST_FILTERS:
            if self.values.get(f.param):
                out[f.field] = self.values[f.param]
        if self.municipality:
            out["municipalityOfResidence"] = self.municipality
        if self.age is not None:
            out["age"] = self.age
        if self.free:
            out["freeOnly"] = True
        return out

    def params(self, **changes) -> list[tuple[str, str]]:
        """The query string's pairs of this search, with `changes` (None drops a key)."""
        state = {
            "q": self.text,
            **{f.param: self.values.get(f.param, []) for f in LIST_FILTERS},
            "municipality": self.municipality,
            "age": "" if self.age is None else str(self.age),
            "free": "1" if self.free else "",
            "sort": self.sort,
            "page": str(self.page) if self.page > 1 else "",
        }
        state.update(changes)
        pairs = []
        for key, value in state.items():
            for v in value if isinstance(value, list) else [value]:
                if v not in (None, ""):
                    pairs.append((key, v))
        return pairs

    def url(self, **changes) -> str:
        query = urlencode(self.params(**changes))
        return reverse("frontend:services") + (f"?{query}" if query else "")

    @property
    def filtered(self) -> bool:
        return bool(self.api_filter())


def _clean_text(raw: str, problems: list[str]) -> str:
    text = "".join(" " if unicodedata.category(c) == "Cc" else c for c in raw)
    text = " ".join(text.split())
    if len(text) > MAX_TEXT:
        problems.append(
            _("The search text was shortened to its first %(count)s characters.")
            % {"count": MAX_TEXT}
        )
        text = text[:MAX_TEXT].rstrip()
    return text


def read_search(query, vocabularies) -> Search:
    """The search of a query string (a QueryDict); what is not valid is left out, each with
    a message in `problems`. `vocabularies`: {alias: {slug: name}} of taxonomies.graphql."""
    problems = []
    search = Search(text=_clean_text(query.get("q", ""), problems), problems=problems)
    for f in LIST_FILTERS:
        known = vocabularies.get(f.vocabulary, {})
        chosen = []
        for slug in query.getlist(f.param):
            slug = slug.strip()
            if not slug or slug in chosen:
                continue
            if slug in known:
                chosen.append(slug)
            else:
                problems.append(
                    _("%(legend)s “%(value)s” is not known: it was left out.")
                    % {"legend": f.legend, "value": slug[:60]}
                )
        search.values[f.param] = chosen
    municipality = query.get("municipality", "").strip()
    if municipality:
        if municipality in vocabularies.get("municipalities", {}):
            search.municipality = municipality
        else:
            problems.append(
                _("The municipality “%(value)s” is not known: it was left out.")
                % {"value": municipality[:60]}
            )
    age = query.get("age", "").strip()
    if age:
        search.age_text = age[:10]
        if age.isascii() and age.isdigit() and MIN_AGE <= int(age) <= MAX_AGE:
            search.age = int(age)
        else:
            problems.append(
                _(
                    "The age must be a whole number from %(min)s to %(max)s: “%(value)s” was left out."
                )
                % {"min": MIN_AGE, "max": MAX_AGE, "value": age[:10]}
            )
    search.free = query.get("free", "") not in ("", "0")
    sort = query.get("sort", "").strip()
    if sort and sort not in SORTS:
        problems.append(
            _("Unknown order “%(value)s”: the default order is used.") % {"value": sort[:30]}
        )
        sort = ""
    if sort == "relevance" and not search.text:
        sort = ""  # relevance needs a search text: the default order (by title)
    search.sort = sort
    page = query.get("page", "").strip()
    if page:
        if page.isascii() and page.isdigit() and 1 <= int(page) <= MAX_PAGE:
            search.page = int(page)
        else:
            problems.append(
                _("The page number “%(value)s” is not valid: the first page is shown.")
                % {"value": page[:10]}
            )
    return search


def filter_vocabularies(request, code) -> dict[str, dict[str, str]]:
    """{alias of taxonomies.graphql: {slug: name}}: which filter values exist, labelled in
    the locale. The same for every visitor, so kept in Django's cache per locale for
    settings.FRONTEND_CACHE_SECONDS (as long as a visitor's browser keeps the page): most
    results pages then spend one API request, catalogue-search. A failure is not kept."""
    key = VOCABULARY_CACHE_KEY.format(locale=code)
    found, generation = cache_generation.get_fresh(key)
    if found is None:
        data = api.query(request, "taxonomies", {"locale": code})
        found = {
            alias: {t["slug"]: t["name"] for t in terms or []} for alias, terms in data.items()
        }
        cache_generation.set_fresh(key, found, generation, cache_seconds())
    return found


def _groups(search, facets, vocabularies) -> list[FilterGroup]:
    """The filter groups: the facet's values with their counts; a chosen value that the
    list no longer counts stays, with a count of 0, so that it can be unchecked."""
    groups = []
    for f in LIST_FILTERS:
        chosen = search.values.get(f.param, [])
        choices = [
            Choice(v["slug"], v["label"], v["count"], v["slug"] in chosen)
            for v in facets.get(f.field) or []
        ]
        listed = {c.slug for c in choices}
        names = vocabularies.get(f.vocabulary, {})
        choices += [Choice(s, names.get(s, s), 0, True) for s in chosen if s not in listed]
        if choices:
            groups.append(
                FilterGroup(f.param, f.legend, choices, bool(chosen) or f.param in OPEN_FILTERS)
            )
    return groups


def _municipalities(search, facets, vocabularies) -> list[Choice]:
    counts = {v["slug"]: v["count"] for v in facets.get("municipalityOfResidence") or []}
    return [
        Choice(slug, name, counts.get(slug, 0), slug == search.municipality)
        for slug, name in sorted(vocabularies.get("municipalities", {}).items(), key=lambda i: i[1])
        if counts.get(slug) or slug == search.municipality
    ]


def _active(search, groups, municipalities) -> list[dict]:
    """The chosen filters as removable chips: label and the URL without it."""
    chips = []
    for group in groups:
        for c in group.choices:
            if c.selected:
                rest = [s for s in search.values[group.param] if s != c.slug]
                chips.append(
                    {"label": c.label, "url": search.url(**{group.param: rest, "page": None})}
                )
    for c in municipalities:
        if c.selected:
            chips.append(
                {
                    "label": _("Lives in %(municipality)s") % {"municipality": c.label},
                    "url": search.url(municipality=None, page=None),
                }
            )
    if search.age is not None:
        chips.append(
            {
                "label": _("Age %(age)s") % {"age": search.age},
                "url": search.url(age=None, page=None),
            }
        )
    if search.free:
        chips.append({"label": _("Free of charge"), "url": search.url(free=None, page=None)})
    return chips


# --- How a result's next time reads ---------------------------------------------------------
def _date(value):
    return dt.date.fromisoformat(value) if value else None


def _english() -> bool:
    return (get_language() or "fi").startswith("en")


def _day(value: dt.date) -> str:
    """Tue 14.1.2026 as written in Finland (also in Finland-Swedish); English spells the
    month so that 1.3. is not read as January 3rd."""
    return formats.date_format(value, "D j M Y" if _english() else "D j.n.Y")


def _clock(value: str | None) -> str:
    """HH:MM as 9.00 (fi, sv) or 9:00 (en)."""
    if not value:
        return ""
    hours, _sep, minutes = value.partition(":")
    return f"{int(hours)}{':' if _english() else '.'}{minutes}"


def next_time_text(next_time) -> dict | None:
    """{"when": ..., "where": ...} of a result's `nextTime`, in the page's language."""
    if not next_time:
        return None
    day, until = _date(next_time.get("date")), _date(next_time.get("until"))
    start, end = _clock(next_time.get("start")), _clock(next_time.get("end"))
    mode = next_time.get("mode")
    if day is None:
        when = _("Agreed separately") if mode == "agreed" else _("Continuous intake")
    elif start and end:
        when = _("%(day)s at %(start)s–%(end)s") % {"day": _day(day), "start": start, "end": end}
    elif start:
        when = _("%(day)s at %(start)s") % {"day": _day(day), "start": start}
    elif until and day <= timezone.localdate() <= until:
        when = _("In progress until %(day)s") % {"day": _day(until)}
    elif until:
        when = _("%(start)s–%(end)s") % {"start": _day(day), "end": _day(until)}
    else:
        when = _day(day)
    place = next_time.get("location") or {}
    where = ", ".join(
        part
        for part in (
            place.get("name"),
            place.get("streetAddress"),
            " ".join(p for p in (place.get("postalCode"), place.get("city")) if p),
        )
        if part
    )
    return {"when": when, "where": where, "mode": mode}


def _results(items):
    for item in items:
        yield {**item, "next": next_time_text(item.get("nextTime"))}


def _pages(current: int, last: int) -> list[int | None]:
    """Page numbers to link: the first, the last and two around the current (None: a gap)."""
    shown = sorted({1, last, *range(max(1, current - 2), min(last, current + 2) + 1)})
    out, previous = [], 0
    for n in shown:
        if n - previous > 1:
            out.append(None)
        out.append(n)
        previous = n
    return out


# --- Views ----------------------------------------------------------------------------------
def _api_failure(request, error, template="frontend/services.html", context=None):
    status = 400 if error.code == "BAD_USER_INPUT" else 503
    message = (
        _("The search could not be made: %(reason)s") % {"reason": error}
        if status == 400
        else _("The service catalogue cannot be reached right now. Please try again shortly.")
    )
    defaults = {"total": 0, "free_count": 0, "results": [], "groups": [], "active": []}
    return render(
        request, template, {**defaults, **(context or {}), "failure": message}, status=status
    )


@cache_page_for_visitors
def home(request):
    try:
        data = api.query(request, "catalogue-home", {"locale": locale(request)})
    except api.ApiError as error:
        return _api_failure(request, error, "frontend/home.html")
    everything = data["all"]
    facets = everything["facets"]
    audiences = {a["slug"]: a for a in facets["audiences"]}
    context = {
        "total": everything["totalCount"],
        "job_seeker": audiences.get(JOB_SEEKER),
        "employer": audiences.get(EMPLOYER),
        "job_seeker_situations": data["jobSeekers"]["facets"]["clientSituations"],
        "employer_situations": data["employers"]["facets"]["clientSituations"],
        "categories": sorted(facets["serviceCategories"], key=lambda v: v["label"]),
        "target_groups": sorted(facets["targetGroups"], key=lambda v: v["label"]),
        "JOB_SEEKER": JOB_SEEKER,
        "EMPLOYER": EMPLOYER,
    }
    return render(request, "frontend/home.html", context)


@cache_page_for_visitors
def services(request):
    code = locale(request)
    try:
        known = filter_vocabularies(request, code)
    except api.ApiError as error:
        return _api_failure(request, error)
    search = read_search(request.GET, known)
    default_sort = "relevance" if search.text else "title"
    sort = search.sort or default_sort
    variables = {
        "locale": code,
        "text": search.text or None,
        "filter": search.api_filter() or None,
        "orderBy": SORTS[sort][0],
        "limit": PAGE_SIZE,
        "offset": (search.page - 1) * PAGE_SIZE,
    }
    context = {"search": search, "problems": search.problems}
    try:
        results = api.query(request, "catalogue-search", variables)["services"]
    except api.ApiError as error:
        return _api_failure(request, error, context=context)
    facets = results["facets"]
    total = results["totalCount"]
    last_page = max(1, math.ceil(total / PAGE_SIZE))
    groups = _groups(search, facets, known)
    municipalities = _municipalities(search, facets, known)
    price = {v["slug"]: v["count"] for v in facets.get("price") or []}
    status = 400 if search.problems else 200
    beyond = search.page > last_page
    if beyond:
        status = 404
    context.update(
        {
            "results": list(_results(results["items"])),
            "total": total,
            "sort": sort,
            "default_sort": default_sort,
            "sorts": [
                (key, label)
                for key, (_value, label) in SORTS.items()
                if key != "relevance" or search.text
            ],
            "groups": groups,
            "municipalities": municipalities,
            "free_count": price.get("free", 0),
            "active": _active(search, groups, municipalities),
            "clear_url": search.url(
                **{f.param: [] for f in LIST_FILTERS},
                municipality=None,
                age=None,
                free=None,
                page=None,
            ),
            "suggestion": results.get("suggestion"),
            "suggestion_url": search.url(q=results.get("suggestion"), page=None, sort=None)
            if results.get("suggestion")
            else None,
            "page": search.page,
            "last_page": last_page,
            "beyond": beyond,
            "last_page_url": search.url(page=str(last_page) if last_page > 1 else None),
            "pages": [
                {
                    "number": n,
                    "url": search.url(page=str(n) if n and n > 1 else None) if n else None,
                }
                for n in _pages(min(search.page, last_page), last_page)
            ]
            if last_page > 1
            else [],
            "previous_url": search.url(page=str(search.page - 1) if search.page > 2 else None)
            if 1 < search.page <= last_page
            else None,
            "next_url": search.url(page=str(search.page + 1)) if search.page < last_page else None,
            "first_number": (search.page - 1) * PAGE_SIZE + 1,
        }
    )
    return render(request, "frontend/services.html", context, status=status)


@cache_page_for_visitors
def suggest(request):
    """JSON for the search box: {"suggestions": [{"label", "kind", "services"}]}."""
    prefix = " ".join(
        "".join(
            " " if unicodedata.category(c) == "Cc" else c for c in request.GET.get("q", "")
        ).split()
    )[:99]
    if request.GET.get("q", "").endswith(" ") and prefix:
        prefix += " "  # a space at the end finishes the word (docs/api.md, Suggestions)
    if sum(c.isalnum() for c in prefix) < 2:
        return JsonResponse({"suggestions": []})
    try:
        data = api.query(
            request, "suggest", {"prefix": prefix, "locale": locale(request), "limit": SUGGESTIONS}
        )
    except api.ApiError as error:
        status = 400 if error.code == "BAD_USER_INPUT" else 503
        return JsonResponse({"suggestions": [], "error": str(error)}, status=status)
    return JsonResponse({"suggestions": data["suggest"]})


urlpatterns = [
    path("", home, name="home"),
    path("services/", services, name="services"),
    path("services/suggest/", suggest, name="services_suggest"),
]
