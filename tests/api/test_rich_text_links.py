"""Links inside public rich text: only to what the caller may open.

Wagtail's own expansion would print a view-restricted service's path (its slug) and an
internal attachment's file name to anyone reading a public text that links to them.
"""

import pytest
from django.core.files.base import ContentFile
from wagtail.documents import get_document_model
from wagtail.models import Collection, PageViewRestriction

from cms.roles import INTERNAL_COLLECTION
from policies.models import PolicyPage
from services.models import ServicePage
from tests.api.gql import gql, token_for

pytestmark = pytest.mark.django_db

SECRET_SLUG = "zqxj-salainen-osoite"
SECRET_FILE = "zqxj-sisainen-ohje"


@pytest.fixture
def linked(services):
    pages = list(ServicePage.objects.live().filter(locale__language_code="fi").order_by("pk")[:4])
    source, private, unpublished, public = pages
    private.slug = SECRET_SLUG
    private.save_revision().publish()
    PageViewRestriction.objects.create(page=private, restriction_type="login")
    unpublished.slug = f"{SECRET_SLUG}-2"
    unpublished.save_revision().publish()
    unpublished.unpublish()
    document = get_document_model().objects.create(
        title="ohje",
        file=ContentFile(b"secret", name=f"{SECRET_FILE}.pdf"),
        collection=Collection.objects.get(name=INTERNAL_COLLECTION),
    )
    html = (
        f'<p><a linktype="page" id="{private.pk}">yksityinen</a> '
        f'<a linktype="page" id="{unpublished.pk}">julkaisematon</a> '
        f'<a linktype="page" id="{public.pk}">julkinen</a> '
        f'<a linktype="document" id="{document.pk}">ohje</a></p>'
    )
    source.participation = html
    source.description = [{"type": "paragraph", "value": html}]
    source.save_revision().publish()
    return source, public, html


QUERY = """query($id: ID!) { service(id: $id) {
  participation description { ... on ParagraphBlock { html } } } }"""


@pytest.mark.parametrize("token_user", [None, "tyovalmennus-editor"])
def test_public_text_hides_private_pages_and_internal_documents(linked, token_user):
    source, public, _html = linked
    token = token_for(token_user) if token_user else None
    data = gql(QUERY, {"id": str(source.pk)}, token=token)["service"]
    for html in (data["participation"], data["description"][0]["html"]):
        assert SECRET_SLUG not in html
        assert SECRET_FILE not in html
        # the texts stay; the public service is linked, with its id for frontend routing
        assert "yksityinen" in html and "julkaisematon" in html and ">ohje</a>" in html
        assert f'data-service-id="{public.pk}"' in html
        assert public.url in html


def test_municipal_users_get_the_internal_document(linked):
    source, _public, _html = linked
    data = gql(QUERY, {"id": str(source.pk)}, token=token_for("helsinki-producer"))["service"]
    assert SECRET_FILE in data["participation"]
    assert SECRET_SLUG not in data["participation"]  # the API never serves private pages


def test_policy_body_links(linked):
    _source, _public, html = linked
    policy = PolicyPage.objects.live().filter(locale__language_code="fi").first()
    policy.body = html
    policy.save_revision().publish()
    data = gql("query($id: ID!) { policy(id: $id) { body } }", {"id": str(policy.pk)})
    assert SECRET_SLUG not in data["policy"]["body"]
    assert SECRET_FILE not in data["policy"]["body"]
    assert "yksityinen" in data["policy"]["body"]


def test_links_of_a_list_cost_the_same_for_few_and_many_rows(services):
    """Every listed service links to a different page and document: still constant."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    pages = list(ServicePage.objects.live().filter(locale__language_code="fi").order_by("pk"))
    documents = [
        get_document_model().objects.create(title=f"d{i}", file=ContentFile(b"x", name=f"d{i}.pdf"))
        for i in range(len(pages))
    ]
    for i, page in enumerate(pages):
        target = pages[(i + 1) % len(pages)]
        html = (
            f'<p><a linktype="page" id="{target.pk}">x</a> '
            f'<a linktype="document" id="{documents[i].pk}">y</a></p>'
        )
        page.participation = html
        page.description = [{"type": "paragraph", "value": html}]
        page.save_revision().publish()
    query = """query($limit: Int!) { services(limit: $limit, orderBy: TITLE) { items {
      participation description { ... on ParagraphBlock { html } } } } }"""

    def run(limit):
        with CaptureQueriesContext(connection) as ctx:
            items = gql(query, {"limit": limit})["services"]["items"]
        assert len(items) == limit
        assert all("data-service-id" in item["participation"] for item in items)
        assert all(".pdf" in item["description"][0]["html"] for item in items)
        return len(ctx.captured_queries)

    run(2)
    assert run(2) == run(min(len(pages), 12))
