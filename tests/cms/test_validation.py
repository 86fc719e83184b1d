"""Validation of organisations, cost shares and memberships, through the real admin."""

import re
from decimal import Decimal

import pytest
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse

from cms.models import Membership, Organisation
from cms.roles import OrganisationKind, Role, group_name
from cms.validators import validate_business_id

# --- Business ID (Y-tunnus) -------------------------------------------------------------

VALID_IDS = ["0201256-6", "0101263-6", "1234567-1", "7654321-2", "2345678-0", "9999999-2"]
WRONG_CHECK_DIGIT = ["0201256-5", "0201256-7", "0101263-0", "1234567-2", "2345678-1"]
# Bodies whose weighted sum leaves remainder 1: no check digit can make them valid.
REMAINDER_ONE_BODIES = ["3456789", "1111111"]
BAD_FORMATS = [
    "1234567",
    "12345678-9",
    "abc",
    "",
    "0201256-66",
    "0201256 6",
    "201256-6",
    "0201256–6",  # en dash
    " 0201256-6",
    "0201256-6\n",  # `$` in a regex also matches before a final newline
    "٠٢٠١٢٥٦-٦",  # Arabic-Indic digits: \d matches them and int() accepts them
    None,
]


@pytest.mark.parametrize("value", VALID_IDS)
def test_valid_business_ids(value):
    assert validate_business_id(value) is None  # raises ValidationError when invalid


@pytest.mark.parametrize("value", WRONG_CHECK_DIGIT)
def test_wrong_check_digit(value):
    with pytest.raises(ValidationError) as exc:
        validate_business_id(value)
    assert exc.value.code == "check_digit"


@pytest.mark.parametrize("body", REMAINDER_ONE_BODIES)
@pytest.mark.parametrize("check", range(10))
def test_remainder_one_bodies_are_never_valid(body, check):
    with pytest.raises(ValidationError) as exc:
        validate_business_id(f"{body}-{check}")
    assert exc.value.code == "check_digit"


@pytest.mark.parametrize("value", BAD_FORMATS)
def test_bad_formats(value):
    with pytest.raises(ValidationError) as exc:
        validate_business_id(value)
    assert exc.value.code == "format"


# --- Organisation admin -------------------------------------------------------------------

FREE_BUSINESS_ID = "2222222-9"


def organisation_data(**overrides):
    data = {
        "name": "Testipalvelu Oy",
        "name_sv": "",
        "name_en": "",
        "slug": "testipalvelu",
        "kind": OrganisationKind.PROVIDER,
        "business_id": FREE_BUSINESS_ID,
        "cost_share": "",
        "language": "fi",
        "email": "info@testipalvelu.example.fi",
        "is_active": "on",
    }
    data.update(overrides)
    return data


def edit_data(org, **overrides):
    data = organisation_data(
        name=org.name,
        name_sv=org.name_sv,
        name_en=org.name_en,
        slug=org.slug,
        kind=org.kind,
        business_id=org.business_id,
        cost_share="" if org.cost_share is None else str(org.cost_share),
        language=org.language,
        email=org.email,
        is_active="on" if org.is_active else None,
    )
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not None}


def form_errors(response, field):
    assert response.status_code == 200, response.status_code
    return [str(message) for message in response.context["form"].errors.get(field, [])]


@pytest.fixture
def maintainer(login):
    return login("yllapito-maintainer")


@pytest.mark.django_db
@pytest.mark.parametrize("business_id", ["0201256-5", "1234567", "3456789-0", "abc"])
def test_organisation_with_invalid_business_id_is_refused(maintainer, business_id):
    before = Organisation.objects.count()
    response = maintainer.post(
        reverse("organisations:add"), organisation_data(business_id=business_id)
    )
    errors = form_errors(response, "business_id")
    assert errors and any("business ID" in e for e in errors)
    assert Organisation.objects.count() == before
    assert not Organisation.objects.filter(slug="testipalvelu").exists()


