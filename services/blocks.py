"""StreamField blocks of a service: public description, time and place, internal information."""

from decimal import Decimal, InvalidOperation
from urllib.parse import urlencode

from django import forms
from django.core.exceptions import ValidationError
from django.utils.functional import cached_property
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.admin.telepath import register
from wagtail.blocks.struct_block import StructBlockAdapter, StructBlockValidationError
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


class SourceTermChooserBlock(SnippetChooserBlock):
    """A vocabulary's term in a stream field: the chooser opens on the source-language
    terms and another locale's term is refused (the rule: services.term_choices)."""

    @cached_property
    def widget(self):
        from services.term_choices import source_language_code

        widget = super().widget
        modal_url = widget.get_chooser_modal_url

        def source_terms_url():
            return f"{modal_url()}?{urlencode({'locale': source_language_code()})}"

        widget.get_chooser_modal_url = source_terms_url
        return widget

    @cached_property
    def field(self):
        from services.term_choices import source_language_code

        field = super().field
        field.queryset = field.queryset.filter(locale__language_code=source_language_code())
        return field


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
    weekday = blocks.ChoiceBlock(choices=WEEKDAYS, label=capfirst(_("weekday")))
    start = blocks.TimeBlock(label=capfirst(_("starts")))
    end = blocks.TimeBlock(label=capfirst(_("ends")))

    class Meta:
        icon = "time"
        label = _("Weekly time")

    def clean(self, value):
        value = super().clean(value)
        _require_order(value, "start", "end", _("The end must be after the start."))
        return value


# Finland's extremes in decimal degrees (WGS84), Åland and the sea areas included.
FINLAND_LATITUDE = (Decimal("59.3"), Decimal("70.1"))
FINLAND_LONGITUDE = (Decimal("19.0"), Decimal("31.6"))


class CoordinateField(forms.DecimalField):
    """Decimal degrees as people type them: a decimal comma or a trailing ° is fine, and
    more than six decimals (copied from a map) are rounded to six (about 10 cm)."""

    widget = forms.TextInput

    def to_python(self, value):
        if isinstance(value, str):
            value = value.strip().replace(",", ".").rstrip("°").strip()
        value = super().to_python(value)
        if value is not None:
            try:
                value = value.quantize(Decimal("0.000001"))
            except InvalidOperation:
                raise ValidationError(self.error_messages["invalid"], code="invalid") from None
        return value

    def widget_attrs(self, widget):
        attrs = super().widget_attrs(widget)
        attrs.update({"inputmode": "decimal", "autocomplete": "off", "spellcheck": "false"})
        return attrs


class CoordinateBlock(blocks.DecimalBlock):
    """A latitude or longitude; its range (Finland's) is checked by the location."""

    def __init__(self, required=False, help_text=None, **kwargs):
        super().__init__(required=required, help_text=help_text, **kwargs)
        self.field = CoordinateField(required=required, help_text=help_text)

    class Meta:
        icon = "site"


def coordinate_errors(latitude, longitude) -> dict:
    """Form errors of a pair of coordinates (both optional, together); {} when fine."""
    if (latitude is None) != (longitude is None):
        missing = "longitude" if longitude is None else "latitude"
        return {missing: ValidationError(_("Give both coordinates or neither."))}
    if latitude is None:
        return {}
    lat_ok = FINLAND_LATITUDE[0] <= latitude <= FINLAND_LATITUDE[1]
    lon_ok = FINLAND_LONGITUDE[0] <= longitude <= FINLAND_LONGITUDE[1]
    if not lat_ok and not lon_ok:
        swapped = (
            FINLAND_LATITUDE[0] <= longitude <= FINLAND_LATITUDE[1]
            and FINLAND_LONGITUDE[0] <= latitude <= FINLAND_LONGITUDE[1]
        )
        if swapped:
            message = _(
                "The latitude and longitude seem to be the wrong way round: in Finland the "
                "latitude is between 59.3 and 70.1 and the longitude between 19.0 and 31.6."
            )
            return {"latitude": ValidationError(message), "longitude": ValidationError(message)}
    errors = {}
    if not lat_ok:
        errors["latitude"] = ValidationError(
            _(
                "The latitude must be in Finland: between 59.3 and 70.1 in decimal degrees "
                "(for example 60.1699)."
            )
        )
    if not lon_ok:
        errors["longitude"] = ValidationError(
            _(
                "The longitude must be in Finland: between 19.0 and 31.6 in decimal degrees "
                "(for example 24.9384)."
            )
        )
    return errors


