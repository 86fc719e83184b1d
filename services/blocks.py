"""StreamField blocks of a service: public description, time and place, internal information."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.blocks.struct_block import StructBlockValidationError
from wagtail.snippets.blocks import SnippetChooserBlock

from cms.blocks import (
    SIMPLE_TEXT_FEATURES,
    AttachmentBlock,
    HeadingBlock,
    LinkBlock,
    NoticeBlock,
    ParagraphBlock,
)
from cms.roles import INTERNAL_COLLECTION

YES_NO = [("yes", _("Yes")), ("no", _("No"))]
WEEKDAYS = [
    ("mon", _("Monday")),
    ("tue", _("Tuesday")),
    ("wed", _("Wednesday")),
    ("thu", _("Thursday")),
    ("fri", _("Friday")),
    ("sat", _("Saturday")),
    ("sun", _("Sunday")),
]


def _require_order(value, first, second, message):
    if value.get(first) and value.get(second) and value[first] >= value[second]:
        raise StructBlockValidationError(block_errors={second: ValidationError(message)})


# --- Public description ------------------------------------------------------------


class DescriptionBlock(blocks.StreamBlock):
    heading = HeadingBlock()
    paragraph = ParagraphBlock()
    notice = NoticeBlock()

    class Meta:
        label = _("Description")


class ResourcesBlock(blocks.StreamBlock):
    link = LinkBlock()
    attachment = AttachmentBlock()

    class Meta:
        label = _("Links and attachments")


# --- Time and place (five modes) --------------------------------------------------------


class WeeklyTimeBlock(blocks.StructBlock):
    weekday = blocks.ChoiceBlock(choices=WEEKDAYS, label=_("weekday"))
    start = blocks.TimeBlock(label=_("starts"))
    end = blocks.TimeBlock(label=_("ends"))

    class Meta:
        icon = "time"
        label = _("Weekly time")

    def clean(self, value):
        value = super().clean(value)
        _require_order(value, "start", "end", _("The end must be after the start."))
        return value


class LocationBlock(blocks.StructBlock):
    name = blocks.CharBlock(label=_("place name"), max_length=200, required=False)
    street_address = blocks.CharBlock(label=_("street address"), max_length=200)
    postal_code = blocks.RegexBlock(
        regex=r"^\d{5}$",
        label=_("postal code"),
        error_messages={"invalid": _("A Finnish postal code has five digits.")},
    )
    city = blocks.CharBlock(label=_("city"), max_length=100)
    latitude = blocks.DecimalBlock(
        label=_("latitude"), required=False, min_value=-90, max_value=90, decimal_places=6
    )
    longitude = blocks.DecimalBlock(
        label=_("longitude"), required=False, min_value=-180, max_value=180, decimal_places=6
    )
    accessibility = blocks.ListBlock(
        SnippetChooserBlock("services.LocationAccessibility"),
        label=_("location accessibility"),
        default=[],
    )

    class Meta:
        icon = "site"
        label = _("Location")

    def clean(self, value):
        value = super().clean(value)
        if (value.get("latitude") is None) != (value.get("longitude") is None):
            raise StructBlockValidationError(
                block_errors={"longitude": ValidationError(_("Give both coordinates or neither."))}
            )
        return value


class _ScheduleBase(blocks.StructBlock):
    locations = blocks.ListBlock(LocationBlock(), label=_("locations"), default=[])
    info = blocks.TextBlock(label=_("more information"), required=False)


class ContinuousBlock(_ScheduleBase):
    weekly_times = blocks.ListBlock(WeeklyTimeBlock(), label=_("weekly times"), default=[])

    class Meta:
        icon = "repeat"
        label = _("Continuous (weekly times)")


class DateRangeBlock(blocks.StructBlock):
    start_date = blocks.DateBlock(label=_("start date"))
    end_date = blocks.DateBlock(label=_("end date"))

    class Meta:
        icon = "date"
        label = _("Period")

    def clean(self, value):
        value = super().clean(value)
        if (
            value.get("start_date")
            and value.get("end_date")
            and value["start_date"] > value["end_date"]
        ):
            raise StructBlockValidationError(
                block_errors={"end_date": ValidationError(_("The period ends before it starts."))}
            )
        return value


class PeriodBlock(_ScheduleBase):
    period = DateRangeBlock(label=_("period"))
    weekly_times = blocks.ListBlock(WeeklyTimeBlock(), label=_("weekly times"), default=[])

    class Meta:
        icon = "date"
        label = _("One period")


class PeriodsBlock(_ScheduleBase):
    periods = blocks.ListBlock(DateRangeBlock(), label=_("periods"), min_num=1)
    weekly_times = blocks.ListBlock(WeeklyTimeBlock(), label=_("weekly times"), default=[])

    class Meta:
        icon = "list-ul"
        label = _("Several periods")


class SingleDateBlock(blocks.StructBlock):
    date = blocks.DateBlock(label=_("date"))
    start = blocks.TimeBlock(label=_("starts"), required=False)
    end = blocks.TimeBlock(label=_("ends"), required=False)

    class Meta:
        icon = "date"
        label = _("Date")

    def clean(self, value):
        value = super().clean(value)
        _require_order(value, "start", "end", _("The end must be after the start."))
        return value


class DatesBlock(_ScheduleBase):
    dates = blocks.ListBlock(SingleDateBlock(), label=_("dates"), min_num=1)

    class Meta:
        icon = "calendar-alt"
        label = _("Single dates")


class AgreedSeparatelyBlock(_ScheduleBase):
    class Meta:
        icon = "help"
        label = _("Agreed separately")


class TimeAndPlaceBlock(blocks.StreamBlock):
    continuous = ContinuousBlock()
    period = PeriodBlock()
    periods = PeriodsBlock()
    dates = DatesBlock()
    agreed = AgreedSeparatelyBlock()

    class Meta:
        label = _("Time and place")


# --- Internal information -----------------------------------------------------------


class ObligationBlock(blocks.StructBlock):
    obligation = blocks.ChoiceBlock(
        label=_("obligation"),
        choices=[
            (
                "binding_if_agreed",
                _(
                    "Binding if agreed in the employment plan: ignoring it may affect the "
                    "earnings-related allowance or labour market subsidy"
                ),
            ),
            ("not_binding", _("Not binding")),
            (
                "always_binding",
                _("Always binding: dropping out may affect unemployment benefits"),
            ),
        ],
    )
    text = blocks.RichTextBlock(features=SIMPLE_TEXT_FEATURES, label=_("details"), required=False)

    class Meta:
        icon = "warning"
        label = _("Obligation")


class YesNoTextBlock(blocks.StructBlock):
    answer = blocks.ChoiceBlock(choices=YES_NO, label=_("answer"))
    text = blocks.RichTextBlock(features=SIMPLE_TEXT_FEATURES, label=_("details"), required=False)


class StatementBlock(YesNoTextBlock):
    class Meta:
        icon = "doc-full"
        label = _("Labour-policy statement")
        help_text = _(
            "Is a labour-policy statement given? If not, the client's employment status "
            "does not change."
        )


class JobSearchConversationBlock(YesNoTextBlock):
    class Meta:
        icon = "group"
        label = _("Supplementary job-search conversation")
        help_text = _("Is the service suitable as a supplementary job-search conversation?")


class BenefitNotesBlock(blocks.StructBlock):
    notes = blocks.MultipleChoiceBlock(
        label=_("notes"),
        choices=[
            (
                "allowance_during_waiting_period",
                _("Allowance may be paid during the waiting period"),
            ),
            ("dissolves_work_requirement", _("May dissolve the work requirement")),
            ("expense_compensation", _("Expense compensation from Kela or the fund")),
        ],
        required=False,
    )
    text = blocks.RichTextBlock(features=SIMPLE_TEXT_FEATURES, label=_("details"), required=False)

    class Meta:
        icon = "tag"
        label = _("Benefit notes")


class FlagWithInstructionsBlock(blocks.StructBlock):
    required = blocks.BooleanBlock(label=_("applies"), required=False, default=True)
    instructions = blocks.RichTextBlock(
        features=SIMPLE_TEXT_FEATURES, label=_("instructions"), required=False
    )


class ArchivingBlock(FlagWithInstructionsBlock):
    class Meta:
        icon = "folder-inverse"
        label = _("Archiving")
        help_text = _("Does participation involve archiving? How to archive.")


class ClientConsentBlock(FlagWithInstructionsBlock):
    class Meta:
        icon = "lock"
        label = _("Client consent")
        help_text = _(
            "Does participation require the client's consent to disclose personal data? "
            "How to obtain it."
        )


class MunicipalityTextBlock(blocks.StructBlock):
    municipality = SnippetChooserBlock("services.Municipality", label=_("municipality"))
    text = blocks.RichTextBlock(features=SIMPLE_TEXT_FEATURES, label=_("text"))


class MunicipalityGuidanceBlock(MunicipalityTextBlock):
    class Meta:
        icon = "site"
        label = _("Municipality-specific guidance")


class MunicipalityExceptionBlock(MunicipalityTextBlock):
    class Meta:
        icon = "warning"
        label = _("Municipality-specific exception")


def is_internal_collection(collection) -> bool:
    """The collection for internal attachments or one under it (whose view restriction,
    to the roles that view internal information, applies to its descendants too).

    Any other restricted collection is not enough: a login restriction lets providers in.
    """
    return (
        collection.get_ancestors(inclusive=True).filter(depth=2, name=INTERNAL_COLLECTION).exists()
    )


class InternalAttachmentBlock(AttachmentBlock):
    """An attachment that must live in a collection restricted to municipal users."""

    class Meta:
        icon = "doc-full"
        label = _("Internal attachment")

    def clean(self, value):
        value = super().clean(value)
        document = value.get("document")
        if document is not None and not is_internal_collection(document.collection):
            raise StructBlockValidationError(
                block_errors={
                    "document": ValidationError(
                        _(
                            "Internal attachments must be in the collection for internal "
                            "attachments; this document is public."
                        )
                    )
                }
            )
        return value


def _internal_text(label):
    return ParagraphBlock(label=label, features=SIMPLE_TEXT_FEATURES)


class InternalBlock(blocks.StreamBlock):
    """The expert's work and process instruction. Visible only to municipal users."""

    referral = _internal_text(_("Referral to the service"))
    specialist_prerequisites = _internal_text(_("Prerequisites for the specialist"))
    obligation = ObligationBlock()
    statement = StatementBlock()
    benefit_notes = BenefitNotesBlock()
    client_system_entries = _internal_text(_("Client information system entries"))
    measures = _internal_text(_("Measures during participation"))
    exceptions = _internal_text(_("Exceptions"))
    municipality_guidance = MunicipalityGuidanceBlock()
    municipality_exception = MunicipalityExceptionBlock()
    job_search_conversation = JobSearchConversationBlock()
    archiving = ArchivingBlock()
    client_consent = ClientConsentBlock()
    contacts = blocks.ListBlock(
        SnippetChooserBlock("services.Contact"), label=_("Internal contacts"), icon="user"
    )
    links = blocks.ListBlock(LinkBlock(), label=_("Internal links"), icon="link")
    files = blocks.ListBlock(
        InternalAttachmentBlock(), label=_("Internal attachments"), icon="doc-full"
    )

    class Meta:
        label = _("Internal information")
        block_counts = {
            name: {"max_num": 1}
            for name in (
                "referral",
                "specialist_prerequisites",
                "obligation",
                "statement",
                "benefit_notes",
                "client_system_entries",
                "measures",
                "exceptions",
                "job_search_conversation",
                "archiving",
                "client_consent",
                "contacts",
                "links",
                "files",
            )
        }
