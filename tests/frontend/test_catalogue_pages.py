"""The public catalogue's pages (frontend/views/catalogue.py): home (browse), the results
page (search, filters with counts, sort, paging, bad parameters), the suggestions' JSON,
the site's shell (language switcher, sign-in) and the pages' HTTP caching
(frontend/caching.py). Each page is held to its budget of API requests."""

import re
from html import unescape
from urllib.parse import parse_qs, urlsplit

import pytest
from django.test import Client
from django.utils.translation import gettext, override, pgettext

from frontend.api import MAX_CALLS_PER_PAGE, api_calls
from services.models import ClientSituation, ServiceCategory, ServicePage

pytestmark = pytest.mark.django_db

RESULT_LINK = re.compile(r'<h3 class="result__title" id="result-(\d+)"')
COUNT = re.compile(r'id="result-count"[^>]*>\s*(\d+)')


@pytest.fixture
def client():
    """A browser's client: it names a language, as browsers do (the test settings give a
    request without Accept-Language English, where `/` is no page: Finnish has no prefix).
    Which language a page is in comes from its address, whatever the header says."""
    return Client(HTTP_ACCEPT_LANGUAGE="en-GB,en;q=0.8")


def page(client, url, status=200, **headers):
    response = client.get(url, **headers)
    assert response.status_code == status, (url, response.status_code)
    calls = api_calls(response.wsgi_request)
    assert len(calls) <= MAX_CALLS_PER_PAGE, calls
    return response, response.content.decode()


def result_ids(html):
    return [int(i) for i in RESULT_LINK.findall(html)]


def total(html):
    return int(COUNT.search(html).group(1))


def live(code="fi"):
    return ServicePage.objects.live().filter(locale__language_code=code)


# --- Home ------------------------------------------------------------------------------------
def test_home_browses_by_audience_situation_target_group_and_category(client):
    response, html = page(client, "/")
    names = [name for name, _seconds in api_calls(response.wsgi_request)]
    assert names.count("catalogue-home") == 1 and "catalogue-search" not in names
    assert '<html lang="fi">' in html
    assert 'href="/services/?audience=job-seeker"' in html
    assert 'href="/services/?audience=employer"' in html
    for category in ServiceCategory.objects.filter(pk__in=live().values("service_category")):
        assert f'href="/services/?category={category.slug}"' in html
        assert category.name in html
    # Life situations per audience, counted within it: "I need an employee" for employers.
    assert 'href="/services/?audience=employer&amp;situation=tarvitsen-tyontekijan"' in html
    assert 'href="/services/?audience=job-seeker&amp;situation=etsin-tyota"' in html
    assert "?group=" in html
    assert 'role="search"' in html and 'name="q"' in html


def test_home_counts_are_the_results_counts(client):
    _, home = page(client, "/")
    link = re.search(
        r'href="/services/\?audience=job-seeker&amp;situation=etsin-tyota">.*?'
        r'<span aria-hidden="true">(\d+)</span>',
        home,
        re.S,
    )
    _, results = page(client, "/services/?audience=job-seeker&situation=etsin-tyota")
    assert total(results) == int(link.group(1)) > 0


def test_home_in_swedish_labels_the_vocabularies_in_swedish(client):
    _, html = page(client, "/sv/")
    assert '<html lang="sv">' in html
    situation = ClientSituation.objects.get(locale__language_code="sv", slug="etsin-tyota")
    assert situation.name in html  # Jag söker arbete
    assert 'href="/sv/services/?audience=job-seeker"' in html
    with override("sv"):
        assert gettext("For job seekers") in html


