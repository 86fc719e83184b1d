"""The raw baseline of the API benchmark: what each GraphQL query returns, read with
the ORM by hand (select_related / prefetch_related / only, references in stream fields
loaded in one query per model) and serialised with json.dumps. No HTTP, no access
checks beyond "live, in the Finnish catalogue": a lower bound for the same data.
"""

import datetime as dt
import json
import re
from collections import Counter, defaultdict
from decimal import Decimal
from functools import cache

from django.contrib.contenttypes.models import ContentType
from django.db.models import Prefetch
from wagtail import blocks
from wagtail.documents import get_document_model
from wagtail.models import CollectionViewRestriction, Locale, Page, WorkflowState
from wagtail.rich_text import expand_db_html

from cms.access import may_read_internal
from services import streams
from services.blocks import InternalBlock, ResourcesBlock, TimeAndPlaceBlock
from services.models import Contact, ContactVisibility, Lifecycle, ServiceLanguage, ServicePage

LOCALE = "fi"
TERM = ("slug", "name")
LISTING_ONLY = (
    "id",
    "slug",
    "title",
    "live",
    "locale",
    "short_description",
    "is_free",
    "last_published_at",
    "outdated_at",
    "service_category__slug",
    "service_category__name",
    "provider__slug",
    "provider__name",
    "responsible_municipality__slug",
    "responsible_municipality__name",
)


def _json(data) -> str:
    return json.dumps(data, default=_default, ensure_ascii=False)


def _default(value):
    if isinstance(value, (dt.date, dt.datetime, dt.time)):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    raise TypeError(type(value))


def _term(obj):
    return None if obj is None else {"slug": obj.slug, "name": obj.name}


def _terms(terms):
    return [_term(t) for t in terms]


def _prefetch(*names):
    """Prefetches into plain lists (`to_attr`): no related manager per page and access,
    which for modelcluster's ParentalManyToManyField costs a queryset clone each."""
    return [Prefetch(name, to_attr=f"_{name}") for name in names]


@cache
def _locale_id() -> int:
    return Locale.objects.get(language_code=LOCALE).pk


def _live():
    return ServicePage.objects.live().filter(locale_id=_locale_id())


def _in_review(pks) -> set[int]:
    states = WorkflowState.objects.filter(
        base_content_type=ContentType.objects.get_for_model(Page),
        object_id__in=[str(pk) for pk in pks],
        status=WorkflowState.STATUS_IN_PROGRESS,
    ).values_list("object_id", flat=True)
    return {int(pk) for pk in states}


def _lifecycle(page, in_review) -> str:
    if page.pk in in_review:
        return Lifecycle.IN_REVIEW.value
    return (Lifecycle.OUTDATED if page.outdated_at else Lifecycle.PUBLISHED).value


def common_title_word() -> str:
    """The commonest word (5+ letters) in the titles of the first 2,000 live Finnish services."""
    titles = _live().order_by("pk").values_list("title", flat=True)[:2000]
    words = Counter(w.lower() for t in titles for w in re.findall(r"\w{5,}", t))
    return words.most_common(1)[0][0] if words else "palvelu"


# --- catalogue-listing.graphql ---------------------------------------------------------------
def listing(limit: int, offset: int = 0) -> str:
    services = _live()
    total = services.count()
    pages = list(
        services.select_related("service_category", "provider", "responsible_municipality")
        .only(*LISTING_ONLY)
        .prefetch_related(*_prefetch("audiences", "implementation_types"))
        .order_by("title", "pk")[offset : offset + limit]
    )
    in_review = _in_review([p.pk for p in pages])
    items = [
        {
            "id": str(p.pk),
            "slug": p.slug,
            "title": p.title,
            "locale": LOCALE,
            "isFallback": False,
            "shortDescription": p.short_description,
            "serviceCategory": _term(p.service_category),
            "audiences": _terms(p._audiences),
            "implementationTypes": _terms(p._implementation_types),
            "isFree": p.is_free,
            "provider": _term(p.provider),
            "responsibleMunicipality": _term(p.responsible_municipality),
            "lifecycle": _lifecycle(p, in_review),
            "lastPublishedAt": p.last_published_at,
        }
        for p in pages
    ]
    return _json(
        {
            "data": {
                "services": {"totalCount": total, "limit": limit, "offset": offset, "items": items}
            }
        }
    )


