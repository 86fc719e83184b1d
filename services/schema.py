"""The service catalogue in GraphQL: services, taxonomies, organisations, contacts.

Every page the API returns comes through `public_services()`: live, not behind a view
restriction, in the catalogue. Internal information is one field, `Service.internal`,
which checks the caller itself (`can_view_internal`): nested, aliased or fragmented
selections all end in that resolver. For callers without the right, the `internal`
column is not even read from the database.
"""

import datetime as dt
from decimal import Decimal

import graphene
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db.models import (
    Case,
    CharField,
    Exists,
    OuterRef,
    Prefetch,
    Q,
    Value,
    When,
)
from django.db.models.functions import Cast, Coalesce, Concat, StrIndex
from wagtail.models import Page, WorkflowState
from wagtail.rich_text import expand_db_html

from cms.api.access import (
    can_view_internal,
    locale_for,
    public_document,
    public_filter,
)
from cms.api.loaders import attach_batch, batch_of, object_cache, request_cache
from cms.api.rich_text import api_rich_text, prefetch_links
from cms.ids import parse_id
from cms.models import Organisation
from graphql import GraphQLError

from . import streams
from .blocks import InternalBlock, ResourcesBlock, TimeAndPlaceBlock
from .models import (
    TAXONOMY_MODELS,
    Audience,
    ClientSituation,
    Contact,
    ContactVisibility,
    ImplementationType,
    Language,
    Lifecycle,
    Municipality,
    RelatedService,
    ServiceAccessibility,
    ServiceCategory,
    ServiceLanguage,
    ServicePage,
    TargetGroup,
)
from .models.pages import WORKING_AGE_MAX, WORKING_AGE_MIN

MAX_LIMIT = 100
DEFAULT_LIMIT = 20
MAX_OFFSET = 100_000
MAX_SEARCH_LENGTH = 200
MAX_SEARCH_HITS = 1000
SOURCE_LOCALE = settings.LANGUAGE_CODE


class LocaleCode(graphene.Enum):
    """fi is the source language; sv and en are translations."""

    fi = "fi"
    sv = "sv"
    en = "en"


class LifecycleState(graphene.Enum):
    """draft, in review, published, outdated (still public, flagged) or archived."""

    draft = Lifecycle.DRAFT.value
    in_review = Lifecycle.IN_REVIEW.value
    published = Lifecycle.PUBLISHED.value
    outdated = Lifecycle.OUTDATED.value
    archived = Lifecycle.ARCHIVED.value


def rich_text(value):
    """Internal information's rich text (its readers may open internal links)."""
    return expand_db_html(value) if value else ""


# --- Taxonomy labels in the requested locale --------------------------------------------------
def _labels(info, model, locale_code):
    """{translation_key: term in the locale} for one vocabulary, one query per request."""
    key = ("labels", model, locale_code)
    cache = request_cache(info)
    if key not in cache:
        cache[key] = {
            t.translation_key: t for t in model.objects.filter(locale__language_code=locale_code)
        }
    return cache[key]


def localized_term(info, term, locale_code):
    if term is None:
        return None
    if term.locale_id == locale_for(info, locale_code).pk:
        return term
    return _labels(info, type(term), locale_code).get(term.translation_key, term)


class Term(graphene.ObjectType):
    """A term of a vocabulary; `slug` is the same in every locale (use it in filters)."""

    slug = graphene.String(required=True)
    name = graphene.String(required=True)
    description = graphene.String(required=True)


class Vocabulary(graphene.Enum):
    service_category = "servicecategory"
    client_situation = "clientsituation"
    target_group = "targetgroup"
    audience = "audience"
    implementation_type = "implementationtype"
    service_accessibility = "serviceaccessibility"
    location_accessibility = "locationaccessibility"
    language = "language"
    language_level = "languagelevel"
    employment_status = "employmentstatus"
    municipality = "municipality"


VOCABULARIES = {model._meta.model_name: model for model in TAXONOMY_MODELS}


class OrganisationType(graphene.ObjectType):
    class Meta:
        name = "Organisation"
        description = "A partner municipality, a service provider or the project organisation."

    slug = graphene.String(required=True)
    name = graphene.String(required=True, description="In the requested locale when known.")
    kind = graphene.String(required=True)
    business_id = graphene.String(required=True)
    email = graphene.String(required=True)

    def resolve_name(org, info):
        return org.localized_name(request_cache(info).get("language", SOURCE_LOCALE))


class ContactType(graphene.ObjectType):
    class Meta:
        name = "Contact"

    name = graphene.String(required=True)
    title = graphene.String(required=True)
    email = graphene.String(required=True)
    phone = graphene.String(required=True)
    info = graphene.String(required=True)
    organisation = graphene.Field(OrganisationType)

    def resolve_organisation(contact, info):
        return contact.organisation  # loaded with the contact (select_related)


# --- Stream blocks -----------------------------------------------------------------------------
class ServiceRef(graphene.ObjectType):
    """A published service another block links to."""

    id = graphene.ID(required=True)
    slug = graphene.String(required=True)
    title = graphene.String(required=True)


