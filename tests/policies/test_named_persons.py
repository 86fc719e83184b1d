"""Named persons: each partner's people per role against the agreement's minimums, as of a
day; the maintainers' dashboard panel, the report and its CSV, and the digest's warning."""

import datetime as dt

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import timezone

from cms.models import Membership, Organisation, OutgoingEmail
from cms.roles import Role
from policies import rules
from policies.models import ContactRole, Decision, PartnerContact, SteeringGroupVote
from policies.named_persons import named_person_counts, named_person_shortfalls, named_persons
from policies.notifications import send_named_person_warnings

pytestmark = pytest.mark.django_db
D = dt.date


def at(date):
    return timezone.make_aware(dt.datetime.combine(date, dt.time(12)))


# --- The rule -----------------------------------------------------------------------------------
def test_shortfalls_against_the_minimums():
    counts = {rules.MAIN_USERS: 2, rules.CONTENT_PRODUCERS: 1, rules.STEERING_GROUP_MEMBERS: 1}
    assert rules.named_person_shortfalls(counts, rules.PARTNER_MINIMUMS) == {
        rules.CONTENT_PRODUCERS: (1, 2),
        rules.CONTACT_PERSONS: (0, 2),
        rules.COMMUNICATION_CONTACTS: (0, 2),
        rules.WORKING_GROUP_MEMBERS: (0, 1),
        rules.WORKING_GROUP_DEPUTIES: (0, 1),
    }
    assert rules.named_person_shortfalls({rules.MAIN_USERS: 1}, rules.PROVIDER_MINIMUMS) == {}
    assert rules.named_person_shortfalls({}, rules.PROVIDER_MINIMUMS) == {rules.MAIN_USERS: (0, 1)}


# --- Dated counts --------------------------------------------------------------------------------
@pytest.fixture
def kerava(partners, no_monitoring):
    """Kerava from 1.1.2026: its demo members (1 main user, 2 producers, 1 expert), a second
    main user from 1.3., and representatives with dates."""
    org = partners["kerava"]
    Membership.objects.filter(organisation=org).update(created_at=at(D(2026, 1, 1)))
    second = get_user_model().objects.create_user("kerava-main2", "main2@kerava.example.fi")
    Membership.objects.create(user=second, organisation=org, role=Role.MUNICIPALITY_MAIN_USER)
    Membership.objects.filter(user=second).update(created_at=at(D(2026, 3, 1)))

    def contact(role, name, start=None, end=None, active=True):
        PartnerContact.objects.create(
            organisation=org,
            role=role,
            name=name,
            email=f"{name}@kerava.example.fi",
            start_date=start,
            end_date=end,
            is_active=active,
        )

    contact(ContactRole.CONTACT_PERSON, "a", D(2026, 1, 1), D(2026, 2, 28))  # leaves
    contact(ContactRole.CONTACT_PERSON, "b", D(2026, 2, 1))
    contact(ContactRole.CONTACT_PERSON, "c", D(2026, 3, 1))  # a's successor
    contact(ContactRole.COMMUNICATION_INDUCTION, "d")
    contact(ContactRole.COMMUNICATION_INDUCTION, "e")
    contact(ContactRole.COMMUNICATION_INDUCTION, "f", active=False)  # not counted
    contact(ContactRole.STEERING_GROUP_MEMBER, "g", D(2026, 1, 15))
    contact(ContactRole.STEERING_GROUP_SUBSTITUTE, "h")  # not a minimum of its own
    contact(ContactRole.WORKING_GROUP_MEMBER, "i")
    contact(ContactRole.WORKING_GROUP_DEPUTY, "j", D(2026, 4, 1))
    return org


@pytest.mark.parametrize(
    "day, main, contacts, steering, deputy",
    [
        (D(2025, 12, 31), 0, 0, 0, 0),  # before anyone was named
        (D(2026, 1, 10), 1, 1, 0, 0),
        (D(2026, 2, 1), 1, 2, 1, 0),  # b starts while a is still named
        (D(2026, 2, 28), 1, 2, 1, 0),  # a's last day counts
        (D(2026, 3, 1), 2, 2, 1, 0),  # a gone, c named; the second main user
        (D(2026, 4, 1), 2, 2, 1, 1),
    ],
)
def test_counts_as_of_a_day(kerava, day, main, contacts, steering, deputy):
    counts = named_person_counts(kerava, on=day)
    assert counts[rules.MAIN_USERS] == main
    assert counts[rules.CONTACT_PERSONS] == contacts
    assert counts[rules.STEERING_GROUP_MEMBERS] == steering
    assert counts[rules.WORKING_GROUP_DEPUTIES] == deputy
    # Producers and main users produce content; the expert does not.
    expected_producers = 0 if day < D(2026, 1, 1) else 2 + main
    assert counts[rules.CONTENT_PRODUCERS] == expected_producers
    assert counts[rules.COMMUNICATION_CONTACTS] == 2  # undated: named all along


def test_shortfalls_of_a_day(kerava):
    assert named_person_shortfalls(kerava, on=D(2026, 1, 10)) == {
        rules.MAIN_USERS: (1, 2),
        rules.CONTACT_PERSONS: (1, 2),
        rules.STEERING_GROUP_MEMBERS: (0, 1),
        rules.WORKING_GROUP_DEPUTIES: (0, 1),
    }
    assert named_person_shortfalls(kerava, on=D(2026, 4, 1)) == {}
    # A deactivated membership or user no longer counts.
    Membership.objects.filter(user__username="kerava-producer2").update(is_active=False)
    get_user_model().objects.filter(username="kerava-producer").update(is_active=False)
    assert named_person_shortfalls(kerava, on=D(2026, 4, 1)) == {}  # main users produce too
    get_user_model().objects.filter(username="kerava-main2").update(is_active=False)
    assert named_person_shortfalls(kerava, on=D(2026, 4, 1)) == {
        rules.MAIN_USERS: (1, 2),
        rules.CONTENT_PRODUCERS: (1, 2),
    }


