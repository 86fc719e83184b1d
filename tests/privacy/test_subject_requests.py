"""Data-subject requests (privacy/): region scoping, the export's content, the erasure's
pseudonyms, a person with a membership in another organisation, idempotence, and the
refusals (forged ids, roles that may not handle requests), each logged."""

import io
import json
import zipfile

import pytest
from django.urls import reverse

from cms.models import ApiToken, Membership, Organisation, OutgoingEmail
from cms.roles import Role
from policies.models import PartnerContact
from privacy import access, subjects
from privacy.models import AccountLifecycle
from privacy.wagtail_hooks import register_privacy_menu_item
from services.models import (
    ChangeRequest,
    ChangeRequestEvent,
    Contact,
    Favourite,
    SentNotification,
    ServiceList,
)
from tests.clients import client_for
from userlog.log import write
from userlog.models import UserLogEntry

pytestmark = pytest.mark.django_db

HELSINKI_MAIN = "helsinki-main"


def org(slug):
    return Organisation.objects.get(slug=slug)


def logged(action, **filters):
    return UserLogEntry.objects.filter(action=action, **filters)


# --- Who may handle requests, and for whom -------------------------------------------------------
def test_only_maintainers_and_municipality_main_users_handle_requests(user, rf):
    assert access.may_handle_requests(user("yllapito-maintainer"))
    assert access.may_handle_requests(user(HELSINKI_MAIN))
    item = register_privacy_menu_item()
    for username in ("helsinki-producer", "helsinki-expert", "tyovalmennus-main"):
        assert not access.may_handle_requests(user(username))
        request = rf.get("/admin/")
        request.user = user(username)
        assert not item.is_shown(request)
        # Wagtail turns the refusal into its "no permission" redirect to the dashboard.
        response = client_for(user(username)).get(reverse("privacy_requests"))
        assert response.status_code == 302 and response["Location"] == reverse("wagtailadmin_home")
    request = rf.get("/admin/")
    request.user = user(HELSINKI_MAIN)
    assert item.is_shown(request)


def test_a_main_user_finds_the_own_users_and_the_region_providers_users(user, services):
    main = user(HELSINKI_MAIN)
    found = access.subjects_for(main)
    assert found.filter(username="helsinki-expert").exists()
    assert not found.filter(username="espoo-expert").exists()
    assert not found.filter(username="yllapito-maintainer").exists()
    provider = services("helsinki").provider
    assert found.filter(memberships__organisation=provider).exists()
    # A provider without services in Helsinki's folder is not Helsinki's to answer for.
    elsewhere = Organisation.objects.providers().exclude(
        pk__in=access.region_providers(access.controller_municipalities(main))
    )
    for other in elsewhere:
        assert not found.filter(memberships__organisation=other).exists()
    assert access.subjects_for(user("yllapito-maintainer")).filter(username="espoo-expert").exists()


def test_search_by_email_or_name_is_scoped_and_logged(user):
    main = user(HELSINKI_MAIN)
    client = client_for(main)
    expert = user("helsinki-expert")
    response = client.get(reverse("privacy_requests"), {"q": expert.email.upper()})
    assert response.status_code == 200
    assert list(response.context["results"]) == [expert]
    entry = logged("subject_search", user=main).get()
    assert entry.detail == {"results": 1, "ids": [expert.pk]}
    assert expert.email.lower() not in json.dumps(entry.detail), "the words are not logged"

    espoo = user("espoo-expert")
    response = client.get(reverse("privacy_requests"), {"q": espoo.email})
    assert response.context["results"] == []
    response = client.get(reverse("privacy_requests"), {"q": f"{expert.first_name}"})
    assert expert in response.context["results"]
    assert logged("subject_search", user=main).count() == 3
    # A maintainer finds the Espoo user.
    response = client_for(user("yllapito-maintainer")).get(
        reverse("privacy_requests"), {"q": espoo.email}
    )
    assert response.context["results"] == [espoo]


def test_bad_search_input_is_a_form_error(user):
    client = client_for(user(HELSINKI_MAIN))
    for query in ("ab", "x" * 201, "abc\x00def"):
        response = client.get(reverse("privacy_requests"), {"q": query})
        assert response.status_code == 200
        assert response.context["form"].errors["q"]
        assert response.context["results"] is None
    assert not logged("subject_search").exists()


