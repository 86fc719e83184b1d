"""The outbox: every e-mail the project sends is a row first, sent afterwards.

`enqueue` writes an `OutgoingEmail` row in the caller's transaction, so a message exists
exactly when what caused it was committed; a `key` makes it idempotent (a rerun of a
daily command queues nothing twice). `deliver` sends the due rows:

- a row counts as sent only after the mail server accepted it (the backend returned);
- a failure records the error and schedules the next attempt with exponential backoff
  (`MAIL_RETRY_BASE_SECONDS` doubled per attempt, at most `MAIL_RETRY_MAX_SECONDS`); after
  `MAIL_MAX_ATTEMPTS` attempts the row is `failed` (Reports › Outgoing e-mail, and
  `manage.py send_outbox` exits 1 and names it);
- a sender first claims the rows it sends (a conditional UPDATE, with
  `SELECT … FOR UPDATE SKIP LOCKED` on PostgreSQL so that concurrent senders take
  different rows), so no two senders send one row; a claim of a sender that died expires
  after `CLAIM_SECONDS` and the row is sent again (the one case of a possible duplicate:
  a crash between the server's acceptance and the UPDATE; the stable Message-ID lets
  mail systems recognise it);
- one message failing does not keep the others from being sent; when the server cannot
  be reached at all, the rest of the batch is postponed (each row's attempt counted).

Django's and Wagtail's own e-mail (password resets, Wagtail's workflow and comment notices)
takes the same way: `EMAIL_BACKEND` is `OutboxEmailBackend`, which queues each message per
recipient; the outbox sends with `MAIL_TRANSPORT` (the `EMAIL_BACKEND` environment variable:
SMTP unless told otherwise).

When rows are sent depends on `MAIL_DELIVERY`: `on_commit` (the default) tries right
after the transaction that queued them commits and leaves failures to the scheduled
sender (`manage.py send_outbox`, deploy/systemd); `queue` leaves everything to the
scheduled sender; `immediate` sends inside the queueing transaction (the tests' setting:
their transactions never commit). Inside `batch()` (the daily commands) rows are sent
together when the block ends, over one connection.
"""

from __future__ import annotations

import contextvars
import datetime as dt
import hashlib
import logging
import uuid
from contextlib import contextmanager
from dataclasses import dataclass, field
from email.utils import parseaddr

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.core.mail import EmailMessage, EmailMultiAlternatives, get_connection
from django.core.mail.backends.base import BaseEmailBackend
from django.db import IntegrityError, connection, transaction
from django.db.models import Q
from django.utils import timezone

from .models import OutgoingEmail

logger = logging.getLogger(__name__)

DELIVERY_MODES = ("on_commit", "queue", "immediate")
# How long a sender owns the rows it claimed (a sender that died frees them after this).
CLAIM_SECONDS = 15 * 60
# Rows claimed and sent over one connection at a time.
CHUNK = 50
KEY_LENGTH = OutgoingEmail._meta.get_field("key").max_length

_batch: contextvars.ContextVar[list[int] | None] = contextvars.ContextVar(
    "outbox_batch", default=None
)


def delivery_mode() -> str:
    mode = getattr(settings, "MAIL_DELIVERY", "on_commit")
    if mode not in DELIVERY_MODES:
        raise ValueError(f"MAIL_DELIVERY must be one of {', '.join(DELIVERY_MODES)}, got {mode!r}")
    return mode


def max_attempts() -> int:
    return max(1, int(getattr(settings, "MAIL_MAX_ATTEMPTS", 12)))


def backoff(attempts: int) -> dt.timedelta:
    """The wait after the `attempts`-th failed attempt: base × 2^(attempts-1), capped."""
    base = int(getattr(settings, "MAIL_RETRY_BASE_SECONDS", 60))
    cap = int(getattr(settings, "MAIL_RETRY_MAX_SECONDS", 6 * 3600))
    return dt.timedelta(seconds=min(cap, base * 2 ** max(0, attempts - 1)))


def _key(key: str | None) -> str | None:
    if key is None or len(key) <= KEY_LENGTH:
        return key
    digest = hashlib.sha256(key.encode()).hexdigest()[:32]
    return f"{key[: KEY_LENGTH - 33]}:{digest}"


