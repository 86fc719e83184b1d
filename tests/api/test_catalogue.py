"""The public catalogue through GraphQL: example queries, filters, search, locales,
pagination and a constant number of SQL queries per list."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from services.models import ServiceList, ServicePage
from tests.api.gql import QUERIES, gql, post, query_file, token_for

pytestmark = pytest.mark.django_db

LISTING = query_file("catalogue-listing")


def live_fi():
    return ServicePage.objects.live().filter(locale__language_code="fi")


def expert_list() -> str:
    """The id of a list of helsinki-expert's (who runs the examples) with a service on it."""
    from django.contrib.auth import get_user_model

    owner = get_user_model().objects.get(username="helsinki-expert")
    service_list = ServiceList.objects.create(owner=owner, name="Esimerkki")
    service_list.add(live_fi().order_by("pk").first())
    return str(service_list.pk)


def first_id() -> str:
    return str(live_fi().order_by("pk").first().pk)


def titles(data):
    return [item["title"] for item in data["services"]["items"]]


# --- The documented example queries run ------------------------------------------------
EXAMPLES = {
    "catalogue-listing": lambda: {"locale": "sv", "limit": 5, "filter": {"freeOnly": True}},
    "customer-detail": lambda: {"id": str(live_fi().order_by("pk").first().pk)},
    "staff-detail": lambda: {"id": str(live_fi().order_by("pk").first().pk)},
    "service-page": lambda: {"id": str(live_fi().order_by("pk").first().pk), "internal": True},
    "search": lambda: {"text": live_fi().order_by("pk").first().title.split()[0]},
    "catalogue-search": lambda: {"locale": "sv", "filter": {"audiences": ["job-seeker"]}},
    "catalogue-home": lambda: {"locale": "sv"},
    "suggest": lambda: {"prefix": live_fi().order_by("pk").first().title[:3]},
    "taxonomies": lambda: {"locale": "sv"},
    "favourites": lambda: {},
    "add-favourite": lambda: {"serviceId": str(live_fi().order_by("pk").first().pk)},
    # The staff view's (frontend/views/staff.py)
    "set-favourite": lambda: {"serviceId": first_id(), "favourite": True},
    "service-lists": lambda: {"locale": "sv"},
    "service-list": lambda: {"id": expert_list(), "locale": "sv"},
    "create-service-list": lambda: {"name": "Uusi", "serviceIds": [first_id()]},
    "change-service-list": lambda: {"listId": expert_list(), "name": "Nimi", "shareWith": []},
    "delete-service-list": lambda: {"listId": expert_list()},
    "add-to-list": lambda: {"id": first_id(), "locale": "sv"},
    "client-list": lambda: {"id": expert_list(), "locale": "sv"},
    "change-request-form": lambda: {"id": first_id()},
    "send-change-request": lambda: {
        "serviceId": first_id(),
        "message": "Korjaa.",
        "section": "OTHER",
    },
    "my-change-requests": lambda: {},
    # The content pages' (frontend/views/pages.py, frontend/context_processors.py)
    "content-page": lambda: {"slug": a_content_page().slug, "locale": "sv"},
    "content-pages": lambda: {"locale": "sv", "kind": ["news", "bulletin"], "orderBy": "NEWEST"},
    "site-menu": lambda: {"locale": "sv"},
}


def a_content_page():
    from content.models import ContentPage

    return ContentPage.objects.live().filter(locale__language_code="fi").order_by("pk").first()


# Documents with several operations: the one each example runs (the others are run below).
OPERATIONS = {"service-page": "ServicePage"}


def test_every_example_query_is_tested():
    assert {p.stem for p in QUERIES.glob("*.graphql")} == set(EXAMPLES)


@pytest.mark.parametrize("name", sorted(EXAMPLES))
def test_example_query_runs(services, name):
    data = gql(
        query_file(name),
        EXAMPLES[name](),
        token=token_for("helsinki-expert"),
        operation=OPERATIONS.get(name),
    )
    assert data and all(value is not None for value in data.values()), data


def test_the_service_page_document_previews_unsaved_content(services):
    """service-page.graphql's ServicePreview: the same fields of an editor's unsaved page."""
    page = live_fi().order_by("pk").first()
    page.title = "Esikatseltava otsikko"
    token = page.create_page_preview().token
    data = gql(
        query_file("service-page"),
        {"token": token, "internal": True},
        token=token_for("helsinki-expert"),
        operation="ServicePreview",
    )
    assert data["service"]["title"] == "Esikatseltava otsikko"
    assert data["service"]["internal"] is not None and data["me"]["canViewInternal"]


# --- Constant number of queries ---------------------------------------------------------
def count_queries(query, variables, token=None):
    with CaptureQueriesContext(connection) as ctx:
        response = post(query, variables, token=token)
    assert response.status_code == 200 and "errors" not in response.json(), response.json()
    return len(ctx.captured_queries)


