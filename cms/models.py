"""Organisations, memberships and API tokens: what every app shares."""

from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Sum
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

    @property
    def is_provider(self) -> bool:
        return self.kind == OrganisationKind.PROVIDER

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
        if self.organisation_id and self.role:
            spec = ROLES[Role(self.role)]
            if self.organisation.kind not in spec.organisation_kinds:
                raise ValidationError(
                    {
                        "role": _("The role %(role)s is not available in a %(kind)s.")
                        % {
                            "role": Role(self.role).label,
                            "kind": self.organisation.get_kind_display().lower(),
                        }
                    }
                )


def is_municipal_user(user) -> bool:
    """True for users who may read internal information (municipal staff, maintainers)."""
    if not user or not user.is_authenticated or not user.is_active:
        return False
    return user.is_superuser or user.has_perm("services.view_internal")


__all__ = [
    "Organisation",
    "Membership",
    "OrganisationKind",
    "Role",
    "cost_share_total",
    "validate_cost_shares",
    "is_municipal_user",
]
