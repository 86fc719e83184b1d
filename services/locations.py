"""Coordinates for a service's place without any outside service (issue 17).

The location form of the time-and-place editor (services/blocks.py `LocationBlock`, its
script services/static/services/js/location-picker.js) asks `lookup(query)` through
the admin URL `services_location_lookup` (services/location_lookup.py). Two sources,
both inside the manual:

- the places of published, public services that already have coordinates (what the
  public API shows anyway; never a draft, a service in review or a restricted page), and
- the centres of the 26 municipalities of Uusimaa (`MUNICIPALITY_CENTRES`), written
  here: approximate (the town hall or main square, within about a kilometre), for a
  place whose exact coordinates nobody has entered yet.

No tiles, geocoding API or CDN: nothing leaves the server.
"""

import re
from dataclasses import asdict, dataclass
from decimal import Decimal

from django.core.cache import cache
from django.utils import translation

from cms import cache_generation

# (Finnish name, Swedish name, latitude, longitude), WGS84 decimal degrees: the centre of
# each municipality of Uusimaa (the town hall or main square), approximate.
MUNICIPALITY_CENTRES = (
    ("Askola", "Askola", "60.5297", "25.5997"),
    ("Espoo", "Esbo", "60.2055", "24.6559"),
    ("Hanko", "Hangö", "59.8236", "22.9683"),
    ("Helsinki", "Helsingfors", "60.1699", "24.9384"),
    ("Hyvinkää", "Hyvinge", "60.6305", "24.8597"),
    ("Inkoo", "Ingå", "60.0458", "24.0058"),
    ("Järvenpää", "Träskända", "60.4737", "25.0899"),
    ("Karkkila", "Högfors", "60.5347", "24.2097"),
    ("Kauniainen", "Grankulla", "60.2105", "24.7286"),
    ("Kerava", "Kervo", "60.4034", "25.1050"),
    ("Kirkkonummi", "Kyrkslätt", "60.1238", "24.4385"),
    ("Lapinjärvi", "Lappträsk", "60.6247", "26.2042"),
    ("Lohja", "Lojo", "60.2486", "24.0653"),
    ("Loviisa", "Lovisa", "60.4566", "26.2249"),
    ("Myrskylä", "Mörskom", "60.6694", "25.8514"),
    ("Mäntsälä", "Mäntsälä", "60.6336", "25.3186"),
    ("Nurmijärvi", "Nurmijärvi", "60.4641", "24.8073"),
    ("Pornainen", "Borgnäs", "60.4758", "25.3750"),
    ("Porvoo", "Borgå", "60.3932", "25.6650"),
    ("Pukkila", "Pukkila", "60.6453", "25.5806"),
    ("Raasepori", "Raseborg", "59.9739", "23.4369"),
    ("Sipoo", "Sibbo", "60.3764", "25.2686"),
    ("Siuntio", "Sjundeå", "60.1383", "24.2250"),
    ("Tuusula", "Tusby", "60.4036", "25.0239"),
    ("Vantaa", "Vanda", "60.2925", "25.0440"),
    ("Vihti", "Vichtis", "60.3322", "24.3264"),
)

MAX_RESULTS = 10
MAX_CENTRES = 5
MIN_QUERY = 2
MAX_QUERY = 200
CACHE_SECONDS = 3600
WORD = re.compile(r"\w+")


class BadQuery(ValueError):
    pass


@dataclass(frozen=True)
class Place:
    label: str
    street_address: str
    postal_code: str
    city: str
    latitude: str
    longitude: str
    kind: str  # "address" (used in a published service) or "centre" (municipality centre)

    def as_json(self) -> dict:
        return asdict(self)


def _words(text: str) -> list[str]:
    return WORD.findall(text.casefold())


