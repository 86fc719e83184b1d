"""The outbox (cms/outbox.py, docs/operations.md "Scheduled jobs and e-mail"): a message is
sent only once the mail server accepted it, a failure is retried with backoff and never
lost, nothing is sent twice, a rerun of a daily command queues nothing twice, and one bad
message does not hold back the others."""

import datetime as dt
import smtplib
from io import StringIO

import pytest
from django.core.mail.backends.base import BaseEmailBackend
from django.core.mail.backends.locmem import EmailBackend as LocmemBackend
from django.core.management import CommandError, call_command
from django.utils import timezone

from cms import outbox
from cms.models import OutgoingEmail
from services.models import SentNotification, ServicePage

pytestmark = pytest.mark.django_db

NOW = dt.datetime(2026, 6, 1, 3, tzinfo=dt.UTC)


@pytest.fixture
def clock(monkeypatch):
    class Clock:
        now = NOW

        def advance(self, **delta):
            self.now += dt.timedelta(**delta)

    fake = Clock()
    monkeypatch.setattr(timezone, "now", lambda: fake.now)
    return fake


class DownBackend(BaseEmailBackend):
    """The mail server cannot be reached."""

    def open(self):
        raise ConnectionRefusedError(111, "Connection refused")

    def send_messages(self, messages):
        self.open()


class RefusingBackend(LocmemBackend):
    """Accepts everything except the addresses containing "bad", which it refuses."""

    def send_messages(self, messages):
        for message in messages:
            if any("bad" in r for r in message.recipients()):
                raise smtplib.SMTPRecipientsRefused({message.to[0]: (550, b"No such user")})
        return super().send_messages(messages)


@pytest.fixture
def smtp(monkeypatch):
    """Switch the mail server: smtp.down(), smtp.refusing(), smtp.up()."""

    class Switch:
        def use(self, backend):
            monkeypatch.setattr(outbox, "get_connection", lambda **kwargs: backend())

        def down(self):
            self.use(DownBackend)

        def refusing(self):
            self.use(RefusingBackend)

        def up(self):
            self.use(LocmemBackend)

    switch = Switch()
    switch.up()
    return switch


@pytest.fixture
def retries(settings):
    settings.MAIL_RETRY_BASE_SECONDS = 60
    settings.MAIL_RETRY_MAX_SECONDS = 3600
    settings.MAIL_MAX_ATTEMPTS = 4


@pytest.fixture
def queue_only(settings, retries):
    settings.MAIL_DELIVERY = "queue"


def statuses():
    return sorted(OutgoingEmail.objects.values_list("recipient", "status", "attempts"))


def test_smtp_down_marks_nothing_sent_and_the_retry_after_the_backoff_sends_once(
    queue_only, smtp, clock, mailoutbox
):
    outbox.enqueue("a@example.fi", "Subject", "Body", key="t:a")
    outbox.enqueue("b@example.fi", "Subject", "Body", key="t:b")
    smtp.down()

    report = outbox.deliver()
    assert (report.sent, report.retrying, report.failed) == (0, 2, 0)
    assert statuses() == [("a@example.fi", "pending", 1), ("b@example.fi", "pending", 1)]
    row = OutgoingEmail.objects.get(key="t:a")
    assert row.sent_at is None
    assert row.next_attempt_at == NOW + dt.timedelta(seconds=60)
    assert "ConnectionRefusedError" in row.last_error
    assert mailoutbox == []

    # The server is back, but the backoff has not passed: nothing is tried yet.
    smtp.up()
    clock.advance(seconds=59)
    assert outbox.deliver().sent == 0
    assert mailoutbox == []

    clock.advance(seconds=1)
    report = outbox.deliver()
    assert report.sent == 2 and report.ok
    assert statuses() == [("a@example.fi", "sent", 2), ("b@example.fi", "sent", 2)]
    assert sorted(m.to[0] for m in mailoutbox) == ["a@example.fi", "b@example.fi"]

    # Never twice: later runs send nothing more.
    clock.advance(hours=1)
    assert outbox.deliver().sent == 0
    assert len(mailoutbox) == 2


def test_backoff_doubles_up_to_the_cap_and_the_last_attempt_fails_for_good(
    queue_only, smtp, clock, mailoutbox
):
    outbox.enqueue("a@example.fi", "Subject", "Body")
    smtp.down()
    waits = []
    for _ in range(3):
        outbox.deliver()
        row = OutgoingEmail.objects.get()
        waits.append((row.next_attempt_at - clock.now).total_seconds())
        clock.now = row.next_attempt_at
    assert waits == [60, 120, 240]
    assert outbox.backoff(7) == dt.timedelta(seconds=3600)  # capped

    with pytest.raises(CommandError, match="1 message"):
        call_command("send_outbox", stdout=StringIO())
    row = OutgoingEmail.objects.get()
    assert (row.status, row.attempts) == ("failed", 4)
    assert "Connection refused" in row.last_error

    # A failed message is never retried on its own; --retry-failed gives it new attempts.
    clock.advance(days=1)
    smtp.up()
    out = StringIO()
    call_command("send_outbox", stdout=out)
    assert "0 sent" in out.getvalue() and mailoutbox == []
    call_command("send_outbox", "--retry-failed", stdout=out)
    assert OutgoingEmail.objects.get().status == "sent"
    assert len(mailoutbox) == 1


