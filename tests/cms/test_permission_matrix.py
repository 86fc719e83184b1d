"""Every cell of docs/permissions.md, tried through the admin as a demo user of each role.

EXPECTED is written out here independently of `cms.roles`, so a wrong declaration
fails both the behaviour tests and `test_declared_matrix_matches`.
"""

import re

import pytest
from django.test import Client
from django.urls import reverse
from wagtail.models import WorkflowState

from cms.models import Invitation, Membership
from cms.roles import Role, permission_matrix
from services.models import ServiceCategory, ServicePage
from tests.admin_forms import rich_text, service_form_data

pytestmark = pytest.mark.django_db

Y, N = True, False
COLUMNS = (
    "view_public",
    "view_internal",
    "edit_own",
    "edit_other",
    "edit_internal",
    "submit",
    "publish",
    "manage_own_users",
    "manage_other_users",
    "manage_taxonomies",
    "manage_organisations",
)
EXPECTED = {
    Role.MAINTAINER: (Y, Y, Y, Y, Y, Y, Y, Y, Y, Y, Y),
    Role.MUNICIPALITY_MAIN_USER: (Y, Y, Y, N, Y, Y, Y, Y, N, N, N),
    Role.PRODUCER: (Y, Y, Y, N, Y, Y, Y, N, N, N, N),
    Role.EXPERT: (Y, Y, N, N, N, N, N, N, N, N, N),
    Role.PROVIDER_MAIN_USER: (Y, N, Y, N, N, Y, N, Y, N, N, N),
    Role.PROVIDER_EDITOR: (Y, N, Y, N, N, Y, N, N, N, N, N),
    Role.TRANSLATOR: (Y, Y, N, N, N, N, N, N, N, N, N),
}
CELLS = [(role, col) for role in EXPECTED for col in COLUMNS]
SENTINEL = "SISAINEN-SENTINEL-4711"


def expected(role, column):
    return EXPECTED[role][COLUMNS.index(column)]


@pytest.fixture
def world(user):
    """The acting user of each role and the services they act on."""
    own_helsinki = (
        ServicePage.objects.filter(
            responsible_municipality__slug="helsinki", locale__language_code="fi"
        )
        .order_by("pk")
        .first()
    )
    provider = own_helsinki.provider
    other = (
        ServicePage.objects.filter(locale__language_code="fi")
        .exclude(responsible_municipality__slug="helsinki")
        .exclude(provider=provider)
        .order_by("pk")
        .first()
    )
    usernames = {
        Role.MAINTAINER: "yllapito-maintainer",
        Role.MUNICIPALITY_MAIN_USER: "helsinki-main",
        Role.PRODUCER: "helsinki-producer",
        Role.EXPERT: "helsinki-expert",
        Role.PROVIDER_MAIN_USER: f"{provider.slug}-main",
        Role.PROVIDER_EDITOR: f"{provider.slug}-editor",
        Role.TRANSLATOR: "yllapito-translator",
    }
    return {
        "own": own_helsinki,
        "other": other,
        "users": {r: user(u) for r, u in usernames.items()},
    }


def _edit(client, page, **kwargs):
    return client.post(
        reverse("wagtailadmin_pages:edit", args=[page.pk]), service_form_data(page, **kwargs)
    )


def _latest(page):
    return ServicePage.objects.get(pk=page.pk).get_latest_revision_as_object()


def test_declared_matrix_matches_expected():
    declared = permission_matrix()
    assert {role: tuple(declared[role][c] for c in COLUMNS) for role in declared} == EXPECTED


@pytest.mark.parametrize("role", list(EXPECTED))
def test_view_public(role, world, client):
    client.force_login(world["users"][role])
    response = client.post(
        "/graphql/",
        {"query": "{ services(limit: 5) { items { title shortDescription } } }"},
        content_type="application/json",
    )
    assert response.status_code == 200
    assert len(response.json()["data"]["services"]["items"]) == 5
    assert expected(role, "view_public")


@pytest.mark.parametrize("role", list(EXPECTED))
def test_view_internal(role, world, client):
    page = world["own"]
    page.internal = [("referral", f"<p>{SENTINEL}</p>")]
    page.save_revision().publish()
    client.force_login(world["users"][role])
    response = client.get(reverse("services_card", args=[page.pk]))
    assert response.status_code == 200
    assert (SENTINEL in response.content.decode()) is expected(role, "view_internal")
    # The customer view never shows internal text, whoever asks.
    customer = client.get(reverse("services_card", args=[page.pk]) + "?view=customer")
    assert SENTINEL not in customer.content.decode()


@pytest.mark.parametrize("role,target", [(r, t) for r in EXPECTED for t in ("own", "other")])
def test_edit_service(role, target, world, client):
    page = world[target]
    client.force_login(world["users"][role])
    new_text = f"Muokattu: {role.value} {target}"
    response = _edit(client, page, short_description=new_text)
    saved = _latest(page).short_description == new_text
    assert saved is expected(role, f"edit_{target}")
    if not saved:
        assert response.status_code in (302, 403)