def _stream_items(raw) -> list:
    """The values of a raw ListBlock (Wagtail's {"type": "item", "value": ...} form or
    the older plain list)."""
    items = []
    for item in raw or ():
        if isinstance(item, dict) and item.get("type") == "item" and "value" in item:
            items.append(item["value"])
        else:
            items.append(item)
    return items


def _coordinate(value) -> str | None:
    if value in (None, ""):
        return None
    try:
        return str(Decimal(str(value)).quantize(Decimal("0.000001")).normalize())
    except ArithmeticError:
        return None


def locations_of(raw_time_and_place) -> list[dict]:
    """Every location dict of a service's time_and_place (raw stream data)."""
    found = []
    for block in raw_time_and_place or ():
        value = block.get("value") if isinstance(block, dict) else None
        if isinstance(value, dict):
            found.extend(
                location
                for location in _stream_items(value.get("locations"))
                if isinstance(location, dict)
            )
    return found


def known_places() -> list[Place]:
    """The places with coordinates of the published, public services, once each (cached
    per publication generation: a publication or unpublication is seen at once)."""
    key = f"services:known-places:{cache_generation.current()}"
    places = cache.get(key)
    if places is not None:
        return places
    from services.search_index import public_services

    seen = {}
    rows = public_services().order_by("pk").values_list("time_and_place", flat=True)
    for stream in rows.iterator():
        raw = getattr(stream, "raw_data", stream)
        for location in locations_of(raw):
            latitude = _coordinate(location.get("latitude"))
            longitude = _coordinate(location.get("longitude"))
            street = (location.get("street_address") or "").strip()
            if latitude is None or longitude is None or not street:
                continue
            postal = (location.get("postal_code") or "").strip()
            city = (location.get("city") or "").strip()
            identity = (street.casefold(), postal, city.casefold())
            if identity in seen:
                continue
            name = (location.get("name") or "").strip()
            address = ", ".join(filter(None, [street, f"{postal} {city}".strip()]))
            seen[identity] = Place(
                label=f"{name}, {address}" if name else address,
                street_address=street,
                postal_code=postal,
                city=city,
                latitude=latitude,
                longitude=longitude,
                kind="address",
            )
    places = list(seen.values())
    cache.set(key, places, CACHE_SECONDS)
    return places


def centres() -> list[Place]:
    swedish = (translation.get_language() or "").startswith("sv")
    places = []
    for fi, sv, latitude, longitude in MUNICIPALITY_CENTRES:
        first, second = (sv, fi) if swedish else (fi, sv)
        name = first if first == second else f"{first} ({second})"
        places.append(
            Place(
                label=name,
                street_address="",
                postal_code="",
                city=first,
                latitude=latitude,
                longitude=longitude,
                kind="centre",
            )
        )
    return places


def clean_query(query) -> str:
    query = (query or "").strip()
    if len(query) < MIN_QUERY:
        raise BadQuery(f"Type at least {MIN_QUERY} characters.")
    if len(query) > MAX_QUERY:
        raise BadQuery(f"Type at most {MAX_QUERY} characters.")
    if not _words(query):
        raise BadQuery("Type a street, a postal code or a municipality.")
    return query


def lookup(query: str) -> list[Place]:
    """Known addresses containing every word of `query` (as a word start), then the
    municipality centres named by a word of it (or by its start: "hels")."""
    words = _words(clean_query(query))

    def matches(place_words: list[str]) -> bool:
        return all(any(w.startswith(q) for w in place_words) for q in words)

    addresses = [
        place
        for place in known_places()
        if matches(_words(f"{place.label} {place.postal_code} {place.city}"))
    ][:MAX_RESULTS]
    found_centres = []
    for place, (fi, sv, _lat, _lon) in zip(centres(), MUNICIPALITY_CENTRES, strict=True):
        names = {fi.casefold(), sv.casefold()}
        if any(q in names or (len(q) >= 3 and any(n.startswith(q) for n in names)) for q in words):
            found_centres.append(place)
    return addresses + found_centres[:MAX_CENTRES]
