"""E-mails of the policies app: the policy digest and the sanction notice.

Like `services.notifications.notify`, each message is keyed in `SentNotification` and queued
in the outbox (`cms.outbox`) in the same transaction, so a command run twice (or two runs at
once) queues nothing twice, and a message counts as sent only once the mail server accepted
it; each message is rendered in its recipient's language from
`policies/emails/<template>_subject.txt` and `.txt`.
"""

import datetime as dt
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction
from django.db.models import Exists, OuterRef, Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from wagtail.admin.utils import get_admin_base_url

from cms import outbox
from cms.members import user_language
from cms.models import Membership
from services.models import SentNotification

from .models import ContactRole, PartnerContact, PolicyPage

DIGEST_KEY = "policy-digest"
# A user's first digest covers this many days (the dashboard notice's window, too).
RECENT_DAYS = 30


@dataclass(frozen=True)
class Recipient:
    email: str
    language: str
    name: str = ""


def send_once(recipients, template: str, context: dict, *, key: str) -> int:
    """Queue the template to each recipient once per key. Returns how many were queued."""
    queued = 0
    for recipient in recipients:
        if not recipient.email:
            continue
        row_key = f"{key}:{recipient.email}"[:200]
        with transaction.atomic():
            try:
                with transaction.atomic():
                    SentNotification.objects.create(key=row_key, recipient=recipient.email)
            except IntegrityError:
                continue
            with translation.override(recipient.language):
                ctx = {**context, "recipient": recipient}
                subject = render_to_string(f"policies/emails/{template}_subject.txt", ctx).strip()
                body = render_to_string(f"policies/emails/{template}.txt", ctx)
            outbox.enqueue(recipient.email, subject, body, key=row_key)
        queued += 1
    return queued


def admin_url(name, *args) -> str:
    return get_admin_base_url() + reverse(name, args=args)


# --- Sanctions: the partner's steering-group member is told -----------------------------------
def steering_group_members(organisation) -> list[Recipient]:
    contacts = PartnerContact.objects.filter(
        organisation=organisation, role=ContactRole.STEERING_GROUP_MEMBER, is_active=True
    )
    return [Recipient(c.email, organisation.language, c.name) for c in contacts]


def notify_content_sanction(case) -> int:
    """Tell the partner's steering-group member(s) of a confirmed content sanction."""
    from . import rules

    return send_once(
        steering_group_members(case.organisation),
        "content_sanction",
        {
            "case": case,
            "amount": rules.CONTENT_SANCTION,
            "first": rules.format_date(case.first_notice_on),
            "second": rules.format_date(case.second_notice_on),
            "third": rules.format_date(case.third_notice_on),
            "url": admin_url("content-cases:inspect", case.pk),
        },
        key=f"content-sanction:{case.pk}",
    )


# --- The policy digest ---------------------------------------------------------------------------
def digest_users():
    """Every active user with an active membership (in an active organisation)."""
    return (
        get_user_model()
        .objects.filter(is_active=True)
        .exclude(email="")
        .filter(Exists(Membership.objects.active().filter(user=OuterRef("pk"))))
        .select_related("wagtail_userprofile")
        .order_by("pk")
    )


def last_digests() -> dict[int, dt.datetime]:
    """{user pk: when their last digest was sent} (keys are policy-digest:<user>:<rev>:<email>)."""
    result = {}
    rows = SentNotification.objects.filter(key__startswith=f"{DIGEST_KEY}:").values_list(
        "key", "sent_at"
    )
    for key, sent_at in rows:
        user_pk = key.split(":")[1]
        if user_pk.isdigit():
            pk = int(user_pk)
            result[pk] = max(result.get(pk, sent_at), sent_at)
    return result


