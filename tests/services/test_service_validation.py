"""A service's cross-field rules, tried through the page editor as a content producer.

Each refused case must show the error on the right field and save no revision.
"""

import pytest
from django.urls import reverse
from wagtail.test.utils.form_data import nested_form_data, streamfield

from cms.models import Membership
from cms.roles import Role
from services.models import Municipality, ProviderFolderPage, ServicePage
from tests.admin_forms import service_form_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def page():
    page = (
        ServicePage.objects.filter(
            responsible_municipality__slug="helsinki", locale__language_code="fi"
        )
        .order_by("pk")
        .first()
    )
    assert page is not None
    return page


@pytest.fixture
def producer(login):
    return login("helsinki-producer")


def helsinki_term():
    return Municipality.objects.get(slug="helsinki", locale__language_code="fi")


def other_provider_editor(page, user):
    slug = (
        Membership.objects.filter(role=Role.PROVIDER_EDITOR)
        .exclude(organisation=page.provider)
        .order_by("organisation__slug")
        .values_list("organisation__slug", flat=True)
        .first()
    )
    return user(f"{slug}-editor")


def post_edit(client, page, data):
    return client.post(reverse("wagtailadmin_pages:edit", args=[page.pk]), data)


def assert_refused(client, page, field, data, *, contains=None):
    before = page.revisions.count()
    response = post_edit(client, page, data)
    assert response.status_code == 200, response.status_code
    errors = response.context["form"].errors
    assert field in errors, dict(errors)
    if contains:
        messages = " ".join(str(m) for m in errors[field])
        assert contains in messages, messages
    assert page.revisions.count() == before
    return errors


def assert_saved(client, page, data):
    before = page.revisions.count()
    response = post_edit(client, page, data)
    if response.status_code == 200:
        pytest.fail(f"form refused: {dict(response.context['form'].errors)}")
    assert response.status_code == 302
    assert page.revisions.count() == before + 1
    return ServicePage.objects.get(pk=page.pk).get_latest_revision_as_object()


# --- positive case ---------------------------------------------------------------------------


def test_valid_edit_saves_a_revision(producer, page):
    latest = assert_saved(
        producer, page, service_form_data(page, short_description="Päivitetty kuvaus.")
    )
    assert latest.short_description == "Päivitetty kuvaus."


# --- the update pair -------------------------------------------------------------------------


def test_provider_updater_is_required(producer, page):
    assert_refused(
        producer,
        page,
        "provider_updater",
        service_form_data(page, provider_updater=""),
        contains="responsible updater",
    )


def test_provider_updater_must_be_a_member_of_the_provider(producer, page, user):
    outsider = other_provider_editor(page, user)
    assert_refused(
        producer,
        page,
        "provider_updater",
        # Not even offered: the choice is refused as invalid.
        service_form_data(page, provider_updater=outsider.pk),
    )


def test_provider_updater_cannot_be_a_municipal_user(producer, page, user):
    assert_refused(
        producer,
        page,
        "provider_updater",
        service_form_data(page, provider_updater=user("helsinki-producer").pk),
    )


def test_provider_updater_with_an_ended_membership_is_refused(producer, page):
    updater = page.provider_updater
    Membership.objects.filter(user=updater, organisation=page.provider).update(is_active=False)
    assert_refused(
        producer, page, "provider_updater", service_form_data(page, provider_updater=updater.pk)
    )


@pytest.mark.parametrize("username", ["espoo-producer", "helsinki-expert", "tyovalmennus-main"])
def test_municipal_responsible_must_be_a_producer_of_the_municipality(
    producer, page, user, username
):
    assert_refused(
        producer,
        page,
        "municipal_responsible",
        # Not offered as a choice, so refused as invalid.
        service_form_data(page, municipal_responsible=user(username).pk),
    )


@pytest.mark.parametrize("username", ["helsinki-producer2", "helsinki-main"])
def test_municipal_responsible_may_be_a_producer_or_main_user(producer, page, user, username):
    latest = assert_saved(
        producer, page, service_form_data(page, municipal_responsible=user(username).pk)
    )
    assert latest.municipal_responsible == user(username)


def test_another_member_of_the_provider_may_be_the_updater(producer, page, user):
    main = user(f"{page.provider.slug}-main")
    latest = assert_saved(producer, page, service_form_data(page, provider_updater=main.pk))
    assert latest.provider_updater == main


# --- age ---------------------------------------------------------------------------------------


def test_age_min_above_max_is_refused(producer, page):
    assert_refused(
        producer,
        page,
        "age_max",
        service_form_data(page, all_working_age=None, age_min=60, age_max=20),
        contains="minimum age",
    )


