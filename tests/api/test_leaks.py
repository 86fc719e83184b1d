"""Try to get internal information, drafts, private and archived services out of the API.

A unique sentinel is planted in every internal block kind of some services (texts,
structured blocks, municipality guidance, an internal contact, link and attachment),
in a draft revision, in a private (view-restricted) service and in an archived one.
Then the API is asked for everything, every way we can think of, as anonymous, as a
provider editor, and with a revoked token: the sentinel must never appear. A municipal
user's token is the positive control: it does see the internal sentinel.
"""

import json

import pytest
from django.core.files.base import ContentFile
from django.utils import timezone
from wagtail.documents import get_document_model
from wagtail.models import Collection, PageViewRestriction

from cms.models import ApiToken
from cms.roles import INTERNAL_COLLECTION
from services.models import Contact, Municipality, ServicePage
from tests.api.gql import post, query_file, token_for

pytestmark = pytest.mark.django_db

SENTINEL = "ZQXJ-SALAINEN-7731"
DRAFT = "ZQXJ-LUONNOS-4412"
PRIVATE = "ZQXJ-YKSITYINEN-9120"
ARCHIVED = "ZQXJ-ARKISTO-5533"
EVERY_SECRET = (SENTINEL, DRAFT, PRIVATE, ARCHIVED)


def rich(text):
    return f"<p>{text}</p>"


def internal_blocks(municipality, contact, document):
    text = rich(SENTINEL)
    return [
        {"type": "referral", "value": text},
        {"type": "specialist_prerequisites", "value": text},
        {"type": "obligation", "value": {"obligation": "not_binding", "text": text}},
        {"type": "statement", "value": {"answer": "yes", "text": text}},
        {
            "type": "benefit_notes",
            "value": {"notes": ["dissolves_work_requirement"], "text": text},
        },
        {"type": "client_system_entries", "value": text},
        {"type": "measures", "value": text},
        {"type": "exceptions", "value": text},
        {"type": "municipality_guidance", "value": {"municipality": municipality.pk, "text": text}},
        {
            "type": "municipality_exception",
            "value": {"municipality": municipality.pk, "text": text},
        },
        {"type": "job_search_conversation", "value": {"answer": "no", "text": text}},
        {"type": "archiving", "value": {"required": True, "instructions": text}},
        {"type": "client_consent", "value": {"required": True, "instructions": text}},
        {"type": "contacts", "value": [contact.pk]},
        {
            "type": "links",
            "value": [
                {
                    "title": f"{SENTINEL} link",
                    "url": f"https://intra.example/{SENTINEL}",
                    "page": None,
                    "description": SENTINEL,
                }
            ],
        },
        {"type": "files", "value": [{"title": f"{SENTINEL} file", "document": document.pk}]},
    ]


@pytest.fixture
def planted(services):
    """Five Helsinki services (and a Swedish translation) carrying secrets."""
    fi_pages = list(
        ServicePage.objects.live()
        .filter(locale__language_code="fi", responsible_municipality__slug="helsinki")
        .order_by("pk")[:5]
    )
    municipality = Municipality.objects.filter(locale__language_code="fi").first()
    contact = Contact.objects.create(
        name=f"{SENTINEL} yhteyshenkilö",
        email="salainen@example.fi",
        visibility="internal",
        locale=municipality.locale,
    )
    collection = Collection.objects.get(name=INTERNAL_COLLECTION)
    document = get_document_model().objects.create(
        title=f"{SENTINEL} ohje",
        file=ContentFile(b"secret", name="ohje.pdf"),
        collection=collection,
    )
    blocks = internal_blocks(municipality, contact, document)
    for page in fi_pages:
        page.internal = blocks
        page.save_revision().publish()
    sv = ServicePage.objects.live().filter(locale__language_code="sv").first()
    sv.internal = blocks
    sv.save_revision().publish()
    # An unpublished draft on top of a live page.
    draft_page = fi_pages[0]
    draft_page = ServicePage.objects.get(pk=draft_page.pk)
    draft_page.title = f"{DRAFT} otsikko"
    draft_page.short_description = DRAFT
    draft_page.save_revision()
    # A private service (view restriction) and an archived (unpublished) one.
    private = ServicePage.objects.get(pk=fi_pages[1].pk)
    private.title = f"{PRIVATE} palvelu"
    private.save_revision().publish()
    PageViewRestriction.objects.create(page=private, restriction_type="login")
    archived = ServicePage.objects.get(pk=fi_pages[2].pk)
    archived.title = f"{ARCHIVED} palvelu"
    archived.save_revision().publish()
    archived.archived_at = timezone.now()
    archived.save(update_fields=["archived_at"])
    archived.unpublish()
    return {
        "pages": fi_pages,
        "ids": [p.pk for p in fi_pages] + [sv.pk],
        "sv": sv,
        "private": private,
        "archived": archived,
        "draft": draft_page,
    }