def published_since(since: dt.datetime, language: str) -> list[PolicyPage]:
    """Live policies published (first or again) since `since`, each once: in `language`
    when that version was published since, else the Finnish one."""
    pages = (
        PolicyPage.objects.live()
        .public()
        .filter(last_published_at__gt=since, locale__language_code__in={language, "fi"})
        .select_related("locale")
    )
    chosen = {}
    for page in pages:
        current = chosen.get(page.translation_key)
        if current is None or page.locale.language_code == language:
            chosen[page.translation_key] = page
    return sorted(chosen.values(), key=lambda p: (p.last_published_at, p.pk), reverse=True)


def send_policy_digest(now=None) -> tuple[int, int]:
    """E-mail each user the policies published since their last digest (the first covers
    RECENT_DAYS). Returns (e-mails sent, users with nothing new)."""
    now = now or timezone.now()
    last = last_digests()
    sent = quiet = 0
    for user in digest_users():
        since = last.get(user.pk) or now - dt.timedelta(days=RECENT_DAYS)
        language = user_language(user)
        policies = published_since(since, language)
        if not policies:
            quiet += 1
            continue
        newest = max(p.live_revision_id or 0 for p in policies)
        entries = [
            {
                "page": p,
                "is_new": p.first_published_at and p.first_published_at > since,
                "url": admin_url("policies_read", p.pk),
            }
            for p in policies
        ]
        sent += send_once(
            [Recipient(user.email, language, user.get_full_name())],
            "policy_digest",
            {"entries": entries, "list_url": admin_url("policies_list")},
            key=f"{DIGEST_KEY}:{user.pk}:{newest}",
        )
    return sent, quiet


# --- Named persons: the digest warns when a partner falls short ---------------------------------
NAMED_PERSONS_KEY = "named-persons"


def named_person_recipients(entries) -> list[tuple]:
    """(user, the entries they are told of): every maintainer gets them all; a partner's
    main users get their own organisation's (a provider without a main user has nobody to
    tell but the maintainers)."""
    from cms.roles import Role

    by_org = {e.organisation.pk: e for e in entries}
    memberships = (
        Membership.objects.active()
        .filter(user__in=digest_users())
        .filter(
            Q(role=Role.MAINTAINER)
            | Q(role=Role.MUNICIPALITY_MAIN_USER, organisation_id__in=list(by_org))
        )
        .select_related("user", "user__wagtail_userprofile")
        .order_by("user_id")
    )
    told = {}
    for membership in memberships:
        _user, org_ids = told.setdefault(membership.user_id, (membership.user, set()))
        if membership.role == Role.MAINTAINER:
            org_ids.update(by_org)
        else:
            org_ids.add(membership.organisation_id)
    return [
        (user, [e for e in entries if e.organisation.pk in org_ids])
        for user, org_ids in told.values()
    ]


def send_named_person_warnings(on: dt.date | None = None) -> int:
    """E-mail the named-person shortfalls of `on` (`policies.named_persons`). Each recipient
    is told once a month of the same shortfalls, and again when they change."""
    import hashlib

    from .named_persons import shortfalls

    on = on or timezone.localdate()
    entries = shortfalls(on)
    if not entries:
        return 0
    sent = 0
    for user, found in named_person_recipients(entries):
        signature = repr(
            [f"{on:%Y-%m}"]
            + sorted((e.organisation.pk, sorted(e.shortfalls.items())) for e in found)
        )
        digest = hashlib.sha256(signature.encode()).hexdigest()[:16]
        sent += send_once(
            [Recipient(user.email, user_language(user), user.get_full_name())],
            "named_persons",
            {
                "entries": found,
                "date": on,
                "url": admin_url("policies_named_persons_report"),
            },
            key=f"{NAMED_PERSONS_KEY}:{user.pk}:{digest}",
        )
    return sent


def recent_policies(language: str, since: dt.datetime) -> list[PolicyPage]:
    """For the dashboard: policies published or changed since `since`."""
    return published_since(since, language)


__all__ = [
    "notify_content_sanction",
    "recent_policies",
    "send_once",
    "send_named_person_warnings",
    "send_policy_digest",
]
