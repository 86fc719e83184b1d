"""Who sees the user log and the admin actions (Wagtail's audit log) of whom: the one rule.

- Maintainers (and superusers): every entry (`cms.members.sees_every_account`).
- A partner's main user (municipality main user) and a provider's main user: the entries
  of their own organisation's users: user log rows recorded under an organisation they
  manage (`cms.members.manageable_organisations`); audit log entries of the users with a
  membership (active or not) in one.
- Everybody else: nothing, and the screens refuse them.
"""

from cms.members import manageable_organisations, sees_every_account

from .models import UserLogEntry


def may_view_logs(user) -> bool:
    if user is None or not user.is_authenticated or not user.is_active:
        return False
    return sees_every_account(user) or manageable_organisations(user).exists()


def organisations_in_scope(user):
    """The organisations whose users' entries `user` sees."""
    return manageable_organisations(user)


def visible_entries(user):
    """The user log rows `user` may see (none for anyone else)."""
    if not may_view_logs(user):
        return UserLogEntry.objects.none()
    if sees_every_account(user):
        return UserLogEntry.objects.all()
    return UserLogEntry.objects.filter(organisation__in=organisations_in_scope(user))


def users_in_scope(user):
    """The accounts whose actions `user` may follow: every account for maintainers, the
    accounts with a membership in an organisation they manage for main users."""
    from django.contrib.auth import get_user_model

    from cms.models import Membership

    User = get_user_model()
    if not may_view_logs(user):
        return User.objects.none()
    if sees_every_account(user):
        return User.objects.all()
    members = Membership.objects.filter(organisation__in=organisations_in_scope(user))
    return User.objects.filter(pk__in=members.values("user_id"))
