"""The translators' work list (translations.worklist) and its dashboard panel."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from wagtail.models import Locale, Page, WorkflowState

from services.models import ServicePage
from tests.clients import client_for
from translations.worklist import is_translator, translation_work

pytestmark = pytest.mark.django_db


def keys(items):
    return {(item.page.pk, item.locale.language_code) for item in items}


def send_back(sv, user, comment="Korjaa otsikko."):
    submit = reverse("translations_submit", args=[sv.pk])
    assert client_for(user("raasepori-translator")).post(submit).status_code == 302
    state = WorkflowState.objects.for_instance(sv).order_by("-created_at").first()
    reject = reverse(
        "wagtailadmin_pages:workflow_action", args=[sv.pk, "reject", state.current_task_state.pk]
    )
    client_for(user("raasepori-producer")).post(reject, {"comment": comment})
    state.refresh_from_db()
    assert state.status == "needs_changes"


def test_source_change_puts_the_translation_on_the_list_until_submitted(sv_pair, user):
    fi, sv = sv_pair
    translator = user("raasepori-translator")
    assert (sv.pk, "sv") not in keys(translation_work(translator, limit=1000).needs_update)
    fi.short_description = "Uusi kuvaus."
    fi.save_revision(user=user("raasepori-producer")).publish()
    work = translation_work(translator, limit=1000)
    assert (sv.pk, "sv") in keys(work.needs_update)
    assert work.counts["needs_update"] >= 1
    client_for(translator).post(reverse("translations_submit", args=[sv.pk]))
    assert (sv.pk, "sv") not in keys(translation_work(translator, limit=1000).needs_update)


def test_a_translation_sent_back_is_listed_with_the_comment_and_the_reviewer(sv_pair, user):
    _fi, sv = sv_pair
    producer = user("raasepori-producer")
    producer.first_name, producer.last_name = "Rita", "Granskare"
    producer.save()
    send_back(sv, user, "Korjaa otsikko.")
    work = translation_work(user("raasepori-translator"))
    [item] = [item for item in work.sent_back if item.page.pk == sv.pk]
    assert item.comment == "Korjaa otsikko."
    assert item.by == "Rita Granskare"
    assert work.counts["sent_back"] == 1


def test_untranslated_pages_are_those_whose_parent_is_translated(sv_pair, user):
    fi, sv = sv_pair
    translator = user("raasepori-translator")
    sv_locale = Locale.objects.get(language_code="sv")
    work = translation_work(translator, limit=10_000)
    untranslated = keys(work.untranslated)
    assert (fi.pk, "sv") not in untranslated  # translated already
    # Every listed page lacks a version in the language and its parent has one.
    for page_id, code in untranslated:
        page = Page.objects.get(pk=page_id)
        assert not Page.objects.filter(
            translation_key=page.translation_key, locale__language_code=code
        ).exists()
        assert Page.objects.filter(
            translation_key=page.get_parent().translation_key, locale__language_code=code
        ).exists()
        assert page.live and page.locale.language_code == "fi"
    # A Finnish sibling of the translated service without a Swedish version is listed.
    sibling = (
        ServicePage.objects.live()
        .child_of(fi.get_parent())
        .filter(locale=fi.locale)
        .exclude(
            translation_key__in=ServicePage.objects.filter(locale=sv_locale).values(
                "translation_key"
            )
        )
        .first()
    )
    if sibling is not None:
        assert (sibling.pk, "sv") in untranslated


def test_scoped_to_the_languages_and_pages_the_user_may_edit(sv_pair, user):
    from wagtail.models import GroupPagePermission

    fi, sv = sv_pair
    send_back(sv, user)
    fi.short_description = "Uusi kuvaus."
    fi.save_revision(user=user("raasepori-producer")).publish()
    # Nobody without edit rights on translated pages has translation work.
    assert translation_work(user("espoo-expert"), limit=1000).empty
    # The translators' languages only: never Finnish pages as translation work.
    translator = user("raasepori-translator")
    work = translation_work(translator, limit=1000)
    codes = {item.locale.language_code for _k, _t, items, _c in work.sections for item in items}
    assert codes == {"sv", "en"}
    # A translator of Swedish only (no rights on the English pages) sees Swedish work only.
    GroupPagePermission.objects.filter(
        group__in=translator.groups.all(), page__locale__language_code="en"
    ).delete()
    translator = user("raasepori-translator")  # no cached permissions
    work = translation_work(translator, limit=1000)
    codes = {item.locale.language_code for _k, _t, items, _c in work.sections for item in items}
    assert codes == {"sv"}
    assert (sv.pk, "sv") in keys(work.needs_update) and (sv.pk, "sv") in keys(work.sent_back)


def test_the_panel_is_for_translators_only_and_costs_no_query_per_row(sv_pair, user):
    fi, sv = sv_pair
    send_back(sv, user)
    fi.short_description = "Uusi kuvaus."
    fi.save_revision(user=user("raasepori-producer")).publish()
    translator = user("raasepori-translator")
    assert is_translator(translator)
    body = client_for(translator).get(reverse("wagtailadmin_home")).content.decode()
    assert "data-translation-work" in body
    assert reverse("wagtailadmin_pages:edit", args=[sv.pk]) in body
    assert "Sent back from review" in body and "Korjaa otsikko." in body
    assert "Needs an update" in body
    for username in ("raasepori-producer", "yllapito-maintainer", "espoo-expert"):
        assert not is_translator(user(username))
        home = client_for(user(username)).get(reverse("wagtailadmin_home")).content.decode()
        assert "data-translation-work" not in home, username
    # A fixed number of queries, whatever the number of rows.
    translation_work(translator, limit=1)  # caches (content types, default locale) warm
    with CaptureQueriesContext(connection) as few:
        translation_work(translator, limit=1)
    with CaptureQueriesContext(connection) as many:
        translation_work(translator, limit=1000)
    assert len(many) == len(few)


def test_the_panel_in_swedish(sv_pair, user):
    _fi, sv = sv_pair
    send_back(sv, user)
    body = (
        client_for(user("raasepori-translator"))
        .get(reverse("wagtailadmin_home"), HTTP_ACCEPT_LANGUAGE="sv")
        .content.decode()
    )
    assert "data-translation-work" in body