class LocationBlock(blocks.StructBlock):
    name = blocks.CharBlock(
        label=capfirst(_("place name")),
        max_length=200,
        required=False,
        help_text=_("For example the name of the building or office. Optional."),
    )
    street_address = blocks.CharBlock(
        label=capfirst(_("street address")),
        max_length=200,
        help_text=_("Street and number, for example Mannerheimintie 12 B."),
    )
    postal_code = blocks.RegexBlock(
        regex=r"^\d{5}$",
        label=capfirst(_("postal code")),
        error_messages={"invalid": _("A Finnish postal code has five digits.")},
        help_text=_("Five digits, for example 00100."),
    )
    city = blocks.CharBlock(label=capfirst(_("city")), max_length=100)
    latitude = CoordinateBlock(
        label=capfirst(_("latitude")),
        help_text=_(
            "Optional. Decimal degrees, for example 60.1699. Use the search above to fill "
            "in both coordinates."
        ),
    )
    longitude = CoordinateBlock(
        label=capfirst(_("longitude")),
        help_text=_("Optional. Decimal degrees, for example 24.9384."),
    )
    accessibility = blocks.ListBlock(
        SourceTermChooserBlock("services.LocationAccessibility"),
        label=capfirst(_("location accessibility")),
        default=[],
    )

    class Meta:
        icon = "site"
        label = _("Location")
        # The address fields, the coordinate search (services/static/services/js/
        # location-picker.js) and the coordinates.
        form_template = "services/blocks/location_form.html"

    def get_form_context(self, value, prefix="", errors=None):
        from django.urls import reverse

        context = super().get_form_context(value, prefix=prefix, errors=errors)
        context["lookup_url"] = reverse("services_location_lookup")
        return context

    def clean(self, value):
        value = super().clean(value)
        errors = coordinate_errors(value.get("latitude"), value.get("longitude"))
        if errors:
            raise StructBlockValidationError(block_errors=errors)
        return value


class LocationBlockAdapter(StructBlockAdapter):
    """The location's form with the coordinate search's script and styles."""

    @cached_property
    def media(self):
        return super().media + forms.Media(
            js=["services/js/location-picker.js"],
            css={"all": ["services/css/location-picker.css"]},
        )


register(LocationBlockAdapter(), LocationBlock)


class _ScheduleBase(blocks.StructBlock):
    locations = blocks.ListBlock(LocationBlock(), label=capfirst(_("locations")), default=[])
    info = blocks.TextBlock(label=capfirst(_("more information")), required=False)


class ContinuousBlock(_ScheduleBase):
    weekly_times = blocks.ListBlock(
        WeeklyTimeBlock(), label=capfirst(_("weekly times")), default=[]
    )

    class Meta:
        icon = "repeat"
        label = _("Continuous (weekly times)")


class DateRangeBlock(blocks.StructBlock):
    start_date = blocks.DateBlock(label=capfirst(_("start date")))
    end_date = blocks.DateBlock(label=capfirst(_("end date")))

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
    period = DateRangeBlock(label=capfirst(_("period")))
    weekly_times = blocks.ListBlock(
        WeeklyTimeBlock(), label=capfirst(_("weekly times")), default=[]
    )

    class Meta:
        icon = "date"
        label = _("One period")


class PeriodsBlock(_ScheduleBase):
    periods = blocks.ListBlock(DateRangeBlock(), label=capfirst(_("periods")), min_num=1)
    weekly_times = blocks.ListBlock(
        WeeklyTimeBlock(), label=capfirst(_("weekly times")), default=[]
    )

    class Meta:
        icon = "list-ul"
        label = _("Several periods")


class SingleDateBlock(blocks.StructBlock):
    date = blocks.DateBlock(label=capfirst(_("date")))
    start = blocks.TimeBlock(label=capfirst(_("starts")), required=False)
    end = blocks.TimeBlock(label=capfirst(_("ends")), required=False)

    class Meta:
        icon = "date"
        label = _("Date")

    def clean(self, value):
        value = super().clean(value)
        _require_order(value, "start", "end", _("The end must be after the start."))
        return value


class DatesBlock(_ScheduleBase):
    dates = blocks.ListBlock(SingleDateBlock(), label=capfirst(_("dates")), min_num=1)

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
        label=capfirst(_("obligation")),
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
    text = blocks.RichTextBlock(
        features=SIMPLE_TEXT_FEATURES, label=capfirst(_("details")), required=False
    )

    class Meta:
        icon = "warning"
        label = _("Obligation")


class YesNoTextBlock(blocks.StructBlock):
    answer = blocks.ChoiceBlock(choices=YES_NO, label=capfirst(_("answer")))
    text = blocks.RichTextBlock(
        features=SIMPLE_TEXT_FEATURES, label=capfirst(_("details")), required=False
    )


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
        label=capfirst(_("notes")),
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
    text = blocks.RichTextBlock(
        features=SIMPLE_TEXT_FEATURES, label=capfirst(_("details")), required=False
    )

    class Meta:
        icon = "tag"
        label = _("Benefit notes")


class FlagWithInstructionsBlock(blocks.StructBlock):
    required = blocks.BooleanBlock(label=capfirst(_("applies")), required=False, default=True)
    instructions = blocks.RichTextBlock(
        features=SIMPLE_TEXT_FEATURES, label=capfirst(_("instructions")), required=False
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
    municipality = SourceTermChooserBlock(
        "services.Municipality", label=capfirst(_("municipality"))
    )
    text = blocks.RichTextBlock(features=SIMPLE_TEXT_FEATURES, label=capfirst(_("text")))


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
