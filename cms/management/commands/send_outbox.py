"""manage.py send_outbox: send the queued e-mail that is due (cms/outbox.py)."""

from django.core.management.base import BaseCommand, CommandError

from cms import outbox
from cms.models import OutgoingEmail


class Command(BaseCommand):
    help = (
        "Send the queued e-mail that is due (new messages and retries whose backoff has "
        "passed). A message counts as sent only once the mail server accepted it; a failure "
        "is retried later with exponential backoff, up to MAIL_MAX_ATTEMPTS. Exits 1 when "
        "an attempt failed in this run. Run it every few minutes "
        "(deploy/systemd/palvelumanuaali-outbox.timer)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--limit", type=int, default=1000, help="send at most this many (default 1000)"
        )
        parser.add_argument(
            "--retry-failed",
            action="store_true",
            help="first give the messages that failed for good a new series of attempts",
        )

    def handle(self, *args, limit=1000, retry_failed=False, **options):
        if limit < 1:
            raise CommandError("--limit must be at least 1")
        if retry_failed:
            self.stdout.write(f"{outbox.retry_failed()} failed message(s) queued again.")
        report = outbox.deliver(limit=limit)
        counts = outbox.counts()
        self.stdout.write(
            f"Outbox: {report.sent} sent, {report.retrying} to retry, "
            f"{report.failed} failed for good in this run; "
            f"{counts.get(OutgoingEmail.Status.PENDING, 0)} waiting, "
            f"{counts.get(OutgoingEmail.Status.FAILED, 0)} failed in all."
        )
        if not report.ok:
            raise CommandError(
                f"{len(report.errors)} message(s) not sent:\n  " + "\n  ".join(report.errors[:20])
            )
