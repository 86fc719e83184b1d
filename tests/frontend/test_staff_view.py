"""The staff view's own pages (frontend/views/staff.py, issue 14): favourites, lists and
sharing, sending a list to a client, change requests; sign-in, the API's refusals, forged
posts, CSRF, caching and the budget of API requests per page. (Not test_staff.py: pytest's
default import mode would mistake it for tests/api/test_staff.py.)"""

import re
from html import unescape
from pathlib import Path
from urllib.parse import unquote

import pytest
from django.template.loader import render_to_string
from django.test import Client
from django.utils.html import strip_tags
from django.utils.translation import override

from frontend import api
from frontend.api import MAX_CALLS_PER_PAGE
from frontend.views.staff import SECTIONS
from services.models import ChangeRequest, Favourite, ServiceList, ServicePage

pytestmark = pytest.mark.django_db

EXPERT = "helsinki-expert"  # a municipal expert
COLLEAGUE = "helsinki-producer"  # of the same municipality
STRANGER = "espoo-expert"  # of another municipality
SCHEMA = Path(__file__).resolve().parents[2] / "graphql" / "schema.graphql"


def calls(response):
    return [name for name, _seconds in api.api_calls(response.wsgi_request)]


def reads(response):
    """The page's own documents (not the site's menu, which the shell reads)."""
    return [name for name in calls(response) if name != "site-menu"]


def language(url) -> dict:
    """The Accept-Language of the URL's language (the test settings make English the default
    of a request without one, whatever its prefix)."""
    code = url.split("/")[1] if url.startswith(("/sv/", "/en/")) else "fi"
    return {"HTTP_ACCEPT_LANGUAGE": code}


def page(client, url, status=200):
    """GET a staff page: its status, never cached by others, within the budget."""
    response = client.get(url, **language(url))
    assert response.status_code == status, (url, response.status_code)
    assert response["Cache-Control"] == "private, no-store"
    assert len(calls(response)) <= MAX_CALLS_PER_PAGE, calls(response)
    return response


def post(client, url, data, status=302):
    response = client.post(url, data, **language(url))
    assert response.status_code == status, (url, response.status_code)
    assert response["Cache-Control"] == "private, no-store"
    assert len(calls(response)) <= MAX_CALLS_PER_PAGE, calls(response)
    return response


def text(response) -> str:
    return " ".join(unescape(strip_tags(response.content.decode())).split())


@pytest.fixture
def fi_pages(services):
    return list(ServicePage.objects.live().filter(locale__language_code="fi").order_by("pk")[:4])


@pytest.fixture
def expert_list(user, fi_pages):
    service_list = ServiceList.objects.create(
        owner=user(EXPERT), name="Nuorten palvelut", description="Alle 30-vuotiaille"
    )
    for service in fi_pages[:2]:
        service_list.add(service)
    return service_list


def internal_texts(service: ServicePage) -> list[str]:
    """Plain texts of a service's internal instructions (to be sure they never show)."""
    found = []
    for block in service.internal.raw_data:
        value = block["value"]
        for part in value.values() if isinstance(value, dict) else [value]:
            if isinstance(part, str) and len(strip_tags(part)) > 30:
                found.append(strip_tags(part).strip())
    assert found
    return found


# --- Sign-in ------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "url",
    [
        "/en/favourites/",
        "/en/lists/",
        "/en/lists/1/",
        "/en/lists/1/client/?lang=sv",
        "/en/lists/1/delete/",
        "/en/change-requests/",
        "/en/services/1/change-request/",
        "/en/services/1/add-to-list/",
        "/sv/lists/",
        "/lists/",  # Finnish
    ],
)
def test_anonymous_visitors_are_sent_to_the_cms_login(client, url):
    response = client.get(url, HTTP_ACCEPT_LANGUAGE="fi")
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/?next=")
    assert unquote(response["Location"].split("next=", 1)[1]) == url
    assert response["Cache-Control"] == "private, no-store"
    assert calls(response) == []


