"""Picking and naming pages in the admin (docs/security.md, "Admin visibility of pages"):
what a user may pick, how another organisation's page is named, and what a page id typed by
hand resolves to.

The rule is `services.permissions.pages_visible_in_admin(user, with_public=True)`: the own
subtree and every live page without a view restriction. Each test creates pages of ANOTHER
provider (a draft, an archived service, a live but view-restricted service) with unique titles
and slugs, and a live public service of that provider with a saved, unpublished title change.
"""

import json

import pytest
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Page, PageViewRestriction
from wagtail.rich_text import RichText
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from services.models import (
    Favourite,
    MunicipalityFolderPage,
    ProviderFolderPage,
    RelatedService,
    ServiceList,
    ServiceListItem,
    ServicePage,
)
from tests.admin_forms import service_form_data
from tests.clients import client_for

pytestmark = pytest.mark.django_db

VIEWER = "kielikulma"  # the provider looking (folders under Helsinki, Espoo, English catalogue)
OTHER = "rekrytointi"  # the other provider, under Helsinki
DRAFT = "ZQX-POIMINTA-LUONNOS-4401"
ARCHIVED = "ZQX-POIMINTA-ARKISTOITU-4402"
PRIVATE = "ZQX-POIMINTA-RAJATTU-4403"
OWN_DRAFT = "ZQX-POIMINTA-OMA-LUONNOS-4404"
SECRET = "SECRET DRAFT TITLE"
# What must never be shown to the viewer: titles and the slugs in the pages' URL paths.
HIDDEN = (DRAFT, ARCHIVED, PRIVATE, DRAFT.lower(), ARCHIVED.lower(), PRIVATE.lower(), SECRET)
PICKERS = [f"{VIEWER}-editor", f"{VIEWER}-main", "helsinki-expert", "espoo-producer"]


def folder(provider, municipality="helsinki"):
    return ProviderFolderPage.objects.get(
        organisation__slug=provider,
        locale__language_code="fi",
        path__startswith=MunicipalityFolderPage.objects.get(
            organisation__slug=municipality, locale__language_code="fi"
        ).path,
    )


def copy_as_draft(source, parent, title, user=None):
    copy = source.copy(
        to=parent,
        update_attrs={"title": title, "draft_title": title, "slug": title.lower()},
        keep_live=False,
        user=user,
    )
    page = ServicePage.objects.get(pk=copy.pk)
    page.save_revision(user=user)
    return ServicePage.objects.get(pk=page.pk)


@pytest.fixture
def world(user):
    other_folder, own_folder = folder(OTHER), folder(VIEWER)
    others = list(ServicePage.objects.child_of(other_folder).live().order_by("pk"))
    assert len(others) >= 3
    other_editor = user(f"{OTHER}-editor")

    draft = copy_as_draft(others[0], other_folder, DRAFT, other_editor)

    archived = copy_as_draft(others[0], other_folder, ARCHIVED, other_editor)
    archived.get_latest_revision().publish()
    ServicePage.objects.get(pk=archived.pk).unpublish(user=user("helsinki-producer"))
    ServicePage.objects.filter(pk=archived.pk).update(archived_at=timezone.now())

    private = copy_as_draft(others[1], other_folder, PRIVATE, other_editor)
    private.get_latest_revision().publish()
    PageViewRestriction.objects.create(
        page=private, restriction_type=PageViewRestriction.PASSWORD, password="salainen"
    )

    # A live public service whose editor saved a new title without publishing it.
    renamed = ServicePage.objects.get(pk=others[2].pk)
    live_title = renamed.title
    renamed.title = SECRET
    renamed.save_revision(user=other_editor)
    renamed = ServicePage.objects.get(pk=renamed.pk)
    assert renamed.draft_title == SECRET and renamed.title == live_title

    own_live = ServicePage.objects.child_of(own_folder).live().order_by("pk").first()
    own_draft = copy_as_draft(own_live, own_folder, OWN_DRAFT)
    public = (
        ServicePage.objects.live()
        .public()
        .filter(locale__language_code="fi")
        .exclude(provider__slug__in=[VIEWER, OTHER])
        .order_by("pk")
        .first()
    )
    return {
        "draft": ServicePage.objects.get(pk=draft.pk),
        "archived": ServicePage.objects.get(pk=archived.pk),
        "private": ServicePage.objects.get(pk=private.pk),
        "renamed": renamed,
        "other_folder": other_folder,
        "own_folder": own_folder,
        "own_live": own_live,
        "own_draft": own_draft,
        "public": public,
    }