# --- stream fields -----------------------------------------------------------------------------
class References:
    """The chooser references of some stream values, loaded in one query per model."""

    def __init__(self, *values):
        wanted = defaultdict(set)
        for block, raw in values:
            streams.collect(block, raw, lambda model, pk: wanted[model].add(pk))
        self.objects = {}
        for model, pks in wanted.items():
            qs = model._default_manager.all()
            if model is ServicePage:
                qs = ServicePage.objects.live().only("id", "slug", "title")
            elif model is Contact:
                qs = qs.select_related("organisation")
            elif hasattr(model, "collection"):
                qs = qs.select_related("collection")
            self.objects[model] = {obj.pk: obj for obj in qs.filter(pk__in=pks)}

    def get(self, model, pk):
        return self.objects.get(model, {}).get(pk)


def _plain(obj):
    """A referenced object as the GraphQL API shows it."""
    if obj is None:
        return None
    if isinstance(obj, ServicePage):
        return {"id": str(obj.pk), "slug": obj.slug, "title": obj.title}
    if isinstance(obj, Contact):
        return {
            "name": obj.name,
            "title": obj.title,
            "email": obj.email,
            "phone": obj.phone,
            "organisation": {"name": obj.organisation.name} if obj.organisation else None,
        }
    if hasattr(obj, "file_extension"):
        return {"title": obj.title, "url": obj.url, "fileExtension": obj.file_extension}
    return _term(obj)


def shape(block, raw, refs):
    """A stored stream value as plain data: references resolved, rich text expanded."""
    if isinstance(block, blocks.StreamBlock):
        return [
            {
                "type": child["type"],
                "value": shape(block.child_blocks[child["type"]], child.get("value"), refs),
            }
            for child in raw or []
            if child.get("type") in block.child_blocks
        ]
    if isinstance(block, blocks.ListBlock):
        return [shape(block.child_block, item, refs) for item in streams._items(raw)]
    if isinstance(block, blocks.StructBlock):
        raw = raw or {}
        return {name: shape(b, raw.get(name), refs) for name, b in block.child_blocks.items()}
    if isinstance(block, blocks.RichTextBlock):
        return expand_db_html(raw) if raw else ""
    model = streams.target_model(block)
    if model is not None:
        return _plain(refs.get(model, int(raw))) if raw not in (None, "") else None
    return raw


def _public_resources(raw, refs):
    """Resources without attachments from a restricted collection (internal files)."""
    restricted = CollectionViewRestriction.objects.values_list("collection__path", flat=True)
    restricted = list(restricted)
    out = []
    for child in raw or []:
        if child.get("type") == "attachment":
            pk = (child.get("value") or {}).get("document")
            doc = refs.get(get_document_model(), int(pk)) if pk not in (None, "") else None
            if doc is None or any(doc.collection.path.startswith(p) for p in restricted):
                continue
        out.append(child)
    return out


