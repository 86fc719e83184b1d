"""Demo data of the policies app, built by `seed_demo` (`DemoBuilder.build`).

The policy index in every locale; partners' representatives; a decision the working group
took and one it escalated to the steering group, with their policies (fi/sv/en, through
wagtail-localize) and an older policy they superseded; the current year's meetings (working
group every 4th Wednesday, workshops every 4th Monday with a rotating facilitator, the steering
group quarterly) with attendance recorded up to the demo's day, a few absences among it; a
content case that reached its sanction and one in progress, paused for a legal review; a
knowledge-transfer breach under discussion.

Deterministic and idempotent like the rest of the demo: everything is found by a natural key
and only what is missing is created. Dates are relative to the builder's anchor (its day and
year), so `sanctions_report --year <that year>` prints the sanctions below once the year has
gone far enough (all of them from September on):

- Kerava, steering group, 7–12: absent from the 1st- and 3rd-quarter meetings (the agreement's
  own example);
- Raasepori, working group, 7–12: the 3rd and 4th absences of the year;
- Vantaa, workshop, 1–6: the March workshop's facilitation missed;
- the partner of the sanctioned content case, 1000 €.
"""

import datetime as dt

from django.db import transaction
from django.utils import timezone

from cms.models import Organisation
from services.models import ServicePage
from translations.locales import ensure_locales
from translations.localize import translate

from . import rules
from .models import (
    Attendance,
    AttendanceStatus,
    Body,
    CaseKind,
    CasePause,
    ContactRole,
    ContentCase,
    Decision,
    KnowledgeTransferBreach,
    Meeting,
    PartnerContact,
    PauseReason,
    PolicyPage,
    PolicyScope,
    PolicyStatus,
    SteeringGroupVote,
    WorkingGroupVote,
)
from .setup import ensure_policy_index

PARTNERS = ("helsinki", "espoo", "vantaa", "kerava", "raasepori")
WEDNESDAY, MONDAY, THURSDAY = 2, 0, 3

# Attendance that is not "present": {(body, n-th meeting of the year): {partner: status}}.
ABSENT, SUBSTITUTE, MISSED = (
    AttendanceStatus.ABSENT,
    AttendanceStatus.SUBSTITUTE,
    AttendanceStatus.FACILITATION_MISSED,
)
EXCEPTIONS = {
    (Body.STEERING_GROUP, 0): {"kerava": ABSENT},
    (Body.STEERING_GROUP, 1): {"helsinki": ABSENT},
    (Body.STEERING_GROUP, 2): {"kerava": ABSENT, "vantaa": SUBSTITUTE},
    (Body.WORKING_GROUP, 1): {"raasepori": ABSENT},
    (Body.WORKING_GROUP, 2): {"kerava": SUBSTITUTE},
    (Body.WORKING_GROUP, 3): {"espoo": ABSENT},
    (Body.WORKING_GROUP, 5): {"raasepori": ABSENT},
    (Body.WORKING_GROUP, 6): {"espoo": SUBSTITUTE},
    (Body.WORKING_GROUP, 7): {"helsinki": SUBSTITUTE},
    (Body.WORKING_GROUP, 8): {"raasepori": ABSENT},
    (Body.WORKING_GROUP, 9): {"espoo": ABSENT},
    (Body.WORKING_GROUP, 10): {"raasepori": ABSENT},
    (Body.WORKSHOP, 2): {"vantaa": MISSED},
    (Body.WORKSHOP, 4): {"kerava": ABSENT},
}
# (role, e-mail prefix, name) of each partner's demo representatives.
CONTACTS = (
    (ContactRole.STEERING_GROUP_MEMBER, "ohjausryhma", "Ohjausryhmän jäsen"),
    (ContactRole.WORKING_GROUP_MEMBER, "tyoryhma", "Työryhmän jäsen"),
    (ContactRole.WORKING_GROUP_DEPUTY, "tyoryhma-vara", "Työryhmän varajäsen"),
    (ContactRole.CONTACT_PERSON, "yhteys1", "Yhteyshenkilö"),
    (ContactRole.CONTACT_PERSON, "yhteys2", "Yhteyshenkilö"),
    (ContactRole.COMMUNICATION_INDUCTION, "viestinta1", "Viestintä- ja perehdytysvastaava"),
    (ContactRole.COMMUNICATION_INDUCTION, "viestinta2", "Viestintä- ja perehdytysvastaava"),
)
WORKSHOP_TOPICS = (
    "Kohderyhmien nimeäminen",
    "Palvelukuvauksen rakenne",
    "Vapaaehtoistoiminnan palvelut",
    "Sisäiset ohjeet ja kuntakohtaiset poikkeukset",
    "Selkokieli palvelukuvauksissa",
)