# --- Refusals: another region's person, forged ids -----------------------------------------------
def test_a_helsinki_main_user_cannot_see_export_or_erase_an_espoo_user(user):
    main = user(HELSINKI_MAIN)
    client = client_for(main)
    espoo = user("espoo-expert")
    before = (espoo.username, espoo.email, espoo.is_active)
    attempts = [
        ("get", reverse("privacy_person", args=[espoo.pk]), {}),
        ("post", reverse("privacy_export_json", args=[espoo.pk]), {}),
        ("post", reverse("privacy_export_csv", args=[espoo.pk]), {}),
        ("get", reverse("privacy_erase", args=[espoo.pk]), {}),
        ("post", reverse("privacy_erase", args=[espoo.pk]), {"confirm": "on"}),
    ]
    for method, url, data in attempts:
        response = getattr(client, method)(url, data)
        assert response.status_code == 404, url
        assert b"not among the users of your region" in response.content
    espoo.refresh_from_db()
    assert (espoo.username, espoo.email, espoo.is_active) == before
    refusals = logged("refused", user=main, object_id=str(espoo.pk))
    assert refusals.count() == len(attempts)
    assert set(refusals.values_list("field", flat=True)) == {
        "privacy.view",
        "privacy.export.json",
        "privacy.export.csv",
        "privacy.erasure",
    }
    assert not logged("subject_export").exists() and not logged("subject_erasure").exists()


def test_an_id_that_does_not_exist_gets_the_same_answer(user):
    client = client_for(user(HELSINKI_MAIN))
    response = client.post(reverse("privacy_export_json", args=[987654321]))
    assert response.status_code == 404
    assert b"not among the users of your region" in response.content
    assert logged("refused", object_id="987654321").exists()


def test_exports_and_erasure_are_posts_with_csrf(user):
    expert = user("helsinki-expert")
    client = client_for(user(HELSINKI_MAIN))
    assert client.get(reverse("privacy_export_json", args=[expert.pk])).status_code == 405
    from django.test import Client

    strict = Client(enforce_csrf_checks=True)
    strict.force_login(user(HELSINKI_MAIN))
    response = strict.post(reverse("privacy_erase", args=[expert.pk]), {"confirm": "on"})
    assert response.status_code == 403
    expert.refresh_from_db()
    assert expert.is_active and expert.username == "helsinki-expert"


# --- Export ----------------------------------------------------------------------------------------
@pytest.fixture
def rich_person(user, services):
    """helsinki-expert with a row of every kind."""
    expert = user("helsinki-expert")
    page = services("helsinki")
    Favourite.objects.get_or_create(user=expert, page=page)
    own = ServiceList.objects.create(owner=expert, name="Nuorten palvelut")
    own.add(page)
    own.shared_with.add(user("helsinki-producer"))
    change_request = ChangeRequest.objects.create(
        page=page, sender=expert, message="Osoite on vanhentunut."
    )
    ChangeRequestEvent.objects.create(
        request=change_request, user=expert, status="open", comment="Lisätietoa."
    )
    write(expert, "read_internal", object_type="service", object_id=page.pk)
    write(user(HELSINKI_MAIN), "export_personal_data", object_type="user", subject=expert)
    OutgoingEmail.objects.create(recipient=expert.email, subject="Hei", body="Viesti")
    SentNotification.objects.create(key=f"test:{expert.pk}", recipient=expert.email)
    ApiToken.issue(expert, "oma")
    Contact.objects.create(name="Asiantuntija", email=expert.email, locale=page.locale)
    PartnerContact.objects.create(
        organisation=org("helsinki"), role="contact_person", name="X", email=expert.email
    )
    shared = ServiceList.objects.create(owner=user("helsinki-producer"), name="Jaettu")
    shared.shared_with.add(expert)
    from cms.models import Invitation

    Invitation.objects.create(
        organisation=org("helsinki"),
        role=Role.EXPERT,
        email=expert.email,
        first_name="A",
        last_name="B",
        key_hash="f" * 64,
        expires_at=page.first_published_at or expert.date_joined,
    )
    page.municipal_responsible = expert
    page.save(update_fields=["municipal_responsible"])
    return expert


EXPECTED_PRESENT = set(subjects.KINDS) - {"lifecycle"}


def test_the_export_has_every_kind(rich_person, user):
    data = subjects.collect(rich_person)
    assert list(data) == list(subjects.KINDS)
    for kind, rows in data.items():
        for row in rows:
            assert tuple(row) == subjects.COLUMNS[kind], kind
    empty = {kind for kind, rows in data.items() if not rows}
    assert not (EXPECTED_PRESENT & empty), f"kinds without rows: {EXPECTED_PRESENT & empty}"
    assert data["account"][0]["email"] == rich_person.email
    assert data["favourites"] and data["lists"][0]["name"] == "Nuorten palvelut"
    assert data["change_requests"][0]["message"] == "Osoite on vanhentunut."
    assert data["user_log_as_subject"][0]["action"]