def test_anonymous_posts_change_nothing(client, fi_pages, expert_list):
    client.post(f"/en/services/{fi_pages[0].pk}/favourite/", {"favourite": "1"})
    client.post("/en/lists/", {"name": "Anonyymi"})
    client.post(f"/en/lists/{expert_list.pk}/delete/")
    assert not Favourite.objects.filter(page=fi_pages[0]).exists()
    assert not ServiceList.objects.filter(name="Anonyymi").exists()
    assert ServiceList.objects.filter(pk=expert_list.pk).exists()


# --- Favourites ---------------------------------------------------------------------------
def test_an_expert_adds_and_removes_a_favourite(login, fi_pages):
    client = login(EXPERT)
    Favourite.objects.filter(user__username=EXPERT).delete()
    service = fi_pages[0]
    back = f"/en/services/{service.pk}/"
    response = post(
        client, f"/en/services/{service.pk}/favourite/", {"favourite": "1", "next": back}
    )
    assert response["Location"] == back
    assert calls(response) == ["set-favourite"]
    assert Favourite.objects.filter(user__username=EXPERT, page=service).exists()

    response = page(client, "/en/favourites/")
    assert reads(response) == ["favourites"]
    body = response.content.decode()
    assert service.title in body and f'href="/en/services/{service.pk}/{service.slug}/"' in body
    assert service.provider.name in text(response)
    assert "Added to your favourites." in text(response)  # the message after the redirect

    response = post(
        client,
        f"/en/services/{service.pk}/favourite/",
        {"favourite": "0", "next": "/en/favourites/"},
    )
    assert response["Location"] == "/en/favourites/"
    assert not Favourite.objects.filter(user__username=EXPERT).exists()
    assert "You have no favourites yet." in text(page(client, "/en/favourites/"))


def test_favourite_goes_back_only_to_this_site(login, fi_pages):
    client = login(EXPERT)
    response = post(
        client,
        f"/en/services/{fi_pages[0].pk}/favourite/",
        {"favourite": "1", "next": "https://evil.example/"},
    )
    assert response["Location"] == "/en/favourites/"
    assert client.get(f"/en/services/{fi_pages[0].pk}/favourite/").status_code == 405
    assert post(client, "/en/services/999999/favourite/", {"favourite": "1"}, status=404)


@override("en")
def test_the_service_page_actions_toggle(rf, user, fi_pages):
    request = rf.get(f"/en/services/{fi_pages[0].pk}/")
    request.user = user(EXPERT)
    service = {"id": str(fi_pages[0].pk), "slug": "x", "title": "T", "isFavourite": False}
    html = render_to_string(
        "frontend/staff/service_actions.html",
        {"service": service, "me": {"canViewInternal": True}},
        request=request,
    )
    assert f'action="/en/services/{fi_pages[0].pk}/favourite/"' in html
    assert 'name="favourite" value="1"' in html and "csrfmiddlewaretoken" in html
    assert f'href="/en/services/{fi_pages[0].pk}/change-request/"' in html
    assert f"/en/services/{fi_pages[0].pk}/add-to-list/?next=" in html
    html = render_to_string(
        "frontend/staff/service_actions.html",
        {"service": {**service, "isFavourite": True}, "me": {"canViewInternal": False}},
        request=request,
    )
    assert 'name="favourite" value="0"' in html and "Remove from favourites" in html
    assert "change-request" not in html  # a provider user may not send one


