"""The demo catalogue: counts, determinism, idempotence and freshness of `seed_demo`."""

import datetime as dt
from collections import Counter

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.utils import timezone
from wagtail.models import Locale, Page, Revision

from cms.models import Membership, Organisation
from cms.roles import Role
from services import freshness
from services.demo import content
from services.demo.builder import (
    BULK_THRESHOLD,
    ENGLISH_IN_BULK,
    SERVICE_SPLIT,
    DemoBuilder,
    english_strings,
    has_english,
    split_services,
)
from services.models import Contact, ServicePage, TargetGroup
from tests.conftest import WORLD_SERVICES

pytestmark = pytest.mark.django_db
WORLD_SEED = 7


def test_default_split_is_the_domain_split():
    assert (
        split_services(337)
        == SERVICE_SPLIT
        == {"helsinki": 133, "espoo": 108, "vantaa": 72, "kerava": 17, "raasepori": 7}
    )


@pytest.mark.parametrize("total", [1, 24, 100, 337, 1000, 20000])
def test_split_adds_up(total):
    counts = split_services(total)
    assert sum(counts.values()) == total
    # Proportions within one service of the exact share.
    for slug, n in counts.items():
        assert abs(n - total * SERVICE_SPLIT[slug] / 337) < 1


def test_world_has_the_split_services():
    fi = ServicePage.objects.filter(locale__language_code="fi")
    by_municipality = Counter(fi.values_list("responsible_municipality__slug", flat=True))
    assert by_municipality == Counter(split_services(WORLD_SERVICES))
    assert fi.filter(live=True).count() == WORLD_SERVICES


def test_every_service_is_complete_and_consistent():
    for page in ServicePage.objects.filter(locale__language_code="fi").select_related(
        "provider", "responsible_municipality", "provider_updater"
    ):
        folder = page.get_parent().specific
        assert page.provider == folder.organisation
        assert page.responsible_municipality == folder.get_parent().specific.organisation
        assert page.provider_updater.memberships.filter(organisation=page.provider).exists()
        assert page.municipal_responsible.memberships.filter(
            organisation=page.responsible_municipality, role=Role.PRODUCER
        ).exists()
        assert page.short_description and len(page.description) >= 1
        assert len(page.internal) >= 10, "every internal kind the template has is filled in"
        assert page.time_and_place[0].block_type in {
            "continuous",
            "period",
            "periods",
            "dates",
            "agreed",
        }
        assert page.live_revision_id == page.latest_revision_id is not None
        assert "lorem" not in page.short_description.lower()


def test_raasepori_services_are_in_swedish_through_localize():
    from wagtail_localize.models import Translation

    raasepori = ServicePage.objects.filter(
        responsible_municipality__slug="raasepori", locale__language_code="fi"
    )
    assert raasepori.exists()
    for page in raasepori:
        swedish = page.get_translation(
            page.locale.__class__.objects.get(language_code="sv")
        ).specific
        assert swedish.live and swedish.title != page.title
        assert Translation.objects.filter(
            source__object_id=page.translation_key, target_locale__language_code="sv"
        ).exists()


# --- English translations -----------------------------------------------------------------------
TEMPLATES = {t["name"]: t for t in content.SERVICE_TEMPLATES}
TAXONOMY_RELATIONS = (
    "audiences",
    "client_situations",
    "target_groups",
    "implementation_types",
    "accessibility",
    "employment_statuses",
    "participating_municipalities",
)


def english_planned(services, seed, bulk=False):
    builder = DemoBuilder(services=services, seed=seed)
    builder.bulk = bulk
    plan = builder.plan()
    english = builder.english_plan(plan)
    return [(m, t) for m, _p, t, i in plan if (m, i) in english]