def test_json_and_csv_downloads_are_logged(rich_person, user):
    main = user(HELSINKI_MAIN)
    client = client_for(main)
    response = client.post(reverse("privacy_export_json", args=[rich_person.pk]))
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    body = json.loads(response.content)
    assert set(body["kinds"]) == set(subjects.KINDS)
    assert body["kinds"]["memberships"][0]["organisation"] == "Helsinki"

    response = client.post(reverse("privacy_export_csv", args=[rich_person.pk]))
    assert response["Content-Type"] == "application/zip"
    archive = zipfile.ZipFile(io.BytesIO(response.content))
    names = set(archive.namelist())
    assert {f"{kind}.csv" for kind in subjects.KINDS} <= names
    text = archive.read("change_requests.csv").decode("utf-8-sig")
    assert text.splitlines()[0] == ",".join(subjects.COLUMNS["change_requests"])
    assert "Osoite on vanhentunut." in text
    exports = logged("subject_export", user=main, subject_key=rich_person.pk)
    assert sorted(exports.values_list("field", flat=True)) == ["csv", "json"]


def test_csv_cells_are_guarded_against_formulas(user):
    expert = user("helsinki-expert")
    expert.first_name = "=HYPERLINK(1)"
    expert.save()
    archive = zipfile.ZipFile(io.BytesIO(subjects.export_zip(expert)))
    assert "'=HYPERLINK(1)" in archive.read("account.csv").decode("utf-8-sig")


# --- Erasure ---------------------------------------------------------------------------------------
def test_erasure_needs_the_confirmation(user):
    expert = user("helsinki-expert")
    client = client_for(user(HELSINKI_MAIN))
    response = client.get(reverse("privacy_erase", args=[expert.pk]))
    assert response.status_code == 200 and "confirm" in response.context["form"].fields
    response = client.post(reverse("privacy_erase", args=[expert.pk]), {})
    assert response.status_code == 200 and response.context["form"].errors["confirm"]
    expert.refresh_from_db()
    assert expert.is_active and expert.username == "helsinki-expert"
    assert not logged("subject_erasure").exists()


def test_erasure_replaces_the_personal_fields_and_the_log_shows_the_pseudonym(rich_person, user):
    main = user(HELSINKI_MAIN)
    old = (rich_person.username, rich_person.first_name, rich_person.last_name)
    old_email = rich_person.email
    earlier = UserLogEntry.objects.filter(user_key=rich_person.pk)
    assert earlier.exists()
    response = client_for(main).post(
        reverse("privacy_erase", args=[rich_person.pk]), {"confirm": "on", "reference": "D-1"}
    )
    assert response.status_code == 302
    person = type(rich_person).objects.get(pk=rich_person.pk)
    assert person.username.startswith(subjects.PSEUDONYM_PREFIX)
    assert len(person.username) == len(subjects.PSEUDONYM_PREFIX) + 8
    assert (person.first_name, person.last_name, person.email) == ("", "", "")
    assert not person.is_active and not person.has_usable_password()
    assert not person.memberships.filter(is_active=True).exists()
    assert not Favourite.objects.filter(user=person).exists()
    assert not ServiceList.objects.filter(owner=person).exists()
    assert not ServiceList.objects.filter(shared_with=person).exists()
    assert not ApiToken.objects.active().filter(user=person).exists()
    assert not OutgoingEmail.objects.filter(recipient__iexact=old_email).exists()
    assert not SentNotification.objects.filter(recipient__iexact=old_email).exists()
    from cms.models import Invitation

    assert not Invitation.objects.filter(email__iexact=old_email).exists()
    # Log rows were not updated: they point at the account, which now shows the pseudonym.
    for entry in UserLogEntry.objects.filter(user_key=person.pk):
        assert str(entry.user) == person.username
    erasure = logged("subject_erasure", user=main).get()
    assert erasure.subject_key == person.pk and erasure.object_label == person.username
    assert erasure.detail["full"] is True and erasure.detail["reference"] == "D-1"
    for entry in UserLogEntry.objects.all():
        text = json.dumps([entry.object_label, entry.detail, entry.field])
        for value in (*old, old_email):
            assert value not in text
    # The change request stays, its sender shows the pseudonym.
    request = ChangeRequest.objects.get(sender=person)
    assert str(request.sender) == person.username
    lifecycle = AccountLifecycle.objects.get(user=person)
    assert lifecycle.anonymised_at and lifecycle.pseudonym == person.username
    # Published contacts with the address are named for a person to fix, not changed.
    messages = [str(m) for m in response.wsgi_request._messages]
    assert any("Asiantuntija" in m for m in messages)
    assert Contact.objects.filter(email__iexact=old_email).exists()
    # Nobody finds the person by the old address any more.
    assert not subjects.search(access.subjects_for(main), old_email)