# --- Lists --------------------------------------------------------------------------------
def test_an_expert_creates_a_list_adds_a_service_and_shares_it(login, user, fi_pages):
    client = login(EXPERT)
    response = post(client, "/en/lists/", {"name": "Työkokeilut", "description": "Espoo"})
    created = ServiceList.objects.get(owner__username=EXPERT, name="Työkokeilut")
    assert response["Location"] == f"/en/lists/{created.pk}/"
    assert calls(response) == ["create-service-list"]

    service = fi_pages[2]
    response = page(client, f"/en/services/{service.pk}/add-to-list/")
    assert "Työkokeilut" in text(response)
    response = post(
        client,
        f"/en/services/{service.pk}/add-to-list/",
        {"service_list": str(created.pk), "next": f"/en/services/{service.pk}/"},
    )
    assert response["Location"] == f"/en/services/{service.pk}/"
    assert list(created.items.values_list("page_id", flat=True)) == [service.pk]

    # "Add to list › a new list"
    post(client, f"/en/services/{fi_pages[3].pk}/add-to-list/", {"new_name": "Uusi lista"})
    assert ServiceList.objects.get(owner__username=EXPERT, name="Uusi lista").items.count() == 1

    response = page(client, f"/en/lists/{created.pk}/")
    assert reads(response) == ["service-list"]
    body = text(response)
    assert service.title in body and "Share with colleagues" in body
    colleague = user(COLLEAGUE)
    assert colleague.get_full_name() in body  # colleagues offered by name
    assert f'value="{COLLEAGUE}"' in response.content.decode()
    assert f'value="{STRANGER}"' not in response.content.decode()

    post(client, f"/en/lists/{created.pk}/", {"action": "share", "share_with": [COLLEAGUE]})
    assert list(created.shared_with.values_list("username", flat=True)) == [COLLEAGUE]

    # The colleague sees it, read-only.
    other = login(COLLEAGUE)
    response = page(other, "/en/lists/")
    assert "Työkokeilut" in text(response) and "Shared with me" in text(response)
    response = page(other, f"/en/lists/{created.pk}/")
    assert service.title in text(response)
    assert "Only the owner can change it." in text(response)
    assert 'name="action"' not in response.content.decode()


def test_list_forms_show_errors(login, expert_list):
    client = login(EXPERT)
    response = post(client, "/en/lists/", {"name": "   "}, status=400)
    assert "This field is required." in text(response)
    response = post(client, "/en/lists/", {"name": "x" * 201}, status=400)
    assert "at most 200 characters" in text(response)
    response = post(
        client, f"/en/lists/{expert_list.pk}/", {"action": "rename", "name": ""}, status=400
    )
    assert "This field is required." in text(response)
    assert ServiceList.objects.filter(owner__username=EXPERT).count() == 1
    post(client, f"/en/lists/{expert_list.pk}/", {"action": "nope"}, status=400)
    post(client, f"/en/lists/{expert_list.pk}/", {"action": "remove", "service": "x"}, status=400)
    post(client, f"/en/lists/{expert_list.pk}/", {"action": "rename", "name": "Uusi nimi"})
    expert_list.refresh_from_db()
    assert expert_list.name == "Uusi nimi"
    # A name the form lets through but the API refuses: the API's word, on the field.
    response = post(
        client,
        f"/en/lists/{expert_list.pk}/",
        {"action": "share", "share_with": [STRANGER]},
        status=400,
    )
    assert f"Cannot share with: {STRANGER}." in text(response)
    assert not expert_list.shared_with.exists()


def test_remove_a_service_and_delete_a_list(login, expert_list, fi_pages):
    client = login(EXPERT)
    post(client, f"/en/lists/{expert_list.pk}/", {"action": "remove", "service": fi_pages[0].pk})
    assert list(expert_list.items.values_list("page_id", flat=True)) == [fi_pages[1].pk]
    response = page(client, f"/en/lists/{expert_list.pk}/delete/")
    assert "Yes, delete the list" in text(response)
    assert ServiceList.objects.filter(pk=expert_list.pk).exists()  # a GET deletes nothing
    response = post(client, f"/en/lists/{expert_list.pk}/delete/", {})
    assert response["Location"] == "/en/lists/"
    assert not ServiceList.objects.filter(pk=expert_list.pk).exists()


