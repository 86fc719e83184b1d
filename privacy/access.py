"""Who handles data-subject requests, and for whom: THE scoping rules (docs/privacy.md,
"Data-subject requests").

Each partner municipality is a joint controller and answers the requests of its own
region's registered people; the project organisation (maintainers) answers for everyone.

- `may_handle_requests(user)`: maintainers (and superusers) and municipality main users.
- `subjects_for(user)`: the accounts the user may find, export and erase: for maintainers
  every account; for a municipality main user the users with a membership (active or not)
  in the municipality, and the users of the providers that have services in its region
  (services whose responsible municipality it is, i.e. in its catalogue folder).
- `answered_organisations(user)`: the organisations whose memberships an erasure by the
  user may end: for maintainers all; for a main user the municipality and the providers
  that work in its region only. A person with an active membership anywhere else keeps
  the account (`privacy.subjects.erase`).
"""

from django.contrib.auth import get_user_model
from django.db.models import Exists, OuterRef

from cms.members import sees_every_account
from cms.models import Membership, Organisation
from cms.roles import OrganisationKind, Role
from services.models import ServicePage


def is_maintainer(user) -> bool:
    return bool(user.is_authenticated and user.is_active and sees_every_account(user))


def controller_municipalities(user):
    """The partner municipalities for which `user` answers requests as a main user."""
    if not user.is_authenticated or not user.is_active:
        return Organisation.objects.none()
    return Organisation.objects.filter(
        kind=OrganisationKind.MUNICIPALITY,
        is_active=True,
        memberships__user=user,
        memberships__is_active=True,
        memberships__role=Role.MUNICIPALITY_MAIN_USER,
    ).distinct()


def may_handle_requests(user) -> bool:
    return is_maintainer(user) or controller_municipalities(user).exists()


def region_providers(municipalities):
    """Providers with services in the municipalities' catalogue folders."""
    return Organisation.objects.filter(
        kind=OrganisationKind.PROVIDER,
        pk__in=ServicePage.objects.filter(
            responsible_municipality__in=municipalities, provider__isnull=False
        ).values("provider"),
    )


def subjects_for(user):
    """The accounts whose requests `user` may handle (a queryset of users)."""
    User = get_user_model()
    if is_maintainer(user):
        return User.objects.all()
    municipalities = controller_municipalities(user)
    if not municipalities.exists():
        return User.objects.none()
    region = list(municipalities.values_list("pk", flat=True)) + list(
        region_providers(municipalities).values_list("pk", flat=True)
    )
    return User.objects.filter(
        Exists(Membership.objects.filter(user=OuterRef("pk"), organisation__in=region))
    )


def answered_organisations(user):
    """Organisations whose memberships an erasure by `user` may end (see module doc)."""
    if is_maintainer(user):
        return Organisation.objects.all()
    municipalities = controller_municipalities(user)
    providers = region_providers(municipalities).exclude(
        pk__in=ServicePage.objects.filter(responsible_municipality__isnull=False)
        .exclude(responsible_municipality__in=municipalities)
        .filter(provider__isnull=False)
        .values("provider")
    )
    pks = list(municipalities.values_list("pk", flat=True)) + list(
        providers.values_list("pk", flat=True)
    )
    return Organisation.objects.filter(pk__in=pks)


def find_subject(user, pk):
    """The account `pk` if `user` may handle its requests, else None (also for an id that
    does not exist: the answer is the same, nothing is revealed)."""
    if not isinstance(pk, int) or pk <= 0:
        return None
    return subjects_for(user).filter(pk=pk).first()
