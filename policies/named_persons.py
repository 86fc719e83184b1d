"""Named persons: each partner's (and provider's) people per role, against the agreement's
minimums (`rules.PARTNER_MINIMUMS`, `rules.PROVIDER_MINIMUMS`), as of a day.

Where the counts come from:
- main users and content producers: memberships (`cms.Membership`). Main users: the
  organisation kind's main-user role. Content producers: the roles that publish the
  municipality's services (`cms.roles.roles_that_publish_and_approve`: producers and main
  users, as the agreement allows a producer to be a main user).
- the partner's representatives (`PartnerContact`): contact persons, communication and
  induction contacts, the steering-group member, the working-group member and deputy.

"As of a day": a representative counts from its start date to its last day (both optional);
a membership counts from the day it was created while it and its user are active. cms does
not record when a membership ended, so for a past day a membership ended since is not
counted (docs/policies.md). A partner whose agreement was terminated
(`Decision` of kind termination) is not listed from its end date.
"""

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Count
from django.utils.translation import gettext_lazy as _

from cms.models import Membership, Organisation
from cms.roles import OrganisationKind, PageScope, Role, roles_that_publish_and_approve

from . import rules
from .models import ContactRole, PartnerContact, is_partner_on, voting_partners

LABELS = {
    rules.MAIN_USERS: _("Main users"),
    rules.CONTENT_PRODUCERS: _("Content producers"),
    rules.CONTACT_PERSONS: _("Contact persons"),
    rules.COMMUNICATION_CONTACTS: _("Communication and induction contacts"),
    rules.STEERING_GROUP_MEMBERS: _("Steering group member"),
    rules.WORKING_GROUP_MEMBERS: _("Working group member"),
    rules.WORKING_GROUP_DEPUTIES: _("Working group deputy member"),
}
ORDER = list(rules.PARTNER_MINIMUMS)

MAIN_USER_ROLES = {Role.MUNICIPALITY_MAIN_USER, Role.PROVIDER_MAIN_USER}
PRODUCER_ROLES = roles_that_publish_and_approve(PageScope.MUNICIPALITY)
CONTACT_ROLES = {
    ContactRole.CONTACT_PERSON: rules.CONTACT_PERSONS,
    ContactRole.COMMUNICATION_INDUCTION: rules.COMMUNICATION_CONTACTS,
    ContactRole.STEERING_GROUP_MEMBER: rules.STEERING_GROUP_MEMBERS,
    ContactRole.WORKING_GROUP_MEMBER: rules.WORKING_GROUP_MEMBERS,
    ContactRole.WORKING_GROUP_DEPUTY: rules.WORKING_GROUP_DEPUTIES,
}


@dataclass
class NamedPersons:
    organisation: Organisation
    counts: dict[str, int] = field(default_factory=dict)

    @property
    def is_partner(self) -> bool:
        return self.organisation.kind == OrganisationKind.MUNICIPALITY

    @property
    def minimums(self) -> dict[str, int]:
        return rules.PARTNER_MINIMUMS if self.is_partner else rules.PROVIDER_MINIMUMS

    @property
    def shortfalls(self) -> dict[str, tuple[int, int]]:
        return rules.named_person_shortfalls(self.counts, self.minimums)

    def rows(self) -> list[dict]:
        """Each role with its count, minimum and whether it falls short (for display)."""
        return [
            {
                "role": role,
                "label": LABELS[role],
                "count": self.counts.get(role, 0),
                "minimum": minimum,
                "short": self.counts.get(role, 0) < minimum,
            }
            for role, minimum in self.minimums.items()
        ]

    def shortfall_text(self) -> str:
        return ", ".join(
            f"{LABELS[role]} {count}/{minimum}"
            for role, (count, minimum) in self.shortfalls.items()
        )


def _organisations(on: dt.date, organisations=None, providers: bool = True):
    """The partners on `on` (not terminated by then) and, if asked, the active providers."""
    partners = [org for org in voting_partners() if is_partner_on(org, on)]
    result = partners
    if providers:
        result = partners + list(Organisation.objects.providers().filter(is_active=True))
    if organisations is not None:
        wanted = {org.pk for org in organisations}
        result = [org for org in result if org.pk in wanted]
    return result


def named_persons(on: dt.date, organisations=None, providers: bool = True) -> list[NamedPersons]:
    """Every partner's (and provider's) counts as of `on`: three queries, whatever the
    number of organisations. `organisations` narrows the list (e.g. a user's own)."""
    orgs = _organisations(on, organisations, providers)
    ids = [org.pk for org in orgs]
    counts = defaultdict(lambda: defaultdict(int))
    memberships = (
        Membership.objects.filter(
            organisation_id__in=ids,
            is_active=True,
            user__is_active=True,
            created_at__date__lte=on,
        )
        .values("organisation_id", "role")
        .annotate(n=Count("user", distinct=True))
    )
    for row in memberships:
        if row["role"] in MAIN_USER_ROLES:
            counts[row["organisation_id"]][rules.MAIN_USERS] += row["n"]
        if row["role"] in PRODUCER_ROLES:
            counts[row["organisation_id"]][rules.CONTENT_PRODUCERS] += row["n"]
    contacts = (
        PartnerContact.objects.active_on(on)
        .filter(organisation_id__in=ids)
        .values("organisation_id", "role")
        .annotate(n=Count("pk"))
    )
    for row in contacts:
        key = CONTACT_ROLES.get(row["role"])
        if key:
            counts[row["organisation_id"]][key] += row["n"]
    result = [NamedPersons(org, dict(counts[org.pk])) for org in orgs]
    return sorted(result, key=lambda n: (not n.is_partner, n.organisation.name))


def named_person_counts(organisation, on: dt.date) -> dict[str, int]:
    """One organisation's counts per role as of `on` (roles without anyone are 0)."""
    found = named_persons(on, [organisation])
    if not found:
        return {}
    entry = found[0]
    return {role: entry.counts.get(role, 0) for role in entry.minimums}


def named_person_shortfalls(organisation, on: dt.date) -> dict[str, tuple[int, int]]:
    """{role: (named, minimum)} where the organisation falls short on `on`."""
    found = named_persons(on, [organisation])
    return found[0].shortfalls if found else {}


def shortfalls(on: dt.date, organisations=None, providers: bool = True) -> list[NamedPersons]:
    """The organisations that fall short on `on`."""
    return [n for n in named_persons(on, organisations, providers) if n.shortfalls]
