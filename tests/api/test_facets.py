"""`services { facets }`: counts per filter value for the current search and filters
(issue 13). A count is checked against the list itself: choosing the value instead of the
facet's own filter (disjunctive faceting) gives a `totalCount` equal to the count. The cost
is one grouped statement per selected facet, whatever the length of the list."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Locale, PageViewRestriction

from cms.api.validation import DEFAULT_LIST_SIZE
from services.models import Audience, ServicePage
from tests.api.gql import gql, post, query_file
from tests.api.test_cost_limit import cost_of

pytestmark = pytest.mark.django_db

SEARCH = query_file("catalogue-search")
LIST_FACETS = (
    "audiences",
    "serviceCategories",
    "clientSituations",
    "targetGroups",
    "implementationTypes",
    "serviceLanguages",
    "accessibility",
)
FACETS = (*LIST_FACETS, "municipalityOfResidence", "price")
TOTAL = "query($f: ServiceFilter, $l: LocaleCode, $fb: Boolean, $s: String) { services(filter: $f, locale: $l, fallback: $fb, search: $s, limit: 1) { totalCount } }"  # noqa: E501


def facets(variables, *, fallback=True, names=FACETS):
    query = (
        "query($text: String, $locale: LocaleCode, $filter: ServiceFilter, $fb: Boolean) {"
        " services(search: $text, locale: $locale, filter: $filter, fallback: $fb, limit: 1)"
        " { totalCount facets { "
        + " ".join(f"{name} {{ slug label count }}" for name in names)
        + " } } }"
    )
    data = gql(query, {**variables, "fb": fallback})["services"]
    return data["totalCount"], data["facets"]


def total(variables, filter, fallback=True):
    return gql(
        TOTAL,
        {"f": filter, "l": variables.get("locale"), "fb": fallback, "s": variables.get("text")},
    )["services"]["totalCount"]


def chosen(filter, facet, slug):
    """The filter with the facet's own value replaced by `slug`."""
    filter = dict(filter or {})
    if facet == "municipalityOfResidence":
        filter[facet] = slug
    elif facet == "price":
        filter.pop("freeOnly", None)
        if slug == "free":
            filter["freeOnly"] = True
    else:
        filter[facet] = [slug]
    return filter


def a_search_word():
    return ServicePage.objects.live().filter(locale__language_code="fi").order_by("pk")[0].title


SCENARIOS = {
    "the catalogue": lambda: {"locale": "fi"},
    "Swedish with fallbacks": lambda: {"locale": "sv"},
    "English with filters": lambda: {
        "locale": "en",
        "filter": {"audiences": ["job-seeker"], "freeOnly": True},
    },
    "a municipality and an implementation": lambda: {
        "locale": "fi",
        "filter": {"municipalityOfResidence": "helsinki", "implementationTypes": ["lahitoteutus"]},
    },
    "a search and an age": lambda: {
        "locale": "fi",
        "text": a_search_word(),
        "filter": {"age": 30},
    },
}


@pytest.mark.parametrize("scenario", sorted(SCENARIOS))
@pytest.mark.parametrize("fallback", [True, False])
def test_every_count_is_the_total_of_choosing_that_value(scenario, fallback):
    variables = SCENARIOS[scenario]()
    if not fallback and variables["locale"] == "fi":
        pytest.skip("fallback is about translations")
    filter = variables.get("filter")
    _, found = facets(variables, fallback=fallback)
    assert any(found[name] for name in FACETS), found
    for name in FACETS:
        for value in found[name]:
            expected = total(variables, chosen(filter, name, value["slug"]), fallback)
            if name == "price" and value["slug"] == "paid":
                expected = total(variables, chosen(filter, "price", None), fallback) - total(
                    variables, chosen(filter, "price", "free"), fallback
                )
            assert value["count"] == expected, (name, value)


def test_zero_counts_are_left_out_and_values_sort_by_count_then_label():
    _, found = facets({"locale": "fi", "filter": {"audiences": ["employer"]}})
    for name in FACETS:
        values = found[name]
        assert all(v["count"] > 0 for v in values), name
        assert values == sorted(values, key=lambda v: (-v["count"], v["label"].casefold()))
    # every term of a vocabulary that would give services is there
    listed = {v["slug"] for v in found["targetGroups"]}
    terms = gql("{ terms(vocabulary: target_group) { slug } }")["terms"]
    for term in terms:
        n = total({"locale": "fi"}, {"audiences": ["employer"], "targetGroups": [term["slug"]]})
        assert (term["slug"] in listed) == (n > 0), term