@pytest.mark.django_db
def test_organisation_with_duplicate_business_id_is_refused(maintainer):
    response = maintainer.post(
        reverse("organisations:add"), organisation_data(business_id="0201256-6")
    )
    assert form_errors(response, "business_id")
    assert not Organisation.objects.filter(slug="testipalvelu").exists()


@pytest.mark.django_db
def test_new_municipality_breaking_the_cost_share_total_is_refused(maintainer):
    response = maintainer.post(
        reverse("organisations:add"),
        organisation_data(
            name="Testikunta", slug="testikunta", kind=OrganisationKind.MUNICIPALITY, cost_share="5"
        ),
    )
    errors = form_errors(response, "cost_share")
    assert any("must total 100" in e and "105" in e for e in errors), errors
    assert not Organisation.objects.filter(slug="testikunta").exists()


@pytest.mark.django_db
def test_new_municipality_without_a_cost_share_is_refused(maintainer):
    response = maintainer.post(
        reverse("organisations:add"),
        organisation_data(name="Testikunta", slug="testikunta", kind=OrganisationKind.MUNICIPALITY),
    )
    assert form_errors(response, "cost_share")
    assert not Organisation.objects.filter(slug="testikunta").exists()


@pytest.mark.django_db
def test_editing_one_municipality_share_alone_is_refused(maintainer):
    helsinki = Organisation.objects.get(slug="helsinki")
    old = helsinki.cost_share
    response = maintainer.post(
        reverse("organisations:edit", args=[helsinki.pk]),
        edit_data(helsinki, cost_share=str(old + 1)),
    )
    assert form_errors(response, "cost_share")
    helsinki.refresh_from_db()
    assert helsinki.cost_share == old


@pytest.mark.django_db
def test_editing_a_municipality_keeping_its_share_is_saved(maintainer):
    helsinki = Organisation.objects.get(slug="helsinki")
    response = maintainer.post(
        reverse("organisations:edit", args=[helsinki.pk]),
        edit_data(helsinki, email="kirjaamo@hel.example.fi"),
    )
    assert response.status_code == 302
    helsinki.refresh_from_db()
    assert helsinki.email == "kirjaamo@hel.example.fi"


@pytest.mark.django_db
def test_provider_with_a_cost_share_is_refused(maintainer):
    response = maintainer.post(reverse("organisations:add"), organisation_data(cost_share="10"))
    errors = form_errors(response, "cost_share")
    assert any("Only partner municipalities" in e for e in errors), errors
    assert not Organisation.objects.filter(slug="testipalvelu").exists()


@pytest.mark.django_db
def test_valid_provider_is_saved(maintainer):
    response = maintainer.post(reverse("organisations:add"), organisation_data())
    assert response.status_code == 302
    org = Organisation.objects.get(slug="testipalvelu")
    assert org.kind == OrganisationKind.PROVIDER
    assert org.business_id == FREE_BUSINESS_ID
    assert org.cost_share is None
    # Its role groups were created by the post_save signal.
    assert Group.objects.filter(name=group_name(org, Role.PROVIDER_EDITOR)).exists()


@pytest.mark.django_db
def test_organisation_admin_is_for_maintainers_only(login):
    client = login("helsinki-main")
    response = client.post(reverse("organisations:add"), organisation_data())
    assert response.status_code in (302, 403)
    assert not Organisation.objects.filter(slug="testipalvelu").exists()


# --- Cost shares screen ---------------------------------------------------------------------


def current_shares():
    return {o.pk: o.cost_share for o in Organisation.objects.municipalities()}


def shares_data(shares: dict):
    return {f"share_{pk}": str(value) for pk, value in shares.items()}


def shifted(shares: dict, amount: Decimal):
    """The same shares with `amount` moved from the largest to the smallest."""
    shares = dict(shares)
    largest = max(shares, key=shares.get)
    smallest = min(shares, key=shares.get)
    shares[largest] -= amount
    shares[smallest] += amount
    return shares


