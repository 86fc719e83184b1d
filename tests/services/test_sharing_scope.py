"""Who may share a service list with whom (services.sharing, docs/api.md): colleagues who share
an active organisation; maintainers anyone. Sharing must not work as a user directory: unknown
and not-allowed usernames get the same answer, and no screen lists other organisations' staff."""

import json

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from cms.models import Membership, Organisation
from cms.roles import Role
from services.models import ServiceList, ServicePage
from services.sharing import colleagues
from tests.api.gql import gql, post, token_for
from tests.clients import client_for

pytestmark = pytest.mark.django_db

OWNER = "helsinki-expert"
SHARE = (
    "mutation($id: ID!, $share: [String!]) { changeServiceList(listId: $id, shareWith: $share) "
    "{ id sharedWith { username name } } }"
)


@pytest.fixture
def own_list(user):
    return ServiceList.objects.create(owner=user(OWNER), name="Oma lista")


def share(token, service_list, names):
    return post(SHARE, {"id": str(service_list.pk), "share": names}, token=token)


def error_of(response):
    body = response.json()
    assert "data" not in body or body["data"] in (None, {"changeServiceList": None})
    return body["errors"][0]["message"]


def anonymised(response, name):
    """The response body with the refused name replaced: what tells two refusals apart."""
    return json.dumps(response.json(), sort_keys=True).replace(name, "NAME")


# --- GraphQL: shareWith --------------------------------------------------------------------------


@pytest.mark.parametrize(
    "name",
    [
        "espoo-expert",  # a municipal expert of another municipality
        "tyovalmennus-main",  # a provider's main user
        "yllapito-maintainer",  # a maintainer
        "raasepori-translator",  # a translator of another municipality
        OWNER,  # oneself
    ],
)
def test_not_allowed_names_get_the_same_answer_as_unknown_ones(own_list, user, name):
    token = token_for(OWNER)
    assert user(name)  # the account exists
    refused = share(token, own_list, [name])
    unknown = share(token, own_list, ["zz-nobody-here"])
    assert error_of(refused) == f"Cannot share with: {name}."
    assert anonymised(refused, name) == anonymised(unknown, "zz-nobody-here")
    assert refused.status_code == unknown.status_code
    # A real name is never in the answer.
    assert user(name).last_name not in refused.content.decode()
    assert not own_list.shared_with.exists()


def test_one_refused_name_changes_nothing(own_list, user):
    token = token_for(OWNER)
    gql(SHARE, {"id": str(own_list.pk), "share": ["helsinki-producer"]}, token=token)
    response = share(token, own_list, ["helsinki-main", "espoo-expert", "zz-nobody"])
    assert error_of(response) == "Cannot share with: espoo-expert, zz-nobody."
    assert list(own_list.shared_with.all()) == [user("helsinki-producer")]


def test_colleagues_of_the_own_organisation_are_allowed(own_list, user):
    data = gql(
        SHARE,
        {"id": str(own_list.pk), "share": ["helsinki-producer", "helsinki-main"]},
        token=token_for(OWNER),
    )["changeServiceList"]
    assert {p["username"] for p in data["sharedWith"]} == {"helsinki-producer", "helsinki-main"}


@pytest.mark.parametrize("how", ["membership", "account", "organisation"])
def test_someone_without_an_active_membership_is_refused_like_a_stranger(own_list, user, how):
    colleague = user("helsinki-producer")
    if how == "membership":
        Membership.objects.filter(user=colleague).update(is_active=False)
    elif how == "account":
        colleague.is_active = False
        colleague.save()
    else:
        # Someone whose only common organisation is inactive is no longer a colleague.
        stadin = Organisation.objects.get(slug="stadin-osaamiskeskus")
        Membership.objects.create(user=user(OWNER), organisation=stadin, role=Role.PROVIDER_EDITOR)
        colleague = user("stadin-osaamiskeskus-editor")
        Organisation.objects.filter(pk=stadin.pk).update(is_active=False)
    response = share(token_for(OWNER), own_list, [colleague.username])
    assert error_of(response) == f"Cannot share with: {colleague.username}."