def test_a_facets_own_filter_is_not_applied_to_it():
    everything, unfiltered = facets({"locale": "fi"})
    narrowed, found = facets({"locale": "fi", "filter": {"audiences": ["employer"]}})
    assert narrowed < everything
    assert found["audiences"] == unfiltered["audiences"]  # still shows the alternatives
    assert sum(v["count"] for v in found["price"]) == narrowed  # the others are narrowed


def test_labels_are_in_the_locale_and_finnish_when_a_term_is_not_translated():
    sv_names = {
        t["slug"]: t["name"]
        for t in gql("{ terms(vocabulary: audience, locale: sv) { slug name } }")["terms"]
    }  # noqa: E501
    _, found = facets({"locale": "sv"}, names=("audiences",))
    assert found["audiences"]
    assert all(v["label"] == sv_names[v["slug"]] for v in found["audiences"])

    # A term only in Finnish, on a Finnish service that Swedish readers see as a fallback.
    fi = Locale.objects.get(language_code="fi")
    term = Audience.objects.create(locale=fi, name="Vain suomeksi", slug="vain-suomeksi")
    translated = ServicePage.objects.filter(locale__language_code="sv").values("translation_key")
    page = (
        ServicePage.objects.live()
        .filter(locale=fi)
        .exclude(translation_key__in=translated)
        .order_by("pk")
        .first()
    )
    ServicePage.audiences.through.objects.create(servicepage=page, audience=term)
    _, found = facets({"locale": "sv"}, names=("audiences",))
    assert {"slug": "vain-suomeksi", "label": "Vain suomeksi", "count": 1} in found["audiences"]
    _, found = facets({"locale": "sv"}, fallback=False, names=("audiences",))
    assert "vain-suomeksi" not in {v["slug"] for v in found["audiences"]}


def test_the_price_facet_is_labelled_in_the_locale():
    labels = {}
    for code in ("fi", "sv", "en"):
        _, found = facets({"locale": code}, names=("price",))
        labels[code] = {v["slug"]: v["label"] for v in found["price"]}
    assert labels["fi"]["free"] == "Maksuton"
    assert labels["sv"]["free"] == "Avgiftsfri"
    assert labels["en"]["free"] == "Free of charge"
    if "paid" in labels["fi"]:
        assert labels["fi"]["paid"] == "Maksullinen"
        assert labels["sv"]["paid"] == "Avgiftsbelagd"
        assert labels["en"]["paid"] == "Subject to a charge"


def test_services_where_residence_does_not_matter_count_for_every_municipality():
    fi = ServicePage.objects.live().filter(locale__language_code="fi")
    anywhere = fi.filter(residence_irrelevant=True).count()
    assert anywhere, "the demo world has services open to every resident"
    linked = fi.filter(residence_irrelevant=False).values("participating_municipalities__slug")
    unlinked = gql("{ terms(vocabulary: municipality) { slug } }")["terms"]
    unlinked = [
        t["slug"]
        for t in unlinked
        if t["slug"] not in {r["participating_municipalities__slug"] for r in linked}
    ]  # noqa: E501
    _, found = facets({"locale": "fi"}, names=("municipalityOfResidence",))
    counts = {v["slug"]: v["count"] for v in found["municipalityOfResidence"]}
    assert unlinked, "some municipality has no service of its own"
    for slug in unlinked:
        assert counts[slug] == anywhere


def test_only_public_services_count():
    _, before = facets({"locale": "fi"}, names=("price",))
    pages = ServicePage.objects.live().filter(locale__language_code="fi").order_by("pk")
    pages[0].unpublish()
    PageViewRestriction.objects.create(
        page=pages[1], restriction_type=PageViewRestriction.PASSWORD, password="x"
    )
    _, after = facets({"locale": "fi"}, names=("price",))
    assert sum(v["count"] for v in after["price"]) == sum(v["count"] for v in before["price"]) - 2


# --- cost -----------------------------------------------------------------------------------
def run(query, variables):
    with CaptureQueriesContext(connection) as ctx:
        response = post(query, variables)
    assert response.status_code == 200 and "errors" not in response.json(), response.json()
    return [q["sql"] for q in ctx.captured_queries]