@pytest.mark.django_db
def test_demo_shares_total_one_hundred():
    assert sum(current_shares().values()) == Decimal("100.00")


@pytest.mark.django_db
@pytest.mark.parametrize("delta", [Decimal("0.01"), Decimal("-0.01"), Decimal("10")])
def test_cost_shares_not_totalling_100_are_refused(maintainer, delta):
    before = current_shares()
    shares = dict(before)
    first = next(iter(shares))
    shares[first] += delta
    response = maintainer.post(reverse("cms_cost_shares"), shares_data(shares))
    assert response.status_code == 200
    errors = [str(e) for e in response.context["form"].non_field_errors()]
    assert any("must total 100" in e for e in errors), errors
    assert "must total 100" in response.content.decode()
    assert current_shares() == before


@pytest.mark.django_db
def test_cost_shares_with_a_missing_value_are_refused(maintainer):
    before = current_shares()
    data = shares_data(before)
    data[next(iter(data))] = ""
    response = maintainer.post(reverse("cms_cost_shares"), data)
    assert response.status_code == 200
    assert response.context["form"].errors
    assert current_shares() == before


@pytest.mark.django_db
def test_cost_share_of_zero_is_refused(maintainer):
    """The model requires at least 0.01 for a partner; the screen must not store less."""
    before = current_shares()
    shares = dict(before)
    smallest = min(shares, key=shares.get)
    largest = max(shares, key=shares.get)
    shares[largest] += shares[smallest]
    shares[smallest] = Decimal("0")
    assert sum(shares.values()) == Decimal("100")
    response = maintainer.post(reverse("cms_cost_shares"), shares_data(shares))
    assert response.status_code == 200
    assert response.context["form"].errors.get(f"share_{smallest}")
    assert current_shares() == before


@pytest.mark.django_db
def test_cost_shares_totalling_100_are_saved(maintainer):
    wanted = shifted(current_shares(), Decimal("1.50"))
    assert sum(wanted.values()) == Decimal("100")
    response = maintainer.post(reverse("cms_cost_shares"), shares_data(wanted))
    assert response.status_code == 302
    assert current_shares() == wanted
    # Every saved share still passes the model's own validation.
    for org in Organisation.objects.municipalities():
        org.full_clean()


@pytest.mark.django_db
@pytest.mark.parametrize("username", ["helsinki-main", "helsinki-producer", "tyovalmennus-main"])
def test_cost_shares_are_for_maintainers_only(login, username):
    """Wagtail turns the view's PermissionDenied into a redirect to the dashboard."""
    client = login(username)
    before = current_shares()
    for response in (
        client.get(reverse("cms_cost_shares")),
        client.post(reverse("cms_cost_shares"), shares_data(shifted(before, Decimal("1")))),
    ):
        assert response.status_code in (302, 403)
        if response.status_code == 302:
            assert response["Location"] == reverse("wagtailadmin_home")
    assert current_shares() == before


@pytest.mark.django_db
def test_cost_shares_refuse_anonymous(client):
    before = current_shares()
    response = client.post(reverse("cms_cost_shares"), shares_data(shifted(before, Decimal("1"))))
    assert response.status_code == 302
    assert "/login/" in response["Location"]
    assert current_shares() == before


# --- Memberships ------------------------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize(
    "org_slug, role",
    [
        ("helsinki", Role.PROVIDER_EDITOR),
        ("helsinki", Role.PROVIDER_MAIN_USER),
        ("helsinki", Role.MAINTAINER),
        ("tyovalmennus", Role.PRODUCER),
        ("tyovalmennus", Role.EXPERT),
        ("tyovalmennus", Role.TRANSLATOR),
        ("yllapito", Role.PRODUCER),
    ],
)
def test_role_not_available_for_organisation_kind(user, org_slug, role):
    membership = Membership(
        user=user("espoo-expert"), organisation=Organisation.objects.get(slug=org_slug), role=role
    )
    with pytest.raises(ValidationError) as exc:
        membership.full_clean()
    assert "role" in exc.value.message_dict


