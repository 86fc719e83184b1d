"""Invitations cannot be used to flood (cms/members.py, docs/security.md "Accounts and members"):
at most INVITATIONS_PENDING_PER_ORGANISATION pending invitations per organisation, at most
INVITATIONS_PER_ORGANISATION_PER_DAY sent by one organisation in 24 hours and at most
INVITATIONS_PER_ADDRESS_PER_DAY to one address from one organisation in 24 hours."""

from datetime import timedelta

import pytest
from django.conf import settings as django_settings
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from cms.members import invite_member
from cms.models import Invitation, InvitationStatus, Organisation
from cms.roles import Role
from tests.clients import client_for

pytestmark = pytest.mark.django_db

MAIN = "tyovalmennus-main"


def org(slug):
    return Organisation.objects.get(slug=slug)


def invite(client, email, organisation="tyovalmennus", role=Role.PROVIDER_EDITOR):
    data = {
        "organisation": org(organisation).pk,
        "role": role,
        "email": email,
        "first_name": "Uusi",
        "last_name": "Jäsen",
    }
    return client.post(reverse("members:add"), data)


def form_errors(response):
    assert response.status_code == 200, response.status_code
    return response.context["form"].errors


def test_defaults_are_set():
    assert django_settings.INVITATIONS_PENDING_PER_ORGANISATION == 50
    assert django_settings.INVITATIONS_PER_ORGANISATION_PER_DAY == 100
    assert django_settings.INVITATIONS_PER_ADDRESS_PER_DAY == 3


def test_one_address_gets_a_limited_number_of_invitations_a_day(settings, user, mailoutbox):
    settings.INVITATIONS_PER_ADDRESS_PER_DAY = 2
    main = client_for(user(MAIN))
    for _ in range(2):
        assert invite(main, "kohde@example.fi").status_code == 302
    errors = form_errors(invite(main, "KOHDE@example.fi "))
    assert "24 hours" in str(errors["email"])
    assert len(mailoutbox) == 2
    assert Invitation.objects.filter(email="kohde@example.fi").count() == 2
    # Another organisation's invitations are its own: they neither count nor are revealed.
    assert (
        invite(
            client_for(user("helsinki-main")), "kohde@example.fi", "helsinki", Role.EXPERT
        ).status_code
        == 302
    )
    # A day later the address may be invited again.
    Invitation.objects.update(created_at=timezone.now() - timedelta(hours=25))
    assert invite(main, "kohde@example.fi").status_code == 302


def test_pending_invitations_per_organisation_are_limited(settings, user, mailoutbox):
    settings.INVITATIONS_PENDING_PER_ORGANISATION = 3
    main = client_for(user(MAIN))
    for i in range(3):
        assert invite(main, f"uusi-{i}@example.fi").status_code == 302
    errors = form_errors(invite(main, "neljas@example.fi"))
    assert "pending" in str(errors["organisation"])
    assert len(mailoutbox) == 3
    # Inviting a pending address again replaces its invitation: allowed.
    assert invite(main, "uusi-0@example.fi").status_code == 302
    # Withdrawn, accepted and expired invitations are not pending.
    Invitation.objects.get(email="uusi-1@example.fi").close(InvitationStatus.WITHDRAWN)
    assert invite(main, "neljas@example.fi").status_code == 302
    Invitation.objects.filter(email="uusi-2@example.fi").update(
        expires_at=timezone.now() - timedelta(minutes=1)
    )
    assert invite(main, "viides@example.fi").status_code == 302
    assert "pending" in str(form_errors(invite(main, "kuudes@example.fi"))["organisation"])
    # The limit is per organisation.
    helsinki = client_for(user("helsinki-main"))
    assert invite(helsinki, "kuudes@example.fi", "helsinki", Role.EXPERT).status_code == 302


def test_withdrawing_does_not_reset_the_daily_limit(settings, user, mailoutbox):
    settings.INVITATIONS_PER_ORGANISATION_PER_DAY = 4
    main = client_for(user(MAIN))
    for i in range(4):
        assert invite(main, f"uusi-{i}@example.fi").status_code == 302
        Invitation.objects.get(email=f"uusi-{i}@example.fi").close(InvitationStatus.WITHDRAWN)
    errors = form_errors(invite(main, "viides@example.fi"))
    assert "24 hours" in str(errors["organisation"])
    assert len(mailoutbox) == 4


def test_invite_member_itself_enforces_the_limits(settings, user, mailoutbox):
    """The form is not the only way in: the function refuses too (e.g. two requests at once)."""
    settings.INVITATIONS_PER_ADDRESS_PER_DAY = 1
    arguments = {
        "organisation": org("tyovalmennus"),
        "role": Role.PROVIDER_EDITOR,
        "email": "kohde@example.fi",
        "first_name": "Uusi",
        "last_name": "Jäsen",
        "invited_by": user(MAIN),
    }
    invite_member(**arguments)
    with pytest.raises(ValidationError):
        invite_member(**arguments)
    assert len(mailoutbox) == 1
    assert Invitation.objects.get(email="kohde@example.fi").status == InvitationStatus.PENDING