# --- Results: filters, search, the journeys --------------------------------------------------
def test_a_work_trial_in_espoo_for_a_22_year_old(client):
    _, html = page(client, "/services/?q=ty%C3%B6kokeilu&municipality=espoo&age=22")
    found = ServicePage.objects.filter(pk__in=result_ids(html))
    assert found, html
    for service in found:
        assert (
            service.residence_irrelevant
            or service.participating_municipalities.filter(slug="espoo").exists()
        ), service
        assert service.all_working_age or service.age_min <= 22 <= (service.age_max or 68)
    espoo_trial = live().get(
        title="Työkyvyn selvittäminen työkokeilussa", responsible_municipality__slug="espoo"
    )
    vantaa_trial = live().get(
        title="Työkyvyn selvittäminen työkokeilussa", responsible_municipality__slug="vantaa"
    )
    assert espoo_trial.pk in result_ids(html)
    assert vantaa_trial.pk not in result_ids(html)  # Vantaa's residents only
    # The chosen filters are shown, each removable.
    assert re.search(r'<a class="chip" href="[^"]+">.*?Asuinkunta: Espoo', html)
    assert re.search(r'<a class="chip" href="[^"]+">.*?Ikä 22', html)
    assert 'value="22"' in html


def test_a_filter_narrows_the_list_and_the_counts_follow(client):
    _, everything = page(client, "/services/")
    _, employers = page(client, "/services/?audience=employer")
    assert 0 < total(employers) < total(everything)
    ids = result_ids(employers)
    assert ids and all(
        ServicePage.objects.get(pk=i).audiences.filter(slug="employer").exists() for i in ids
    )
    # The audience facet keeps the alternative's count (disjunctive), the chosen one checked.
    assert re.search(r'name="audience" value="employer" checked', employers)
    assert re.search(r'name="audience" value="job-seeker">', employers)


def test_search_finds_a_known_service_and_links_its_page(client):
    service = live().get(title="Oppisopimusneuvonta nuorille")
    _, html = page(client, "/services/?q=oppisopimusneuvonta")
    assert service.pk in result_ids(html)
    assert f'href="/services/{service.pk}/"' in html
    assert "Hakutulokset: ”oppisopimusneuvonta”" in html


def test_results_show_provider_municipality_and_next_time(client):
    _, html = page(client, "/services/?municipality=espoo")
    assert 'class="result__facts"' in html
    service = ServicePage.objects.get(pk=result_ids(html)[0])
    first = html.split('class="result"', 2)[1]
    assert service.provider.name in unescape(first)
    assert service.responsible_municipality.name in first
    # Every card with a schedule says when and where next (or that it is agreed separately).
    assert re.search(r"<dt>(Seuraavaksi|Aikataulu ja paikka)</dt>", html)


def test_swedish_results_read_in_swedish(client, sv_pair):
    _fi, sv = sv_pair
    _, html = page(client, "/sv/services/?municipality=raasepori")
    assert '<html lang="sv">' in html
    assert sv.title in html  # Raasepori's Swedish title, not the Finnish one
    assert f'href="/sv/services/{sv.pk}/"' in html
    with override("sv"):
        assert gettext("Municipality of residence") in html
        assert pgettext("search filters", "Filter") in html
    assert "Raseborg" in html  # the municipality's Swedish name


def test_a_finnish_only_service_is_marked_in_swedish(client):
    _, html = page(client, "/sv/services/?municipality=espoo")
    # A fallback's title and description are marked Finnish, and the card says so.
    fallback = re.search(r'id="result-(\d+)" lang="fi"><a [^>]+>([^<]+)</a>', html)
    service = ServicePage.objects.get(pk=fallback.group(1))
    assert service.locale.language_code == "fi" and unescape(fallback.group(2)) == service.title
    assert 'class="result__fallback">Endast på finska<' in html


def test_did_you_mean_offers_the_corrected_search(client):
    _, html = page(client, "/services/?q=oppisopimusneuvnta")
    assert "Tarkoititko" in html
    assert "q=oppisopimusneuvonta" in html


def test_nothing_found_helps(client):
    _, html = page(client, "/services/?q=zzzxxqq&audience=employer")
    assert 'class="empty-state"' in html
    assert total(html) == 0
    assert 'href="/services/?q=zzzxxqq"' in html  # the filters removed, the text kept