class Document(graphene.ObjectType):
    title = graphene.String(required=True)
    url = graphene.String(required=True)
    file_extension = graphene.String(required=True)

    def resolve_url(doc, info):
        return doc.url


class LinkBlock(graphene.ObjectType):
    title = graphene.String(required=True)
    url = graphene.String(description="An outside address, or null when `service` is set.")
    service = graphene.Field(ServiceRef)
    description = graphene.String(required=True)

    def resolve_url(value, info):
        return value.get("url") or None

    def resolve_title(value, info):
        return value.get("title") or ""

    def resolve_description(value, info):
        return value.get("description") or ""

    def resolve_service(value, info):
        return value.get("page")


class AttachmentBlock(graphene.ObjectType):
    title = graphene.String(required=True)
    document = graphene.Field(Document)

    def resolve_title(value, info):
        doc = value.get("document")
        return value.get("title") or (doc.title if doc else "")

    def resolve_document(value, info):
        return value.get("document")


class Resource(graphene.Union):
    class Meta:
        types = (LinkBlock, AttachmentBlock)

    @classmethod
    def resolve_type(cls, instance, info):
        return AttachmentBlock if "document" in instance else LinkBlock


class HeadingBlock(graphene.ObjectType):
    text = graphene.String(required=True)


class ParagraphBlock(graphene.ObjectType):
    html = graphene.String(required=True)


class NoticeBlock(graphene.ObjectType):
    kind = graphene.String(required=True, description="info or warning")
    html = graphene.String(required=True)


class DescriptionBlock(graphene.Union):
    class Meta:
        types = (HeadingBlock, ParagraphBlock, NoticeBlock)


def _rich_field(info, page, field):
    """A rich-text column; the links of every row in the list are loaded at once."""
    batch_of(page).load(
        f"links:{field}", lambda rows: prefetch_links(info, [getattr(r, field) for r in rows])
    )
    return api_rich_text(info, getattr(page, field))


def _description_texts(page):
    for child in page.description.raw_data:
        value = child.get("value")
        if child.get("type") == "paragraph":
            yield value
        elif child.get("type") == "notice":
            yield (value or {}).get("text")


def description_blocks(info, page):
    batch_of(page).load(
        "links:description",
        lambda rows: prefetch_links(info, [t for r in rows for t in _description_texts(r)]),
    )
    out = []
    for child in page.description.raw_data:
        value = child.get("value")
        if child.get("type") == "heading":
            out.append(HeadingBlock(text=value or ""))
        elif child.get("type") == "paragraph":
            out.append(ParagraphBlock(html=api_rich_text(info, value)))
        elif child.get("type") == "notice":
            value = value or {}
            out.append(
                NoticeBlock(
                    kind=value.get("kind") or "info", html=api_rich_text(info, value.get("text"))
                )
            )
    return out


class WeeklyTime(graphene.ObjectType):
    weekday = graphene.String(required=True, description="mon, tue, ... sun")
    start = graphene.String(required=True, description="HH:MM")
    end = graphene.String(required=True, description="HH:MM")


class DateRange(graphene.ObjectType):
    start_date = graphene.Date(required=True)
    end_date = graphene.Date(required=True)


class SingleDate(graphene.ObjectType):
    date = graphene.Date(required=True)
    start = graphene.String()
    end = graphene.String()


class Location(graphene.ObjectType):
    name = graphene.String(required=True)
    street_address = graphene.String(required=True)
    postal_code = graphene.String(required=True)
    city = graphene.String(required=True)
    latitude = graphene.Float()
    longitude = graphene.Float()
    accessibility = graphene.List(graphene.NonNull(Term), required=True)


def _hhmm(value):
    return (value or "")[:5] or None


class TimeAndPlace(graphene.ObjectType):
    """One way the service is organised. `mode`: continuous (ongoing, weekly times),
    period (one date range), periods (several), dates (single days) or agreed
    (agreed separately with the client)."""

    mode = graphene.String(required=True)
    locations = graphene.List(graphene.NonNull(Location), required=True)
    info = graphene.String(required=True)
    weekly_times = graphene.List(graphene.NonNull(WeeklyTime), required=True)
    periods = graphene.List(graphene.NonNull(DateRange), required=True)
    dates = graphene.List(graphene.NonNull(SingleDate), required=True)


