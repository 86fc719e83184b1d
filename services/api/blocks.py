"""Stream fields and rich text shaped for the API: description blocks, time and place,
resources.

Stream fields are read from their stored JSON (`services.streams`), and what their
blocks reference (pages, documents, snippets) is loaded for every page of the list at
once: one query per model (`cms.api.context.object_cache`). Linked pages resolve only
when published and public, attachments only when the caller may see them; rich text
keeps only the links the caller may open (`cms.api.rich_text`).
"""

import datetime as dt
from decimal import Decimal

import graphene
from django.utils import translation

from cms.api.access import public_document, public_filter
from cms.api.context import object_cache
from cms.api.rich_text import api_rich_text, prefetch_links

from .. import streams
from ..blocks import WEEKDAYS, ResourcesBlock, TimeAndPlaceBlock
from ..models import Contact, ServicePage
from .terms import Term, term_in
from .types import Document, ServiceRef


# --- Resources ---------------------------------------------------------------------------------
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


# --- Description -------------------------------------------------------------------------------
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


# --- Time and place ----------------------------------------------------------------------------
class WeeklyTime(graphene.ObjectType):
    weekday = graphene.String(required=True, description="mon, tue, ... sun")
    weekday_label = graphene.String(
        required=True, description="The weekday in the requested locale (maanantai, måndag)."
    )
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


class TimeAndPlace(graphene.ObjectType):
    """One way the service is organised. `mode`: continuous (ongoing, weekly times),
    period (one date range), periods (several), dates (single days) or agreed
    (agreed separately with the client)."""

    mode = graphene.String(required=True)
    mode_label = graphene.String(
        required=True, description="The mode in the requested locale (Sovitaan erikseen)."
    )
    locations = graphene.List(graphene.NonNull(Location), required=True)
    info = graphene.String(required=True)
    weekly_times = graphene.List(graphene.NonNull(WeeklyTime), required=True)
    periods = graphene.List(graphene.NonNull(DateRange), required=True)
    dates = graphene.List(graphene.NonNull(SingleDate), required=True)


# --- Shaping -----------------------------------------------------------------------------------
def rich_field(info, root, field):
    """A rich-text column of a page; the links of every row in the list are loaded at once."""
    root.batch.load(
        f"links:{field}", lambda rows: prefetch_links(info, [getattr(r, field) for r in rows])
    )
    return api_rich_text(info, getattr(root.node, field))


def _description_texts(page):
    for child in page.description.raw_data:
        value = child.get("value")
        if child.get("type") == "paragraph":
            yield value
        elif child.get("type") == "notice":
            yield (value or {}).get("text")


def description_blocks(info, root):
    root.batch.load(
        "links:description",
        lambda rows: prefetch_links(info, [t for r in rows for t in _description_texts(r)]),
    )
    out = []
    for child in root.node.description.raw_data:
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


_TIME_AND_PLACE = TimeAndPlaceBlock()
_WEEKDAYS = dict(WEEKDAYS)


def _mode_label(mode) -> str:
    block = _TIME_AND_PLACE.child_blocks.get(mode)
    return str(block.meta.label) if block is not None else mode


def time_and_place(info, root):
    """The time-and-place blocks, their mode and weekdays labelled in the locale."""
    with translation.override(root.locale):
        return _time_and_place(info, root)


def _time_and_place(info, root):
    out = []
    for child in shaped(info, root, "time_and_place", _TIME_AND_PLACE):
        v = child["value"] or {}
        periods = v.get("periods") or ([v["period"]] if v.get("period") else [])
        out.append(
            TimeAndPlace(
                mode=child["type"],
                mode_label=_mode_label(child["type"]),
                info=v.get("info") or "",
                locations=[_location(info, loc, root.locale) for loc in v.get("locations") or []],
                weekly_times=[
                    WeeklyTime(
                        weekday=w.get("weekday"),
                        weekday_label=str(_WEEKDAYS.get(w.get("weekday"), w.get("weekday") or "")),
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


def _location(info, loc, locale_code):
    return Location(
        name=loc.get("name") or "",
        street_address=loc.get("street_address") or "",
        postal_code=loc.get("postal_code") or "",
        city=loc.get("city") or "",
        latitude=_float(loc.get("latitude")),
        longitude=_float(loc.get("longitude")),
        accessibility=[
            term_in(info, t, locale_code) for t in loc.get("accessibility") or [] if t is not None
        ],
    )


def _hhmm(value):
    return (value or "")[:5] or None


def _date(value):
    if not value:
        return None
    return value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value))


def _float(value):
    if value in (None, ""):
        return None
    return float(Decimal(str(value)))


def resources(info, root):
    out = []
    for child in shaped(info, root, "resources", ResourcesBlock()):
        value = child["value"] or {}
        if child["type"] == "attachment" and not public_document(info, value.get("document")):
            continue
        out.append(value)
    return out


def shaped(info, root, field_name, block):
    """A stream field of a page as plain data, with the references of every page in the
    same list loaded in one query per model."""
    objects = object_cache(info)

    def collect_all(rows):
        for row in rows:
            streams.collect(block, getattr(row, field_name).raw_data, objects.want)
        return {}

    root.batch.load(f"refs:{field_name}", collect_all)
    return streams.shape(
        block,
        getattr(root.node, field_name).raw_data,
        lambda model, pk: _resolve_ref(info, model, pk),
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