LIST_EVERYTHING = (
    "query($limit: Int, $locale: LocaleCode) { services(limit: $limit, locale: $locale) "
    "{ totalCount items { ...PublicService internal { referral contacts { name } "
    "municipalityGuidance { municipality { name } } attachments { title } } } } }\n"
    + query_file("customer-detail").split("}\n\nfragment", 1)[1].join(["fragment", ""])
)


@pytest.mark.parametrize("locale", ["fi", "sv"])
def test_listing_runs_the_same_few_queries_for_10_and_100_items(services, locale):
    post(LISTING, {"limit": 1})  # warm per-process caches (content types)
    small = count_queries(LISTING, {"limit": 10, "locale": locale})
    large = count_queries(LISTING, {"limit": 100, "locale": locale})
    assert small == large <= 15, (small, large)


def test_every_public_and_internal_field_in_a_list_is_still_constant(services, settings):
    settings.GRAPHQL_MAX_COST = 1_000_000  # every field of 100 services: over the budget
    token = token_for("helsinki-producer")
    post(LIST_EVERYTHING, {"limit": 1}, token=token)
    small = count_queries(LIST_EVERYTHING, {"limit": 10, "locale": "sv"}, token)
    large = count_queries(LIST_EVERYTHING, {"limit": 100, "locale": "sv"}, token)
    assert small == large, (small, large)


# --- Filters, search, ordering, pagination ------------------------------------------------
def ids_of(data):
    return {int(item["id"]) for item in data["services"]["items"]}


def listing(filter=None, **kwargs):
    query = (
        "query($filter: ServiceFilter, $search: String, $orderBy: ServiceOrder) "
        "{ services(limit: 100, filter: $filter, search: $search, orderBy: $orderBy) "
        "{ totalCount items { id title } } }"
    )
    return gql(query, {"filter": filter, **kwargs})


def expected(queryset):
    return set(queryset.values_list("pk", flat=True))


@pytest.mark.parametrize(
    "facet,relation",
    [
        ("audiences", "audiences"),
        ("clientSituations", "client_situations"),
        ("targetGroups", "target_groups"),
        ("implementationTypes", "implementation_types"),
        ("accessibility", "accessibility"),
    ],
)
def test_taxonomy_filters_match_the_database(services, facet, relation):
    model = ServicePage._meta.get_field(relation).related_model
    term = next(
        t
        for t in model.objects.filter(locale__language_code="fi")
        if live_fi().filter(**{relation: t}).exists()
    )
    data = listing({facet: [term.slug]})
    want = expected(live_fi().filter(**{relation: term}).distinct())
    assert data["services"]["totalCount"] == len(want)
    assert ids_of(data) <= want and len(ids_of(data)) == min(len(want), 100)


def test_combined_filters_and_free_only(services):
    data = listing({"freeOnly": True, "responsibleMunicipalities": ["espoo"]})
    want = expected(live_fi().filter(is_free=True, responsible_municipality__slug="espoo"))
    assert ids_of(data) == want and want


def test_provider_category_language_and_modified_since(services):
    page = live_fi().exclude(service_category=None).order_by("pk").first()
    data = listing(
        {"providers": [page.provider.slug], "serviceCategories": [page.service_category.slug]}
    )
    assert page.pk in ids_of(data)
    assert ids_of(data) == expected(
        live_fi().filter(provider=page.provider, service_category=page.service_category)
    )
    language = page.languages.first()
    if language:
        assert page.pk in ids_of(listing({"serviceLanguages": [language.language.slug]}))
    since = timezone.now() - dt.timedelta(days=30)
    data = listing({"modifiedSince": since.isoformat()})
    assert ids_of(data) == expected(live_fi().filter(last_published_at__gte=since))


def test_age_and_municipality_of_residence(services):
    data = listing({"age": 16})
    for page in live_fi().filter(pk__in=ids_of(data)):
        low, high = page.age_range or (15, 68)
        assert low <= 16 <= high
    excluded = live_fi().filter(all_working_age=False, age_min__gt=16)
    assert not ids_of(data) & expected(excluded)
    data = listing({"municipalityOfResidence": "kerava"})
    for page in live_fi().filter(pk__in=ids_of(data)):
        assert (
            page.residence_irrelevant
            or page.participating_municipalities.filter(slug="kerava").exists()
        )


def test_search_finds_by_title_and_ranks(services):
    page = live_fi().order_by("pk").first()
    data = listing(search=page.title)
    assert data["services"]["items"][0]["title"] == page.title
    assert listing(search="xyzzy-ei-osumia")["services"]["totalCount"] == 0


