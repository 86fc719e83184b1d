"""The service page (frontend/views/service.py): every public field readable, in fi, sv and
en; the internal instructions only for municipal users and only on ?view=internal; 404 for
what the API does not serve; one API request; and the admin's service card rendering the
same includes from the same document."""

import re
from html import unescape
from urllib.parse import quote

import polib
import pytest
from django.urls import reverse
from django.utils import translation
from wagtail.documents import get_document_model
from wagtail.models import Page, PageViewRestriction

from frontend.api import MAX_CALLS_PER_PAGE, api_calls
from services.models import Municipality, RelatedService, ServicePage

pytestmark = pytest.mark.django_db

LOCALE_DIR = "translations/locale"

# Texts planted in the service: each must appear on the page, written as the reader sees it.
REFERRAL = "ZQX-OHJAUS: ohjaa asiakas palveluun lähetteellä"
MEASURES = "ZQX-TOIMET: seuraa osallistumista viikoittain"
GUIDANCE = "ZQX-KUNTAOHJE: Espoossa ohjaus käy työllisyyspalveluiden kautta"
EXCEPTION = "ZQX-POIKKEUS: Vantaalla ei lausuntoa"
OBLIGATION_TEXT = "ZQX-VELVOITE: sovitaan suunnitelmassa"
ARCHIVING_TEXT = "ZQX-ARKISTO: arkistoi lomake"
INTERNAL_LINK = "https://intra.example.fi/ohje-zqx"
INTERNAL_TEXTS = (REFERRAL, MEASURES, GUIDANCE, EXCEPTION, OBLIGATION_TEXT, ARCHIVING_TEXT)
RAW_KEYS = (
    "binding_if_agreed",
    "allowance_during_waiting_period",
    "dissolves_work_requirement",
    "True",
    "False",
    "None",
    ">yes<",
    ">no<",
)


@pytest.fixture
def client(client):
    """A browser that asks for Finnish (the tests' default interface is English without
    Accept-Language: BACK_OFFICE_LANGUAGE_WITHOUT_HEADER); the URL's prefix still decides /sv/ and /en/."""
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "fi"
    return client


@pytest.fixture
def compiled(settings, tmp_path):
    """The fi and sv catalogues compiled from the .po files (independent of `make messages`)."""
    from pathlib import Path

    for po_path in Path(LOCALE_DIR).glob("*/LC_MESSAGES/django.po"):
        target = tmp_path / "locale" / po_path.relative_to(LOCALE_DIR)
        target.parent.mkdir(parents=True)
        polib.pofile(str(po_path)).save_as_mofile(str(target.with_suffix(".mo")))
    settings.LOCALE_PATHS = [tmp_path / "locale"]


def get(client, url, status=200):
    response = client.get(url)
    assert response.status_code == status, (url, response.status_code)
    calls = api_calls(response.wsgi_request)
    assert len(calls) <= MAX_CALLS_PER_PAGE, calls
    return response, response.content.decode()


def text_of(html: str) -> str:
    """The page's text as a reader sees it: tags out, spaces collapsed."""
    html = re.sub(r"<(script|style)\b.*?</\1>", " ", html, flags=re.S)
    return re.sub(r"\s+", " ", unescape(re.sub(r"<[^>]+>", " ", html)))


def live(code="fi"):
    return ServicePage.objects.live().filter(locale__language_code=code).order_by("pk")


def schedule(mode, **value):
    base = {"locations": [], "info": ""}
    return {"type": mode, "value": {**base, **value}}


PLACE = {
    "name": "Työpaja Verstas",
    "street_address": "Kauppakatu 3",
    "postal_code": "02100",
    "city": "Espoo",
    "latitude": "60.205512",
    "longitude": "24.655900",
    "accessibility": [],
}


