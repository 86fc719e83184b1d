"""The privacy app's own record of an account's life: when it was warned for not being
used, closed and anonymised (docs/privacy.md, "Leavers and minimisation").

cms knows nothing of this model: it is kept by `privacy.signals` (the account saved
closed or open again) and by the daily job (`privacy.leavers`).
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class DeactivationReason(models.TextChoices):
    # Closed because its last active membership was ended (a main user's leaver step,
    # cms.members.deactivate_membership).
    LEFT = "left", _("Left the organisation")
    # Closed by the daily job after USERS_INACTIVE_DEACTIVATE_DAYS without use.
    INACTIVITY = "inactivity", _("Not used")
    # Closed some other way (e.g. by a superuser in Users), or before this record existed.
    OTHER = "other", _("Closed otherwise")


class AccountLifecycle(models.Model):
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="privacy_lifecycle",
    )
    # The warning of the current period without use (a sign-in starts a new period).
    inactivity_warned_at = models.DateTimeField(null=True, blank=True)
    deactivated_at = models.DateTimeField(null=True, blank=True)
    deactivation_reason = models.CharField(
        max_length=20, choices=DeactivationReason.choices, blank=True
    )
    # When the account was opened again after a closing: counts as use, so the job does
    # not close a just-reopened account again for an old sign-in date.
    reactivated_at = models.DateTimeField(null=True, blank=True)
    anonymised_at = models.DateTimeField(null=True, blank=True)
    pseudonym = models.CharField(max_length=40, blank=True)

    class Meta:
        verbose_name = _("account lifecycle")
        verbose_name_plural = _("account lifecycles")

    def __str__(self):
        return f"lifecycle of user {self.user_id}"