# --- Paging and order ------------------------------------------------------------------------
def test_paging_by_twenty(client):
    count = live().count()
    assert count > 20  # the shared world has 24
    _, first = page(client, "/services/")
    _, second = page(client, "/services/?page=2")
    assert len(result_ids(first)) == 20
    assert len(result_ids(second)) == count - 20
    assert not set(result_ids(first)) & set(result_ids(second))
    assert 'aria-current="page"' in second and 'rel="prev"' in second
    assert 'href="/services/?page=2"' in first and 'rel="next"' in first
    _, beyond = page(client, "/services/?page=3", status=404)
    assert 'href="/services/?page=2"' in beyond


def test_order_by_title_and_by_update(client):
    _, by_title = page(client, "/services/?sort=title")
    titles = [ServicePage.objects.get(pk=i).title for i in result_ids(by_title)]
    assert titles == sorted(titles)
    _, updated = page(client, "/services/?sort=updated")
    stamps = [ServicePage.objects.get(pk=i).last_published_at for i in result_ids(updated)]
    assert stamps == sorted(stamps, reverse=True)
    # Relevance is offered (and the default) only with a search text.
    assert 'value="relevance"' not in by_title
    _, searched = page(client, "/services/?q=ty%C3%B6nhaku")
    assert re.search(r'<option value=""[^>]*selected>', searched)


# --- Bad parameters --------------------------------------------------------------------------
@pytest.mark.parametrize(
    "query, message",
    [
        ("age=abc", "Iän on oltava"),
        ("age=-3", "Iän on oltava"),
        ("age=999", "Iän on oltava"),
        ("page=x", "Sivunumero"),
        ("page=0", "Sivunumero"),
        ("audience=nope", "nope"),
        ("municipality=atlantis", "atlantis"),
        ("sort=random", "random"),
    ],
)
def test_a_bad_parameter_is_left_out_with_a_message(client, query, message):
    _, html = page(client, f"/services/?{query}", status=400)
    assert message in unescape(html)
    assert 'role="alert"' in html
    assert len(result_ids(html)) == 20  # the rest of the search still runs


def test_text_with_control_characters_or_too_long_is_cleaned(client):
    _, html = page(client, "/services/?q=ty%C3%B6%00kokeilu%0A")
    assert "\x00" not in html
    _, html = page(client, "/services/?q=" + "a" * 300, status=400)
    assert "200" in html


def test_suggestions_json(client):
    response = client.get("/services/suggest/?q=ty%C3%B6k")
    assert response.status_code == 200
    labels = [s["label"] for s in response.json()["suggestions"]]
    assert any(label.startswith("Työk") for label in labels), labels
    assert len(api_calls(response.wsgi_request)) == 1
    assert client.get("/services/suggest/?q=a").json() == {"suggestions": []}
    assert client.get("/services/suggest/?q=" + "x" * 500).status_code == 200
    sv = client.get("/sv/services/suggest/?q=jobbs").json()["suggestions"]
    assert any(s["label"].startswith("Jobbsökar") for s in sv), sv


# --- Shell -----------------------------------------------------------------------------------
def language_links(html):
    nav = html.split('class="language-switch"', 1)[1].split("</nav>", 1)[0]
    return {
        code: (unescape(href), "aria-current" in tag)
        for tag, href, code in re.findall(r'(<a href="([^"]+)" hreflang="(\w+)"[^>]*>)', nav)
    }


def test_the_language_switcher_keeps_the_path_and_the_query(client):
    _, html = page(client, "/services/?q=ty%C3%B6&audience=employer&page=1")
    links = language_links(html)
    assert links["fi"] == ("/services/?q=ty%C3%B6&audience=employer&page=1", True)
    assert links["sv"] == ("/sv/services/?q=ty%C3%B6&audience=employer&page=1", False)
    assert links["en"][0] == "/en/services/?q=ty%C3%B6&audience=employer&page=1"
    _, html = page(client, "/sv/")
    links = language_links(html)
    assert links["fi"] == ("/", False) and links["sv"] == ("/sv/", True)