# --- Queueing ------------------------------------------------------------------------------
def enqueue(
    recipient: str,
    subject: str,
    body: str,
    *,
    key: str | None = None,
    from_email: str = "",
    html_body: str = "",
) -> OutgoingEmail | None:
    """Queue one message to one address in the current transaction.

    Returns the row, or None when `key` was queued before (or there is no address).
    """
    if not recipient:
        return None
    try:
        with transaction.atomic():
            row = OutgoingEmail.objects.create(
                key=_key(key),
                recipient=recipient,
                subject=" ".join(subject.split()),
                body=body,
                html_body=html_body,
                from_email=from_email,
                next_attempt_at=timezone.now(),
            )
    except IntegrityError:
        if key is None:
            raise
        return None
    _schedule([row.pk])
    return row


def is_queued(key: str) -> bool:
    return OutgoingEmail.objects.filter(key=_key(key)).exists()


def _schedule(pks: list[int]) -> None:
    pending = _batch.get()
    if pending is not None:
        pending.extend(pks)
        return
    mode = delivery_mode()
    if mode == "immediate":
        _deliver_quietly(pks)
    elif mode == "on_commit":
        transaction.on_commit(lambda: _deliver_quietly(pks))


def _deliver_quietly(pks: list[int]) -> None:
    """Send now what was just queued; whatever fails stays for the scheduled sender. Never
    raises: it runs after the caller's transaction committed (a request must not fail)."""
    try:
        deliver(ids=pks)
    except Exception:
        logger.exception("outbox: sending right away failed; the scheduled sender retries")


@dataclass
class Batch:
    queued: list[int] = field(default_factory=list)
    report: DeliveryReport | None = None


@contextmanager
def batch():
    """Collect what is queued in the block and send it together when the block ends (after
    the commit of an enclosing transaction). Used by the daily commands."""
    if _batch.get() is not None:  # nested: the outer batch sends
        yield Batch()
        return
    result = Batch()
    token = _batch.set(result.queued)
    try:
        yield result
    finally:
        _batch.reset(token)
    if not result.queued:
        return
    mode = delivery_mode()
    if mode == "immediate":
        result.report = deliver(ids=result.queued)
    elif mode == "on_commit":

        def send():
            try:
                result.report = deliver(ids=result.queued)
            except Exception:
                logger.exception("outbox: sending the batch failed; the scheduled sender retries")

        transaction.on_commit(send)


# --- Sending -------------------------------------------------------------------------------
@dataclass
class DeliveryReport:
    sent: int = 0
    retrying: int = 0
    failed: int = 0  # reached MAIL_MAX_ATTEMPTS in this run
    errors: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors

    def __str__(self):
        text = f"{self.sent} sent, {self.retrying} to retry, {self.failed} failed for good"
        return text + "".join(f"\n  {error}" for error in self.errors)


def _due(now):
    return OutgoingEmail.objects.filter(
        status=OutgoingEmail.Status.PENDING, next_attempt_at__lte=now
    ).filter(Q(claimed_until__isnull=True) | Q(claimed_until__lt=now))


def _claim(ids, size: int, now) -> tuple[uuid.UUID, list[OutgoingEmail]]:
    """Take up to `size` due rows for this sender (nobody else sends them while claimed)."""
    token = uuid.uuid4()
    due = _due(now)
    if ids is not None:
        due = due.filter(pk__in=ids)
    with transaction.atomic():
        candidates = due.order_by("next_attempt_at", "pk")
        if connection.features.has_select_for_update_skip_locked:
            candidates = candidates.select_for_update(skip_locked=True)
        pks = list(candidates.values_list("pk", flat=True)[:size])
        if pks:
            # The conditions again: another sender may have claimed a row since it was read
            # (SQLite has no row locks; PostgreSQL re-checks the WHERE after a lock wait).
            due.filter(pk__in=pks).update(
                claim=token, claimed_until=now + dt.timedelta(seconds=CLAIM_SECONDS)
            )
    return token, list(OutgoingEmail.objects.filter(claim=token).order_by("pk"))


def message_id(row: OutgoingEmail) -> str:
    """The same Message-ID on every attempt of a row."""
    domain = parseaddr(settings.DEFAULT_FROM_EMAIL)[1].rpartition("@")[2] or "localhost"
    return f"<outbox.{row.pk}.{row.created_at:%Y%m%d%H%M%S}@{domain}>"


def _message(row: OutgoingEmail, smtp) -> EmailMessage:
    message = EmailMultiAlternatives(
        row.subject,
        row.body,
        row.from_email or settings.DEFAULT_FROM_EMAIL,
        [row.recipient],
        headers={"Message-ID": message_id(row)},
        connection=smtp,
    )
    if row.html_body:
        message.attach_alternative(row.html_body, "text/html")
    return message


def _describe(exc: BaseException) -> str:
    return f"{type(exc).__name__}: {exc}"[:2000]


