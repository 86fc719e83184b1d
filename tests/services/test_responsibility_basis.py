"""Responsibility basis (issue 16): validation of the involved partners, their internal
access (the one rule, not scoped per municipality), their notification on publication,
and the report by basis with its filter and CSV."""

import csv
import io

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from cms.models import Organisation
from services.models.pages import ResponsibilityBasis, involved_partner_errors
from services.responsibility import involved_recipients, notify_involved_partners
from tests.api.gql import post, query_file, token_for

pytestmark = pytest.mark.django_db


def org(slug):
    return Organisation.objects.get(slug=slug)


@pytest.fixture
def procurement(services):
    """A Helsinki service procured jointly with Espoo and Kerava."""
    page = services("helsinki")
    page.responsibility_basis = ResponsibilityBasis.PROCUREMENT
    page.save()
    page.involved_partners.set([org("espoo"), org("kerava")])
    page.save()
    return page


# --- validation ---------------------------------------------------------------------------------
def test_existing_services_are_regional(services):
    assert services("espoo").responsibility_basis == ResponsibilityBasis.REGIONAL


def test_involved_partner_rules():
    helsinki, espoo = org("helsinki"), org("espoo")
    provider = Organisation.objects.providers().first()
    procurement = ResponsibilityBasis.PROCUREMENT
    assert involved_partner_errors(procurement, helsinki, [espoo]) == []
    assert involved_partner_errors(ResponsibilityBasis.REGIONAL, helsinki, []) == []
    for basis in (
        ResponsibilityBasis.REGIONAL,
        ResponsibilityBasis.THEMATIC,
        ResponsibilityBasis.NATIONAL,
    ):
        assert involved_partner_errors(basis, helsinki, [espoo]), basis
    assert involved_partner_errors(procurement, helsinki, [provider])
    assert involved_partner_errors(procurement, helsinki, [espoo, helsinki])


def test_clean_refuses_the_responsible_partner_and_other_bases(procurement):
    procurement.full_clean()
    procurement.involved_partners.set([org("espoo"), org("helsinki")])
    with pytest.raises(ValidationError) as error:
        procurement.full_clean()
    assert "involved_partners" in error.value.message_dict
    procurement.involved_partners.set([org("espoo")])
    procurement.responsibility_basis = ResponsibilityBasis.THEMATIC
    with pytest.raises(ValidationError) as error:
        procurement.full_clean()
    assert "involved_partners" in error.value.message_dict


def test_only_municipal_editors_get_the_basis_fields(procurement, user):
    form_class = procurement.get_edit_handler().get_form_class()
    for username, shown in (("helsinki-producer", True), ("tyovalmennus-editor", False)):
        form = form_class(
            instance=procurement, parent_page=procurement.get_parent(), for_user=user(username)
        )
        assert ("responsibility_basis" in form.fields) is shown, username
        assert ("involved_partners" in form.fields) is shown, username


# --- internal information ---------------------------------------------------------------------------
def internal_of(page, username):
    response = post(
        query_file("service-page"),
        {"id": str(page.pk), "locale": "fi", "internal": True},
        token=token_for(username),
        operation="ServicePage",
    )
    assert response.status_code == 200
    return response.json()["data"]["service"]["internal"]


def test_involved_partners_read_internal_information_and_providers_do_not(procurement):
    # Reading internal information is not scoped per municipality (cms.access): the
    # involved partners' users keep it, and no provider user gets it.
    for username in ("espoo-expert", "espoo-producer", "kerava-main"):
        assert internal_of(procurement, username) is not None, username
    assert internal_of(procurement, "tyovalmennus-main") is None
    assert internal_of(procurement, "tyovalmennus-editor") is None


# --- notification on publication -------------------------------------------------------------------
def test_involved_partners_are_told_of_a_publication_once(procurement, mailoutbox):
    recipients = {u.username for u in involved_recipients(procurement)}
    assert recipients == {
        "espoo-main",
        "espoo-producer",
        "espoo-producer2",
        "kerava-main",
        "kerava-producer",
        "kerava-producer2",
    }
    revision = procurement.save_revision()
    revision.publish()
    # Each in the recipient's language (the demo's partners: Finnish).
    told = [m for m in mailoutbox if procurement.title in m.subject]
    assert sorted(m.to[0] for m in told) == sorted(f"{name}@example.fi" for name in recipients)
    assert all("Yhteishankinta julkaistu" in m.subject for m in told), [m.subject for m in told]
    # The same revision again (a rerun, a second signal) queues nothing.
    assert notify_involved_partners(procurement, revision.pk) == 0


def test_regional_services_tell_nobody_else(services):
    page = services("espoo")
    assert not involved_recipients(page).exists()
    assert notify_involved_partners(page) == 0


# --- report by basis --------------------------------------------------------------------------------
def test_report_filters_by_basis_with_counts_and_csv(procurement, login):
    client = login("helsinki-producer")
    url = reverse("services_basis_report")
    response = client.get(url, {"basis": "procurement"})
    assert response.status_code == 200
    rows = response.context["rows"]
    assert [row["page"].pk for row in rows] == [procurement.pk]
    assert rows[0]["involved"] in ("Espoo, Kerava", "Kerava, Espoo")
    counts = dict(response.context["counts"])
    assert counts[str(ResponsibilityBasis.PROCUREMENT.label)] == 1
    regional = client.get(url, {"basis": "regional"}).context["rows"]
    assert procurement.pk not in {row["page"].pk for row in regional}
    export = client.get(url, {"basis": "procurement", "export": "csv"})
    assert export["Content-Type"].startswith("text/csv")
    lines = list(csv.reader(io.StringIO(export.content.decode("utf-8-sig"))))
    assert lines[0][:2] == ["Service", "Responsibility basis"]
    assert lines[1][0] == procurement.title and lines[1][1] == "Procurement"


# --- GraphQL: the basis is public, like the responsible municipality ---------------------------------
def test_the_basis_is_public_in_the_api(procurement):
    procurement.save_revision().publish()
    document = """query($id: ID!) { service(id: $id, locale: fi) {
        responsibilityBasis responsibilityBasisLabel responsibleMunicipality { name } } }"""
    response = post(document, {"id": str(procurement.pk)})
    service = response.json()["data"]["service"]
    assert service["responsibilityBasis"] == "procurement"
    assert service["responsibilityBasisLabel"]
    assert service["responsibleMunicipality"]["name"] == "Helsinki"


def test_the_card_shows_the_basis_and_the_partners(procurement, login):
    page = login("espoo-expert").get(reverse("services_card", args=[procurement.pk]))
    assert page.status_code == 200
    html = page.content.decode()
    assert "Responsibility basis" in html and "Procurement" in html
    assert "other partners involved" in html and "Kerava" in html