def test_provider_users_share_within_their_provider_only(user):
    owner = user("tyovalmennus-editor")
    service_list = ServiceList.objects.create(owner=owner, name="Tuottajan lista")
    token = token_for("tyovalmennus-editor")
    gql(SHARE, {"id": str(service_list.pk), "share": ["tyovalmennus-main"]}, token=token)
    for stranger in ("helsinki-expert", "stadin-osaamiskeskus-editor", "yllapito-maintainer"):
        response = share(token, service_list, [stranger])
        assert error_of(response) == f"Cannot share with: {stranger}."


def test_two_organisations_make_colleagues_in_both(own_list, user):
    tyovalmennus = Organisation.objects.get(slug="tyovalmennus")
    Membership.objects.create(
        user=user(OWNER), organisation=tyovalmennus, role=Role.PROVIDER_EDITOR
    )
    data = gql(
        SHARE,
        {"id": str(own_list.pk), "share": ["tyovalmennus-main", "helsinki-producer"]},
        token=token_for(OWNER),
    )["changeServiceList"]
    assert len(data["sharedWith"]) == 2


def test_maintainers_may_share_with_every_active_member(user):
    owner = user("yllapito-maintainer")
    service_list = ServiceList.objects.create(owner=owner, name="Ylläpidon lista")
    data = gql(
        SHARE,
        {"id": str(service_list.pk), "share": ["helsinki-expert", "tyovalmennus-editor"]},
        token=token_for("yllapito-maintainer"),
    )["changeServiceList"]
    assert len(data["sharedWith"]) == 2
    # Still not with someone who has no active membership.
    Membership.objects.filter(user=user("espoo-expert")).update(is_active=False)
    response = share(token_for("yllapito-maintainer"), service_list, ["espoo-expert"])
    assert error_of(response) == "Cannot share with: espoo-expert."


# --- A share that is no longer allowed ------------------------------------------------------------


def test_a_share_outside_the_rule_is_neither_shown_nor_visible(own_list, user):
    """A share stored before the rule (or a colleague who left): the stranger does not see the
    list, and the owner's sharedWith does not name them."""
    own_list.shared_with.add(user("espoo-expert"), user("helsinki-producer"))
    data = gql("{ serviceLists { id sharedWith { username name } } }", token=token_for(OWNER))[
        "serviceLists"
    ]
    producer = user("helsinki-producer")
    assert data == [
        {
            "id": str(own_list.pk),
            "sharedWith": [{"username": producer.username, "name": producer.get_full_name()}],
        }
    ]
    assert gql("{ serviceLists { id } }", token=token_for("espoo-expert"))["serviceLists"] == []
    stranger = client_for(user("espoo-expert"))
    assert stranger.get(reverse("service-lists:inspect", args=[own_list.pk])).status_code == 404
    assert "Oma lista" not in stranger.get(reverse("service-lists:index")).content.decode()


def test_a_colleague_who_leaves_the_organisation_stops_seeing_the_list(own_list, user):
    colleague = user("helsinki-producer")
    own_list.shared_with.add(colleague)
    token = token_for("helsinki-producer")
    assert [each["id"] for each in gql("{ serviceLists { id } }", token=token)["serviceLists"]]
    # They move to a provider: the account stays open through the new membership.
    Membership.objects.create(
        user=colleague,
        organisation=Organisation.objects.get(slug="tyovalmennus"),
        role=Role.PROVIDER_EDITOR,
    )
    Membership.objects.filter(user=colleague, organisation__slug="helsinki").update(is_active=False)
    assert gql("{ serviceLists { id } }", token=token)["serviceLists"] == []
    assert not ServiceList.visible_to(colleague).filter(pk=own_list.pk).exists()


def test_visibility_follows_exactly_the_same_rule_as_sharing(user):
    """Both directions of the one rule agree: a list shared with everyone is visible to exactly
    the owner's colleagues."""
    User = get_user_model()
    everyone = list(User.objects.all())
    for owner_name in (
        "helsinki-expert",
        "tyovalmennus-main",
        "raasepori-translator",
        "yllapito-maintainer",
    ):
        owner = user(owner_name)
        service_list = ServiceList.objects.create(owner=owner, name=f"Kaikille {owner_name}")
        service_list.shared_with.set(everyone)
        allowed = set(colleagues(owner).values_list("pk", flat=True))
        visible = {
            u.pk for u in everyone if ServiceList.visible_to(u).filter(pk=service_list.pk).exists()
        }
        assert visible - {owner.pk} == allowed, owner_name
        assert allowed  # the rule is not trivially empty
        members = set(Membership.objects.active().values_list("user", flat=True))
        if owner_name == "yllapito-maintainer":
            assert allowed == members - {owner.pk}
        else:
            own = set(orgs_of(owner.pk))
            assert all(own & set(orgs_of(pk)) for pk in allowed)
            assert allowed == {pk for pk in members if pk != owner.pk and own & set(orgs_of(pk))}


