"""Agreement monitoring (sopimuksen seuranta): meetings and attendance, content cases,
knowledge-transfer breaches and the partners' representatives.

Maintainers record everything; a partner's users see their own organisation's records only
(`policies.access`). Sanctions are not stored: `policies.sanctions` derives them from these
records with the rules in `policies.rules`, so they always match the data.
"""

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.models import Orderable

from cms.models import Organisation

from .. import rules

PARTNER = {"kind": "municipality"}


class Body(models.TextChoices):
    WORKING_GROUP = rules.WORKING_GROUP, _("Working group")
    WORKSHOP = rules.WORKSHOP, _("Workshop")
    STEERING_GROUP = rules.STEERING_GROUP, _("Steering group")


class AttendanceStatus(models.TextChoices):
    PRESENT = rules.PRESENT, _("Present")
    SUBSTITUTE = rules.SUBSTITUTE, _("Substitute present")
    ABSENT = rules.ABSENT_FROM_MEETING, _("Absent")
    FACILITATION_MISSED = rules.FACILITATION_MISSED, _("Facilitation missed")


def partner_field(**kwargs):
    return models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        limit_choices_to=PARTNER,
        verbose_name=kwargs.pop("verbose_name", _("partner")),
        **kwargs,
    )


class Meeting(ClusterableModel):
    """A meeting of the working group or the steering group, or a workshop."""

    date = models.DateField(_("date"))
    body = models.CharField(_("body"), max_length=20, choices=Body.choices)
    facilitator = partner_field(
        null=True,
        blank=True,
        related_name="facilitated_meetings",
        verbose_name=_("facilitating partner"),
    )
    topic = models.CharField(_("topic"), max_length=255, blank=True)

    panels = [
        FieldRowPanel([FieldPanel("date"), FieldPanel("body")]),
        FieldPanel("facilitator"),
        FieldPanel("topic"),
        InlinePanel("attendances", heading=_("Attendance"), label=_("Partner")),
    ]

    class Meta:
        ordering = ["-date", "body"]
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        constraints = [
            models.UniqueConstraint(fields=["date", "body"], name="one_meeting_per_body_and_day")
        ]
        permissions = [
            (
                "view_all_monitoring",
                _("Can view every partner's agreement monitoring records and sanctions"),
            ),
            (
                "view_own_monitoring",
                _("Can view their own organisation's agreement monitoring records and sanctions"),
            ),
        ]

    def __str__(self):
        return f"{self.get_body_display()} {rules.format_date(self.date)}"

    def clean(self):
        super().clean()
        if self.facilitator_id and self.body != Body.WORKSHOP:
            raise ValidationError({"facilitator": _("Only workshops have a facilitating partner.")})

    @property
    def holiday_season(self) -> rules.HolidaySeason | None:
        return rules.holiday_season(self.date) if self.date else None

    def holiday_warning(self) -> str:
        """A warning when the meeting falls in a holiday season ("" otherwise). A warning, not
        an error: a meeting held anyway (agreed separately) must still be recordable."""
        season = self.holiday_season
        if season is None:
            return ""
        return _(
            "%(date)s is in %(season)s (%(start)s–%(end)s): the agreement holds no meetings "
            "in holiday seasons. Check the date; record the meeting only if it was agreed "
            "separately."
        ) % {
            "date": rules.format_date(self.date),
            "season": HOLIDAY_SEASONS[season.season],
            "start": rules.format_date(season.start),
            "end": rules.format_date(season.end),
        }


HOLIDAY_SEASONS = {
    rules.SUMMER: _("the summer holiday season"),
    rules.CHRISTMAS: _("the Christmas and New Year holiday season"),
}


class Attendance(models.Model):
    meeting = ParentalKey(Meeting, on_delete=models.CASCADE, related_name="attendances")
    organisation = partner_field(related_name="attendances")
    status = models.CharField(
        _("attendance"),
        max_length=20,
        choices=AttendanceStatus.choices,
        default=AttendanceStatus.PRESENT,
    )

    panels = [FieldRowPanel([FieldPanel("organisation"), FieldPanel("status")])]

    class Meta:
        ordering = ["-meeting__date", "organisation__name"]
        verbose_name = _("attendance")
        verbose_name_plural = _("attendance")
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "organisation"], name="one_attendance_per_partner_and_meeting"
            )
        ]

    def __str__(self):
        return f"{self.meeting} · {self.organisation} · {self.get_status_display()}"

    def clean(self):
        super().clean()
        meeting = getattr(self, "meeting", None)
        if meeting is None or self.status != AttendanceStatus.FACILITATION_MISSED:
            return
        if meeting.body != Body.WORKSHOP:
            raise ValidationError({"status": _("A facilitation can be missed only in a workshop.")})
        if meeting.facilitator_id and meeting.facilitator_id != self.organisation_id:
            raise ValidationError(
                {
                    "status": _("%(partner)s was responsible for facilitating this workshop.")
                    % {"partner": meeting.facilitator}
                }
            )

    @property
    def date(self) -> dt.date:
        return self.meeting.date

    @property
    def body(self) -> str:
        return self.meeting.body

    def as_record(self) -> rules.AttendanceRecord:
        return rules.AttendanceRecord(
            self.meeting.date, self.meeting.body, self.organisation_id, self.status
        )


