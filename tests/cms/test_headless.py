"""The CMS is headless: no page is ever rendered as HTML outside the admin.

docs/security.md "Headless: no page HTML". Every page type, every locale, live,
view-restricted (login, groups, password), archived and draft: their url_path-based
addresses, with and without a locale prefix, a trailing slash or a query string,
answer 404 without the page's title or text, and so do Wagtail's password and
view-restriction login views. Documents keep their permission-checked serve view.
"""

import pytest
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.test import Client
from django.utils import timezone
from wagtail.documents import get_document_model
from wagtail.models import Collection, Page, PageViewRestriction

from cms.roles import INTERNAL_COLLECTION
from policies.models import PolicyIndexPage, PolicyPage
from services.freshness import archive
from services.models import ServicePage

pytestmark = pytest.mark.django_db

PASSWORD = "zqxj-page-password"
LOCALES = ("fi", "sv", "en")
# The frontend's home pages (frontend/views/catalogue.py); every other page address is a 404.
FRONTEND_HOMES = ("/", "/sv/", "/en/")


def live_services(lang):
    return ServicePage.objects.live().filter(locale__language_code=lang).order_by("pk")


@pytest.fixture
def sample():
    """Pages of every kind and state, with the texts that must never be printed."""
    pages = []
    for lang in LOCALES:
        pages.append(live_services(lang).first())
        pages.append(PolicyPage.objects.live().filter(locale__language_code=lang).first())
        pages.append(PolicyIndexPage.objects.filter(locale__language_code=lang).first())
    login_only, groups_only, password, archived, draft = list(live_services("fi")[1:6])
    PageViewRestriction.objects.create(page=login_only, restriction_type="login")
    groups = PageViewRestriction.objects.create(page=groups_only, restriction_type="groups")
    groups.groups.set(Group.objects.all()[:1])
    PageViewRestriction.objects.create(
        page=password, restriction_type="password", password=PASSWORD
    )
    archive(archived, timezone.now())
    draft.unpublish()
    policy_draft = PolicyPage.objects.live().filter(locale__language_code="fi").last()
    policy_draft.unpublish()
    pages += [login_only, groups_only, password, archived, draft, policy_draft]
    # One page of every other page type (roots, catalogue index, folders).
    seen = {type(p) for p in pages}
    for page in Page.objects.filter(depth__gt=1).specific().order_by("depth", "pk"):
        if type(page) not in seen:
            seen.add(type(page))
            pages.append(page)
    pages = [Page.objects.get(pk=p.pk).specific for p in pages if p is not None]
    assert {type(p).__name__ for p in pages} >= {
        "ServicePage",
        "PolicyPage",
        "PolicyIndexPage",
        "ServiceIndexPage",
        "MunicipalityFolderPage",
        "ProviderFolderPage",
    }
    return pages


def secrets(page):
    texts = [page.title]
    for field in ("short_description", "summary"):
        value = getattr(page, field, "")
        if value:
            texts.append(value[:40])
    return [t for t in texts if len(t) >= 4]


def addresses(page):
    """Every address under which a page could be served."""
    segments = page.url_path.strip("/").split("/")
    relative = "/".join(segments[1:])  # below the locale's root page
    paths = {page.url_path, f"/{relative}/" if relative else "/"}
    if page.url:
        paths.add(page.url)
    for lang in LOCALES:
        paths.add(f"/{lang}{page.url_path}")
        paths.add(f"/{lang}/{relative}/" if relative else f"/{lang}/")
    out = set()
    for path in paths:
        out.update({path, f"{path}?lang=fi", f"{path}?preview=1&id={page.pk}"})
        if path != "/":
            out.add(path.rstrip("/"))
    return sorted(out)


def assert_no_page(response, page):
    body = response.content.decode(errors="replace")
    for text in secrets(page):
        assert text not in body, (response.request["PATH_INFO"], text)
    assert "<html" not in body.lower()


@pytest.mark.parametrize("signed_in", [False, True])
def test_no_page_is_served_at_any_address(sample, signed_in, user):
    client = Client()
    if signed_in:
        client.force_login(user("yllapito-maintainer"))
    for page in sample:
        for address in addresses(page):
            if address.split("?")[0].rstrip("/") + "/" in FRONTEND_HOMES:
                continue  # the frontend's home ("/en" redirects to it), tested below
            response = client.get(address, follow=True)
            assert response.status_code == 404, (type(page).__name__, address)
            assert_no_page(response, page)


def test_wagtail_password_and_login_views_are_gone(sample):
    client = Client()
    password_page = next(
        p for p in sample if p.get_view_restrictions().filter(restriction_type="password")
    )
    restriction = password_page.get_view_restrictions().get()
    url = f"/_util/authenticate_with_password/{restriction.pk}/{password_page.pk}/"
    for response in (
        client.get(url),
        client.post(url, {"password": PASSWORD, "return_url": password_page.url_path}),
        client.get(f"/_util/login/?next={password_page.url_path}"),
        client.post("/_util/login/", {"username": "helsinki-expert", "password": "x"}),
    ):
        assert response.status_code == 404
        assert_no_page(response, password_page)


def test_the_frontend_home_shows_no_page_that_is_not_public(sample):
    """`/`, `/sv/` and `/en/` are the frontend's home (frontend/, built from the public
    API): restricted, archived and draft pages are never named there."""
    hidden = [p for p in sample if not p.live or p.get_view_restrictions().exists()]
    assert len(hidden) >= 5
    for home in FRONTEND_HOMES:
        for query in ("", "?lang=sv", "?preview=1"):
            response = Client().get(f"{home}{query}")
            assert response.status_code == 200
            body = response.content.decode()
            for page in hidden:
                for text in secrets(page):
                    assert text not in body, (home, text)


def test_admin_preview_and_view_live_still_work(user, sample):
    client = Client()
    client.force_login(user("yllapito-maintainer"))
    service = live_services("fi").first()
    response = client.get(f"/admin/pages/{service.pk}/edit/")
    assert response.status_code == 200
    # "View live" points to the page's path, reserved for a frontend: a 404 here.
    assert f'href="{service.url}"' in response.content.decode()
    assert client.get(service.url).status_code == 404
    response = client.get(f"/admin/pages/{service.pk}/edit/preview/")
    assert response.status_code in (200, 405)  # the preview panel posts the form first
    response = client.get(f"/admin/pages/{service.pk}/view_draft/")
    assert response.status_code == 200
    assert service.title in response.content.decode()


def test_documents_keep_their_permission_checked_serve_view(user):
    documents = get_document_model()
    public = documents.objects.create(
        title="julkinen", file=ContentFile(b"public", name="zqxj-public.txt")
    )
    internal = documents.objects.create(
        title="sisainen",
        file=ContentFile(b"internal", name="zqxj-internal.txt"),
        collection=Collection.objects.get(name=INTERNAL_COLLECTION),
    )
    anonymous = Client()
    response = anonymous.get(public.url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b"public"
    # The internal attachment sends an anonymous reader to the admin login, not to
    # Wagtail's front-end login (gone) and not to a server error.
    response = anonymous.get(internal.url)
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/?next=")
    expert = Client()
    expert.force_login(user("helsinki-expert"))
    response = expert.get(internal.url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b"internal"
