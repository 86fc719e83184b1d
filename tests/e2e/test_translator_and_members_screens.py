"""Issue 17 in Chromium: the translator (Swedish interface) finds the work list on the
dashboard and "Submit translation for review" as the editor's primary action, with no
"Convert to alias"; the main user (Finnish) is offered only the roles of the chosen
organisation. Screenshots into $E2E_SCREENSHOTS when it is set."""

import os
from pathlib import Path

import pytest
from django.urls import reverse
from wagtail.models import WorkflowState
from wagtail.users.models import UserProfile

from services.models import ServicePage

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.ui_only,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def shot(page, name):
    folder = os.environ.get("E2E_SCREENSHOTS")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(folder) / f"e2e-{name}.png"), full_page=True)


def prefer(username, language):
    from django.contrib.auth import get_user_model

    profile = UserProfile.get_for_user(get_user_model().objects.get(username=username))
    profile.preferred_language = language
    profile.save()


def test_translator_submits_from_the_editor_in_swedish(session_as):
    from translations.localize import add_string_translations
    from translations.workflow import translation_into

    sv = (
        ServicePage.objects.live()
        .filter(locale__language_code="sv", responsible_municipality__slug="raasepori")
        .order_by("pk")
        .first()
    )
    fi = ServicePage.objects.get(translation_key=sv.translation_key, locale__language_code="fi")
    from django.contrib.auth import get_user_model

    producer = get_user_model().objects.get(username="raasepori-producer")
    fi.short_description = "Palvelu on nyt myös etänä."
    fi.save_revision(user=producer).publish()
    add_string_translations(
        translation_into(sv), {"Palvelu on nyt myös etänä.": "Tjänsten finns nu på distans."}
    )
    prefer("raasepori-translator", "sv")

    page = session_as("raasepori-translator")
    panel = page.locator("[data-translation-work]")
    assert panel.count() == 1
    assert panel.locator(f'a[href="/admin/pages/{sv.pk}/edit/"]').count() >= 1
    shot(page, "17c-translator-dashboard-sv")

    page.goto(f"/admin/pages/{sv.pk}/edit/")
    page.wait_for_selector(".js-translation-editor footer", state="attached")  # React drew
    footer = page.locator("[data-pm-translator-footer]")
    assert footer.is_visible()
    # wagtail-localize's footer (alias, stop sync) is not shown.
    assert page.locator(".js-translation-editor footer.footer").is_hidden()
    assert (
        page.get_by_text("Konvertera till alias").count() == 0
        or not page.get_by_text("Konvertera till alias").first.is_visible()
    )
    shot(page, "17c-translator-editor-sv")
    with page.expect_navigation():
        footer.locator("button[type=submit]").click()
    state = WorkflowState.objects.for_instance(sv).order_by("-created_at").first()
    assert state is not None and state.status == "in_progress"
    assert page.url.endswith(reverse("wagtailadmin_pages:edit", args=[sv.pk]))
    assert footer.locator("button[disabled]").count() == 1
    shot(page, "17c-translator-editor-submitted-sv")


def test_role_choices_follow_the_organisation_in_finnish(session_as):
    from cms.models import Organisation

    prefer("yllapito-maintainer", "fi")
    prefer("helsinki-main", "fi")
    main = session_as("helsinki-main")
    main.goto("/admin/members/")
    shot(main, "17c-members-list-fi")
    main.goto("/admin/members/new/")
    options = main.locator("select[name=role] option:not([hidden])")
    values = {v for v in options.evaluate_all("os => os.map(o => o.value)") if v}
    assert values == {"municipality_main_user", "producer", "expert", "translator"}
    shot(main, "17c-members-invite-main-user-fi")

    maintainer = session_as("yllapito-maintainer")
    maintainer.goto("/admin/members/new/")
    provider = Organisation.objects.filter(kind="provider").order_by("name").first()
    maintainer.select_option("select[name=organisation]", str(provider.pk))
    enabled = maintainer.locator("select[name=role] option:not([disabled])")
    values = {v for v in enabled.evaluate_all("os => os.map(o => o.value)") if v}
    assert values == {"provider_main_user", "provider_editor"}
    assert maintainer.locator("select[name=role]").input_value() in values
    shot(maintainer, "17c-members-invite-maintainer-provider-fi")


def test_change_request_handling_names_people_in_finnish(session_as):
    from django.contrib.auth import get_user_model

    from services.change_requests import send_change_request

    prefer("espoo-producer", "fi")
    sender = get_user_model().objects.get(username="espoo-expert")
    page = ServicePage.objects.filter(
        responsible_municipality__slug="espoo", locale__language_code="fi"
    ).first()
    request = send_change_request(page, sender, "Osoite on vanhentunut.")
    producer = session_as("espoo-producer")
    producer.goto("/admin/change-requests/")
    assert producer.get_by_text(sender.get_full_name()).count() >= 1
    assert producer.get_by_text("espoo-expert", exact=True).count() == 0
    shot(producer, "17c-change-requests-list-fi")
    producer.goto(f"/admin/change-requests/edit/{request.pk}/")
    assert producer.locator("[data-change-request]").get_by_text("Osoite on vanhentunut.").count()
    shot(producer, "17c-change-request-edit-fi")