class ContactRole(models.TextChoices):
    STEERING_GROUP_MEMBER = "steering_group_member", _("Steering group member")
    STEERING_GROUP_SUBSTITUTE = "steering_group_substitute", _("Steering group substitute")
    WORKING_GROUP_MEMBER = "working_group_member", _("Working group member")
    WORKING_GROUP_DEPUTY = "working_group_deputy", _("Working group deputy member")
    CONTACT_PERSON = "contact_person", _("Contact person")
    COMMUNICATION_INDUCTION = (
        "communication_induction",
        _("Communication and induction contact"),
    )


class PartnerContactQuerySet(models.QuerySet):
    def active_on(self, date: dt.date):
        """Named for `date`: active, started by then (or no start given) and not ended
        before it (the end date is the last day)."""
        return (
            self.filter(is_active=True)
            .filter(models.Q(start_date=None) | models.Q(start_date__lte=date))
            .filter(models.Q(end_date=None) | models.Q(end_date__gte=date))
        )


class PartnerContact(models.Model):
    """A partner's representative (work contact details only). The steering group member
    is told of every content sanction. The dates say when the person held the role, so the
    named-person counts (`policies.named_persons`) can be taken as of any day."""

    organisation = partner_field(related_name="partner_contacts")
    role = models.CharField(_("role"), max_length=30, choices=ContactRole.choices)
    name = models.CharField(_("name"), max_length=200)
    email = models.EmailField(_("work e-mail"))
    is_active = models.BooleanField(_("active"), default=True)
    start_date = models.DateField(
        _("named from"), null=True, blank=True, help_text=_("Empty: from the start.")
    )
    end_date = models.DateField(
        _("last day"), null=True, blank=True, help_text=_("Empty while the person holds the role.")
    )

    objects = PartnerContactQuerySet.as_manager()

    class Meta:
        ordering = ["organisation__name", "role", "name"]
        verbose_name = _("partner representative")
        verbose_name_plural = _("partner representatives")

    def __str__(self):
        return f"{self.name} ({self.organisation}, {self.get_role_display()})"

    def clean(self):
        super().clean()
        if self.start_date and self.end_date and self.end_date < self.start_date:
            raise ValidationError({"end_date": _("The last day is on or after the first.")})


class CaseKind(models.TextChoices):
    PIPELINE_DELAY = "pipeline_delay", _("Publication pipeline delayed without justified reason")
    REPEATED_ERROR = "repeated_error", _("Repeated significant error, already raised")


class PauseReason(models.TextChoices):
    PROVIDER_INVESTIGATING = "provider_investigating", _("Provider still investigating")
    LEGAL_REVIEW = "legal_review", _("Legal review")
    HOLIDAY_SEASON = "holiday_season", _("Holiday season")
    OTHER = "other", _("Other reason the partner could not influence")


class ContentCase(ClusterableModel):
    """A content breach: 1st notice, 2nd after a month, 3rd and 1000 € after one more week."""

    organisation = partner_field(related_name="content_cases")
    service = models.ForeignKey(
        "services.ServicePage",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="content_cases",
        verbose_name=_("service"),
    )
    kind = models.CharField(_("breach"), max_length=20, choices=CaseKind.choices)
    description = models.TextField(
        _("description"), help_text=_("What is wrong; billed with the sanction as its reason.")
    )
    first_notice_on = models.DateField(_("1st notice"))
    second_notice_on = models.DateField(_("2nd notice"), null=True, blank=True)
    third_notice_on = models.DateField(
        _("3rd notice and sanction"),
        null=True,
        blank=True,
        help_text=_("Confirmed with the proposed next step; brings a 1000 € sanction."),
    )
    fixed_on = models.DateField(_("fixed"), null=True, blank=True)

    panels = [
        FieldPanel("organisation"),
        FieldPanel("service"),
        FieldPanel("kind"),
        FieldPanel("description"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("first_notice_on"), FieldPanel("fixed_on")]),
                FieldRowPanel([FieldPanel("second_notice_on"), FieldPanel("third_notice_on")]),
            ],
            heading=_("Notices"),
        ),
        InlinePanel("pauses", heading=_("Justified pauses"), label=_("Pause")),
    ]

    class Meta:
        ordering = ["-first_notice_on", "-pk"]
        verbose_name = _("content case")
        verbose_name_plural = _("content cases")

    def __str__(self):
        label = self.service.title if self.service_id else self.get_kind_display()
        return f"{self.organisation}: {label} ({rules.format_date(self.first_notice_on)})"

    def clean(self):
        super().clean()
        errors = {}
        order = [
            ("second_notice_on", self.first_notice_on),
            ("third_notice_on", self.second_notice_on),
        ]
        for field, previous in order:
            value = getattr(self, field)
            if value is None:
                continue
            if previous is None:
                errors[field] = _("Give the previous notice first.")
            elif value <= previous:
                errors[field] = _("A notice follows the previous one.")
        if self.fixed_on and self.first_notice_on and self.fixed_on < self.first_notice_on:
            errors["fixed_on"] = _("The case cannot be fixed before its first notice.")
        if self.service_id and self.organisation_id:
            if self.service.responsible_municipality_id not in (None, self.organisation_id):
                errors["service"] = _("The service is the responsibility of %(partner)s.") % {
                    "partner": self.service.responsible_municipality
                }
        if errors:
            raise ValidationError(errors)

    # --- the rules, applied -------------------------------------------------------------------
    def rule_pauses(self) -> list[rules.Pause]:
        return [rules.Pause(p.start, p.end) for p in self.pauses.all()]

    @property
    def next_step(self) -> rules.NextStep | None:
        return rules.next_content_step(
            self.first_notice_on,
            self.second_notice_on,
            self.third_notice_on,
            self.fixed_on,
            self.rule_pauses(),
        )

    @property
    def next_step_label(self) -> str:
        step = self.next_step
        if step is None:
            return ""
        return NEXT_STEP_LABELS[step.step]

    @property
    def status_label(self) -> str:
        if self.third_notice_on:
            return _("Sanctioned")
        step = self.next_step
        if step is None:
            return _("Fixed") if self.fixed_on else _("Closed")
        if step.due is None:
            return _("Paused")
        if step.is_due(timezone.localdate()):
            return _("Next step due")
        return _("Open")

    @property
    def sanction_amount(self):
        return rules.CONTENT_SANCTION if self.third_notice_on else None


