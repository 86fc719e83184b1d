"""The user log's one model: an append-only row per read of internal information, export
of personal data or data-subject action (docs/privacy.md, "User log").

Append-only in code: saving an existing row, deleting a row and the default manager's
queryset update()/delete() raise `AppendOnlyError`. Only `userlog.retention.purge` removes
rows (those older than settings.USERLOG_RETENTION_DAYS). Deleting a user or an
organisation sets the row's `user`/`organisation` to null (Django's collector uses the
plain base manager for that); `user_key` keeps whose row it was.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class AppendOnlyError(Exception):
    """The user log is append-only: rows are never changed or deleted but by the purge."""


class Action(models.TextChoices):
    READ_INTERNAL = "read_internal", _("Read internal information")
    DOWNLOAD_INTERNAL_ATTACHMENT = (
        "download_internal_attachment",
        _("Downloaded an internal attachment"),
    )
    EXPORT_PERSONAL_DATA = "export_personal_data", _("Exported personal data")
    VIEW_USER_LOG = "view_user_log", _("Viewed the user log")
    SUBJECT_SEARCH = "subject_search", _("Searched for a data subject")
    SUBJECT_EXPORT = "subject_export", _("Exported a data subject's data")
    SUBJECT_ERASURE = "subject_erasure", _("Erased a data subject's data")
    REFUSED = "refused", _("Refused")


class Channel(models.TextChoices):
    ADMIN = "admin", _("Admin")
    API = "api", _("API")
    FRONTEND = "frontend", _("Frontend")
    COMMAND = "command", _("Command")


class UserLogQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise AppendOnlyError("The user log is append-only: rows are never updated.")

    def delete(self):
        raise AppendOnlyError(
            "The user log is append-only: only userlog.retention.purge removes rows."
        )

    delete.queryset_only = True

    def _purge(self) -> int:
        """Delete these rows: for userlog.retention.purge only."""
        deleted, _per_model = models.QuerySet.delete(self)
        return deleted


class UserLogEntry(models.Model):
    at = models.DateTimeField(_("time"), default=timezone.now, db_index=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("user"),
    )
    # The user's id at the time: the trail survives a deleted account. An erased account is
    # anonymised (its username becomes a pseudonym), so its rows show the pseudonym.
    user_key = models.PositiveBigIntegerField(_("user id"), db_index=True)
    organisation = models.ForeignKey(
        "cms.Organisation",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("organisation"),
    )
    action = models.CharField(_("action"), max_length=40, choices=Action.choices)
    channel = models.CharField(_("channel"), max_length=20, choices=Channel.choices)
    object_type = models.CharField(_("object type"), max_length=40, blank=True)
    object_id = models.CharField(_("object id"), max_length=64, blank=True)
    object_label = models.CharField(_("object"), max_length=255, blank=True)
    field = models.CharField(_("field"), max_length=100, blank=True)
    # Whose personal data (data-subject actions, exports about one person).
    subject_key = models.PositiveBigIntegerField(_("data subject id"), null=True, db_index=True)
    ip = models.GenericIPAddressField(_("IP address"), null=True, blank=True)
    detail = models.JSONField(_("detail"), default=dict, blank=True)

    objects = UserLogQuerySet.as_manager()

    class Meta:
        verbose_name = _("user log entry")
        verbose_name_plural = _("user log entries")
        ordering = ["-at", "-pk"]
        indexes = [models.Index(fields=["organisation", "at"], name="userlog_org_at")]
        # No add/change/delete in the admin: viewing is decided by userlog.access.
        default_permissions = ()

    def __str__(self):
        return f"{self.at:%Y-%m-%d %H:%M} · {self.user_key} · {self.action}"

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise AppendOnlyError("The user log is append-only: rows are never updated.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AppendOnlyError(
            "The user log is append-only: only userlog.retention.purge removes rows."
        )