def listing(names):
    selection = " ".join(f"{n} {{ slug label count }}" for n in names)
    return (
        "query($f: ServiceFilter, $l: LocaleCode, $s: String) {"
        " services(filter: $f, locale: $l, search: $s, limit: 5) { totalCount items { title }"
        + (f" facets {{ {selection} }}" if names else "")
        + " } }"
    )


@pytest.mark.parametrize(
    "variables",
    [
        {"l": "fi"},
        {"l": "sv", "f": {"audiences": ["job-seeker"], "municipalityOfResidence": "helsinki"}},
        {"l": "fi", "f": {"serviceCategories": ["no-such-category"]}},
        {"l": "fi", "s": "työnhaku", "f": {"freeOnly": True, "age": 30}},
    ],
)
@pytest.mark.parametrize("names", [FACETS, ("audiences",), ("municipalityOfResidence", "price")])
def test_one_statement_for_the_selected_facets_and_none_without(variables, names):
    run(listing(()), variables)  # caches a search fills once per process
    base = run(listing(()), variables)
    with_facets = run(listing(names), variables)
    assert len(with_facets) == len(base) + 1
    (statement,) = [sql for sql in with_facets if "facet_searched" in sql]
    # Its parts: the selected facets only.
    assert statement.count(" UNION ALL ") == len(names) - 1


def test_the_list_is_computed_once_and_filtered_once_per_facet_whose_own_filter_is_set():
    def tables(names, filter):
        (statement,) = [
            sql for sql in run(listing(names), {"l": "fi", "f": filter}) if "facet_searched" in sql
        ]
        assert statement.count("facet_searched (id") == 1
        return {int(n) for n in re.findall(r"facet_services_(\d+) \(id", statement)}

    assert tables(FACETS, None) == set()  # the searched list is the list
    assert tables(FACETS, {"age": 40, "providers": ["tyovalmennus"]}) == {0}
    assert tables(FACETS, {"audiences": ["employer"], "freeOnly": True}) == {0, 1, 2}
    assert tables(FACETS, {"audiences": ["employer"], "freeOnly": False}) == {0}
    assert tables(("price",), {"audiences": ["employer"], "freeOnly": True}) == {0}
    assert tables(("targetGroups",), {"audiences": ["employer"], "freeOnly": True}) == {0}
    assert tables(("audiences",), {"audiences": ["employer"]}) == set()


def test_the_number_of_queries_does_not_grow_with_the_list():
    few = {"l": "fi", "f": {"audiences": ["employer"]}}
    many = {"l": "fi"}
    run(listing(()), many)
    assert len(run(listing(FACETS), few)) - len(run(listing(()), few)) == 1
    assert len(run(listing(FACETS), many)) - len(run(listing(()), many)) == 1


def test_facets_in_fragments_and_aliases():
    query = (
        "query { services(limit: 1) { a: facets { ...F } b: facets { price { count } } } }"
        " fragment F on ServiceFacets { audiences { slug count } x: targetGroups { slug } }"
    )
    sql = run(query, {})
    (statement,) = [s for s in sql if "facet_searched" in s]
    assert statement.count(" UNION ALL ") == 2  # audiences, target groups, price
    data = gql(query)["services"]
    assert data["a"]["audiences"] and data["a"]["x"] and data["b"]["price"]


def test_the_cost_limit_counts_a_facet_as_a_list():
    per_facet = DEFAULT_LIST_SIZE * (1 + 3)  # slug, label, count
    assert cost_of("{ services(limit: 1) { facets { audiences { slug label count } } } }") == (
        1 + 1 + per_facet
    )
    # the page size of `services` does not multiply the facets
    assert (
        cost_of(
            "{ services(limit: 100) { facets { "
            + " ".join(f"{n} {{ slug label count }}" for n in FACETS)
            + " } } }"  # noqa: E501
        )
        == 1 + 1 + len(FACETS) * per_facet
    )


def test_the_example_query_runs():
    data = gql(SEARCH, {"text": a_search_word(), "locale": "sv", "filter": {"age": 40}})
    assert data["services"]["totalCount"] > 0
    assert data["services"]["facets"]["audiences"]


def test_a_search_that_finds_nothing_has_no_facet_values():
    data = gql(SEARCH, {"text": "zzzxxqq", "filter": {"audiences": ["employer"]}})["services"]
    assert data["totalCount"] == 0 and data["items"] == []
    assert all(values == [] for values in data["facets"].values())