@pytest.fixture
def rich(services):
    """A published Finnish service with every public field filled and every internal block,
    the time and place in all five modes."""
    page = live().first()
    other, linked = live()[1], live()[2]
    public_doc = get_document_model().objects.exclude(collection__name="Sisäiset liitteet").first()
    internal_doc = get_document_model().objects.filter(collection__name="Sisäiset liitteet").first()
    espoo = Municipality.objects.get(slug="espoo", locale__language_code="fi")
    vantaa = Municipality.objects.get(slug="vantaa", locale__language_code="fi")
    page.all_working_age, page.age_min, page.age_max = False, 18, 29
    page.residence_irrelevant = False
    page.is_free, page.price, page.price_description = False, "25.50", "Materiaalimaksu ZQX"
    page.implementation_text = "Kahdeksan viikkoa ZQX"
    page.description = [
        {"type": "heading", "value": "Mitä palvelussa tehdään ZQX"},
        {"type": "paragraph", "value": "<p>Kappale palvelusta ZQX.</p>"},
        {
            "type": "notice",
            "value": {"kind": "warning", "text": "<p>Huomio ZQX: ilmoittaudu ajoissa.</p>"},
        },
    ]
    page.participation = (
        f'<p>Katso myös <a linktype="page" id="{linked.pk}">toinen palvelu</a>.</p>'
    )
    page.time_and_place = [
        schedule(
            "continuous",
            locations=[PLACE],
            weekly_times=[
                {"weekday": "wed", "start": "12:00", "end": "15:30"},
                {"weekday": "mon", "start": "09:00", "end": "12:00"},
            ],
        ),
        schedule(
            "period",
            period={"start_date": "2027-03-01", "end_date": "2027-04-30"},
            weekly_times=[{"weekday": "tue", "start": "10:00", "end": "14:00"}],
        ),
        schedule(
            "periods",
            periods=[
                {"start_date": "2027-05-03", "end_date": "2027-05-28"},
                {"start_date": "2027-08-09", "end_date": "2027-09-03"},
            ],
            weekly_times=[],
        ),
        schedule(
            "dates",
            dates=[
                {"date": "2027-02-15", "start": "10:00", "end": "14:00"},
                {"date": "2027-03-15", "start": None, "end": None},
            ],
        ),
        schedule("agreed", info="Aika sovitaan ohjaajan kanssa ZQX."),
    ]
    page.resources = [
        {
            "type": "link",
            "value": {
                "title": "Hakulomake ZQX",
                "url": "https://example.fi/haku",
                "page": None,
                "description": "Täytä ennen aloitusta.",
            },
        },
        {
            "type": "link",
            "value": {"title": "Sisarpalvelu ZQX", "url": "", "page": other.pk, "description": ""},
        },
        {"type": "attachment", "value": {"title": "Esite ZQX", "document": public_doc.pk}},
    ]
    page.internal = [
        {"type": "referral", "value": f"<p>{REFERRAL}</p>"},
        {"type": "specialist_prerequisites", "value": "<p>Edellytys ZQX</p>"},
        {"type": "obligation", "value": {"obligation": "binding_if_agreed", "text": f"<p>{OBLIGATION_TEXT}</p>"}},
        {"type": "statement", "value": {"answer": "yes", "text": ""}},
        {"type": "benefit_notes", "value": {"notes": ["allowance_during_waiting_period", "dissolves_work_requirement"], "text": ""}},
        {"type": "client_system_entries", "value": "<p>Kirjaus ZQX</p>"},
        {"type": "measures", "value": f"<p>{MEASURES}</p>"},
        {"type": "exceptions", "value": "<p>Poikkeukset ZQX</p>"},
        {"type": "municipality_guidance", "value": {"municipality": espoo.pk, "text": f"<p>{GUIDANCE}</p>"}},
        {"type": "municipality_exception", "value": {"municipality": vantaa.pk, "text": f"<p>{EXCEPTION}</p>"}},
        {"type": "job_search_conversation", "value": {"answer": "no", "text": ""}},
        {"type": "archiving", "value": {"required": True, "instructions": f"<p>{ARCHIVING_TEXT}</p>"}},
        {"type": "client_consent", "value": {"required": False, "instructions": ""}},
        {"type": "links", "value": [
            {"title": "Intran ohje ZQX", "url": INTERNAL_LINK, "page": None, "description": ""},
            {"title": "Sisäinen palvelulinkki ZQX", "url": "", "page": linked.pk, "description": ""},
        ]},
        {"type": "files", "value": [{"title": "Sisäinen liite ZQX", "document": internal_doc.pk}]},
    ]  # fmt: skip
    page.save_revision().publish()
    page = ServicePage.objects.get(pk=page.pk)
    RelatedService.objects.create(page=page, service=other, sort_order=0)
    return {
        "page": page,
        "other": other,
        "linked": linked,
        "public_doc": public_doc,
        "internal_doc": internal_doc,
    }