# --- customer-detail.graphql -----------------------------------------------------------------
def customer_detail(pk: int) -> str:
    page = (
        _live()
        .select_related("locale", "service_category", "provider", "responsible_municipality")
        .defer("internal")
        .prefetch_related(
            *_prefetch(
                "audiences",
                "client_situations",
                "target_groups",
                "employment_statuses",
                "participating_municipalities",
                "implementation_types",
                "accessibility",
            ),
            Prefetch(
                "public_contacts",
                queryset=Contact.objects.filter(visibility=ContactVisibility.PUBLIC).select_related(
                    "organisation"
                ),
            ),
            Prefetch(
                "languages", queryset=ServiceLanguage.objects.select_related("language", "level")
            ),
            Prefetch(
                "related_services__service",
                queryset=ServicePage.objects.live().only(
                    "id", "slug", "title", "short_description"
                ),
            ),
        )
        .get(pk=pk)
    )
    translations = (
        ServicePage.objects.live()
        .filter(translation_key=page.translation_key)
        .order_by("locale__language_code")
        .values_list("locale__language_code", "pk", "slug")
    )
    streams_ = {
        "timeAndPlace": (TimeAndPlaceBlock(), page.time_and_place.raw_data),
        "description": (page.description.stream_block, page.description.raw_data),
        "resources": (ResourcesBlock(), page.resources.raw_data),
    }
    refs = References(*streams_.values())
    streams_["resources"] = (ResourcesBlock(), _public_resources(page.resources.raw_data, refs))
    shaped = {key: shape(block, raw, refs) for key, (block, raw) in streams_.items()}
    data = {
        "id": str(page.pk),
        "slug": page.slug,
        "title": page.title,
        "locale": page.locale.language_code,
        "isFallback": False,
        "translations": [{"locale": c, "id": str(i), "slug": s} for c, i, s in translations],
        "shortDescription": page.short_description,
        "serviceCategory": _term(page.service_category),
        "audiences": _terms(page._audiences),
        "clientSituations": _terms(page._client_situations),
        "targetGroups": _terms(page._target_groups),
        "targetGroupDescription": expand_db_html(page.target_group_description),
        "employmentStatuses": _terms(page._employment_statuses),
        "allWorkingAge": page.all_working_age,
        "ageMin": page.age_min,
        "ageMax": page.age_max,
        "participatingMunicipalities": _terms(page._participating_municipalities),
        "residenceIrrelevant": page.residence_irrelevant,
        "implementationTypes": _terms(page._implementation_types),
        "implementationText": page.implementation_text,
        **shaped,
        "participation": expand_db_html(page.participation),
        "requirements": expand_db_html(page.requirements),
        "benefits": expand_db_html(page.benefits),
        "isFree": page.is_free,
        "price": page.price,
        "priceDescription": page.price_description,
        "accessibility": _terms(page._accessibility),
        "languages": [
            {"language": _term(sl.language), "level": _term(sl.level)}
            for sl in page.languages.all()
        ],
        "contacts": [_plain(c) for c in page.public_contacts.all()],
        "provider": _term(page.provider),
        "responsibleMunicipality": _term(page.responsible_municipality),
        "lifecycle": _lifecycle(page, _in_review([page.pk])),
        "firstPublishedAt": page.first_published_at,
        "lastPublishedAt": page.last_published_at,
        "verifiedAt": page.verified_at,
        "relatedServices": [
            {
                "id": str(r.service.pk),
                "slug": r.service.slug,
                "title": r.service.title,
                "shortDescription": r.service.short_description,
            }
            for r in page.related_services.all()
            if r.service is not None
        ],
    }
    return _json({"data": {"service": data}})


# --- staff-detail.graphql --------------------------------------------------------------------
def staff_detail(pk: int, user) -> str:
    page = (
        _live()
        .select_related(
            "provider", "responsible_municipality", "provider_updater", "municipal_responsible"
        )
        .only(
            "id",
            "title",
            "live",
            "short_description",
            "outdated_at",
            "verified_at",
            "internal",
            "provider__name",
            "responsible_municipality__name",
            "provider_updater__username",
            "provider_updater__first_name",
            "provider_updater__last_name",
            "municipal_responsible__username",
            "municipal_responsible__first_name",
            "municipal_responsible__last_name",
        )
        .get(pk=pk)
    )
    block = InternalBlock()
    internal = shape(block, page.internal.raw_data, References((block, page.internal.raw_data)))

    def name(u):
        return (u.get_full_name() or u.username) if u else None

    data = {
        "me": {"username": user.username, "canViewInternal": may_read_internal(user)},
        "service": {
            "id": str(page.pk),
            "title": page.title,
            "shortDescription": page.short_description,
            "lifecycle": _lifecycle(page, _in_review([page.pk])),
            "verifiedAt": page.verified_at,
            "provider": {"name": page.provider.name} if page.provider else None,
            "responsibleMunicipality": (
                {"name": page.responsible_municipality.name}
                if page.responsible_municipality
                else None
            ),
            "internal": {
                "blocks": internal,
                "providerUpdater": name(page.provider_updater),
                "municipalResponsible": name(page.municipal_responsible),
            },
        },
    }
    return _json({"data": data})


# --- search.graphql -----------------------------------------------------------------------------
def search(text: str, limit: int) -> str:
    results = _live().select_related("provider").search(text, operator="and")
    total = results.count()
    items = [
        {
            "id": str(p.pk),
            "slug": p.slug,
            "title": p.title,
            "shortDescription": p.short_description,
            "provider": {"name": p.provider.name} if p.provider else None,
        }
        for p in results[:limit]
    ]
    return _json({"data": {"services": {"totalCount": total, "items": items}}})
