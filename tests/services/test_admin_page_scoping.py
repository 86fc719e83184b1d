"""Admin visibility of pages (issue 11, item 3; docs/security.md): no admin screen lists or
names another organisation's draft, archived or in-review page.

The rule is `services.permissions.pages_visible_in_admin`: a user sees the subtrees where it
holds page permissions (and the ancestors on the way), plus, where it picks a page (page
chooser: "see also", rich-text links, service lists, move and copy targets), every live page
without a view restriction. Each test creates pages of ANOTHER provider with unique titles and
checks every screen, HTML and JSON, as a provider editor and a provider main user; the last
tests do the same for municipal users and translators.
"""

import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from wagtail.admin.views.bulk_action.registry import bulk_action_registry
from wagtail.documents import get_document_model
from wagtail.models import Locale, Page, Task
from wagtail.snippets.models import get_snippet_models
from wagtail_localize.models import Translation

from services.admin_visibility import VisibleObjectsOnly
from services.models import Contact, MunicipalityFolderPage, ProviderFolderPage, ServicePage
from services.permissions import pages_visible_in_admin
from tests.clients import client_for

pytestmark = pytest.mark.django_db

DRAFT = "ZQX-VIERAS-LUONNOS-3301"  # another provider's draft, in review and locked
ARCHIVED = "ZQX-VIERAS-ARKISTOITU-3302"  # another provider's archived (unpublished) service
OWN_DRAFT = "ZQX-OMA-LUONNOS-3303"  # the viewer's own organisation's draft
HIDDEN = (DRAFT, ARCHIVED)

VIEWER = "kielikulma"  # provider with folders under Helsinki, Espoo and the English catalogue
OTHER = "rekrytointi"  # provider with a folder under Helsinki
PROVIDER_USERS = [f"{VIEWER}-editor", f"{VIEWER}-main"]


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
    other_folder = folder(OTHER)
    own_folder = folder(VIEWER)
    others = list(ServicePage.objects.child_of(other_folder).live().order_by("pk"))
    other_editor = user(f"{OTHER}-editor")

    draft = copy_as_draft(others[0], other_folder, DRAFT, other_editor)
    draft.get_workflow().start(draft, other_editor)  # in review: workflow reports, dashboard
    Page.objects.filter(pk=draft.pk).update(
        locked=True, locked_by=other_editor, locked_at=timezone.now()
    )

    archived = others[1]
    archived.title = archived.draft_title = ARCHIVED
    archived.save_revision(user=other_editor).publish()
    ServicePage.objects.get(pk=archived.pk).unpublish(user=user("helsinki-producer"))
    ServicePage.objects.filter(pk=archived.pk).update(archived_at=timezone.now())

    own_live = ServicePage.objects.child_of(own_folder).live().order_by("pk").first()
    own_draft = copy_as_draft(own_live, own_folder, OWN_DRAFT)
    # A live public service of a third provider: what "see also" may pick.
    public = (
        ServicePage.objects.live()
        .filter(locale__language_code="fi")
        .exclude(provider__slug__in=[VIEWER, OTHER])
        .order_by("pk")
        .first()
    )
    return {
        "draft": ServicePage.objects.get(pk=draft.pk),
        "archived": ServicePage.objects.get(pk=archived.pk),
        "other_folder": other_folder,
        "own_folder": own_folder,
        "own_live": own_live,
        "own_draft": own_draft,
        "public": public,
        "municipality": other_folder.get_parent(),
        "catalogue": other_folder.get_parent().get_parent(),
    }


def body_of(response) -> str:
    body = response.content.decode()
    if response.get("Content-Type", "").startswith("application/json"):
        # Modal responses carry their HTML in JSON: decode the escapes.
        body += json.dumps(json.loads(body), ensure_ascii=False)
    return body


def assert_hidden(client, url, hidden=HIDDEN, *, method="get"):
    """The response (and where it redirects to) names none of `hidden`: any refusal will do."""
    response = getattr(client, method)(url, follow=True)
    allowed = (200, 400, 403, 404, 405)
    assert response.status_code in allowed, (url, response.status_code)
    body = body_of(response)
    for title in hidden:
        assert title not in body, (url, title)
    return body


