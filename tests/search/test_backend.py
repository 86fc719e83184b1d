"""search.backend: Wagtail's search backend with the analysed query, the analysed fields of
ServicePage in Wagtail's index (services/search_fields.py), and the API's search on the
backend (SEARCH_ENGINE=backend), on the database backend of the test run (SQLite, or
PostgreSQL under .ci/with-postgres.sh)."""

import io

import pytest
from django.core.management import call_command
from modelsearch.query import MATCH_ALL, And, Boost, Or, PlainText
from wagtail.models import Page
from wagtail.search.backends import get_search_backend

from search import analysis
from search import backend as search_backend
from services import search_fields
from services.models import ServicePage, TargetGroup
from services.search_index import Labels

pytestmark = pytest.mark.django_db

SERVICE = "Kesätyöseteli"
INTERNAL = "ZQXJ-SISAINEN-7731"
PUBLIC = "ZQXJ-JULKINEN-8841"


def service():
    return ServicePage.objects.get(title=SERVICE, locale__language_code="fi")


def titles(results):
    return [page.title for page in results]


def leaves(query):
    """The PlainText leaves of a query tree, with their weights."""
    if isinstance(query, Boost):
        return [(text, weight * query.boost) for text, weight in leaves(query.subquery)]
    if isinstance(query, (And, Or)):
        return [leaf for sub in query.subqueries for leaf in leaves(sub)]
    return [(query.query_string, 1.0)]


# --- the query ------------------------------------------------------------------------------------
def test_rewrite_keeps_the_raw_words_and_adds_the_analysed_alternatives():
    query = search_backend.rewrite("työkokeiluun nuorille", "and", ["fi"])
    assert isinstance(query, Or)
    raw, analysed = query.subqueries
    assert type(raw) is PlainText and raw.query_string == "työkokeiluun nuorille"
    assert raw.operator == "and"
    # one OR per word, the words ANDed, weights from the engine (parts below lemmas)
    assert isinstance(analysed, And) and len(analysed.subqueries) == 2
    first = dict(leaves(analysed.subqueries[0]))
    assert first["työkokeilu"] == 1.0 and first["tyokokeilu"] == 1.0
    assert 0 < first["kokeilu"] < 1.0
    assert "nuori" in dict(leaves(analysed.subqueries[1]))


def test_rewrite_for_autocomplete_makes_the_raw_last_word_a_prefix():
    query = search_backend.rewrite(
        PlainText("kesätyösete", operator="or"), "and", ["fi"], prefix=True
    )
    raw = query.subqueries[0] if isinstance(query, Or) else query
    assert isinstance(raw, search_backend.Prefix) and raw.operator == "or"


def test_rewrite_leaves_what_is_not_plain_text():
    assert search_backend.rewrite(MATCH_ALL, "and", ["fi"]) is None
    assert search_backend.rewrite('!! "" *', "and", ["fi"]) is None
    # only stopwords: the raw words alone
    query = search_backend.rewrite("ja sekä", "and", ["fi"])
    assert type(query) is PlainText and query.query_string == "ja sekä"


def test_admin_queries_are_analysed_in_every_language():
    query = search_backend.analysed_query("språkkurser", search_backend.ADMIN_LOCALES)
    tokens = {text for text, _ in leaves(query)}
    assert {"språkkur", "kur"} <= tokens  # Swedish stems and parts
    assert "språkkurser" in tokens or "språkkurs" in tokens


def test_a_compound_part_alone_does_not_match():
    """The engine counts a text with one part of a query word; the backend's query needs all
    of the word's parts (or a whole-word alternative): "työ" alone is in nearly every page."""
    hits = list(ServicePage.objects.all().search("työkokeiluun"))
    assert hits
    for page in hits:
        tokens = set(
            " ".join(getattr(page, f"search_{f}_tokens")() for f in search_fields.FIELDS).split()
        )
        assert "työkokeilu" in tokens or {"työ", "kokeilu"} <= tokens, page.title
    with_work = [p for p in ServicePage.objects.all() if "työ" in p.search_body_tokens().split()]
    assert len(hits) < len(with_work)


def test_engine_syntax_is_text():
    """Engine syntax in the text is no syntax: the hits are those of its plain words."""
    from cms.search import plain_text

    def ids(results):
        return sorted(page.pk for page in results)

    for text in ('kesätyö"', "kesä*", "a & !b", "title:x", "NEAR(a b)", "(a | b) <-> c", "\\'"):
        words = plain_text(text)
        found = ids(Page.objects.all().search(text)[:50])
        assert found == (ids(Page.objects.all().search(words)[:50]) if words else []), text
        list(Page.objects.all().autocomplete(text)[:5])  # no syntax error
    assert ids(Page.objects.all().search('kesätyö"')[:50]), "the positive control finds pages"


