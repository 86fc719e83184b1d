"""The frontend's content pages (frontend/views/pages.py), its menu and footer
(frontend/context_processors.py, includes/site_menu.html and site_footer.html), on the demo's
content pages (content/demo.py): Finnish, Swedish and English with the Finnish fallback,
bad parameters, unpublished pages, the API budget and the cached menu.
"""

import re

import pytest
from django.core.cache import cache

from content.models import ContentPage
from frontend import api, context_processors
from frontend.api import api_calls

pytestmark = pytest.mark.django_db

PARTNER_NAMES_FI = ("Helsinki", "Espoo", "Vantaa", "Kerava", "Raasepori")


@pytest.fixture(autouse=True)
def _fresh_menu():
    context_processors.forget()
    yield
    context_processors.forget()


@pytest.fixture
def client(client):
    """A Finnish browser: the unprefixed addresses are the Finnish ones (the test settings
    give English to requests without Accept-Language)."""
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "fi"
    return client


def calls(response) -> list[str]:
    return [name for name, _seconds in api_calls(response.wsgi_request)]


def text(response) -> str:
    return response.content.decode()


def test_a_content_page_in_finnish(client):
    response = client.get("/pages/saavutettavuusseloste/")
    assert response.status_code == 200
    body = text(response)
    assert '<html lang="fi">' in body
    assert '<h1 class="page-title">Saavutettavuusseloste</h1>' in body
    assert "306/2019" in body and "Traficom" in body and "Etelä-Suomen aluehallintovirasto" in body
    assert "<li>" in body  # the list of known issues kept its markup
    # One request for the page and one for the menu (not yet cached): within the budget.
    assert calls(response) == ["content-page", "site-menu"]
    assert len(calls(response)) <= api.MAX_CALLS_PER_PAGE


def test_the_menu_is_cached_per_locale(client):
    client.get("/pages/ohje/")
    again = client.get("/pages/tietoa-palvelumanuaalista/")
    assert calls(again) == ["content-page"]
    swedish = client.get("/sv/pages/hjalp/")
    assert calls(swedish) == ["content-page", "site-menu"]  # another locale, another entry
    assert "Om Servicemanualen" in text(swedish)  # the Swedish footer


def test_swedish_page_and_a_finnish_slug_redirects_to_the_swedish_one(client):
    response = client.get("/sv/pages/saavutettavuusseloste/")
    assert response.status_code == 302
    assert response["Location"] == "/sv/pages/tillganglighetsutlatande/"
    page = client.get(response["Location"])
    body = text(page)
    assert page.status_code == 200 and '<html lang="sv">' in body
    assert "Tillgänglighetsutlåtande" in body and "Transport- och kommunikationsverket" in body
    # And back: the Swedish slug in Finnish leads to the Finnish page.
    back = client.get("/pages/tillganglighetsutlatande/")
    assert back.status_code == 302 and back["Location"] == "/pages/saavutettavuusseloste/"


def test_an_untranslated_page_is_shown_in_finnish_and_marked(client):
    response = client.get("/en/pages/tietosuojaseloste-espoo/")
    assert response.status_code == 200
    body = text(response)
    assert '<html lang="en">' in body
    assert '<article lang="fi">' in body
    assert "Tietosuojaseloste – Espoon kaupunki" in body
    assert "shown in Finnish" in body
    assert "Joint controller" in body


def test_unknown_and_unpublished_pages_are_not_found(client):
    assert client.get("/pages/ei-ole-olemassa/").status_code == 404
    page = ContentPage.objects.get(slug="ohje", locale__language_code="fi")
    page.unpublish()
    response = client.get("/pages/ohje/")
    assert response.status_code == 404
    assert '<h1 class="page-title">Näin käytät Palvelumanuaalia' not in text(response)
    # The menu still lists it until its cached copy expires (a few minutes), then not.
    context_processors.forget()
    assert 'href="/pages/ohje/"' not in text(client.get("/news/"))