def test_all_working_age_with_an_age_range_is_refused(producer, page):
    assert_refused(
        producer,
        page,
        "all_working_age",
        service_form_data(page, all_working_age="on", age_min=20, age_max=60),
    )


def test_all_working_age_with_only_a_minimum_is_refused(producer, page):
    assert_refused(
        producer,
        page,
        "all_working_age",
        service_form_data(page, all_working_age="on", age_min=25, age_max=""),
    )


@pytest.mark.parametrize("age", [121, -1])
def test_age_out_of_range_is_refused(producer, page, age):
    assert_refused(
        producer,
        page,
        "age_min",
        service_form_data(page, all_working_age=None, age_min=age, age_max=""),
    )


def test_age_range_is_saved(producer, page):
    latest = assert_saved(
        producer, page, service_form_data(page, all_working_age=None, age_min=18, age_max=29)
    )
    assert (latest.all_working_age, latest.age_min, latest.age_max) == (False, 18, 29)
    assert latest.age_range == (18, 29)


# --- price ----------------------------------------------------------------------------------------


def test_price_on_a_free_service_is_refused(producer, page):
    assert_refused(
        producer,
        page,
        "price",
        service_form_data(page, is_free="on", price="10.00"),
        contains="free service",
    )


def test_paid_service_without_a_price_is_refused(producer, page):
    assert_refused(
        producer, page, "price", service_form_data(page, is_free=None, price=""), contains="price"
    )


def test_negative_price_is_refused(producer, page):
    assert_refused(producer, page, "price", service_form_data(page, is_free=None, price="-5"))


def test_paid_service_with_a_price_is_saved(producer, page):
    latest = assert_saved(producer, page, service_form_data(page, is_free=None, price="12.50"))
    assert not latest.is_free and str(latest.price) == "12.50"


# --- residence --------------------------------------------------------------------------------


def test_residence_irrelevant_with_participating_municipalities_is_refused(producer, page):
    assert_refused(
        producer,
        page,
        "residence_irrelevant",
        service_form_data(
            page, residence_irrelevant="on", participating_municipalities=[helsinki_term().pk]
        ),
    )


def test_residence_rule_checks_the_submitted_municipalities_not_the_stored_ones(producer, page):
    """The stored page has no municipalities; the submission adds one: still refused."""
    page.residence_irrelevant = True
    page.participating_municipalities = []
    page.save()
    page.save_revision()
    assert_refused(
        producer,
        page,
        "residence_irrelevant",
        service_form_data(
            page, residence_irrelevant="on", participating_municipalities=[helsinki_term().pk]
        ),
    )


def test_switching_to_residence_irrelevant_and_clearing_municipalities_is_saved(producer, page):
    """The stored page has municipalities; the submission clears them: valid."""
    page.participating_municipalities = [helsinki_term()]
    page.residence_irrelevant = False
    page.save()
    page.save_revision()
    latest = assert_saved(
        producer,
        page,
        service_form_data(page, residence_irrelevant="on", participating_municipalities=[]),
    )
    assert latest.residence_irrelevant
    assert list(latest.participating_municipalities.all()) == []


# --- time and place ---------------------------------------------------------------------------


def list_block(items):
    data = {
        str(i): {"value": value, "deleted": "", "order": str(i), "id": ""}
        for i, value in enumerate(items)
    }
    data["count"] = str(len(items))
    return data


def location(**overrides):
    value = {
        "name": "Toimipiste",
        "street_address": "Testikatu 1",
        "postal_code": "00100",
        "city": "Helsinki",
        "latitude": "",
        "longitude": "",
        "accessibility": list_block([]),
    }
    value.update(overrides)
    return value


def period(start, end, *, locations=(), weekly=()):
    return (
        "period",
        {
            "locations": list_block(list(locations)),
            "info": "",
            "period": {"start_date": start, "end_date": end},
            "weekly_times": list_block(list(weekly)),
        },
    )


def with_time_and_place(page, blocks):
    data = service_form_data(page)
    data.update(nested_form_data({"time_and_place": streamfield(blocks)}))
    return data


def block_errors(errors, *path):
    """Walk the nested block errors of a StreamField form error."""
    error = errors["time_and_place"].as_data()[0]
    for key in path:
        error = error.block_errors[key]
        if isinstance(error, list):
            error = error[0]
    return error


def test_period_ending_before_it_starts_is_refused(producer, page):
    errors = assert_refused(
        producer,
        page,
        "time_and_place",
        with_time_and_place(page, [period("2026-09-30", "2026-09-01")]),
    )
    assert "end_date" in block_errors(errors, 0, "period").block_errors


def test_weekly_time_ending_before_it_starts_is_refused(producer, page):
    weekly = {"weekday": "mon", "start": "12:00", "end": "09:00"}
    errors = assert_refused(
        producer,
        page,
        "time_and_place",
        with_time_and_place(page, [period("2026-09-01", "2026-09-30", weekly=[weekly])]),
    )
    assert "end" in block_errors(errors, 0, "weekly_times").block_errors[0].block_errors