NEXT_STEP_LABELS = {
    rules.SECOND_NOTICE: _("2nd notice"),
    rules.THIRD_NOTICE: _("3rd notice and 1000 € sanction"),
}


class CasePause(Orderable):
    case = ParentalKey(ContentCase, on_delete=models.CASCADE, related_name="pauses")
    reason = models.CharField(_("justified reason"), max_length=30, choices=PauseReason.choices)
    start = models.DateField(_("paused from"))
    end = models.DateField(
        _("resumed on"), null=True, blank=True, help_text=_("Empty while the pause lasts.")
    )
    note = models.CharField(_("note"), max_length=255, blank=True)

    panels = [
        FieldRowPanel([FieldPanel("reason"), FieldPanel("start"), FieldPanel("end")]),
        FieldPanel("note"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("pause")
        verbose_name_plural = _("pauses")

    def __str__(self):
        return f"{self.get_reason_display()} {rules.format_date(self.start)}–{rules.format_date(self.end)}"

    def clean(self):
        super().clean()
        if self.end is not None and self.start is not None and self.end <= self.start:
            raise ValidationError({"end": _("A pause ends after it starts.")})


class KnowledgeTransferBreach(models.Model):
    """Knowledge not handed over to a successor or substitute: always discussed with the
    partner first, then a notice; a repeated notice brings a 500 € sanction."""

    organisation = partner_field(related_name="knowledge_transfer_breaches")
    handover = models.CharField(
        _("handover"),
        max_length=255,
        help_text=_("Which role changed hands, e.g. the working group's deputy member."),
    )
    occurred_on = models.DateField(_("noticed on"))
    description = models.TextField(_("description"), blank=True)
    discussed_on = models.DateField(_("discussed with the partner"), null=True, blank=True)
    notice_on = models.DateField(_("notice given"), null=True, blank=True)
    justified = models.BooleanField(
        _("justified reason"),
        default=False,
        help_text=_("E.g. a sudden illness: a reason the partner could not influence."),
    )

    class Meta:
        ordering = ["-occurred_on", "-pk"]
        verbose_name = _("knowledge transfer breach")
        verbose_name_plural = _("knowledge transfer breaches")

    def __str__(self):
        return f"{self.organisation}: {self.handover} ({rules.format_date(self.occurred_on)})"

    def clean(self):
        super().clean()
        errors = {}
        if self.notice_on is not None:
            if self.discussed_on is None:
                errors["notice_on"] = _("A knowledge transfer breach is discussed before a notice.")
            elif self.notice_on < self.discussed_on:
                errors["notice_on"] = _("The notice follows the discussion.")
        if self.discussed_on and self.occurred_on and self.discussed_on < self.occurred_on:
            errors["discussed_on"] = _("The discussion follows the breach.")
        if errors:
            raise ValidationError(errors)

    def as_rule(self) -> rules.TransferBreach:
        return rules.TransferBreach(
            self.pk, self.organisation_id, self.discussed_on, self.notice_on, self.justified
        )

    @property
    def next_step_label(self) -> str:
        if self.justified or self.notice_on:
            return ""
        return _("Give a notice") if self.discussed_on else _("Discuss with the partner")
