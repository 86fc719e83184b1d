"""a translator must not publish a translation without the municipal review."""

import pytest
from django.urls import reverse

from services.models import ServicePage
from tests.clients import client_for
from translations.localize import add_string_translations
from translations.workflow import translation_into

pytestmark = pytest.mark.django_db

NEW_FI = "Palvelu on nyt myös etänä (tarkastus)."
NEW_SV = "Tjänsten finns nu på distans (tarkastus)."


@pytest.fixture
def pair(sv_pair, user):
    """The Finnish source changed and its new text translated, not yet saved into sv."""
    fi, sv = sv_pair
    fi.short_description = NEW_FI
    fi.save_revision(user=user("raasepori-producer")).publish()
    translation = translation_into(sv)
    add_string_translations(translation, {NEW_FI: NEW_SV})
    return fi, sv, translation


def test_translator_cannot_publish_through_sync_translated_pages(
    pair, user, django_capture_on_commit_callbacks
):
    fi, sv, translation = pair
    translator = user("raasepori-translator")
    assert not sv.permissions_for_user(translator).can_publish()
    url = reverse("wagtail_localize:update_translations", args=[translation.source_id])
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(translator).post(url, {"publish_translations": "on"})
    assert response.status_code in (302, 403)
    live = ServicePage.objects.get(pk=sv.pk)
    # The unreviewed translation must not be live, nor published as a revision.
    assert live.short_description != NEW_SV
    assert live.live_revision.as_object().short_description != NEW_SV


def test_translator_cannot_publish_through_localize_editor(pair, user):
    fi, sv, translation = pair
    translator = user("raasepori-translator")
    url = reverse("wagtailadmin_pages:edit", args=[sv.pk])
    client_for(translator).post(url, {"action": "publish"})
    assert ServicePage.objects.get(pk=sv.pk).short_description != NEW_SV


def test_translate_this_page_does_not_publish_an_unreviewed_translation(
    services, user, django_capture_on_commit_callbacks
):
    """'Translate this page' by a translator: the new version must not go live unreviewed
    (wagtail-localize publishes it when the source is live)."""
    from wagtail.models import Locale

    from tests.api.gql import gql

    en = Locale.objects.get(language_code="en")
    fi = next(
        p
        for p in ServicePage.objects.live()
        .filter(locale__language_code="fi", responsible_municipality__slug="raasepori")
        .order_by("pk")
        if not p.get_translations().filter(locale=en).exists()
    )
    translator = user("raasepori-translator")
    url = reverse("wagtail_localize:submit_page_translation", args=[fi.pk])
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(translator).post(url, {"locales": [en.pk]})
    assert response.status_code == 302, response.content[:2000]
    target = ServicePage.objects.get(translation_key=fi.translation_key, locale=en)
    data = gql(
        "query($id: ID) { service(id: $id, locale: en) { title isFallback locale } }",
        {"id": str(fi.pk)},
    )
    assert not target.live and data["service"]["isFallback"] is True, data


def test_translating_a_folder_subtree_publishes_nothing_unreviewed(
    pair, user, django_capture_on_commit_callbacks
):
    """'Translate this page' on a provider folder with 'Include subtree' re-saves and
    publishes every existing translation below it (wagtail-localize's
    translate_page_subtree calls create_translations for translated children too)."""
    from wagtail.models import Locale, Page

    fi, sv, translation = pair
    translator = user("raasepori-translator")
    folder = fi.get_parent().specific
    # a locale the folder is not translated into yet (the sv service's folder is)
    missing = Locale.objects.exclude(
        pk__in=folder.get_translations(inclusive=True).values("locale_id")
    ).first()
    assert missing is not None, "folder already translated into every locale"
    keys = [c.translation_key for c in folder.get_children()]
    live_before = set(
        Page.objects.live()
        .filter(translation_key__in=keys, locale=missing)
        .values_list("pk", flat=True)
    )
    url = reverse("wagtail_localize:submit_page_translation", args=[folder.pk])
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(translator).post(
            url, {"locales": [missing.pk], "include_subtree": "on"}
        )
    assert response.status_code == 302, response.content[:3000]
    live_after = set(
        Page.objects.live()
        .filter(translation_key__in=keys, locale=missing)
        .values_list("pk", flat=True)
    )
    # No service version goes live in the new locale without the municipal review.
    assert live_after == live_before, (missing.language_code, len(live_after - live_before))


def test_translator_cannot_bulk_publish_a_translation_draft(
    pair, user, django_capture_on_commit_callbacks
):
    from translations.workflow import save_draft

    fi, sv, translation = pair
    translator = user("raasepori-translator")
    save_draft(translation, ServicePage.objects.get(pk=sv.pk), translator)
    assert ServicePage.objects.get(pk=sv.pk).short_description != NEW_SV
    url = f"/admin/bulk/wagtailcore/page/publish/?id={sv.pk}"
    with django_capture_on_commit_callbacks(execute=True):
        client_for(translator).post(url, {"include_descendants": ""})
    assert ServicePage.objects.get(pk=sv.pk).short_description != NEW_SV


def test_translator_cannot_publish_through_plain_edit_view(
    pair, user, django_capture_on_commit_callbacks
):
    """With the localize editor stopped (translation disabled), Wagtail's own edit view."""
    fi, sv, translation = pair
    translator = user("raasepori-translator")
    translation.enabled = False
    translation.save()
    from tests.admin_forms import service_form_data

    url = reverse("wagtailadmin_pages:edit", args=[sv.pk])
    c = client_for(translator)
    page = ServicePage.objects.get(pk=sv.pk)
    data = service_form_data(page, short_description=NEW_SV)
    data["action-publish"] = "action-publish"
    with django_capture_on_commit_callbacks(execute=True):
        c.post(url, data)
    assert ServicePage.objects.get(pk=sv.pk).short_description != NEW_SV


def test_translator_cannot_replace_the_live_swedish_text_by_convert_to_alias(pair, user):
    """wagtail-localize's 'Convert to alias' (allowed to anyone who can edit the Swedish
    page) overwrites the live Swedish service with the Finnish content at once: a
    translator changes public content without the municipal review."""
    from tests.api.gql import gql

    fi, sv, translation = pair
    before = ServicePage.objects.get(pk=sv.pk).short_description
    translator = user("raasepori-translator")
    url = reverse("wagtail_localize:convert_to_alias", args=[sv.pk])
    response = client_for(translator).post(url)
    data = gql(
        "query($id: ID) { service(id: $id, locale: sv) { shortDescription locale } }",
        {"id": str(sv.pk)},
    )
    assert data["service"]["shortDescription"] == before, (response.status_code, data)


def test_a_maintainer_may_sync_and_publish(pair, user, django_capture_on_commit_callbacks):
    """Control: whoever may publish the Swedish page and use wagtail-localize's screens
    (a maintainer; producers have no translation permission) still can."""
    fi, sv, translation = pair
    producer = user("yllapito-maintainer")
    assert sv.permissions_for_user(producer).can_publish()
    url = reverse("wagtail_localize:update_translations", args=[translation.source_id])
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(producer).post(url, {"publish_translations": "on"})
    assert response.status_code == 302
    assert ServicePage.objects.get(pk=sv.pk).short_description == NEW_SV