@pytest.mark.django_db
@pytest.mark.parametrize(
    "org_slug, role",
    [
        ("helsinki", Role.PRODUCER),
        ("helsinki", Role.TRANSLATOR),
        ("tyovalmennus", Role.PROVIDER_EDITOR),
        ("yllapito", Role.TRANSLATOR),
    ],
)
def test_role_available_for_organisation_kind(user, org_slug, role):
    membership = Membership(
        user=user("espoo-expert"), organisation=Organisation.objects.get(slug=org_slug), role=role
    )
    assert membership.full_clean() is None  # raises ValidationError when not available


def member_data(organisation, role, email="uusi.kayttaja@example.fi", **extra):
    data = {
        "organisation": organisation.pk,
        "role": role,
        "email": email,
        "first_name": "Uusi",
        "last_name": "Käyttäjä",
    }
    data.update(extra)
    return data


@pytest.mark.django_db
def test_members_admin_refuses_a_role_of_another_kind(maintainer, mailoutbox):
    helsinki = Organisation.objects.get(slug="helsinki")
    before = Membership.objects.count()
    response = maintainer.post(reverse("members:add"), member_data(helsinki, Role.PROVIDER_EDITOR))
    assert form_errors(response, "role")
    assert Membership.objects.count() == before
    assert not Membership.objects.filter(user__email="uusi.kayttaja@example.fi").exists()
    assert mailoutbox == []


@pytest.mark.django_db
@pytest.mark.parametrize("email", ["helsinki-expert@example.fi", "HELSINKI-EXPERT@example.fi"])
def test_members_admin_refuses_an_existing_member(maintainer, user, email):
    helsinki = Organisation.objects.get(slug="helsinki")
    expert = user("helsinki-expert")
    before = Membership.objects.count()
    response = maintainer.post(
        reverse("members:add"), member_data(helsinki, Role.PRODUCER, email=email)
    )
    assert any("already a member" in e for e in form_errors(response, "email"))
    assert Membership.objects.count() == before
    assert Membership.objects.get(user=expert, organisation=helsinki).role == Role.EXPERT


@pytest.mark.django_db
def test_members_admin_refuses_a_deactivated_member_too(maintainer, user):
    helsinki = Organisation.objects.get(slug="helsinki")
    membership = Membership.objects.get(user=user("helsinki-expert"), organisation=helsinki)
    Membership.objects.filter(pk=membership.pk).update(is_active=False)
    response = maintainer.post(
        reverse("members:add"),
        member_data(helsinki, Role.PRODUCER, email="helsinki-expert@example.fi"),
    )
    assert form_errors(response, "email")
    membership.refresh_from_db()
    assert membership.role == Role.EXPERT and not membership.is_active


@pytest.mark.django_db
def test_members_admin_adds_a_valid_member(maintainer, mailoutbox):
    """Adding invites: the membership is made when the person accepts the e-mailed link."""
    helsinki = Organisation.objects.get(slug="helsinki")
    response = maintainer.post(reverse("members:add"), member_data(helsinki, Role.EXPERT))
    assert response.status_code == 302
    assert not Membership.objects.filter(user__email="uusi.kayttaja@example.fi").exists()
    assert len(mailoutbox) == 1
    link = re.search(r"http://testserver(/admin/invitations/\S+/)", mailoutbox[0].body)[1]
    password = "Uusi-salasana-2026!"
    Client().post(link, {"new_password1": password, "new_password2": password})
    membership = Membership.objects.get(user__email="uusi.kayttaja@example.fi")
    assert membership.organisation == helsinki and membership.role == Role.EXPERT
    assert membership.user.groups.filter(name=group_name(helsinki, Role.EXPERT)).exists()


