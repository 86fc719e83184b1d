"""The translator's wagtail-localize editor: "Submit translation for review" is the
primary action; "Convert to alias page" and "Stop synced translation" are neither
offered to translators nor accepted from them (forged POSTs)."""

import html
import json
import re

import pytest
from django.urls import reverse
from wagtail.models import Page, WorkflowState

from services.models import ServicePage
from tests.clients import client_for
from translations.workflow import translation_into

pytestmark = pytest.mark.django_db

SV = {"HTTP_ACCEPT_LANGUAGE": "sv"}


def editor(client, page, **headers):
    response = client.get(reverse("wagtailadmin_pages:edit", args=[page.pk]), **headers)
    assert response.status_code == 200
    body = response.content.decode()
    props = json.loads(html.unescape(re.search(r'data-props="([^"]*)"', body).group(1)))
    return body, props


def footer(body):
    match = re.search(r"<footer[^>]*data-pm-translator-footer.*?</footer>", body, re.S)
    return match.group(0) if match else None


def test_translator_editor_has_submit_for_review_as_primary_action(sv_pair, user):
    _fi, sv = sv_pair
    body, props = editor(client_for(user("raasepori-translator")), sv)
    ours = footer(body)
    assert ours is not None
    # The first (primary) button of the footer submits to the municipal review.
    submit = reverse("translations_submit", args=[sv.pk])
    assert f'action="{submit}"' in ours
    assert re.search(r"<button[^>]*>.*?Submit translation for review", ours, re.S)
    assert "preview" in ours  # the preview stays
    # No alias, no stop-sync: neither in our footer nor in the React editor's props.
    assert props["links"]["convertToAliasUrl"] is None
    assert props["links"]["stopTranslationUrl"] is None
    assert "convert_to_alias" not in body and "/stop/" not in body
    assert not props["perms"]["canPublish"]
    # wagtail-localize's own footer is hidden by the translator stylesheet.
    assert "translations/translator-editor.css" in body


def test_translator_editor_in_swedish_renders(sv_pair, user):
    _fi, sv = sv_pair
    translator = user("raasepori-translator")
    body, _props = editor(client_for(translator), sv, **SV)
    assert footer(body) is not None
    assert 'lang="sv"' in body


def test_producer_keeps_wagtail_localize_footer(sv_pair, user):
    _fi, sv = sv_pair
    body, props = editor(client_for(user("raasepori-producer")), sv)
    assert footer(body) is None
    assert props["perms"]["canPublish"]
    assert props["links"]["stopTranslationUrl"]
    assert props["links"]["convertToAliasUrl"]


def test_submitting_from_the_editor_returns_to_it_and_shows_the_review(sv_pair, user):
    _fi, sv = sv_pair
    client = client_for(user("raasepori-translator"))
    edit_url = reverse("wagtailadmin_pages:edit", args=[sv.pk])
    response = client.post(reverse("translations_submit", args=[sv.pk]), {"next": edit_url})
    assert response.status_code == 302 and response.url == edit_url
    state = WorkflowState.objects.for_instance(sv).order_by("-created_at").first()
    assert state.status == "in_progress"
    ours = footer(editor(client, sv)[0])
    assert "In review by the responsible municipality" in ours
    assert "translations_submit" not in ours and "submit/" not in ours
    # An outside `next` is not followed.
    state.cancel(user=user("raasepori-producer"))
    response = client.post(
        reverse("translations_submit", args=[sv.pk]), {"next": "https://example.com/"}
    )
    assert response.status_code == 302 and "example.com" not in response.url


def test_forged_convert_to_alias_by_a_translator_is_refused(sv_pair, user):
    _fi, sv = sv_pair
    client = client_for(user("raasepori-translator"))
    url = reverse("wagtail_localize:convert_to_alias", args=[sv.pk])
    assert client.post(url, {"next": "/admin/"}).status_code == 403
    page = Page.objects.get(pk=sv.pk)
    assert page.alias_of_id is None
    assert ServicePage.objects.get(pk=sv.pk).title == sv.title
    # The edit view's action-menu route leads to the same refused screen.
    response = client.post(
        reverse("wagtailadmin_pages:edit", args=[sv.pk]), {"localize-convert-to-alias": "1"}
    )
    assert response.status_code != 500
    assert Page.objects.get(pk=sv.pk).alias_of_id is None


def test_forged_stop_sync_by_a_translator_is_refused(sv_pair, user):
    _fi, sv = sv_pair
    translation = translation_into(sv)
    url = reverse("wagtail_localize:stop_translation", args=[translation.pk])
    response = client_for(user("raasepori-translator")).post(url, {"next": "/admin/"})
    assert response.status_code == 403
    translation.refresh_from_db()
    assert translation.enabled
    # A translator of the maintainer organisation neither.
    response = client_for(user("yllapito-translator")).post(url, {"next": "/admin/"})
    assert response.status_code == 403
    translation.refresh_from_db()
    assert translation.enabled


def test_producer_may_stop_the_sync(sv_pair, user):
    _fi, sv = sv_pair
    translation = translation_into(sv)
    url = reverse("wagtail_localize:stop_translation", args=[translation.pk])
    response = client_for(user("raasepori-producer")).post(url, {"next": "/admin/"})
    assert response.status_code == 302
    translation.refresh_from_db()
    assert not translation.enabled
