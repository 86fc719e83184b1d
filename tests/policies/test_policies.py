"""Policy pages: the index in every locale, validation, translations and revisions, the
GraphQL API (list and detail, locales with Finnish fallback, live public pages only, a
constant number of queries), the dashboard notice, the e-mail digest and the read views."""

import datetime as dt

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Locale, Page, PageViewRestriction

from policies.models import Decision, PolicyIndexPage, PolicyPage, WorkingGroupVote
from policies.notifications import send_policy_digest
from policies.setup import ensure_policy_index
from services.models import SentNotification, ServiceIndexPage
from tests.api.gql import gql, post
from translations.localize import translate

pytestmark = pytest.mark.django_db

LIST = """
query($locale: LocaleCode, $fallback: Boolean, $status: PolicyStatus, $limit: Int) {
  policies(locale: $locale, fallback: $fallback, status: $status, limit: $limit) {
    totalCount
    items {
      id slug title locale isFallback summary body scope scopeLabel decidedBy decisionDate status
      successor { title locale isFallback }
      decision { title outcome workingGroup { forShare totalShare threshold passed }
                 steeringGroup { forShare passed } }
    }
  }
}
"""
DETAIL = """
query($id: ID, $slug: String, $locale: LocaleCode) {
  policy(id: $id, slug: $slug, locale: $locale) { id title locale isFallback status decidedBy }
}
"""


@pytest.fixture
def index(db):
    """The Finnish policy index, emptied of the demo's policies."""
    index = ensure_policy_index()
    for page in PolicyPage.objects.all():
        page.delete()
    return index


def make_policy(index, title, *, publish=True, **fields):
    fields.setdefault("body", f"<p>{title}: teksti.</p>")
    fields.setdefault("scope", "content")
    if "decision" not in fields:
        fields.setdefault("decided_by", "working_group")
        fields.setdefault("decision_date", dt.date(2026, 3, 11))
    page = index.add_child(
        instance=PolicyPage(title=title, locale=index.locale, live=publish, **fields)
    )
    revision = page.save_revision()
    if publish:
        revision.publish()
    return PolicyPage.objects.get(pk=page.pk)


def decided(partners, *, passes=True):
    decision = Decision.objects.create(
        title="Päätös", proposal="Ehdotus", working_group_date=dt.date(2026, 4, 8)
    )
    answers = {"helsinki": "for", "espoo": "for" if passes else "against", "vantaa": "for"}
    for slug, vote in answers.items():
        WorkingGroupVote.objects.create(decision=decision, organisation=partners[slug], vote=vote)
    return decision


def swedish():
    return Locale.objects.get(language_code="sv")


def translate_now(page, locale, strings):
    """Translate and publish at once (wagtail-localize publishes on commit otherwise)."""
    target = translate(page, locale, strings, publish=False)
    target.get_latest_revision().publish()
    return PolicyPage.objects.get(pk=target.pk)


# --- The index --------------------------------------------------------------------------------
def test_index_in_every_locale_next_to_the_catalogue(db):
    first = ensure_policy_index()
    assert ensure_policy_index().pk == first.pk  # idempotent
    indexes = PolicyIndexPage.objects.all()
    assert {p.locale.language_code for p in indexes} == {"fi", "sv", "en"}
    root = Page.get_first_root_node()
    for page in indexes:
        assert page.live and page.get_parent().pk == root.pk
    catalogue = ServiceIndexPage.objects.get(locale__language_code="fi")
    assert catalogue.get_parent().pk == root.pk
    assert {p.translation_key for p in indexes} == {first.translation_key}
    assert PolicyIndexPage.objects.get(locale=swedish()).title == "Tjänsteriktlinjer"


# --- Validation --------------------------------------------------------------------------------
def test_a_superseded_policy_links_to_its_successor(index):
    new = make_policy(index, "Uusi linjaus")
    old = make_policy(index, "Vanha linjaus")
    old.status = "superseded"
    with pytest.raises(ValidationError) as exc:
        old.full_clean()
    assert "superseded_by" in exc.value.error_dict
    old.superseded_by = old
    with pytest.raises(ValidationError):
        old.full_clean()
    old.superseded_by = new
    old.full_clean()
    new.superseded_by = old  # a valid policy has no successor
    with pytest.raises(ValidationError):
        new.full_clean()


def test_deciding_body_and_date_come_from_the_decision(index, partners, no_monitoring):
    policy = make_policy(index, "Päätetty linjaus", decision=decided(partners))
    assert policy.decided_by == "working_group"
    assert policy.decision_date == dt.date(2026, 4, 8)
    failed = decided(partners, passes=False)
    policy.decision = failed
    with pytest.raises(ValidationError) as exc:
        policy.full_clean()
    assert "decision" in exc.value.error_dict
    policy.decision = None
    policy.decided_by = ""
    policy.decision_date = None
    with pytest.raises(ValidationError) as exc:
        policy.full_clean()
    assert {"decided_by", "decision_date"} <= set(exc.value.error_dict)