def time_and_place(info, page, locale_code):
    values = _shaped(info, page, "time_and_place", TimeAndPlaceBlock())
    out = []
    for child in values:
        v = child["value"] or {}
        periods = v.get("periods") or ([v["period"]] if v.get("period") else [])
        out.append(
            TimeAndPlace(
                mode=child["type"],
                info=v.get("info") or "",
                locations=[
                    Location(
                        name=loc.get("name") or "",
                        street_address=loc.get("street_address") or "",
                        postal_code=loc.get("postal_code") or "",
                        city=loc.get("city") or "",
                        latitude=_float(loc.get("latitude")),
                        longitude=_float(loc.get("longitude")),
                        accessibility=[
                            _term(localized_term(info, t, locale_code))
                            for t in loc.get("accessibility") or []
                            if t is not None
                        ],
                    )
                    for loc in v.get("locations") or []
                ],
                weekly_times=[
                    WeeklyTime(
                        weekday=w.get("weekday"),
                        start=_hhmm(w.get("start")),
                        end=_hhmm(w.get("end")),
                    )
                    for w in v.get("weekly_times") or []
                ],
                periods=[
                    DateRange(
                        start_date=_date(p.get("start_date")), end_date=_date(p.get("end_date"))
                    )
                    for p in periods
                    if p
                ],
                dates=[
                    SingleDate(
                        date=_date(d.get("date")),
                        start=_hhmm(d.get("start")),
                        end=_hhmm(d.get("end")),
                    )
                    for d in v.get("dates") or []
                ],
            )
        )
    return out


def _date(value):
    if not value:
        return None
    return value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value))


def _float(value):
    if value in (None, ""):
        return None
    return float(Decimal(str(value)))


def _term(term):
    if term is None:
        return None
    return Term(slug=term.slug, name=term.name, description=term.description)


def _shaped(info, page, field_name, block):
    """A stream field of a page as plain data, with the references of every page in the
    same list loaded in one query per model."""
    objects = object_cache(info)
    batch = batch_of(page)

    def collect_all(rows):
        for row in rows:
            streams.collect(block, getattr(row, field_name).raw_data, objects.want)
        return {}

    batch.load(f"refs:{field_name}", collect_all)
    return streams.shape(
        block, getattr(page, field_name).raw_data, lambda model, pk: _resolve_ref(info, model, pk)
    )


def _resolve_ref(info, model, pk):
    """A referenced object; pages only when published and public, documents with their
    collection, contacts with their organisation."""
    objects = object_cache(info)
    if model is ServicePage:
        return objects.get(model, pk, public_filter(info, ServicePage.objects.all()))
    if model is Contact:
        return objects.get(model, pk, Contact.objects.select_related("organisation"))
    if hasattr(model, "collection"):
        return objects.get(model, pk, model.objects.select_related("collection"))
    return objects.get(model, pk)


def resources(info, page):
    out = []
    for child in _shaped(info, page, "resources", ResourcesBlock()):
        value = child["value"] or {}
        if child["type"] == "attachment" and not public_document(info, value.get("document")):
            continue
        out.append(value)
    return out


# --- Internal information ------------------------------------------------------------------------
class AnswerWithText(graphene.ObjectType):
    answer = graphene.String(description="yes or no")
    html = graphene.String(required=True)


class ObligationInfo(graphene.ObjectType):
    obligation = graphene.String()
    html = graphene.String(required=True)


class BenefitNotes(graphene.ObjectType):
    notes = graphene.List(graphene.NonNull(graphene.String), required=True)
    html = graphene.String(required=True)


class FlagWithInstructions(graphene.ObjectType):
    applies = graphene.Boolean(required=True)
    html = graphene.String(required=True)


class MunicipalityText(graphene.ObjectType):
    municipality = graphene.Field(Term)
    html = graphene.String(required=True)


class InternalInformation(graphene.ObjectType):
    """The expert's work and referral instructions: only for municipal users."""

    referral = graphene.String(description="HTML")
    specialist_prerequisites = graphene.String(description="HTML")
    obligation = graphene.Field(ObligationInfo)
    statement = graphene.Field(AnswerWithText)
    benefit_notes = graphene.Field(BenefitNotes)
    client_system_entries = graphene.String(description="HTML")
    measures = graphene.String(description="HTML")
    exceptions = graphene.String(description="HTML")
    municipality_guidance = graphene.List(graphene.NonNull(MunicipalityText), required=True)
    municipality_exceptions = graphene.List(graphene.NonNull(MunicipalityText), required=True)
    job_search_conversation = graphene.Field(AnswerWithText)
    archiving = graphene.Field(FlagWithInstructions)
    client_consent = graphene.Field(FlagWithInstructions)
    contacts = graphene.List(graphene.NonNull(ContactType), required=True)
    links = graphene.List(graphene.NonNull(LinkBlock), required=True)
    attachments = graphene.List(graphene.NonNull(AttachmentBlock), required=True)
    provider_updater = graphene.String(description="Name of the provider's responsible updater.")
    municipal_responsible = graphene.String(description="Name of the municipal responsible person.")


TEXT_KINDS = {
    "referral",
    "specialist_prerequisites",
    "client_system_entries",
    "measures",
    "exceptions",
}


