"""Build the demo catalogue deterministically from `services.demo.content`.

Everything is keyed by a stable natural key (slug, username, page slug within its
folder), so a second run finds what the first made and changes nothing. Dates are
relative to the day the demo is built (`DemoBuilder.anchor`), so the catalogue looks
the same on any day; everything else depends on the seed and the size only.
"""

import datetime as dt
import random
from collections.abc import Callable
from contextlib import contextmanager
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cached_property

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Case, DateTimeField, F, Value, When
from django.test.utils import override_settings
from django.utils import timezone
from django.utils.text import slugify
from wagtail.documents import get_document_model
from wagtail.models import Page, ReferenceIndex, Revision, WorkflowState
from wagtail.search.backends import get_search_backends
from wagtail.signal_handlers import disable_reference_index_auto_update

from cms.group_sync import ensure_collections, sync_roles
from cms.models import Membership, Organisation, validate_cost_shares
from cms.roles import OrganisationKind, Role
from content.demo import build_content_demo
from policies.demo import build_policy_demo
from search import indexer as search_indexer
from search import synonyms as search_synonyms
from services import freshness
from services import models as m
from services.notifications import pair
from services.setup import ensure_catalogue, ensure_folder, ensure_translation
from services.vocabularies import VOCABULARIES
from translations.locales import ensure_locales
from translations.localize import translate

from . import content as c

# Services per responsible municipality at 1.6.2024 (DOMAIN.md): 337 in all.
SERVICE_SPLIT = {"helsinki": 133, "espoo": 108, "vantaa": 72, "kerava": 17, "raasepori": 7}
DEFAULT_SERVICES = sum(SERVICE_SPLIT.values())
MAINTAINER = {
    "slug": "yllapito",
    "name": "Palvelumanuaalin projektiorganisaatio",
    "name_sv": "Servicemanualens projektorganisation",
    "name_en": "Service Manual project organisation",
    "business_id": "1234567-1",
}
# Demo users: `<organisation>-<role>` (README lists them).
MUNICIPAL_USERS = {
    "main": Role.MUNICIPALITY_MAIN_USER,
    "producer": Role.PRODUCER,
    "expert": Role.EXPERT,
}
PROVIDER_USERS = {"main": Role.PROVIDER_MAIN_USER, "editor": Role.PROVIDER_EDITOR}
# Above this many services the demo is built in bulk: relations written per transaction,
# no revisions, and the reference index ("usage" in the admin) left for
# `manage.py rebuild_references_index`, which the command suggests.
BULK_THRESHOLD = 2000
M2M_FIELDS = (
    "audiences",
    "client_situations",
    "target_groups",
    "implementation_types",
    "accessibility",
    "employment_statuses",
    "participating_municipalities",
    "public_contacts",
)
SILENT_EMAIL = "django.core.mail.backends.dummy.EmailBackend"
# One transaction per this many services: far fewer commits (fsyncs) than one each.
SERVICES_PER_TRANSACTION = 200
# Freshness of the demo catalogue (services.freshness), relative to the day it is built:
# most services fresh, some in the reminder window with the reminders of the days before
# recorded as sent, a handful already outdated after their three reminders.
REMINDER_WINDOW_SHARE = 0.07
OUTDATED_PER_SERVICES = 80  # one outdated service per this many (rounded up) ...
OUTDATED_MIN_CATALOGUE = 10  # ... in a catalogue of at least this many
VERIFIED_SHARE = 0.4  # fresh from a "still accurate" confirmation rather than a publication
# Services outside Raasepori (made in Swedish) whose template has English texts are also
# made in English, through wagtail-localize; in bulk only the first this many of them.
ENGLISH_IN_BULK = 30


def demo_anchor() -> dt.datetime:
    """The moment demo dates are relative to: now, to the hour (so never in the future)."""
    return timezone.now().replace(minute=0, second=0, microsecond=0)


@dataclass
class ServiceDates:
    """When a demo service was published and confirmed, and its freshness so far."""

    first_published: dt.datetime
    last_published: dt.datetime
    verified: dt.datetime | None = None
    reminders: list[dt.datetime] = field(default_factory=list)
    outdated: dt.datetime | None = None

    @property
    def fresh_since(self) -> dt.datetime:
        return max(filter(None, [self.verified, self.last_published]))


