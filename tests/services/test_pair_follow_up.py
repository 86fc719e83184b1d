"""Update-pair follow-up (issue 16): the missing/left/inactive rule with dated examples, the
report's scoping per main user, reassignment (forged choices refused, audit-logged), the
dashboard panel and the daily job's idempotence."""

import datetime as dt
from io import StringIO
from types import SimpleNamespace

import pytest
from django.core.management import call_command
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone
from wagtail.models import PageLogEntry

from cms import jobs
from cms.models import Membership
from services import pair_follow_up
from services.models import ServicePage
from services.pair_follow_up import INACTIVE, LEFT, MISSING, Problem, half_problem

pytestmark = pytest.mark.django_db

NOW = dt.datetime(2026, 6, 1, 9, 0, tzinfo=dt.UTC)


def person(*, active=True, last_login=None, joined=NOW - dt.timedelta(days=400)):
    return SimpleNamespace(is_active=active, last_login=last_login, date_joined=joined)


def membership(role="producer", active=True):
    return SimpleNamespace(role=role, is_active=active)


@override_settings(UPDATE_PAIR_INACTIVE_DAYS=120)
@pytest.mark.parametrize(
    "user, member, roles, expected",
    [
        (None, None, None, Problem(MISSING, "missing")),
        (person(), None, None, Problem(LEFT, "no_membership")),
        (person(), membership("expert"), ("producer",), Problem(LEFT, "role")),
        (person(active=False), membership(), None, Problem(INACTIVE, "account")),
        (person(), membership(active=False), None, Problem(INACTIVE, "membership")),
        # 121 days without a sign-in: inactive; 119 days: fine.
        (
            person(last_login=NOW - dt.timedelta(days=121)),
            membership(),
            None,
            Problem(INACTIVE, "no_sign_in"),
        ),
        (person(last_login=NOW - dt.timedelta(days=119)), membership(), None, None),
        # Never signed in: counted from the account's creation.
        (
            person(joined=NOW - dt.timedelta(days=121)),
            membership(),
            None,
            Problem(INACTIVE, "never_signed_in"),
        ),
        (person(joined=NOW - dt.timedelta(days=3)), membership(), None, None),
        (person(last_login=NOW), membership("producer"), ("producer",), None),
    ],
)
def test_half_problem(user, member, roles, expected):
    assert half_problem(user, member, NOW, roles=roles) == expected


def test_the_limit_is_a_setting():
    signed_in = person(last_login=NOW - dt.timedelta(days=40))
    with override_settings(UPDATE_PAIR_INACTIVE_DAYS=30):
        assert half_problem(signed_in, membership(), NOW) == Problem(INACTIVE, "no_sign_in")
    with override_settings(UPDATE_PAIR_INACTIVE_DAYS=60):
        assert half_problem(signed_in, membership(), NOW) is None


def fresh_world():
    """Every demo account signed in just now: only what a test breaks is broken."""
    from django.contrib.auth import get_user_model

    get_user_model().objects.update(last_login=timezone.now())


@pytest.fixture
def broken(services, user):
    """Three Helsinki services and one Espoo service with a broken pair, dated examples."""
    fresh_world()
    pages = list(
        ServicePage.objects.filter(
            locale__language_code="fi", responsible_municipality__slug="helsinki"
        ).order_by("pk")[:3]
    )
    missing, left, inactive = pages
    ServicePage.objects.filter(translation_key=missing.translation_key).update(
        provider_updater=None
    )
    # The municipal responsible person's membership removed: has left.
    Membership.objects.filter(
        user=left.municipal_responsible, organisation=left.responsible_municipality
    ).delete()
    # The provider updater last signed in 400 days ago: inactive.
    stale = inactive.provider_updater
    stale.last_login = timezone.now() - dt.timedelta(days=400)
    stale.save(update_fields=["last_login"])
    espoo = services("espoo")
    ServicePage.objects.filter(translation_key=espoo.translation_key).update(
        municipal_responsible=None
    )
    return SimpleNamespace(missing=missing, left=left, inactive=inactive, espoo=espoo)


def problems(follow_ups):
    return {
        f.page.pk: (
            f.provider_updater.kind if f.provider_updater else None,
            f.municipal_responsible.kind if f.municipal_responsible else None,
        )
        for f in follow_ups
    }


def test_detection(broken):
    found = problems(pair_follow_up.broken_pairs())
    assert found[broken.missing.pk][0] == MISSING
    assert found[broken.left.pk][1] == LEFT
    assert found[broken.inactive.pk][0] == INACTIVE
    assert found[broken.espoo.pk] == (None, MISSING)
    # Translations follow their source: only Finnish pages are listed.
    assert set(
        ServicePage.objects.filter(pk__in=found).values_list("locale__language_code", flat=True)
    ) == {"fi"}


def test_detection_costs_a_fixed_number_of_queries(broken, django_assert_max_num_queries):
    with django_assert_max_num_queries(3):
        pair_follow_up.broken_pairs()


def test_scoping_main_users_see_their_region_or_organisation(broken, user):
    helsinki = set(
        problems(
            pair_follow_up.broken_pairs(pair_follow_up.services_followed_by(user("helsinki-main")))
        )
    )
    assert {broken.missing.pk, broken.left.pk, broken.inactive.pk} <= helsinki
    assert broken.espoo.pk not in helsinki
    assert (
        ServicePage.objects.filter(pk__in=helsinki)
        .exclude(responsible_municipality__slug="helsinki")
        .count()
        == 0
    )
    espoo = set(
        problems(
            pair_follow_up.broken_pairs(pair_follow_up.services_followed_by(user("espoo-main")))
        )
    )
    assert broken.espoo.pk in espoo and not espoo & helsinki
    provider = broken.inactive.provider
    own = pair_follow_up.services_followed_by(user(f"{provider.slug}-main"))
    assert set(own.values_list("provider_id", flat=True)) == {provider.pk}
    for nobody in ("helsinki-producer", "helsinki-expert", f"{provider.slug}-editor"):
        assert not pair_follow_up.services_followed_by(user(nobody)).exists(), nobody
    assert (
        set(
            problems(
                pair_follow_up.broken_pairs(
                    pair_follow_up.services_followed_by(user("yllapito-maintainer"))
                )
            )
        )
        >= helsinki | espoo
    )


