"""manage.py run_jobs daily|frequent: the scheduled jobs of cms/jobs.py, one runner at a time."""

import logging
import time

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from cms.jobs import SCHEDULES
from cms.locks import exclusive

logger = logging.getLogger("cms.jobs")

# Exit status when another runner holds the schedule's lock (EX_TEMPFAIL; the systemd units
# count it as success: SuccessExitStatus=75).
BUSY = 75


class Command(BaseCommand):
    help = (
        "Run the jobs of a schedule (daily: reminders, digests, freshness, index upkeep, "
        "outbox; frequent: scheduled publishing, outbox) in order, each isolated: a job that "
        "fails does not stop the others, and the run exits 1 when any failed. Only one runner "
        f"runs a schedule at a time across servers (a database lock); another exits {BUSY}."
    )

    def add_arguments(self, parser):
        parser.add_argument("schedule", choices=sorted(SCHEDULES), help="which jobs to run")
        parser.add_argument(
            "--only",
            action="append",
            metavar="JOB",
            help="run only this job (by name; repeatable)",
        )
        parser.add_argument(
            "--list", action="store_true", dest="list_jobs", help="list the jobs and exit"
        )

    def handle(self, *args, schedule, only=None, list_jobs=False, **options):
        plan = SCHEDULES[schedule]
        jobs = plan.jobs
        if only:
            names = {job.name for job in jobs}
            unknown = sorted(set(only) - names)
            if unknown:
                raise CommandError(
                    f"No job {', '.join(unknown)} in the {schedule} schedule; "
                    f"its jobs: {', '.join(job.name for job in jobs)}"
                )
            jobs = tuple(job for job in jobs if job.name in only)
        if list_jobs:
            for job in jobs:
                self.stdout.write(f"{job.name}: {job.describe()}")
            return

        with exclusive(f"jobs:{schedule}", ttl=plan.lock_ttl) as lock:
            if not lock:
                raise CommandError(
                    f"Another runner is running the {schedule} jobs ({lock.holder}): nothing done.",
                    returncode=BUSY,
                )
            results = [self.run_job(job, lock) for job in jobs]

        self.stdout.write(f"\n{schedule} jobs:")
        width = max(len(job.name) for job in jobs)
        for job, (status, seconds, error) in zip(jobs, results, strict=True):
            line = f"  {job.name:<{width}}  {status:<15} {seconds:7.1f} s"
            self.stdout.write(line + (f"  {error}" if error else ""))
        failed = [
            job.name
            for job, (status, _, _) in zip(jobs, results, strict=True)
            if status == "FAILED"
        ]
        if failed:
            raise CommandError(f"{len(failed)} of {len(jobs)} jobs failed: {', '.join(failed)}")
        self.stdout.write(self.style.SUCCESS(f"All {schedule} jobs done."))

    def run_job(self, job, lock):
        """Run one job; (status, seconds, error). Never raises."""
        self.stdout.write(f"\n== {job.name}: {job.describe()}")
        if job.command is None:
            return ("not implemented", 0.0, "")
        started = time.monotonic()
        status, error = "ok", ""
        try:
            call_command(job.command, *job.args, stdout=self.stdout, stderr=self.stderr)
        except (Exception, SystemExit) as exc:
            status, error = "FAILED", f"{type(exc).__name__}: {exc}".strip().splitlines()[0]
            logger.exception("scheduled job %s failed", job.name)
            self.stderr.write(f"{job.name} failed: {type(exc).__name__}: {exc}")
        seconds = time.monotonic() - started
        logger.info(
            "scheduled job %s: %s in %.1f s",
            job.name,
            status,
            seconds,
            extra={"job": job.name, "status": status, "duration": round(seconds, 3)},
        )
        # A job that broke the database connection must not break the next one (outside a
        # transaction: inside one, as in tests, closing would end it).
        if not connection.in_atomic_block:
            connection.close_if_unusable_or_obsolete()
        if not lock.refresh():
            self.stderr.write("The lock was lost: another runner may have started.")
        return (status, seconds, error)