def split_services(total: int) -> dict[str, int]:
    """Split `total` services over the municipalities in DOMAIN.md's proportions."""
    base = DEFAULT_SERVICES
    counts = {slug: total * n // base for slug, n in SERVICE_SPLIT.items()}
    remainder = total - sum(counts.values())
    for slug in sorted(SERVICE_SPLIT, key=lambda s: -(total * SERVICE_SPLIT[s] % base))[:remainder]:
        counts[slug] += 1
    return counts


@dataclass
class DemoReport:
    created: dict[str, int] = field(default_factory=dict)

    def add(self, kind: str, n: int = 1):
        self.created[kind] = self.created.get(kind, 0) + n

    def __str__(self):
        if not self.created:
            return "nothing to create: the demo data is already there"
        return ", ".join(f"{n} {kind}" for kind, n in sorted(self.created.items()))


class DemoBuilder:
    def __init__(
        self,
        *,
        services: int = DEFAULT_SERVICES,
        seed: int = 2024,
        progress=None,
        reviews=True,
        anchor: dt.datetime | None = None,
    ):
        """`anchor`: the moment the demo's dates are relative to (default: now, to the hour).
        Everything else depends on (seed, services) only."""
        self.anchor = anchor or demo_anchor()
        self.with_reviews = reviews
        self.total = services
        self.seed = seed
        self.rng = random.Random(seed)
        self.report = DemoReport()
        self.progress: Callable = progress or (lambda iterable, **kw: iterable)
        self.locales = {}
        self.terms: dict[str, dict[str, object]] = {}
        self.orgs: dict[str, Organisation] = {}
        self.users: dict[str, object] = {}
        self.last_child_path: dict[int, str] = {}
        self.bulk = services > BULK_THRESHOLD
        self.pending_relations: list = []
        self.pending_notifications: list[tuple[str, str, dt.datetime]] = []
        self.freshness_states: dict[tuple[str, int], str] = {}
        self.english: set[tuple[str, int]] = set()
        self.translated_folders: set[tuple[int, str]] = set()
        self.pending_translations: list = []

    # --- entry point -------------------------------------------------------------------
    def build(self) -> DemoReport:
        # The search index is written once at the end, not per publication on the way.
        with search_indexer.paused():
            self._build()
        search_indexer.rebuild()
        synonym_sets = search_synonyms.load_seed().created  # search/data/synonyms.txt
        if synonym_sets:
            self.report.add("synonym sets", synonym_sets)
        return self.report

    def _build(self):
        self.locales = ensure_locales()
        with transaction.atomic():
            self.build_taxonomies()
            self.build_organisations()
            self.build_municipality_terms()
            ensure_collections()
            self.catalogue = ensure_catalogue()
            self.build_users()
            self.build_contacts()
            self.build_documents()
        self.build_services()
        sync_roles()
        if self.with_reviews:
            self.build_reviews()
            self.build_lists()
        build_policy_demo(self)
        build_content_demo(self)
        sync_roles()  # translated policy and content indexes are the translators' pages too

    # --- favourites and a shared list ----------------------------------------------------------
    def build_lists(self):
        """A few favourites and a list shared with a colleague, for the "My services" menu."""
        owner = self.users.get("helsinki-expert")
        colleague = self.users.get("helsinki-producer")
        if owner is None or m.ServiceList.objects.filter(owner=owner).exists():
            return
        pages = list(
            m.ServicePage.objects.filter(locale=self.locales["fi"], live=True).order_by("pk")[:12]
        )
        m.Favourite.objects.bulk_create(
            [m.Favourite(user=owner, page=page) for page in pages[:3]], ignore_conflicts=True
        )
        service_list = m.ServiceList.objects.create(
            owner=owner,
            name="Nuorten palvelut",
            description="Palvelut, joihin ohjaan alle 30-vuotiaita asiakkaita.",
        )
        for page in pages[3:8]:
            service_list.add(page)
        if colleague is not None:
            service_list.shared_with.add(colleague)
        self.report.add("service lists")

    # --- reviews in the pipeline ------------------------------------------------------------
    def build_reviews(self, every=12, limit=40):
        """Some services in review (some late) and some reviews closed, for the SLA report.

        Every `every`-th Finnish service (by id) gets one; days are drawn from a
        seeded stream so the figures are the same on every run.
        """
        if WorkflowState.objects.exists():
            return
        rng = random.Random(f"{self.seed}-reviews")
        now = timezone.now()
        pages = list(
            m.ServicePage.objects.filter(locale=self.locales["fi"], live=True)
            .select_related("provider", "responsible_municipality")
            .order_by("pk")[::every][:limit]
        )
        for n, page in enumerate(pages):
            # Demo reviews notify nobody: the demo addresses are not real.
            with transaction.atomic(), override_settings(EMAIL_BACKEND=SILENT_EMAIL):
                editor = self.users[f"{page.provider.slug}-editor"]
                producer = self.users[f"{page.responsible_municipality.slug}-producer"]
                page.short_description = page.short_description.rstrip(".") + ", päivitetty."
                page.save_revision(user=editor)
                state = page.get_workflow().start(page, editor)
                started = now - dt.timedelta(days=rng.randint(1, 30), hours=rng.randint(0, 8))
                task_state = state.current_task_state
                if n % 3 == 1:  # closed: approved after some days
                    task_state.approve(user=producer)
                    finished = started + dt.timedelta(days=rng.randint(3, 25))
                    type(task_state).objects.filter(pk=task_state.pk).update(
                        started_at=started, finished_at=min(finished, now)
                    )
                    self.report.add("closed reviews")
                else:
                    type(task_state).objects.filter(pk=task_state.pk).update(started_at=started)
                    self.report.add("reviews in progress")

    # --- taxonomies ------------------------------------------------------------------------
    def _term(self, model, slug, labels: dict[str, str], order: int, **extra):
        fi = model.objects.filter(slug=slug, locale=self.locales["fi"]).first()
        if fi is None:
            fi = model.objects.create(
                slug=slug, name=labels["fi"], sort_order=order, locale=self.locales["fi"], **extra
            )
            self.report.add("taxonomy terms")
        for code in ("sv", "en"):
            if not model.objects.filter(
                translation_key=fi.translation_key, locale=self.locales[code]
            ).exists():
                translated = fi.copy_for_translation(self.locales[code])
                translated.name = labels[code]
                translated.save()
                self.report.add("taxonomy terms")
        return fi

    def build_taxonomies(self):
        for vocabulary in VOCABULARIES:
            if vocabulary.model is m.Municipality:
                continue  # with the organisations (build_municipality_terms)
            self.terms[vocabulary.key] = {
                slug: self._term(vocabulary.model, slug, {"fi": fi, "sv": sv, "en": en}, order)
                for order, (slug, fi, sv, en) in enumerate(c.TAXONOMIES[vocabulary.key])
            }

    # --- organisations ----------------------------------------------------------------------
    def _organisation(self, slug, **fields):
        org = Organisation.objects.filter(slug=slug).first()
        if org is None:
            org = Organisation.objects.create(slug=slug, **fields)
            self.report.add("organisations")
        self.orgs[slug] = org
        return org

    def build_organisations(self):
        self._organisation(
            MAINTAINER["slug"],
            name=MAINTAINER["name"],
            name_sv=MAINTAINER["name_sv"],
            name_en=MAINTAINER["name_en"],
            business_id=MAINTAINER["business_id"],
            kind=OrganisationKind.MAINTAINER,
        )
        for muni in c.MUNICIPALITIES:
            self._organisation(
                muni["slug"],
                name=muni["name_fi"],
                name_sv=muni["name_sv"],
                name_en=muni["name_en"],
                business_id=muni["business_id"],
                kind=OrganisationKind.MUNICIPALITY,
                cost_share=Decimal(muni["cost_share"]),
                language=muni["language"],
            )
        validate_cost_shares({o: o.cost_share for o in Organisation.objects.municipalities()})
        for provider in c.PROVIDERS:
            self._organisation(
                provider["slug"],
                name=provider["name"],
                name_sv=provider.get("name_sv", ""),
                business_id=provider["business_id"],
                kind=OrganisationKind.PROVIDER,
                language="sv" if provider["municipalities"] == ["raasepori"] else "fi",
            )

    def build_municipality_terms(self):
        terms = {}
        order = 0
        for muni in c.MUNICIPALITIES:
            labels = {"fi": muni["name_fi"], "sv": muni["name_sv"], "en": muni["name_en"]}
            terms[muni["slug"]] = self._term(
                m.Municipality, muni["slug"], labels, order, organisation=self.orgs[muni["slug"]]
            )
            order += 1
        for other in c.OTHER_MUNICIPALITIES:
            slug = other.get("slug") or slugify(other["name_fi"])
            labels = {"fi": other["name_fi"], "sv": other["name_sv"], "en": other["name_en"]}
            terms[slug] = self._term(m.Municipality, slug, labels, order)
            order += 1
        self.terms["municipality"] = terms

    # --- users ---------------------------------------------------------------------------------
    @cached_property
    def password_hash(self):
        # Hash the shared demo password once, not once per user (PBKDF2 is slow on purpose).
        return make_password(settings.DEMO_PASSWORD)

    def _user(self, username, organisation, role):
        User = get_user_model()
        user = User.objects.filter(username=username).first()
        if user is None:
            first, last = self.rng.choice(c.FIRST_NAMES), self.rng.choice(c.LAST_NAMES)
            user = User.objects.create(
                username=username,
                email=f"{username}@example.fi",
                password=self.password_hash,
                first_name=first,
                last_name=last,
            )
            self.report.add("users")
        else:
            # Keep the random stream identical whether or not the user existed.
            self.rng.choice(c.FIRST_NAMES), self.rng.choice(c.LAST_NAMES)
        if not Membership.objects.filter(user=user, organisation=organisation).exists():
            Membership.objects.create(user=user, organisation=organisation, role=role)
        self.users[username] = user
        return user

    def build_users(self):
        maintainer = self.orgs[MAINTAINER["slug"]]
        self._user("yllapito-maintainer", maintainer, Role.MAINTAINER)
        self._user("yllapito-translator", maintainer, Role.TRANSLATOR)
        self._user("raasepori-translator", self.orgs["raasepori"], Role.TRANSLATOR)
        for muni in c.MUNICIPALITIES:
            for suffix, role in MUNICIPAL_USERS.items():
                self._user(f"{muni['slug']}-{suffix}", self.orgs[muni["slug"]], role)
            self._user(f"{muni['slug']}-producer2", self.orgs[muni["slug"]], Role.PRODUCER)
        for provider in c.PROVIDERS:
            for suffix, role in PROVIDER_USERS.items():
                self._user(f"{provider['slug']}-{suffix}", self.orgs[provider["slug"]], role)

    # --- contacts and documents -------------------------------------------------------------------
    def build_contacts(self):
        self.public_contacts: dict[str, list] = {}
        self.internal_contacts: dict[str, list] = {}
        fi = self.locales["fi"]
        for muni in c.MUNICIPALITIES:
            slug = muni["slug"]
            term = self.terms["municipality"][slug]
            for visibility, bucket in (
                ("public", self.public_contacts),
                ("internal", self.internal_contacts),
            ):
                bucket[slug] = []
                for i in range(3):
                    title_fi = c.CONTACT_ROLES[(i + len(slug)) % len(c.CONTACT_ROLES)][0]
                    name = (
                        f"{c.FIRST_NAMES[(i * 7 + len(slug)) % len(c.FIRST_NAMES)]} "
                        f"{c.LAST_NAMES[(i * 5 + len(slug) * 3) % len(c.LAST_NAMES)]}"
                    )
                    contact = m.Contact.objects.filter(
                        name=name, municipality=term, visibility=visibility, locale=fi
                    ).first()
                    if contact is None:
                        contact = m.Contact.objects.create(
                            name=name,
                            title=title_fi,
                            organisation=self.orgs[slug],
                            municipality=term,
                            email=f"{slugify(name)}.{visibility}@{slug}.example.fi",
                            phone=f"+358 9 {310 + i} {4000 + len(slug) * 10 + i}",
                            visibility=visibility,
                            locale=fi,
                        )
                        self.report.add("contacts")
                    bucket[slug].append(contact)

    def build_documents(self):
        Document = get_document_model()
        collections = ensure_collections()
        specs = [
            (
                "internal",
                "Lähetelomakkeen täyttöohje",
                "lahetelomake-ohje.txt",
                "Täytä lähetelomakkeeseen asiakkaan tiedot, palvelutarve ja sovittu aloitusajankohta.",
            ),
            (
                "internal",
                "Arkistointiohje",
                "arkistointiohje.txt",
                "Arkistoi osallistumista koskevat asiakirjat asiakastietojärjestelmään 14 päivän kuluessa.",
            ),
            (
                "public",
                "Palvelun esite",
                "palvelun-esite.txt",
                "Tervetuloa palveluun! Tässä esitteessä kerrotaan palvelun sisällöstä ja aikataulusta.",
            ),
        ]
        self.documents = {"internal": [], "public": []}
        for key, title, filename, text in specs:
            doc = Document.objects.filter(title=title, collection=collections[key]).first()
            if doc is None:
                doc = Document(title=title, collection=collections[key])
                doc.file.save(filename, ContentFile(text.encode("utf-8")), save=False)
                doc.save()
                self.report.add("documents")
            self.documents[key].append(doc)

    # --- services ------------------------------------------------------------------------------------
    def plan(self):
        """The deterministic list of (municipality slug, provider slug, template, index)."""
        providers_by_muni: dict[str, list] = {}
        for provider in c.PROVIDERS:
            for slug in provider["municipalities"]:
                providers_by_muni.setdefault(slug, []).append(provider["slug"])
        swedish = [t for t in c.SERVICE_TEMPLATES if t.get("description_paragraphs_sv")]
        plan = []
        # Its own random stream: the plan depends on (seed, size) only.
        rng = random.Random(f"{self.seed}-plan")
        for muni_slug, count in split_services(self.total).items():
            providers = providers_by_muni[muni_slug]
            for i in range(count):
                template = c.SERVICE_TEMPLATES[rng.randrange(len(c.SERVICE_TEMPLATES))]
                if muni_slug == "raasepori":
                    template = swedish[i % len(swedish)]
                plan.append((muni_slug, providers[rng.randrange(len(providers))], template, i))
        return plan

    def english_plan(self, plan) -> set[tuple[str, int]]:
        """The services also made in English, keyed by (municipality slug, index): those
        whose template has English texts, outside Raasepori (made in Swedish); in bulk,
        only the first `ENGLISH_IN_BULK` of them (in plan order)."""
        keys = [(muni, i) for muni, _p, t, i in plan if muni != "raasepori" and has_english(t)]
        return set(keys[:ENGLISH_IN_BULK] if self.bulk else keys)

    def freshness_plan(self, plan) -> dict[tuple[str, int], str]:
        """Which services are in the reminder window ("reminder") or already outdated
        ("outdated"), keyed by (municipality slug, index); the others are fresh."""
        total = len(plan)
        outdated = -(-total // OUTDATED_PER_SERVICES) if total >= OUTDATED_MIN_CATALOGUE else 0
        reminded = round(total * REMINDER_WINDOW_SHARE)
        rng = random.Random(f"{self.seed}-freshness")
        chosen = rng.sample([(muni, i) for muni, _p, _t, i in plan], k=outdated + reminded)
        return {key: "outdated" if n < outdated else "reminder" for n, key in enumerate(chosen)}

    def service_dates(self, muni_slug: str, i: int) -> ServiceDates:
        """Dates of one service, from its own random stream and the anchor."""
        rng = random.Random(f"{self.seed}-dates-{muni_slug}-{i}")
        state = self.freshness_states.get((muni_slug, i), "fresh")
        if state == "outdated":
            # Outdated less than the archiving delay ago: still live on the first run.
            age = freshness.OUTDATED_AFTER_DAYS + rng.randint(
                3, freshness.ARCHIVE_AFTER_OUTDATED_DAYS - 10
            )
        elif state == "reminder":
            age = rng.randint(freshness.FIRST_REMINDER_DAYS, freshness.OUTDATED_AFTER_DAYS - 1)
        else:
            age = rng.randint(5, freshness.FIRST_REMINDER_DAYS - 1)
        # `age` whole days before the anchor's day, in working hours (local time).
        today = timezone.localtime(self.anchor).date()
        fresh_since = timezone.make_aware(
            dt.datetime.combine(
                today - dt.timedelta(days=age),
                dt.time(rng.randint(7, 15), rng.choice([0, 15, 30, 45])),
            )
        )
        # Most services have been around longer than their current version.
        first_published = fresh_since - dt.timedelta(
            days=rng.randint(30, 700) if rng.random() < 0.7 else 0
        )
        dates = ServiceDates(first_published=first_published, last_published=fresh_since)
        if first_published < fresh_since and rng.random() < VERIFIED_SHARE:
            # Confirmed "still accurate" since its last publication.
            dates.last_published = max(
                first_published, fresh_since - dt.timedelta(days=rng.randint(60, 400))
            )
            dates.verified = fresh_since
        # The daily command ran every day before the anchor's day: the reminders (and the
        # outdated flag) due before today were sent then; those due today are left to it.
        step_days = list(freshness.REMINDER_DAYS) + [freshness.OUTDATED_AFTER_DAYS]
        for n, days in enumerate(step_days):
            when = fresh_since + dt.timedelta(days=days, minutes=5)
            if timezone.localtime(when).date() >= today:
                break
            if n < freshness.REMINDERS:
                dates.reminders.append(when)
            else:
                dates.outdated = when
        return dates

    def record_freshness(self, page, dates: ServiceDates):
        """The reminders (and outdated e-mails) of the demo's past, as the daily command
        would have recorded them; written by `flush_notifications`."""
        users = pair(page)
        steps = [freshness.FreshnessStep("reminder", n) for n in range(1, len(dates.reminders) + 1)]
        times = list(dates.reminders)
        if dates.outdated:
            steps.append(freshness.FreshnessStep("outdated"))
            times.append(dates.outdated)
            m.ServicePage.objects.filter(pk=page.pk).update(outdated_at=dates.outdated)
            page.outdated_at = dates.outdated
        for step, when in zip(steps, times, strict=True):
            key = step.key(page, dates.fresh_since)
            self.pending_notifications.append((key, "", when))
            self.pending_notifications += [(f"{key}:{u.pk}", u.email, when) for u in users]
        if dates.outdated:
            self.report.add("outdated services")
        elif dates.reminders:
            self.report.add("services reminded")

    def flush_notifications(self):
        rows = self.pending_notifications
        if not rows:
            return
        m.SentNotification.objects.bulk_create(
            [m.SentNotification(key=key, recipient=email) for key, email, _at in rows],
            ignore_conflicts=True,
        )
        # `sent_at` is set on creation: put the demo's past times in afterwards.
        m.SentNotification.objects.filter(key__in=[key for key, _e, _at in rows]).update(
            sent_at=Case(
                *(When(key=key, then=Value(at)) for key, _e, at in rows),
                output_field=DateTimeField(),
            )
        )
        self.pending_notifications = []

    def build_services(self):
        created: list[m.ServicePage] = []
        with bulk_loading(m.ServicePage):
            self._build_services(created)
        index_services(created, references=len(created) <= BULK_THRESHOLD)

    def _build_services(self, created):
        plan = self.plan()
        self.freshness_states = self.freshness_plan(plan)
        self.english = self.english_plan(plan)
        folders = {}
        existing = set(
            m.ServicePage.objects.filter(locale=self.locales["fi"]).values_list(
                "url_path", flat=True
            )
        )
        bar = self.progress(plan, desc="services", unit="service")
        chunk = []
        for item in bar:
            chunk.append(item)
            if len(chunk) == SERVICES_PER_TRANSACTION:
                self._build_chunk(chunk, folders, existing, created)
                chunk = []
        self._build_chunk(chunk, folders, existing, created)

    @transaction.atomic
    def _build_chunk(self, chunk, folders, existing, created):
        for muni_slug, provider_slug, template, i in chunk:
            rng = random.Random(f"{self.seed}-{muni_slug}-{i}")
            key = (muni_slug, provider_slug)
            if key not in folders:
                with transaction.atomic():
                    muni_folder = ensure_folder(
                        self.catalogue, m.MunicipalityFolderPage, self.orgs[muni_slug]
                    )
                    folders[key] = ensure_folder(
                        muni_folder, m.ProviderFolderPage, self.orgs[provider_slug]
                    )
            folder = folders[key]
            slug = f"{slugify(template['name'])[:60]}-{muni_slug[:3]}{i + 1}"
            if f"{folder.url_path}{slug}/" in existing:
                continue
            with transaction.atomic():
                dates = self.service_dates(muni_slug, i)
                page = self.build_service(
                    folder, template, muni_slug, provider_slug, slug, rng, dates
                )
                created.append(page)
                if muni_slug == "raasepori":
                    self.translate_service(page, folder, "sv", swedish_strings(template), created)
                elif (muni_slug, i) in self.english:
                    self.translate_service(page, folder, "en", english_strings(template), created)
                self.record_freshness(page, dates)
            self.report.add("services")
        self.flush_relations()
        self.flush_translations(created)
        self.flush_notifications()

    def translate_service(self, page, folder, code, strings, created):
        """`page` in the locale `code` through wagtail-localize: a Translation of its
        TranslationSource, with the `strings` as StringTranslations, published after its
        municipality and provider folders. In bulk, deferred to `flush_translations`:
        the translation copies the source's taxonomy terms, written by `flush_relations`."""
        if self.bulk:
            self.pending_translations.append((page, folder, code, strings))
        else:
            created.append(self._translate(page, folder, code, strings))

    @transaction.atomic
    def flush_translations(self, created):
        """The translations of bulk-built services, now that their relations are written."""
        for page, folder, code, strings in self.pending_translations:
            created.append(self._translate(page, folder, code, strings))
        self.pending_translations = []

    def _translate(self, page, folder, code, strings):
        locale = self.locales[code]
        for parent in (folder.get_parent(), folder):
            if (parent.pk, code) not in self.translated_folders:
                # The organisation's name in the language, else its Finnish name.
                name = getattr(parent.specific.organisation, f"name_{code}", "") or parent.title
                ensure_translation(parent.specific, locale, {parent.title: name})
                self.translated_folders.add((parent.pk, code))
        target = translate(page, locale, strings, publish=False)
        # Published here, in the caller's transaction: wagtail-localize would publish on
        # commit, outside it, with a commit (an fsync) for every step of every publication.
        target.get_latest_revision().publish()
        self.report.add({"sv": "Swedish translations", "en": "English translations"}[code])
        return target

    def build_service(self, folder, t, muni_slug, provider_slug, slug, rng, dates=None):
        terms = self.terms
        muni = next(x for x in c.MUNICIPALITIES if x["slug"] == muni_slug)
        age = t.get("age")
        # The dates come from their own stream (`service_dates`); this draw stays so that
        # the content drawn after it is what it was.
        rng.randrange(5, 900)
        if dates is None:
            dates = ServiceDates(self.anchor, self.anchor)
        page = m.ServicePage(
            title=t["name"],
            slug=slug,
            locale=self.locales["fi"],
            short_description=t["short_description"],
            service_category=terms["service_category"][t["category"]],
            target_group_description=f"<p>{t['target_group_description']}</p>",
            all_working_age=age is None,
            age_min=age[0] if age else None,
            age_max=age[1] if age else None,
            residence_irrelevant=rng.random() < 0.15,
            implementation_text=t.get("duration_hint", ""),
            time_and_place=self.time_and_place(muni, rng),
            description=[
                {"type": "paragraph", "value": f"<p>{p}</p>"} for p in t["description_paragraphs"]
            ],
            participation=f"<p>{t['participation']}</p>",
            requirements=f"<p>{t['requirements']}</p>",
            benefits=f"<p>{t['benefits']}</p>",
            is_free=t["free"],
            price=None if t["free"] else Decimal(t["price"]),
            price_description="" if t["free"] else t.get("price_description", ""),
            resources=self.resources(rng),
            internal=self.internal(t, muni_slug, rng),
            provider_updater=self.users[f"{provider_slug}-editor"],
            municipal_responsible=self.users[
                rng.choice([f"{muni_slug}-producer", f"{muni_slug}-producer2"])
            ],
            search_boost=rng.choice([0, 0, 0, 0, 1, 2, 5]),
            first_published_at=dates.first_published,
            last_published_at=dates.last_published,
            verified_at=dates.verified,
        )
        page.verified_by = page.municipal_responsible if dates.verified else None
        accessibility = list(terms["service_accessibility"].values())
        statuses = list(terms["employment_status"].values())
        relations = {
            "audiences": [terms["audience"][s] for s in t["audiences"]],
            "client_situations": [terms["client_situation"][s] for s in t["situations"]],
            "target_groups": [terms["target_group"][s] for s in t["target_groups"]],
            "implementation_types": [terms["implementation_type"][s] for s in t["implementation"]],
            "accessibility": rng.sample(accessibility, k=rng.randint(0, 3)),
            "employment_statuses": rng.sample(statuses, k=rng.randint(1, 2)),
            "participating_municipalities": (
                [] if page.residence_irrelevant else [terms["municipality"][muni_slug]]
            ),
            "public_contacts": rng.sample(self.public_contacts[muni_slug], k=rng.randint(1, 2)),
        }
        languages_terms = list(terms["language"].values())
        levels = list(terms["language_level"].values())
        main_language = terms["language"]["sv" if muni_slug == "raasepori" else "fi"]
        languages = [m.ServiceLanguage(language=main_language, level=levels[-1])]
        if rng.random() < 0.3:
            languages.append(
                m.ServiceLanguage(language=rng.choice(languages_terms), level=rng.choice(levels))
            )
        page.live = True
        page.has_unpublished_changes = False
        if self.bulk:
            # Large catalogues: relations are written in bulk per transaction and the pages
            # get no revision (the editor then starts from the page itself).
            self.append_child(folder, page)
            self.pending_relations.append((page, relations, languages))
            return page
        for name, objects in relations.items():
            setattr(page, name, objects)
        page.languages = languages
        self.append_child(folder, page)
        # The published revision, written directly: the publish action's signals, logs and
        # second save cost more than the page itself and tell nobody anything here.
        revision = Revision.objects.create(
            content_type_id=page.content_type_id,
            base_content_type_id=page.get_base_content_type().pk,
            object_id=str(page.pk),
            content=page.serializable_data(),
            object_str=str(page),
            approved_go_live_at=None,
        )
        m.ServicePage.objects.filter(pk=page.pk).update(
            latest_revision=revision, live_revision=revision
        )
        page.latest_revision, page.live_revision = revision, revision
        return page

    def flush_relations(self):
        """Write the many-to-many and language rows of bulk-built services."""
        for name in M2M_FIELDS:
            field = m.ServicePage._meta.get_field(name)
            through = field.remote_field.through
            source, target = f"{field.m2m_field_name()}_id", f"{field.m2m_reverse_field_name()}_id"
            through.objects.bulk_create(
                [
                    through(**{source: page.pk, target: obj.pk})
                    for page, relations, _languages in self.pending_relations
                    for obj in relations[name]
                ]
            )
        m.ServiceLanguage.objects.bulk_create(
            [
                m.ServiceLanguage(page=page, language=lang.language, level=lang.level, sort_order=n)
                for page, _relations, languages in self.pending_relations
                for n, lang in enumerate(languages)
            ]
        )
        self.pending_relations = []

    def append_child(self, folder, page):
        """treebeard's add_child without its per-call lock and look-ups, and without
        full_clean: the demo data is valid by construction (tests check it)."""
        last = self.last_child_path.get(folder.pk)
        if last is None and folder.numchild:
            last = folder.get_last_child().path
        page.depth = folder.depth + 1
        if last is None:
            page.path = Page._get_path(folder.path, page.depth, 1)
        else:
            page.path = Page(path=last, depth=page.depth)._inc_path()
        Page.objects.filter(pk=folder.pk).update(numchild=F("numchild") + 1)
        folder.numchild += 1
        self.last_child_path[folder.pk] = page.path
        page._cached_parent_obj = folder
        page.save(clean=False)

    def time_and_place(self, muni, rng):
        street, postal = rng.choice(muni["street_names"])
        location_accessibility = list(self.terms["location_accessibility"].values())
        location = {
            "name": "",
            "street_address": street,
            "postal_code": postal,
            "city": muni["name_fi"],
            "latitude": None,
            "longitude": None,
            "accessibility": [
                t.pk for t in rng.sample(location_accessibility, k=rng.randint(0, 3))
            ],
        }
        weekly = [
            {"weekday": day, "start": "09:00", "end": rng.choice(["12:00", "15:00", "16:00"])}
            for day in rng.sample(["mon", "tue", "wed", "thu", "fri"], k=rng.randint(1, 3))
        ]
        start = (self.anchor + dt.timedelta(days=rng.randrange(10, 120))).date()
        mode = rng.choice(["continuous", "continuous", "period", "periods", "dates", "agreed"])
        base = {"locations": [location], "info": ""}
        if mode == "continuous":
            value = {**base, "weekly_times": weekly}
        elif mode == "period":
            period = {
                "start_date": start.isoformat(),
                "end_date": (start + dt.timedelta(weeks=8)).isoformat(),
            }
            value = {**base, "period": period, "weekly_times": weekly}
        elif mode == "periods":
            periods = [
                {
                    "start_date": (start + dt.timedelta(weeks=10 * k)).isoformat(),
                    "end_date": (start + dt.timedelta(weeks=10 * k + 6)).isoformat(),
                }
                for k in range(rng.randint(2, 3))
            ]
            value = {**base, "periods": periods, "weekly_times": weekly}
        elif mode == "dates":
            dates = [
                {
                    "date": (start + dt.timedelta(days=14 * k)).isoformat(),
                    "start": "10:00",
                    "end": "14:00",
                }
                for k in range(rng.randint(2, 4))
            ]
            value = {**base, "dates": dates}
        else:
            value = {**base, "info": "Aika ja paikka sovitaan asiakkaan kanssa erikseen."}
        return [{"type": mode, "value": value}]

    def resources(self, rng):
        title, url = rng.choice(c.PUBLIC_LINK_TITLES)
        blocks = [
            {"type": "link", "value": {"title": title, "url": url, "page": None, "description": ""}}
        ]
        if rng.random() < 0.3:
            doc = self.documents["public"][0]
            blocks.append({"type": "attachment", "value": {"title": doc.title, "document": doc.pk}})
        return blocks

    def internal(self, t, muni_slug, rng):
        muni_term = self.terms["municipality"][muni_slug]

        def text(value):
            return f"<p>{value}</p>" if value else ""

        blocks = [
            {"type": "referral", "value": text(t["referral"])},
            {"type": "specialist_prerequisites", "value": text(t["specialist_prerequisites"])},
            {
                "type": "obligation",
                "value": {"obligation": t["obligation"], "text": text(t["obligation_text"])},
            },
            {
                "type": "statement",
                "value": {
                    "answer": "yes" if t["statement"] else "no",
                    "text": text(t["statement_text"]),
                },
            },
            {"type": "benefit_notes", "value": {"notes": list(t["benefit_notes"]), "text": ""}},
            {"type": "client_system_entries", "value": text(t["client_system_entries"])},
            {"type": "measures", "value": text(t["measures_during_participation"])},
            {"type": "exceptions", "value": text(t["exceptions"])},
            {
                "type": "municipality_guidance",
                "value": {
                    "municipality": muni_term.pk,
                    "text": text(rng.choice(c.MUNICIPALITY_GUIDANCE[muni_slug])),
                },
            },
            {
                "type": "job_search_conversation",
                "value": {
                    "answer": "yes" if t["suits_job_search_conversation"] else "no",
                    "text": text(t["suits_job_search_text"]),
                },
            },
            {
                "type": "client_consent",
                "value": {
                    "required": bool(t["client_consent"]),
                    "instructions": text(t["consent_instructions"]),
                },
            },
            {"type": "contacts", "value": [rng.choice(self.internal_contacts[muni_slug]).pk]},
            {
                "type": "links",
                "value": [
                    {"title": title, "url": url, "page": None, "description": ""}
                    for title, url in rng.sample(c.INTERNAL_LINK_TITLES, k=2)
                ],
            },
        ]
        if t.get("archiving"):
            blocks.append(
                {
                    "type": "archiving",
                    "value": {"required": True, "instructions": text(t["archiving"])},
                }
            )
        if rng.random() < 0.25:
            blocks.append(
                {
                    "type": "municipality_exception",
                    "value": {
                        "municipality": muni_term.pk,
                        "text": text(rng.choice(c.MUNICIPALITY_EXCEPTIONS[muni_slug])),
                    },
                }
            )
        if rng.random() < 0.4:
            doc = rng.choice(self.documents["internal"])
            blocks.append({"type": "files", "value": [{"title": doc.title, "document": doc.pk}]})
        return blocks


@contextmanager
def bulk_loading(*models):
    """Skip per-save search and reference indexing; `index_services` does it in bulk."""
    previous = {model: getattr(model, "search_auto_update", True) for model in models}
    for model in models:
        model.search_auto_update = False
    try:
        with disable_reference_index_auto_update():
            yield
    finally:
        for model, value in previous.items():
            model.search_auto_update = value


def index_services(pages, *, references=True, chunk=500):
    for start in range(0, len(pages), chunk):
        batch = pages[start : start + chunk]
        for backend in get_search_backends():
            backend.add_bulk(m.ServicePage, batch)
    if references:
        for page in pages:
            ReferenceIndex.create_or_update_for_object(page)


def template_strings(t, code: str) -> dict[str, str]:
    """Finnish source text → the language `code`, for the translation segments of a
    template (its keys ending in `_<code>`)."""
    keys = ("name", "short_description", "target_group_description", "participation")
    keys += ("requirements", "benefits", "duration_hint")
    pairs = [(t.get(key), t.get(f"{key}_{code}")) for key in keys]
    pairs += list(
        zip(
            t["description_paragraphs"],
            t.get(f"description_paragraphs_{code}") or [],
            strict=False,
        )
    )
    return {fi: text for fi, text in pairs if fi and text}


def swedish_strings(t) -> dict[str, str]:
    """Finnish source text → Swedish, for the translation segments of a template."""
    return template_strings(t, "sv")


def english_strings(t) -> dict[str, str]:
    """Finnish source text → English, for the translation segments of a template."""
    return template_strings(t, "en")


def has_english(t) -> bool:
    """Whether a template's services are also made in English (it has English texts)."""
    return bool(t.get("description_paragraphs_en"))