def first_weekday(start: dt.date, weekday: int) -> dt.date:
    return start + dt.timedelta(days=(weekday - start.weekday()) % 7)


def meeting_schedule(year: int) -> list[tuple[dt.date, str, int]]:
    """(date, body, n-th meeting of the body in the year) for the whole year.

    No meeting in a holiday season (`rules.meeting_dates`): the 4-week cadence goes on and
    the meeting that falls in the summer or at Christmas is not held."""
    result = []
    for body, start, weekday in (
        (Body.WORKING_GROUP, dt.date(year, 1, 8), WEDNESDAY),
        (Body.WORKSHOP, dt.date(year, 1, 19), MONDAY),
    ):
        dates = rules.meeting_dates(
            first_weekday(start, weekday), dt.timedelta(weeks=4), dt.date(year, 12, 31)
        )
        result.extend((day, body, n) for n, day in enumerate(dates))
    for n, month in enumerate((2, 5, 8, 11)):  # quarterly: the 2nd Thursday of mid-quarter
        day = first_weekday(dt.date(year, month, 1), THURSDAY) + dt.timedelta(weeks=1)
        assert rules.holiday_season(day) is None  # mid-quarter months are never holidays
        result.append((day, Body.STEERING_GROUP, n))
    return sorted(result)


# --- Policies -----------------------------------------------------------------------------------
DECISIONS = [
    {
        "title": "Vapaaehtoistoiminnan palvelut kuuluvat manuaaliin",
        "proposal": "Työllistymistä tukevat järjestöjen vapaaehtoistoiminnan palvelut kuvataan "
        "manuaaliin, kun niillä on nimetty yhteyshenkilö ja säännöllinen toteutus.",
        "wg_days_ago": 50,
        "wg": {
            "helsinki": "for",
            "espoo": "for",
            "vantaa": "against",
            "kerava": "abstain",
            "raasepori": "for",
        },
    },
    {
        "title": "Palvelukuvauksen rakenne ja enimmäispituus",
        "proposal": "Palvelukuvauksen lyhyt kuvaus on enintään 300 merkkiä, ja kuvaus etenee "
        "järjestyksessä: kenelle, mitä, miten, hyödyt.",
        "wg_days_ago": 35,
        "sg_days_ago": 21,
        "wg": {
            "helsinki": "for",
            "espoo": "against",
            "vantaa": "for",
            "kerava": "for",
            "raasepori": "absent",
        },
        "sg": {
            "helsinki": "for",
            "espoo": "for",
            "vantaa": "for",
            "kerava": "abstain",
            "raasepori": "against",
        },
    },
]
POLICIES = [
    {
        "slug": "palvelukuvauksen-rakenne",
        "decision": 1,
        "scope": PolicyScope.CONTENT,
        "title": {
            "fi": "Palvelukuvauksen rakenne ja pituus",
            "sv": "Tjänstebeskrivningens struktur och längd",
            "en": "Structure and length of a service description",
        },
        "summary": {
            "fi": "Lyhyt kuvaus enintään 300 merkkiä; kuvaus etenee: kenelle, mitä, miten, hyödyt.",
            "sv": "Kort beskrivning högst 300 tecken; beskrivningen går: för vem, vad, hur, nytta.",
            "en": "Short description at most 300 characters; then: for whom, what, how, benefits.",
        },
        "paragraphs": [
            {
                "fi": "Palvelun lyhyt kuvaus on enintään 300 merkkiä pitkä ja kertoo, kenelle "
                "palvelu on tarkoitettu ja mitä siinä tehdään.",
                "sv": "Tjänstens korta beskrivning är högst 300 tecken lång och berättar för vem "
                "tjänsten är avsedd och vad man gör i den.",
                "en": "The short description of a service is at most 300 characters long and "
                "says whom the service is for and what happens in it.",
            },
            {
                "fi": "Kuvaus etenee aina samassa järjestyksessä: kenelle, mitä, miten ja mitä "
                "hyötyä osallistumisesta on.",
                "sv": "Beskrivningen följer alltid samma ordning: för vem, vad, hur och vilken "
                "nytta deltagandet ger.",
                "en": "The description always follows the same order: for whom, what, how and "
                "what the benefits of taking part are.",
            },
        ],
    },
    {
        "slug": "vapaaehtoistoiminnan-palvelut",
        "decision": 0,
        "scope": PolicyScope.CATALOGUE,
        "title": {
            "fi": "Vapaaehtoistoiminnan palvelut palvelumanuaalissa",
            "sv": "Tjänster inom frivilligverksamhet i servicemanualen",
            "en": "Volunteer services in the Service Manual",
        },
        "summary": {
            "fi": "Järjestöjen työllistymistä tukevat vapaaehtoispalvelut kuvataan manuaaliin.",
            "sv": "Organisationers frivilliga tjänster som stöder sysselsättning beskrivs.",
            "en": "Organisations' volunteer services that support employment are described.",
        },
        "paragraphs": [
            {
                "fi": "Järjestöjen vapaaehtoistoiminnan palvelut kuvataan manuaaliin, kun ne "
                "tukevat työllistymistä, niillä on nimetty yhteyshenkilö ja ne toteutuvat "
                "säännöllisesti.",
                "sv": "Organisationernas tjänster inom frivilligverksamhet beskrivs i manualen "
                "när de stöder sysselsättning, har en namngiven kontaktperson och ordnas "
                "regelbundet.",
                "en": "Organisations' volunteer services are described in the manual when they "
                "support employment, have a named contact person and run regularly.",
            }
        ],
    },
    {
        "slug": "palvelukuvauksen-pituus-2025",
        "scope": PolicyScope.CONTENT,
        "decided_by": rules.WORKING_GROUP,
        "decision_date": (1, 3, 15),  # (years back, month, day)
        "status": PolicyStatus.SUPERSEDED,
        "superseded_by": "palvelukuvauksen-rakenne",
        "title": {"fi": "Palvelukuvauksen pituus"},
        "summary": {"fi": "Lyhyt kuvaus enintään 500 merkkiä."},
        "paragraphs": [{"fi": "Palvelun lyhyt kuvaus on enintään 500 merkkiä pitkä."}],
    },
]