def internal_information(info, page, locale_code):
    fields = {
        "municipality_guidance": [],
        "municipality_exceptions": [],
        "contacts": [],
        "links": [],
        "attachments": [],
    }
    for child in _shaped(info, page, "internal", InternalBlock()):
        kind, v = child["type"], child["value"]
        if kind in TEXT_KINDS:
            fields[kind] = rich_text(v)
        elif kind == "obligation":
            fields[kind] = ObligationInfo(
                obligation=v.get("obligation"), html=rich_text(v.get("text"))
            )
        elif kind in ("statement", "job_search_conversation"):
            fields[kind] = AnswerWithText(answer=v.get("answer"), html=rich_text(v.get("text")))
        elif kind == "benefit_notes":
            fields[kind] = BenefitNotes(notes=v.get("notes") or [], html=rich_text(v.get("text")))
        elif kind in ("archiving", "client_consent"):
            fields[kind] = FlagWithInstructions(
                applies=bool(v.get("required")), html=rich_text(v.get("instructions"))
            )
        elif kind in ("municipality_guidance", "municipality_exception"):
            key = (
                "municipality_guidance"
                if kind == "municipality_guidance"
                else "municipality_exceptions"
            )
            fields[key].append(
                MunicipalityText(
                    municipality=_term(localized_term(info, v.get("municipality"), locale_code)),
                    html=rich_text(v.get("text")),
                )
            )
        elif kind == "contacts":
            fields["contacts"].extend(c for c in v if c is not None)
        elif kind == "links":
            fields["links"].extend(v)
        elif kind == "files":
            fields["attachments"].extend(a for a in v if a.get("document") is not None)
    users = _update_pair_names(info, page)
    fields["provider_updater"] = users.get(page.provider_updater_id)
    fields["municipal_responsible"] = users.get(page.municipal_responsible_id)
    return InternalInformation(**fields)


def _update_pair_names(info, page):
    from django.contrib.auth import get_user_model

    def load(rows):
        ids = {r.provider_updater_id for r in rows} | {r.municipal_responsible_id for r in rows}
        users = get_user_model().objects.filter(pk__in=ids - {None})
        return {u.pk: u.get_full_name() or u.username for u in users}

    return batch_of(page).load("update_pair", load)


# --- The service ----------------------------------------------------------------------------------
class Translation(graphene.ObjectType):
    locale = graphene.Field(LocaleCode, required=True)
    id = graphene.ID(required=True)
    slug = graphene.String(required=True)


class ServiceLanguageType(graphene.ObjectType):
    class Meta:
        name = "ServiceLanguage"

    language = graphene.Field(Term, required=True)
    level = graphene.Field(Term)


def _terms(name):
    def resolve(page, info):
        code = page._api_locale
        # Prefetched into a plain list (no manager and queryset clone per row); a
        # preview page has them in memory only.
        terms = getattr(page, f"_api_{name}", None)
        if terms is None:
            terms = getattr(page, name).all()
        return [_term(localized_term(info, t, code)) for t in terms]

    return graphene.List(graphene.NonNull(Term), required=True, resolver=resolve)


class Service(graphene.ObjectType):
    """A published employment service, in the requested locale (or Finnish, see `isFallback`)."""

    id = graphene.ID(required=True)
    slug = graphene.String(required=True)
    title = graphene.String(required=True)
    locale = graphene.Field(LocaleCode, required=True)
    is_fallback = graphene.Boolean(
        required=True,
        description="True when the service has no translation in the requested locale and "
        "this is the Finnish version.",
    )
    short_description = graphene.String(required=True)
    service_category = graphene.Field(Term)
    audiences = _terms("audiences")
    client_situations = _terms("client_situations")
    target_groups = _terms("target_groups")
    target_group_description = graphene.String(required=True, description="HTML")
    employment_statuses = _terms("employment_statuses")
    all_working_age = graphene.Boolean(required=True)
    age_min = graphene.Int()
    age_max = graphene.Int()
    participating_municipalities = _terms("participating_municipalities")
    residence_irrelevant = graphene.Boolean(required=True)
    implementation_types = _terms("implementation_types")
    implementation_text = graphene.String(required=True)
    time_and_place = graphene.List(graphene.NonNull(TimeAndPlace), required=True)
    description = graphene.List(graphene.NonNull(DescriptionBlock), required=True)
    participation = graphene.String(required=True, description="HTML")
    requirements = graphene.String(required=True, description="HTML")
    benefits = graphene.String(required=True, description="HTML")
    is_free = graphene.Boolean(required=True)
    price = graphene.Decimal()
    price_description = graphene.String(required=True)
    accessibility = _terms("accessibility")
    languages = graphene.List(graphene.NonNull(ServiceLanguageType), required=True)
    contacts = graphene.List(graphene.NonNull(ContactType), required=True)
    resources = graphene.List(graphene.NonNull(Resource), required=True)
    provider = graphene.Field(OrganisationType)
    responsible_municipality = graphene.Field(OrganisationType)
    lifecycle = graphene.Field(LifecycleState, required=True)
    first_published_at = graphene.DateTime()
    last_published_at = graphene.DateTime()
    verified_at = graphene.DateTime(description="When the update pair last confirmed it accurate.")
    translations = graphene.List(
        graphene.NonNull(Translation),
        required=True,
        description="The locales the service is published in.",
    )
    related_services = graphene.List(graphene.NonNull(lambda: Service), required=True)
    internal = graphene.Field(
        InternalInformation,
        description="Internal instructions: null unless the caller is a municipal user.",
    )

    def resolve_locale(page, info):
        return page._api_page_locale

    def resolve_is_fallback(page, info):
        return page._api_page_locale != page._api_locale

    def resolve_service_category(page, info):
        return _term(localized_term(info, page.service_category, page._api_locale))

    def resolve_target_group_description(page, info):
        return _rich_field(info, page, "target_group_description")

    def resolve_participation(page, info):
        return _rich_field(info, page, "participation")

    def resolve_requirements(page, info):
        return _rich_field(info, page, "requirements")

    def resolve_benefits(page, info):
        return _rich_field(info, page, "benefits")

    def resolve_time_and_place(page, info):
        return time_and_place(info, page, page._api_locale)

    def resolve_description(page, info):
        return description_blocks(info, page)

    def resolve_languages(page, info):
        code = page._api_locale
        return [
            ServiceLanguageType(
                language=_term(localized_term(info, sl.language, code)),
                level=_term(localized_term(info, sl.level, code)),
            )
            for sl in page.languages.all()
        ]

    def resolve_contacts(page, info):
        return [c for c in page.public_contacts.all() if c.visibility == ContactVisibility.PUBLIC]

    def resolve_resources(page, info):
        return resources(info, page)

    def resolve_lifecycle(page, info):
        if getattr(page, "_api_preview", False):
            return Lifecycle.DRAFT.value
        in_review = batch_of(page).load("in_review", _in_review)
        if page.live and page.pk in in_review:
            return Lifecycle.IN_REVIEW.value
        return (Lifecycle.OUTDATED if page.outdated_at else Lifecycle.PUBLISHED).value

    def resolve_translations(page, info):
        rows = batch_of(page).load("translations", lambda rows: _translations(info, rows))
        return rows.get(page.translation_key, [])

    def resolve_related_services(page, info):
        related = batch_of(page).load("related", lambda rows: _related(info, rows))
        return related.get(page.pk, [])

    def resolve_internal(page, info):
        if not can_view_internal(info):
            return None
        return internal_information(info, page, page._api_locale)