INTERNAL_SELECTION = """
  internal {
    referral specialistPrerequisites clientSystemEntries measures exceptions
    obligation { obligation html } statement { answer html } benefitNotes { notes html }
    municipalityGuidance { municipality { name } html }
    municipalityExceptions { municipality { name } html }
    jobSearchConversation { answer html } archiving { applies html } clientConsent { applies html }
    contacts { name email } links { title url description } attachments { title document { title url } }
    providerUpdater municipalResponsible
  }
"""


@pytest.fixture(autouse=True)
def _cost_budget_for_the_probes(settings):
    # "related" asks for internal information of 100 services' related services' related
    # services, far over the cost budget a client gets (docs/api.md): these probes look
    # for leaks in what executes, so they run under a budget that lets them execute.
    settings.GRAPHQL_MAX_COST = 1_000_000


def attack_queries(planted):
    ids = planted["ids"]
    return {
        "list": f"{{ services(limit: 100) {{ items {{ id title {INTERNAL_SELECTION} }} }} }}",
        "list-sv": f"{{ services(limit: 100, locale: sv) {{ items {{ title {INTERNAL_SELECTION} }} }} }}",
        "list-en-nofallback": f"{{ services(locale: en, fallback: false) {{ items {{ title {INTERNAL_SELECTION} }} }} }}",
        "ordering": f"{{ services(limit: 100, orderBy: LAST_PUBLISHED) {{ items {{ title {INTERNAL_SELECTION} }} }} }}",
        "search-secret": f'{{ services(search: "{SENTINEL}") {{ totalCount items {{ title {INTERNAL_SELECTION} }} }} }}',
        "search-draft": f'{{ services(search: "{DRAFT}") {{ totalCount items {{ title }} }} }}',
        "search-private": f'{{ services(search: "{PRIVATE}") {{ totalCount items {{ title }} }} }}',
        "filtered": f'{{ services(filter: {{responsibleMunicipalities: ["helsinki"]}}, limit: 100) {{ items {{ title shortDescription {INTERNAL_SELECTION} }} }} }}',
        "detail": f'{{ service(id: "{ids[0]}") {{ title shortDescription {INTERNAL_SELECTION} }} }}',
        "detail-sv": f'{{ service(id: "{ids[0]}", locale: sv) {{ title {INTERNAL_SELECTION} }} }}',
        "detail-private": f'{{ service(id: "{planted["private"].pk}") {{ title {INTERNAL_SELECTION} }} }}',
        "detail-archived": f'{{ service(id: "{planted["archived"].pk}") {{ title }} }}',
        "slug-private": f'{{ service(slug: "{planted["private"].slug}") {{ title }} }}',
        "aliases": "{ "
        + " ".join(
            f'a{i}: service(id: "{pk}") {{ t: title i: internal {{ r: referral c: contacts {{ n: name }} }} }}'
            for i, pk in enumerate(ids[:4])
        )
        + " }",
        "fragments": f"""
            query {{ services(limit: 100) {{ items {{ ...S }} }} }}
            fragment S on Service {{ title ... on Service {{ {INTERNAL_SELECTION} }} }}
        """,
        "related": f"{{ services(limit: 100) {{ items {{ relatedServices {{ title {INTERNAL_SELECTION} relatedServices {{ title internal {{ referral }} }} }} }} }} }}",
        "translations": f'{{ service(id: "{planted["sv"].pk}", locale: sv) {{ translations {{ locale id slug }} {INTERNAL_SELECTION} }} }}',
        "customer-detail": (query_file("customer-detail"), {"id": str(ids[0])}),
        "staff-detail": (query_file("staff-detail"), {"id": str(ids[0])}),
        "favourites": (query_file("favourites"), {}),
        "preview-forged": f'{{ servicePreview(token: "id={ids[0]}:1abc:forged") {{ title {INTERNAL_SELECTION} }} }}',
        "typename-probe": '{ __type(name: "InternalInformation") { name } }',
    }