def test_default_demo_has_english_services_outside_raasepori():
    english = english_planned(337, 2024)
    assert len(english) >= 30
    assert all(m != "raasepori" and has_english(t) for m, t in english)
    assert english_planned(337, 2024) == english, "deterministic per seed"
    # The test world has a few, and a bulk catalogue only the first ones.
    assert len(english_planned(WORLD_SERVICES, WORLD_SEED)) >= 3
    assert len(english_planned(BULK_THRESHOLD + 1, 2024, bulk=True)) == ENGLISH_IN_BULK


def test_english_templates_translate_every_public_text():
    english = [t for t in content.SERVICE_TEMPLATES if has_english(t)]
    assert len(english) >= 3
    for t in english:
        assert len(t["description_paragraphs_en"]) == len(t["description_paragraphs"]), t["name"]
        for key in (
            "name",
            "short_description",
            "target_group_description",
            "participation",
            "requirements",
            "benefits",
            "duration_hint",
        ):
            assert t[f"{key}_en"] and t[f"{key}_en"] != t[key], (t["name"], key)
        strings = english_strings(t)
        assert strings[t["name"]] == t["name_en"]
        assert set(t["description_paragraphs"]) <= set(strings)


def taxonomy_keys(page):
    keys = {
        name: sorted(term.translation_key for term in getattr(page, name).all())
        for name in TAXONOMY_RELATIONS
    }
    keys["service_category"] = page.service_category.translation_key
    return keys


def assert_english_translation(page, template):
    """`page` (Finnish) has a live English version made with wagtail-localize."""
    from wagtail_localize.models import StringTranslation, Translation

    translation = Translation.objects.select_related("source").get(
        source__object_id=page.translation_key,
        source__locale=page.locale,
        target_locale__language_code="en",
    )
    assert translation.source.get_source_instance().pk == page.pk
    english = translation.get_target_instance().specific
    assert english.locale.language_code == "en" and english.live
    assert english.translation_key == page.translation_key
    assert english.title == template["name_en"]
    assert english.short_description == template["short_description_en"]
    assert template["participation_en"] in english.participation
    assert [block.value.source for block in english.description] == [
        f"<p>{p}</p>" for p in template["description_paragraphs_en"]
    ]
    assert StringTranslation.objects.filter(
        translation_of__data=page.title, locale=english.locale, data=template["name_en"]
    ).exists()
    assert taxonomy_keys(english) == taxonomy_keys(page)
    # Its folders are translated too, with the organisations' English names where given.
    folder = english.get_parent().specific
    assert folder.locale == english.locale
    assert folder.title == (page.provider.name_en or page.provider.name)
    assert folder.get_parent().title == page.responsible_municipality.name_en
    return english


def test_world_services_are_in_english_through_localize():
    fi = ServicePage.objects.filter(locale__language_code="fi").select_related(
        "provider", "responsible_municipality", "service_category", "locale"
    )
    planned = Counter((m, t["name"]) for m, t in english_planned(WORLD_SERVICES, WORLD_SEED))
    en = Locale.objects.get(language_code="en")
    built = Counter()
    for page in fi:
        if page.get_translation_or_none(en) is None:
            continue
        built[page.responsible_municipality.slug, page.title] += 1
        assert_english_translation(page, TEMPLATES[page.title])
    assert built == planned and sum(built.values()) >= 3
    assert not any(m == "raasepori" for m, _name in built)


def test_bulk_mode_translates_once_the_relations_are_written():
    builder = DemoBuilder(services=8, seed=9, reviews=False)
    builder.bulk = True
    before = set(ServicePage.objects.values_list("pk", flat=True))
    report = builder.build()
    new = ServicePage.objects.exclude(pk__in=before).filter(locale__language_code="fi")
    english = [p for p in new if p.get_translations().filter(locale__language_code="en")]
    assert english and report.created["English translations"] == len(english)
    for page in english:
        assert page.audiences.exists()
        assert_english_translation(page, TEMPLATES[page.title])