def test_report_and_panel_are_scoped(broken, login):
    client = login("helsinki-main")
    response = client.get(reverse("services_pair_follow_up"))
    assert response.status_code == 200
    listed = {row["page"].pk for row in response.context["rows"]}
    assert broken.missing.pk in listed and broken.espoo.pk not in listed
    csv = client.get(reverse("services_pair_follow_up"), {"export": "csv"}).content.decode()
    assert broken.missing.title in csv and broken.espoo.title not in csv
    dashboard = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "Update-pair follow-up" in dashboard
    expert = login("helsinki-expert")
    refused = expert.get(reverse("services_pair_follow_up"))
    # Wagtail answers a PermissionDenied in the admin with a redirect home and a message.
    assert refused.status_code == 302 and refused["Location"] == reverse("wagtailadmin_home")
    assert "Update-pair follow-up" not in expert.get(reverse("wagtailadmin_home")).content.decode()


def post_reassign(client, page, half, person_pk):
    return client.post(
        reverse("services_pair_reassign"),
        {"page": page.pk, "half": half, "person": person_pk},
    )


def test_reassignment_names_an_eligible_person_and_is_logged(broken, login, user):
    client = login("helsinki-main")
    new = user("helsinki-producer2")
    if broken.left.municipal_responsible == new:
        new = user("helsinki-producer")
    response = post_reassign(client, broken.left, "municipal_responsible", new.pk)
    assert response.status_code == 302
    for page in ServicePage.objects.filter(translation_key=broken.left.translation_key):
        assert page.municipal_responsible_id == new.pk
        revision = page.latest_revision
        assert revision is None or revision.content["municipal_responsible"] == new.pk
    entry = PageLogEntry.objects.filter(page=broken.left, action="services.pair_reassigned").get()
    assert entry.user == user("helsinki-main") and entry.data["new"] == new.pk
    assert problems(pair_follow_up.broken_pairs()).get(broken.left.pk, (None, None))[1] is None


def test_forged_reassignments_are_refused(broken, login, user):
    client = login("helsinki-main")
    page = broken.left
    before = page.municipal_responsible_id
    # Someone of another municipality, an ineligible role, a provider user, a nonsense id.
    for forged in ("espoo-producer", "helsinki-expert", "tyovalmennus-editor"):
        response = post_reassign(client, page, "municipal_responsible", user(forged).pk)
        assert response.status_code == 302, forged
    post_reassign(client, page, "municipal_responsible", "1 OR 1=1")
    page.refresh_from_db()
    assert page.municipal_responsible_id == before
    assert not PageLogEntry.objects.filter(action="services.pair_reassigned").exists()
    # The provider half is the provider's main users' to name.
    provider_member = user(f"{broken.missing.provider.slug}-editor")
    refused = post_reassign(client, broken.missing, "provider_updater", provider_member.pk)
    assert refused.status_code == 302 and refused["Location"] == reverse("wagtailadmin_home")
    # Another region's service is not even found.
    espoo_producer = user("espoo-producer")
    assert (
        post_reassign(client, broken.espoo, "municipal_responsible", espoo_producer.pk).status_code
        == 404
    )
    # A provider's main user names only its own members.
    provider_main = login(f"{broken.missing.provider.slug}-main")
    outsider = (
        Membership.objects.filter(organisation__kind="provider", role="provider_editor")
        .exclude(organisation=broken.missing.provider)
        .first()
        .user
    )
    post_reassign(provider_main, broken.missing, "provider_updater", outsider.pk)
    assert ServicePage.objects.get(pk=broken.missing.pk).provider_updater_id is None
    assert (
        post_reassign(
            provider_main, broken.missing, "provider_updater", provider_member.pk
        ).status_code
        == 302
    )
    assert ServicePage.objects.get(pk=broken.missing.pk).provider_updater_id == provider_member.pk


def run():
    """The command's counts, from its last line: {"main users told": 10, ...}."""
    out = StringIO()
    call_command("pair_follow_up", stdout=out)
    last = out.getvalue().strip().splitlines()[-1]
    return {part.split(" ", 1)[1]: int(part.split(" ", 1)[0]) for part in last.split(", ")}


def test_daily_job_tells_each_main_user_once_a_day(broken, mailoutbox):
    assert any(job.command == "pair_follow_up" for job in jobs.SCHEDULES["daily"].jobs)
    first = run()
    told = {m.to[0] for m in mailoutbox}
    assert first["main users told"] == len(told) > 0
    assert first["services with a broken pair"] >= 4
    assert {"helsinki-main@example.fi", "espoo-main@example.fi"} <= told
    assert f"{broken.missing.provider.slug}-main@example.fi" in told
    assert "helsinki-producer@example.fi" not in told
    helsinki = next(m for m in mailoutbox if m.to[0] == "helsinki-main@example.fi")
    assert broken.missing.title in helsinki.body and broken.espoo.title not in helsinki.body
    sent = len(mailoutbox)
    again = run()
    assert again["main users told"] == 0 and len(mailoutbox) == sent
    assert again["already told today"] == len(told)