# --- what is indexed --------------------------------------------------------------------------------
def test_service_fields_hold_the_analysed_public_texts():
    page = service()
    title = set(page.search_title_tokens().split())
    assert {"kesätyöseteli", "seteli", "kesatyoseteli"} <= title
    short = set(page.search_short_tokens().split())
    assert set(analysis.analyse_document(page.short_description, "fi")) == short
    body = set(page.search_body_tokens().split())
    assert set(analysis.analyse_document(page.provider.name, "fi")) <= body


def test_labels_in_every_locale_the_service_is_listed_in():
    page = (
        ServicePage.objects.filter(locale__language_code="fi", target_groups__isnull=False)
        .order_by("pk")
        .first()
    )
    term = page.target_groups.order_by("pk").first()
    names = Labels().names[(TargetGroup, term.translation_key)]
    labels = set(page.search_labels_tokens().split())
    for code in ("fi", "sv", "en"):
        assert set(analysis.analyse_document(names[code], code)) <= labels, code


def test_internal_information_is_never_indexed():
    page = service()
    page.internal = [
        {"type": "referral", "value": f"<p>{INTERNAL} lähete</p>"},
        {"type": "measures", "value": f"<p>{INTERNAL}</p>"},
    ]
    page.short_description += f" {PUBLIC}"
    page.save_revision().publish()
    page = ServicePage.objects.get(pk=page.pk)
    fields = " ".join(getattr(page, f"search_{f}_tokens")() for f in search_fields.FIELDS)
    assert "zqxj" in fields and "8841" in fields  # the public control
    assert "7731" not in fields and "sisainen" not in fields
    assert titles(Page.objects.all().search("8841")) == [SERVICE]
    assert not list(Page.objects.all().search("7731"))
    assert not list(Page.objects.all().autocomplete("ZQXJ-SISAINEN"))


def test_publishing_replaces_the_tokens():
    page = service()
    page.short_description = f"{PUBLIC} kirjastokorttineuvonta"
    page.save_revision().publish()
    assert titles(Page.objects.all().search("kirjastokortista"))[0] == SERVICE
    page = ServicePage.objects.get(pk=page.pk)
    page.short_description = "Seteli, jonka nuori antaa kesätyönantajalle."
    page.save_revision().publish()
    assert SERVICE not in titles(Page.objects.all().search("kirjastokortista"))
    assert not hasattr(page, search_fields.CACHE)  # nothing cached outlives the indexing


def test_update_index_writes_the_analysed_fields():
    page = service()
    backend = get_search_backend()
    backend.delete(page)
    assert SERVICE not in titles(Page.objects.all().search("kesätyöseteliä"))
    call_command("update_index", stdout=io.StringIO(), stderr=io.StringIO())
    assert titles(Page.objects.all().search("kesätyöseteliä"))[0] == SERVICE
    assert titles(ServicePage.objects.all().search("työseteli"))[0] == SERVICE


def test_a_batch_is_analysed_once(django_assert_max_num_queries):
    pages = list(ServicePage.objects.filter(locale__language_code="fi").order_by("pk")[:10])
    backend = get_search_backend()
    # Labels (one query per vocabulary) and one per prefetched relation, not per page.
    with django_assert_max_num_queries(60):
        with search_backend._prepared(pages):
            tokens = [page.search_title_tokens() + page.search_body_tokens() for page in pages]
    assert all(tokens)
    backend.add_bulk(ServicePage, pages)
    assert not any(hasattr(page, search_fields.CACHE) for page in pages)
    assert not any(getattr(page, "_prefetched_objects_cache", {}) for page in pages)


# --- SEARCH_ENGINE=backend: the API's search on Wagtail's backend ------------------------------------
def live_services():
    return ServicePage.objects.live()


def test_backend_search_finds_what_the_engine_finds():
    for text in ("kesätyöseteliä", "työseteli", "kesatyoseteli"):
        result = search_backend.search(text, "fi", live_services())
        assert ServicePage.objects.get(pk=result.ids[0]).title == SERVICE, text


def test_backend_search_lets_any_word_match():
    result = search_backend.search("kesätyöseteliä qzxqzxq", "fi", live_services())
    assert ServicePage.objects.get(pk=result.ids[0]).title == SERVICE


def test_backend_search_suggests_a_spelling():
    result = search_backend.search("kesätyösetli", "fi", live_services())
    assert result.suggestion == "kesätyöseteli"
    assert ServicePage.objects.get(pk=result.ids[0]).title == SERVICE


def test_backend_search_reaches_finnish_services_from_swedish_and_english():
    for text, locale in (("sommarjobbssedel", "sv"), ("summer job voucher", "en")):
        ids = search_backend.search(text, locale, live_services()).ids
        assert SERVICE in titles(ServicePage.objects.filter(pk__in=ids[:3])), (text, locale)


def test_backend_search_limits_and_refuses_what_it_cannot_search():
    assert len(search_backend.search("työ", "fi", live_services(), limit=2).ids) == 2
    assert search_backend.search("!!! ...", "fi", live_services()).ids == []
    with pytest.raises(ValueError):
        search_backend.search("työ", "de", live_services())
