"""The scheduled jobs: which management commands run, in which order, on which schedule.

`manage.py run_jobs daily` (once a night) and `manage.py run_jobs frequent` (every few
minutes) run a schedule's jobs one after the other under a database lock
(`cms.locks.exclusive`), so that only one runner runs a schedule at a time however many
servers start it. Each job is isolated: one that fails is reported and the others still
run; the run exits 1 when any failed. The systemd timers and the cron example that start
them are in deploy/ (docs/operations.md, "Scheduled jobs and e-mail").

The commands are named, not imported: cms imports no domain app.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass


@dataclass(frozen=True)
class Job:
    name: str
    # The management command and its arguments; None for a job that is announced but not
    # built yet (reported as "not implemented", never a failure).
    command: str | None
    args: tuple[str, ...] = ()
    note: str = ""

    def describe(self) -> str:
        if self.command is None:
            return self.note or "not implemented"
        return " ".join(["manage.py", self.command, *self.args])


@dataclass(frozen=True)
class Schedule:
    name: str
    jobs: tuple[Job, ...]
    # How long a lock row (SQLite) holds without a sign of progress; refreshed after each job.
    lock_ttl: dt.timedelta


# Send what the jobs before it queued and retry what failed earlier.
OUTBOX = Job("outbox", "send_outbox")

SCHEDULES: dict[str, Schedule] = {
    "daily": Schedule(
        "daily",
        (
            # Reviews near their target and late reviews (services/pipeline.py).
            Job("reminders", "pipeline_reminders", ("--only", "reviews")),
            # New and changed policies to every member (policies/notifications.py).
            Job("digests", "policy_digest"),
            # Freshness reminders, outdated, archived (services/freshness.py).
            Job("freshness", "pipeline_reminders", ("--only", "freshness")),
            # Main users told of their services whose update pair is broken
            # (services/pair_follow_up.py), once a day each.
            Job("update-pair follow-up", "pair_follow_up"),
            # Wagtail's search index (admin search, OpenSearch) rewritten, so that renamed
            # taxonomy terms reach it within a day (docs/search.md, "Index maintenance"); the
            # API's own index follows every publication already.
            Job("index upkeep", "update_index", ("--verbosity", "0")),
            # The user log's rows older than USERLOG_RETENTION_DAYS (userlog/retention.py,
            # docs/privacy.md "User log"); it reports how many it removed.
            Job("user-log retention", "purge_user_log"),
            # Accounts not used warned, closed and anonymised; leavers anonymised
            # (privacy/leavers.py, docs/privacy.md "Leavers and minimisation"), before the
            # outbox so that the warnings go out the same night.
            Job("leavers", "privacy_leavers"),
            OUTBOX,
        ),
        lock_ttl=dt.timedelta(hours=6),
    ),
    "frequent": Schedule(
        "frequent",
        (
            # Pages whose go-live or expiry time has come (Wagtail's scheduled publishing).
            Job("scheduled publishing", "publish_scheduled"),
            OUTBOX,
        ),
        lock_ttl=dt.timedelta(minutes=30),
    ),
}
