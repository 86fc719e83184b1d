"""Organisations, memberships and API tokens: what every app shares."""

import hashlib
import hmac
import secrets
from datetime import timedelta
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Exists, OuterRef, Q, Sum
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from .roles import ROLES, OrganisationKind, Role
from .validators import validate_business_id

HUNDRED = Decimal("100.00")


class OrganisationQuerySet(models.QuerySet):
    def municipalities(self):
        return self.filter(kind=OrganisationKind.MUNICIPALITY)

    def providers(self):
        return self.filter(kind=OrganisationKind.PROVIDER)


class Organisation(models.Model):
    """A maintainer, partner municipality or service provider organisation."""

    name = models.CharField(_("name (Finnish)"), max_length=200, unique=True)
    name_sv = models.CharField(_("name (Swedish)"), max_length=200, blank=True)
    name_en = models.CharField(_("name (English)"), max_length=200, blank=True)
    slug = models.SlugField(_("slug"), max_length=60, unique=True)
    kind = models.CharField(_("kind"), max_length=20, choices=OrganisationKind.choices)
    business_id = models.CharField(
        _("business ID"),
        max_length=9,
        unique=True,
        validators=[validate_business_id],
        help_text=_("Finnish business ID (Y-tunnus), e.g. 0201256-6."),
    )
    cost_share = models.DecimalField(
        _("cost share (%)"),
        max_digits=5,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("0.01")), MaxValueValidator(HUNDRED)],
        help_text=_(
            "Partner municipalities only: share of the costs, which is also the voting weight. "
            "The partners' shares must total 100 %."
        ),
    )
    language = models.CharField(
        _("language"),
        max_length=2,
        choices=settings.LANGUAGES,
        default="fi",
        help_text=_("Default language of the organisation's users and e-mails."),
    )
    email = models.EmailField(_("contact e-mail"), blank=True)
    is_active = models.BooleanField(_("active"), default=True)

    objects = OrganisationQuerySet.as_manager()

    class Meta:
        ordering = ["kind", "name"]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        permissions = [
            ("manage_own_members", _("Can manage the members of their own organisation")),
            ("manage_all_members", _("Can manage the members of every organisation")),
        ]

    def __str__(self):
        return self.localized_name()

    def localized_name(self, language: str | None = None) -> str:
        language = (language or get_language() or "fi")[:2]
        return getattr(self, f"name_{language}", "") or self.name if language != "fi" else self.name

    @property
    def is_municipality(self) -> bool:
        return self.kind == OrganisationKind.MUNICIPALITY

    def clean(self):
        super().clean()
        errors = {}
        if self.kind == OrganisationKind.MUNICIPALITY:
            if self.cost_share is None:
                errors["cost_share"] = _("A partner municipality needs a cost share.")
            else:
                total = cost_share_total(exclude=self) + self.cost_share
                if total != HUNDRED:
                    errors["cost_share"] = _(
                        "The partner municipalities' cost shares must total 100 %%; with this "
                        "value they would total %(total)s %%. Change the shares together under "
                        "Settings › Cost shares."
                    ) % {"total": total}
        elif self.cost_share is not None:
            errors["cost_share"] = _("Only partner municipalities have a cost share.")
        elif (
            self.pk
            and Organisation.objects.municipalities().filter(pk=self.pk).exists()
            and cost_share_total(exclude=self) != HUNDRED
        ):
            errors["kind"] = _(
                "This partner's cost share is needed for the shares to total 100 %%. Move its "
                "share to the other partners under Settings › Cost shares first."
            )
        if errors:
            raise ValidationError(errors)


def cost_share_total(exclude: Organisation | None = None) -> Decimal:
    qs = Organisation.objects.municipalities()
    if exclude is not None and exclude.pk:
        qs = qs.exclude(pk=exclude.pk)
    return qs.aggregate(total=Sum("cost_share"))["total"] or Decimal("0.00")


