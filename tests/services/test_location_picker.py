"""The time-and-place form (issue 17): capitalised labels in Finnish and Swedish, Finland's
coordinate range with clear errors, and the coordinate search that needs no outside
service (signed-in admin users only, public places only, bad input is a 400)."""

from decimal import Decimal

import pytest
from django.core.cache import cache
from django.urls import reverse
from django.utils import translation
from wagtail.models import PageViewRestriction
from wagtail.test.utils.form_data import nested_form_data, streamfield

from services.blocks import LocationBlock, TimeAndPlaceBlock, coordinate_errors
from services.locations import MUNICIPALITY_CENTRES, lookup
from services.models import ServicePage
from tests.admin_forms import service_form_data

pytestmark = pytest.mark.django_db

LOOKUP = "/admin/services/locations/"


def location(**overrides):
    value = {
        "name": "Työpaja",
        "street_address": "Testikuja 5",
        "postal_code": "00100",
        "city": "Helsinki",
        "latitude": "60.1700",
        "longitude": "24.9400",
        "accessibility": [],
    }
    value.update(overrides)
    return value


def with_place(page, **overrides):
    """Put one location into the page's time and place (the live row)."""
    page.time_and_place = [("agreed", {"locations": [location(**overrides)], "info": ""})]
    page.save()
    cache.clear()
    return page


# --- labels ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "code, expected",
    [
        ("fi", ["Katuosoite", "Postinumero", "Leveysaste", "Pituusaste", "Paikan nimi"]),
        ("sv", ["Gatuadress", "Postnummer", "Latitud", "Longitud", "Platsens namn"]),
    ],
)
def test_location_labels_are_capitalised(code, expected):
    block = LocationBlock()
    with translation.override(code):
        labels = [str(child.label) for child in block.child_blocks.values()]
    for label in expected:
        assert label in labels, (label, labels)
    assert all(label[0].isupper() for label in labels), labels


def test_every_time_and_place_label_starts_with_a_capital():
    def walk(block):
        for child in getattr(block, "child_blocks", {}).values():
            yield child
            yield from walk(child)
        if hasattr(block, "child_block"):
            yield block.child_block
            yield from walk(block.child_block)

    for code in ("fi", "sv"):
        with translation.override(code):
            for child in walk(TimeAndPlaceBlock()):
                label = str(child.label)
                assert label[:1] == label[:1].upper(), (code, label)


def test_location_form_in_the_editor_has_the_search(login, services):
    page = services("kerava")
    client = login(f"{page.provider.slug}-editor")
    response = client.get(
        reverse("wagtailadmin_pages:edit", args=[page.pk]), HTTP_ACCEPT_LANGUAGE="sv"
    )
    html = response.content.decode()
    assert "services/js/location-picker.js" in html
    assert "data-location-picker" in html  # in the block definitions (form template)
    assert reverse("services_location_lookup") in html


# --- coordinates --------------------------------------------------------------------------


def test_coordinates_in_finland_are_fine():
    assert coordinate_errors(Decimal("60.1699"), Decimal("24.9384")) == {}
    assert coordinate_errors(None, None) == {}
    assert coordinate_errors(Decimal("69.9"), Decimal("27.0")) == {}  # Utsjoki


@pytest.mark.parametrize(
    "latitude, longitude, fields, words",
    [
        ("52.52", "13.40", {"latitude", "longitude"}, "59.3"),  # Berlin
        ("60.1699", "34.0", {"longitude"}, "31.6"),
        ("75.0", "25.0", {"latitude"}, "70.1"),
        ("24.9384", "60.1699", {"latitude", "longitude"}, "wrong way round"),
        ("60.1699", None, {"longitude"}, "both"),
        (None, "24.9", {"latitude"}, "both"),
    ],
)
def test_coordinates_outside_finland_are_refused(latitude, longitude, fields, words):
    with translation.override("en"):
        errors = coordinate_errors(
            Decimal(latitude) if latitude else None, Decimal(longitude) if longitude else None
        )
        assert set(errors) == fields
        assert any(words in " ".join(e.messages) for e in errors.values()), errors


def test_block_accepts_a_decimal_comma_and_rounds():
    block = LocationBlock()
    value = block.value_from_datadict(
        {
            f"loc-{k}": v
            for k, v in {
                "name": "",
                "street_address": "Asematie 3",
                "postal_code": "01300",
                "city": "Vantaa",
                "latitude": "60,29251234",
                "longitude": " 25,044 ",
                "accessibility-count": "0",
            }.items()
        },
        {},
        "loc",
    )
    cleaned = block.clean(value)
    assert cleaned["latitude"] == Decimal("60.292512")
    assert cleaned["longitude"] == Decimal("25.044000")