def assert_refused(client, url, hidden=HIDDEN, method="get"):
    """The screen is refused (404, 403 or Wagtail's redirect home) and names nothing."""
    response = getattr(client, method)(url)
    assert response.status_code in (302, 403, 404, 405), (url, response.status_code)
    if response.status_code == 302:
        assert "/login/" in response["Location"] or response["Location"] in ("/admin/",), (
            url,
            response["Location"],
        )
    assert_hidden(client, url, hidden)


# --- Explorer, admin search, the sidebar explorer (admin API) --------------------------------
@pytest.mark.parametrize("username", PROVIDER_USERS)
def test_explorer_lists_own_subtree_only(username, world, user):
    client = client_for(user(username))
    for page in ("catalogue", "municipality", "own_folder"):
        url = reverse("wagtailadmin_explore", args=[world[page].pk])
        for query in ("", "?q=ZQX", "?q=ZQX&search_all=1", "?has_unpublished_changes=true"):
            assert_hidden(client, url + query)
    body = assert_hidden(client, reverse("wagtailadmin_explore", args=[world["own_folder"].pk]))
    assert OWN_DRAFT in body


@pytest.mark.parametrize("username", PROVIDER_USERS)
def test_explorer_of_another_organisations_page_sends_to_own_part(username, world, user):
    """As Wagtail does for pages outside the user's part of the tree: a redirect to its top."""
    from django.urls import resolve

    who = user(username)
    client = client_for(who)
    for page in ("draft", "archived", "other_folder"):
        for name in ("wagtailadmin_explore", "wagtailadmin_explore_results"):
            for query in ("", "?q=ZQX"):
                url = reverse(name, args=[world[page].pk]) + query
                response = client.get(url)
                assert response.status_code == 302, (url, response.status_code)
                target = resolve(response["Location"]).kwargs["parent_page_id"]
                assert pages_visible_in_admin(who).filter(pk=target).exists()
                assert_hidden(client, url)


@pytest.mark.parametrize("username", PROVIDER_USERS)
def test_admin_page_search(username, world, user):
    client = client_for(user(username))
    for name in ("wagtailadmin_pages:search", "wagtailadmin_pages:search_results"):
        body = assert_hidden(client, reverse(name) + "?q=ZQX")
        assert OWN_DRAFT in body
        assert_hidden(client, reverse(name) + "?q=ZQX&content_type=services.servicepage")


@pytest.mark.parametrize("username", PROVIDER_USERS)
def test_sidebar_explorer_api(username, world, user):
    client = client_for(user(username))
    api = "/admin/api/main/pages/"
    for parent in ("root", world["catalogue"].pk, world["municipality"].pk):
        assert_hidden(client, f"{api}?child_of={parent}&for_explorer=1")
    assert_hidden(client, f"{api}?child_of={world['other_folder'].pk}&for_explorer=1")
    assert_hidden(client, f"{api}?child_of={world['other_folder'].pk}")
    assert_hidden(client, f"{api}?descendant_of={world['municipality'].pk}")
    assert_hidden(client, f"{api}?search=ZQX")
    for page in ("draft", "archived"):
        assert_hidden(client, f"{api}{world[page].pk}/")
        assert_hidden(client, f"{api}find/?id={world[page].pk}")
        assert_hidden(client, f"{api}?id={world[page].pk}")
    response = client.get(f"{api}?child_of={world['own_folder'].pk}&for_explorer=1")
    assert OWN_DRAFT in body_of(response)


# --- Page chooser: "see also", rich-text links, move and copy destinations --------------------
CHOOSER_PARAMS = ("", "?page_type=services.servicepage", "?multiple=1", "?user_perms=copy_to")