def test_anonymising_twice_changes_nothing(user):
    expert = user("helsinki-expert")
    first = subjects.anonymise_account(expert)
    person = type(expert).objects.get(pk=expert.pk)
    state = (person.username, person.email, person.password, person.is_active)
    second = subjects.anonymise_account(person)
    assert first.changed and not second.changed
    assert second.pseudonym == first.pseudonym
    person.refresh_from_db()
    assert (person.username, person.email, person.password, person.is_active) == state
    # Through the admin too: a second erasure says so.
    response = client_for(user(HELSINKI_MAIN)).post(
        reverse("privacy_erase", args=[expert.pk]), {"confirm": "on"}, follow=True
    )
    assert any("already anonymised" in str(m) for m in response.context["messages"])
    person.refresh_from_db()
    assert person.username == state[0]


def test_a_membership_in_another_organisation_keeps_the_account(user, services):
    expert = user("helsinki-expert")
    Membership.objects.create(user=expert, organisation=org("espoo"), role=Role.EXPERT)
    helsinki_page = services("helsinki")
    espoo_page = services("espoo")
    Favourite.objects.get_or_create(user=expert, page=helsinki_page)
    Favourite.objects.get_or_create(user=expert, page=espoo_page)
    main = user(HELSINKI_MAIN)
    response = client_for(main).post(
        reverse("privacy_erase", args=[expert.pk]), {"confirm": "on"}, follow=True
    )
    messages = " ".join(str(m) for m in response.context["messages"])
    assert "still has an active membership in Espoo" in messages
    expert.refresh_from_db()
    assert expert.is_active and expert.username == "helsinki-expert" and expert.email
    assert not Membership.objects.get(user=expert, organisation__slug="helsinki").is_active
    assert Membership.objects.get(user=expert, organisation__slug="espoo").is_active
    assert not Favourite.objects.filter(user=expert, page=helsinki_page).exists()
    assert Favourite.objects.filter(user=expert, page=espoo_page).exists()
    entry = logged("subject_erasure", user=main).get()
    assert entry.detail["full"] is False and entry.detail["kept_elsewhere"] == ["Espoo"]
    # A maintainer answers for everyone: the whole account is anonymised.
    subjects.erase(
        expert,
        answered=access.answered_organisations(user("yllapito-maintainer")),
        by=user("yllapito-maintainer"),
    )
    expert.refresh_from_db()
    assert expert.username.startswith(subjects.PSEUDONYM_PREFIX) and not expert.is_active


def test_superusers_and_ones_own_account_are_refused(user):
    main = user(HELSINKI_MAIN)
    expert = user("helsinki-expert")
    expert.is_superuser = True
    expert.save()
    client = client_for(main)
    response = client.post(
        reverse("privacy_erase", args=[expert.pk]), {"confirm": "on"}, follow=True
    )
    assert any("superuser" in str(m) for m in response.context["messages"])
    response = client.post(reverse("privacy_erase", args=[main.pk]), {"confirm": "on"}, follow=True)
    assert any("your own account" in str(m) for m in response.context["messages"])
    for person in (expert, main):
        person.refresh_from_db()
        assert person.is_active and not person.username.startswith(subjects.PSEUDONYM_PREFIX)
    assert logged("refused", user=main).count() == 2


def test_the_person_page_shows_the_counts(rich_person, user):
    response = client_for(user("yllapito-maintainer")).get(
        reverse("privacy_person", args=[rich_person.pk])
    )
    assert response.status_code == 200
    counts = dict(response.context["counts"])
    assert counts["favourites"] >= 1 and counts["change_requests"] == 1


def test_a_main_user_answers_only_for_providers_working_in_its_region_alone(user):
    from services.models import ServicePage

    main = user(HELSINKI_MAIN)
    municipalities = access.controller_municipalities(main)
    answered = set(access.answered_organisations(main))
    assert org("helsinki") in answered and org("espoo") not in answered
    shared_provider = None
    for provider in access.region_providers(municipalities):
        regions = set(
            ServicePage.objects.filter(provider=provider, responsible_municipality__isnull=False)
            .values_list("responsible_municipality__slug", flat=True)
            .distinct()
        )
        assert (provider in answered) == (regions == {"helsinki"}), provider.slug
        if regions != {"helsinki"}:
            shared_provider = provider
    assert shared_provider is not None, "the demo has a provider working in several regions"
    # Its user: Helsinki may find and export them, but an erasure keeps the account.
    editor = Membership.objects.filter(organisation=shared_provider, is_active=True).first().user
    assert access.find_subject(main, editor.pk) == editor
    result = subjects.erase(
        editor, answered=access.answered_organisations(main), region_municipalities=municipalities
    )
    assert not result.full and shared_provider.name in result.kept_elsewhere
    editor.refresh_from_db()
    assert editor.is_active and not editor.username.startswith(subjects.PSEUDONYM_PREFIX)