@pytest.mark.parametrize(
    "overrides, field",
    [
        ({"postal_code": "123"}, "postal_code"),
        ({"postal_code": "00100A"}, "postal_code"),
        ({"latitude": "60.17", "longitude": ""}, "longitude"),
        ({"latitude": "95", "longitude": "24.9"}, "latitude"),
    ],
)
def test_invalid_location_is_refused(producer, page, overrides, field):
    errors = assert_refused(
        producer,
        page,
        "time_and_place",
        with_time_and_place(
            page, [period("2026-09-01", "2026-09-30", locations=[location(**overrides)])]
        ),
    )
    location_error = block_errors(errors, 0, "locations").block_errors[0]
    assert field in location_error.block_errors


def test_location_without_street_address_is_refused_on_publish(producer, page):
    """Wagtail lets a draft leave required block fields empty; publishing must not."""
    data = with_time_and_place(
        page, [period("2026-09-01", "2026-09-30", locations=[location(street_address="")])]
    )
    data["action-publish"] = "action-publish"
    live_before = ServicePage.objects.get(pk=page.pk).live_revision_id
    errors = assert_refused(producer, page, "time_and_place", data)
    assert "street_address" in block_errors(errors, 0, "locations").block_errors[0].block_errors
    assert ServicePage.objects.get(pk=page.pk).live_revision_id == live_before


def test_valid_time_and_place_is_saved(producer, page):
    weekly = {"weekday": "tue", "start": "09:00", "end": "12:00"}
    latest = assert_saved(
        producer,
        page,
        with_time_and_place(
            page,
            [
                period(
                    "2026-09-01",
                    "2026-09-30",
                    locations=[location(latitude="60.17", longitude="24.94")],
                    weekly=[weekly],
                )
            ],
        ),
    )
    block = latest.time_and_place[0]
    assert block.block_type == "period"
    assert block.value["locations"][0]["postal_code"] == "00100"


# --- creating a service -----------------------------------------------------------------------


def add_url(folder):
    return reverse("wagtailadmin_pages:add", args=["services", "servicepage", folder.pk])


def new_service_data(folder, **overrides):
    template = ServicePage(
        title="Uusi testipalvelu",
        slug="uusi-testipalvelu",
        short_description="Testipalvelu työnhakijoille.",
        all_working_age=True,
        is_free=True,
    )
    # An unsaved page has no relations: the many-to-many fields are sent empty.
    return service_form_data(template, **overrides)


@pytest.fixture
def folder(page):
    return ProviderFolderPage.objects.get(pk=page.get_parent().pk)


@pytest.fixture
def editor(login, folder):
    return login(f"{folder.organisation.slug}-editor")


def new_service_count():
    return ServicePage.objects.filter(slug="uusi-testipalvelu").count()


def test_create_without_provider_updater_is_refused(editor, folder):
    response = editor.post(add_url(folder), new_service_data(folder, provider_updater=""))
    assert response.status_code == 200
    assert "provider_updater" in response.context["form"].errors
    assert new_service_count() == 0


def test_create_with_an_outsider_as_updater_is_refused(editor, folder, page, user):
    outsider = other_provider_editor(page, user)
    response = editor.post(add_url(folder), new_service_data(folder, provider_updater=outsider.pk))
    assert response.status_code == 200
    assert "provider_updater" in response.context["form"].errors
    assert new_service_count() == 0


def test_create_with_residence_irrelevant_and_municipalities_is_refused(editor, folder, user):
    updater = user(f"{folder.organisation.slug}-editor")
    response = editor.post(
        add_url(folder),
        new_service_data(
            folder,
            provider_updater=updater.pk,
            residence_irrelevant="on",
            participating_municipalities=[helsinki_term().pk],
        ),
    )
    assert response.status_code == 200
    assert "residence_irrelevant" in response.context["form"].errors
    assert new_service_count() == 0


def test_create_with_provider_updater_is_saved_with_the_folder_organisations(editor, folder, user):
    updater = user(f"{folder.organisation.slug}-editor")
    response = editor.post(add_url(folder), new_service_data(folder, provider_updater=updater.pk))
    if response.status_code == 200:
        pytest.fail(f"form refused: {dict(response.context['form'].errors)}")
    assert response.status_code == 302
    service = ServicePage.objects.get(slug="uusi-testipalvelu")
    assert service.get_parent().pk == folder.pk
    assert service.provider == folder.organisation
    assert service.responsible_municipality == folder.get_parent().specific.organisation
    assert service.provider_updater == updater
    assert service.revisions.count() == 1
    assert not service.live
