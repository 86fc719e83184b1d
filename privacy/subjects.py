"""Data-subject requests: finding a person, exporting everything about them, erasing them
(docs/privacy.md, "Data-subject requests"). Plain functions: the admin views and the tests
call them; who may act on whom is `privacy.access`.

The export is one dict of kinds (`KINDS`), each a list of flat rows, written as JSON or as a
zip with one CSV per kind (`export_json`, `export_zip`).

The erasure (`erase`) anonymises the account in place: the row stays (so the user log, the
audit log, change requests and services keep pointing at it) but its personal fields are
replaced by a pseudonym. Whatever refers to the account therefore shows the pseudonym, and no
log row is ever updated. `anonymise_account` is the one anonymisation, also used by the
daily job (`privacy.leavers`).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import secrets
import zipfile
from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from cms.exports import safe_cell
from cms.members import deactivate_membership
from cms.models import Invitation, InvitationStatus, Membership, OutgoingEmail
from services.models import (
    ChangeRequest,
    ChangeRequestEvent,
    Contact,
    Favourite,
    SentNotification,
    ServiceList,
    ServicePage,
)

from .models import AccountLifecycle

PSEUDONYM_PREFIX = "poistettu-"
# An address that can never receive mail (RFC 2606 ".invalid").
PSEUDONYM_DOMAIN = "poistettu.invalid"
SEARCH_MIN_LENGTH = 3
SEARCH_MAX_LENGTH = 200
SEARCH_LIMIT = 50


# --- Finding the person ------------------------------------------------------------------------
class SearchError(ValueError):
    pass


def clean_query(query) -> str:
    query = " ".join(str(query or "").split())
    if any(ord(ch) < 32 for ch in query):
        raise SearchError("control characters")
    if len(query) < SEARCH_MIN_LENGTH:
        raise SearchError("too short")
    if len(query) > SEARCH_MAX_LENGTH:
        raise SearchError("too long")
    return query


def search(subjects, query: str):
    """Accounts among `subjects` (privacy.access.subjects_for) whose e-mail, username or
    name matches `query` (every word of it, anywhere in the names), at most SEARCH_LIMIT."""
    query = clean_query(query)
    condition = Q(email__iexact=query) | Q(username__iexact=query)
    words = Q()
    for word in query.split():
        words &= Q(first_name__icontains=word) | Q(last_name__icontains=word)
    condition |= words | Q(email__icontains=query)
    return subjects.filter(condition).order_by("last_name", "first_name", "pk")[:SEARCH_LIMIT]


# --- Export --------------------------------------------------------------------------------------
LOG_COLUMNS = (
    "at",
    "action",
    "channel",
    "organisation",
    "object_type",
    "object_id",
    "object_label",
    "field",
    "ip",
    "detail",
)
# The columns of each kind, in order (the CSV headers; tests check the rows match).
COLUMNS: dict[str, tuple[str, ...]] = {
    "account": (
        "id",
        "username",
        "first_name",
        "last_name",
        "email",
        "is_active",
        "is_superuser",
        "date_joined",
        "last_login",
        "preferred_language",
        "time_zone",
        "avatar",
    ),
    "memberships": ("organisation", "role", "is_active", "created_at"),
    "invitations": (
        "organisation",
        "role",
        "email",
        "first_name",
        "last_name",
        "status",
        "sent",
        "closed",
    ),
    "api_tokens": ("name", "prefix", "created_at", "last_used_at", "expires_at", "revoked_at"),
    "user_log_as_actor": LOG_COLUMNS,
    "user_log_as_subject": LOG_COLUMNS,
    "favourites": ("service", "service_id", "added"),
    "lists": ("name", "description", "services", "shared_with", "created_at"),
    "lists_shared_with_them": ("name", "owner", "created_at"),
    "change_requests": (
        "service",
        "their_part",
        "section",
        "status",
        "message",
        "sent",
        "updated",
    ),
    "change_request_events": ("service", "status", "comment", "at"),
    "update_pair_services": (
        "service",
        "service_id",
        "provider_updater",
        "municipal_responsible",
        "verified_by",
    ),
    "notifications": ("key", "recipient", "sent_at"),
    "emails": ("recipient", "subject", "body", "status", "queued", "sent"),
    "contacts": ("name", "title", "email", "phone", "visibility", "language"),
    "partner_contacts": ("organisation", "role", "name", "email", "is_active"),
    "lifecycle": (
        "inactivity_warned_at",
        "deactivated_at",
        "deactivation_reason",
        "reactivated_at",
        "anonymised_at",
    ),
}
KINDS = tuple(COLUMNS)


def _when(value):
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return timezone.localtime(value).isoformat() if timezone.is_aware(value) else value
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def _service(page) -> str:
    return page.title if page is not None else ""


def collect(person) -> dict[str, list[dict]]:
    """Everything stored about `person`, by kind (every kind present, maybe empty)."""
    from userlog.models import UserLogEntry

    email = (person.email or "").strip()
    by_email = bool(email)
    profile = getattr(person, "wagtail_userprofile", None)
    data: dict[str, list[dict]] = {}
    data["account"] = [
        {
            "id": person.pk,
            "username": person.get_username(),
            "first_name": person.first_name,
            "last_name": person.last_name,
            "email": person.email,
            "is_active": person.is_active,
            "is_superuser": person.is_superuser,
            "date_joined": _when(person.date_joined),
            "last_login": _when(person.last_login),
            "preferred_language": getattr(profile, "preferred_language", ""),
            "time_zone": getattr(profile, "current_time_zone", ""),
            "avatar": profile.avatar.name if profile is not None and profile.avatar else "",
        }
    ]
    data["memberships"] = [
        {
            "organisation": m.organisation.name,
            "role": m.get_role_display(),
            "is_active": m.is_active,
            "created_at": _when(m.created_at),
        }
        for m in person.memberships.select_related("organisation").order_by("pk")
    ]
    invitations = Invitation.objects.filter(
        Q(accepted_by=person) | (Q(email__iexact=email) if by_email else Q(pk__in=[]))
    ).select_related("organisation")
    data["invitations"] = [
        {
            "organisation": i.organisation.name,
            "role": i.get_role_display(),
            "email": i.email,
            "first_name": i.first_name,
            "last_name": i.last_name,
            "status": i.get_status_display(),
            "sent": _when(i.created_at),
            "closed": _when(i.closed_at),
        }
        for i in invitations.order_by("pk")
    ]
    data["api_tokens"] = [
        {
            "name": t.name,
            "prefix": t.prefix,
            "created_at": _when(t.created_at),
            "last_used_at": _when(t.last_used_at),
            "expires_at": _when(t.expires_at),
            "revoked_at": _when(t.revoked_at),
        }
        for t in person.api_tokens.order_by("pk")
    ]
    for kind, condition in (
        ("user_log_as_actor", Q(user_key=person.pk)),
        ("user_log_as_subject", Q(subject_key=person.pk)),
    ):
        data[kind] = [
            {
                "at": _when(e.at),
                "action": e.get_action_display(),
                "channel": e.get_channel_display(),
                "organisation": e.organisation.name if e.organisation else "",
                "object_type": e.object_type,
                "object_id": e.object_id,
                "object_label": e.object_label,
                "field": e.field,
                "ip": e.ip or "",
                "detail": json.dumps(e.detail, ensure_ascii=False, sort_keys=True),
            }
            for e in UserLogEntry.objects.filter(condition)
            .select_related("organisation")
            .order_by("at", "pk")
        ]
    data["favourites"] = [
        {"service": _service(f.page), "service_id": f.page_id, "added": _when(f.created_at)}
        for f in Favourite.objects.filter(user=person).select_related("page").order_by("pk")
    ]
    data["lists"] = []
    for service_list in (
        ServiceList.objects.filter(owner=person)
        .prefetch_related("items__page", "shared_with")
        .order_by("pk")
    ):
        data["lists"].append(
            {
                "name": service_list.name,
                "description": service_list.description,
                "services": " | ".join(item.page.title for item in service_list.items.all()),
                "shared_with": " | ".join(u.get_username() for u in service_list.shared_with.all()),
                "created_at": _when(service_list.created_at),
            }
        )
    data["lists_shared_with_them"] = [
        {"name": s.name, "owner": s.owner.get_username(), "created_at": _when(s.created_at)}
        for s in ServiceList.objects.filter(shared_with=person).select_related("owner")
    ]
    data["change_requests"] = [
        {
            "service": _service(r.page),
            "their_part": "sender" if r.sender_id == person.pk else "assignee",
            "section": r.get_section_display(),
            "status": r.get_status_display(),
            "message": r.message,
            "sent": _when(r.created_at),
            "updated": _when(r.updated_at),
        }
        for r in ChangeRequest.objects.filter(Q(sender=person) | Q(assignee=person))
        .select_related("page")
        .order_by("pk")
    ]
    data["change_request_events"] = [
        {
            "service": _service(e.request.page),
            "status": e.get_status_display(),
            "comment": e.comment,
            "at": _when(e.created_at),
        }
        for e in ChangeRequestEvent.objects.filter(Q(user=person) | Q(assignee=person))
        .select_related("request__page")
        .order_by("pk")
    ]
    data["update_pair_services"] = [
        {
            "service": page.title,
            "service_id": page.pk,
            "provider_updater": page.provider_updater_id == person.pk,
            "municipal_responsible": page.municipal_responsible_id == person.pk,
            "verified_by": page.verified_by_id == person.pk,
        }
        for page in ServicePage.objects.filter(
            Q(provider_updater=person) | Q(municipal_responsible=person) | Q(verified_by=person)
        )
        .only("pk", "title", "provider_updater", "municipal_responsible", "verified_by")
        .order_by("pk")
    ]
    no_rows = Q(pk__in=[])
    data["notifications"] = [
        {"key": n.key, "recipient": n.recipient, "sent_at": _when(n.sent_at)}
        for n in SentNotification.objects.filter(
            Q(recipient__iexact=email) if by_email else no_rows
        ).order_by("pk")
    ]
    data["emails"] = [
        {
            "recipient": m.recipient,
            "subject": m.subject,
            "body": m.body,
            "status": m.get_status_display(),
            "queued": _when(m.created_at),
            "sent": _when(m.sent_at),
        }
        for m in OutgoingEmail.objects.filter(
            Q(recipient__iexact=email) if by_email else no_rows
        ).order_by("pk")
    ]
    data["contacts"] = [
        {
            "name": c.name,
            "title": c.title,
            "email": c.email,
            "phone": c.phone,
            "visibility": c.get_visibility_display(),
            "language": c.locale.language_code,
        }
        for c in Contact.objects.filter(Q(email__iexact=email) if by_email else no_rows)
        .select_related("locale")
        .order_by("pk")
    ]
    data["partner_contacts"] = [
        {
            "organisation": c.organisation.name,
            "role": c.get_role_display(),
            "name": c.name,
            "email": c.email,
            "is_active": c.is_active,
        }
        for c in partner_contacts_of(person).select_related("organisation").order_by("pk")
    ]
    lifecycle = AccountLifecycle.objects.filter(user=person).first()
    data["lifecycle"] = (
        [
            {
                "inactivity_warned_at": _when(lifecycle.inactivity_warned_at),
                "deactivated_at": _when(lifecycle.deactivated_at),
                "deactivation_reason": lifecycle.get_deactivation_reason_display()
                if lifecycle.deactivation_reason
                else "",
                "reactivated_at": _when(lifecycle.reactivated_at),
                "anonymised_at": _when(lifecycle.anonymised_at),
            }
        ]
        if lifecycle
        else []
    )
    return data


def partner_contacts_of(person):
    """The partner representatives (policies) that name this person: by a link to the
    account where the model has one, else by the work e-mail."""
    from policies.models import PartnerContact

    condition = Q(pk__in=[])
    if person.email:
        condition |= Q(email__iexact=person.email)
    names = {f.name for f in PartnerContact._meta.get_fields()}
    if "user" in names:
        condition |= Q(user=person)
    return PartnerContact.objects.filter(condition)


def export_json(person, now=None) -> bytes:
    data = {
        "generated_at": _when(now or timezone.now()),
        "subject_id": person.pk,
        "kinds": collect(person),
    }
    return json.dumps(data, ensure_ascii=False, indent=2, default=str).encode("utf-8")


def export_zip(person, now=None) -> bytes:
    """A zip with one CSV per kind (`<kind>.csv`, UTF-8 with BOM for spreadsheet programs,
    a header row even when the kind is empty; cells guarded against formula injection)."""
    data = collect(person)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for kind in KINDS:
            rows = data[kind]
            text = io.StringIO()
            writer = csv.writer(text)
            headers = COLUMNS[kind]
            writer.writerow(headers)
            for row in rows:
                writer.writerow([safe_cell("" if row[h] is None else str(row[h])) for h in headers])
            archive.writestr(f"{kind}.csv", "\ufeff" + text.getvalue())
        archive.writestr(
            "README.txt",
            f"Personal data of account {person.pk}, exported "
            f"{_when(now or timezone.now())}.\nOne CSV file per kind of data "
            "(docs/privacy.md, 'Data-subject requests').\n",
        )
    return buffer.getvalue()


# --- Erasure -------------------------------------------------------------------------------------
@dataclass
class ErasureResult:
    full: bool
    changed: bool
    pseudonym: str = ""
    ended_memberships: list[str] = field(default_factory=list)
    kept_elsewhere: list[str] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)
    # Records that name the person and are left for a person to fix (published contacts).
    to_check: list[str] = field(default_factory=list)


class ErasureRefused(Exception):
    pass


def is_anonymised(person) -> bool:
    lifecycle = AccountLifecycle.objects.filter(user=person).first()
    return bool(lifecycle and lifecycle.anonymised_at)


def new_pseudonym() -> str:
    User = get_user_model()
    while True:
        pseudonym = f"{PSEUDONYM_PREFIX}{secrets.token_hex(4)}"
        if not User.objects.filter(username=pseudonym).exists():
            return pseudonym


@transaction.atomic
def erase(person, *, answered, region_municipalities=(), by=None, now=None) -> ErasureResult:
    """A data-subject erasure by someone who answers for the organisations `answered`.

    - Every active membership of the person is in `answered` (or none is active): the whole
      account is anonymised (`anonymise_account`).
    - Otherwise the account stays, since another organisation relies on it: only the
      memberships in `answered` are ended and the person's favourites of the region's
      services (`region_municipalities`) removed; the result names the other organisations.

    A superuser, or one's own account, is refused (ErasureRefused). Idempotent.
    """
    now = now or timezone.now()
    if person.is_superuser:
        raise ErasureRefused("superuser")
    if by is not None and by.pk == person.pk:
        raise ErasureRefused("self")
    answered_pks = set(answered.values_list("pk", flat=True))
    elsewhere = (
        Membership.objects.filter(user=person, is_active=True)
        .exclude(organisation__in=answered_pks)
        .select_related("organisation")
    )
    kept = sorted({m.organisation.name for m in elsewhere})
    if not kept:
        return anonymise_account(person, now=now)
    result = ErasureResult(full=False, changed=False, kept_elsewhere=kept)
    for membership in (
        Membership.objects.filter(user=person, is_active=True, organisation__in=answered_pks)
        .select_related("organisation", "user")
        .order_by("pk")
    ):
        deactivate_membership(membership)
        result.ended_memberships.append(membership.organisation.name)
    deleted, _by_model = Favourite.objects.filter(
        user=person, page__responsible_municipality__in=list(region_municipalities)
    ).delete()
    result.counts["favourites"] = deleted
    result.changed = bool(result.ended_memberships or deleted)
    return result


@transaction.atomic
def anonymise_account(person, *, now=None) -> ErasureResult:
    """Replace the account's personal data with a pseudonym; a second call changes nothing.

    - the account: username `poistettu-<8 hex>`, names emptied, e-mail emptied, password
      unusable, closed; the Wagtail profile's avatar deleted;
    - every membership ended (rows kept: who belonged where stays in the trail, under the
      pseudonym), API tokens revoked, pending invitations to the address withdrawn and the
      invitations' address and names replaced;
    - favourites and own lists deleted, the person removed from lists shared with them;
    - the outbox's and the notification records' copies of the address replaced, the bodies
      of the e-mails sent to them emptied (subjects kept), unsent ones not sent;
    - login-attempt records (axes) of the username deleted.

    Kept on purpose (docs/privacy.md): the user log and Wagtail's audit log (they point at the
    account, so they show the pseudonym), change requests and their history (the services'
    correction history; the sender shows the pseudonym), the update pair (the follow-up
    report shows the closed account for reassignment). Published contacts that carry the
    address are listed in `to_check`, not changed behind the editors' back.
    """
    now = now or timezone.now()
    User = get_user_model()
    person = User.objects.select_for_update().get(pk=person.pk)
    lifecycle, _created = AccountLifecycle.objects.get_or_create(user=person)
    if lifecycle.anonymised_at is not None:
        return ErasureResult(full=True, changed=False, pseudonym=lifecycle.pseudonym)
    old_username = person.get_username()
    email = (person.email or "").strip()
    pseudonym = new_pseudonym()
    fake_address = f"{pseudonym}@{PSEUDONYM_DOMAIN}"
    result = ErasureResult(full=True, changed=True, pseudonym=pseudonym)
    counts = result.counts

    result.to_check = [
        f"{c.name} ({c.get_visibility_display()})"
        for c in (Contact.objects.filter(email__iexact=email) if email else Contact.objects.none())
    ] + [f"{c.name} ({c.organisation})" for c in partner_contacts_of(person)]

    result.ended_memberships = [
        m.organisation.name
        for m in person.memberships.filter(is_active=True).select_related("organisation")
    ]
    counts["memberships"] = Membership.objects.filter(user=person, is_active=True).update(
        is_active=False, closed_account=False
    )
    counts["api_tokens"] = 0
    for token in person.api_tokens.filter(revoked_at__isnull=True):
        counts["api_tokens"] += token.revoke()
    if email:
        Invitation.objects.filter(email__iexact=email, status=InvitationStatus.PENDING).update(
            status=InvitationStatus.WITHDRAWN, closed_at=now
        )
        counts["invitations"] = Invitation.objects.filter(email__iexact=email).update(
            email=fake_address, first_name="", last_name=""
        )
        OutgoingEmail.objects.filter(
            recipient__iexact=email, status=OutgoingEmail.Status.PENDING
        ).update(status=OutgoingEmail.Status.FAILED, last_error="recipient erased")
        counts["emails"] = OutgoingEmail.objects.filter(recipient__iexact=email).update(
            recipient=fake_address, body="", html_body=""
        )
        counts["notifications"] = SentNotification.objects.filter(recipient__iexact=email).update(
            recipient=fake_address
        )
    counts["favourites"], _ = Favourite.objects.filter(user=person).delete()
    own_lists = ServiceList.objects.filter(owner=person)
    counts["lists"] = own_lists.count()
    for service_list in own_lists:
        service_list.delete()
    ServiceList.shared_with.through.objects.filter(user=person).delete()
    _forget_login_attempts(old_username)

    profile = getattr(person, "wagtail_userprofile", None)
    if profile is not None and profile.avatar:
        profile.avatar.delete(save=False)
        profile.avatar = ""
        profile.save(update_fields=["avatar"])

    setattr(person, User.USERNAME_FIELD, pseudonym)
    person.first_name = ""
    person.last_name = ""
    person.email = ""
    person.is_active = False
    person.is_staff = False
    person.set_unusable_password()
    person.save()
    person.groups.clear()

    lifecycle.refresh_from_db()
    lifecycle.anonymised_at = now
    lifecycle.pseudonym = pseudonym
    if lifecycle.deactivated_at is None:
        lifecycle.deactivated_at = now
        lifecycle.deactivation_reason = "other"
    lifecycle.save()
    return result


def _forget_login_attempts(username: str) -> None:
    try:
        from axes.models import AccessAttempt, AccessFailureLog, AccessLog
    except ImportError:  # pragma: no cover - axes is installed in every environment
        return
    for model in (AccessAttempt, AccessFailureLog, AccessLog):
        model.objects.filter(username=username).delete()