# --- Every public field ----------------------------------------------------------------------
def test_every_public_field_is_on_the_page_readable(compiled, client, rich):
    page = rich["page"]
    response, html = get(client, f"/services/{page.pk}/")
    # One request for the service (the shell's menu may make another: within the budget).
    assert [name for name, _ in api_calls(response.wsgi_request)].count("service-page") == 1
    text = text_of(html)
    assert '<html lang="fi">' in html
    assert f"<h1>{page.title}</h1>" in html
    assert page.short_description in text
    # The description stream: heading, paragraph, notice (labelled in words, not by colour).
    assert "<h3>Mitä palvelussa tehdään ZQX</h3>" in html
    assert "Kappale palvelusta ZQX." in text
    assert 'class="svc-notice svc-notice-warning"' in html and "Tärkeää" in text
    # Who it is for: every taxonomy by its name in the locale, age, residence.
    for relation in ("audiences", "client_situations", "target_groups", "employment_statuses"):
        for term in getattr(page, relation).all():
            assert term.name in text, (relation, term.name)
    assert "18–29 vuotta" in text
    for term in page.participating_municipalities.all():
        assert term.name in text
    for term in page.implementation_types.all():
        assert term.name in text
    assert "Kahdeksan viikkoa ZQX" in text
    # Time and place in all five modes, with weekday names, Finnish dates and times.
    for label in (
        "Jatkuva (viikoittaiset ajat)",
        "Yksi ajanjakso",
        "Useita ajanjaksoja",
        "Yksittäiset päivämäärät",
        "Sovitaan erikseen",
    ):
        assert f"<h3>{label}</h3>" in html, label
    assert text.index("Maanantai 9.00–12.00") < text.index("Keskiviikko 12.00–15.30")
    assert "Tiistai 10.00–14.00" in text
    assert (
        '<time datetime="2027-03-01">1.3.2027</time>–<time datetime="2027-04-30">30.4.2027</time>'
        in html
    )
    assert "3.5.2027" in text and "3.9.2027" in text
    assert "15.2.2027 klo 10.00–14.00" in text and "15.3.2027" in text
    assert "Aika sovitaan ohjaajan kanssa ZQX." in text
    # The place, with a map link built from its coordinates (no external script or image).
    assert "Työpaja Verstas" in text and "Kauppakatu 3" in text and "02100 Espoo" in text
    osm = "https://www.openstreetmap.org/?mlat=60.205512&amp;mlon=24.6559#map=16/60.205512/24.6559"
    assert f'href="{osm}"' in html
    assert '<script src="http' not in html and "<img" not in html
    # Participation, price, accessibility, languages.
    for field in ("participation", "requirements", "benefits"):
        assert text_of(getattr(page, field)).strip().split(" ")[0] in text
    assert "25,50 €" in text and "Materiaalimaksu ZQX" in text
    for term in page.accessibility.all():
        assert term.name in text
    for language in page.languages.all():
        assert language.language.name in text and language.level.name in text
    # Contacts as links.
    for contact in page.public_contacts.all():
        assert f'href="mailto:{contact.email}"' in html
        digits = re.sub(r"[^\d+]", "", contact.phone)
        assert f'href="tel:{digits}"' in html
    # Links: outside, to another service (its page here), an attachment (the document view).
    assert 'href="https://example.fi/haku"' in html and "Täytä ennen aloitusta." in text
    other = rich["other"]
    assert f'href="/services/{other.pk}/{other.slug}/">Sisarpalvelu ZQX</a>' in html
    assert f'href="{rich["public_doc"].url}"' in html
    # A link inside rich text opens the service's page here.
    assert f'href="/services/{rich["linked"].pk}/" data-service-id="{rich["linked"].pk}"' in html
    # See also, provider, responsible municipality, status and the updated date.
    assert f'href="/services/{other.pk}/{other.slug}/">{other.title}</a>' in html
    assert page.provider.name in text and page.responsible_municipality.name in text
    assert "Julkaistu" in text
    published = translation.override("fi")
    with published:
        from django.utils import timezone

        day = timezone.localtime(page.last_published_at).date()
    assert f"{day.day}.{day.month}.{day.year}" in text
    # Nothing internal, and no toggle for an anonymous visitor.
    for secret in (*INTERNAL_TEXTS, INTERNAL_LINK, rich["internal_doc"].url):
        assert secret not in html
    assert "svc-view-toggle" not in html