HIDDEN_PAGES = ("draft", "archived", "private")


def body_of(response) -> str:
    body = response.content.decode()
    if response.get("Content-Type", "").startswith("application/json"):
        body += json.dumps(json.loads(body), ensure_ascii=False)
    return body


def assert_names_none(response, hidden=HIDDEN):
    body = body_of(response)
    for text in hidden:
        assert text not in body, text
    return body


# --- 1. Service lists, favourites and the service card -----------------------------------------
def list_form(name, page_ids, existing_items=()):
    data = {
        "name": name,
        "description": "",
        "items-TOTAL_FORMS": str(len(existing_items) + len(page_ids)),
        "items-INITIAL_FORMS": str(len(existing_items)),
        "items-MIN_NUM_FORMS": "0",
        "items-MAX_NUM_FORMS": "1000",
    }
    rows = [(item.pk, item.page_id) for item in existing_items] + [(None, p) for p in page_ids]
    for i, (item_id, page_id) in enumerate(rows):
        data[f"items-{i}-id"] = item_id or ""
        data[f"items-{i}-page"] = page_id
        data[f"items-{i}-ORDER"] = str(i + 1)
        data[f"items-{i}-DELETE"] = ""
    return data


@pytest.mark.parametrize("username", PICKERS)
def test_service_list_refuses_a_page_the_owner_may_not_pick(username, world, user):
    client = client_for(user(username))
    for key in HIDDEN_PAGES:
        response = client.post(
            reverse("service-lists:add"), list_form(f"Lista {key}", [world[key].pk])
        )
        assert response.status_code == 200, key
        assert response.context["form"].formsets["items"].errors[0]["page"], key
        assert_names_none(response)
    assert not ServiceList.objects.filter(name__startswith="Lista ").exists()

    # Editing an existing list: the forged row is refused and nothing changes.
    own = ServiceList.objects.create(owner=user(username), name="Oma")
    own.add(world["public"])
    items = list(own.items.all())
    for key in HIDDEN_PAGES:
        response = client.post(
            reverse("service-lists:edit", args=[own.pk]),
            list_form("Muutettu", [world[key].pk], existing_items=items),
        )
        assert response.status_code == 200, key
        assert_names_none(response)
    own.refresh_from_db()
    assert own.name == "Oma"
    assert list(own.items.values_list("page_id", flat=True)) == [world["public"].pk]

    # A live public service of another provider is a valid choice.
    response = client.post(
        reverse("service-lists:add"),
        list_form("Julkiset", [world["public"].pk, world["renamed"].pk]),
    )
    assert response.status_code == 302, response.context["form"].formsets["items"].errors
    saved = ServiceList.objects.get(name="Julkiset")
    assert set(saved.items.values_list("page_id", flat=True)) == {
        world["public"].pk,
        world["renamed"].pk,
    }


def test_service_list_keeps_the_own_draft_and_an_already_chosen_page(world, user):
    """The own subtree is pickable (drafts included); a row already on the list stays valid
    even if its page can no longer be picked."""
    owner = user(f"{VIEWER}-editor")
    client = client_for(owner)
    response = client.post(reverse("service-lists:add"), list_form("Omat", [world["own_draft"].pk]))
    assert response.status_code == 302
    own = ServiceList.objects.create(owner=owner, name="Vanha")
    ServiceListItem.objects.create(service_list=own, page=world["public"], sort_order=1)
    world["public"].unpublish()
    response = client.post(
        reverse("service-lists:edit", args=[own.pk]),
        list_form("Vanha", [], existing_items=list(own.items.all())),
    )
    assert response.status_code == 302