class PolicyDemo:
    def __init__(self, builder):
        self.builder = builder
        self.report = builder.report
        self.today = timezone.localtime(builder.anchor).date()
        self.partners = {
            org.slug: org for org in Organisation.objects.municipalities().filter(slug__in=PARTNERS)
        }

    def build(self):
        if len(self.partners) != len(PARTNERS):
            return  # not the demo's partners: nothing to attach the records to
        with transaction.atomic():
            self.locales = ensure_locales()
            self.index = ensure_policy_index()
            self.build_contacts()
            decisions = self.build_decisions()
            self.build_policies(decisions)
            self.build_meetings()
            self.build_cases()
            self.build_knowledge_transfer()

    # --- representatives ------------------------------------------------------------------------
    def build_contacts(self):
        """Every partner's named representatives (the agreement's minimums), except that
        Kerava has named only one communication and induction contact: the named-person
        panel and report show a shortfall."""
        for slug, org in self.partners.items():
            for role, prefix, label in CONTACTS:
                if slug == "kerava" and prefix == "viestinta2":
                    continue
                _contact, created = PartnerContact.objects.get_or_create(
                    organisation=org,
                    email=f"{prefix}.{slug}@example.fi",
                    defaults={"role": role, "name": f"{label}, {org.name}"},
                )
                if created:
                    self.report.add("partner representatives")

    # --- decisions and policies -------------------------------------------------------------------
    def build_decisions(self) -> list[Decision]:
        result = []
        for spec in DECISIONS:
            decision = Decision.objects.filter(title=spec["title"]).first()
            if decision is None:
                decision = Decision.objects.create(
                    title=spec["title"],
                    proposal=spec["proposal"],
                    working_group_date=self.today - dt.timedelta(days=spec["wg_days_ago"]),
                    steering_group_date=(
                        self.today - dt.timedelta(days=spec["sg_days_ago"])
                        if "sg_days_ago" in spec
                        else None
                    ),
                )
                for model, votes in (
                    (WorkingGroupVote, spec["wg"]),
                    (SteeringGroupVote, spec.get("sg", {})),
                ):
                    for slug, vote in votes.items():
                        model.objects.create(
                            decision=decision, organisation=self.partners[slug], vote=vote
                        )
                self.report.add("decisions")
            result.append(decision)
        return result

    def build_policies(self, decisions):
        pages = {}
        for spec in POLICIES:  # successors first
            page = PolicyPage.objects.child_of(self.index).filter(slug=spec["slug"]).first()
            if page is None:
                page = self.create_policy(spec, decisions, pages)
            pages[spec["slug"]] = page
            for code in ("sv", "en"):
                if (
                    code in spec["title"]
                    and page.get_translation_or_none(self.locales[code]) is None
                ):
                    strings = {spec["title"]["fi"]: spec["title"][code]}
                    strings[spec["summary"]["fi"]] = spec["summary"][code]
                    strings.update({p["fi"]: p[code] for p in spec["paragraphs"]})
                    target = translate(page, self.locales[code], strings, publish=False)
                    # Published here, in this transaction (wagtail-localize would on commit).
                    target.get_latest_revision().publish()
                    self.report.add("policy pages")

    def create_policy(self, spec, decisions, pages) -> PolicyPage:
        fields = {
            "title": spec["title"]["fi"],
            "slug": spec["slug"],
            "summary": spec["summary"]["fi"],
            "body": "".join(f"<p>{p['fi']}</p>" for p in spec["paragraphs"]),
            "scope": spec["scope"],
            "locale": self.index.locale,
        }
        if "decision" in spec:
            fields["decision"] = decisions[spec["decision"]]
        else:
            years_back, month, day = spec["decision_date"]
            fields["decided_by"] = spec["decided_by"]
            fields["decision_date"] = dt.date(self.today.year - years_back, month, day)
        if spec.get("status") == PolicyStatus.SUPERSEDED:
            fields["status"] = PolicyStatus.SUPERSEDED
            fields["superseded_by"] = pages[spec["superseded_by"]]
        page = self.index.add_child(instance=PolicyPage(**fields))
        page.save_revision().publish()
        self.report.add("policy pages")
        return page

    # --- meetings and attendance ------------------------------------------------------------------
    def build_meetings(self):
        order = [self.partners[slug] for slug in PARTNERS]
        for date, body, n in meeting_schedule(self.today.year):
            facilitator = order[n % len(order)] if body == Body.WORKSHOP else None
            meeting, created = Meeting.objects.get_or_create(
                date=date,
                body=body,
                defaults={
                    "facilitator": facilitator,
                    "topic": WORKSHOP_TOPICS[n % len(WORKSHOP_TOPICS)]
                    if body == Body.WORKSHOP
                    else "",
                },
            )
            if created:
                self.report.add("meetings")
            if date > self.today:
                continue  # attendance is recorded once the meeting has been held
            exceptions = EXCEPTIONS.get((body, n), {})
            existing = set(meeting.attendances.values_list("organisation_id", flat=True))
            new = [
                Attendance(
                    meeting=meeting,
                    organisation=org,
                    status=exceptions.get(org.slug, AttendanceStatus.PRESENT),
                )
                for org in order
                if org.pk not in existing
            ]
            if new:
                Attendance.objects.bulk_create(new)
                self.report.add("attendance rows", len(new))

    # --- content cases --------------------------------------------------------------------------
    def late_service(self):
        """A service shown late in the pipeline SLA report, else the first Espoo service."""
        from services.pipeline import reviews

        late = [r.page for r in reviews() if r.overdue]
        if late:
            return min(late, key=lambda p: p.pk)
        return (
            ServicePage.objects.filter(
                responsible_municipality=self.partners["espoo"], locale__language_code="fi"
            )
            .order_by("pk")
            .first()
        )

    def build_cases(self):
        if ContentCase.objects.exists():
            return
        service = self.late_service()
        partner = (
            service.responsible_municipality if service is not None else self.partners["espoo"]
        )
        first = self.today - dt.timedelta(days=60)
        second = rules.add_months(first, rules.FIX_WITHIN_MONTHS)
        ContentCase.objects.create(
            organisation=partner,
            service=service,
            kind=CaseKind.PIPELINE_DELAY,
            description="Palvelun tarkastus on viivästynyt tavoiteajasta ilman perusteltua syytä.",
            first_notice_on=first,
            second_notice_on=second,
            third_notice_on=second + rules.THIRD_NOTICE_AFTER,
        )
        open_case = ContentCase.objects.create(
            organisation=self.partners["helsinki"],
            kind=CaseKind.REPEATED_ERROR,
            description="Kuntakohtaisissa ohjeissa toistuva virheellinen ohjaustieto, josta on "
            "sovittu jo aiemmin pääkäyttäjän kanssa.",
            first_notice_on=self.today - dt.timedelta(days=20),
        )
        CasePause.objects.create(
            case=open_case,
            reason=PauseReason.LEGAL_REVIEW,
            start=self.today - dt.timedelta(days=15),
            end=self.today - dt.timedelta(days=5),
            note="Oikeudellinen selvitys ohjeen sisällöstä.",
        )
        self.report.add("content cases", 2)

    def build_knowledge_transfer(self):
        if KnowledgeTransferBreach.objects.exists():
            return
        KnowledgeTransferBreach.objects.create(
            organisation=self.partners["vantaa"],
            handover="Työryhmän varajäsen vaihtui",
            occurred_on=self.today - dt.timedelta(days=40),
            description="Uudelle varajäsenelle ei siirretty työpajojen valmistelun tietoja.",
            discussed_on=self.today - dt.timedelta(days=35),
        )
        self.report.add("knowledge transfer breaches")


def build_policy_demo(builder) -> None:
    """Called by `DemoBuilder.build()`."""
    PolicyDemo(builder).build()
