"""Filters that make the API's values readable on a page: dates and times in the page's
language, prices, telephone and map links, and rich text whose links to services open
their page on this site.

They work on what the API returns (strings, numbers, dicts of the GraphQL documents),
never on models: any value here came through frontend.api.
"""

import datetime as dt
import re
from decimal import Decimal, InvalidOperation
from urllib.parse import urlencode

from django import template
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.dateparse import parse_date, parse_datetime
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

register = template.Library()

# Numeric dates as they are written in Finland (also in Finland-Swedish); English spells the
# month so that 1.3. is not read as January 3rd.
DATE_FORMATS = {"fi": "j.n.Y", "sv": "j.n.Y", "en": "j M Y"}
TIME_SEPARATORS = {"fi": ".", "sv": ".", "en": ":"}

SERVICE_LINK = re.compile(r'<a href="[^"]*" data-service-id="(\d+)">')
PHONE_CHARACTERS = re.compile(r"[^\d+]")


def _language() -> str:
    return (get_language() or "fi").split("-")[0]


def _as_date(value):
    """An API date (YYYY-MM-DD) or date-time (ISO 8601) as a local date, else None."""
    if isinstance(value, dt.datetime):
        return timezone.localtime(value).date() if timezone.is_aware(value) else value.date()
    if isinstance(value, dt.date):
        return value
    if not value:
        return None
    text = str(value)
    moment = parse_datetime(text) if "T" in text else None
    if moment is not None:
        return _as_date(moment)
    try:
        return parse_date(text)
    except ValueError:
        return None


@register.filter
def api_date(value) -> str:
    """1.3.2026 (fi, sv) or 1 Mar 2026 (en) from the API's date or date-time."""
    day = _as_date(value)
    if day is None:
        return ""
    return formats.date_format(day, DATE_FORMATS.get(_language(), "j.n.Y"))


@register.filter
def iso_date(value) -> str:
    """The machine-readable date of a <time datetime="...">."""
    day = _as_date(value)
    return day.isoformat() if day else ""


@register.filter
def api_time(value) -> str:
    """9.00 (fi, sv) or 9:00 (en) from the API's HH:MM."""
    if not value or ":" not in str(value):
        return ""
    hours, minutes = str(value).split(":")[:2]
    return f"{int(hours)}{TIME_SEPARATORS.get(_language(), '.')}{minutes}"


@register.filter
def euros(value) -> str:
    """A price in the page's number format: 25,50 € (fi, sv), 25.50 € (en)."""
    try:
        amount = Decimal(str(value))
    except (InvalidOperation, TypeError, ValueError):
        return ""
    places = 0 if amount == amount.to_integral_value() else 2
    return f"{formats.number_format(amount, places, use_l10n=True)} €"


@register.filter
def tel_href(phone) -> str:
    """tel:+358401234567 from a number as people write it (spaces, dashes)."""
    digits = PHONE_CHARACTERS.sub("", phone or "")
    return f"tel:{digits}" if digits else ""


@register.filter
def map_url(location) -> str:
    """An OpenStreetMap link centred on a location's coordinates ("" without them)."""
    lat, lon = (location or {}).get("latitude"), (location or {}).get("longitude")
    if lat is None or lon is None:
        return ""
    lat, lon = (
        f"{float(lat):.6f}".rstrip("0").rstrip("."),
        f"{float(lon):.6f}".rstrip("0").rstrip("."),
    )
    query = urlencode({"mlat": lat, "mlon": lon})
    return f"https://www.openstreetmap.org/?{query}#map=16/{lat}/{lon}"


@register.filter
def service_url(ref) -> str:
    """The page of a service on this site, in the page's language ({id, slug} from the API)."""
    if not ref or not ref.get("id"):
        return ""
    if ref.get("slug"):
        return reverse("frontend:service_slug", args=[ref["id"], ref["slug"]])
    return reverse("frontend:service", args=[ref["id"]])


def _service_link(match) -> str:
    href = reverse("frontend:service", args=[int(match.group(1))])
    return f'<a href="{escape(href)}" data-service-id="{match.group(1)}">'


@register.filter
def rich_text(html) -> str:
    """The API's rich text (HTML it has already cleaned: links only to what the reader may
    open), with the links to services opening their page on this site."""
    return mark_safe(SERVICE_LINK.sub(_service_link, html or ""))


@register.filter
def has_text(html) -> bool:
    """Whether rich text says anything (an editor's empty paragraph does not)."""
    return bool(re.sub(r"<[^>]+>|&nbsp;|\s", "", html or ""))


@register.filter
def lang_attr(service) -> str:
    """` lang="fi"` when the service's texts are not in the page's language (a Finnish
    fallback on /sv/, a Swedish service on a Finnish admin page), else nothing."""
    code = (service or {}).get("locale")
    if not code or code == _language():
        return ""
    return mark_safe(f' lang="{escape(code)}"')
