"""Rules found in review: a partner cannot silently stop being one; a returning person."""

import pytest
from django.core.exceptions import ValidationError

from cms.members import add_member, deactivate_membership
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


def test_person_returning_through_another_organisation_is_reactivated(user, mailoutbox):
    expert = user("kerava-expert")
    deactivate_membership(Membership.objects.get(user=expert))
    expert.refresh_from_db()
    assert not expert.is_active
    membership = add_member(
        organisation=Organisation.objects.get(slug="vantaa"),
        role=Role.EXPERT,
        email=expert.email,
        first_name=expert.first_name,
        last_name=expert.last_name,
        invited_by=user("vantaa-main"),
    )
    expert.refresh_from_db()
    assert expert.is_active and membership.is_active
    assert expert.groups.filter(name="vantaa · expert").exists()
    assert not expert.groups.filter(name="kerava · expert").exists()
    assert mailoutbox == []  # an existing account gets no new invitation