def test_swapped_coordinates_show_an_error_in_the_editor(login, services):
    page = services("helsinki")
    client = login(f"{page.provider.slug}-editor")
    data = service_form_data(page)
    data.update(
        nested_form_data(
            {
                "time_and_place": streamfield(
                    [
                        (
                            "agreed",
                            {
                                "locations": streamfield(
                                    [
                                        (
                                            "item",
                                            location(
                                                latitude="24.94",
                                                longitude="60.17",
                                                accessibility=streamfield([]),
                                            ),
                                        )
                                    ]
                                ),
                                "info": "",
                            },
                        )
                    ]
                )
            }
        )
    )
    before = page.revisions.count()
    response = client.post(
        reverse("wagtailadmin_pages:edit", args=[page.pk]), data, HTTP_ACCEPT_LANGUAGE="fi"
    )
    assert response.status_code == 200
    assert "time_and_place" in response.context["form"].errors
    assert page.revisions.count() == before


# --- the lookup ----------------------------------------------------------------------------


def test_lookup_needs_a_signed_in_admin_user(client):
    response = client.get(LOOKUP, {"q": "Helsinki"})
    assert response.status_code == 302
    assert "/login/" in response["Location"]


def test_lookup_refuses_users_without_admin_access(client, django_user_model):
    someone = django_user_model.objects.create_user("no-admin", password="x")
    client.force_login(someone)
    response = client.get(LOOKUP, {"q": "Helsinki"})
    assert response.status_code in (302, 403)
    assert b"latitude" not in response.content


@pytest.mark.parametrize("query", ["", "a", " ", "x" * 201, "--"])
def test_lookup_bad_input_is_400(login, services, query):
    client = login(f"{services('helsinki').provider.slug}-editor")
    response = client.get(LOOKUP, {"q": query})
    assert response.status_code == 400
    assert "error" in response.json()


def test_lookup_post_is_refused(login, services):
    client = login(f"{services('helsinki').provider.slug}-editor")
    assert client.post(LOOKUP, {"q": "Helsinki"}).status_code == 405


def test_lookup_finds_municipality_centres(login, services):
    client = login(f"{services('helsinki').provider.slug}-editor")
    results = client.get(LOOKUP, {"q": "kerav"}).json()["results"]
    assert [r["city"] for r in results if r["kind"] == "centre"] == ["Kerava"]
    assert Decimal(results[0]["latitude"]) == Decimal("60.4034")
    # Swedish names too, labelled in Swedish for a Swedish interface.
    results = client.get(LOOKUP, {"q": "Helsingfors"}, HTTP_ACCEPT_LANGUAGE="sv").json()
    assert results["results"][0]["label"] == "Helsingfors (Helsinki)"


def test_every_centre_is_in_uusimaa():
    assert len(MUNICIPALITY_CENTRES) == 26
    for fi, _sv, latitude, longitude in MUNICIPALITY_CENTRES:
        assert Decimal("59.7") < Decimal(latitude) < Decimal("60.8"), fi
        assert Decimal("22.8") < Decimal(longitude) < Decimal("26.6"), fi


def test_lookup_finds_addresses_of_public_services_only(login, services):
    public = with_place(services("helsinki"), street_address="Julkinenkuja 1")
    assert public.live
    client = login(f"{public.provider.slug}-editor")
    results = client.get(LOOKUP, {"q": "julkinenkuja"}).json()["results"]
    assert [(r["street_address"], r["kind"]) for r in results] == [("Julkinenkuja 1", "address")]
    assert results[0]["latitude"] == "60.17" and results[0]["longitude"] == "24.94"
    # The whole address typed in the form finds it too (and the municipality's centre).
    results = lookup("Julkinenkuja 1 00100 Helsinki")
    assert results[0].street_address == "Julkinenkuja 1"
    assert results[-1].kind == "centre"

    # A draft (not live), a restricted service: never offered.
    draft = with_place(services("espoo"), street_address="Luonnoskuja 2")
    ServicePage.objects.filter(pk=draft.pk).update(live=False)
    private = with_place(services("vantaa"), street_address="Salainenkuja 3")
    PageViewRestriction.objects.create(page=private, restriction_type="login")
    cache.clear()
    assert client.get(LOOKUP, {"q": "Luonnoskuja"}).json()["results"] == []
    assert client.get(LOOKUP, {"q": "Salainenkuja"}).json()["results"] == []


def test_draft_coordinates_never_leak(services):
    """A location saved only in a draft revision is not in the live row: not offered."""
    page = services("kerava")
    draft = page.get_latest_revision_as_object()
    draft.time_and_place = [
        ("agreed", {"locations": [location(street_address="Luonnostie 9")], "info": ""})
    ]
    draft.save_revision()
    cache.clear()
    assert lookup("Luonnostie") == []
