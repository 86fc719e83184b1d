"""Translations through wagtail-localize: the source changes, the translation needs an
update, the translator translates and submits, the responsible municipality approves."""

import pytest
from django.urls import reverse
from wagtail.models import WorkflowState

from services.models import ServicePage
from tests.api.gql import gql
from tests.clients import client_for
from translations.localize import add_string_translations
from translations.workflow import (
    changed_segments,
    needs_update,
    progress,
    submit_for_review,
    translation_into,
)

pytestmark = pytest.mark.django_db


def state_of(page):
    return WorkflowState.objects.for_instance(page).order_by("-created_at").first()


def test_demo_translation_is_a_localize_translation_and_up_to_date(sv_pair):
    fi, sv = sv_pair
    translation = translation_into(sv)
    assert translation is not None and translation.target_locale.language_code == "sv"
    assert not needs_update(translation)
    assert sv.title != fi.title  # really translated, not a copy of the Finnish text


def test_source_change_marks_the_translation_outdated_until_translated(sv_pair, user):
    fi, sv = sv_pair
    translation = translation_into(sv)
    before = set(changed_segments(translation))
    total_before, done_before = progress(translation)
    fi.short_description = "Uusi kuvaus: palvelu alkaa myös iltaisin."
    fi.save_revision(user=user("raasepori-producer")).publish()
    translation.refresh_from_db()
    translation.source.refresh_from_db()
    assert needs_update(translation)
    # The translator sees what changed: the new text is a new untranslated segment.
    assert set(changed_segments(translation)) - before == {
        "Uusi kuvaus: palvelu alkaa myös iltaisin."
    }
    assert progress(translation)[1] == done_before - 1  # the old text's translation is gone
    add_string_translations(
        translation, {"Uusi kuvaus: palvelu alkaa myös iltaisin.": "Ny beskrivning."}
    )
    assert "Uusi kuvaus: palvelu alkaa myös iltaisin." not in changed_segments(translation)
    # Still outdated until the translation is saved into the page (submitted).
    assert needs_update(translation)
    submit_for_review(translation, user("raasepori-translator"))
    translation.source.refresh_from_db()
    assert not needs_update(translation)


def test_translator_submits_and_the_responsible_municipality_publishes(sv_pair, user):
    fi, sv = sv_pair
    translation = translation_into(sv)
    fi.short_description = "Palvelu on nyt myös etänä."
    fi.save_revision(user=user("raasepori-producer")).publish()
    add_string_translations(
        translation, {"Palvelu on nyt myös etänä.": "Tjänsten finns nu på distans."}
    )

    translator = client_for(user("raasepori-translator"))
    # The translator cannot publish in wagtail-localize's editor...
    editor_url = reverse("wagtailadmin_pages:edit", args=[sv.pk])
    response = translator.post(editor_url, {"action": "publish"})
    assert ServicePage.objects.get(pk=sv.pk).short_description != "Tjänsten finns nu på distans."
    # ...but submits the translation to the municipal review.
    response = translator.post(reverse("translations_submit", args=[sv.pk]))
    assert response.status_code == 302
    state = state_of(sv)
    assert state.status == "in_progress" and state.requested_by.username == "raasepori-translator"
    # Under review the public content is still the approved one (API included).
    assert ServicePage.objects.get(pk=sv.pk).short_description != "Tjänsten finns nu på distans."
    query = '{ service(id: "%s", locale: sv) { shortDescription } }' % sv.pk  # noqa: UP031
    assert gql(query)["service"]["shortDescription"] != "Tjänsten finns nu på distans."
    assert ServicePage.objects.get(pk=sv.pk).get_latest_revision_as_object().short_description == (
        "Tjänsten finns nu på distans."
    )

    # Another municipality cannot approve it; Raasepori's producer does, and it goes live.
    task_state = state.current_task_state
    url = reverse("wagtailadmin_pages:workflow_action", args=[sv.pk, "approve", task_state.pk])
    client_for(user("espoo-producer")).post(url, {"comment": ""})
    assert state_of(sv).status == "in_progress"
    client_for(user("raasepori-producer")).post(url, {"comment": ""})
    assert state_of(sv).status == "approved"
    live = ServicePage.objects.get(pk=sv.pk)
    assert live.live and live.short_description == "Tjänsten finns nu på distans."
    data = gql(
        '{ service(id: "%s", locale: sv) { shortDescription isFallback } }' % fi.pk  # noqa: UP031
    )
    assert data["service"] == {
        "shortDescription": "Tjänsten finns nu på distans.",
        "isFallback": False,
    }