@pytest.mark.parametrize("role", list(EXPECTED))
def test_edit_internal(role, world, client):
    page = world["own"]
    page.internal = [("referral", "<p>Alkuperäinen ohje</p>")]
    page.save_revision().publish()
    user = world["users"][role]
    client.force_login(user)
    get = client.get(reverse("wagtailadmin_pages:edit", args=[page.pk]))
    panel_shown = get.status_code == 200 and "internal" in get.context["form"].fields
    assert panel_shown is expected(role, "edit_internal")
    # Forging the internal fields in the POST must not change them without the right.
    _edit(client, page, internal=[("referral", rich_text(f"<p>{SENTINEL}</p>"))])
    changed = SENTINEL in str(_latest(page).internal.raw_data)
    assert changed is expected(role, "edit_internal")


@pytest.mark.parametrize("role", list(EXPECTED))
def test_submit_for_review(role, world, client):
    page = world["own"]
    client.force_login(world["users"][role])
    _edit(client, page, action="submit")
    in_review = WorkflowState.objects.for_instance(page).filter(status="in_progress").exists()
    assert in_review is expected(role, "submit")


@pytest.mark.parametrize("role", list(EXPECTED))
def test_publish(role, world, client):
    page = world["own"]
    client.force_login(world["users"][role])
    new_text = f"Julkaistu: {role.value}"
    _edit(client, page, short_description=new_text, action="publish")
    live = ServicePage.objects.get(pk=page.pk)
    assert (live.short_description == new_text and live.live) is expected(role, "publish")


def _membership_of(user):
    return Membership.objects.filter(user=user).select_related("organisation").first()


@pytest.mark.parametrize("role", list(EXPECTED))
def test_manage_own_users(role, world, client, mailoutbox):
    user = world["users"][role]
    own = _membership_of(user).organisation
    client.force_login(user)
    email = f"uusi.{role.value}@example.fi"
    target_role = {
        "maintainer": Role.TRANSLATOR,
        "municipality": Role.EXPERT,
        "provider": Role.PROVIDER_EDITOR,
    }[own.kind]
    client.post(
        reverse("members:add"),
        {
            "organisation": own.pk,
            "role": target_role,
            "email": email,
            "first_name": "Uusi",
            "last_name": "Käyttäjä",
        },
    )
    invited = Invitation.objects.filter(email=email, organisation=own, status="pending").exists()
    assert invited is expected(role, "manage_own_users")
    # Adding is an invitation: nothing exists until the person accepts it.
    assert not Membership.objects.filter(user__email=email).exists()
    if invited:
        # The person gets an e-mail with a link; setting a password there makes the account
        # and the membership.
        assert mailoutbox[-1].to == [email]
        link = re.search(r"http://testserver(/admin/invitations/\S+/)", mailoutbox[-1].body)[1]
        password = "Uusi-salasana-2026!"
        Client().post(link, {"new_password1": password, "new_password2": password})
        membership = Membership.objects.get(user__email=email, organisation=own)
        assert membership.role == target_role and membership.user.check_password(password)


@pytest.mark.parametrize("role", list(EXPECTED))
def test_manage_other_users(role, world, client):
    user = world["users"][role]
    own = _membership_of(user).organisation
    victim = (
        Membership.objects.exclude(organisation=own)
        .filter(role=Role.PRODUCER, is_active=True)
        .first()
    )
    client.force_login(user)
    listing = client.get(reverse("members:index"))
    listed = listing.status_code == 200 and victim.user.email in listing.content.decode()
    client.post(reverse("members:edit", args=[victim.pk]), {"role": Role.EXPERT, "is_active": ""})
    victim.refresh_from_db()
    changed = victim.role == Role.EXPERT and not victim.is_active
    assert changed is expected(role, "manage_other_users")
    assert listed is expected(role, "manage_other_users")


@pytest.mark.parametrize("role", list(EXPECTED))
def test_manage_taxonomies(role, world, client):
    client.force_login(world["users"][role])
    client.post(
        reverse("wagtailsnippets_services_servicecategory:add"),
        {
            "name": f"Uusi luokka {role.value}",
            "slug": f"uusi-{role.value}",
            "description": "",
            "sort_order": 9,
            "locale": 1,
        },
    )
    created = ServiceCategory.objects.filter(slug=f"uusi-{role.value}").exists()
    assert created is expected(role, "manage_taxonomies")


@pytest.mark.parametrize("role", list(EXPECTED))
def test_manage_organisations(role, world, client):
    client.force_login(world["users"][role])
    response = client.get(reverse("organisations:add"))
    assert (response.status_code == 200) is expected(role, "manage_organisations")
