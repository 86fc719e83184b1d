"""A user log row for each channel that reads internal information, none for a public or
refused read, and one INSERT for a logged listing (docs/privacy.md, "User log")."""

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from wagtail.documents import get_document_model

from services.models import ServicePage
from tests.api.gql import post, token_for
from tests.clients import client_for
from userlog import log
from userlog.models import UserLogEntry

pytestmark = pytest.mark.django_db

LIST_INTERNAL = (
    "query($limit: Int) { services(limit: $limit, locale: fi) "
    "{ items { id title internal { referral } } } }"
)
LIST_PUBLIC = "query($limit: Int) { services(limit: $limit, locale: fi) { items { id title } } }"
ALIASED = (
    "query($id: ID!) { a: service(id: $id) { internal { referral } } "
    "b: service(id: $id) { ...F } } fragment F on Service { internal { measures } }"
)


def rows(**filters):
    return list(UserLogEntry.objects.filter(**filters).order_by("pk"))


def live_fi():
    return ServicePage.objects.live().filter(locale__language_code="fi").order_by("pk")


# --- GraphQL ------------------------------------------------------------------------------
def test_api_listing_logs_each_service_once_with_one_insert(user):
    token = token_for("helsinki-expert")
    post(LIST_INTERNAL, {"limit": 1}, token=token)  # warm per-process caches
    UserLogEntry._base_manager.all().delete()  # (test reset, not the code path)
    with CaptureQueriesContext(connection) as logged:
        response = post(LIST_INTERNAL, {"limit": 20}, token=token)
    items = response.json()["data"]["services"]["items"]
    assert len(items) == 20 and all(item["internal"] is not None for item in items)
    entries = rows()
    assert len(entries) == 20
    assert {e.object_id for e in entries} == {item["id"] for item in items}
    assert {(e.action, e.channel, e.field, e.object_type) for e in entries} == {
        ("read_internal", "api", "internal", "service")
    }
    expert = user("helsinki-expert")
    assert {e.user_key for e in entries} == {expert.pk}
    assert {e.organisation.slug for e in entries} == {"helsinki"}
    assert {e.ip for e in entries} == {"127.0.0.1"}
    inserts = [q for q in logged.captured_queries if "userlog_userlogentry" in q["sql"]]
    assert len(inserts) == 1 and inserts[0]["sql"].upper().startswith("INSERT")


def test_the_log_costs_exactly_one_query_for_a_listing_of_20(monkeypatch):
    """The same document with and without the log: the log adds one query, not one per row."""
    token = token_for("helsinki-expert")
    post(LIST_INTERNAL, {"limit": 20}, token=token)  # warm
    with CaptureQueriesContext(connection) as with_log:
        post(LIST_INTERNAL, {"limit": 20}, token=token)
    monkeypatch.setattr(log, "flush", lambda request: 0)
    with CaptureQueriesContext(connection) as without_log:
        post(LIST_INTERNAL, {"limit": 20}, token=token)
    assert len(with_log) == len(without_log) + 1


def test_internal_costs_the_same_few_queries_for_5_and_20_services():
    """With `internal` against without: the log's one INSERT plus the internal data's own
    batched reads (the caller's permissions, the update pair's names...), the same for 5
    services as for 20: nothing per row."""
    token = token_for("helsinki-expert")
    post(LIST_INTERNAL, {"limit": 1}, token=token)
    counts = {}
    for limit in (5, 20):
        for name, document in (("internal", LIST_INTERNAL), ("public", LIST_PUBLIC)):
            with CaptureQueriesContext(connection) as ctx:
                post(document, {"limit": limit}, token=token)
            counts[name, limit] = len(ctx)
    extra = counts["internal", 5] - counts["public", 5]
    assert extra == counts["internal", 20] - counts["public", 20], counts


def test_aliases_and_fragments_of_one_service_are_one_row():
    service = live_fi().first()
    body = post(ALIASED, {"id": str(service.pk)}, token=token_for("espoo-producer")).json()
    assert body["data"]["a"]["internal"] is not None
    assert [(e.object_id, e.channel) for e in rows()] == [(str(service.pk), "api")]


def test_no_row_for_a_public_or_refused_read():
    # Anonymous: internal is null and nothing is logged.
    body = post(LIST_INTERNAL, {"limit": 5}).json()
    assert all(item["internal"] is None for item in body["data"]["services"]["items"])
    # A provider's user may not read internal information: null, nothing logged.
    body = post(LIST_INTERNAL, {"limit": 5}, token=token_for("tyovalmennus-main")).json()
    assert all(item["internal"] is None for item in body["data"]["services"]["items"])
    # A municipal user's public read: nothing logged.
    post(LIST_PUBLIC, {"limit": 5}, token=token_for("helsinki-expert"))
    assert rows() == []