@pytest.mark.parametrize("username", PROVIDER_USERS)
def test_page_chooser_browse(username, world, user):
    client = client_for(user(username))
    for params in CHOOSER_PARAMS:
        assert_hidden(client, reverse("wagtailadmin_choose_page") + params)
        for page in ("catalogue", "municipality", "other_folder", "own_folder"):
            assert_hidden(
                client, reverse("wagtailadmin_choose_page_child", args=[world[page].pk]) + params
            )
    # Another provider's live public services may be picked ("see also").
    public = world["public"]
    body = assert_hidden(
        client,
        reverse("wagtailadmin_choose_page_child", args=[public.get_parent().pk])
        + "?page_type=services.servicepage",
    )
    assert public.title in body
    body = assert_hidden(
        client, reverse("wagtailadmin_choose_page_child", args=[world["other_folder"].pk])
    )
    assert world["other_folder"].get_children().live().first().title in body
    body = assert_hidden(
        client, reverse("wagtailadmin_choose_page_child", args=[world["own_folder"].pk])
    )
    assert OWN_DRAFT in body


@pytest.mark.parametrize("username", PROVIDER_USERS)
def test_page_chooser_on_another_organisations_page_is_not_found(username, world, user):
    client = client_for(user(username))
    for page in ("draft", "archived"):
        url = reverse("wagtailadmin_choose_page_child", args=[world[page].pk])
        assert client.get(url).status_code == 404
        assert_hidden(client, url)


@pytest.mark.parametrize("username", PROVIDER_USERS)
def test_page_chooser_search(username, world, user):
    client = client_for(user(username))
    search = reverse("wagtailadmin_choose_page_search")
    for params in ("", "&page_type=services.servicepage", "&multiple=1"):
        body = assert_hidden(client, f"{search}?q=ZQX{params}")
        assert OWN_DRAFT in body
    public = world["public"]
    body = assert_hidden(client, f"{search}?q={public.title}&page_type=services.servicepage")
    assert public.title in body


@pytest.mark.parametrize("username", PROVIDER_USERS)
def test_page_chooser_chosen_multiple(username, world, user):
    client = client_for(user(username))
    ids = "&".join(f"id={world[page].pk}" for page in ("draft", "archived", "public", "own_draft"))
    body = assert_hidden(client, reverse("wagtailadmin_choose_page_chosen_multiple") + "?" + ids)
    assert OWN_DRAFT in body and world["public"].title in body


@pytest.mark.parametrize("username", PROVIDER_USERS)
def test_see_also_chooser_of_own_service(username, world, user):
    """The chooser exactly as the "see also" field of the own service's edit form opens it."""
    client = client_for(user(username))
    edit = client.get(reverse("wagtailadmin_pages:edit", args=[world["own_live"].pk]))
    assert edit.status_code == 200
    assert "services.servicepage" in edit.content.decode()
    chooser = reverse("wagtailadmin_choose_page") + "?page_type=services.servicepage"
    assert_hidden(client, chooser)
    assert_hidden(
        client,
        reverse("wagtailadmin_choose_page_search") + "?q=ZQX&page_type=services.servicepage",
    )


# --- Bulk actions ------------------------------------------------------------------------------
def page_bulk_actions():
    return sorted(
        action.action_type
        for action in bulk_action_registry.get_bulk_actions_for_model("wagtailcore", "page")
    )


def test_every_bulk_action_applies_the_rule():
    models = [("wagtailcore", "page"), ("wagtaildocs", "document"), ("wagtailimages", "image")]
    models += [(m._meta.app_label, m._meta.model_name) for m in get_snippet_models()]
    for app_label, model_name in models:
        for action in bulk_action_registry.get_bulk_actions_for_model(app_label, model_name):
            assert issubclass(action, VisibleObjectsOnly), (app_label, model_name, action)
    assert {"delete", "move", "publish", "unpublish"} <= set(page_bulk_actions())