@pytest.mark.parametrize("username", PICKERS)
def test_card_actions_refuse_services_the_user_may_not_pick(username, world, user):
    who = user(username)
    client = client_for(who)
    own_list = ServiceList.objects.create(owner=who, name="Kortilta")
    for key in HIDDEN_PAGES:
        pk = world[key].pk
        for url, data in (
            (reverse("services_favourite", args=[pk]), {}),
            (reverse("services_add_to_list", args=[pk]), {"service_list": own_list.pk}),
            (reverse("services_card", args=[pk]), None),
            (reverse("services_change_request", args=[pk]), None),
        ):
            response = client.post(url, data) if data is not None else client.get(url)
            assert response.status_code in (302, 403, 404), (key, url, response.status_code)
            if response.status_code == 302:
                assert response.url == reverse("wagtailadmin_home"), (key, url)
            assert_names_none(client.get(url, follow=True) if data is None else response)
    assert not Favourite.objects.filter(user=who).exists()
    assert not own_list.items.exists()
    # A live public service of another provider still works.
    pk = world["public"].pk
    client.post(reverse("services_favourite", args=[pk]))
    client.post(reverse("services_add_to_list", args=[pk]), {"service_list": own_list.pk})
    assert Favourite.objects.filter(user=who, page_id=pk).exists()
    assert list(own_list.items.values_list("page_id", flat=True)) == [pk]
    assert client.get(reverse("services_card", args=[pk])).status_code == 200


def test_owner_of_the_private_service_keeps_its_card(world, user):
    client = client_for(user(f"{OTHER}-editor"))
    response = client.get(reverse("services_card", args=[world["private"].pk]))
    assert response.status_code == 200
    assert PRIVATE in response.content.decode()


# --- 2. Draft titles of live pages --------------------------------------------------------------
def chooser_urls(world):
    renamed = world["renamed"]
    search = reverse("wagtailadmin_choose_page_search")
    child = reverse("wagtailadmin_choose_page_child", args=[world["other_folder"].pk])
    return [
        child,
        child + "?page_type=services.servicepage",
        child + "?multiple=1",
        f"{search}?q={renamed.title}",
        f"{search}?q={renamed.title}&page_type=services.servicepage",
        f"{search}?q={renamed.title}&multiple=1",
        f"{search}?q=SECRET",
        reverse("wagtailadmin_choose_page_chosen_multiple") + f"?id={renamed.pk}",
    ]


@pytest.mark.parametrize("username", PICKERS)
def test_chooser_names_another_organisations_live_page_by_its_live_title(username, world, user):
    client = client_for(user(username))
    renamed = world["renamed"]
    shown = ""
    for url in chooser_urls(world):
        response = client.get(url)
        assert response.status_code == 200, url
        shown += assert_names_none(response, [SECRET])
    assert renamed.title in shown


def test_the_pages_own_editors_see_the_draft_title(world, user):
    renamed = world["renamed"]
    for username in (f"{OTHER}-editor", f"{OTHER}-main", "helsinki-producer"):
        client = client_for(user(username))
        body = body_of(client.get(reverse("wagtailadmin_explore", args=[world["other_folder"].pk])))
        assert SECRET in body, username
        body = body_of(
            client.get(reverse("wagtailadmin_choose_page_child", args=[world["other_folder"].pk]))
        )
        assert SECRET in body, username
        body = body_of(
            client.get(reverse("wagtailadmin_choose_page_chosen_multiple") + f"?id={renamed.pk}")
        )
        assert SECRET in body, username


def test_explorer_and_sidebar_name_ancestors_by_their_live_titles(world, user):
    """A provider sees the municipality folders above its own folders; a title change saved
    there by the municipality is not the provider's to see."""
    municipality = MunicipalityFolderPage.objects.get(pk=world["other_folder"].get_parent().pk)
    municipality.title = "SECRET FOLDER TITLE"
    municipality.save_revision(user=user("helsinki-producer"))
    catalogue = municipality.get_parent()
    client = client_for(user(f"{VIEWER}-editor"))
    for url in (
        reverse("wagtailadmin_explore", args=[catalogue.pk]),
        reverse("wagtailadmin_explore", args=[world["own_folder"].pk]),
        f"/admin/api/main/pages/?child_of={catalogue.pk}&for_explorer=1",
        f"/admin/api/main/pages/{municipality.pk}/",
        reverse("wagtailadmin_choose_page_child", args=[catalogue.pk]),
        reverse("wagtailadmin_choose_page_child", args=[municipality.pk]),
    ):
        response = client.get(url)
        assert response.status_code == 200, url
        assert_names_none(response, ["SECRET FOLDER TITLE"])
    # The municipality's own users may edit the folder: they see the draft title.
    producer = client_for(user("helsinki-producer"))
    body = body_of(producer.get(reverse("wagtailadmin_explore", args=[municipality.pk])))
    assert "SECRET FOLDER TITLE" in body


