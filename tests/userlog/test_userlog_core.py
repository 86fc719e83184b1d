"""The user log's model and recording API: append-only, one INSERT per request,
organisation and IP, retention (userlog/)."""

import datetime as dt

import pytest
from django.core.management import call_command
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from cms.models import Membership
from userlog import log
from userlog.models import AppendOnlyError, UserLogEntry
from userlog.retention import purge


@pytest.fixture
def rf_request(user):
    def make(username, path="/admin/x/", **extra):
        request = RequestFactory().get(path, REMOTE_ADDR="203.0.113.9", **extra)
        request.user = user(username)
        return request

    return make


def test_write_records_who_organisation_and_what(user):
    producer = user("helsinki-producer")
    entry = log.write(
        producer, "export_personal_data", object_type="user", object_id=7, field="csv"
    )
    row = UserLogEntry.objects.get(pk=entry.pk)
    assert row.user == producer and row.user_key == producer.pk
    assert row.organisation.slug == "helsinki"
    assert (row.action, row.channel, row.object_id, row.field) == (
        "export_personal_data",
        "command",
        "7",
        "csv",
    )


def test_record_buffers_and_the_flush_is_one_insert(rf_request):
    request = rf_request("helsinki-producer")
    token = log.begin(request)
    try:
        for n in range(20):
            log.record(request, "read_internal", object_type="service", object_id=n)
        # The same read again (an alias, a fragment) is the same entry.
        log.record(request, "read_internal", object_type="service", object_id=3)
        assert UserLogEntry.objects.count() == 0
        assert len(log.pending(request)) == 20
    finally:
        with CaptureQueriesContext(connection) as queries:
            log.end(request, token)
    assert len(queries) == 1 and queries[0]["sql"].upper().startswith("INSERT")
    rows = UserLogEntry.objects.all()
    assert rows.count() == 20
    assert {r.channel for r in rows} == {"admin"}
    assert {r.ip for r in rows} == {"203.0.113.9"}
    assert {r.organisation.slug for r in rows} == {"helsinki"}


def test_a_nested_request_adds_to_the_outer_one(rf_request):
    """The frontend's in-process API call makes a fresh request: its reads go to the page's
    request, with the page's channel and IP, written once."""
    outer = rf_request("helsinki-expert", path="/palvelut/1/")
    token = log.begin(outer)
    inner = RequestFactory().post("/graphql/", REMOTE_ADDR="10.0.0.1")
    inner.user = outer.user
    log.record(inner, "read_internal", object_type="service", object_id=1)
    log.record(inner, "read_internal", object_type="service", object_id=1)
    assert log.end(outer, token) == 1
    row = UserLogEntry.objects.get()
    assert (row.channel, row.ip) == ("frontend", "203.0.113.9")


def test_record_without_middleware_writes_at_once(rf_request):
    request = rf_request("helsinki-expert", path="/graphql/")
    log.record(request, "read_internal", object_type="service", object_id=5)
    assert UserLogEntry.objects.get().channel == "api"


def test_anonymous_is_not_recorded(db):
    from django.contrib.auth.models import AnonymousUser

    request = RequestFactory().get("/graphql/")
    request.user = AnonymousUser()
    assert log.record(request, "read_internal", object_id=1) is None
    assert not UserLogEntry.objects.exists()


def test_unknown_action_or_channel_is_refused(user):
    with pytest.raises(ValueError):
        log.write(user("helsinki-expert"), "read_everything")
    with pytest.raises(ValueError):
        log.write(user("helsinki-expert"), "read_internal", channel="email")


def test_organisation_prefers_an_active_municipal_membership(user):
    expert = user("helsinki-expert")
    Membership.objects.filter(user=expert).update(is_active=False)
    active = Membership.objects.create(
        user=expert,
        organisation=Membership.objects.filter(organisation__slug="espoo").first().organisation,
        role="expert",
    )
    entry = log.write(expert, "read_internal")
    assert UserLogEntry.objects.get(pk=entry.pk).organisation_id == active.organisation_id


def test_channel_of_an_attachment_download_follows_the_admin_referer(rf_request):
    from_admin = rf_request(
        "helsinki-expert", path="/documents/1/a.pdf", HTTP_REFERER="http://testserver/admin/pages/"
    )
    from_elsewhere = rf_request(
        "helsinki-expert", path="/documents/1/a.pdf", HTTP_REFERER="https://evil.example/admin/"
    )
    assert log.channel_for(from_admin) == "admin"
    assert log.channel_for(from_elsewhere) == "frontend"


# --- Append-only -------------------------------------------------------------------------
def test_rows_are_never_updated_or_deleted(user):
    entry = log.write(user("helsinki-expert"), "read_internal", object_id=1)
    row = UserLogEntry.objects.get(pk=entry.pk)
    row.field = "changed"
    with pytest.raises(AppendOnlyError):
        row.save()
    with pytest.raises(AppendOnlyError):
        row.delete()
    with pytest.raises(AppendOnlyError):
        UserLogEntry.objects.filter(pk=row.pk).update(field="changed")
    with pytest.raises(AppendOnlyError):
        UserLogEntry.objects.filter(pk=row.pk).delete()
    with pytest.raises(AppendOnlyError):
        UserLogEntry.objects.all().delete()
    assert UserLogEntry.objects.get(pk=row.pk).field == ""


def test_deleting_the_account_keeps_the_row_and_its_user_key(user):
    expert = user("helsinki-expert")
    pk = expert.pk
    log.write(expert, "read_internal", object_id=1)
    expert.delete()
    row = UserLogEntry.objects.get()
    assert row.user is None and row.user_key == pk


# --- Retention ----------------------------------------------------------------------------
def _at(user, when):
    return UserLogEntry.objects.bulk_create(
        [UserLogEntry(user=user, user_key=user.pk, action="read_internal", channel="api", at=when)]
    )[0]


def test_purge_removes_only_rows_older_than_the_retention(user, settings):
    settings.USERLOG_RETENTION_DAYS = 30
    expert = user("helsinki-expert")
    now = timezone.make_aware(dt.datetime(2026, 6, 30, 12, 0))
    old = _at(expert, now - dt.timedelta(days=31))
    edge = _at(expert, now - dt.timedelta(days=30))
    recent = _at(expert, now - dt.timedelta(days=1))
    assert purge(now) == 1
    assert set(UserLogEntry.objects.values_list("pk", flat=True)) == {edge.pk, recent.pk}
    assert not UserLogEntry.objects.filter(pk=old.pk).exists()
    assert purge(now) == 0


def test_purge_command_reports_and_refuses_a_bad_setting(user, settings, capsys):
    settings.USERLOG_RETENTION_DAYS = 10
    _at(user("helsinki-expert"), timezone.now() - dt.timedelta(days=11))
    call_command("purge_user_log")
    assert "removed 1 row(s) older than 10 days" in capsys.readouterr().out
    settings.USERLOG_RETENTION_DAYS = 0
    from django.core.management import CommandError

    with pytest.raises(CommandError, match="USERLOG_RETENTION_DAYS"):
        call_command("purge_user_log")


def test_the_daily_job_runs_the_purge():
    from cms.jobs import SCHEDULES

    jobs = {job.name: job for job in SCHEDULES["daily"].jobs}
    assert jobs["user-log retention"].command == "purge_user_log"
