"""Decision records: a proposal, each partner's vote, the outcome weighted by cost share.

The working group decides with at least 2/3 of the total voting power (every partner's cost
share, absent ones included); otherwise the matter is escalated to the steering group, which
decides by the same rule (`policies.rules`). Each vote keeps the partner's share when the vote
was recorded, so a later change of the cost shares does not rewrite old decisions.
"""

import datetime as dt
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel

from cms.models import Organisation

from .. import rules


class Vote(models.TextChoices):
    FOR = rules.FOR, _("For")
    AGAINST = rules.AGAINST, _("Against")
    ABSTAIN = rules.ABSTAIN, _("Abstain")
    ABSENT = rules.ABSENT, _("Absent")


class Outcome(models.TextChoices):
    PENDING = rules.PENDING, _("No votes recorded")
    WORKING_GROUP = rules.DECIDED_BY_WORKING_GROUP, _("Decided by the working group")
    ESCALATED = rules.ESCALATED, _("Escalated to the steering group")
    STEERING_GROUP = rules.DECIDED_BY_STEERING_GROUP, _("Decided by the steering group")
    UNRESOLVED = rules.UNRESOLVED, _("Not decided: to the signatories of the agreement")


class DecisionKind(models.TextChoices):
    POLICY = rules.POLICY, _("Content policy or other matter")
    NEW_PARTNER = rules.NEW_PARTNER, _("New partner (steering group only)")
    UNFORESEEN_COSTS = rules.UNFORESEEN_COSTS, _("Unforeseen costs (steering group only)")
    TERMINATION = rules.TERMINATION, _("Terminating a partner (steering group only)")