def test_translations_keep_the_facts_and_revisions_keep_the_history(index, partners, no_monitoring):
    policy = make_policy(index, "Linjaus", summary="Tiivistelmä", decision=decided(partners))
    sv = translate_now(policy, swedish(), {"Linjaus": "Riktlinje", "Tiivistelmä": "Sammanfattning"})
    assert sv.title == "Riktlinje" and sv.summary == "Sammanfattning"
    assert (sv.decision_id, sv.decided_by, sv.scope) == (
        policy.decision_id,
        "working_group",
        policy.scope,
    )
    policy.body = "<p>Muutettu.</p>"
    policy.save_revision().publish()
    assert policy.revisions.count() == 2


# --- GraphQL -------------------------------------------------------------------------------------
@pytest.fixture
def published(index, partners, no_monitoring):
    current = make_policy(index, "Nykyinen", decision=decided(partners))
    translate_now(current, swedish(), {"Nykyinen": "Gällande"})
    old = make_policy(
        index,
        "Vanha",
        status="superseded",
        superseded_by=current,
        decision_date=dt.date(2025, 1, 1),
    )
    draft = make_policy(index, "LUONNOS-9876", publish=False)
    private = make_policy(index, "YKSITYINEN-5432")
    PageViewRestriction.objects.create(page=private, restriction_type="login")
    return {"current": current, "old": old, "draft": draft, "private": private}


def test_list_in_finnish(published):
    data = gql(LIST, {"locale": "fi"})["policies"]
    assert data["totalCount"] == 2
    current, old = data["items"]
    assert (current["title"], old["title"]) == ("Nykyinen", "Vanha")
    assert current["decision"]["outcome"] == "working_group"
    assert current["decision"]["workingGroup"] == {
        "forShare": "92.88",
        "totalShare": "100.00",
        "threshold": "66.67",
        "passed": True,
    }
    assert current["decidedBy"] == "working_group" and current["decisionDate"] == "2026-04-08"
    assert old["status"] == "superseded" and old["successor"]["title"] == "Nykyinen"
    assert current["scope"] == "content" and current["scopeLabel"]  # the label in the locale


def test_list_in_swedish_falls_back_to_finnish(published):
    data = gql(LIST, {"locale": "sv"})["policies"]["items"]
    by_title = {item["title"]: item for item in data}
    assert set(by_title) == {"Gällande", "Vanha"}
    assert by_title["Gällande"]["locale"] == "sv" and not by_title["Gällande"]["isFallback"]
    assert by_title["Vanha"]["locale"] == "fi" and by_title["Vanha"]["isFallback"]
    # The successor comes in the requested locale.
    assert by_title["Vanha"]["successor"] == {
        "title": "Gällande",
        "locale": "sv",
        "isFallback": False,
    }
    strict = gql(LIST, {"locale": "sv", "fallback": False})["policies"]
    assert [i["title"] for i in strict["items"]] == ["Gällande"]


def test_only_live_public_policies(published):
    everything = str(gql(LIST, {"locale": "fi", "limit": 100}))
    assert "LUONNOS-9876" not in everything and "YKSITYINEN-5432" not in everything
    for page in (published["draft"], published["private"]):
        assert gql(DETAIL, {"id": str(page.pk)})["policy"] is None


def test_an_unpublished_draft_of_a_live_policy_stays_private(published):
    current = published["current"]
    current.body = "<p>LUONNOS-MUUTOS-3141</p>"
    current.title = "LUONNOS-OTSIKKO-3141"
    current.save_revision()
    everything = str(gql(LIST, {"locale": "fi"})) + str(gql(DETAIL, {"id": str(current.pk)}))
    assert "3141" not in everything and "Nykyinen" in everything


def test_status_filter(published):
    data = gql(LIST, {"status": "valid"})["policies"]
    assert [i["title"] for i in data["items"]] == ["Nykyinen"]


def test_detail_by_id_and_slug_in_a_locale(published):
    current = published["current"]
    fi = gql(DETAIL, {"id": str(current.pk)})["policy"]
    assert fi["title"] == "Nykyinen" and not fi["isFallback"]
    sv = gql(DETAIL, {"slug": current.slug, "locale": "sv"})["policy"]
    assert sv["title"] == "Gällande" and sv["locale"] == "sv"
    en = gql(DETAIL, {"id": str(current.pk), "locale": "en"})["policy"]
    assert en["title"] == "Nykyinen" and en["isFallback"] and en["locale"] == "fi"
    response = post(DETAIL, {"id": "1", "slug": "x"})
    assert "errors" in response.json()