def _mark_sent(row, token) -> None:
    OutgoingEmail.objects.filter(pk=row.pk, claim=token).update(
        status=OutgoingEmail.Status.SENT,
        sent_at=timezone.now(),
        attempts=row.attempts + 1,
        last_error="",
        claim=None,
        claimed_until=None,
    )


def _mark_failed(row, token, error: str, report: DeliveryReport) -> None:
    attempts = row.attempts + 1
    values = {"attempts": attempts, "last_error": error, "claim": None, "claimed_until": None}
    if attempts >= max_attempts():
        values["status"] = OutgoingEmail.Status.FAILED
        report.failed += 1
        logger.error(
            "outbox: e-mail %s to %s failed for good after %s attempts: %s",
            row.pk,
            row.recipient,
            attempts,
            error,
        )
    else:
        values["next_attempt_at"] = timezone.now() + backoff(attempts)
        report.retrying += 1
        logger.warning(
            "outbox: e-mail %s to %s not sent (attempt %s, next at %s): %s",
            row.pk,
            row.recipient,
            attempts,
            values["next_attempt_at"].isoformat(timespec="seconds"),
            error,
        )
    report.errors.append(f"#{row.pk} to {row.recipient} (attempt {attempts}): {error}")
    OutgoingEmail.objects.filter(pk=row.pk, claim=token).update(**values)


def transport() -> str:
    """The backend the outbox sends with (never the outbox's own)."""
    backend = getattr(settings, "MAIL_TRANSPORT", "django.core.mail.backends.smtp.EmailBackend")
    if backend == f"{__name__}.OutboxEmailBackend":
        raise ImproperlyConfigured("MAIL_TRANSPORT (EMAIL_BACKEND variable) cannot be the outbox")
    return backend


def _open():
    smtp = get_connection(backend=transport(), fail_silently=False)
    smtp.open()
    return smtp


def _close(smtp) -> None:
    try:
        smtp.close()
    except Exception:  # a dead connection may fail to say goodbye
        pass


def _send_chunk(rows, token, report: DeliveryReport) -> bool:
    """Send claimed rows over one connection. False when the server cannot be reached (the
    rows left are postponed, their attempt counted)."""
    try:
        smtp = _open()
    except Exception as exc:
        for row in rows:
            _mark_failed(row, token, _describe(exc), report)
        return False
    try:
        for index, row in enumerate(rows):
            try:
                accepted = _message(row, smtp).send()
            except Exception as exc:
                _mark_failed(row, token, _describe(exc), report)
                # The connection may be broken: start the next message on a new one.
                _close(smtp)
                try:
                    smtp = _open()
                except Exception as again:
                    for rest in rows[index + 1 :]:
                        _mark_failed(rest, token, _describe(again), report)
                    return False
                continue
            if accepted:
                _mark_sent(row, token)
                report.sent += 1
            else:
                _mark_failed(row, token, "the mail backend accepted no message", report)
    finally:
        _close(smtp)
    return True


def deliver(ids=None, *, limit: int = 1000, now=None) -> DeliveryReport:
    """Send the due rows (all, or those of `ids`), at most `limit`. Returns what happened."""
    report = DeliveryReport()
    remaining = limit
    while remaining > 0:
        token, rows = _claim(ids, min(CHUNK, remaining), now or timezone.now())
        if not rows:
            break
        remaining -= len(rows)
        if not _send_chunk(rows, token, report):
            break
    return report


def retry_failed() -> int:
    """Give every failed row a new series of attempts. Returns how many."""
    return OutgoingEmail.objects.filter(status=OutgoingEmail.Status.FAILED).update(
        status=OutgoingEmail.Status.PENDING,
        attempts=0,
        next_attempt_at=timezone.now(),
        claim=None,
        claimed_until=None,
    )


def counts() -> dict[str, int]:
    """{status: rows} of the outbox."""
    from django.db.models import Count

    rows = OutgoingEmail.objects.values_list("status").annotate(n=Count("pk")).order_by()
    return {status: n for status, n in rows}


class OutboxEmailBackend(BaseEmailBackend):
    """Django's EMAIL_BACKEND: every message Django or Wagtail sends (send_mail, password
    resets, workflow notices) is queued, one row per recipient, in the current transaction."""

    def send_messages(self, email_messages):
        queued = 0
        for message in email_messages:
            html = next(
                (
                    content
                    for content, mimetype in getattr(message, "alternatives", []) or []
                    if mimetype == "text/html"
                ),
                "",
            )
            for recipient in message.recipients():
                if enqueue(
                    recipient,
                    str(message.subject),
                    str(message.body),
                    from_email=message.from_email or "",
                    html_body=str(html),
                ):
                    queued += 1
        return queued