def _in_review(rows):
    """Pages of the batch with a workflow in progress (one query)."""
    from django.contrib.contenttypes.models import ContentType
    from wagtail.models import Page

    states = WorkflowState.objects.filter(
        base_content_type=ContentType.objects.get_for_model(Page),
        object_id__in=[str(r.pk) for r in rows],
        status=WorkflowState.STATUS_IN_PROGRESS,
    )
    return {int(pk) for pk in states.values_list("object_id", flat=True)}


def _translations(info, rows):
    keys = {r.translation_key for r in rows}
    out = {}
    pages = public_filter(info, ServicePage.objects.filter(translation_key__in=keys)).values_list(
        "translation_key", "locale__language_code", "pk", "slug"
    )
    for key, code, pk, slug in pages.order_by("locale__language_code"):
        out.setdefault(key, []).append(Translation(locale=code, id=pk, slug=slug))
    return out


def _related(info, rows):
    """Related services, in the list's locale when translated (else Finnish), published only."""
    links = (
        RelatedService.objects.filter(page__in=[r.pk for r in rows])
        .values_list("page_id", "service__translation_key")
        .order_by("page_id", "sort_order")
    )
    keys = {key for _, key in links}
    if not keys:
        return {}
    code = rows[0]._api_locale
    candidates = public_filter(info, ServicePage.objects.filter(translation_key__in=keys))
    candidates = optimise(
        info, candidates.filter(locale__language_code__in={code, SOURCE_LOCALE}), selected(info)
    )
    by_key = {}
    for page in candidates:
        current = by_key.get(page.translation_key)
        if current is None or page.locale.language_code == code:
            by_key[page.translation_key] = page
    pages = list(by_key.values())
    for page in pages:
        mark(page, code)
    attach_batch(pages)
    out = {}
    for page_id, key in links:
        if key in by_key:
            out.setdefault(page_id, []).append(by_key[key])
    return out


def mark(page, requested_code):
    page._api_locale = requested_code
    page._api_page_locale = page.locale.language_code
    return page


# --- Queries ------------------------------------------------------------------------------------
class ServiceFilter(graphene.InputObjectType):
    """Facets are combined with AND; several values of one facet with OR. Values are
    slugs (the same in every locale)."""

    audiences = graphene.List(graphene.NonNull(graphene.String))
    service_categories = graphene.List(graphene.NonNull(graphene.String))
    client_situations = graphene.List(graphene.NonNull(graphene.String))
    target_groups = graphene.List(graphene.NonNull(graphene.String))
    municipality_of_residence = graphene.String(
        description="A municipality slug: services open to its residents (or to anyone)."
    )
    age = graphene.Int(description="Services open to a client of this age.")
    implementation_types = graphene.List(graphene.NonNull(graphene.String))
    service_languages = graphene.List(graphene.NonNull(graphene.String))
    accessibility = graphene.List(graphene.NonNull(graphene.String))
    free_only = graphene.Boolean()
    providers = graphene.List(graphene.NonNull(graphene.String), description="Organisation slugs.")
    responsible_municipalities = graphene.List(
        graphene.NonNull(graphene.String), description="Organisation slugs."
    )
    modified_since = graphene.DateTime(description="Published (again) at or after this time.")


