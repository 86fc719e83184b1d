"""Main users (issue 17): the members admin offers only the roles that can be given in the
chosen organisation (its kind, cms.roles) and that the user may grant (a main user never
grants maintainer); a forged choice is refused on the server."""

import re

import pytest
from django.urls import reverse

from cms.members import role_grant_error, roles_grantable
from cms.models import Invitation, Membership, Organisation
from cms.roles import Role, roles_for_kind
from tests.clients import client_for

pytestmark = pytest.mark.django_db


def org(slug):
    return Organisation.objects.get(slug=slug)


def values(form):
    return {value for value, _label in form.fields["role"].choices if value}


@pytest.mark.parametrize(
    "actor, kind",
    [
        ("helsinki-main", "municipality"),
        ("tyovalmennus-main", "provider"),
    ],
)
def test_a_main_user_is_offered_the_roles_of_their_organisations_kind(user, actor, kind):
    form = client_for(user(actor)).get(reverse("members:add")).context["form"]
    assert values(form) == {role.value for role in roles_for_kind(kind)}
    assert Role.MAINTAINER not in values(form)


def test_roles_follow_the_chosen_organisation_for_a_maintainer(user):
    """A maintainer manages every organisation: each role option names the kinds it exists
    in and each organisation option its kind, so the page offers only the chosen
    organisation's roles (cms/static/cms/js/member-roles.js)."""
    response = client_for(user("yllapito-maintainer")).get(reverse("members:add"))
    body = response.content.decode()
    assert "cms/js/member-roles.js" in body
    for slug in ("helsinki", "tyovalmennus", "yllapito"):
        organisation = org(slug)
        assert re.search(
            rf'<option value="{organisation.pk}"[^>]*data-kind="{organisation.kind}"', body
        ) or re.search(rf'data-kind="{organisation.kind}"[^>]*value="{organisation.pk}"', body)
    assert re.search(r'<option value="maintainer"[^>]*data-kinds="maintainer"', body)
    assert re.search(r'<option value="producer"[^>]*data-kinds="municipality"', body)
    assert re.search(r'<option value="translator"[^>]*data-kinds="maintainer municipality"', body)
    assert re.search(r'<option value="provider_editor"[^>]*data-kinds="provider"', body)


@pytest.mark.parametrize(
    "slug, expected",
    [
        ("helsinki", {"municipality_main_user", "producer", "expert", "translator"}),
        ("tyovalmennus", {"provider_main_user", "provider_editor"}),
        ("yllapito", {"maintainer", "translator"}),
    ],
)
def test_the_edit_form_offers_the_roles_of_the_memberships_organisation(user, slug, expected):
    membership = Membership.objects.filter(organisation__slug=slug).order_by("pk").first()
    form = (
        client_for(user("yllapito-maintainer"))
        .get(reverse("members:edit", args=[membership.pk]))
        .context["form"]
    )
    assert values(form) == expected


def test_a_main_user_never_grants_maintainer():
    """Even in an organisation of the maintainer kind, only maintainers grant it."""
    from django.contrib.auth import get_user_model

    main = get_user_model().objects.get(username="helsinki-main")
    maintainer = get_user_model().objects.get(username="yllapito-maintainer")
    yllapito = Organisation.objects.filter(slug="yllapito")
    assert Role.MAINTAINER not in roles_grantable(main, yllapito)
    assert Role.TRANSLATOR in roles_grantable(main, yllapito)
    assert Role.MAINTAINER in roles_grantable(maintainer, yllapito)
    assert role_grant_error(main, yllapito.get(), Role.MAINTAINER)
    assert role_grant_error(maintainer, yllapito.get(), Role.MAINTAINER) is None
    assert role_grant_error(maintainer, org("helsinki"), Role.MAINTAINER)


@pytest.mark.parametrize(
    "actor, slug, role",
    [
        ("yllapito-maintainer", "helsinki", Role.PROVIDER_EDITOR),
        ("yllapito-maintainer", "tyovalmennus", Role.PRODUCER),
        ("yllapito-maintainer", "yllapito", Role.EXPERT),
        ("helsinki-main", "helsinki", Role.MAINTAINER),
        ("helsinki-main", "helsinki", Role.PROVIDER_MAIN_USER),
        ("tyovalmennus-main", "tyovalmennus", Role.TRANSLATOR),
    ],
)
def test_a_forged_role_in_the_invitation_is_refused(user, mailoutbox, actor, slug, role):
    response = client_for(user(actor)).post(
        reverse("members:add"),
        {
            "organisation": org(slug).pk,
            "role": role,
            "email": "uusi.jasen@example.fi",
            "first_name": "Uusi",
            "last_name": "Jäsen",
        },
    )
    assert response.status_code == 200
    assert "role" in response.context["form"].errors
    assert not Invitation.objects.filter(email="uusi.jasen@example.fi").exists()
    assert mailoutbox == []


def test_a_forged_role_in_the_edit_form_is_refused(user):
    membership = Membership.objects.get(user=user("yllapito-translator"))
    client = client_for(user("yllapito-maintainer"))
    for role in (Role.EXPERT, Role.PRODUCER, Role.PROVIDER_EDITOR):
        response = client.post(
            reverse("members:edit", args=[membership.pk]), {"role": role, "is_active": "on"}
        )
        assert response.status_code == 200 and "role" in response.context["form"].errors
        membership.refresh_from_db()
        assert membership.role == Role.TRANSLATOR


def test_the_role_filter_lists_the_roles_of_the_managed_organisations(user):
    response = client_for(user("helsinki-main")).get(reverse("members:index"))
    filters = response.context["filters"]
    offered = {value for value, _label in filters.form.fields["role"].choices if value}
    assert offered == {role.value for role in roles_for_kind("municipality")}
