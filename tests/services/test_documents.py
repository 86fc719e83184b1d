"""Attachments: internal ones only for municipal users, public ones for everybody."""

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse
from wagtail.blocks.struct_block import StructBlockValidationError
from wagtail.documents import get_document_model
from wagtail.models import Collection, CollectionViewRestriction
from wagtail.test.utils.form_data import nested_form_data, streamfield

from cms.roles import INTERNAL_COLLECTION, PUBLIC_COLLECTION
from services.blocks import InternalAttachmentBlock
from services.models import ServicePage
from tests.admin_forms import service_form_data

pytestmark = pytest.mark.django_db

SECRET = b"SISAINEN-LIITE-7731: vain kunnan asiantuntijoille."
PUBLIC = b"Julkinen esite: tervetuloa palveluun."
MUNICIPAL_USERS = ["helsinki-expert", "helsinki-producer", "yllapito-maintainer", "espoo-main"]


def collection(name):
    return Collection.get_first_root_node().get_children().get(name=name)


@pytest.fixture
def internal():
    return collection(INTERNAL_COLLECTION)


@pytest.fixture
def public():
    return collection(PUBLIC_COLLECTION)


def make_document(coll, content, filename="liite.txt"):
    Document = get_document_model()
    doc = Document(title=filename, collection=coll)
    doc.file.save(filename, ContentFile(content), save=False)
    doc.save()
    return doc


def download(client, doc):
    return client.get(reverse("wagtaildocs_serve", args=[doc.id, doc.filename]))


def body(response) -> bytes:
    if getattr(response, "streaming", False):
        return b"".join(response.streaming_content)
    return response.content


def assert_refused(response, content):
    assert response.status_code in (302, 403), response.status_code
    if response.status_code == 302:
        assert "login" in response["Location"]
    assert content not in body(response)


@pytest.fixture
def provider_editor_name():
    page = (
        ServicePage.objects.filter(
            responsible_municipality__slug="helsinki", locale__language_code="fi"
        )
        .order_by("pk")
        .first()
    )
    return f"{page.provider.slug}-editor"


@pytest.fixture
def subcollection(internal):
    return internal.add_child(name="Helsingin sisäiset liitteet")


# --- serving -------------------------------------------------------------------------------------


def test_internal_collection_is_restricted_to_groups(internal):
    restriction = CollectionViewRestriction.objects.get(collection=internal)
    assert restriction.restriction_type == CollectionViewRestriction.GROUPS
    assert restriction.groups.exists()


@pytest.mark.parametrize("username", MUNICIPAL_USERS)
@pytest.mark.parametrize("where", ["internal", "subcollection"])
def test_municipal_users_download_internal_attachments(login, request, username, where):
    doc = make_document(request.getfixturevalue(where), SECRET)
    response = download(login(username), doc)
    assert response.status_code == 200
    assert body(response) == SECRET


@pytest.mark.parametrize("where", ["internal", "subcollection"])
def test_anonymous_users_are_sent_to_login(client, request, where):
    doc = make_document(request.getfixturevalue(where), SECRET)
    response = download(client, doc)
    assert response.status_code == 302
    assert "login" in response["Location"]
    assert SECRET not in body(response)


@pytest.mark.parametrize("where", ["internal", "subcollection"])
def test_provider_users_cannot_download_internal_attachments(
    login, request, provider_editor_name, where
):
    doc = make_document(request.getfixturevalue(where), SECRET)
    for username in (provider_editor_name, provider_editor_name.replace("-editor", "-main")):
        assert_refused(download(login(username), doc), SECRET)


def test_deep_subcollection_is_protected_too(login, subcollection, provider_editor_name):
    deeper = subcollection.add_child(name="Arkisto")
    doc = make_document(deeper, SECRET)
    assert_refused(download(login(provider_editor_name), doc), SECRET)
    response = download(login("helsinki-expert"), doc)
    assert response.status_code == 200 and body(response) == SECRET


def test_leaver_loses_access_to_internal_attachments(login, user, internal):
    from cms.members import deactivate_membership
    from cms.models import Membership

    doc = make_document(internal, SECRET)
    client = login("helsinki-expert")
    assert download(client, doc).status_code == 200
    membership = Membership.objects.get(user=user("helsinki-expert"), organisation__slug="helsinki")
    deactivate_membership(membership)
    client.logout()
    # Even a still-open session of the closed account gets nothing.
    client.force_login(user("helsinki-expert"))
    assert_refused(download(client, doc), SECRET)


@pytest.mark.parametrize("username", [None, "helsinki-expert"])
def test_public_attachments_download_for_everybody(client, login, public, username, request):
    doc = make_document(public, PUBLIC, filename="esite.txt")
    if username:
        client = login(username)
    response = download(client, doc)
    assert response.status_code == 200
    assert body(response) == PUBLIC


def test_public_attachments_download_for_provider_users(login, public, provider_editor_name):
    doc = make_document(public, PUBLIC, filename="esite.txt")
    response = download(login(provider_editor_name), doc)
    assert response.status_code == 200
    assert body(response) == PUBLIC


# --- the internal attachment block ------------------------------------------------------------------


def clean_attachment(doc):
    block = InternalAttachmentBlock()
    return block.clean(block.to_python({"title": "Liite", "document": doc.pk}))


def test_internal_attachment_block_refuses_a_public_document(public):
    doc = make_document(public, PUBLIC)
    with pytest.raises(StructBlockValidationError) as exc:
        clean_attachment(doc)
    assert "document" in exc.value.block_errors


def test_internal_attachment_block_refuses_a_document_of_the_root_collection():
    doc = make_document(Collection.get_first_root_node(), PUBLIC)
    with pytest.raises(StructBlockValidationError) as exc:
        clean_attachment(doc)
    assert "document" in exc.value.block_errors


def test_internal_attachment_block_refuses_a_login_only_collection(
    public, login, provider_editor_name
):
    """A collection any logged-in user may read (providers too) is not internal."""
    members_only = public.add_child(name="Kirjautuneille")
    CollectionViewRestriction.objects.create(
        collection=members_only, restriction_type=CollectionViewRestriction.LOGIN
    )
    doc = make_document(members_only, SECRET)
    assert download(login(provider_editor_name), doc).status_code == 200
    with pytest.raises(StructBlockValidationError) as exc:
        clean_attachment(doc)
    assert "document" in exc.value.block_errors


@pytest.mark.parametrize("where", ["internal", "subcollection"])
def test_internal_attachment_block_accepts_an_internal_document(request, where):
    doc = make_document(request.getfixturevalue(where), SECRET)
    value = clean_attachment(doc)
    assert value["document"] == doc


def test_page_editor_refuses_a_public_document_as_internal_attachment(login, public, internal):
    page = (
        ServicePage.objects.filter(
            responsible_municipality__slug="helsinki", locale__language_code="fi"
        )
        .order_by("pk")
        .first()
    )
    client = login("helsinki-producer")
    url = reverse("wagtailadmin_pages:edit", args=[page.pk])

    def files(doc):
        data = service_form_data(page)
        item = {"value": {"title": "Liite", "document": doc.pk}, "deleted": "", "order": "0"}
        data.update(
            nested_form_data(
                {"internal": streamfield([("files", {"count": "1", "0": {**item, "id": ""}})])}
            )
        )
        return data

    before = page.revisions.count()
    response = client.post(url, files(make_document(public, PUBLIC)))
    assert response.status_code == 200
    assert "internal" in response.context["form"].errors
    assert page.revisions.count() == before

    response = client.post(url, files(make_document(internal, SECRET)))
    assert response.status_code == 302
    assert page.revisions.count() == before + 1