def test_see_also_row_names_another_organisations_page_by_its_live_title(world, user):
    own = world["own_live"]
    RelatedService.objects.create(page=own, service=world["renamed"], sort_order=1)
    own.save_revision(user=user(f"{VIEWER}-editor"))
    client = client_for(user(f"{VIEWER}-editor"))
    body = assert_names_none(
        client.get(reverse("wagtailadmin_pages:edit", args=[own.pk])), [SECRET]
    )
    assert world["renamed"].title in body


# --- 3. Page and document ids typed by hand into rich text ------------------------------------
def forged_link(page_id, text="linkki"):
    return f'<p>Katso <a linktype="page" id="{page_id}">{text}</a>.</p>'


@pytest.mark.parametrize("username", [f"{VIEWER}-editor", f"{VIEWER}-main"])
def test_rich_text_link_typed_by_hand_resolves_only_to_pickable_pages(username, world, user):
    """The editor posts a link entity with another organisation's page id: saving is allowed
    (the id names nothing), but neither the editor nor the service card resolves it."""
    own = world["own_live"]
    client = client_for(user(username))
    hidden_ids = [world[key].pk for key in HIDDEN_PAGES]
    html = "".join(forged_link(pk) for pk in [*hidden_ids, world["public"].pk])
    data = service_form_data(own, participation=rich_text(html))
    response = client.post(reverse("wagtailadmin_pages:edit", args=[own.pk]), data)
    assert response.status_code == 302, body_of(response)[:3000]
    latest = ServicePage.objects.get(pk=own.pk).get_latest_revision_as_object()
    for pk in hidden_ids:
        assert f'id="{pk}"' in latest.participation

    edit = client.get(reverse("wagtailadmin_pages:edit", args=[own.pk]))
    body = assert_names_none(edit)
    assert world["public"].url in body  # a pickable page still resolves
    preview = client.post(reverse("wagtailadmin_pages:preview_on_edit", args=[own.pk]), data)
    assert preview.status_code == 200
    assert_names_none(client.get(reverse("wagtailadmin_pages:preview_on_edit", args=[own.pk])))

    # Published: the card shows the text to every admin user, the page's own editors included.
    # It is the site's rendering (the API's rich text): a link to a published service opens
    # its page on the site; a link to an unpublished page resolves for nobody, not even for
    # that page's own editors (who see their page in the editor).
    latest.save_revision(user=user("helsinki-producer")).publish()
    for reader in (username, "helsinki-expert", "espoo-producer", f"{OTHER}-editor"):
        card = client_for(user(reader)).get(reverse("services_card", args=[own.pk]))
        assert card.status_code == 200
        assert_names_none(card)
        body = card.content.decode()
        assert f'/services/{world["public"].pk}/" data-service-id="{world["public"].pk}"' in body
        assert world["draft"].url not in body


def test_rich_text_link_to_the_own_draft_resolves(world, user):
    own = world["own_live"]
    ServicePage.objects.filter(pk=own.pk).update(participation=forged_link(world["own_draft"].pk))
    client = client_for(user(f"{VIEWER}-editor"))
    body = body_of(client.get(reverse("wagtailadmin_pages:edit", args=[own.pk])))
    assert world["own_draft"].url in body


def test_rich_text_document_link_typed_by_hand(world, user):
    """An internal attachment's id typed into a provider's text: neither its file name nor its
    address is shown to those who may not open it."""
    from wagtail.documents import get_document_model

    internal = (
        get_document_model()
        .objects.filter(collection__name="Sisäiset liitteet")
        .order_by("pk")
        .first()
    )
    own = world["own_live"]
    own = ServicePage.objects.get(pk=own.pk)
    link = f'<p>Katso <a linktype="document" id="{internal.pk}">liite</a>.</p>'
    own.description = [("paragraph", RichText(link))]
    own.save_revision(user=user("helsinki-producer")).publish()
    secret = [internal.filename, internal.url]
    for username in (f"{VIEWER}-editor", f"{VIEWER}-main"):
        client = client_for(user(username))
        assert_names_none(client.get(reverse("wagtailadmin_pages:edit", args=[own.pk])), secret)
        assert_names_none(client.get(reverse("services_card", args=[own.pk])), secret)
    # A municipal user may open internal attachments: the link resolves on the card.
    card = client_for(user("helsinki-expert")).get(reverse("services_card", args=[own.pk]))
    assert internal.url in card.content.decode()


