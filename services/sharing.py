"""Who may share a service list with whom: one rule for the admin, GraphQL and list visibility.

A user may share a list with their *colleagues*: the other active users who have an active
membership in an active organisation in which the user also has an active membership.
Maintainers (roles that manage every organisation's members, and superusers) may share with
every active user who has an active membership: they see all of them under Members anyway.

The rule is `may_share(sharer, recipient)`, a database condition, so that both directions
use the very same definition:

- `colleagues(user)`: whom `user` may share with (the admin form's choices, GraphQL's
  `shareWith`), and
- `ServiceList.visible_to(user)`: a list shared with `user` stays visible only while its
  owner may still share with them (someone who left the organisation no longer sees it,
  and the owner no longer sees them in "shared with").

Unknown and not-allowed usernames get the same answer (`refused_usernames`), so sharing
tells nothing about who exists.
"""

from collections import Counter

from django.contrib.auth import get_user_model
from django.db.models import Exists, OuterRef

from cms.models import Membership
from cms.roles import ROLES, MemberScope

# Roles that manage every organisation's members (maintainers): they may share with anyone.
EVERY_MEMBER_ROLES = [role for role, spec in ROLES.items() if spec.members == MemberScope.ALL]


def may_share(sharer, recipient):
    """A condition that `sharer` may share a list with `recipient`.

    Each side is a user id or an `OuterRef` to the user column of the query it filters
    (e.g. `OuterRef("pk")` on users, `OuterRef("owner")` on lists). It does not exclude
    the sharer themself; `colleagues` does.
    """
    User = get_user_model()
    active = Membership.objects.active()
    recipient_is_member = Exists(active.filter(user=recipient))
    sharer_is_active = Exists(User.objects.filter(pk=sharer, is_active=True))
    sharer_sees_everyone = Exists(
        User.objects.filter(pk=sharer, is_active=True, is_superuser=True)
    ) | Exists(active.filter(user=sharer, role__in=EVERY_MEMBER_ROLES))
    # An organisation where both have an active membership (one join, no nested OuterRef).
    same_organisation = Exists(
        active.filter(
            user=recipient,
            organisation__memberships__user=sharer,
            organisation__memberships__is_active=True,
            organisation__memberships__user__is_active=True,
        )
    )
    return recipient_is_member & sharer_is_active & (sharer_sees_everyone | same_organisation)


def colleagues(user):
    """The users `user` may share a list with (never `user`), by name."""
    User = get_user_model()
    if not user.is_authenticated or not user.is_active:
        return User.objects.none()
    return (
        User.objects.filter(may_share(user.pk, OuterRef("pk")))
        .exclude(pk=user.pk)
        .order_by("first_name", "last_name", "username")
    )


def refused_usernames(user, usernames) -> tuple[list, list[str]]:
    """(users to share with, usernames refused): an unknown name and the name of someone
    `user` may not share with are refused alike."""
    wanted = set(usernames)
    found = list(colleagues(user).filter(username__in=wanted))
    return found, sorted(wanted - {u.username for u in found})


def label(user) -> str:
    """How a colleague is shown as a choice: the name; the username only when there is none."""
    return user.get_full_name() or user.username


def labelled_by_name(users):
    """A choice label for people (`label_from_instance`): the name, with the e-mail address
    only to tell apart two of `users` with the same name. Never the username alone where a
    name exists (for invited accounts it is the e-mail address)."""
    names = Counter(label(u) for u in users)
    return lambda u: f"{label(u)} ({u.email})" if names[label(u)] > 1 else label(u)
