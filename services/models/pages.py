"""The service catalogue: index, responsibility folders and the service page.

The tree encodes responsibility, so Wagtail's subtree permissions do the work:
`Catalogue › <responsible municipality> › <provider> › service`. A service's
`responsible_municipality` and `provider` are kept in step with its position
(set on save and on move) so that filters and the API can use plain joins.
"""

import copy
from urllib.parse import urlencode

from django import forms
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.http import QueryDict
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultiFieldPanel,
    ObjectList,
    TabbedInterface,
)
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index
from wagtail_headless_preview.models import HeadlessPreviewMixin, PagePreview
from wagtail_localize.fields import SynchronizedField

from cms.blocks import SIMPLE_TEXT_FEATURES
from cms.edit_conflicts import ConflictCheckingPageForm
from cms.roles import EDIT_INTERNAL, PageScope, roles_that_publish_and_approve
from search.opensearch import ANALYSED_FIELD
from services.blocks import DescriptionBlock, InternalBlock, ResourcesBlock, TimeAndPlaceBlock

WORKING_AGE_MIN = 15
WORKING_AGE_MAX = 68


def _checkbox():
    return forms.CheckboxSelectMultiple


class ServiceIndexPage(Page):
    """The catalogue root of one locale."""

    intro = RichTextField(_("introduction"), blank=True, features=SIMPLE_TEXT_FEATURES)

    parent_page_types = ["wagtailcore.Page"]
    subpage_types = ["services.MunicipalityFolderPage"]
    content_panels = Page.content_panels + [FieldPanel("intro")]

    class Meta:
        verbose_name = _("service catalogue")
        verbose_name_plural = _("service catalogues")


class MunicipalityFolderPage(Page):
    """Services a partner municipality is responsible for."""

    organisation = models.ForeignKey(
        "cms.Organisation",
        on_delete=models.PROTECT,
        related_name="municipality_folders",
        limit_choices_to={"kind": "municipality"},
        verbose_name=_("responsible municipality"),
    )

    parent_page_types = ["services.ServiceIndexPage"]
    subpage_types = ["services.ProviderFolderPage"]
    content_panels = Page.content_panels + [FieldPanel("organisation")]

    class Meta:
        verbose_name = _("municipality folder")
        verbose_name_plural = _("municipality folders")


class ProviderFolderPage(Page):
    """A provider's services under one responsible municipality."""

    organisation = models.ForeignKey(
        "cms.Organisation",
        on_delete=models.PROTECT,
        related_name="provider_folders",
        limit_choices_to={"kind": "provider"},
        verbose_name=_("service provider"),
    )

    parent_page_types = ["services.MunicipalityFolderPage"]
    subpage_types = ["services.ServicePage"]
    content_panels = Page.content_panels + [FieldPanel("organisation")]

    class Meta:
        verbose_name = _("provider folder")
        verbose_name_plural = _("provider folders")


class Lifecycle(models.TextChoices):
    DRAFT = "draft", _("Draft")
    IN_REVIEW = "in_review", _("In review")
    PUBLISHED = "published", _("Published")
    OUTDATED = "outdated", _("Outdated")
    ARCHIVED = "archived", _("Archived")


class ResponsibilityBasis(models.TextChoices):
    """Why the responsible municipality is responsible for a service (the agreement,
    "Sopimuskumppaneiden roolit"; docs/responsibility.md)."""

    REGIONAL = "regional", _("Regional")
    PROCUREMENT = "procurement", _("Procurement")
    THEMATIC = "thematic", _("Thematic")
    NATIONAL = "national", _("National split")