def test_the_shell_has_a_skip_link_a_main_nav_and_staff_sign_in(client):
    _, html = page(client, "/services/?audience=employer")
    assert '<a class="skip-link" href="#main">' in html and 'id="main"' in html
    assert 'href="/services/?audience=job-seeker"' in html
    assert re.search(r'href="/services/\?audience=employer" aria-current="page"', html)
    assert 'href="/admin/login/?next=%2Fservices%2F%3Faudience%3Demployer"' in html
    assert "<script>" not in html and "style=" not in html  # CSP 'self': no inline code


def test_a_signed_in_user_sees_the_name_and_signs_out_by_post(login, user):
    client = login("espoo-expert")
    _, html = page(client, "/")
    expert = user("espoo-expert")
    assert (expert.get_full_name() or expert.get_username()) in unescape(html)
    form = re.search(r'<form class="account__logout" method="post" action="([^"]+)">', html)
    assert form and form.group(1) == "/admin/logout/"
    assert 'name="csrfmiddlewaretoken"' in html
    assert "/admin/login/?next=" not in html


# --- HTTP caching ----------------------------------------------------------------------------
@pytest.mark.parametrize("url", ["/", "/services/?audience=employer", "/sv/services/"])
def test_anonymous_pages_are_publicly_cacheable_with_an_etag(client, settings, url):
    settings.FRONTEND_CACHE_SECONDS = 120
    response, _ = page(client, url)
    assert response["Cache-Control"] == "public, max-age=120"
    vary = {v.strip() for v in response["Vary"].split(",")}
    assert {"Cookie", "Accept-Language"} <= vary
    etag = response["ETag"]
    again = client.get(url, HTTP_IF_NONE_MATCH=etag)
    assert again.status_code == 304 and again.content == b""


def test_the_default_lifetime_is_five_minutes(client):
    response, _ = page(client, "/")
    assert response["Cache-Control"] == "public, max-age=300"


def test_signed_in_pages_are_never_publicly_cached(login):
    client = login("helsinki-expert")
    for url in ("/", "/services/", "/services/suggest/?q=ty%C3%B6k"):
        response = client.get(url)
        assert response.status_code == 200
        assert "public" not in response["Cache-Control"]
        assert "private" in response["Cache-Control"] and "no-cache" in response["Cache-Control"]
        assert "Cookie" in response["Vary"]


def test_errors_are_not_publicly_cached(client):
    response, _ = page(client, "/services/?age=abc", status=400)
    assert "public" not in response["Cache-Control"]


def test_every_url_of_the_form_is_the_search_it_shows(client):
    """The filter form's fields are the URL's parameters: sending it gives the same URL."""
    _, html = page(
        client, "/services/?q=ty%C3%B6&audience=job-seeker&municipality=espoo&age=30&free=1"
    )
    form = html.split('id="search-form"', 1)[1].split("</form>", 1)[0]
    checked = re.findall(r'name="(\w+)" value="([^"]+)" checked', form)
    assert ("audience", "job-seeker") in checked and ("free", "1") in checked
    assert re.search(r'<option value="espoo" selected>', form)
    assert 'name="age"' in form and 'value="30"' in form
    chips = re.findall(r'<a class="chip" href="([^"]+)"', html)
    assert chips
    for href in chips:  # each chip's URL drops one filter and keeps the rest
        query = parse_qs(urlsplit(unescape(href)).query)
        assert query.get("q") == ["työ"]


def test_the_vocabularies_are_read_once_then_kept(client):
    from django.core.cache import cache

    cache.clear()
    first, _ = page(client, "/services/?audience=employer")
    second, _ = page(client, "/services/?audience=job-seeker")
    names = [[name for name, _s in api_calls(r.wsgi_request)] for r in (first, second)]
    assert "taxonomies" in names[0] and "taxonomies" not in names[1]
    assert "catalogue-search" in names[1]
    _, swedish = page(client, "/sv/services/?audience=nope", status=400)  # sv: its own labels
    assert "Arbetssökande" in swedish