def test_providers_need_one_main_user():
    provider = Organisation.objects.providers().filter(is_active=True).order_by("pk").first()
    assert named_person_counts(provider, on=timezone.localdate()) == {rules.MAIN_USERS: 1}
    Membership.objects.filter(organisation=provider, role=Role.PROVIDER_MAIN_USER).update(
        is_active=False
    )
    assert named_person_shortfalls(provider, on=timezone.localdate()) == {rules.MAIN_USERS: (0, 1)}


def test_a_terminated_partner_is_not_listed_from_its_end_date(partners, no_monitoring):
    termination = Decision.objects.create(
        title="Irtisanominen",
        kind=rules.TERMINATION,
        proposal="…",
        partner=partners["kerava"],
        partner_end_date=D(2026, 6, 30),
        steering_group_date=D(2026, 5, 14),
    )
    for slug in ("helsinki", "espoo"):
        SteeringGroupVote.objects.create(
            decision=termination, organisation=partners[slug], vote="for"
        )
    listed = {n.organisation.slug for n in named_persons(D(2026, 6, 29), providers=False)}
    assert "kerava" in listed
    listed = {n.organisation.slug for n in named_persons(D(2026, 6, 30), providers=False)}
    assert "kerava" not in listed and "helsinki" in listed


def test_listing_every_organisation_costs_a_few_queries(django_assert_max_num_queries):
    with django_assert_max_num_queries(6):
        entries = named_persons(timezone.localdate())
    assert len(entries) > 10


# --- The dashboard panel: maintainers only -----------------------------------------------------
def test_the_panel_is_on_the_maintainers_dashboard_only(login):
    page = login("yllapito-maintainer").get(reverse("wagtailadmin_home")).content.decode()
    assert 'id="named-persons-panel"' in page
    # The demo's Kerava named one communication and induction contact of two.
    assert 'data-short="communication_induction"' in page
    for username in ("helsinki-main", "helsinki-producer", "helsinki-expert"):
        page = login(username).get(reverse("wagtailadmin_home")).content.decode()
        assert 'id="named-persons-panel"' not in page, username


# --- The report and its CSV ----------------------------------------------------------------------
def test_the_report_and_its_csv(login, kerava):
    client = login("yllapito-maintainer")
    url = reverse("policies_named_persons_report")
    response = client.get(url, {"on": "2026-01-10"})
    assert response.status_code == 200
    entries = {e.organisation.slug: e for e in response.context["entries"]}
    assert entries["kerava"].counts[rules.MAIN_USERS] == 1
    assert any(not e.is_partner for e in entries.values())  # providers, for maintainers
    csv = client.get(url, {"on": "2026-01-10", "export": "csv"})
    assert csv["Content-Disposition"] == 'attachment; filename="named-persons-2026-01-10.csv"'
    text = csv.content.decode("utf-8-sig")
    kerava_line = next(line for line in text.splitlines() if line.startswith("Kerava"))
    assert "1/2" in kerava_line and "Main users 1/2" in kerava_line
    short = client.get(url, {"on": "2026-04-01", "short_only": "on"}).context["entries"]
    assert "kerava" not in {e.organisation.slug for e in short}


def test_a_partner_sees_its_own_row_only_and_providers_are_refused(login):
    url = reverse("policies_named_persons_report")
    response = login("helsinki-main").get(url, {"partner": "999"})
    assert [e.organisation.slug for e in response.context["entries"]] == ["helsinki"]
    provider_user = (
        Membership.objects.filter(role=Role.PROVIDER_MAIN_USER, is_active=True)
        .select_related("user")
        .first()
        .user
    )
    response = login(provider_user.username).get(url)
    assert response.status_code in (302, 403)
    assert "entries" not in (response.context or {})


# --- The digest warns ----------------------------------------------------------------------------
def test_the_digest_warns_maintainers_and_the_partners_main_users_once(kerava):
    OutgoingEmail.objects.all().delete()
    sent = send_named_person_warnings(D(2026, 1, 10))
    assert sent > 0
    mails = {m.recipient: m for m in OutgoingEmail.objects.all()}
    maintainer = get_user_model().objects.get(username="yllapito-maintainer")
    kerava_main = get_user_model().objects.get(username="kerava-main")
    assert maintainer.email in mails and kerava_main.email in mails
    # In the recipient's language (the demo's Kerava users get Finnish): the figures.
    kerava_line = next(
        line for line in mails[kerava_main.email].body.splitlines() if line.startswith("- Kerava:")
    )
    assert "1/2" in kerava_line and "0/1" in kerava_line  # main users; steering group member
    assert "Helsinki" not in mails[kerava_main.email].body  # only its own organisation
    assert "Kerava" in mails[maintainer.email].body and "Helsinki" in mails[maintainer.email].body
    # Experts and producers are not told; the same shortfalls are not told twice.
    expert = get_user_model().objects.get(username="kerava-expert")
    assert expert.email not in mails
    assert send_named_person_warnings(D(2026, 1, 12)) == 0
    # A change of the shortfalls is told again.
    assert send_named_person_warnings(D(2026, 4, 1)) > 0