class ServiceOrder(graphene.Enum):
    TITLE = "title"
    TITLE_DESC = "-title"
    LAST_PUBLISHED = "-last_published_at"
    RELEVANCE = "relevance"


class ServiceResults(graphene.ObjectType):
    total_count = graphene.Int(required=True)
    limit = graphene.Int(required=True)
    offset = graphene.Int(required=True)
    items = graphene.List(graphene.NonNull(Service), required=True)


M2M_FILTERS = {
    "audiences": (ServicePage.audiences.through, "audience"),
    "client_situations": (ServicePage.client_situations.through, "clientsituation"),
    "target_groups": (ServicePage.target_groups.through, "targetgroup"),
    "implementation_types": (ServicePage.implementation_types.through, "implementationtype"),
    "accessibility": (ServicePage.accessibility.through, "serviceaccessibility"),
}
LIST_SELECT = ("locale", "service_category", "provider", "responsible_municipality")
PREFETCHES = {
    "audiences": lambda: Prefetch("audiences", to_attr="_api_audiences"),
    "client_situations": lambda: Prefetch("client_situations", to_attr="_api_client_situations"),
    "target_groups": lambda: Prefetch("target_groups", to_attr="_api_target_groups"),
    "employment_statuses": lambda: Prefetch(
        "employment_statuses", to_attr="_api_employment_statuses"
    ),
    "participating_municipalities": lambda: Prefetch(
        "participating_municipalities", to_attr="_api_participating_municipalities"
    ),
    "implementation_types": lambda: Prefetch(
        "implementation_types", to_attr="_api_implementation_types"
    ),
    "accessibility": lambda: Prefetch("accessibility", to_attr="_api_accessibility"),
    "contacts": lambda: Prefetch(
        "public_contacts",
        queryset=Contact.objects.filter(visibility=ContactVisibility.PUBLIC).select_related(
            "organisation"
        ),
    ),
    "languages": lambda: Prefetch(
        "languages", queryset=ServiceLanguage.objects.select_related("language", "level")
    ),
}


def _slug_exists(through, column, slugs):
    return Exists(
        through.objects.filter(servicepage_id=OuterRef("pk"), **{f"{column}__slug__in": slugs})
    )


def apply_filter(queryset, f):
    if not f:
        return queryset
    for name, (through, column) in M2M_FILTERS.items():
        if f.get(name):
            queryset = queryset.filter(_slug_exists(through, column, f[name]))
    if f.get("service_categories"):
        queryset = queryset.filter(service_category__slug__in=f["service_categories"])
    if f.get("municipality_of_residence"):
        queryset = queryset.filter(
            Q(residence_irrelevant=True)
            | _slug_exists(
                ServicePage.participating_municipalities.through,
                "municipality",
                [f["municipality_of_residence"]],
            )
        )
    if f.get("age") is not None:
        age = f["age"]
        if not 0 <= age <= 130:
            raise GraphQLError("age must be between 0 and 130.")
        # "All of working age" services take working-age clients; others their own range.
        working = (
            Q(all_working_age=True) if WORKING_AGE_MIN <= age <= WORKING_AGE_MAX else Q(pk__in=[])
        )
        queryset = queryset.alias(
            _age_min=Coalesce("age_min", Value(WORKING_AGE_MIN)),
            _age_max=Coalesce("age_max", Value(WORKING_AGE_MAX)),
        ).filter(working | Q(all_working_age=False, _age_min__lte=age, _age_max__gte=age))
    if f.get("service_languages"):
        queryset = queryset.filter(
            Exists(
                ServiceLanguage.objects.filter(
                    page_id=OuterRef("pk"), language__slug__in=f["service_languages"]
                )
            )
        )
    if f.get("free_only"):
        queryset = queryset.filter(is_free=True)
    if f.get("providers"):
        queryset = queryset.filter(provider__slug__in=f["providers"])
    if f.get("responsible_municipalities"):
        queryset = queryset.filter(
            responsible_municipality__slug__in=f["responsible_municipalities"]
        )
    if f.get("modified_since"):
        queryset = queryset.filter(last_published_at__gte=f["modified_since"])
    return queryset


def public_services(info, locale_code, fallback=True):
    """Published, public services in a locale; with `fallback`, the Finnish version of
    those not translated into it."""
    locale = locale_for(info, locale_code)
    base = public_filter(info, ServicePage.objects.all())
    if locale_code == SOURCE_LOCALE or not fallback:
        return base.filter(locale=locale)
    source = locale_for(info, SOURCE_LOCALE)
    translated = base.filter(locale=locale).values("translation_key")
    return base.filter(Q(locale=locale) | (Q(locale=source) & ~Q(translation_key__in=translated)))