def orgs_of(user_pk):
    return (
        Membership.objects.active().filter(user_id=user_pk).values_list("organisation", flat=True)
    )


# --- The admin form ------------------------------------------------------------------------------


def list_form(name, shared_with=()):
    return {
        "name": name,
        "description": "",
        "shared_with": [u.pk for u in shared_with],
        "items-TOTAL_FORMS": "0",
        "items-INITIAL_FORMS": "0",
        "items-MIN_NUM_FORMS": "0",
        "items-MAX_NUM_FORMS": "1000",
    }


def test_admin_form_offers_only_colleagues_by_name(user):
    owner = user(OWNER)
    response = client_for(owner).get(reverse("service-lists:add"))
    field = response.context["form"].fields["shared_with"]
    offered = set(field.queryset)
    helsinki = Membership.objects.active().filter(organisation__slug="helsinki")
    assert offered == {m.user for m in helsinki} - {owner}
    body = response.content.decode()
    for other in ("espoo-expert", "tyovalmennus-main", "yllapito-maintainer"):
        assert user(other).email not in body
    # No e-mail addresses: the name is enough (namesakes aside).
    assert "@" not in "".join(str(label) for _value, label in field.choices)


def test_admin_form_tells_namesakes_apart_by_e_mail(user):
    a, b = user("helsinki-producer"), user("helsinki-main")
    for person in (a, b):
        person.first_name, person.last_name = "Maija", "Meikäläinen"
        person.save()
    response = client_for(user(OWNER)).get(reverse("service-lists:add"))
    labels = [
        str(label) for _value, label in response.context["form"].fields["shared_with"].choices
    ]
    assert f"Maija Meikäläinen ({a.email})" in labels
    assert f"Maija Meikäläinen ({b.email})" in labels


@pytest.mark.parametrize("stranger", ["espoo-expert", "tyovalmennus-main", "yllapito-maintainer"])
def test_admin_form_refuses_a_forged_recipient(user, stranger):
    client = client_for(user(OWNER))
    response = client.post(
        reverse("service-lists:add"),
        list_form("Väärennetty", [user("helsinki-producer"), user(stranger)]),
    )
    assert response.status_code == 200
    assert response.context["form"].errors.get("shared_with")
    assert not ServiceList.objects.filter(name="Väärennetty").exists()


def test_editing_a_list_drops_a_share_outside_the_rule(own_list, user):
    own_list.shared_with.add(user("espoo-expert"), user("helsinki-producer"))
    client = client_for(user(OWNER))
    form = client.get(reverse("service-lists:edit", args=[own_list.pk]))
    assert user("espoo-expert").email not in form.content.decode()
    response = client.post(
        reverse("service-lists:edit", args=[own_list.pk]),
        list_form("Oma lista", [user("helsinki-producer")]),
    )
    assert response.status_code == 302
    assert list(own_list.shared_with.all()) == [user("helsinki-producer")]


def test_a_colleague_sees_neither_the_other_recipients_nor_drafts(own_list, user, services):
    page = services("helsinki")
    draft = ServicePage.objects.get(pk=page.pk)
    draft.title = "ZQX-LUONNOS-4411"
    draft.save_revision().publish()
    draft.unpublish()
    live = ServicePage.objects.live().filter(locale__language_code="fi").exclude(pk=page.pk)[0]
    own_list.add(draft)
    own_list.add(live)
    own_list.shared_with.add(user("helsinki-producer"), user("helsinki-main"))
    url = reverse("service-lists:inspect", args=[own_list.pk])

    body = client_for(user("helsinki-producer")).get(url).content.decode()
    assert live.title in body
    assert "ZQX-LUONNOS-4411" not in body
    assert user("helsinki-main").email not in body and "helsinki-main" not in body
    assert user(OWNER).email not in body

    owners = client_for(user(OWNER)).get(url).content.decode()
    assert "ZQX-LUONNOS-4411" in owners
    assert "helsinki-main" in owners or user("helsinki-main").get_full_name() in owners
