"""Update-pair follow-up: services whose provider updater or municipal responsible person
is missing, has left or is inactive, who follows them up, and reassignment
(docs/responsibility.md, "Update-pair follow-up").

The update pair is stored on the service (`ServicePage.provider_updater`, validated as an
active member of the provider; `ServicePage.municipal_responsible`, a member of the
responsible municipality in a role that publishes, `municipal_publishers`). One half is

- **missing**: nobody is named;
- **left**: the person has no membership in the right organisation any more (it was
  removed), or no longer a role that may be that half;
- **inactive**: the account or the membership is deactivated, or the person has not signed
  in for `UPDATE_PAIR_INACTIVE_DAYS` days (counted from the account's creation when they
  never did).

`half_problem` is the rule as a pure function; `broken_pairs` reads the facts for many
services in a fixed number of queries. The Finnish source is followed: its translations
take the pair from it (wagtail-localize synchronises the fields) and a reassignment is
applied to all of them.
"""

import datetime as dt
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.log_actions import log
from wagtail.models import Revision

from cms.models import Membership
from cms.roles import PageScope, Role, roles_that_publish_and_approve

from .models.pages import ServicePage, municipal_publishers, pair_candidates

DEFAULT_INACTIVE_DAYS = 120

MISSING, LEFT, INACTIVE = "missing", "left", "inactive"
PROBLEM_LABELS = {MISSING: _("missing"), LEFT: _("has left"), INACTIVE: _("inactive")}
DETAIL_LABELS = {
    "missing": _("nobody named"),
    "no_membership": _("no longer a member of the organisation"),
    "role": _("no longer in a role that may do this"),
    "account": _("account deactivated"),
    "membership": _("membership deactivated"),
    "no_sign_in": _("no sign-in for a long time"),
    "never_signed_in": _("never signed in"),
}
HALVES = {
    "provider_updater": _("provider's responsible updater"),
    "municipal_responsible": _("municipal responsible person"),
}


def inactive_days() -> int:
    return getattr(settings, "UPDATE_PAIR_INACTIVE_DAYS", DEFAULT_INACTIVE_DAYS)


@dataclass(frozen=True)
class Problem:
    kind: str  # missing, left or inactive
    detail: str  # a key of DETAIL_LABELS

    @property
    def label(self):
        return PROBLEM_LABELS[self.kind]

    @property
    def detail_label(self):
        return DETAIL_LABELS[self.detail]


def half_problem(user, membership, now, *, roles=None, days=None) -> Problem | None:
    """What is wrong with one half of a pair, or None.

    `membership` is the person's membership in the organisation the half belongs to
    (None when there is none); `roles` the roles that may be this half (None: any).
    """
    if user is None:
        return Problem(MISSING, "missing")
    if membership is None:
        return Problem(LEFT, "no_membership")
    if roles is not None and membership.role not in roles:
        return Problem(LEFT, "role")
    if not user.is_active:
        return Problem(INACTIVE, "account")
    if not membership.is_active:
        return Problem(INACTIVE, "membership")
    days = inactive_days() if days is None else days
    limit = now - dt.timedelta(days=days)
    if user.last_login is None:
        if user.date_joined < limit:
            return Problem(INACTIVE, "never_signed_in")
    elif user.last_login < limit:
        return Problem(INACTIVE, "no_sign_in")
    return None


@dataclass
class FollowUp:
    page: ServicePage
    provider_updater: Problem | None
    municipal_responsible: Problem | None

    @property
    def halves(self):
        return [
            (name, HALVES[name], getattr(self.page, name), getattr(self, name)) for name in HALVES
        ]


def followed_services():
    """The services followed up: the Finnish sources, not archived."""
    return ServicePage.objects.filter(locale__language_code=settings.LANGUAGE_CODE).exclude(
        archived_at__isnull=False, live=False
    )


def broken_pairs(pages=None, now=None) -> list[FollowUp]:
    """The services of `pages` (default: every followed service) with a broken pair, in
    three queries whatever their number."""
    now = now or timezone.now()
    pages = followed_services() if pages is None else pages
    related = ("provider_updater", "municipal_responsible", "provider", "responsible_municipality")
    # Not the stream fields: a whole catalogue is read here (the daily job, maintainers).
    pages = list(
        pages.select_related(*related)
        .only("title", "translation_key", *related)
        .order_by("responsible_municipality__name", "title", "pk")
    )
    wanted = Q(pk__in=[])
    for page in pages:
        if page.provider_updater_id and page.provider_id:
            wanted |= Q(user_id=page.provider_updater_id, organisation_id=page.provider_id)
        if page.municipal_responsible_id and page.responsible_municipality_id:
            wanted |= Q(
                user_id=page.municipal_responsible_id,
                organisation_id=page.responsible_municipality_id,
            )
    memberships = {
        (m.user_id, m.organisation_id): m
        for m in Membership.objects.filter(wanted).only(
            "user_id", "organisation_id", "role", "is_active"
        )
    }
    publishers = set(municipal_publishers())
    result = []
    for page in pages:
        updater = half_problem(
            page.provider_updater,
            memberships.get((page.provider_updater_id, page.provider_id)),
            now,
        )
        responsible = half_problem(
            page.municipal_responsible,
            memberships.get((page.municipal_responsible_id, page.responsible_municipality_id)),
            now,
            roles=publishers,
        )
        if updater or responsible:
            result.append(FollowUp(page, updater, responsible))
    return result