def test_submit_is_refused_for_users_who_cannot_edit_the_translation(sv_pair, user):
    fi, sv = sv_pair
    for username in ("espoo-expert", "helsinki-producer"):
        response = client_for(user(username)).post(reverse("translations_submit", args=[sv.pk]))
        assert response.status_code in (302, 403)
        assert state_of(sv) is None or state_of(sv).status != "in_progress"


def test_translator_sees_the_submit_button_in_the_explorer(sv_pair, user):
    fi, sv = sv_pair
    body = client_for(user("raasepori-translator")).get(
        reverse("wagtailadmin_explore", args=[sv.get_parent().pk])
    )
    assert reverse("translations_submit", args=[sv.pk]) in body.content.decode()


def test_service_card_shows_the_translation_needs_an_update(sv_pair, user):
    fi, sv = sv_pair
    card = reverse("services_card", args=[fi.pk])
    client = client_for(user("raasepori-producer"))
    assert "translation up to date" in client.get(card).content.decode()
    fi.short_description = "Muuttunut kuvaus."
    fi.save_revision(user=user("raasepori-producer")).publish()
    body = client.get(card).content.decode()
    assert "the translation needs an update" in body


def test_relations_are_synchronised_from_the_source(sv_pair, user):
    """Taxonomies are synchronised (not translated): a change in the Finnish source
    reaches the translation when it is next saved."""
    from services.models import Audience, TargetGroup
    from translations.localize import translate

    fi, sv = sv_pair
    fi = ServicePage.objects.get(pk=fi.pk)
    audience = Audience.objects.filter(locale=fi.locale).exclude(pk__in=fi.audiences.all()).first()
    fi.audiences.add(audience)
    fi.target_groups.set(TargetGroup.objects.filter(locale=fi.locale)[:2])
    fi.save_revision(user=user("raasepori-producer")).publish()
    translate(fi, sv.locale)
    sv = ServicePage.objects.get(pk=sv.pk)
    fi = ServicePage.objects.get(pk=fi.pk)
    assert audience in set(fi.audiences.all())
    assert set(sv.audiences.all()) == set(fi.audiences.all())
    assert set(sv.target_groups.all()) == set(fi.target_groups.all())
    assert sv.service_category_id == fi.service_category_id


def test_a_translation_sent_back_is_resubmitted_into_the_same_review(sv_pair, user):
    _fi, sv = sv_pair
    translator = client_for(user("raasepori-translator"))
    submit = reverse("translations_submit", args=[sv.pk])
    assert translator.post(submit).status_code == 302
    state = state_of(sv)
    assert state.status == "in_progress"
    reject = reverse(
        "wagtailadmin_pages:workflow_action", args=[sv.pk, "reject", state.current_task_state.pk]
    )
    client_for(user("raasepori-producer")).post(reject, {"comment": "Korjaa otsikko."})
    assert state_of(sv).status == "needs_changes"
    # The button is still offered, and the same review continues with a new draft.
    explorer = translator.get(reverse("wagtailadmin_explore", args=[sv.get_parent().pk]))
    assert submit in explorer.content.decode()
    revisions = sv.revisions.count()
    assert translator.post(submit).status_code == 302
    resumed = state_of(sv)
    assert resumed.pk == state.pk and resumed.status == "in_progress"
    assert sv.revisions.count() == revisions + 1
    assert resumed.current_task_state.revision_id == sv.revisions.order_by("-pk").first().pk


@pytest.mark.parametrize("username", ["raasepori-producer", "yrityspalvelu-editor"])
def test_only_translators_submit_translations(sv_pair, user, username):
    """A provider never works on translations (they include internal information), and
    a producer reviews them; neither starts a translation's review."""
    _fi, sv = sv_pair
    before = sv.get_latest_revision().pk
    response = client_for(user(username)).post(reverse("translations_submit", args=[sv.pk]))
    assert response.status_code in (302, 403)
    assert state_of(sv) is None
    assert ServicePage.objects.get(pk=sv.pk).get_latest_revision().pk == before
