"""The scheduler (cms/jobs.py, cms/locks.py, manage.py run_jobs; docs/operations.md
"Scheduled jobs and e-mail"): the jobs run in order, each isolated, under one database lock
across servers (pg_try_advisory_lock on PostgreSQL, a lock row with an expiry elsewhere)."""

import datetime as dt
from io import StringIO
from pathlib import Path

import pytest
from django.core import mail
from django.core.management import CommandError, call_command
from django.db import connection
from django.utils import timezone

from cms import jobs, locks, outbox
from cms.jobs import Job, Schedule
from cms.models import JobLock, OutgoingEmail

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[2]


def run(*args):
    out, err = StringIO(), StringIO()
    call_command("run_jobs", *args, stdout=out, stderr=err)
    return out.getvalue()


@pytest.fixture
def schedule(monkeypatch):
    """Replace the daily schedule with the given jobs."""

    def use(*job_list):
        monkeypatch.setitem(
            jobs.SCHEDULES, "daily", Schedule("daily", job_list, dt.timedelta(hours=1))
        )

    return use


# --- the lock ---------------------------------------------------------------------------------
def test_a_held_lock_is_refused_at_once_and_free_again_after_release():
    with locks.exclusive("test:a") as first:
        assert first
        with locks.exclusive("test:a") as second:
            assert not second
            assert second.holder  # who holds it, for the message
        with locks.exclusive("test:b") as other:
            assert other, "another name is another lock"
    with locks.exclusive("test:a") as again:
        assert again


def test_the_lock_is_the_database_s_own(settings):
    with locks.exclusive("test:kind") as lock:
        if connection.vendor == "postgresql":
            assert lock.advisory and lock._conn is not connection
            assert not JobLock.objects.exists()
            with lock._conn.cursor() as cursor:
                cursor.execute(
                    "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND granted "
                    "AND pid = pg_backend_pid()"
                )
                assert cursor.fetchone()[0] == 1
        else:
            assert not lock.advisory
            assert JobLock.objects.get(name="test:kind").holder == lock.me
    assert not JobLock.objects.exists()


@pytest.mark.skipif("connection.vendor == 'postgresql'")
def test_an_expired_lock_row_is_taken_over_and_refresh_keeps_it(monkeypatch):
    now = timezone.now()
    monkeypatch.setattr(timezone, "now", lambda: now)
    with locks.exclusive("test:ttl", ttl=dt.timedelta(minutes=10)) as first:
        monkeypatch.setattr(timezone, "now", lambda: now + dt.timedelta(minutes=9))
        assert first.refresh()  # progress: expires 10 minutes from now again
        monkeypatch.setattr(timezone, "now", lambda: now + dt.timedelta(minutes=18))
        with locks.exclusive("test:ttl") as second:
            assert not second, "refreshed at 9 minutes, so held until 19"
        monkeypatch.setattr(timezone, "now", lambda: now + dt.timedelta(minutes=20))
        with locks.exclusive("test:ttl") as third:
            assert third, "the first runner hung: its lock expired and is taken over"
            assert not first.refresh(), "the hung runner learns that it lost the lock"


@pytest.mark.skipif("connection.vendor != 'postgresql'")
def test_an_advisory_lock_dies_with_its_connection():
    with locks.exclusive("test:crash") as first:
        first._conn.close()  # the runner's connection (or machine) is gone
        with locks.exclusive("test:crash") as second:
            assert second, "the server released the lock with the connection"
            assert not first.refresh(), "the first runner learns that it lost the lock"
    with locks.exclusive("test:crash") as third:
        third._conn.close()  # a dropped connection, and nobody else took the lock:
        assert third.refresh(), "taken again on a new connection"
        with locks.exclusive("test:crash") as fourth:
            assert not fourth


# --- run_jobs ---------------------------------------------------------------------------------
@pytest.mark.parametrize("schedule_name", ["daily", "frequent"])
def test_a_second_runner_exits_saying_another_runs(schedule_name, settings):
    settings.MAIL_DELIVERY = "queue"
    row = outbox.enqueue("a@example.fi", "Subject", "Body")
    with locks.exclusive(f"jobs:{schedule_name}") as other_server:
        assert other_server
        with pytest.raises(CommandError, match="Another runner is running") as refused:
            run(schedule_name)
        assert refused.value.returncode == 75
        assert OutgoingEmail.objects.count() == 1, "nothing ran"
        assert OutgoingEmail.objects.get().status == "pending"
    # Once the other runner is done, the next run runs.
    assert "All " in run(schedule_name)
    assert OutgoingEmail.objects.get(pk=row.pk).status == "sent"