def test_chooser_blocks_typed_by_hand(world, user):
    """A "page in the manual" link block (public resources, internal links) with another
    organisation's page id: not saved from a POST, and a stored one names nothing in the
    editor or on the card."""
    own = world["own_live"]
    editor = client_for(user(f"{VIEWER}-editor"))
    for key in HIDDEN_PAGES:
        link = {"title": "Linkki", "url": "", "page": world[key].pk, "description": ""}
        data = service_form_data(own)
        data.update(nested_form_data({"resources": streamfield([("link", link)])}))
        response = editor.post(reverse("wagtailadmin_pages:edit", args=[own.pk]), data)
        assert response.status_code == 200, key  # "Give either an address or a page."
        assert_names_none(response)
        latest = ServicePage.objects.get(pk=own.pk).get_latest_revision_as_object()
        assert not [b for b in latest.resources if b.block_type == "link" and b.value["page"]], key

    # Stored values (an older link, or one written around the form) name nothing either.
    own = ServicePage.objects.get(pk=own.pk)
    links = [
        {"type": "link", "value": {"title": f"L{i}", "url": "", "page": world[key].pk}}
        for i, key in enumerate((*HIDDEN_PAGES, "public"))
    ]
    own.resources = links
    own.internal = [
        {
            "type": "links",
            "value": [{"title": f"S{i}", "url": "", "page": world[key].pk} for key in HIDDEN_PAGES],
        }
        for i in range(1)
    ]
    own.save_revision(user=user("helsinki-producer")).publish()
    body = assert_names_none(editor.get(reverse("wagtailadmin_pages:edit", args=[own.pk])))
    assert reverse("wagtailadmin_pages:edit", args=[world["public"].pk]) in body
    # The card is the site's rendering: a link to an unpublished page names it for nobody,
    # the linked pages' own editors included (helsinki-producer edits them all).
    for reader in ("helsinki-expert", "espoo-producer", f"{VIEWER}-editor", "helsinki-producer"):
        card = client_for(user(reader)).get(reverse("services_card", args=[own.pk]))
        assert card.status_code == 200
        assert_names_none(card)
    # The link to the public page is kept, opening its page on the site.
    card = client_for(user("helsinki-producer")).get(reverse("services_card", args=[own.pk]))
    assert f"/services/{world['public'].pk}/" in card.content.decode()


def external_link(client, url):
    return client.post(
        reverse("wagtailadmin_choose_page_external_link"),
        {"external-link-chooser-url": url, "external-link-chooser-link_text": ""},
    )


@pytest.mark.parametrize("username", [f"{VIEWER}-editor", "helsinki-expert"])
def test_typed_address_converts_only_to_pickable_pages(username, world, user):
    client = client_for(user(username))
    private = world["private"]
    response = external_link(client, private.full_url)
    assert response.status_code == 200
    data = response.json()
    assert_names_none(response, [PRIVATE])  # the typed address itself is echoed back
    assert "id" not in data.get("result", {}) and "internal" not in data, data

    renamed = world["renamed"]
    response = external_link(client, renamed.full_url)
    data = response.json()
    internal = data.get("internal") or data["result"]
    assert internal["id"] == renamed.pk, data
    assert internal["adminTitle"] == renamed.title
    assert_names_none(response, [SECRET])
    response = external_link(client, renamed.full_url + "?utm=1")  # the confirmation step
    assert_names_none(response, [SECRET])
    assert response.json()["step"] == "confirm_external_to_internal"

    # The page's own editors convert their own private page.
    response = external_link(client_for(user(f"{OTHER}-editor")), private.full_url)
    data = response.json()
    assert (data.get("internal") or data["result"])["id"] == private.pk


def test_admin_viewer_is_not_set_outside_the_admin(world, user):
    """Titles and links of the API and of code outside a request are unchanged."""
    renamed = Page.objects.get(pk=world["renamed"].pk)
    assert renamed.get_admin_display_title() == SECRET