@pytest.mark.parametrize(
    ("mode", "label"),
    [
        ("continuous", "Jatkuva (viikoittaiset ajat)"),
        ("period", "Yksi ajanjakso"),
        ("periods", "Useita ajanjaksoja"),
        ("dates", "Yksittäiset päivämäärät"),
        ("agreed", "Sovitaan erikseen"),
    ],
)
def test_each_mode_of_the_demo_world(compiled, client, services, mode, label):
    """A seeded service of each mode (the demo world has them all) reads as that mode."""
    page = next(
        (p for p in live() if p.time_and_place.raw_data[0]["type"] == mode),
        None,
    )
    assert page is not None, f"the demo world has no {mode} service"
    value = page.time_and_place.raw_data[0]["value"]
    _, html = get(client, f"/services/{page.pk}/")
    text = text_of(html)
    assert f"<h3>{label}</h3>" in html
    location = value["locations"][0]
    assert f"{location['postal_code']} {location['city']}" in text
    if mode in ("period", "periods"):
        periods = value.get("periods") or [value["period"]]
        for period in periods:
            y, m, d = (int(x) for x in period["start_date"].split("-"))
            assert f'<time datetime="{period["start_date"]}">{d}.{m}.{y}</time>' in html
    if mode == "dates":
        for day in value["dates"]:
            y, m, d = (int(x) for x in day["date"].split("-"))
            assert f"{d}.{m}.{y} klo 10.00–14.00" in text
    if mode in ("continuous", "period", "periods"):
        assert "9.00–" in text
    if mode == "agreed":
        assert value["info"] in text


# --- Languages ---------------------------------------------------------------------------------
def test_a_raasepori_service_in_swedish(compiled, client, sv_pair):
    fi, sv = sv_pair
    for url in (f"/sv/services/{sv.pk}/", f"/sv/services/{fi.pk}/"):
        _, html = get(client, url)
        text = text_of(html)
        assert '<html lang="sv">' in html
        assert f"<h1>{sv.title}</h1>" in html  # no lang attribute: the text is Swedish
        assert "Tid och plats" in text and "Publicerad" in text and "Pris" in text
        assert "Raseborg" in text  # the responsible municipality's Swedish name
        with translation.override("sv"):
            notice = translation.gettext(
                "This service is not yet available in this language: it is shown in Finnish."
            )
        assert notice not in text


def test_the_finnish_text_on_a_swedish_page_is_said_and_marked(compiled, client, services):
    page = live().exclude(
        translation_key__in=ServicePage.objects.filter(locale__language_code="sv").values(
            "translation_key"
        )
    )[0]
    _, html = get(client, f"/sv/services/{page.pk}/")
    with translation.override("sv"):
        notice = translation.gettext(
            "This service is not yet available in this language: it is shown in Finnish."
        )
    assert '<html lang="sv">' in html and notice in unescape(html)
    assert f'<h1 lang="fi">{page.title}</h1>' in html  # the Finnish text is marked as such
    assert "Tid och plats" in text_of(html)  # the interface stays Swedish


