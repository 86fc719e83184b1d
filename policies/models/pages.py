"""Policy pages (linjaukset): the "Palvelulinjaukset" index and one page per policy.

The index sits under Wagtail's root, next to the service catalogue, in every locale
(`policies.setup.ensure_policy_index`). Pages are translated with wagtail-localize like the
services; the structured fields (scope, decision, status, successor) are synchronised from
the Finnish source, the texts are translated. Every publication is a Wagtail revision, so the
history of a policy is its revisions.
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField

from cms.blocks import RICH_TEXT_FEATURES, SIMPLE_TEXT_FEATURES


class PolicyIndexPage(Page):
    """The policies of one locale ("Palvelulinjaukset")."""

    intro = RichTextField(_("introduction"), blank=True, features=SIMPLE_TEXT_FEATURES)

    parent_page_types = ["wagtailcore.Page"]
    subpage_types = ["policies.PolicyPage"]
    content_panels = Page.content_panels + [FieldPanel("intro")]

    class Meta:
        verbose_name = _("policy index")
        verbose_name_plural = _("policy indexes")


class PolicyScope(models.TextChoices):
    CATALOGUE = "catalogue", _("What belongs in the catalogue")
    CONTENT = "content", _("How services are described")
    INTERNAL = "internal", _("Internal instructions")
    TRANSLATION = "translation", _("Languages and translations")
    COOPERATION = "cooperation", _("Cooperation and processes")
    TECHNICAL = "technical", _("Technical development")


class DecidingBody(models.TextChoices):
    WORKING_GROUP = "working_group", _("Working group")
    STEERING_GROUP = "steering_group", _("Steering group")


class PolicyStatus(models.TextChoices):
    VALID = "valid", _("Valid")
    SUPERSEDED = "superseded", _("Superseded")


class PolicyPage(Page):
    """One content policy, decided by the working group or the steering group."""

    summary = models.TextField(
        _("summary"), blank=True, help_text=_("One or two sentences for lists and e-mails.")
    )
    body = RichTextField(_("policy"), features=RICH_TEXT_FEATURES)
    scope = models.CharField(_("scope"), max_length=20, choices=PolicyScope.choices)
    decision = models.ForeignKey(
        "policies.Decision",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="policies",
        verbose_name=_("decision"),
        help_text=_(
            "The decision record with the votes. When set, the deciding body and the decision "
            "date are taken from it."
        ),
    )
    decided_by = models.CharField(
        _("decided by"), max_length=20, choices=DecidingBody.choices, blank=True
    )
    decision_date = models.DateField(_("decision date"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=PolicyStatus.choices, default=PolicyStatus.VALID
    )
    superseded_by = models.ForeignKey(
        "policies.PolicyPage",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="supersedes",
        verbose_name=_("superseded by"),
        help_text=_("The policy that replaces this one (required when superseded)."),
    )

    parent_page_types = ["policies.PolicyIndexPage"]
    subpage_types = []
    content_panels = Page.content_panels + [
        FieldPanel("summary"),
        FieldPanel("body"),
        FieldPanel("scope"),
        MultiFieldPanel(
            [
                FieldPanel("decision"),
                FieldRowPanel([FieldPanel("decided_by"), FieldPanel("decision_date")]),
            ],
            heading=_("Decision"),
        ),
        MultiFieldPanel([FieldPanel("status"), FieldPanel("superseded_by")], heading=_("Validity")),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("summary"),
        index.SearchField("body"),
        index.FilterField("status"),
        index.FilterField("scope"),
    ]
    # Declared once, here: the texts are translated, the facts are the source's.
    override_translatable_fields = [
        SynchronizedField("scope"),
        SynchronizedField("decision"),
        SynchronizedField("decided_by"),
        SynchronizedField("decision_date"),
        SynchronizedField("status"),
        SynchronizedField("superseded_by"),
    ]

    class Meta:
        verbose_name = _("policy")
        verbose_name_plural = _("policies")

    def clean(self):
        super().clean()
        errors = {}
        if self.decision_id is not None:
            decision = self.decision
            if not decision.is_decided:
                errors["decision"] = _(
                    "This decision has not passed (%(outcome)s): a policy links to a decision "
                    "that passed."
                ) % {"outcome": decision.outcome_label}
            else:
                self.decided_by = decision.decided_by
                self.decision_date = decision.decided_on
        else:
            if not self.decided_by:
                errors["decided_by"] = _("Give the deciding body, or link the decision.")
            if self.decision_date is None:
                errors["decision_date"] = _("Give the decision date, or link the decision.")
        if self.status == PolicyStatus.SUPERSEDED:
            if self.superseded_by_id is None:
                errors["superseded_by"] = _("A superseded policy links to its successor.")
            elif self.pk is not None and self.superseded_by_id == self.pk:
                errors["superseded_by"] = _("A policy cannot supersede itself.")
            elif self.pk is not None and self.superseded_by.translation_key == self.translation_key:
                errors["superseded_by"] = _("A policy cannot supersede itself.")
        elif self.superseded_by_id is not None:
            errors["superseded_by"] = _("Only a superseded policy links to a successor.")
        if errors:
            raise ValidationError(errors)