def involved_partner_errors(basis, responsible, partners) -> list[str]:
    """What is wrong with the involved partners of a service (empty: nothing).

    Only a joint procurement has involved partners; they are partner municipalities and
    never the responsible one (which is the agreed responsible partner, from the tree)."""
    partners = list(partners)
    if not partners:
        return []
    if basis != ResponsibilityBasis.PROCUREMENT:
        return [_("Only a joint procurement has involved partners.")]
    errors = []
    if any(not org.is_municipality for org in partners):
        errors.append(_("Involved partners must be partner municipalities."))
    if responsible is not None and any(org.pk == responsible.pk for org in partners):
        errors.append(
            _(
                "%(municipality)s is the responsible partner: choose only the other partners "
                "involved."
            )
            % {"municipality": responsible}
        )
    return errors


class ServicePageForm(ConflictCheckingPageForm):
    """Cross-field rules of a service, checked on every save (drafts included); a form
    opened from an older revision is refused (cms/edit_conflicts.py)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Offer only the people who can be the update pair of this service, never every user.
        provider, municipality = folder_organisations(self.parent_page)
        choices = {
            "provider_updater": pair_candidates(provider),
            "municipal_responsible": pair_candidates(municipality, municipal_publishers()),
        }
        from services.sharing import labelled_by_name

        for name, queryset in choices.items():
            if name in self.fields and queryset is not None:
                self.fields[name].queryset = queryset
                # By name, not by username (an e-mail address for invited accounts).
                self.fields[name].label_from_instance = labelled_by_name(queryset)
        # "See also" offers the own subtree and live public services (services.permissions).
        from services.admin_visibility import limit_page_choices

        for form in getattr(self, "formsets", {}).get("related_services", ()):
            limit_page_choices(form.fields["service"], self.for_user, [form.instance.service_id])
        # Taxonomies: the source-language terms only, labelled and sorted in the page's
        # language (services.term_choices).
        from services.term_choices import limit_to_source_terms

        limit_to_source_terms(self)

    def _post_clean(self):
        # modelcluster assigns parental many-to-many values only in save(), so the model's
        # clean() would see the stored revision's municipalities, not the submitted ones.
        if "participating_municipalities" in self.cleaned_data:
            self.instance.participating_municipalities = self.cleaned_data[
                "participating_municipalities"
            ]
        if "involved_partners" in self.cleaned_data:
            self.instance.involved_partners = self.cleaned_data["involved_partners"]
        if self.instance.responsible_municipality_id is None:
            # A new service: save() sets it from the folder; clean() needs it already.
            _provider, municipality = folder_organisations(self.parent_page)
            self.instance.responsible_municipality = municipality
        super()._post_clean()

    def clean(self):
        cleaned = super().clean()
        provider, municipality = folder_organisations(self.parent_page)
        updater = cleaned.get("provider_updater")
        if "provider_updater" in self.fields and not updater:
            self.add_error(
                "provider_updater",
                _("Every service needs the provider's responsible updater (update pair)."),
            )
        elif updater and provider and not is_member(updater, provider):
            self.add_error(
                "provider_updater",
                _("The responsible updater must be a user of %(provider)s.")
                % {"provider": provider},
            )
        responsible = cleaned.get("municipal_responsible")
        if (
            responsible
            and municipality
            and not is_member(responsible, municipality, roles=municipal_publishers())
        ):
            self.add_error(
                "municipal_responsible",
                _(
                    "The municipal responsible person must be a content producer of %(municipality)s."
                )
                % {"municipality": municipality},
            )
        return cleaned


def municipal_publishers():
    """The municipal half of the update pair is someone who may publish and approve the
    service (cms.roles.roles_that_publish_and_approve)."""
    return roles_that_publish_and_approve(PageScope.MUNICIPALITY)


def pair_candidates(organisation, roles=None):
    if organisation is None:
        return None
    memberships = {"memberships__organisation": organisation, "memberships__is_active": True}
    if roles:
        memberships["memberships__role__in"] = roles
    return (
        get_user_model()
        .objects.filter(is_active=True, **memberships)
        .distinct()
        .order_by("last_name", "first_name")
    )


def is_member(user, organisation, roles=None) -> bool:
    return pair_candidates(organisation, roles).filter(pk=user.pk).exists()


def folder_organisations(parent):
    """(provider, responsible municipality) of the provider folder a service sits in."""
    if parent is None:
        return None, None
    parent = parent.specific_deferred if type(parent) is Page else parent
    if not isinstance(parent, ProviderFolderPage):
        return None, None
    municipality_folder = parent.get_parent().specific
    return parent.organisation, getattr(municipality_folder, "organisation", None)


class ServiceLanguage(Orderable):
    page = ParentalKey("services.ServicePage", on_delete=models.CASCADE, related_name="languages")
    language = models.ForeignKey(
        "services.Language", on_delete=models.PROTECT, related_name="+", verbose_name=_("language")
    )
    level = models.ForeignKey(
        "services.LanguageLevel",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("required level"),
    )

    # Plain selects of the source-language terms (services.term_choices), not the snippet
    # chooser, which lists every locale's terms.
    panels = [
        FieldRowPanel(
            [
                FieldPanel("language", widget=forms.Select),
                FieldPanel("level", widget=forms.Select),
            ]
        )
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("service language")
        verbose_name_plural = _("service languages")


class RelatedService(Orderable):
    page = ParentalKey(
        "services.ServicePage", on_delete=models.CASCADE, related_name="related_services"
    )
    service = models.ForeignKey(
        "services.ServicePage",
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("service"),
    )

    panels = [FieldPanel("service")]

    class Meta(Orderable.Meta):
        verbose_name = _("see also")
        verbose_name_plural = _("see also")


class ServicePage(HeadlessPreviewMixin, Page):
    # --- Basic information (public) --------------------------------------------------
    short_description = models.TextField(
        _("short description"),
        max_length=600,
        help_text=_("Who the service is for and what it is, in one or two sentences."),
    )
    service_category = models.ForeignKey(
        "services.ServiceCategory",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("service category"),
    )
    audiences = ParentalManyToManyField("services.Audience", blank=True, verbose_name=_("audience"))
    client_situations = ParentalManyToManyField(
        "services.ClientSituation", blank=True, verbose_name=_("client's situation")
    )
    target_groups = ParentalManyToManyField(
        "services.TargetGroup", blank=True, verbose_name=_("target groups")
    )
    target_group_description = RichTextField(
        _("target group description"), blank=True, features=SIMPLE_TEXT_FEATURES
    )
    employment_statuses = ParentalManyToManyField(
        "services.EmploymentStatus", blank=True, verbose_name=_("employment status")
    )
    all_working_age = models.BooleanField(_("for all of working age"), default=True)
    age_min = models.PositiveSmallIntegerField(
        _("minimum age"), null=True, blank=True, validators=[MaxValueValidator(120)]
    )
    age_max = models.PositiveSmallIntegerField(
        _("maximum age"), null=True, blank=True, validators=[MaxValueValidator(120)]
    )
    participating_municipalities = ParentalManyToManyField(
        "services.Municipality",
        blank=True,
        verbose_name=_("municipality of residence"),
        help_text=_("Residents of these municipalities may take part."),
    )
    residence_irrelevant = models.BooleanField(
        _("residence does not matter"),
        default=False,
        help_text=_("Anyone may take part whatever their home municipality."),
    )

    # --- Implementation, time and place --------------------------------------------------
    implementation_types = ParentalManyToManyField(
        "services.ImplementationType", blank=True, verbose_name=_("implementation type")
    )
    implementation_text = models.TextField(_("implementation details"), blank=True)
    time_and_place = StreamField(TimeAndPlaceBlock(), blank=True, verbose_name=_("time and place"))

    # --- Description (public) ------------------------------------------------------------
    description = StreamField(DescriptionBlock(), blank=True, verbose_name=_("description"))
    participation = RichTextField(_("participation"), blank=True, features=SIMPLE_TEXT_FEATURES)
    requirements = RichTextField(
        _("conditions for participating"), blank=True, features=SIMPLE_TEXT_FEATURES
    )
    benefits = RichTextField(
        _("benefits of participating"), blank=True, features=SIMPLE_TEXT_FEATURES
    )
    is_free = models.BooleanField(_("free of charge"), default=True)
    price = models.DecimalField(
        _("price (€)"),
        max_digits=8,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
    )
    price_description = models.TextField(_("more about the price"), blank=True)
    accessibility = ParentalManyToManyField(
        "services.ServiceAccessibility", blank=True, verbose_name=_("service accessibility")
    )
    public_contacts = ParentalManyToManyField(
        "services.Contact",
        blank=True,
        limit_choices_to={"visibility": "public"},
        related_name="+",
        verbose_name=_("public contacts"),
    )
    resources = StreamField(ResourcesBlock(), blank=True, verbose_name=_("links and attachments"))

    # --- Internal information (municipal users only) ---------------------------------------
    internal = StreamField(InternalBlock(), blank=True, verbose_name=_("internal information"))

    # --- Responsibility and the update pair ------------------------------------------------
    provider = models.ForeignKey(
        "cms.Organisation",
        on_delete=models.PROTECT,
        null=True,
        editable=False,
        related_name="provided_services",
        verbose_name=_("service provider"),
    )
    responsible_municipality = models.ForeignKey(
        "cms.Organisation",
        on_delete=models.PROTECT,
        null=True,
        editable=False,
        related_name="responsible_services",
        verbose_name=_("responsible municipality"),
    )
    provider_updater = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("provider's responsible updater"),
        help_text=_("The provider half of the update pair. Required."),
    )
    municipal_responsible = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("municipal responsible person"),
        help_text=_("The municipal half of the update pair; assigned by the municipality."),
    )
    responsibility_basis = models.CharField(
        _("responsibility basis"),
        max_length=20,
        choices=ResponsibilityBasis.choices,
        default=ResponsibilityBasis.REGIONAL,
        help_text=_(
            "Regional: the partner whose residents use it. Procurement: the partner that "
            "procured it (a joint procurement: the agreed responsible partner). Thematic: "
            "shared services split by competence. National split: split by the working group."
        ),
    )
    involved_partners = ParentalManyToManyField(
        "cms.Organisation",
        blank=True,
        limit_choices_to={"kind": "municipality"},
        related_name="involved_services",
        verbose_name=_("other partners involved"),
        help_text=_(
            "Joint procurements only: the other partner municipalities of the procurement. "
            "Their users are told when the service is published."
        ),
    )
    needs_new_instructions = models.BooleanField(
        _("needs new instructions"),
        default=False,
        help_text=_(
            "The change needs new internal instructions: the pipeline target is 21 days, not 14."
        ),
    )

    # --- Freshness and lifecycle (set by the pipeline, not edited in forms) -------------------
    verified_at = models.DateTimeField(_("confirmed accurate"), null=True, editable=False)
    verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        editable=False,
        related_name="+",
        verbose_name=_("confirmed by"),
    )
    outdated_at = models.DateTimeField(_("marked outdated"), null=True, editable=False)
    archived_at = models.DateTimeField(_("archived"), null=True, editable=False)

    search_boost = models.PositiveSmallIntegerField(
        _("search boost"),
        default=0,
        validators=[MaxValueValidator(10)],
        help_text=_("0–10: raises the service in search results."),
    )

    base_form_class = ServicePageForm

    # wagtail-localize: texts are translated (the internal information included);
    # relations, numbers, dates, prices and flags are synchronised from the Finnish
    # source whenever a translation is saved. Localize skips many-to-many fields and
    # would translate the category into another locale's term unless told otherwise;
    # taxonomy labels follow the reader's locale in the API anyway (docs/translations.md).
    override_translatable_fields = [
        SynchronizedField(name)
        for name in (
            "service_category",
            "audiences",
            "client_situations",
            "target_groups",
            "employment_statuses",
            "participating_municipalities",
            "implementation_types",
            "accessibility",
            "public_contacts",
            "responsibility_basis",
            "involved_partners",
        )
    ]

    # A service has one rendering: Wagtail's previews (live preview, "view draft", revision
    # and workflow previews) show the frontend's service page of the unsaved content, from
    # the API's `servicePreview(token:)` (frontend/views/service.py `preview`, in process).
    # With HEADLESS_PREVIEW_URL set, "External frontend" hands the same token to a frontend
    # deployed apart (wagtail-headless-preview; docs/frontend.md).
    @property
    def preview_modes(self):
        modes = [("", _("Service page"))]
        if settings.HEADLESS_PREVIEW_URL:
            modes.append(("frontend", _("External frontend")))
        return modes

    def serve_preview(self, request, mode_name):
        if mode_name == "frontend" and settings.HEADLESS_PREVIEW_URL:
            return HeadlessPreviewMixin.serve_preview(self, request, mode_name)
        from frontend.views.service import preview

        PagePreview.garbage_collect()
        token = self.create_page_preview().token
        preview_request = copy.copy(request)
        preview_request.method = "GET"
        preview_request.GET = QueryDict(urlencode({"token": token}))
        with translation.override(self.locale.language_code):
            # The page's own links (language switch) lead to the frontend's preview address.
            preview_request.path = preview_request.path_info = reverse("frontend:preview")
            return preview(preview_request)

    parent_page_types = ["services.ProviderFolderPage"]
    subpage_types = []

    # Wagtail's search index (admin search; scale-out to OpenSearch): the raw text, and the
    # public texts analysed per language (services/search_fields.py, docs/search.md).
    search_fields = Page.search_fields + [
        index.SearchField("short_description"),
        index.SearchField("implementation_text"),
        index.SearchField("description"),
        index.SearchField("search_title_tokens", boost=4, es_extra=ANALYSED_FIELD),
        index.SearchField("search_labels_tokens", boost=2.5, es_extra=ANALYSED_FIELD),
        index.SearchField("search_short_tokens", boost=2, es_extra=ANALYSED_FIELD),
        index.SearchField("search_body_tokens", es_extra=ANALYSED_FIELD),
        index.AutocompleteField("title"),
        index.FilterField("provider"),
        index.FilterField("responsible_municipality"),
        index.FilterField("locale"),
        index.FilterField("is_free"),
    ]

    def search_title_tokens(self):
        from services import search_fields

        return search_fields.tokens(self, "title")

    def search_labels_tokens(self):
        from services import search_fields

        return search_fields.tokens(self, "labels")

    def search_short_tokens(self):
        from services import search_fields

        return search_fields.tokens(self, "short")

    def search_body_tokens(self):
        from services import search_fields

        return search_fields.tokens(self, "body")

    @classmethod
    def search_index_batch(cls, pages):
        """search.backend indexes `pages` inside this: their texts analysed once."""
        from services import search_fields

        return search_fields.batch(pages)

    content_panels = Page.content_panels + [
        FieldPanel("short_description"),
        MultiFieldPanel(
            [
                FieldPanel("service_category", widget=forms.Select),
                FieldPanel("audiences", widget=_checkbox()),
                FieldPanel("client_situations", widget=_checkbox()),
                FieldPanel("target_groups", widget=_checkbox()),
                FieldPanel("target_group_description"),
                FieldPanel("employment_statuses", widget=_checkbox()),
            ],
            heading=_("Who the service is for"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("all_working_age"),
                FieldRowPanel([FieldPanel("age_min"), FieldPanel("age_max")]),
                FieldPanel("residence_irrelevant"),
                FieldPanel("participating_municipalities", widget=_checkbox()),
            ],
            heading=_("Age and municipality of residence"),
        ),
        FieldPanel("description"),
        FieldPanel("participation"),
        FieldPanel("requirements"),
        FieldPanel("benefits"),
        MultiFieldPanel(
            [
                FieldPanel("is_free"),
                FieldPanel("price"),
                FieldPanel("price_description"),
            ],
            heading=_("Price"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("accessibility", widget=_checkbox()),
                InlinePanel("languages", label=_("service languages")),
            ],
            heading=_("Accessibility and languages"),
        ),
        FieldPanel("public_contacts"),
        FieldPanel("resources"),
        InlinePanel("related_services", label=_("see also")),
    ]
    time_and_place_panels = [
        FieldPanel("implementation_types", widget=_checkbox()),
        FieldPanel("implementation_text"),
        FieldPanel("time_and_place"),
    ]
    internal_panels = [FieldPanel("internal", permission=EDIT_INTERNAL)]
    responsibility_panels = [
        FieldPanel("provider_updater"),
        FieldPanel("municipal_responsible"),
        FieldPanel("needs_new_instructions"),
        # Agreed between the partners: set by the municipal side (docs/responsibility.md).
        FieldPanel("responsibility_basis", permission=EDIT_INTERNAL),
        FieldPanel("involved_partners", widget=_checkbox(), permission=EDIT_INTERNAL),
        FieldPanel("search_boost", permission=EDIT_INTERNAL),
    ]

    edit_handler = TabbedInterface(
        [
            ObjectList(content_panels, heading=_("Public information")),
            ObjectList(time_and_place_panels, heading=_("Time and place")),
            ObjectList(internal_panels, heading=_("Internal information")),
            ObjectList(responsibility_panels, heading=_("Update pair")),
            ObjectList(Page.promote_panels, heading=_("Promote")),
        ]
    )

    class Meta:
        verbose_name = _("service")
        verbose_name_plural = _("services")
        permissions = [
            ("view_internal", _("Can view internal information")),
            ("edit_internal", _("Can edit internal information")),
        ]

    def clean(self):
        super().clean()
        errors = {}
        if self.age_min is not None and self.age_max is not None and self.age_min > self.age_max:
            errors["age_max"] = _("The maximum age must not be below the minimum age.")
        if self.all_working_age and (self.age_min is not None or self.age_max is not None):
            errors["all_working_age"] = _(
                "Either the service is for all of working age or it has an age range, not both."
            )
        if self.is_free and self.price is not None:
            errors["price"] = _("A free service has no price. Remove the price or untick free.")
        if not self.is_free and self.price is None:
            errors["price"] = _("A service with a charge needs a price.")
        partner_errors = involved_partner_errors(
            self.responsibility_basis, self.responsible_municipality, self.involved_partners.all()
        )
        if partner_errors:
            errors["involved_partners"] = partner_errors
        if self.residence_irrelevant and self.participating_municipalities.exists():
            errors["residence_irrelevant"] = _(
                "Choose either 'residence does not matter' or the municipalities of residence."
            )
        if errors:
            raise ValidationError(errors)

    def sync_responsibility(self):
        """Set provider and responsible municipality from the folders the page sits in."""
        if not self.path or self.depth is None:
            return
        parent = Page.objects.filter(path=self.path[: -self.steplen]).specific().first()
        self.provider, self.responsible_municipality = folder_organisations(parent)

    def save(self, *args, **kwargs):
        self.sync_responsibility()
        return super().save(*args, **kwargs)

    @property
    def lifecycle(self) -> str:
        """draft, in_review, published, outdated or archived (Wagtail's state plus ours)."""
        if self.archived_at and not self.live:
            return Lifecycle.ARCHIVED
        if self.workflow_in_progress:
            return Lifecycle.IN_REVIEW
        if self.live:
            return Lifecycle.OUTDATED if self.outdated_at else Lifecycle.PUBLISHED
        return Lifecycle.DRAFT

    @property
    def lifecycle_label(self) -> str:
        return Lifecycle(self.lifecycle).label

    @property
    def freshness_date(self):
        """When the service was last known to be accurate: confirmed or published."""
        return max(filter(None, [self.verified_at, self.last_published_at]), default=None)

    @property
    def age_range(self) -> tuple[int, int] | None:
        if self.all_working_age:
            return None
        return (self.age_min or WORKING_AGE_MIN, self.age_max or WORKING_AGE_MAX)