def test_a_failing_job_does_not_stop_the_others_and_the_run_exits_1(schedule, settings):
    settings.MAIL_DELIVERY = "queue"
    outbox.enqueue("a@example.fi", "Subject", "Body")
    schedule(
        Job("broken", "sla_report", ("--no-such-option",)),
        Job("missing", "no_such_command"),
        Job("outbox", "send_outbox"),
        Job("later", None, note="announced"),
    )
    out, err = StringIO(), StringIO()
    with pytest.raises(CommandError, match="2 of 4 jobs failed: broken, missing") as failed:
        call_command("run_jobs", "daily", stdout=out, stderr=err)
    assert failed.value.returncode == 1
    assert OutgoingEmail.objects.get().status == "sent", "the job after the failures ran"
    assert [m.to for m in mail.outbox] == [["a@example.fi"]]
    summary = out.getvalue().split("daily jobs:")[1]
    lines = [line.split() for line in summary.strip().splitlines()]
    assert [line[:2] for line in lines] == [
        ["broken", "FAILED"],
        ["missing", "FAILED"],
        ["outbox", "ok"],
        ["later", "not"],
    ]
    assert "Unknown command: 'no_such_command'" in summary
    assert "missing failed" in err.getvalue()
    assert not JobLock.objects.exists(), "the lock is released after a failed run"


def test_the_daily_schedule_runs_every_job_in_order(settings, services):
    settings.MAIL_DELIVERY = "queue"
    out = run("daily")
    order = [line[3:].split(":")[0] for line in out.splitlines() if line.startswith("== ")]
    assert order == [
        "reminders",
        "digests",
        "freshness",
        "update-pair follow-up",
        "index upkeep",
        "user-log retention",
        "leavers",
        "outbox",
    ]
    assert "user log: removed 0 row(s) older than" in out
    assert "All daily jobs done." in out
    # The digest queued its e-mails and the outbox job sent them.
    assert OutgoingEmail.objects.exists()
    assert not OutgoingEmail.objects.exclude(status="sent").exists()
    assert len(mail.outbox) == OutgoingEmail.objects.count()


def test_list_and_unknown_jobs():
    listed = run("daily", "--list")
    assert "freshness: manage.py pipeline_reminders --only freshness" in listed
    assert "user-log retention: manage.py purge_user_log" in listed
    with pytest.raises(CommandError, match="No job nope in the daily schedule"):
        run("daily", "--only", "nope")
    with pytest.raises(CommandError):
        run("weekly")


# --- the shipped scheduling files ---------------------------------------------------------------
def test_the_systemd_units_and_cron_example_run_the_schedules():
    systemd = ROOT / "deploy" / "systemd"
    daily = (systemd / "palvelumanuaali-daily.service").read_text()
    assert "manage.py run_jobs daily" in daily and "SuccessExitStatus=75" in daily
    assert "OnCalendar=" in (systemd / "palvelumanuaali-daily.timer").read_text()
    outbox_unit = (systemd / "palvelumanuaali-outbox.service").read_text()
    assert "manage.py run_jobs frequent" in outbox_unit
    timer = (systemd / "palvelumanuaali-outbox.timer").read_text()
    assert "OnUnitActiveSec=" in timer or "OnCalendar=" in timer
    cron = (ROOT / "deploy" / "cron" / "palvelumanuaali").read_text()
    assert "run_jobs daily" in cron and "run_jobs frequent" in cron


@pytest.mark.skipif("connection.vendor == 'postgresql'")
def test_a_database_locked_by_another_writer_counts_as_busy(monkeypatch):
    from django.db import OperationalError

    def locked(self):
        raise OperationalError("database is locked")

    monkeypatch.setattr(locks.Lock, "_take_row", locked)
    with locks.exclusive("test:locked") as lock:
        assert not lock and "database is locked" in lock.holder
    with pytest.raises(CommandError, match="database is locked") as busy:
        run("frequent")
    assert busy.value.returncode == 75