def test_news_newest_first_with_the_kind_filter(client):
    response = client.get("/news/")
    assert response.status_code == 200
    body = text(response)
    titles = re.findall(r'class="news-item__title"><a href="/pages/([^/]+)/"', body)
    assert titles == [
        "palveluluettelo-avautui",
        "lomakauden-kasittelyajat",
        "uusien-palveluntuottajien-perehdytys",
    ]
    assert calls(response)[0] == "content-pages" and len(calls(response)) <= 2
    bulletins = text(client.get("/news/?kind=bulletin"))
    assert bulletins.count('class="news-item"') == 1
    assert "lomakauden-kasittelyajat" in bulletins


def test_news_in_swedish_marks_the_finnish_item(client):
    body = text(client.get("/sv/news/"))
    assert "Tjänstekatalogen har öppnats" in body
    assert 'lang="fi" hreflang="fi">Uusien palveluntuottajien perehdytys</a>' in body
    assert "(på finska)" in body or "(in Finnish)" in body


def test_news_bad_parameters(client):
    bad_kind = client.get("/news/?kind=secret")
    assert bad_kind.status_code == 400
    assert "secret" in text(bad_kind) and text(bad_kind).count('class="news-item"') == 3
    assert client.get("/news/?page=abc").status_code == 400
    assert client.get("/news/?page=0").status_code == 400
    beyond = client.get("/news/?page=5")
    assert beyond.status_code == 404 and "?page=1" in text(beyond)


def test_privacy_notices_of_every_partner(client):
    response = client.get("/privacy/")
    assert response.status_code == 200
    body = text(response)
    for name in PARTNER_NAMES_FI:
        assert f">{name}</a>" in body
    sv = text(client.get("/sv/privacy/"))
    assert ">Helsingfors</a>" in sv and "Dataskyddsbeskrivning – Helsingfors stad" in sv


def test_footer_and_menu(client):
    body = text(client.get("/pages/ohje/"))
    footer = body[body.index('<footer class="site-footer">') :]
    for name in PARTNER_NAMES_FI:
        assert f"</span>{name}</a>" in footer
    for slug in ("saavutettavuusseloste", "tietoa-palvelumanuaalista", "ohje"):
        assert f'href="/pages/{slug}/"' in footer
    assert 'href="/privacy/"' in footer and 'href="/news/"' in footer
    nav = body[body.index('<nav class="main-nav"') : body.index("</nav>", body.index("main-nav"))]
    assert 'href="/pages/ohje/" aria-current="page">Näin käytät Palvelumanuaalia</a>' in nav
    assert 'href="/news/"' in nav
    english = text(client.get("/en/news/"))
    assert 'href="/en/pages/help/">How to use the Service Manual</a>' in english


def test_the_page_is_shown_without_the_menu_when_the_api_fails_for_it(client, monkeypatch):
    real = api.query

    def failing(request, name, variables=None):
        if name == "site-menu":
            raise api.ApiError("down", "UNAVAILABLE")
        return real(request, name, variables)

    monkeypatch.setattr(api, "query", failing)
    response = client.get("/pages/ohje/")
    assert response.status_code == 200
    assert "Näin käytät Palvelumanuaalia" in text(response)
    assert cache.get(context_processors.cache_key("fi")) is None  # a failure is not cached


def test_the_admin_links_to_the_privacy_notices(login):
    client = login("helsinki-expert")
    assert '"/privacy/"' in text(client.get("/admin/", HTTP_ACCEPT_LANGUAGE="fi"))


def test_anonymous_pages_may_be_cached_and_revalidated(client, login):
    response = client.get("/pages/ohje/")
    assert "public" in response["Cache-Control"] and response["ETag"]
    again = client.get("/pages/ohje/", HTTP_IF_NONE_MATCH=response["ETag"])
    assert again.status_code == 304
    assert "public" in client.get("/news/")["Cache-Control"]
    staff = login("helsinki-expert").get("/pages/ohje/")
    assert "private" in staff["Cache-Control"] and "public" not in staff["Cache-Control"]