def test_forged_posts_on_another_user_s_list_change_nothing(login, user, expert_list, fi_pages):
    stranger = login(STRANGER)
    url = f"/en/lists/{expert_list.pk}/"
    page(stranger, url, status=404)
    page(stranger, f"{url}client/?lang=fi", status=404)
    page(stranger, f"{url}delete/", status=404)
    for data in (
        {"action": "rename", "name": "Kaapattu"},
        {"action": "remove", "service": fi_pages[0].pk},
        {"action": "share", "share_with": [STRANGER]},
    ):
        post(stranger, url, data, status=404)
    post(stranger, f"{url}delete/", {}, status=404)
    post(
        stranger,
        f"/en/services/{fi_pages[2].pk}/add-to-list/",
        {"service_list": expert_list.pk},
        400,
    )

    # Shared with a colleague: they may read it, not change or delete it.
    expert_list.shared_with.add(user(COLLEAGUE))
    colleague = login(COLLEAGUE)
    post(colleague, url, {"action": "rename", "name": "Kaapattu"}, status=403)
    post(colleague, url, {"action": "remove", "service": fi_pages[0].pk}, status=403)
    post(colleague, f"{url}delete/", {}, status=403)
    assert "Only the owner" in text(page(colleague, f"{url}delete/", status=403))

    expert_list.refresh_from_db()
    assert expert_list.name == "Nuorten palvelut"
    assert expert_list.items.count() == 2
    assert list(expert_list.shared_with.values_list("username", flat=True)) == [COLLEAGUE]


def test_csrf_is_enforced(user, fi_pages, expert_list):
    client = Client(enforce_csrf_checks=True)
    client.force_login(user(EXPERT))
    for url, data in (
        (f"/en/services/{fi_pages[3].pk}/favourite/", {"favourite": "1"}),
        ("/en/lists/", {"name": "Ilman tunnistetta"}),
        (f"/en/lists/{expert_list.pk}/delete/", {}),
        (f"/en/services/{fi_pages[0].pk}/change-request/", {"section": "OTHER", "message": "x"}),
    ):
        assert client.post(url, data).status_code == 403
    assert not Favourite.objects.filter(page=fi_pages[3], user__username=EXPERT).exists()
    assert not ServiceList.objects.filter(name="Ilman tunnistetta").exists()
    assert ServiceList.objects.filter(pk=expert_list.pk).exists()
    assert not ChangeRequest.objects.exists()
    # With the form's token it goes through.
    response = client.get("/en/lists/")
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', response.content.decode())
    response = client.post("/en/lists/", {"name": "Tunnisteella", "csrfmiddlewaretoken": token[1]})
    assert response.status_code == 302
    assert ServiceList.objects.filter(name="Tunnisteella").exists()


# --- Sending a list to a client -----------------------------------------------------------
def test_the_client_page_in_swedish_has_public_text_only(login, user, sv_pair):
    fi, sv = sv_pair
    service_list = ServiceList.objects.create(owner=user(EXPERT), name="Asiakkaalle")
    service_list.add(fi)  # made on the Finnish pages, sent in Swedish
    client = login(EXPERT)
    response = page(client, f"/en/lists/{service_list.pk}/client/?lang=sv")
    assert reads(response) == ["client-list"]
    body = response.content.decode()
    assert sv.title in body and sv.short_description in unescape(body)
    assert fi.title not in body
    url = f"http://testserver/sv/services/{sv.pk}/{sv.slug}/"
    assert f'href="{url}"' in body
    assert '<article class="client-sheet" lang="sv"' in body
    assert "Tjänster för dig" in body  # the sheet in the client's language
    assert (sv.provider.name_sv or sv.provider.name) in body
    mailto = unescape(re.search(r'href="(mailto:[^"]+)"', body)[1])
    assert url in unquote(mailto) and unquote(mailto).startswith("mailto:?subject=")
    for secret in internal_texts(fi) + internal_texts(sv):
        assert secret not in unescape(body)
    lines = api.document("client-list").splitlines()
    assert not [line for line in lines if "internal" in line and not line.startswith("#")]
    # Finnish for a Finnish-speaking client.
    response = page(client, f"/en/lists/{service_list.pk}/client/?lang=fi")
    assert fi.title in response.content.decode()
    assert f"http://testserver/services/{fi.pk}/{fi.slug}/" in response.content.decode()
    page(client, f"/en/lists/{service_list.pk}/client/?lang=de", status=400)