def search_ids(info, text):
    """Primary keys of the services matching a search, best first (Wagtail's search backend)."""
    text = (text or "").strip()
    if len(text) > MAX_SEARCH_LENGTH:
        raise GraphQLError(f"search is limited to {MAX_SEARCH_LENGTH} characters.")
    if not text:
        raise GraphQLError("search must not be empty.")
    if any(ord(c) < 32 for c in text):
        # a NUL ends the string in SQLite's full-text query, and PostgreSQL refuses it
        raise GraphQLError("search must not contain control characters.")
    # The backend searches live services; the caller's queryset (locale, filters,
    # view restrictions) is applied to these ids afterwards.
    results = ServicePage.objects.live().only("id").search(text, operator="and")
    return [page.pk for page in results[:MAX_SEARCH_HITS]]


def rank_by(ids):
    """An expression ordering rows as in `ids`: the position of ",<pk>," in ",1,5,9,".
    One string function (INSTR on SQLite, STRPOS on PostgreSQL) instead of a CASE with a
    WHEN per hit, which cost Django ~200 ms to build and compile for 1,000 hits."""
    positions = "," + ",".join(str(pk) for pk in ids) + ","
    return StrIndex(
        Value(positions), Concat(Value(","), Cast("pk", output_field=CharField()), Value(","))
    )


def selected(info, *path):
    """Snake-case names of the fields selected under `path` in the current field
    (fragments and inline fragments followed)."""
    from graphql.language import FieldNode, FragmentSpreadNode, InlineFragmentNode

    def children(nodes):
        for node in nodes:
            if node.selection_set is None:
                continue
            for sel in node.selection_set.selections:
                if isinstance(sel, FieldNode):
                    yield sel
                elif isinstance(sel, InlineFragmentNode):
                    yield from children([sel])
                elif isinstance(sel, FragmentSpreadNode):
                    fragment = info.fragments.get(sel.name.value)
                    if fragment is not None:
                        yield from children([fragment])

    nodes = list(info.field_nodes)
    for name in path:
        nodes = [n for n in children(nodes) if n.name.value == name]
    return {_snake(n.name.value) for n in children(nodes)}


def _snake(name):
    import re

    return re.sub(r"(?<!^)(?=[A-Z])", "_", name).lower()


# Wide columns read only when the query selects them (GraphQL name = column name).
DEFERRABLE = (
    "time_and_place",
    "description",
    "resources",
    "target_group_description",
    "participation",
    "requirements",
    "benefits",
    "implementation_text",
    "price_description",
)


def optimise(info, queryset, fields):
    queryset = queryset.select_related(*LIST_SELECT)
    prefetches = [factory() for name, factory in PREFETCHES.items() if name in fields]
    if prefetches:
        queryset = queryset.prefetch_related(*prefetches)
    deferred = [name for name in DEFERRABLE if name not in fields]
    if not can_view_internal(info) or "internal" not in fields:
        deferred.append("internal")
    return queryset.defer(*deferred)


def services_page(
    info,
    locale,
    filter=None,
    search=None,
    order_by=None,
    limit=DEFAULT_LIMIT,
    offset=0,
    fallback=True,
):
    if not 1 <= limit <= MAX_LIMIT:
        raise GraphQLError(f"limit must be between 1 and {MAX_LIMIT}.")
    if not 0 <= offset <= MAX_OFFSET:
        raise GraphQLError(f"offset must be between 0 and {MAX_OFFSET}.")
    code = getattr(locale, "value", locale)
    request_cache(info)["language"] = code
    queryset = apply_filter(public_services(info, code, fallback), filter)
    order = getattr(order_by, "value", order_by) or ("relevance" if search else "title")
    if search:
        ids = search_ids(info, search)
        queryset = queryset.filter(pk__in=ids)
        if order == "relevance":
            queryset = queryset.alias(_rank=rank_by(ids)).order_by("_rank", "pk")
    elif order == "relevance":
        order = "title"
    if order != "relevance":
        queryset = queryset.order_by(order, "pk")
    if not filter and not search and (code == SOURCE_LOCALE or not fallback):
        # The plain catalogue: count pages, not the page ⋈ service join.
        total = public_filter(
            info,
            Page.objects.filter(
                content_type=ContentType.objects.get_for_model(ServicePage),
                locale=locale_for(info, code),
            ),
        ).count()
    else:
        total = queryset.count()
    fields = selected(info, "items")
    pages = list(optimise(info, queryset, fields)[offset : offset + limit])
    for page in pages:
        mark(page, code)
    return ServiceResults(total_count=total, limit=limit, offset=offset, items=attach_batch(pages))