@pytest.mark.parametrize("username", PROVIDER_USERS)
def test_page_bulk_action_confirm_pages(username, world, user):
    client = client_for(user(username))
    hidden_ids = f"id={world['draft'].pk}&id={world['archived'].pk}"
    for action in page_bulk_actions():
        url = f"/admin/bulk/wagtailcore/page/{action}/"
        assert_hidden(client, f"{url}?{hidden_ids}")
        assert_hidden(
            client, f"{url}?{hidden_ids}&id={world['public'].pk}", (*HIDDEN, world["public"].title)
        )
        assert_hidden(client, f"{url}?id=all&childOf={world['other_folder'].pk}")
        assert_hidden(client, f"{url}?id=all&childOf={world['municipality'].pk}&q=ZQX")
        body = assert_hidden(client, f"{url}?{hidden_ids}&id={world['own_draft'].pk}")
        assert OWN_DRAFT in body, action
        # Carrying the action out changes nothing of the others' pages, and names none.
        response = client.post(f"{url}?{hidden_ids}", {"include_descendants": ""}, follow=True)
        assert all(title not in body_of(response) for title in HIDDEN), action
    assert Page.objects.filter(pk=world["draft"].pk, live=False).exists()
    assert Page.objects.filter(pk=world["archived"].pk, live=False).exists()


@pytest.mark.parametrize("username", PROVIDER_USERS)
def test_snippet_and_document_bulk_actions(username, world, user):
    client = client_for(user(username))
    contact = Contact.objects.filter(visibility="internal").order_by("pk").first()
    assert_hidden(client, f"/admin/bulk/services/contact/delete/?id={contact.pk}", [contact.name])
    internal = list(
        get_document_model().objects.filter(collection__name="Sisäiset liitteet").order_by("pk")
    )
    ids = "&".join(f"id={document.pk}" for document in internal)
    for action in ("delete", "add_tags", "add_to_collection"):
        assert_hidden(
            client, f"/admin/bulk/wagtaildocs/document/{action}/?{ids}", [d.title for d in internal]
        )


# --- Screens of one page -----------------------------------------------------------------------
@pytest.mark.parametrize("username", PROVIDER_USERS)
def test_screens_of_another_organisations_page(username, world, user):
    client = client_for(user(username))
    draft, archived = world["draft"], world["archived"]
    task = Task.objects.filter(active=True).first()
    for page in (draft, archived):
        pk = page.pk
        revision = page.latest_revision_id
        for url in (
            reverse("wagtailadmin_pages:edit", args=[pk]),
            reverse("wagtailadmin_pages:view_draft", args=[pk]),
            reverse("wagtailadmin_pages:preview_on_edit", args=[pk]),
            reverse("wagtailadmin_pages:history", args=[pk]),
            reverse("wagtailadmin_pages:history_results", args=[pk]),
            reverse("wagtailadmin_pages:usage", args=[pk]),
            reverse("wagtailadmin_pages:workflow_history", args=[pk]),
            reverse("wagtailadmin_pages:revisions_index", args=[pk]),
            reverse("wagtailadmin_pages:revisions_view", args=[pk, revision]),
            reverse("wagtailadmin_pages:revisions_compare", args=[pk, "earliest", "latest"]),
            reverse("wagtailadmin_pages:copy", args=[pk]),
            reverse("wagtailadmin_pages:move", args=[pk]),
            reverse("wagtailadmin_pages:delete", args=[pk]),
            reverse("wagtailadmin_pages:unpublish", args=[pk]),
            reverse("wagtailadmin_pages:set_privacy", args=[pk]),
            reverse("wagtailadmin_pages:add_subpage", args=[pk]),
            reverse("wagtailadmin_pages:workflow_preview", args=[pk, task.pk]),
            reverse("wagtailadmin_pages:confirm_workflow_cancellation", args=[pk]),
            reverse("wagtailadmin_pages:move_confirm", args=[pk, world["own_folder"].pk]),
            reverse("wagtailadmin_pages:move_confirm", args=[world["own_live"].pk, pk]),
            reverse("services_card", args=[pk]),
        ):
            assert_hidden(client, url)
        assert_refused(client, reverse("wagtailadmin_pages:edit", args=[pk]))
        assert_refused(client, reverse("wagtailadmin_pages:view_draft", args=[pk]))
        assert_refused(client, reverse("wagtailadmin_pages:move_confirm", args=[pk, pk]))
        assert_refused(
            client,
            reverse("wagtailadmin_pages:move_confirm", args=[world["own_live"].pk, pk]),
        )