def test_demo_users_for_each_role_in_two_organisations():
    for role in Role:
        organisations = (
            Membership.objects.filter(role=role).values("organisation").distinct().count()
        )
        # There is one project organisation, so maintainers are in one organisation only.
        assert organisations >= (1 if role == Role.MAINTAINER else 2), role
    User = get_user_model()
    assert User.objects.get(username="helsinki-producer").check_password(
        "Palvelumanuaali-demo-2026"
    )
    for username in (
        "helsinki-producer",
        "espoo-expert",
        "yllapito-maintainer",
        "tyovalmennus-editor",
    ):
        assert User.objects.filter(username=username, is_active=True).exists()


def test_organisations_and_taxonomies():
    assert Organisation.objects.municipalities().count() == 5
    assert sum(o.cost_share for o in Organisation.objects.municipalities()) == 100
    assert Organisation.objects.providers().count() == len(content.PROVIDERS) >= 25
    for org in Organisation.objects.all():
        org.full_clean()  # business IDs valid, cost shares consistent
    assert set(TargetGroup.objects.values_list("locale__language_code", flat=True)) == {
        "fi",
        "sv",
        "en",
    }
    assert Contact.objects.filter(visibility="internal").exists()


def test_plan_is_deterministic():
    def plan(seed):
        return [(m, p, t["name"], i) for m, p, t, i in DemoBuilder(services=50, seed=seed).plan()]

    assert plan(3) == plan(3)
    assert plan(3) != plan(4)


def test_world_matches_its_plan():
    """The pages in the database are exactly what the plan of (seed, size) says."""
    planned = Counter(
        (m, p, t["name"])
        for m, p, t, _i in DemoBuilder(services=WORLD_SERVICES, seed=WORLD_SEED).plan()
    )
    built = Counter(
        ServicePage.objects.filter(locale__language_code="fi").values_list(
            "responsible_municipality__slug", "provider__slug", "title"
        )
    )
    assert built == planned


def test_second_run_changes_nothing():
    pages, revisions = Page.objects.count(), Revision.objects.count()
    users, memberships = get_user_model().objects.count(), Membership.objects.count()
    report = DemoBuilder(services=WORLD_SERVICES, seed=WORLD_SEED, reviews=False).build()
    assert report.created == {}
    assert (Page.objects.count(), Revision.objects.count()) == (pages, revisions)
    assert (get_user_model().objects.count(), Membership.objects.count()) == (users, memberships)


def test_command_if_empty_does_nothing(capsys):
    pages = Page.objects.count()
    call_command("seed_demo", "--if-empty", "--no-progress")
    assert "already present" in capsys.readouterr().out
    assert Page.objects.count() == pages


def test_bulk_mode_writes_the_same_relations():
    """Large catalogues are built in bulk (relations per transaction, no revisions)."""
    builder = DemoBuilder(services=6, seed=99, reviews=False)
    builder.bulk = True
    before = set(ServicePage.objects.values_list("pk", flat=True))
    builder.build()
    new = ServicePage.objects.exclude(pk__in=before).filter(locale__language_code="fi")
    assert new.count() == 6
    for page in new:
        assert page.audiences.exists() and page.languages.exists()
        assert page.public_contacts.exists() and page.employment_statuses.exists()
        assert page.latest_revision_id is None and page.live


def test_demo_reviews_in_flight_and_closed():
    from wagtail.models import WorkflowState

    from services.pipeline import reviews

    builder = DemoBuilder(services=WORLD_SERVICES, seed=WORLD_SEED)
    builder.build()
    in_progress = reviews()
    closed = reviews(status=WorkflowState.STATUS_APPROVED)
    assert len(in_progress) >= 1 and len(closed) >= 1
    assert all(1 <= r.waited_days <= 31 for r in in_progress)
    # A second run adds no reviews.
    count = WorkflowState.objects.count()
    DemoBuilder(services=WORLD_SERVICES, seed=WORLD_SEED).build()
    assert WorkflowState.objects.count() == count