def test_a_colleague_may_send_a_shared_list(login, user, expert_list, fi_pages):
    expert_list.shared_with.add(user(COLLEAGUE))
    body = page(login(COLLEAGUE), f"/en/lists/{expert_list.pk}/client/?lang=fi").content
    assert fi_pages[0].title in body.decode() and fi_pages[1].title in body.decode()


# --- Change requests ----------------------------------------------------------------------
def test_sections_are_the_api_s_enum():
    schema = SCHEMA.read_text()
    enum = re.search(r"enum ChangeRequestSection \{([^}]*)\}", schema)[1].split()
    assert [name for name, _label in SECTIONS] == enum


def test_an_expert_sends_a_change_request_and_follows_it(login, fi_pages):
    client = login(EXPERT)
    service = fi_pages[0]
    url = f"/en/services/{service.pk}/change-request/"
    response = page(client, url)
    assert reads(response) == ["change-request-form"]
    assert '<option value="TIME_AND_PLACE">Time and place</option>' in response.content.decode()
    response = post(client, url, {"section": "TIME_AND_PLACE", "message": "   "}, status=400)
    assert "This field is required." in text(response) or "Write what" in text(response)
    assert not ChangeRequest.objects.exists()

    response = post(
        client, url, {"section": "TIME_AND_PLACE", "message": "Aukioloajat ovat muuttuneet."}
    )
    assert response["Location"] == f"/en/change-requests/?service={service.pk}"
    sent = ChangeRequest.objects.get()
    assert sent.page_id == service.pk and sent.section == "time_and_place"

    response = page(client, response["Location"])
    assert reads(response) == ["my-change-requests"]
    body = text(response)
    assert "Aukioloajat ovat muuttuneet." in body and service.title in body
    assert "Open" in body and "Time and place" in body
    assert f"Back to “{service.title}”" in body


def test_a_provider_user_may_not_send_a_change_request(login, fi_pages):
    service = fi_pages[0]
    client = login(f"{service.provider.slug}-editor")
    url = f"/en/services/{service.pk}/change-request/"
    response = page(client, url, status=403)
    assert "Only municipal users can send change requests." in text(response)
    response = post(client, url, {"section": "OTHER", "message": "Muuttakaa"}, status=403)
    assert "Only municipal users" in text(response)
    assert not ChangeRequest.objects.exists()
    # Favourites and lists are theirs too (the API allows them).
    page(client, "/en/favourites/")
    page(client, "/en/lists/")


def test_unknown_service_or_list_is_404(login):
    client = login(EXPERT)
    for url in (
        "/en/services/999999/change-request/",
        "/en/services/999999/add-to-list/",
        "/en/lists/999999/",
    ):
        assert page(client, url, status=404).status_code == 404


# --- Languages ----------------------------------------------------------------------------
def test_staff_pages_in_finnish_and_swedish(login, expert_list):
    client = login(EXPERT)
    body = text(page(client, "/lists/"))
    assert "Jaettu minulle" in body and "Uusi lista" in body and "Nuorten palvelut" in body
    response = page(client, "/sv/lists/")
    assert 'lang="sv"' in response.content.decode()
    body = text(response)
    assert "Delade med mig" in body and "Ny lista" in body and "Nuorten palvelut" in body
    body = text(page(client, f"/sv/lists/{expert_list.pk}/"))
    assert "Skicka till en kund" in body and "Dela med kolleger" in body
    body = text(page(client, f"/sv/lists/{expert_list.pk}/client/?lang=fi"))
    assert "Palveluita sinulle" in body and "Skicka till en kund" in body  # sheet fi, tools sv