def validate_cost_shares(shares: dict) -> None:
    """Validate a complete set of partner shares ({organisation: share})."""
    total = sum((share or Decimal(0) for share in shares.values()), Decimal(0))
    if total != HUNDRED:
        raise ValidationError(
            _("The partner municipalities' cost shares must total 100 %%; they total %(total)s %%.")
            % {"total": total},
            code="cost_share_total",
        )


class MembershipQuerySet(models.QuerySet):
    def active(self):
        return self.filter(is_active=True, user__is_active=True, organisation__is_active=True)

    def municipal(self):
        return self.filter(organisation__kind=OrganisationKind.MUNICIPALITY)


class Membership(models.Model):
    """A user's role in an organisation. Group membership is derived from these."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="memberships",
        verbose_name=_("user"),
    )
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.CASCADE,
        related_name="memberships",
        verbose_name=_("organisation"),
    )
    role = models.CharField(_("role"), max_length=30, choices=Role.choices)
    is_active = models.BooleanField(_("active"), default=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    # Set when deactivating this membership closed the account (no active membership was
    # left): reactivating this membership may reopen it; another one may not (cms.members).
    closed_account = models.BooleanField(default=False, editable=False)

    objects = MembershipQuerySet.as_manager()

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        ordering = ["organisation__name", "user__last_name", "user__first_name"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "organisation"], name="one_role_per_user_and_organisation"
            )
        ]

    def __str__(self):
        return f"{self.user} · {self.organisation} · {self.get_role_display()}"

    def clean(self):
        super().clean()
        validate_role_for_organisation(
            self.organisation if self.organisation_id else None, self.role
        )


def validate_role_for_organisation(organisation, role) -> None:
    """A role exists only in the organisation kinds cms.roles gives it."""
    if organisation is None or not role:
        return
    spec = ROLES[Role(role)]
    if organisation.kind not in spec.organisation_kinds:
        raise ValidationError(
            {
                "role": _("The role %(role)s is not available in a %(kind)s.")
                % {
                    "role": Role(role).label,
                    "kind": organisation.get_kind_display().lower(),
                }
            }
        )


class InvitationStatus(models.TextChoices):
    PENDING = "pending", _("Pending")
    ACCEPTED = "accepted", _("Accepted")
    DECLINED = "declined", _("Declined")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class Invitation(models.Model):
    """An invitation to join an organisation in a role, sent to an e-mail address.

    Adding a member never touches an existing account: the address gets an e-mail with a
    link, and the membership is made only when its holder accepts (signed in to their
    account, or creating one). The key is 256 random bits shown only in that e-mail; only
    its SHA-256 hash is stored, like an API token's.
    """

    VALID_FOR = timedelta(days=14)

    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.CASCADE,
        related_name="invitations",
        verbose_name=_("organisation"),
    )
    role = models.CharField(_("role"), max_length=30, choices=Role.choices)
    email = models.EmailField(_("e-mail"))
    first_name = models.CharField(_("first name"), max_length=150)
    last_name = models.CharField(_("last name"), max_length=150)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        editable=False,
        verbose_name=_("invited by"),
    )
    key_hash = models.CharField(max_length=64, unique=True, editable=False)
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=InvitationStatus.choices,
        default=InvitationStatus.PENDING,
        editable=False,
    )
    created_at = models.DateTimeField(_("sent"), auto_now_add=True)
    expires_at = models.DateTimeField(_("expires"), editable=False)
    closed_at = models.DateTimeField(null=True, blank=True, editable=False)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
    )

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")

    def __str__(self):
        return f"{self.email} · {self.organisation} · {self.get_role_display()}"

    def clean(self):
        super().clean()
        validate_role_for_organisation(
            self.organisation if self.organisation_id else None, self.role
        )

    @staticmethod
    def hash_key(raw_key: str) -> str:
        return hashlib.sha256(raw_key.encode("utf-8")).hexdigest()

    def set_new_key(self) -> str:
        """Give the invitation a fresh key and return it (the raw key is not stored)."""
        raw_key = secrets.token_urlsafe(32)
        self.key_hash = self.hash_key(raw_key)
        return raw_key

    @classmethod
    def find_open(cls, raw_key: str):
        """The pending, unexpired invitation of a raw key, or None."""
        if not isinstance(raw_key, str) or not 20 <= len(raw_key) <= 100:
            return None
        key_hash = cls.hash_key(raw_key)
        invitation = (
            cls.objects.select_related("organisation", "invited_by")
            .filter(key_hash=key_hash)
            .first()
        )
        if invitation is None or not hmac.compare_digest(invitation.key_hash, key_hash):
            return None
        return invitation if invitation.is_open() else None

    def is_open(self, now=None) -> bool:
        return self.status == InvitationStatus.PENDING and self.expires_at > (now or timezone.now())

    @property
    def status_label(self) -> str:
        if self.status == InvitationStatus.PENDING and not self.is_open():
            return str(_("Expired"))
        return self.get_status_display()

    def close(self, status, user=None) -> None:
        self.status = status
        self.closed_at = timezone.now()
        if status == InvitationStatus.ACCEPTED:
            self.accepted_by = user
        self.save(update_fields=["status", "closed_at", "accepted_by"])


class ApiTokenQuerySet(models.QuerySet):
    def active(self, now=None):
        now = now or timezone.now()
        return self.filter(revoked_at__isnull=True).filter(
            Q(expires_at__isnull=True) | Q(expires_at__gt=now)
        )


class ApiToken(models.Model):
    """A personal API token: `Authorization: Bearer <key>` on the GraphQL endpoint.

    Only the SHA-256 hash of the key is stored (the key is 256 random bits, so a plain
    hash is enough: nothing to brute-force). The key is shown once, when it is issued.
    A token acts as its user, and only while the user is active and has an active
    membership in an active organisation.
    """

    KEY_PREFIX = "pm_"
    PREFIX_LENGTH = 8
    MAX_KEY_LENGTH = 100
    # last_used_at is written at most this often, not on every request.
    TOUCH_INTERVAL = timedelta(minutes=1)

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="api_tokens",
        verbose_name=_("user"),
    )
    name = models.CharField(
        _("name"), max_length=100, help_text=_("What the token is for, e.g. the frontend's name.")
    )
    prefix = models.CharField(
        _("key prefix"),
        max_length=PREFIX_LENGTH,
        editable=False,
        help_text=_("The first characters of the key, to recognise it."),
    )
    key_hash = models.CharField(_("key hash"), max_length=64, unique=True, editable=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    last_used_at = models.DateTimeField(_("last used"), null=True, blank=True, editable=False)
    expires_at = models.DateTimeField(_("expires"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True, editable=False)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
        verbose_name=_("revoked by"),
    )

    objects = ApiTokenQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")

    def __str__(self):
        return f"{self.name} ({self.prefix}…)"

    @staticmethod
    def hash_key(raw_key: str) -> str:
        return hashlib.sha256(raw_key.encode("utf-8")).hexdigest()

    @classmethod
    def issue(cls, user, name: str, expires_at=None) -> tuple["ApiToken", str]:
        """Create a token; return it and its raw key, which is not stored anywhere."""
        raw_key = cls.KEY_PREFIX + secrets.token_urlsafe(32)
        token = cls.objects.create(
            user=user,
            name=name,
            prefix=raw_key[: cls.PREFIX_LENGTH],
            key_hash=cls.hash_key(raw_key),
            expires_at=expires_at,
        )
        return token, raw_key

    @classmethod
    def authenticate(cls, raw_key: str):
        """The user a raw key authenticates, or None.

        Looked up by hash (one query, membership included), so the time taken says
        nothing about how much of a key was right.
        """
        if (
            not isinstance(raw_key, str)
            or not raw_key.startswith(cls.KEY_PREFIX)
            or len(raw_key) > cls.MAX_KEY_LENGTH
        ):
            return None
        key_hash = cls.hash_key(raw_key)
        token = (
            cls.objects.select_related("user")
            .annotate(
                has_membership=Exists(Membership.objects.active().filter(user=OuterRef("user_id")))
            )
            .filter(key_hash=key_hash)
            .first()
        )
        if token is None or not hmac.compare_digest(token.key_hash, key_hash):
            return None
        now = timezone.now()
        if not token.is_usable(now) or not token.user.is_active or not token.has_membership:
            return None
        token.touch(now)
        return token.user

    def is_usable(self, now=None) -> bool:
        now = now or timezone.now()
        return self.revoked_at is None and (self.expires_at is None or self.expires_at > now)

    @property
    def status(self) -> str:
        if self.revoked_at is not None:
            return "revoked"
        return "active" if self.is_usable() else "expired"

    @property
    def status_label(self) -> str:
        return {"revoked": _("Revoked"), "expired": _("Expired"), "active": _("Active")}[
            self.status
        ]

    def touch(self, now=None) -> None:
        """Record a use, at most once per TOUCH_INTERVAL (no write on every request)."""
        now = now or timezone.now()
        if self.last_used_at is not None and now - self.last_used_at < self.TOUCH_INTERVAL:
            return
        ApiToken.objects.filter(pk=self.pk).filter(
            Q(last_used_at__isnull=True) | Q(last_used_at__lt=now - self.TOUCH_INTERVAL)
        ).update(last_used_at=now)
        self.last_used_at = now

    def revoke(self, by=None) -> bool:
        """Revoke the token; False when it already was."""
        if self.revoked_at is not None:
            return False
        self.revoked_at = timezone.now()
        self.revoked_by = by
        self.save(update_fields=["revoked_at", "revoked_by"])
        return True


class OutgoingEmail(models.Model):
    """One e-mail to one recipient, queued in the transaction of what caused it and sent by
    `cms.outbox.deliver` (docs/operations.md "Scheduled jobs and e-mail").

    `key` makes queueing idempotent: a second message with the same key is not queued. A
    row is `sent` only after the mail server accepted the message; a failed attempt is
    retried with exponential backoff (`next_attempt_at`) until `MAIL_MAX_ATTEMPTS`, then
    the row is `failed` and shown to maintainers (Reports › Outgoing e-mail).
    """

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting to be sent")
        SENT = "sent", _("Sent")
        FAILED = "failed", _("Failed")

    key = models.CharField(_("key"), max_length=255, unique=True, null=True, blank=True)
    recipient = models.EmailField(_("recipient"), max_length=254)
    subject = models.TextField(_("subject"))
    body = models.TextField(_("body"))
    # The HTML alternative of a message that has one (Wagtail's and Django's own e-mails).
    html_body = models.TextField(blank=True)
    from_email = models.CharField(max_length=254, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    attempts = models.PositiveIntegerField(_("attempts"), default=0)
    next_attempt_at = models.DateTimeField(_("next attempt"), default=timezone.now)
    # A sender claims rows (claim, claimed_until) before sending them, so that no two
    # senders send one row; a claim left by a crashed sender expires.
    claim = models.UUIDField(null=True, blank=True, editable=False)
    claimed_until = models.DateTimeField(null=True, blank=True, editable=False)
    last_error = models.TextField(_("last error"), blank=True)
    created_at = models.DateTimeField(_("queued"), auto_now_add=True)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["status", "next_attempt_at"], name="outbox_due")]
        verbose_name = _("outgoing e-mail")
        verbose_name_plural = _("outgoing e-mails")

    def __str__(self):
        return f"{self.recipient}: {self.subject}"


class JobLock(models.Model):
    """A named lock with an expiry, for databases without advisory locks (SQLite):
    `cms.locks.exclusive`. PostgreSQL uses pg_try_advisory_lock instead."""

    name = models.CharField(max_length=100, unique=True)
    holder = models.CharField(max_length=200)
    acquired_at = models.DateTimeField()
    expires_at = models.DateTimeField()

    def __str__(self):
        return f"{self.name} ({self.holder})"


__all__ = [
    "ApiToken",
    "JobLock",
    "OutgoingEmail",
    "Invitation",
    "InvitationStatus",
    "Organisation",
    "Membership",
    "OrganisationKind",
    "Role",
    "cost_share_total",
    "validate_cost_shares",
]
