"""Daily: tell each main user of their services whose update pair is broken
(services/pair_follow_up.py)."""

import logging

from django.core.management.base import BaseCommand, CommandError
from django.urls import reverse
from django.utils import timezone
from wagtail.admin.utils import get_admin_base_url

from cms import outbox
from services import pair_follow_up
from services.notifications import notify

logger = logging.getLogger(__name__)


class Command(BaseCommand):
    help = (
        "Daily: e-mail each municipality's and provider's main users the services whose "
        "update pair (provider's updater, municipal responsible person) is missing, has left "
        "or is inactive. Safe to run repeatedly: each main user gets one message a day."
    )

    def handle(self, *args, **options):
        now = timezone.now()
        key = pair_follow_up.daily_key(timezone.localdate(now))
        follow_ups = pair_follow_up.broken_pairs(now=now)
        told = pair_follow_up.main_users_told(follow_ups)
        url = get_admin_base_url() + reverse("services_pair_follow_up")
        counts = {"services with a broken pair": len(follow_ups), "main users told": 0}
        counts["already told today"] = counts["without e-mail"] = 0
        failures = []
        with outbox.batch() as queued:
            for user, items in told.items():
                if not user.email:
                    counts["without e-mail"] += 1
                    continue
                try:
                    sent = notify([user], "pair_follow_up", {"items": items, "url": url}, key=key)
                except Exception as exc:  # one failure does not stop the others
                    logger.exception("pair_follow_up: %s failed", user.pk)
                    failures.append(f"user {user.pk}: {type(exc).__name__}: {exc}")
                    continue
                counts["main users told" if sent else "already told today"] += 1
        if queued.report is not None:
            self.stdout.write(f"E-mail: {queued.report}")
        self.stdout.write(", ".join(f"{n} {what}" for what, n in counts.items()))
        if failures:
            raise CommandError(f"{len(failures)} message(s) failed: " + "; ".join(failures[:10]))
