import datetime as dt

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.management.base import BaseCommand
from django.utils import timezone
from wagtail.models import Page, WorkflowState

from services import freshness
from services.models import ServicePage
from services.notifications import edit_url, notify, pair
from services.pipeline import reviews

REMIND_DAYS_BEFORE_DEADLINE = 3


class Command(BaseCommand):
    help = (
        "Daily: remind about reviews near their target, tell providers of late reviews, and "
        "apply the freshness rules (reminders, outdated, archived). Safe to run repeatedly."
    )

    def handle(self, *args, **options):
        now = timezone.now()
        counts = {"review reminders": 0, "delay notices": 0}
        for review in reviews(now=now):
            page = review.page
            context = {"page": page, "review": review, "url": edit_url(page)}
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
        counts.update(self.apply_freshness(now))
        self.stdout.write(", ".join(f"{n} {what}" for what, n in counts.items()))

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
            key = step.key(page, fresh_since)
            context = {"page": page, "url": edit_url(page)}
            if step.kind == "reminder":
                if not freshness.record_step(page, fresh_since, step):
                    continue
                context |= {"number": step.number, "days": (now - fresh_since).days}
                counts["freshness reminders"] += (
                    notify(pair(page), "freshness_reminder", context, key=key) and 1
                )
            elif step.kind == "outdated":
                freshness.mark_outdated(page, now)
                notify(
                    pair(page),
                    "outdated",
                    context | {"archive_days": freshness.ARCHIVE_AFTER_OUTDATED_DAYS},
                    key=key,
                )
                counts["outdated"] += 1
            else:
                freshness.archive(page, now)
                notify(pair(page), "archived", context, key=key)
                counts["archived"] += 1
        return counts
