"""Keep users' groups in step with their memberships, and new organisations' groups."""

from django.conf import settings
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from .group_sync import sync_roles, sync_user_groups
from .models import Membership, Organisation


@receiver([post_save, post_delete], sender=Membership)
def membership_changed(sender, instance, raw=False, **kwargs):
    if raw:
        return
    # The organisation's groups must exist before the user can join them.
    sync_roles([instance.organisation])
    sync_user_groups(instance.user)


@receiver(post_save, sender=Organisation)
def organisation_saved(sender, instance, created, raw=False, **kwargs):
    if raw:
        return
    sync_roles([instance])
    if not created:
        for membership in instance.memberships.select_related("user"):
            sync_user_groups(membership.user)


@receiver(post_save, sender=settings.AUTH_USER_MODEL)
def account_saved(sender, instance, raw=False, update_fields=None, **kwargs):
    """An open account has no "closed by leaving" mark (cms.members), however it was reopened
    (e.g. by a superuser in Wagtail's Users screen): a stale mark would let an invitation
    reopen an account that was closed some other way later."""
    if raw or not instance.is_active:
        return
    if update_fields is not None and "is_active" not in update_fields:
        return
    Membership.objects.filter(user=instance, closed_account=True).update(closed_account=False)
