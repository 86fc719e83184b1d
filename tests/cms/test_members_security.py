"""Members and accounts (docs/security.md, "Accounts and members"): adding a member is an
invitation that the holder of the address accepts; a main user acts on the membership in their
own organisation only, never on the account of someone another organisation relies on.

The attacks of issue 11: attaching an existing account of another organisation (even a
maintainer's) by its e-mail address, learning which addresses have accounts, revoking its API
tokens, reopening a deactivated account, turning a provider account into a municipal one."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse

from cms.members import deactivate_membership, invite_member
from cms.models import ApiToken, Invitation, Membership, Organisation
from cms.roles import Role, roles_for_kind
from tests.clients import client_for

pytestmark = pytest.mark.django_db

PROVIDER_MAIN = "tyovalmennus-main"
PASSWORD = "Uusi-salasana-2026!"
LINK = re.compile(r"http://testserver(/admin/invitations/[^/\s]+/)")


def org(slug):
    return Organisation.objects.get(slug=slug)


def invite(client, organisation, role, email, **extra):
    data = {
        "organisation": organisation.pk,
        "role": role,
        "email": email,
        "first_name": "Uusi",
        "last_name": "Jäsen",
        **extra,
    }
    return client.post(reverse("members:add"), data, follow=True)


def messages_of(response):
    return [str(m) for m in response.context["messages"]] if response.context else []


def link_in(mail):
    return LINK.search(mail.body)[1]


def passwords(password=PASSWORD):
    return {"new_password1": password, "new_password2": password}


def state_of(user):
    """Everything of an account that a main user must not be able to change."""
    user.refresh_from_db()
    return (
        user.is_active,
        user.password,
        user.email,
        sorted(
            Membership.objects.filter(user=user).values_list("organisation", "role", "is_active")
        ),
        sorted(user.groups.values_list("name", flat=True)),
        sorted(ApiToken.objects.filter(user=user).values_list("pk", "revoked_at")),
    )


# --- Adding never attaches an existing account ------------------------------------------------


@pytest.mark.parametrize(
    "target, how",
    [
        ("helsinki-expert", "as is"),
        ("helsinki-expert", "upper case"),
        ("yllapito-maintainer", "as is"),
        ("espoo-expert", "deactivated"),
        ("stadin-osaamiskeskus-main", "as is"),
    ],
)
def test_adding_an_existing_address_changes_nothing_of_the_account(user, mailoutbox, target, how):
    victim = user(target)
    ApiToken.issue(victim, "victim's frontend")
    if how == "deactivated":
        deactivate_membership(Membership.objects.get(user=victim))
    email = victim.email.upper() if how == "upper case" else victim.email
    before = state_of(victim)

    main = client_for(user(PROVIDER_MAIN))
    response = invite(main, org("tyovalmennus"), Role.PROVIDER_EDITOR, email)

    assert response.status_code == 200
    assert state_of(victim) == before
    assert not Membership.objects.filter(user=victim, organisation__slug="tyovalmennus").exists()
    # Not in Members, and no tokens of theirs to revoke.
    assert victim.email not in main.get(reverse("members:index")).content.decode()
    tokens = main.get(reverse("api-tokens:index")).content.decode()
    assert "victim&#x27;s frontend" not in tokens and "victim's frontend" not in tokens
    # The holder of the address gets the invitation, nobody else.
    assert [m.to for m in mailoutbox] == [[victim.email.lower()]]


def test_the_answer_is_the_same_for_an_existing_and_a_new_address(user, mailoutbox):
    """Nothing tells the main user whether an address has an account: the page, the message,
    the records made, the listings and the e-mail are the same."""
    User = get_user_model()
    main = client_for(user(PROVIDER_MAIN))
    answers = []
    for email in ("helsinki-expert@example.fi", "ei-tilia@example.fi"):
        users_before = User.objects.count()
        response = invite(main, org("tyovalmennus"), Role.PROVIDER_EDITOR, email)
        assert User.objects.count() == users_before  # no account made, none touched
        invitation = Invitation.objects.get(email=email)
        listing = main.get(reverse("member-invitations:index")).content.decode()
        assert email in listing
        answers.append(
            {
                "status": response.status_code,
                "redirects": response.redirect_chain,
                "messages": [m.replace(email, "ADDRESS") for m in messages_of(response)],
                "invitation": (invitation.status, invitation.role, invitation.accepted_by),
                "members": main.get(reverse("members:index")).content.decode().count("<tr"),
                "mail": (
                    mailoutbox[-1].subject,
                    LINK.sub("LINK", mailoutbox[-1].body),
                    mailoutbox[-1].to == [email],
                ),
            }
        )
    assert answers[0] == answers[1]
    assert "ADDRESS" in answers[0]["messages"][0]


def test_a_municipal_main_user_cannot_turn_a_provider_account_municipal(user):
    editor = user("tyovalmennus-editor")
    before = state_of(editor)
    main = client_for(user("helsinki-main"))
    invite(main, org("helsinki"), Role.PRODUCER, editor.email)
    assert state_of(editor) == before
    editor = get_user_model().objects.get(pk=editor.pk)
    assert not editor.has_perm("services.view_internal")


# --- The holder accepts -------------------------------------------------------------------------


def test_the_holder_accepts_while_signed_in(user, mailoutbox):
    expert = user("espoo-expert")
    invite(client_for(user("helsinki-main")), org("helsinki"), Role.PRODUCER, expert.email)
    link = link_in(mailoutbox[-1])
    holder = client_for(expert)

    page = holder.get(link)
    assert page.status_code == 200 and 'value="accept"' in page.content.decode()
    assert not Membership.objects.filter(user=expert, organisation__slug="helsinki").exists()

    response = holder.post(link, {"action": "accept"})
    assert response.status_code == 302
    membership = Membership.objects.get(user=expert, organisation__slug="helsinki")
    assert membership.role == Role.PRODUCER and membership.is_active
    assert Membership.objects.get(user=expert, organisation__slug="espoo").is_active
    invitation = Invitation.objects.get(email=expert.email)
    assert invitation.status == "accepted" and invitation.accepted_by == expert
    # The link works once.
    assert holder.get(link).status_code == 404


def test_the_holder_may_decline(user, mailoutbox):
    expert = user("espoo-expert")
    invite(client_for(user("helsinki-main")), org("helsinki"), Role.EXPERT, expert.email.upper())
    holder = client_for(expert)
    link = link_in(mailoutbox[-1])
    assert holder.post(link, {"action": "decline"}).status_code == 200
    assert not Membership.objects.filter(user=expert, organisation__slug="helsinki").exists()
    assert Invitation.objects.get().status == "declined"
    assert holder.post(link, {"action": "accept"}).status_code == 404


@pytest.mark.parametrize("who", ["anonymous", "the inviter", "someone else"])
def test_only_the_invited_account_accepts_for_an_existing_account(user, mailoutbox, who):
    """The link alone never attaches an existing account, nor sets its password."""
    victim = user("helsinki-expert")
    before = state_of(victim)
    invite(client_for(user(PROVIDER_MAIN)), org("tyovalmennus"), Role.PROVIDER_EDITOR, victim.email)
    link = link_in(mailoutbox[-1])
    client = {
        "anonymous": Client(),
        "the inviter": client_for(user(PROVIDER_MAIN)),
        "someone else": client_for(user("espoo-expert")),
    }[who]
    page = client.get(link).content.decode()
    assert "new_password1" not in page and 'value="accept"' not in page
    client.post(link, {"action": "accept"})
    client.post(link, passwords())
    assert state_of(victim) == before
    assert Invitation.objects.get().status == "pending"


def test_a_new_address_gets_an_account_only_when_the_holder_sets_a_password(user, mailoutbox):
    User = get_user_model()
    invite(
        client_for(user(PROVIDER_MAIN)),
        org("tyovalmennus"),
        Role.PROVIDER_EDITOR,
        "Uusi@Example.fi",
    )
    link = link_in(mailoutbox[-1])
    anonymous = Client()
    assert "new_password1" in anonymous.get(link).content.decode()
    assert not User.objects.filter(email__iexact="uusi@example.fi").exists()  # GET changes nothing
    weak = anonymous.post(link, passwords("123"))
    assert weak.status_code == 200 and not User.objects.filter(email="uusi@example.fi").exists()
    assert anonymous.post(link, passwords()).status_code == 302
    person = User.objects.get(email="uusi@example.fi")
    assert person.check_password(PASSWORD) and person.is_active
    assert Membership.objects.get(user=person).organisation.slug == "tyovalmennus"
    assert anonymous.get(reverse("wagtailadmin_home")).status_code == 200  # signed in


def test_a_closed_account_reopens_only_when_it_closed_by_leaving(user, mailoutbox):
    """Closed by a superuser (memberships still active): the link cannot reopen it."""
    victim = user("espoo-expert")
    victim.is_active = False
    victim.save()
    before = state_of(victim)
    invite(client_for(user("helsinki-main")), org("helsinki"), Role.EXPERT, victim.email)
    link = link_in(mailoutbox[-1])
    anonymous = Client()
    assert "new_password1" not in anonymous.get(link).content.decode()
    anonymous.post(link, passwords())
    assert state_of(victim) == before


def test_a_superusers_closing_is_not_taken_for_leaving(user, mailoutbox):
    """Closed by leaving, reopened and closed again by a superuser: no longer reopenable by a
    link (the mark of the first closing is gone with the reopening)."""
    person = user("espoo-expert")
    deactivate_membership(Membership.objects.get(user=person))
    person.refresh_from_db()
    person.is_active = True  # a superuser, in Wagtail's Users screen
    person.save()
    person.is_active = False
    person.save()
    before = state_of(person)
    invite(client_for(user("helsinki-main")), org("helsinki"), Role.EXPERT, person.email)
    link = link_in(mailoutbox[-1])
    assert "new_password1" not in Client().get(link).content.decode()
    Client().post(link, passwords())
    assert state_of(person) == before


@pytest.mark.parametrize("how", ["withdrawn", "expired", "replaced", "inviter left", "garbage"])
def test_an_invitation_that_is_no_longer_valid_does_nothing(user, mailoutbox, how):
    main = user("helsinki-main")
    invite(client_for(main), org("helsinki"), Role.EXPERT, "uusi@example.fi")
    link = link_in(mailoutbox[-1])
    invitation = Invitation.objects.get()
    if how == "withdrawn":
        client_for(main).post(reverse("member-invitations:withdraw", args=[invitation.pk]))
    elif how == "expired":
        Invitation.objects.update(expires_at=invitation.created_at)
    elif how == "replaced":
        invite(client_for(main), org("helsinki"), Role.PRODUCER, "UUSI@example.fi")
    elif how == "inviter left":
        deactivate_membership(Membership.objects.get(user=main))
    else:
        link = link[:-5] + "xxxx/"
    anonymous = Client()
    assert anonymous.get(link).status_code == 404
    anonymous.post(link, passwords())
    assert not get_user_model().objects.filter(email="uusi@example.fi").exists()


def test_the_key_is_not_stored(user, mailoutbox):
    invite(client_for(user("helsinki-main")), org("helsinki"), Role.EXPERT, "uusi@example.fi")
    key = link_in(mailoutbox[-1]).rstrip("/").rsplit("/", 1)[1]
    invitation = Invitation.objects.get()
    assert invitation.key_hash == Invitation.hash_key(key) and key not in invitation.key_hash


# --- Only the roles of the organisation's kind ---------------------------------------------------


@pytest.mark.parametrize(
    "actor, kind",
    [("tyovalmennus-main", "provider"), ("helsinki-main", "municipality")],
)
def test_the_add_form_offers_only_the_roles_of_the_organisations_kind(user, actor, kind):
    form = client_for(user(actor)).get(reverse("members:add")).context["form"]
    offered = {value for value, _label in form.fields["role"].choices if value}
    assert offered == {role.value for role in roles_for_kind(kind)}
    assert Role.MAINTAINER not in offered


@pytest.mark.parametrize(
    "actor, organisation, role",
    [
        ("tyovalmennus-main", "tyovalmennus", Role.EXPERT),
        ("tyovalmennus-main", "tyovalmennus", Role.PRODUCER),
        ("tyovalmennus-main", "tyovalmennus", Role.MAINTAINER),
        ("tyovalmennus-main", "tyovalmennus", Role.TRANSLATOR),
        ("tyovalmennus-main", "tyovalmennus", Role.MUNICIPALITY_MAIN_USER),
        ("helsinki-main", "helsinki", Role.PROVIDER_EDITOR),
        ("helsinki-main", "helsinki", Role.MAINTAINER),
        ("helsinki-main", "espoo", Role.EXPERT),  # another organisation
        ("tyovalmennus-main", "yllapito", Role.TRANSLATOR),
        ("yllapito-maintainer", "helsinki", Role.MAINTAINER),  # maintainers too: by kind
        ("yllapito-maintainer", "tyovalmennus", Role.EXPERT),
    ],
)
def test_forged_roles_and_organisations_are_refused(user, mailoutbox, actor, organisation, role):
    response = invite(client_for(user(actor)), org(organisation), role, "uusi@example.fi")
    assert response.status_code == 200 and response.context["form"].errors
    assert not Invitation.objects.exists() and mailoutbox == []


def test_the_edit_form_offers_only_the_roles_of_the_organisations_kind(user):
    membership = Membership.objects.get(user=user("tyovalmennus-editor"))
    main = client_for(user(PROVIDER_MAIN))
    form = main.get(reverse("members:edit", args=[membership.pk])).context["form"]
    assert {v for v, _label in form.fields["role"].choices if v} == {
        r.value for r in roles_for_kind("provider")
    }
    for role in (Role.EXPERT, Role.MAINTAINER, Role.PRODUCER):
        main.post(reverse("members:edit", args=[membership.pk]), {"role": role, "is_active": "on"})
        membership.refresh_from_db()
        assert membership.role == Role.PROVIDER_EDITOR


# --- Forged ids: nothing of another organisation -----------------------------------------------


@pytest.mark.parametrize("active", [True, False])
def test_forged_membership_ids_of_another_organisation(user, active):
    victim = user("helsinki-expert")
    membership = Membership.objects.get(user=victim)
    if not active:
        deactivate_membership(membership)
    before = state_of(victim)
    main = client_for(user(PROVIDER_MAIN))
    url = reverse("members:edit", args=[membership.pk])
    assert main.get(url).status_code in (302, 403, 404)
    data = {"role": Role.EXPERT}
    if not active:
        data["is_active"] = "on"  # try to reactivate it
    main.post(url, data)
    main.post(url, {"role": Role.PROVIDER_EDITOR, "is_active": "on"})
    assert state_of(victim) == before


def test_forged_token_ids_of_another_organisation(user):
    token, _key = ApiToken.issue(user("helsinki-expert"), "Helsinki frontend")
    main = client_for(user(PROVIDER_MAIN))
    assert main.post(reverse("api-tokens:revoke", args=[token.pk])).status_code == 404
    token.refresh_from_db()
    assert token.revoked_at is None


def test_forged_invitation_ids_of_another_organisation(user, mailoutbox):
    invite(client_for(user("helsinki-main")), org("helsinki"), Role.EXPERT, "uusi@example.fi")
    invitation = Invitation.objects.get()
    main = client_for(user(PROVIDER_MAIN))
    assert "uusi@example.fi" not in main.get(reverse("member-invitations:index")).content.decode()
    url = reverse("member-invitations:withdraw", args=[invitation.pk])
    assert main.get(url).status_code == 404
    assert main.post(url).status_code == 404
    invitation.refresh_from_db()
    assert invitation.status == "pending"


# --- Tokens: only of accounts that belong to the main user's organisation alone ----------------


def test_a_main_user_cannot_revoke_the_tokens_of_someone_another_organisation_relies_on(user):
    person = user("helsinki-expert")
    Membership.objects.create(
        user=person, organisation=org("tyovalmennus"), role=Role.PROVIDER_EDITOR
    )
    token, _key = ApiToken.issue(person, "Helsinki frontend")
    own_token, _key = ApiToken.issue(user("tyovalmennus-editor"), "Tuottajan avain")
    main = client_for(user(PROVIDER_MAIN))
    listing = main.get(reverse("api-tokens:index")).content.decode()
    assert "Helsinki frontend" not in listing and "Tuottajan avain" in listing
    assert main.post(reverse("api-tokens:revoke", args=[token.pk])).status_code == 404
    token.refresh_from_db()
    assert token.revoked_at is None
    # The account of their own organisation alone: they may.
    main.post(reverse("api-tokens:revoke", args=[own_token.pk]))
    own_token.refresh_from_db()
    assert own_token.revoked_at is not None
    # Once the Helsinki membership has ended, the account is theirs alone too.
    Membership.objects.filter(user=person, organisation__slug="helsinki").update(is_active=False)
    assert "Helsinki frontend" in main.get(reverse("api-tokens:index")).content.decode()


# --- Reactivating a membership reopens only what it closed ---------------------------------------


def edit(client, membership, active):
    data = {"role": membership.role}
    if active:
        data["is_active"] = "on"
    return client.post(reverse("members:edit", args=[membership.pk]), data, follow=True)


def test_reactivating_does_not_reopen_an_account_another_organisation_closed(user):
    person = user("helsinki-expert")
    provider = Membership.objects.create(
        user=person, organisation=org("tyovalmennus"), role=Role.PROVIDER_EDITOR
    )
    helsinki = Membership.objects.get(user=person, organisation__slug="helsinki")
    provider_main = client_for(user(PROVIDER_MAIN))
    helsinki_main = client_for(user("helsinki-main"))

    edit(provider_main, provider, active=False)
    person.refresh_from_db()
    assert person.is_active  # the Helsinki membership keeps it open
    edit(helsinki_main, helsinki, active=False)
    person.refresh_from_db()
    assert not person.is_active  # Helsinki's step closed it

    response = edit(provider_main, provider, active=True)
    person.refresh_from_db()
    provider.refresh_from_db()
    assert provider.is_active and not person.is_active
    assert any("stays closed" in m for m in messages_of(response))
    assert not Client().login(username=person.username, password="Palvelumanuaali-demo-2026")

    # Helsinki undoes its own step: reopened.
    edit(helsinki_main, helsinki, active=True)
    person.refresh_from_db()
    assert person.is_active


def test_reactivating_does_not_reopen_an_account_closed_by_a_superuser(user):
    person = user("tyovalmennus-editor")
    person.is_active = False
    person.save()
    membership = Membership.objects.get(user=person)
    main = client_for(user(PROVIDER_MAIN))
    edit(main, membership, active=False)
    edit(main, membership, active=True)
    person.refresh_from_db()
    assert not person.is_active


def test_a_maintainer_may_reopen(user):
    person = user("tyovalmennus-editor")
    person.is_active = False
    person.save()
    membership = Membership.objects.get(user=person)
    maintainer = client_for(user("yllapito-maintainer"))
    edit(maintainer, membership, active=False)
    edit(maintainer, membership, active=True)
    person.refresh_from_db()
    assert person.is_active


def test_invite_member_itself_never_looks_at_the_account(user, mailoutbox):
    """The function under the form: an existing account, even a maintainer's, is untouched."""
    victim = user("yllapito-maintainer")
    before = state_of(victim)
    invite_member(
        organisation=org("tyovalmennus"),
        role=Role.PROVIDER_MAIN_USER,
        email=victim.email,
        first_name="X",
        last_name="Y",
        invited_by=user(PROVIDER_MAIN),
    )
    assert state_of(victim) == before