# --- freshness of the demo catalogue -------------------------------------------------------------
def demo_dates(anchor, services=337, seed=2024):
    builder = DemoBuilder(services=services, seed=seed, anchor=anchor)
    plan = builder.plan()
    builder.freshness_states = builder.freshness_plan(plan)
    return [builder.service_dates(muni, i) for muni, _p, _t, i in plan]


def local_age(when, anchor):
    return (timezone.localtime(anchor).date() - timezone.localtime(when).date()).days


def test_demo_catalogue_is_mostly_fresh_on_any_day():
    """Dates are relative to the day the demo is built: on any day most services are
    fresh, some are in the reminder window, a handful outdated after three reminders."""
    for anchor in (
        dt.datetime(2026, 1, 15, 8, tzinfo=dt.UTC),
        dt.datetime(2026, 11, 30, 22, tzinfo=dt.UTC),
        dt.datetime(2031, 7, 1, 12, tzinfo=dt.UTC),
    ):
        dates = demo_dates(anchor)
        ages = [local_age(d.fresh_since, anchor) for d in dates]
        assert all(d.fresh_since <= anchor and d.first_published <= d.last_published for d in dates)
        fresh = sum(age < freshness.FIRST_REMINDER_DAYS for age in ages)
        outdated = [d for d in dates if d.outdated]
        window = len(dates) - fresh - len(outdated)
        assert fresh >= 0.85 * len(dates)
        assert 0.05 * len(dates) <= window <= 0.10 * len(dates)
        assert 3 <= len(outdated) <= 5
        for d in outdated:
            assert len(d.reminders) == 3
            since_outdated = local_age(d.outdated, anchor)
            assert 0 < since_outdated < freshness.ARCHIVE_AFTER_OUTDATED_DAYS
        # Nothing recorded for a day that has not come yet, nor for fresh services.
        for d, age in zip(dates, ages, strict=True):
            assert all(t < anchor for t in d.reminders)
            if age < freshness.FIRST_REMINDER_DAYS:
                assert not d.reminders and not d.outdated
            # What the demo recorded is what the daily command would have done: each
            # reminder was due when it was sent, and the first run has at most today's
            # reminder left to send (never an outdated flag or an archiving).
            sent = []
            for n, reminder in enumerate(d.reminders, start=1):
                step = freshness.due_step(d.fresh_since, None, reminder, sent)
                assert step == freshness.FreshnessStep("reminder", n)
                sent.append(reminder)
            if d.outdated:
                step = freshness.due_step(d.fresh_since, None, d.outdated, sent)
                assert step == freshness.FreshnessStep("outdated")
            step = freshness.due_step(d.fresh_since, d.outdated, anchor, sent)
            assert step is None or step.kind == "reminder"


def test_demo_dates_are_deterministic_but_for_the_anchor():
    anchor = dt.datetime(2026, 11, 30, 22, tzinfo=dt.UTC)
    assert demo_dates(anchor) == demo_dates(anchor)
    later = demo_dates(anchor + dt.timedelta(days=10))
    for a, b in zip(demo_dates(anchor), later, strict=True):
        assert local_age(b.fresh_since, anchor) == local_age(a.fresh_since, anchor) - 10
        assert len(a.reminders) == len(b.reminders) and bool(a.outdated) == bool(b.outdated)
    assert demo_dates(anchor, seed=1) != demo_dates(anchor)


def test_world_is_mostly_fresh_with_its_outdated_service_recorded():
    live = ServicePage.objects.live()
    outdated = live.filter(outdated_at__isnull=False)
    assert outdated.count() == 1 and outdated.count() <= 0.1 * live.count()
    now = timezone.now()
    fresh = [p for p in live if local_age(p.freshness_date, now) < freshness.FIRST_REMINDER_DAYS]
    assert len(fresh) >= 0.8 * live.count()
    page = outdated.get()
    assert len(freshness.reminders_for(page, page.freshness_date)) == 3