# --- Frontend staff view and admin card -----------------------------------------------------
def test_frontend_staff_view_is_one_frontend_row(login):
    page = live_fi().first()
    response = login("vantaa-expert").get(f"/services/{page.pk}/?view=internal")
    assert response.status_code == 200
    entries = rows()
    assert [(e.object_id, e.channel, e.action) for e in entries] == [
        (str(page.pk), "frontend", "read_internal")
    ]
    assert entries[0].organisation.slug == "vantaa"
    # The customer view reads no internal information.
    login("vantaa-expert").get(f"/services/{page.pk}/")
    assert len(rows()) == 1


def test_admin_service_card_is_one_admin_row(login):
    page = live_fi().first()
    response = login("helsinki-producer").get(reverse("services_card", args=[page.pk]))
    assert response.status_code == 200
    assert [(e.object_id, e.channel) for e in rows()] == [(str(page.pk), "admin")]
    # The card's customer view does not read it.
    login("helsinki-producer").get(reverse("services_card", args=[page.pk]) + "?view=customer")
    assert len(rows()) == 1


def test_admin_preview_of_a_service_is_logged_once_as_admin(login):
    page = live_fi().first()
    client = login("helsinki-producer")
    response = client.get(reverse("wagtailadmin_pages:view_draft", args=[page.pk]))
    assert response.status_code == 200
    entries = rows()
    assert [(e.object_id, e.channel) for e in entries] == [(str(page.pk), "admin")], entries


# --- Attachments ---------------------------------------------------------------------------
def document_in(collection_name, title):
    """A document with its file (each test has its own MEDIA_ROOT)."""
    from django.core.files.base import ContentFile
    from wagtail.models import Collection

    Document = get_document_model()
    document = Document(title=title, collection=Collection.objects.get(name=collection_name))
    document.file.save(f"{title}.txt", ContentFile(b"ohje"), save=False)
    document.save()
    return document


def test_internal_attachment_download_is_logged_public_one_is_not(login):
    internal = document_in("Sisäiset liitteet", "sisainen-ohje")
    public = document_in("Julkiset liitteet", "esite")
    client = login("kerava-expert")
    assert client.get(public.url).status_code == 200
    assert rows() == []
    response = client.get(internal.url, HTTP_REFERER="http://testserver/admin/pages/1/")
    assert response.status_code == 200
    [entry] = rows()
    assert (entry.action, entry.object_type, entry.object_id, entry.field, entry.channel) == (
        "download_internal_attachment",
        "attachment",
        str(internal.pk),
        internal.filename,
        "admin",
    )
    assert entry.organisation.slug == "kerava"
    # From the frontend's staff view (no admin referer): the frontend channel.
    client.get(internal.url)
    assert rows()[-1].channel == "frontend"


def test_a_refused_attachment_download_logs_nothing(user):
    """A refused read logs nothing: nothing was disclosed (docs/privacy.md)."""
    internal = document_in("Sisäiset liitteet", "sisainen-ohje")
    response = client_for(user("tyovalmennus-editor")).get(internal.url)
    assert response.status_code in (302, 403, 404)
    assert Client().get(internal.url).status_code in (302, 403)
    assert rows() == []


# --- The localize editor -------------------------------------------------------------------
def test_translation_editor_of_a_service_is_logged(sv_pair, user):
    fi, sv = sv_pair
    client = client_for(user("raasepori-translator"))
    response = client.get(reverse("wagtailadmin_pages:edit", args=[sv.pk]))
    assert response.status_code == 200
    [entry] = rows()
    assert (entry.object_id, entry.channel, entry.detail["view"]) == (
        str(sv.pk),
        "admin",
        "translation_editor",
    )


def test_pofile_download_is_logged(sv_pair, user):
    from translations.workflow import translation_into

    fi, sv = sv_pair
    translation = translation_into(sv)
    client = client_for(user("raasepori-translator"))
    url = reverse("wagtail_localize:download_pofile", args=[translation.pk])
    assert client.get(url).status_code == 200
    [entry] = rows()
    assert (entry.object_id, entry.detail["view"]) == (str(fi.pk), "pofile_download")


def test_provider_editor_opening_its_service_logs_nothing(services, user):
    page = services("helsinki", "tyovalmennus") or live_fi().first()
    editor = client_for(user("tyovalmennus-editor"))
    editor.get(reverse("wagtailadmin_pages:edit", args=[page.pk]))
    assert rows() == []


# --- Exports of personal data ----------------------------------------------------------------
def test_a_personal_data_export_is_logged(login):
    client = login("yllapito-maintainer")
    response = client.get(reverse("partner-contacts:index") + "?export=csv")
    assert response.status_code == 200
    [entry] = rows()
    assert (entry.action, entry.object_id, entry.field, entry.channel) == (
        "export_personal_data",
        "partner-contacts:index",
        "csv",
        "admin",
    )
    # The listing itself is not an export.
    client.get(reverse("partner-contacts:index"))
    assert len(rows()) == 1


def test_every_named_personal_data_export_still_exists():
    from userlog.exports import PERSONAL_DATA_EXPORTS

    for name in PERSONAL_DATA_EXPORTS:
        assert reverse(name)