class Decision(ClusterableModel):
    title = models.CharField(_("title"), max_length=255)
    kind = models.CharField(
        _("matter"),
        max_length=20,
        choices=DecisionKind.choices,
        default=DecisionKind.POLICY,
        help_text=_(
            "A new partner, unforeseen costs and terminating a partner are decided by the "
            "steering group alone: record its votes only."
        ),
    )
    proposal = models.TextField(_("proposal"))
    partner = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        limit_choices_to={"kind": "municipality"},
        verbose_name=_("partner concerned"),
        help_text=_("Terminating a partner: the partner. A new partner: when already created."),
    )
    partner_end_date = models.DateField(
        _("partner's agreement ends"),
        null=True,
        blank=True,
        help_text=_(
            "Terminating a partner: the day the agreement ends for it. From that day it is "
            "no longer counted in votes or in the named-person minimums."
        ),
    )
    working_group_date = models.DateField(
        _("working group meeting"),
        null=True,
        blank=True,
        help_text=_("Not for matters the steering group decides alone."),
    )
    steering_group_date = models.DateField(
        _("steering group meeting"),
        null=True,
        blank=True,
        help_text=_("Only when the working group did not reach 2/3 of the voting power."),
    )
    notes = models.TextField(_("notes"), blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    panels = [
        FieldPanel("title"),
        FieldPanel("kind"),
        FieldPanel("proposal"),
        FieldRowPanel([FieldPanel("partner"), FieldPanel("partner_end_date")]),
        MultiFieldPanel(
            [
                FieldPanel("working_group_date"),
                InlinePanel("working_group_votes", label=_("Vote")),
            ],
            heading=_("Working group"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("steering_group_date"),
                InlinePanel("steering_group_votes", label=_("Vote")),
            ],
            heading=_("Steering group"),
        ),
        FieldPanel("notes"),
    ]

    class Meta:
        ordering = ["-working_group_date", "-pk"]
        verbose_name = _("decision")
        verbose_name_plural = _("decisions")

    def __str__(self):
        return self.title

    @property
    def steering_group_only(self) -> bool:
        return rules.steering_group_only(self.kind)

    def clean(self):
        super().clean()
        errors = {}
        if self.steering_group_only:
            if not self.steering_group_date:
                errors["steering_group_date"] = _(
                    "Only the steering group decides this matter: give its meeting date."
                )
        elif not self.working_group_date:
            errors["working_group_date"] = _("Give the working group's meeting date.")
        if (
            self.steering_group_date
            and self.working_group_date
            and self.steering_group_date < self.working_group_date
        ):
            errors["steering_group_date"] = _(
                "The steering group decides after the working group's meeting."
            )
        if self.kind == DecisionKind.TERMINATION:
            if not self.partner_id:
                errors["partner"] = _("Choose the partner whose agreement is terminated.")
            if not self.partner_end_date:
                errors["partner_end_date"] = _("Give the day the agreement ends for the partner.")
            elif self.steering_group_date and self.partner_end_date < self.steering_group_date:
                errors["partner_end_date"] = _(
                    "The agreement ends on or after the steering group's decision."
                )
        elif self.partner_end_date:
            errors["partner_end_date"] = _("Only a termination ends a partner's agreement.")
        if self.partner_id and self.kind not in (
            DecisionKind.TERMINATION,
            DecisionKind.NEW_PARTNER,
        ):
            errors["partner"] = _("Only a new partner or a termination concerns a partner.")
        if errors:
            raise ValidationError(errors)

    # --- votes and outcome ------------------------------------------------------------------------
    def votes(self, body: str, partners=None) -> list:
        """The round's votes, with an absent vote (current share) for each active partner
        missing; empty when no vote of the round is recorded. `partners`: the active partner
        municipalities, when already loaded."""
        relation = (
            self.working_group_votes if body == rules.WORKING_GROUP else self.steering_group_votes
        )
        recorded = list(relation.all())
        if not recorded:
            return []  # the round has not been recorded (held) yet
        if partners is None:
            partners = voting_partners()
        model = relation.model
        present = {v.organisation_id for v in recorded}
        date = self.working_group_date if body == rules.WORKING_GROUP else self.steering_group_date
        missing = [
            model(organisation=org, vote=Vote.ABSENT, share=org.cost_share or Decimal(0))
            for org in partners
            if org.pk not in present and is_partner_on(org, date)
        ]
        return sorted(recorded + missing, key=lambda v: (-v.effective_share, v.organisation.name))

    def tally(self, body: str, partners=None) -> rules.Tally | None:
        votes = self.votes(body, partners)
        if not votes:
            return None
        return rules.tally((v.effective_share, v.vote) for v in votes)

    def tallies(self, partners=None) -> dict[str, rules.Tally | None]:
        partners = partners if partners is not None else getattr(self, "_partners", None)
        if partners is None:
            partners = voting_partners()
        return {
            body: self.tally(body, partners) for body in (rules.WORKING_GROUP, rules.STEERING_GROUP)
        }

    def outcome_of(self, tallies) -> str:
        """The outcome of these tallies under this decision's kind (THE rule, `rules`)."""
        return rules.decision_outcome(
            tallies[rules.WORKING_GROUP], tallies[rules.STEERING_GROUP], self.kind
        )

    @property
    def outcome(self) -> str:
        return self.outcome_of(self.tallies())

    @property
    def outcome_label(self) -> str:
        outcome = self.outcome
        if self.steering_group_only and outcome == Outcome.UNRESOLVED:
            return str(_("Not passed by the steering group"))
        return Outcome(outcome).label

    @property
    def is_decided(self) -> bool:
        return self.outcome in (Outcome.WORKING_GROUP, Outcome.STEERING_GROUP)

    @property
    def decided_by(self) -> str:
        """The deciding body ("working_group" / "steering_group"), or "" when undecided."""
        return self.outcome if self.is_decided else ""

    @property
    def decided_on(self):
        if self.outcome == Outcome.WORKING_GROUP:
            return self.working_group_date
        if self.outcome == Outcome.STEERING_GROUP:
            return self.steering_group_date
        return None

    def complete_votes(self) -> int:
        """Record an absent vote for every partner missing from a round with votes (a round
        without any is not held yet). Returns how many were added."""
        added = 0
        rounds = [(self.working_group_votes, WorkingGroupVote, self.working_group_date)]
        if self.steering_group_date:
            rounds.append((self.steering_group_votes, SteeringGroupVote, self.steering_group_date))
        partners = voting_partners()
        for relation, model, date in rounds:
            present = set(relation.values_list("organisation_id", flat=True))
            if not present:
                continue
            for org in partners:
                if org.pk not in present and is_partner_on(org, date):
                    model.objects.create(decision=self, organisation=org, vote=Vote.ABSENT)
                    added += 1
        return added


# --- Terminated partners ------------------------------------------------------------------------
def partner_end_dates() -> dict[int, "dt.date"]:
    """{partner id: the day its agreement ends}, from the terminations the steering group
    passed (the earliest, if several)."""
    terminations = list(
        Decision.objects.filter(kind=DecisionKind.TERMINATION)
        .exclude(partner=None)
        .exclude(partner_end_date=None)
        .prefetch_related("steering_group_votes__organisation")
    )
    if not terminations:
        return {}
    partners = list(Organisation.objects.municipalities().filter(is_active=True))
    result = {}
    for decision in terminations:
        if decision.outcome_of(decision.tallies(partners)) == Outcome.STEERING_GROUP:
            end = decision.partner_end_date
            result[decision.partner_id] = min(end, result.get(decision.partner_id, end))
    return result


def voting_partners() -> list[Organisation]:
    """The active partner municipalities, each with `agreement_ends` (a date, or None)."""
    ends = partner_end_dates()
    partners = list(Organisation.objects.municipalities().filter(is_active=True))
    for org in partners:
        org.agreement_ends = ends.get(org.pk)
    return partners


def is_partner_on(organisation, date) -> bool:
    """Whether the organisation is still a partner on `date`: a terminated partner is not,
    from the day its agreement ends. Without a date (or `agreement_ends` unknown), yes."""
    ends = getattr(organisation, "agreement_ends", None)
    return ends is None or date is None or date < ends


class BaseVote(models.Model):
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="+",
        limit_choices_to={"kind": "municipality"},
        verbose_name=_("partner"),
    )
    vote = models.CharField(_("vote"), max_length=10, choices=Vote.choices, default=Vote.ABSENT)
    share = models.DecimalField(
        _("cost share (%)"),
        max_digits=5,
        decimal_places=2,
        null=True,
        blank=True,
        help_text=_("The partner's cost share when the vote was recorded (filled in)."),
    )

    panels = [FieldPanel("organisation"), FieldPanel("vote")]

    class Meta:
        abstract = True

    def __str__(self):
        return f"{self.organisation}: {self.get_vote_display()}"

    def save(self, *args, **kwargs):
        if self.organisation_id and (
            self.share is None or self.stored_organisation_id() not in (None, self.organisation_id)
        ):
            self.share = self.organisation.cost_share or Decimal(0)
        super().save(*args, **kwargs)

    def stored_organisation_id(self):
        if self.pk is None:
            return None
        return (
            type(self).objects.filter(pk=self.pk).values_list("organisation_id", flat=True).first()
        )

    def clean(self):
        super().clean()
        stored = self.stored_organisation_id()
        if stored is not None and stored != self.organisation_id:
            # Moving a row to another partner kept the first partner's share (a wrong
            # tally), and swapping two rows' partners broke the one-vote-per-partner rule.
            raise ValidationError(
                {
                    "organisation": _(
                        "A recorded vote's partner cannot be changed: every partner has its "
                        "own row, so change the vote on that partner's row instead."
                    )
                }
            )

    @property
    def effective_share(self) -> Decimal:
        if self.share is not None:
            return self.share
        return self.organisation.cost_share or Decimal(0)


class WorkingGroupVote(BaseVote):
    decision = ParentalKey(Decision, on_delete=models.CASCADE, related_name="working_group_votes")

    class Meta:
        verbose_name = _("working group vote")
        verbose_name_plural = _("working group votes")
        constraints = [
            models.UniqueConstraint(
                fields=["decision", "organisation"], name="one_working_group_vote_per_partner"
            )
        ]


class SteeringGroupVote(BaseVote):
    decision = ParentalKey(Decision, on_delete=models.CASCADE, related_name="steering_group_votes")

    class Meta:
        verbose_name = _("steering group vote")
        verbose_name_plural = _("steering group votes")
        constraints = [
            models.UniqueConstraint(
                fields=["decision", "organisation"], name="one_steering_group_vote_per_partner"
            )
        ]