def test_a_refused_message_does_not_hold_back_the_others(queue_only, smtp, clock, mailoutbox):
    for name in ("first", "bad", "last"):
        outbox.enqueue(f"{name}@example.fi", f"To {name}", "Body")
    smtp.refusing()
    report = outbox.deliver()
    assert (report.sent, report.retrying) == (2, 1)
    assert [m.to[0] for m in mailoutbox] == ["first@example.fi", "last@example.fi"]
    bad = OutgoingEmail.objects.get(recipient="bad@example.fi")
    assert bad.status == "pending" and "SMTPRecipientsRefused" in bad.last_error
    assert OutgoingEmail.objects.filter(status="sent").count() == 2


def test_message_id_is_the_same_on_every_attempt(queue_only, smtp, clock, mailoutbox):
    row = outbox.enqueue("a@example.fi", "Subject", "Body")
    first = outbox.message_id(row)
    smtp.down()
    outbox.deliver()
    clock.advance(minutes=5)
    smtp.up()
    outbox.deliver()
    assert mailoutbox[0].extra_headers["Message-ID"] == first
    assert mailoutbox[0].from_email == "palvelumanuaali@example.fi"


def test_a_row_claimed_by_another_sender_is_not_sent_until_its_claim_expires(
    queue_only, smtp, clock, mailoutbox
):
    outbox.enqueue("a@example.fi", "Subject", "Body")
    token, rows = outbox._claim(None, 10, clock.now)  # another sender took it
    assert len(rows) == 1
    assert outbox.deliver().sent == 0
    assert mailoutbox == []
    # That sender died: after the claim's time the row is sent, once.
    clock.advance(seconds=outbox.CLAIM_SECONDS + 1)
    assert outbox.deliver().sent == 1
    assert outbox.deliver().sent == 0
    # The dead sender's late update changes nothing.
    outbox._mark_failed(rows[0], token, "late", outbox.DeliveryReport())
    assert OutgoingEmail.objects.get().status == "sent"
    assert len(mailoutbox) == 1


def test_a_key_is_queued_once(queue_only):
    assert outbox.enqueue("a@example.fi", "S", "B", key="same") is not None
    assert outbox.enqueue("a@example.fi", "S", "B", key="same") is None
    long_key = "k" * 400
    assert outbox.enqueue("a@example.fi", "S", "B", key=long_key) is not None
    assert outbox.enqueue("a@example.fi", "S", "B", key=long_key) is None
    assert outbox.is_queued(long_key)
    assert OutgoingEmail.objects.count() == 2


def test_on_commit_sends_after_the_commit_and_a_down_server_fails_nothing(
    settings, smtp, mailoutbox, django_capture_on_commit_callbacks
):
    settings.MAIL_DELIVERY = "on_commit"
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        outbox.enqueue("a@example.fi", "Subject", "Body")
        assert mailoutbox == []  # not before the commit
    assert len(callbacks) == 1
    assert [m.to[0] for m in mailoutbox] == ["a@example.fi"]

    smtp.down()
    with django_capture_on_commit_callbacks(execute=True):
        outbox.enqueue("b@example.fi", "Subject", "Body")  # the caller does not fail
    row = OutgoingEmail.objects.get(recipient="b@example.fi")
    assert (row.status, row.attempts) == ("pending", 1)


def test_a_rolled_back_transaction_queues_nothing(queue_only):
    from django.db import transaction

    with pytest.raises(RuntimeError), transaction.atomic():
        outbox.enqueue("a@example.fi", "Subject", "Body")
        raise RuntimeError("the change that caused the message failed")
    assert not OutgoingEmail.objects.exists()


# --- the daily command with the mail server down --------------------------------------------
@pytest.fixture
def due_reminder(services, clock):
    """A Helsinki service whose first freshness reminder is due; every other one is fresh."""
    service = services("helsinki")
    ServicePage.objects.live().exclude(pk=service.pk).update(
        last_published_at=NOW + dt.timedelta(days=10_000), verified_at=None, outdated_at=None
    )
    ServicePage.objects.filter(pk=service.pk).update(
        last_published_at=NOW - dt.timedelta(days=130), verified_at=None, outdated_at=None
    )
    service.refresh_from_db()
    assert service.provider_updater.email and service.municipal_responsible.email
    return service


def reminders(service):
    return OutgoingEmail.objects.filter(key__startswith=f"freshness:{service.pk}:")