# --- Who follows up which services -------------------------------------------------------------
def _main_user_organisations(user, role):
    return user.memberships.filter(
        role=role, is_active=True, organisation__is_active=True
    ).values_list("organisation_id", flat=True)


def follows_everything(user) -> bool:
    """Superusers and maintainers (the roles that publish on the whole tree)."""
    return (
        user.is_superuser
        or user.memberships.filter(
            role__in=roles_that_publish_and_approve(PageScope.ROOT), is_active=True
        ).exists()
    )


def services_followed_by(user):
    """The followed services `user` follows up: a municipality's main users their region
    (the services it is responsible for), a provider's main users their organisation's
    services, maintainers all; nobody else any."""
    if not user.is_authenticated or not user.is_active:
        return ServicePage.objects.none()
    services = followed_services()
    if follows_everything(user):
        return services
    municipalities = list(_main_user_organisations(user, Role.MUNICIPALITY_MAIN_USER))
    providers = list(_main_user_organisations(user, Role.PROVIDER_MAIN_USER))
    if not municipalities and not providers:
        return ServicePage.objects.none()
    return services.filter(
        Q(responsible_municipality_id__in=municipalities) | Q(provider_id__in=providers)
    )


def may_follow_up(user) -> bool:
    if not user.is_authenticated or not user.is_active:
        return False
    return (
        follows_everything(user)
        or user.memberships.filter(
            role__in=(Role.MUNICIPALITY_MAIN_USER, Role.PROVIDER_MAIN_USER),
            is_active=True,
            organisation__is_active=True,
        ).exists()
    )


def may_reassign(user, page, half: str) -> bool:
    """The provider's main users name the provider's updater, the responsible
    municipality's main users the municipal responsible person; maintainers both."""
    if half not in HALVES or not user.is_authenticated or not user.is_active:
        return False
    if follows_everything(user):
        return True
    if half == "provider_updater":
        return page.provider_id in set(_main_user_organisations(user, Role.PROVIDER_MAIN_USER))
    return page.responsible_municipality_id in set(
        _main_user_organisations(user, Role.MUNICIPALITY_MAIN_USER)
    )


def candidates(page, half: str):
    """Who may be named: the same people the service's editor offers (active members of the
    provider; active municipal publishers of the responsible municipality)."""
    if half == "provider_updater":
        found = pair_candidates(page.provider)
    else:
        found = pair_candidates(page.responsible_municipality, municipal_publishers())
    return found if found is not None else get_user_model().objects.none()


@transaction.atomic
def reassign(page, half: str, person, by):
    """Name `person` as the `half` of the pair of `page` and its translations.

    Refused (PermissionDenied) when `by` may not reassign that half; a person who is not an
    eligible active member of the right organisation and role is a ValidationError. The
    change goes to the page rows and to their latest revisions (the editor opens those),
    without a new revision, and is logged in Wagtail's audit log."""
    if not may_reassign(by, page, half):
        raise PermissionDenied
    if person is None or not candidates(page, half).filter(pk=person.pk).exists():
        raise ValidationError(
            _("%(person)s cannot be the %(half)s of this service.")
            % {"person": person or "—", "half": HALVES.get(half, half)}
        )
    previous = getattr(page, f"{half}_id")
    family = ServicePage.objects.filter(translation_key=page.translation_key)
    family.update(**{half: person})
    revisions = Revision.objects.filter(
        pk__in=family.exclude(latest_revision=None).values("latest_revision_id")
    )
    for revision in revisions:
        revision.content[half] = person.pk
        revision.save(update_fields=["content"])
    setattr(page, half, person)
    log(
        instance=page,
        action="services.pair_reassigned",
        user=by,
        data={"half": half, "previous": previous, "new": person.pk},
    )
    return page


# --- The daily reminder -------------------------------------------------------------------------
def main_users_told(follow_ups):
    """{main user: [follow-ups]}: each service's responsible municipality's and provider's
    active main users."""
    orgs = {f.page.responsible_municipality_id for f in follow_ups} | {
        f.page.provider_id for f in follow_ups
    }
    memberships = Membership.objects.active().filter(
        organisation_id__in=orgs,
        role__in=(Role.MUNICIPALITY_MAIN_USER, Role.PROVIDER_MAIN_USER),
    )
    by_org: dict[int, set[int]] = {}
    for org_id, user_id in memberships.values_list("organisation_id", "user_id"):
        by_org.setdefault(org_id, set()).add(user_id)
    users = get_user_model().objects.in_bulk(
        {pk for ids in by_org.values() for pk in ids}, field_name="pk"
    )
    told: dict = {}
    for follow_up in follow_ups:
        ids = by_org.get(follow_up.page.responsible_municipality_id, set()) | by_org.get(
            follow_up.page.provider_id, set()
        )
        for pk in sorted(ids):
            told.setdefault(users[pk], []).append(follow_up)
    return told


def daily_key(today: dt.date) -> str:
    return f"pair-follow-up:{today:%Y%m%d}"
