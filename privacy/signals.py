"""Keep `AccountLifecycle` in step with the account: when it is closed and why, when it is
opened again. cms does not know of privacy: this listens to the user model's saves.

- Closed (`is_active` saved False) while every membership of the person has ended: the
  person left (a main user's leaver step, cms.members.deactivate_membership, closes the
  account when its last active membership ends); closed otherwise: "other".
- Opened again: the reopening is recorded (it counts as use for the daily job) and the
  closing forgotten.

Only a save that writes `is_active` (or every field) is looked at: a sign-in, which writes
`last_login` only, costs nothing here.
"""

from django.conf import settings
from django.db.models.signals import post_save
from django.dispatch import receiver
from django.utils import timezone

from .models import AccountLifecycle, DeactivationReason


def reason_for_closing(user) -> str:
    memberships = user.memberships.all()
    if memberships.exists() and not memberships.filter(is_active=True).exists():
        return DeactivationReason.LEFT
    return DeactivationReason.OTHER


def record_account_state(user, now=None) -> None:
    now = now or timezone.now()
    lifecycle = AccountLifecycle.objects.filter(user=user).first()
    if not user.is_active:
        if lifecycle is None:
            AccountLifecycle.objects.create(
                user=user, deactivated_at=now, deactivation_reason=reason_for_closing(user)
            )
        elif lifecycle.deactivated_at is None:
            lifecycle.deactivated_at = now
            lifecycle.deactivation_reason = reason_for_closing(user)
            lifecycle.save(update_fields=["deactivated_at", "deactivation_reason"])
    elif lifecycle is not None and lifecycle.deactivated_at is not None:
        lifecycle.deactivated_at = None
        lifecycle.deactivation_reason = ""
        lifecycle.inactivity_warned_at = None
        lifecycle.reactivated_at = now
        lifecycle.save(
            update_fields=[
                "deactivated_at",
                "deactivation_reason",
                "inactivity_warned_at",
                "reactivated_at",
            ]
        )


@receiver(post_save, sender=settings.AUTH_USER_MODEL)
def account_saved(sender, instance, created=False, raw=False, update_fields=None, **kwargs):
    if raw or created:
        return
    if update_fields is not None and "is_active" not in update_fields:
        return
    record_account_state(instance)