def run_all(planted, token=None):
    bodies = {}
    for name, query in attack_queries(planted).items():
        query, variables = query if isinstance(query, tuple) else (query, {})
        response = post(query, variables, token=token)
        assert response.status_code in (200, 400, 401), (name, response.status_code)
        # Unescaped (the wire format escapes non-ASCII), so assertions see the real text.
        bodies[name] = json.dumps(json.loads(response.content), ensure_ascii=False)
    return bodies


def assert_no_secret(bodies):
    for name, body in bodies.items():
        for secret in EVERY_SECRET:
            assert secret not in body, f"{secret} leaked through {name!r}: {body[:400]}"


def test_anonymous_sees_nothing_internal_or_unpublished(planted):
    bodies = run_all(planted)
    assert_no_secret(bodies)
    # The queries did run (not all refused): published titles came back.
    assert planted["pages"][3].title in bodies["list"]
    assert '"internal": null' in bodies["detail"]


def test_provider_editor_sees_nothing_internal(planted):
    token = token_for(f"{planted['pages'][0].provider.slug}-editor")
    bodies = run_all(planted, token=token)
    assert_no_secret(bodies)
    assert '"favourites": []' in bodies["favourites"]


def test_revoked_token_is_refused_and_sees_nothing(planted):
    raw = token_for("helsinki-producer")
    ApiToken.objects.get(key_hash=ApiToken.hash_key(raw)).revoke()
    bodies = run_all(planted, token=raw)
    assert_no_secret(bodies)
    assert all("Invalid or expired API token." in body for body in bodies.values())


def test_municipal_user_reads_internal_but_never_drafts(planted):
    """The positive control: the same queries with a producer's token show the internal
    sentinel, so the tests above would catch a leak; drafts and private pages stay out."""
    bodies = run_all(planted, token=token_for("helsinki-producer"))
    assert SENTINEL in bodies["detail"] and SENTINEL in bodies["list"]
    assert SENTINEL in bodies["aliases"] and SENTINEL in bodies["fragments"]
    assert SENTINEL in bodies["detail-sv"]
    for name, body in bodies.items():
        for secret in (DRAFT, PRIVATE, ARCHIVED):
            assert secret not in body, f"{secret} leaked through {name!r}"


def test_internal_attachment_never_listed_in_public_resources(planted):
    """An internal document placed in a public resources block by mistake is not listed."""
    page = ServicePage.objects.get(pk=planted["pages"][3].pk)
    document = get_document_model().objects.get(title=f"{SENTINEL} ohje")
    page.resources = [{"type": "attachment", "value": {"title": "", "document": document.pk}}]
    page.save_revision().publish()
    query = f'{{ service(id: "{page.pk}") {{ resources {{ ... on AttachmentBlock {{ title document {{ title url }} }} }} }} }}'
    assert SENTINEL not in post(query).content.decode()
    assert SENTINEL in post(query, token=token_for("helsinki-producer")).content.decode()