# --- Reports and the dashboard -----------------------------------------------------------------
REPORTS = (
    "wagtailadmin_home",
    "wagtailadmin_reports:locked_pages",
    "wagtailadmin_reports:aging_pages",
    "wagtailadmin_reports:site_history",
    "wagtailadmin_reports:workflow",
    "wagtailadmin_reports:workflow_tasks",
    "wagtailadmin_reports:page_types_usage",
    "services_sla_report",
)


@pytest.mark.parametrize("username", PROVIDER_USERS)
def test_reports_and_dashboard(username, world, user):
    client = client_for(user(username))
    for name in REPORTS:
        assert_hidden(client, reverse(name))
    assert_hidden(client, reverse("wagtailadmin_pages:type_use", args=["services", "servicepage"]))


# --- Municipal users and translators -----------------------------------------------------------
def test_helsinki_producer_sees_own_municipalitys_drafts(world, user):
    """The rule is by subtree: the responsible municipality sees the provider's draft."""
    client = client_for(user("helsinki-producer"))
    body = body_of(client.get(reverse("wagtailadmin_choose_page_search") + "?q=ZQX"))
    assert DRAFT in body and ARCHIVED in body
    body = body_of(client.get(reverse("wagtailadmin_explore", args=[world["other_folder"].pk])))
    assert DRAFT in body


@pytest.mark.parametrize(
    "username", ["espoo-producer", "espoo-main", "helsinki-expert", "yllapito-translator"]
)
def test_municipal_users_and_translators_see_no_drafts_outside_their_subtree(username, world, user):
    client = client_for(user(username))
    search = reverse("wagtailadmin_choose_page_search")
    body = assert_hidden(client, f"{search}?q=ZQX")
    body = assert_hidden(client, f"{search}?q={world['public'].title}")
    assert world["public"].title in body
    assert_hidden(
        client, reverse("wagtailadmin_choose_page_child", args=[world["other_folder"].pk])
    )
    assert_hidden(client, reverse("wagtailadmin_choose_page_child", args=[world["draft"].pk]))
    ids = f"id={world['draft'].pk}&id={world['archived'].pk}"
    assert_hidden(client, reverse("wagtailadmin_choose_page_chosen_multiple") + "?" + ids)
    for action in page_bulk_actions():
        assert_hidden(client, f"/admin/bulk/wagtailcore/page/{action}/?{ids}")
    for page in ("draft", "archived"):
        assert_hidden(client, reverse("wagtailadmin_explore", args=[world[page].pk]))
        assert_hidden(client, reverse("wagtailadmin_pages:edit", args=[world[page].pk]))
        assert_hidden(client, f"/admin/api/main/pages/{world[page].pk}/")
        assert_hidden(
            client, reverse("wagtail_localize:submit_page_translation", args=[world[page].pk])
        )
    assert_hidden(client, reverse("wagtailadmin_pages:search") + "?q=ZQX")
    for name in REPORTS:
        assert_hidden(client, reverse(name))


@pytest.fixture
def raasepori_draft_translation(user, django_capture_on_commit_callbacks):
    """A Raasepori provider's draft, submitted for Swedish translation by a maintainer."""
    municipality = MunicipalityFolderPage.objects.get(
        organisation__slug="raasepori", locale__language_code="fi"
    )
    provider_folder = ProviderFolderPage.objects.child_of(municipality).first()
    source = ServicePage.objects.child_of(provider_folder).live().first()
    draft = copy_as_draft(source, provider_folder, DRAFT)
    swedish = Locale.objects.get(language_code="sv")
    url = reverse("wagtail_localize:submit_page_translation", args=[draft.pk])
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(user("yllapito-maintainer")).post(url, {"locales": [swedish.pk]})
    assert response.status_code == 302
    return draft, Translation.objects.get(source__object_id=draft.translation_key)