@pytest.mark.django_db
def test_main_user_cannot_add_members_to_another_organisation(login):
    client = login("helsinki-main")
    espoo = Organisation.objects.get(slug="espoo")
    response = client.post(reverse("members:add"), member_data(espoo, Role.EXPERT))
    assert response.status_code == 200
    assert form_errors(response, "organisation")
    assert not Membership.objects.filter(user__email="uusi.kayttaja@example.fi").exists()


# --- Leavers ------------------------------------------------------------------------------------


def edit_member(client, membership, *, role=None, active):
    data = {"role": role or membership.role}
    if active:
        data["is_active"] = "on"
    return client.post(reverse("members:edit", args=[membership.pk]), data)


def group_names(user):
    return set(user.groups.values_list("name", flat=True))


@pytest.mark.django_db
def test_deactivating_a_leaver_closes_the_account_and_removes_groups(login, user):
    client = login("helsinki-main")
    leaver = user("helsinki-expert")
    helsinki = Organisation.objects.get(slug="helsinki")
    expert_group = group_name(helsinki, Role.EXPERT)
    assert expert_group in group_names(leaver)
    membership = Membership.objects.get(user=leaver, organisation=helsinki)

    response = edit_member(client, membership, active=False)
    assert response.status_code == 302

    membership.refresh_from_db()
    leaver.refresh_from_db()
    assert not membership.is_active
    assert not leaver.is_active
    assert expert_group not in group_names(leaver)
    assert not leaver.has_perm("services.view_internal")

    # Reactivating restores the membership, the account and the group.
    response = edit_member(client, membership, active=True)
    assert response.status_code == 302
    membership.refresh_from_db()
    leaver.refresh_from_db()
    assert membership.is_active
    assert leaver.is_active
    assert expert_group in group_names(leaver)


@pytest.mark.django_db
def test_deactivating_one_of_two_memberships_keeps_the_account(login, user):
    client = login("helsinki-main")
    person = user("helsinki-expert")
    helsinki = Organisation.objects.get(slug="helsinki")
    espoo = Organisation.objects.get(slug="espoo")
    Membership.objects.create(user=person, organisation=espoo, role=Role.EXPERT)
    assert {group_name(helsinki, Role.EXPERT), group_name(espoo, Role.EXPERT)} <= group_names(
        person
    )
    membership = Membership.objects.get(user=person, organisation=helsinki)

    response = edit_member(client, membership, active=False)
    assert response.status_code == 302

    membership.refresh_from_db()
    person.refresh_from_db()
    assert not membership.is_active
    assert person.is_active
    names = group_names(person)
    assert group_name(helsinki, Role.EXPERT) not in names
    assert group_name(espoo, Role.EXPERT) in names


@pytest.mark.django_db
def test_changing_a_role_moves_the_user_between_groups(login, user):
    client = login("helsinki-main")
    person = user("helsinki-expert")
    helsinki = Organisation.objects.get(slug="helsinki")
    membership = Membership.objects.get(user=person, organisation=helsinki)
    response = edit_member(client, membership, role=Role.PRODUCER, active=True)
    assert response.status_code == 302
    names = group_names(person)
    assert group_name(helsinki, Role.PRODUCER) in names
    assert group_name(helsinki, Role.EXPERT) not in names


@pytest.mark.django_db
def test_member_edit_refuses_a_role_of_another_kind(login, user):
    client = login("helsinki-main")
    person = user("helsinki-expert")
    membership = Membership.objects.get(user=person, organisation__slug="helsinki")
    response = edit_member(client, membership, role=Role.PROVIDER_EDITOR, active=True)
    assert form_errors(response, "role")
    membership.refresh_from_db()
    assert membership.role == Role.EXPERT


@pytest.mark.django_db
def test_main_user_cannot_deactivate_another_organisations_member(login, user):
    client = login("helsinki-main")
    membership = Membership.objects.get(user=user("espoo-expert"), organisation__slug="espoo")
    response = edit_member(client, membership, active=False)
    assert response.status_code in (302, 403, 404)
    membership.refresh_from_db()
    assert membership.is_active
    assert membership.user.is_active
