"""`suggest(prefix, locale, limit)`: autocomplete from the public search index (issue 13).

The demo world is indexed by the real indexer (the demo builder rebuilds the index; the
signals update it on publication), so these tests read what the indexer wrote: demo
titles and terms come back; drafts, unpublished, archived and view-restricted services and
internal text never do (the secrets of tests/api/test_leaks.py). Bad input answers
BAD_USER_INPUT naming the argument; the cost limit counts `limit` suggestions; the rate
limit applies as to every query."""

import json

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from search.analysis import fold
from search.models import SearchSuggestion
from services.models import Audience, ServicePage
from tests.api.gql import GRAPHQL_RESPONSE_JSON, gql, post, query_file
from tests.api.test_cost_limit import cost_of
from tests.api.test_leaks import ARCHIVED, DRAFT, EVERY_SECRET, PRIVATE, SENTINEL, planted  # noqa: F401

pytestmark = pytest.mark.django_db

SUGGEST = query_file("suggest")


def suggest(prefix, locale="fi", limit=None):
    variables = {"prefix": prefix, "locale": locale}
    if limit is not None:
        variables["limit"] = limit
    return gql(SUGGEST, variables)["suggest"]


def live(code):
    return ServicePage.objects.live().filter(locale__language_code=code).order_by("pk")


# --- from the real index ---------------------------------------------------------------------
def test_a_demo_title_is_suggested_from_its_first_letters():
    page = live("fi").first()
    found = suggest(page.title[:6])
    assert {"label": page.title, "kind": "SERVICE"} in [
        {"label": s["label"], "kind": s["kind"]} for s in found
    ]
    same_title = live("fi").filter(title=page.title).count()
    assert next(s for s in found if s["label"] == page.title)["services"] == same_title


def test_from_a_later_word_without_accents_in_capitals():
    page = next(p for p in live("fi") if len(p.title.split()) > 1)
    rest = page.title.split(maxsplit=1)[1]
    typed = fold(rest).upper()
    assert typed != rest
    assert page.title in [s["label"] for s in suggest(typed)]


def test_swedish_titles_and_finnish_fallbacks_in_swedish():
    sv = live("sv").first()
    assert sv.title in [s["label"] for s in suggest(sv.title[:8], "sv")]
    translated = live("sv").values("translation_key")
    fallback = live("fi").exclude(translation_key__in=translated).first()
    assert fallback.title in [s["label"] for s in suggest(fallback.title, "sv")]


def test_terms_are_suggested_in_the_locale():
    for code in ("fi", "sv", "en"):
        term = Audience.objects.get(slug="job-seeker", locale__language_code=code)
        found = suggest(term.name, code)
        assert {"label": term.name, "kind": "TERM", "services": 0} in found or any(
            s["label"] == term.name and s["kind"] == "SERVICE" for s in found
        ), (code, found)


def test_at_most_the_limit_and_ten_by_default():
    rows = SearchSuggestion.objects.filter(locale="fi", kind="service")
    common = max(
        (k[:2] for k in rows.values_list("key", flat=True) if len(k) >= 2),
        key=lambda p: rows.filter(key__startswith=p).values("label").distinct().count(),
    )
    assert rows.filter(key__startswith=common).values("label").distinct().count() > 10
    assert len(suggest(common)) == 10
    assert len(suggest(common, limit=3)) == 3
    assert suggest(common, limit=3) == suggest(common)[:3]


def test_a_publication_and_an_unpublication_reach_the_suggestions():
    page = live("fi").first()
    page.title = "Zebrapalvelu kokeiluun"
    page.save_revision().publish()
    assert [s["label"] for s in suggest("zebra")] == ["Zebrapalvelu kokeiluun"]
    assert [s["label"] for s in suggest("kokeiluun zeb")] == []  # words in order only
    page.unpublish()
    assert suggest("zebra") == []


def test_drafts_private_archived_and_internal_text_are_never_suggested(planted):  # noqa: F811
    # The positive control: a published title with the same marker is suggested.
    page = live("fi").exclude(pk__in=[p.pk for p in planted["pages"]]).first()
    page.title = "ZQXJ-JULKINEN palvelu"
    page.save_revision().publish()
    for code in ("fi", "sv", "en"):
        found = json.dumps(suggest("zqxj", code), ensure_ascii=False)
        assert "ZQXJ-JULKINEN palvelu" in found
        for secret in EVERY_SECRET:
            assert secret not in found, (code, secret)
        for typed in (DRAFT, PRIVATE, ARCHIVED, SENTINEL, "salainen", "luonnos"):
            for s in suggest(typed[:20], code):
                assert s["label"] != planted["draft"].title
                assert not any(secret in s["label"] for secret in EVERY_SECRET)


# --- input ----------------------------------------------------------------------------------
@pytest.mark.parametrize("prefix", ["", "a", "Ä", "  ", "?!", "--", "…", "a."])
def test_under_two_letters_or_punctuation_is_an_empty_list(prefix):
    assert suggest(prefix) == []


@pytest.mark.parametrize(
    "variables, field",
    [
        ({"prefix": "työ", "limit": 0}, "limit"),
        ({"prefix": "työ", "limit": 11}, "limit"),
        ({"prefix": "x" * 100}, "prefix"),
        ({"prefix": "x" * 5000}, "prefix"),
        ({"prefix": "työ\u0000"}, "prefix"),
        ({"prefix": "työ\tkokeilu"}, "prefix"),
        ({"prefix": "\u001b[2J"}, "prefix"),
    ],
)
def test_bad_input_is_refused_with_the_argument_named(variables, field):
    response = post(SUGGEST, variables, accept=GRAPHQL_RESPONSE_JSON)
    body = response.json()
    assert response.status_code == 200 and body["data"] is None, body
    (error,) = body["errors"]
    assert error["extensions"] == {"code": "BAD_USER_INPUT", "field": field}, error


def test_mixed_scripts_and_99_characters_are_answered():
    assert suggest("työ Работа عمل") == []
    assert suggest("t" * 99) == []


def test_one_query_whatever_the_index():
    with CaptureQueriesContext(connection) as baseline:
        post("{ __typename }")
    with CaptureQueriesContext(connection) as ctx:
        suggest("ty")
    assert len(ctx) - len(baseline) == 1
    (query,) = [q["sql"] for q in ctx.captured_queries if "search_searchsuggestion" in q["sql"]]
    assert '"key" >=' in query and '"key" <' in query


# --- limits ---------------------------------------------------------------------------------
def test_the_cost_limit_counts_the_suggestions_asked_for():
    per_suggestion = 1 + 3  # the suggestion, label, kind, services
    assert cost_of(SUGGEST, {"prefix": "ty"}) == 10 * per_suggestion
    assert cost_of(SUGGEST, {"prefix": "ty", "limit": 3}) == 3 * per_suggestion
    aliased = " ".join(f'a{i}: suggest(prefix: "ty{i}") {{ label }}' for i in range(30))
    assert cost_of(f"{{ {aliased} }}") == 30 * 10 * 2


def test_the_rate_limit_applies(settings):
    cache.clear()
    settings.GRAPHQL_RATE_LIMIT_ANONYMOUS = "2/m"
    try:
        statuses = [
            post(SUGGEST, {"prefix": "työ"}).status_code,
            post(SUGGEST, {"prefix": "työk"}).status_code,
            post(SUGGEST, {"prefix": "työko"}).status_code,
        ]
    finally:
        cache.clear()
    assert statuses == [200, 200, 429]