def test_the_list_runs_a_constant_number_of_queries(index, partners, no_monitoring):
    decision = decided(partners)
    successor = make_policy(index, "Seuraaja", decision=decision)

    def count(limit):
        with CaptureQueriesContext(connection) as ctx:
            response = post(LIST, {"locale": "sv", "limit": limit})
        assert "errors" not in response.json()
        return len(ctx.captured_queries)

    for n in range(3):
        make_policy(
            index, f"Vanha {n}", status="superseded", superseded_by=successor, decision=decision
        )
    post(LIST, {"limit": 1})
    small = count(2)
    for n in range(3, 12):
        make_policy(
            index, f"Vanha {n}", status="superseded", superseded_by=successor, decision=decision
        )
    large = count(12)
    assert small == large <= 15, (small, large)


# --- Telling users: the dashboard notice and the digest -------------------------------------------
def test_dashboard_lists_recent_policies(login, index):
    recent = make_policy(index, "Tuore linjaus")
    old = make_policy(index, "Vanha linjaus")
    long_ago = timezone.now() - dt.timedelta(days=45)
    PolicyPage.objects.filter(pk=old.pk).update(
        first_published_at=long_ago, last_published_at=long_ago
    )
    for username in ("helsinki-expert", "tyovalmennus-editor"):
        body = login(username).get(reverse("wagtailadmin_home")).content.decode()
        assert "Tuore linjaus" in body and "Vanha linjaus" not in body
        assert reverse("policies_read", args=[recent.pk]) in body


def test_digest_goes_to_active_members_once(index, user):
    make_policy(index, "Ensimmäinen")
    inactive = user("espoo-expert")
    inactive.memberships.update(is_active=False)
    sent, _quiet = send_policy_digest()
    recipients = {m.to[0] for m in mail.outbox}
    assert sent == len(mail.outbox) > 5
    assert "helsinki-expert@example.fi" in recipients
    assert "espoo-expert@example.fi" not in recipients
    assert all("Ensimmäinen" in m.body for m in mail.outbox)
    # Idempotent: nothing new, nothing sent.
    mail.outbox.clear()
    assert send_policy_digest()[0] == 0 and not mail.outbox
    # A new policy: the next digest has it and not the first one.
    later = timezone.now() + dt.timedelta(minutes=5)
    second = make_policy(index, "Toinen")
    PolicyPage.objects.filter(pk=second.pk).update(
        first_published_at=later, last_published_at=later
    )
    send_policy_digest(now=later + dt.timedelta(minutes=1))
    assert mail.outbox and all(
        "Toinen" in m.body and "Ensimmäinen" not in m.body for m in mail.outbox
    )
    assert SentNotification.objects.filter(key__startswith="policy-digest:").exists()


def test_digest_command(index, capsys):
    make_policy(index, "Komento")
    call_command("policy_digest")
    assert "e-mails sent" in capsys.readouterr().out and mail.outbox
    mail.outbox.clear()
    call_command("policy_digest")
    assert not mail.outbox


def test_digest_in_the_recipients_language(index, user):
    policy = make_policy(index, "Kielitesti", summary="Suomeksi")
    translate_now(policy, swedish(), {"Kielitesti": "Språktest", "Suomeksi": "På svenska"})
    send_policy_digest()
    by_recipient = {m.to[0]: m for m in mail.outbox}
    assert "Språktest" in by_recipient["raasepori-main@example.fi"].body
    assert "Kielitesti" in by_recipient["helsinki-main@example.fi"].body


# --- Reading in the admin ------------------------------------------------------------------------
def test_every_admin_user_reads_the_policies(login, index):
    policy = make_policy(index, "Luettava linjaus")
    draft = make_policy(index, "LUONNOS-1212", publish=False)
    client = login("tyovalmennus-editor")
    listing = client.get(reverse("policies_list")).content.decode()
    assert "Luettava linjaus" in listing and "LUONNOS-1212" not in listing
    page = client.get(reverse("policies_read", args=[policy.pk]))
    assert page.status_code == 200 and "teksti" in page.content.decode()
    assert page.context["can_edit"] is False
    assert client.get(reverse("policies_read", args=[draft.pk])).status_code == 404
    assert (
        login("yllapito-maintainer")
        .get(reverse("policies_read", args=[policy.pk]))
        .context["can_edit"]
    )


def test_the_editor_preview_renders(login, index):
    policy = make_policy(index, "Esikatselu")
    client = login("yllapito-maintainer")
    for page in (policy, index):
        response = client.get(reverse("wagtailadmin_pages:view_draft", args=[page.pk]))
        assert response.status_code == 200
    assert (
        "Esikatselu"
        in client.get(reverse("wagtailadmin_pages:view_draft", args=[policy.pk])).content.decode()
    )