def test_ordering_and_pagination(services):
    asc = titles(listing(orderBy="TITLE"))
    assert asc == sorted(asc, key=str.casefold) or asc == sorted(asc)
    desc = titles(listing(orderBy="TITLE_DESC"))
    assert desc[0] >= desc[-1]
    q = "query($o: Int) { services(limit: 5, offset: $o) { totalCount offset items { id } } }"
    first, second = gql(q, {"o": 0}), gql(q, {"o": 5})
    assert not ids_of(first) & ids_of(second)
    assert first["services"]["totalCount"] == live_fi().count()


@pytest.mark.parametrize(
    "args,message",
    [
        ("limit: 101", "limit must be between 1 and 100"),
        ("limit: 0", "limit must be between 1 and 100"),
        ("offset: -1", "offset must be between"),
        ('search: "' + "a" * 201 + '"', "search is limited to 200 characters"),
        ("filter: {age: 500}", "age must be between"),
        ("locale: xx", "Value 'xx' does not exist"),
        ("orderBy: PRICE", "Value 'PRICE' does not exist"),
    ],
)
def test_bad_arguments_get_clear_errors(services, args, message):
    response = post(f"{{ services({args}) {{ totalCount }} }}")
    body = response.json()
    assert response.status_code in (200, 400)
    assert message in body["errors"][0]["message"], body


# --- Locales and fallback -------------------------------------------------------------------
def test_swedish_listing_falls_back_to_finnish_and_says_so(services):
    sv = ServicePage.objects.live().filter(locale__language_code="sv").first()
    q = (
        "query($f: Boolean) { services(locale: sv, limit: 100, fallback: $f, "
        'filter: {responsibleMunicipalities: ["raasepori"]}) '
        "{ totalCount items { id locale isFallback translations { locale id } } } }"
    )
    with_fallback = gql(q, {"f": True})["services"]
    by_id = {int(i["id"]): i for i in with_fallback["items"]}
    assert by_id[sv.pk]["locale"] == "sv" and not by_id[sv.pk]["isFallback"]
    fallbacks = [i for i in with_fallback["items"] if i["isFallback"]]
    assert all(i["locale"] == "fi" for i in fallbacks)
    # The Finnish source of a translated service is not listed twice.
    keys = [tuple(sorted(t["locale"] for t in i["translations"])) for i in with_fallback["items"]]
    assert len(with_fallback["items"]) == len(set(by_id))
    assert ("fi", "sv") in keys
    without = gql(q, {"f": False})["services"]
    assert {i["locale"] for i in without["items"]} <= {"sv"}
    assert without["totalCount"] < with_fallback["totalCount"] or not fallbacks


def test_detail_in_locale_and_labels_follow_locale(services):
    sv = ServicePage.objects.live().filter(locale__language_code="sv").first()
    fi = ServicePage.objects.get(translation_key=sv.translation_key, locale__language_code="fi")
    q = (
        "query($id: ID, $l: LocaleCode, $f: Boolean) { service(id: $id, locale: $l, fallback: $f)"
        " { id locale isFallback title audiences { slug name } } }"
    )
    in_sv = gql(q, {"id": str(fi.pk), "l": "sv", "f": True})["service"]
    assert in_sv["id"] == str(sv.pk) and in_sv["locale"] == "sv" and not in_sv["isFallback"]
    in_fi = gql(q, {"id": str(fi.pk), "l": "fi", "f": True})["service"]
    if in_fi["audiences"]:
        assert [a["slug"] for a in in_fi["audiences"]] == [a["slug"] for a in in_sv["audiences"]]
        assert [a["name"] for a in in_fi["audiences"]] != [a["name"] for a in in_sv["audiences"]]
    untranslated = (
        live_fi()
        .exclude(
            translation_key__in=ServicePage.objects.filter(locale__language_code="en").values(
                "translation_key"
            )
        )
        .first()
    )
    fallback = gql(q, {"id": str(untranslated.pk), "l": "en", "f": True})["service"]
    assert fallback["isFallback"] and fallback["locale"] == "fi"
    assert gql(q, {"id": str(untranslated.pk), "l": "en", "f": False})["service"] is None


def test_taxonomy_terms_in_swedish(services):
    fi = gql("{ terms(vocabulary: audience, locale: fi) { slug name } }")["terms"]
    sv = gql("{ terms(vocabulary: audience, locale: sv) { slug name } }")["terms"]
    assert {t["slug"] for t in fi} == {t["slug"] for t in sv}
    assert {t["name"] for t in fi} != {t["name"] for t in sv}


def test_organisations_expose_public_fields_only(services):
    data = gql('{ organisations(kind: "municipality", locale: sv) { slug name kind } }')
    names = {o["slug"]: o["name"] for o in data["organisations"]}
    assert names["raasepori"] == "Raseborg"
    response = post("{ organisations { costShare } }")
    assert "Cannot query field 'costShare'" in response.json()["errors"][0]["message"]