def test_reminders_with_the_mail_server_down_are_retried_not_lost_nor_doubled(
    retries, smtp, clock, due_reminder, mailoutbox
):
    smtp.down()
    out = StringIO()
    # The command sends what it queued when it ends (MAIL_DELIVERY on_commit; the tests'
    # immediate does the same).
    call_command("pipeline_reminders", "--only", "freshness", stdout=out)
    assert out.getvalue().strip().splitlines()[-1] == (
        "1 freshness reminders, 0 outdated, 0 archived"
    )
    assert "0 sent, 2 to retry" in out.getvalue()
    assert mailoutbox == []
    assert sorted(reminders(due_reminder).values_list("status", "attempts")) == [
        ("pending", 1),
        ("pending", 1),
    ]

    # The rerun (the same day, or the scheduler's second server) queues nothing again.
    call_command("pipeline_reminders", "--only", "freshness", stdout=StringIO())
    clock.advance(hours=1)
    call_command("pipeline_reminders", stdout=StringIO())
    assert reminders(due_reminder).count() == 2
    assert SentNotification.objects.filter(key__startswith=f"freshness:{due_reminder.pk}:").count()

    # The server is back: after the backoff the scheduled sender delivers each reminder once.
    smtp.up()
    clock.advance(minutes=1)
    call_command("send_outbox", stdout=StringIO())
    call_command("send_outbox", stdout=StringIO())
    assert sorted(m.to[0] for m in mailoutbox) == sorted(
        [due_reminder.provider_updater.email, due_reminder.municipal_responsible.email]
    )
    assert set(reminders(due_reminder).values_list("status", flat=True)) == {"sent"}


def test_a_failing_service_does_not_stop_the_others(
    retries, smtp, clock, due_reminder, monkeypatch, mailoutbox
):
    from services import freshness

    other = (
        ServicePage.objects.live()
        .filter(locale__language_code="fi")
        .exclude(pk=due_reminder.pk)
        .exclude(provider_updater=None)
        .exclude(municipal_responsible=None)
        .order_by("pk")
        .first()
    )
    ServicePage.objects.filter(pk=other.pk).update(last_published_at=NOW - dt.timedelta(days=130))
    record = freshness.record_step

    def broken(page, *args):
        if page.pk == other.pk:
            raise RuntimeError("broken service")
        return record(page, *args)

    monkeypatch.setattr(freshness, "record_step", broken)
    with pytest.raises(CommandError, match=f"freshness of service {other.pk}"):
        call_command("pipeline_reminders", "--only", "freshness", stdout=StringIO())
    assert reminders(due_reminder).count() == 2
    assert not reminders(other).exists()
    assert len(mailoutbox) == 2


# --- what maintainers see -----------------------------------------------------------------------
def test_maintainers_see_failed_messages_in_the_admin_and_nobody_else_does(queue_only, smtp, login):
    row = outbox.enqueue("lost@example.fi", "Reminder about a service", "Body")
    smtp.down()
    for _ in range(4):
        OutgoingEmail.objects.filter(pk=row.pk).update(next_attempt_at=timezone.now())
        outbox.deliver()
    assert OutgoingEmail.objects.get(pk=row.pk).status == "failed"

    client = login("yllapito-maintainer")
    listing = client.get("/admin/outbox/?status=failed")
    assert listing.status_code == 200
    html = listing.content.decode()
    assert "lost@example.fi" in html and "Failed" in html and "ConnectionRefusedError" in html
    assert "/admin/outbox/" in client.get("/admin/").content.decode()  # Reports menu
    detail = client.get(f"/admin/outbox/inspect/{row.pk}/")
    assert detail.status_code == 200 and "Reminder about a service" in detail.content.decode()

    for username in ("helsinki-producer", "helsinki-main"):
        other = login(username)
        assert other.get("/admin/outbox/").status_code in (302, 403)
        assert other.get(f"/admin/outbox/inspect/{row.pk}/").status_code in (302, 403)
        assert "/admin/outbox/" not in other.get("/admin/").content.decode()


# --- Django's and Wagtail's own e-mail ----------------------------------------------------------
def test_django_s_own_mail_goes_through_the_outbox(settings, queue_only, smtp, clock, mailoutbox):
    from django.core.mail import EmailMultiAlternatives, send_mail

    settings.EMAIL_BACKEND = "cms.outbox.OutboxEmailBackend"  # base.py's (tests use locmem)
    smtp.down()
    assert send_mail("Reset", "Plain", None, ["a@example.fi", "b@example.fi"]) == 2
    message = EmailMultiAlternatives("Notice", "Plain text", "noreply@example.fi", ["c@example.fi"])
    message.attach_alternative("<p>HTML</p>", "text/html")
    message.send()
    assert OutgoingEmail.objects.count() == 3 and mailoutbox == []

    outbox.deliver()  # the server is down: nothing lost
    assert set(OutgoingEmail.objects.values_list("status", flat=True)) == {"pending"}
    smtp.up()
    clock.advance(minutes=1)
    assert outbox.deliver().sent == 3
    by_recipient = {m.to[0]: m for m in mailoutbox}
    assert set(by_recipient) == {"a@example.fi", "b@example.fi", "c@example.fi"}
    assert by_recipient["c@example.fi"].alternatives[0][0] == "<p>HTML</p>"
    assert by_recipient["c@example.fi"].from_email == "noreply@example.fi"


def test_the_outbox_never_sends_through_itself(settings):
    from django.core.exceptions import ImproperlyConfigured

    settings.MAIL_TRANSPORT = "cms.outbox.OutboxEmailBackend"
    with pytest.raises(ImproperlyConfigured):
        outbox.transport()