@pytest.mark.parametrize("username", ["espoo-producer", "helsinki-expert", "raasepori-expert"])
def test_translation_screens_hide_other_municipalities_drafts(
    username, raasepori_draft_translation, user
):
    draft, translation = raasepori_draft_translation
    client = client_for(user(username))
    hidden = [DRAFT]
    report = reverse("wagtail_localize:translations_report")
    assert_hidden(client, report, hidden)
    assert_hidden(client, reverse("wagtail_localize:translations_report_results"), hidden)
    assert_hidden(
        client, reverse("wagtail_localize:submit_page_translation", args=[draft.pk]), hidden
    )
    assert_hidden(
        client,
        reverse("wagtail_localize:update_translations", args=[translation.source_id]),
        hidden,
    )


def test_translator_of_the_target_catalogue_keeps_the_translation(
    raasepori_draft_translation, user
):
    """The Swedish draft lies in the translators' own subtree (the Swedish and English
    catalogues): their work stays listed."""
    draft, translation = raasepori_draft_translation
    for username in ("raasepori-translator", "yllapito-translator"):
        client = client_for(user(username))
        body = body_of(client.get(reverse("wagtail_localize:translations_report")))
        assert DRAFT in body, username


# --- The rule itself and its cost ----------------------------------------------------------------
def test_rule_per_role(world, user):
    hidden = {world["draft"].pk, world["archived"].pk}
    for username in (*PROVIDER_USERS, "espoo-producer", "helsinki-expert", "tyovalmennus-editor"):
        who = user(username)
        for with_public in (False, True):
            visible = set(
                pages_visible_in_admin(who, with_public=with_public).values_list("pk", flat=True)
            )
            assert not hidden & visible, (username, with_public)
        public = pages_visible_in_admin(who, with_public=True)
        assert public.filter(pk=world["public"].pk).exists(), username
    assert {world["own_draft"].pk, world["own_folder"].pk} <= set(
        pages_visible_in_admin(user(f"{VIEWER}-editor")).values_list("pk", flat=True)
    )
    assert (
        not pages_visible_in_admin(user(f"{VIEWER}-editor")).filter(pk=world["public"].pk).exists()
    )
    assert hidden <= set(
        pages_visible_in_admin(user("helsinki-producer")).values_list("pk", flat=True)
    )
    assert pages_visible_in_admin(user("yllapito-maintainer")).count() == Page.objects.count()


def _queries(client, url):
    client.get(url)
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    return len(ctx.captured_queries)


@pytest.mark.parametrize("screen", ["explorer", "sidebar explorer", "explorer search"])
def test_the_rule_adds_no_queries_per_row(screen, world, user, monkeypatch):
    """Wagtail's explorer itself asks a query or two per row for a provider (whether the page
    may be deleted); the rule adds a constant number, none per row."""
    from services import admin_visibility

    client = client_for(user(f"{VIEWER}-editor"))
    own_folder = world["own_folder"]
    url = {
        "explorer": reverse("wagtailadmin_explore", args=[own_folder.pk]),
        "explorer search": reverse("wagtailadmin_explore", args=[own_folder.pk]) + "?q=ZQX",
        "sidebar explorer": f"/admin/api/main/pages/?child_of={own_folder.pk}&for_explorer=1",
    }[screen]

    def growth():
        before = _queries(client, url)
        for n in range(4):
            copy_as_draft(world["own_live"], own_folder, f"ZQX-OMA-LISA-{growth.round}-{n}")
        growth.round += 1
        return _queries(client, url) - before

    growth.round = 0
    with_rule = growth()
    monkeypatch.setattr(admin_visibility, "sees_all_pages", lambda user: True)
    without_rule = growth()
    assert with_rule == without_rule, (with_rule, without_rule)


# --- Every admin URL that takes a page id --------------------------------------------------------
PAGE_KWARGS = ("page_id", "parent_page_id", "page_to_move_id", "destination_id", "page_pk")