# --- The staff view ----------------------------------------------------------------------------
def test_internal_instructions_for_a_municipal_user_readable(compiled, login, rich):
    page = rich["page"]
    client = login("helsinki-expert")
    # The client's view is the default: no internal text, but the toggle.
    _, html = get(client, f"/services/{page.pk}/")
    for secret in INTERNAL_TEXTS:
        assert secret not in html
    assert f'href="/services/{page.pk}/{page.slug}/?view=internal"' in html
    assert "Näytä sisäiset ohjeet" in html

    response, html = get(client, f"/services/{page.pk}/?view=internal")
    assert [name for name, _ in api_calls(response.wsgi_request)].count("service-page") == 1
    text = text_of(html)
    for secret in INTERNAL_TEXTS:
        assert secret in text, secret
    assert "Näytä asiakkaan ohjeet" in text and f'href="/services/{page.pk}/{page.slug}/"' in html
    # Labels in the interface language: block names, Kyllä/Ei, choices by their labels.
    for heading in ("Sisäiset ohjeet", "Ohjaus palveluun", "Velvoittavuus", "Etuusasiat"):
        assert heading in text, heading
    assert "Velvoittava, jos siitä on sovittu työllistymissuunnitelmassa" in text
    assert "Etuutta voidaan maksaa omavastuuajalta" in text
    assert "Voi purkaa työssäolovelvoitteen" in text
    answers = re.findall(r"<dd><strong>([^<]*)</strong>", html)
    assert answers.count("Kyllä") == 2 and answers.count("Ei") == 2, answers  # the four answers
    # Municipality-specific texts under the municipality's name.
    assert re.search(r"<h4>Espoo</h4>\s*<div[^>]*>\s*<p>" + re.escape(GUIDANCE), html)
    assert re.search(r"<h4>Vantaa</h4>\s*<div[^>]*>\s*<p>" + re.escape(EXCEPTION), html)
    # Links are clickable (a service link opens its page here); the attachment goes through
    # the permission-checked document view.
    assert f'href="{INTERNAL_LINK}"' in html
    linked = rich["linked"]
    assert f'href="/services/{linked.pk}/{linked.slug}/">Sisäinen palvelulinkki ZQX</a>' in html
    assert f'href="{rich["internal_doc"].url}"' in html
    assert rich["internal_doc"].url.startswith("/documents/")
    # The update pair by name.
    assert page.provider_updater.get_full_name() in text
    # No raw keys or Python values anywhere in the internal section.
    section = html[html.index('class="svc-internal"') : html.index('class="svc-public"')]
    for raw in RAW_KEYS:
        assert raw not in section, raw
    # The staff actions (helper C's include) are on the page for the signed-in user.
    assert "svc-actions" in html


@pytest.mark.parametrize("username", [None, "provider"])
def test_no_internal_information_for_anonymous_or_provider_users(client, login, rich, username):
    page = rich["page"]
    if username:
        client = login(f"{page.provider.slug}-editor")  # the service's own provider
    for url in (f"/services/{page.pk}/", f"/services/{page.pk}/?view=internal"):
        _, html = get(client, url)
        for secret in (*INTERNAL_TEXTS, INTERNAL_LINK, rich["internal_doc"].url):
            assert secret not in html, (url, secret)
        assert "svc-view-toggle" not in html  # no toggle to offer
        assert "Näytä sisäiset ohjeet" not in html
        assert "svc-internal" not in html


def test_pages_are_cacheable_only_for_anonymous_visitors(client, login, rich):
    page = rich["page"]
    response, _ = get(client, f"/services/{page.pk}/")
    assert "public" in response["Cache-Control"] and response.has_header("ETag")
    response, _ = get(login("helsinki-expert"), f"/services/{page.pk}/?view=internal")
    assert "private" in response["Cache-Control"] and "public" not in response["Cache-Control"]


# --- Print and share ---------------------------------------------------------------------------
def test_print_and_share(client, rich):
    page = rich["page"]
    _, html = get(client, f"/services/{page.pk}/{page.slug}/")
    url = f"http://testserver/services/{page.pk}/{page.slug}/"
    assert f'<link rel="canonical" href="{url}">' in html
    assert '<li hidden><button type="button" class="svc-button js-print">' in html  # service.js
    assert "/static/frontend/service.js" in html and "/static/frontend/print.css" in html
    mailto = re.search(r'href="(mailto:\?subject=[^"]+)"', html).group(1)
    assert f"body={quote(page.title)}%0A{quote(url)}" in unescape(mailto)
    assert f'<a href="{url}">{url}</a>' in html  # the link itself, without JavaScript
    # A wrong or missing slug still finds the service (ids are the address).
    _, other = get(client, f"/services/{page.pk}/vanha-osoite/")
    assert f"<h1>{page.title}</h1>" in other


