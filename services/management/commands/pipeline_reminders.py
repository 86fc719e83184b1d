import datetime as dt
import logging

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone
from wagtail.models import Page, WorkflowState

from cms import outbox
from services import freshness
from services.models import ServicePage
from services.notifications import edit_url, notify, pair
from services.pipeline import reviews

REMIND_DAYS_BEFORE_DEADLINE = 3
PARTS = ("reviews", "freshness")
logger = logging.getLogger(__name__)


class Command(BaseCommand):
    help = (
        "Daily: remind about reviews near their target, tell providers of late reviews, and "
        "apply the freshness rules (reminders, outdated, archived). Safe to run repeatedly: "
        "each message is queued once (cms.outbox) with the step that caused it, and sent "
        "when the command ends; what the mail server refuses is retried by send_outbox."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--only",
            choices=PARTS,
            help="run one part: the review reminders or the freshness rules (default: both)",
        )

    def handle(self, *args, only=None, **options):
        now = timezone.now()
        counts = {}
        self.failures = []
        with outbox.batch() as queued:
            if only in (None, "reviews"):
                counts.update(self.remind_reviews(now))
            if only in (None, "freshness"):
                counts.update(self.apply_freshness(now))
        if queued.report is not None:
            self.stdout.write(f"E-mail: {queued.report}")
        # The counts last (tests/services/test_freshness.py reads the last line).
        self.stdout.write(", ".join(f"{n} {what}" for what, n in counts.items()))
        if self.failures:
            raise CommandError(
                f"{len(self.failures)} step(s) failed (the others were done): "
                + "; ".join(self.failures[:10])
            )

    def step_failed(self, what, exc):
        logger.exception("pipeline_reminders: %s failed", what)
        self.failures.append(f"{what}: {type(exc).__name__}: {exc}")

    def remind_reviews(self, now):
        counts = {"review reminders": 0, "delay notices": 0}
        for review in reviews(now=now):
            page = review.page
            context = {"page": page, "review": review, "url": edit_url(page)}
            try:
                if review.overdue:
                    counts["delay notices"] += notify(
                        [page.provider_updater],
                        "review_late",
                        context,
                        key=f"sla-late:{review.workflow_state.pk}",
                    )
                elif now.date() >= review.deadline - dt.timedelta(days=REMIND_DAYS_BEFORE_DEADLINE):
                    counts["review reminders"] += notify(
                        [page.municipal_responsible],
                        "review_due",
                        context,
                        key=f"sla-due:{review.workflow_state.pk}",
                    )
            except Exception as exc:
                self.step_failed(f"review of service {page.pk}", exc)
        return counts

    def apply_freshness(self, now):
        """The freshness rules of `services.freshness`, one step per service and run."""
        counts = {"freshness reminders": 0, "outdated": 0, "archived": 0}
        # The Finnish sources: translations follow their source (services.freshness).
        pages = (
            ServicePage.objects.live()
            .filter(locale__language_code=settings.LANGUAGE_CODE)
            .select_related("provider_updater", "municipal_responsible")
        )
        page_type = ContentType.objects.get_for_model(Page)
        in_review = set(
            WorkflowState.objects.filter(
                base_content_type=page_type, status=WorkflowState.STATUS_IN_PROGRESS
            ).values_list("object_id", flat=True)
        )
        sent = freshness.sent_reminders()
        for page in pages.iterator(chunk_size=500):
            fresh_since = page.freshness_date
            if fresh_since is None:
                continue
            if page.outdated_at is not None and page.outdated_at < fresh_since:
                freshness.clear_outdated(page)  # published again since it was flagged
            step = freshness.due_step(
                fresh_since,
                page.outdated_at,
                now,
                sent.get((page.pk, freshness.period_stamp(fresh_since)), ()),
                in_review=str(page.pk) in in_review,
            )
            if step is None:
                continue
            try:
                # The step and its e-mails commit together, or neither does.
                with transaction.atomic():
                    kind = self.take_step(page, fresh_since, step, now)
            except Exception as exc:
                self.step_failed(f"freshness of service {page.pk}", exc)
                continue
            if kind:
                counts[kind] += 1
        return counts

    def take_step(self, page, fresh_since, step, now):
        """Apply one freshness step and queue its e-mails; the name of what was counted."""
        key = step.key(page, fresh_since)
        context = {"page": page, "url": edit_url(page)}
        if step.kind == "reminder":
            if not freshness.record_step(page, fresh_since, step):
                return None
            context |= {"number": step.number, "days": (now - fresh_since).days}
            return (
                "freshness reminders"
                if notify(pair(page), "freshness_reminder", context, key=key)
                else None
            )
        if step.kind == "outdated":
            freshness.mark_outdated(page, now)
            notify(
                pair(page),
                "outdated",
                context | {"archive_days": freshness.ARCHIVE_AFTER_OUTDATED_DAYS},
                key=key,
            )
            return "outdated"
        freshness.archive(page, now)
        notify(pair(page), "archived", context, key=key)
        return "archived"
