"""One search everywhere (issue 13): the admin's page search, the page chooser's search and the
explorer's search go through `search.backend`, which matches the same analysed tokens as the
API's ranked engine, and still only show the pages the user may see
(services.permissions.pages_visible_in_admin; tests/services/test_admin_page_scoping.py)."""

import pytest
from django.urls import reverse
from wagtail.models import Page

from search import analysis
from services import search_fields
from services.models import MunicipalityFolderPage, ProviderFolderPage, ServicePage
from tests.clients import client_for

pytestmark = pytest.mark.django_db

SERVICE = "Kesätyöseteli"  # a live Espoo service of the test world
PRODUCER = "espoo-producer"
# What an expert types, and why only the analysis finds it.
QUERIES = {
    "kesätyöseteliä": "inflected (partitive)",
    "kesätyösetelin": "inflected (genitive)",
    "työseteli": "a compound's part",
    "kesatyoseteli": "typed without ä/ö",
    "kesätyösetli": "a typo the engine corrects against the index vocabulary",
}
OWN_DRAFT = "Kirjastokorttineuvonta ZQX-5501"
OTHER_DRAFT = "Kirjastokorttineuvonta ZQX-5502"


def service():
    return ServicePage.objects.get(title=SERVICE, locale__language_code="fi")


def searches(page):
    municipality = MunicipalityFolderPage.objects.get(
        organisation=page.responsible_municipality, locale=page.locale
    )
    return {
        "page search": reverse("wagtailadmin_pages:search") + "?q={}",
        "page search results": reverse("wagtailadmin_pages:search_results") + "?q={}",
        "chooser search": reverse("wagtailadmin_choose_page_search") + "?q={}",
        "explorer search": reverse("wagtailadmin_explore", args=[municipality.pk]) + "?q={}",
    }


def shown(client, url, text):
    from urllib.parse import quote

    response = client.get(url.format(quote(text)))
    assert response.status_code == 200, (url, text, response.status_code)
    return response.content.decode()


def raw_words(page):
    """The words of the page's public texts as written: what a search without analysis
    matches (PostgreSQL's; SQLite's FTS5 also drops diacritics)."""
    texts = [text for items in search_fields.texts(page).values() for text, _ in items]
    return {word for text in texts for word in analysis.words(text)}


@pytest.mark.parametrize("text", QUERIES)
def test_admin_searches_find_the_service_as_the_api_does(text, user):
    assert text not in raw_words(service()), f"{text!r} needs no analysis"
    client = client_for(user(PRODUCER))
    for name, url in searches(service()).items():
        assert SERVICE in shown(client, url, text), (name, text, QUERIES[text])


def test_backend_ranks_the_analysed_match_first():
    for text in [*QUERIES, "kesätyöseteliä nuorille", "nuorten kesätyösetelin"]:
        hits = list(Page.objects.all().autocomplete(text)[:3])
        assert hits and hits[0].title == SERVICE, (text, [h.title for h in hits])
        assert list(Page.objects.all().search(text)[:1])[0].title == SERVICE


def test_raw_text_still_matches_as_typed_and_by_prefix(user):
    client = client_for(user(PRODUCER))
    for name, url in searches(service()).items():
        # the last word is a prefix, as in Wagtail's own admin search
        assert SERVICE in shown(client, url, "kesätyösete"), name
    assert "kesätyösete" not in raw_words(service())


def _draft(source, parent, title):
    copy = source.copy(
        to=parent,
        update_attrs={
            "title": title,
            "draft_title": title,
            "slug": title.lower().replace(" ", "-"),
        },
        keep_live=False,
    )
    page = ServicePage.objects.get(pk=copy.pk)
    page.save_revision()
    return ServicePage.objects.get(pk=page.pk)


@pytest.fixture
def drafts():
    source = service()
    other_folder = ProviderFolderPage.objects.filter(
        locale__language_code="fi", organisation__slug="rekrytointi"
    ).first()
    own = _draft(source, source.get_parent(), OWN_DRAFT)
    other = _draft(source, other_folder, OTHER_DRAFT)
    assert not own.live and not other.live
    assert other.responsible_municipality.slug != own.responsible_municipality.slug
    return own, other


def test_drafts_are_found_by_the_users_who_may_see_them(drafts, user):
    """A draft is not in the API's index, but the admin finds it by its raw text and by its
    analysed tokens; another municipality's draft stays hidden from the producer."""
    own, _ = drafts
    client = client_for(user(PRODUCER))
    for name, url in searches(own).items():
        for text in ("ZQX-5501", "5501", "kirjastokortista", "kirjastokorttineuvontaa"):
            body = shown(client, url, text)
            assert OWN_DRAFT in body, (name, text)
            assert OTHER_DRAFT not in body and "ZQX-5502" not in body, (name, text)
        assert OTHER_DRAFT not in shown(client, url, "ZQX-5502")
    # The maintainers see every page: both drafts.
    body = shown(
        client_for(user("yllapito-maintainer")), searches(own)["page search"], "kirjastokortista"
    )
    assert OWN_DRAFT in body and OTHER_DRAFT in body


def test_the_admin_search_of_another_municipality_does_not_list_the_service(user):
    """The analysed match is still filtered by the admin's visibility rule: the Espoo service
    is not in Helsinki's explorable part of the tree (page search), but the chooser lists it
    (a live public page may be picked)."""
    page = service()
    client = client_for(user("helsinki-producer"))
    urls = searches(page)
    assert SERVICE not in shown(client, urls["page search"], "kesätyöseteliä")
    assert SERVICE in shown(client, urls["chooser search"], "kesätyöseteliä")


def test_words_are_all_required_in_the_admin(user):
    """The admin's operator is AND: every word must match (as typed or analysed)."""
    client = client_for(user(PRODUCER))
    url = searches(service())["page search"]
    assert SERVICE in shown(client, url, "kesätyöseteliä nuorille")
    assert SERVICE not in shown(client, url, "kesätyöseteliä qzxqzxq")