# --- Not found ---------------------------------------------------------------------------------
def test_unknown_unpublished_private_and_other_ids_are_not_found(client, login, rich, services):
    page = rich["page"]
    draft = live()[3]
    draft.unpublish()
    private = live()[4]
    PageViewRestriction.objects.create(
        page=private, restriction_type=PageViewRestriction.PASSWORD, password="salainen"
    )
    folder = Page.objects.get(pk=page.get_parent().pk)
    for reader in (client, login("helsinki-expert")):
        for pk in (999_999_999, 10**30, draft.pk, private.pk, folder.pk, 0):
            response, html = get(reader, f"/services/{pk}/", status=404)
            assert draft.title not in html and private.title not in html
        get(reader, f"/sv/services/{draft.pk}/", status=404)
    get(client, "/services/abc/", status=404)
    # The page says so in the site's shell, with the way back to the catalogue.
    _, html = get(client, "/services/999999999/", status=404)
    assert '<html lang="fi">' in html and 'href="/services/"' in html


def test_an_api_that_cannot_answer_is_a_503_not_a_500(client, rich, monkeypatch):
    from frontend import api

    def down(*args, **kwargs):
        raise api.ApiError("The API could not be reached: timed out", "UNAVAILABLE")

    monkeypatch.setattr(api, "query", down)
    response = client.get(f"/services/{rich['page'].pk}/")
    assert response.status_code == 503
    assert rich["page"].title not in response.content.decode()


# --- The admin's service card ------------------------------------------------------------------
def section(html, start_class, end_marker):
    start = html.index(f'class="{start_class}"')
    return re.sub(r"\s+", " ", html[start : html.index(end_marker, start)])


def test_the_admin_card_is_the_same_rendering(compiled, login, rich):
    page = rich["page"]
    client = login("helsinki-expert")
    client.cookies["django_language"] = "fi"
    card = client.get(reverse("services_card", args=[page.pk]), HTTP_ACCEPT_LANGUAGE="fi")
    assert card.status_code == 200
    card_html = card.content.decode()
    _, site_html = get(client, f"/services/{page.pk}/?view=internal")
    # The same includes from the same document: the public and internal parts are identical.
    for start, end in (("svc-internal", "</section>\n"), ("svc-public", '<p class="print-only')):
        end_in_card = end if end in card_html else "</article>"
        assert (
            section(card_html, start, end_in_card)[:4000] == section(site_html, start, end)[:4000]
        )
    text = text_of(card_html)
    for secret in INTERNAL_TEXTS:
        assert secret in text
    # Every public field the card used to miss, and no raw keys ("answer / yes", "page None").
    for expected in ("Sovitaan erikseen", "18–29 vuotta", "Kauppakatu 3", rich["other"].title):
        assert expected in text
    for raw in ("binding_if_agreed", "allowance_during_waiting_period", "True", "page None"):
        assert raw not in card_html
    assert f'href="{INTERNAL_LINK}"' in card_html
    assert f"/services/{page.pk}/{page.slug}/?view=internal" in card_html  # "Open on the site"
    # The card's customer view leaves the internal part out, as the site does.
    customer = client.get(reverse("services_card", args=[page.pk]) + "?view=customer")
    for secret in INTERNAL_TEXTS:
        assert secret not in customer.content.decode()


def test_the_card_of_an_unpublished_service_says_so(login, services):
    draft = live()[5]
    draft.unpublish()
    card = login("helsinki-producer").get(reverse("services_card", args=[draft.pk]))
    assert card.status_code == 200
    body = card.content.decode()
    assert reverse("wagtailadmin_pages:view_draft", args=[draft.pk]) in body
    assert "svc-public" not in body