class CatalogueQuery(graphene.ObjectType):
    services = graphene.Field(
        ServiceResults,
        required=True,
        locale=LocaleCode(default_value="fi"),
        fallback=graphene.Boolean(
            default_value=True,
            description="Include the Finnish version of services not translated into the locale.",
        ),
        filter=ServiceFilter(),
        search=graphene.String(description="Full-text search over titles and descriptions."),
        order_by=ServiceOrder(),
        limit=graphene.Int(default_value=DEFAULT_LIMIT, description=f"1–{MAX_LIMIT}"),
        offset=graphene.Int(default_value=0),
        description="Published services, filtered, searched and paginated.",
    )
    service = graphene.Field(
        Service,
        id=graphene.ID(),
        slug=graphene.String(),
        locale=LocaleCode(default_value="fi"),
        fallback=graphene.Boolean(default_value=True),
        description="One published service by id or slug, in the locale (see `isFallback`).",
    )
    service_preview = graphene.Field(
        Service,
        token=graphene.String(required=True),
        locale=LocaleCode(default_value="fi"),
        description="Unsaved content an editor is previewing (the `token` of the preview URL). "
        "Tokens expire; internal information still needs a municipal user.",
    )
    terms = graphene.List(
        graphene.NonNull(Term),
        required=True,
        vocabulary=graphene.Argument(Vocabulary, required=True),
        locale=LocaleCode(default_value="fi"),
        description="The terms of a vocabulary, labelled in the locale.",
    )
    organisations = graphene.List(
        graphene.NonNull(OrganisationType),
        required=True,
        kind=graphene.String(description="municipality, provider or project"),
        locale=LocaleCode(default_value="fi"),
    )
    contacts = graphene.List(
        graphene.NonNull(ContactType),
        required=True,
        organisation=graphene.String(description="Organisation slug."),
        locale=LocaleCode(default_value="fi"),
        description="Public contacts.",
    )

    def resolve_services(
        self, info, locale, fallback, limit, offset, filter=None, search=None, order_by=None
    ):
        return services_page(info, locale, filter, search, order_by, limit, offset, fallback)

    def resolve_service(self, info, locale, fallback, id=None, slug=None):
        if (id is None) == (slug is None):
            raise GraphQLError("Give either id or slug.")
        code = getattr(locale, "value", locale)
        request_cache(info)["language"] = code
        base = public_filter(info, ServicePage.objects.all())
        if id is not None:
            pk = parse_id(id)
            if pk is None:
                raise GraphQLError("id must be a number.")
            found = base.filter(pk=pk).values_list("translation_key", flat=True).first()
        else:
            found = (
                base.filter(slug=slug)
                .order_by(Case(When(locale__language_code=code, then=0), default=1))
                .values_list("translation_key", flat=True)
                .first()
            )
        if found is None:
            return None
        candidates = base.filter(translation_key=found)
        codes = [code] + ([SOURCE_LOCALE] if fallback and code != SOURCE_LOCALE else [])
        fields = selected(info)
        pages = list(optimise(info, candidates.filter(locale__language_code__in=codes), fields))
        pages.sort(key=lambda p: codes.index(p.locale.language_code))
        if not pages:
            return None
        page = mark(pages[0], code)
        attach_batch([page])
        return page

    def resolve_service_preview(self, info, token, locale):
        from django.core import signing

        try:
            signing.TimestampSigner(salt="headlesspreview.token").unsign(
                token, max_age=settings.PREVIEW_TOKEN_MAX_AGE
            )
        except signing.SignatureExpired:
            raise GraphQLError("The preview token has expired: preview again.") from None
        except signing.BadSignature:
            raise GraphQLError("Invalid preview token.") from None
        page = ServicePage.get_page_from_preview_token(token)
        if page is None:
            raise GraphQLError("Invalid preview token.")
        code = getattr(locale, "value", locale)
        request_cache(info)["language"] = code
        page._api_preview = True
        page._api_locale = code
        page._api_page_locale = page.locale.language_code
        attach_batch([page])
        return page

    def resolve_terms(self, info, vocabulary, locale):
        code = getattr(locale, "value", locale)
        model = VOCABULARIES[getattr(vocabulary, "value", vocabulary)]
        terms = model.objects.filter(locale__language_code=code)
        if not terms.exists() and code != SOURCE_LOCALE:
            terms = model.objects.filter(locale__language_code=SOURCE_LOCALE)
        return [_term(t) for t in terms.order_by("sort_order", "name")]

    def resolve_organisations(self, info, locale, kind=None):
        request_cache(info)["language"] = getattr(locale, "value", locale)
        organisations = Organisation.objects.filter(is_active=True).order_by("name")
        if kind:
            organisations = organisations.filter(kind=kind)
        return organisations

    def resolve_contacts(self, info, locale, organisation=None):
        contacts = (
            Contact.objects.filter(
                visibility=ContactVisibility.PUBLIC,
                locale__language_code=getattr(locale, "value", locale),
            )
            .select_related("organisation")
            .order_by("name")
        )
        if organisation:
            contacts = contacts.filter(organisation__slug=organisation)
        return contacts


__all__ = [
    "Audience",
    "CatalogueQuery",
    "ClientSituation",
    "ImplementationType",
    "Language",
    "Municipality",
    "Service",
    "ServiceAccessibility",
    "ServiceCategory",
    "TargetGroup",
]
