"""Rules found in review: a partner cannot silently stop being one; a returning person."""

import re

import pytest
from django.core.exceptions import ValidationError

from cms.members import deactivate_membership, invite_member
from cms.models import Membership, Organisation
from cms.roles import OrganisationKind, Role

pytestmark = pytest.mark.django_db


def test_partner_cannot_become_a_provider_while_its_share_is_needed():
    kerava = Organisation.objects.get(slug="kerava")
    kerava.kind = OrganisationKind.PROVIDER
    kerava.cost_share = None
    with pytest.raises(ValidationError) as exc:
        kerava.full_clean()
    assert "kind" in exc.value.message_dict


def test_person_returning_through_another_organisation_accepts_an_invitation(
    user, mailoutbox, client
):
    """A returning person's closed account is not reopened by the new organisation's main user
    (it was silently, with the old password); the person accepts the e-mailed invitation by
    setting a new password, which reopens the account with the new membership only."""
    expert = user("kerava-expert")
    deactivate_membership(Membership.objects.get(user=expert))
    expert.refresh_from_db()
    assert not expert.is_active
    invite_member(
        organisation=Organisation.objects.get(slug="vantaa"),
        role=Role.EXPERT,
        email=expert.email.upper(),
        first_name=expert.first_name,
        last_name=expert.last_name,
        invited_by=user("vantaa-main"),
    )
    expert.refresh_from_db()
    assert not expert.is_active
    assert not Membership.objects.filter(user=expert, organisation__slug="vantaa").exists()
    assert mailoutbox[-1].to == [expert.email]

    link = re.search(r"http://testserver(/admin/invitations/\S+/)", mailoutbox[-1].body)[1]
    response = client.post(
        link, {"new_password1": "Uusi-salasana-2026!", "new_password2": "Uusi-salasana-2026!"}
    )
    assert response.status_code == 302
    expert.refresh_from_db()
    assert expert.is_active and expert.check_password("Uusi-salasana-2026!")
    assert expert.groups.filter(name="vantaa · expert").exists()
    assert not expert.groups.filter(name="kerava · expert").exists()