def admin_page_urls():
    """(name, route, kwarg names) of every admin URL with a page id in its path."""
    from django.urls import URLPattern, URLResolver, get_resolver
    from django.urls.resolvers import RoutePattern

    def walk(patterns, prefix, namespace):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                ns = namespace
                if pattern.namespace:
                    ns = f"{namespace}:{pattern.namespace}" if namespace else pattern.namespace
                yield from walk(pattern.url_patterns, prefix + str(pattern.pattern), ns)
            elif isinstance(pattern, URLPattern) and isinstance(pattern.pattern, RoutePattern):
                converters = pattern.pattern.converters
                if pattern.name and any(k in converters for k in PAGE_KWARGS):
                    name = f"{namespace}:{pattern.name}" if namespace else pattern.name
                    yield name, prefix + str(pattern.pattern), list(converters)

    return [u for u in walk(get_resolver().url_patterns, "", "") if u[1].startswith("admin/")]


@pytest.mark.parametrize("username", [*PROVIDER_USERS, "espoo-producer", "helsinki-expert"])
def test_no_admin_url_with_a_page_id_names_another_organisations_page(username, world, user):
    draft = world["draft"]
    task_state = draft.current_workflow_task_state
    values = {
        "task_state_id": task_state.pk,
        "task_id": task_state.task_id,
        "revision_id": draft.latest_revision_id,
        "workflow_state_id": draft.current_workflow_state.pk,
        "action_name": "approve",
        "content_type_app_name": "services",
        "content_type_model_name": "servicepage",
        "destination_id": world["own_folder"].pk,
        "parent_page_id": draft.pk,
    }
    urls = admin_page_urls()
    names = {name for name, _, _ in urls}
    assert {"wagtailadmin_explore", "wagtailadmin_choose_page_child", "services_card"} <= names
    client = client_for(user(username))
    for page in ("draft", "archived"):
        for name, _, kwargs in urls:
            args = {k: values.get(k, world[page].pk) for k in kwargs}
            if "page_to_move_id" in args:
                args["page_to_move_id"] = world[page].pk
            for key in ("page_id", "parent_page_id", "page_pk"):
                if key in args:
                    args[key] = world[page].pk
            url = reverse(name, kwargs=args)
            assert_hidden(client, url)
            assert_hidden(client, url, method="post")
            if "destination_id" in args:
                args.update(page_to_move_id=world["own_live"].pk, destination_id=world[page].pk)
                assert_hidden(client, reverse(name, kwargs=args))


@pytest.mark.parametrize("username", PROVIDER_USERS)
def test_see_also_refuses_a_forged_page(username, world, user):
    """An id typed into the "see also" POST is a choice like any other: refused, and the
    form shown again does not name the page."""
    from wagtail.test.utils.form_data import inline_formset, nested_form_data

    from tests.admin_forms import service_form_data

    own = world["own_live"]
    client = client_for(user(username))
    for page in ("draft", "archived"):
        data = service_form_data(own)
        data.update(
            nested_form_data({"related_services": inline_formset([{"service": world[page].pk}])})
        )
        response = client.post(reverse("wagtailadmin_pages:edit", args=[own.pk]), data)
        assert response.status_code == 200, page
        assert all(title not in body_of(response) for title in HIDDEN), page
        latest = ServicePage.objects.get(pk=own.pk).get_latest_revision_as_object()
        assert world[page].pk not in [r.service_id for r in latest.related_services.all()]
    data = service_form_data(own)
    data.update(
        nested_form_data({"related_services": inline_formset([{"service": world["public"].pk}])})
    )
    response = client.post(reverse("wagtailadmin_pages:edit", args=[own.pk]), data)
    assert response.status_code == 302, response.content.decode()[:2000]
    related = (
        ServicePage.objects.get(pk=own.pk).get_latest_revision_as_object().related_services.all()
    )
    assert [r.service_id for r in related] == [world["public"].pk]
