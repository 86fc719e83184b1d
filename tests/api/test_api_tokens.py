"""Personal API tokens: issued with a random key of which only the hash is stored, and
authenticating only while usable (not revoked or expired, active user with an active
membership). The `create_api_token` command prints the key and nothing else."""

from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.utils import timezone

from cms.models import ApiToken, Membership

pytestmark = pytest.mark.django_db

OWNER = "helsinki-producer"


def stored_text(table: str) -> str:
    """Every column of every row of a table, as the database has it."""
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")
        return repr(cursor.fetchall())


def test_issue_stores_only_the_hash_of_a_random_key(user):
    token, raw_key = ApiToken.issue(user(OWNER), "Frontend")
    other, other_key = ApiToken.issue(user(OWNER), "Other")
    assert raw_key.startswith("pm_") and len(raw_key) >= 40
    assert raw_key != other_key
    token.refresh_from_db()
    assert token.prefix == raw_key[:8]
    assert token.key_hash == ApiToken.hash_key(raw_key) and len(token.key_hash) == 64
    assert raw_key not in stored_text(ApiToken._meta.db_table)
    assert raw_key[8:] not in stored_text(ApiToken._meta.db_table)
    for value in ApiToken.objects.filter(pk=token.pk).values().get().values():
        assert raw_key not in str(value)


def test_key_hash_is_unique_and_indexed():
    field = ApiToken._meta.get_field("key_hash")
    assert field.unique  # a unique constraint is an index


def test_authenticate_returns_the_user_of_a_usable_key(user):
    _token, raw_key = ApiToken.issue(user(OWNER), "Frontend")
    assert ApiToken.authenticate(raw_key) == user(OWNER)


@pytest.mark.parametrize(
    "raw_key", ["", "pm_", "pm_nonsense", "nonsense", "pm_" + "x" * 500, None, 42]
)
def test_authenticate_refuses_garbage(raw_key):
    assert ApiToken.authenticate(raw_key) is None


def test_authenticate_refuses_a_revoked_key(user):
    token, raw_key = ApiToken.issue(user(OWNER), "Frontend")
    assert token.revoke(by=user("helsinki-main"))
    assert not token.revoke()  # already revoked
    assert ApiToken.authenticate(raw_key) is None


def test_authenticate_refuses_an_expired_key(user):
    _token, raw_key = ApiToken.issue(
        user(OWNER), "Frontend", expires_at=timezone.now() - timedelta(seconds=1)
    )
    assert ApiToken.authenticate(raw_key) is None
    _token, later_key = ApiToken.issue(
        user(OWNER), "Frontend", expires_at=timezone.now() + timedelta(days=1)
    )
    assert ApiToken.authenticate(later_key) == user(OWNER)


def test_authenticate_refuses_an_inactive_user(user):
    owner = user(OWNER)
    _token, raw_key = ApiToken.issue(owner, "Frontend")
    owner.is_active = False
    owner.save()
    assert ApiToken.authenticate(raw_key) is None


def test_authenticate_refuses_a_user_without_an_active_membership(user):
    owner = user(OWNER)
    _token, raw_key = ApiToken.issue(owner, "Frontend")
    Membership.objects.filter(user=owner).update(is_active=False)
    assert ApiToken.authenticate(raw_key) is None


def test_authenticate_refuses_a_member_of_an_inactive_organisation(user):
    owner = user(OWNER)
    _token, raw_key = ApiToken.issue(owner, "Frontend")
    membership = owner.memberships.get()
    type(membership.organisation).objects.filter(pk=membership.organisation_id).update(
        is_active=False
    )
    assert ApiToken.authenticate(raw_key) is None


def test_last_used_is_written_at_most_once_a_minute(user, django_assert_num_queries):
    token, raw_key = ApiToken.issue(user(OWNER), "Frontend")
    with django_assert_num_queries(2):  # look-up, then the first use is recorded
        assert ApiToken.authenticate(raw_key)
    token.refresh_from_db()
    first_use = token.last_used_at
    assert first_use is not None
    with django_assert_num_queries(1):  # look-up only
        assert ApiToken.authenticate(raw_key)
    ApiToken.objects.filter(pk=token.pk).update(last_used_at=first_use - timedelta(minutes=2))
    with django_assert_num_queries(2):
        assert ApiToken.authenticate(raw_key)
    token.refresh_from_db()
    assert token.last_used_at > first_use - timedelta(minutes=2)


# --- create_api_token ---------------------------------------------------------------------------
def run_command(*args):
    stdout, stderr = StringIO(), StringIO()
    call_command("create_api_token", *args, stdout=stdout, stderr=stderr)
    return stdout.getvalue(), stderr.getvalue()


def test_command_prints_only_the_key(user):
    stdout, stderr = run_command(OWNER, "--name", "Integration", "--expires-days", "30")
    raw_key = stdout.strip()
    assert stdout == raw_key + "\n" and raw_key.startswith("pm_") and not stderr
    token = ApiToken.objects.get(key_hash=ApiToken.hash_key(raw_key))
    assert token.user == user(OWNER) and token.name == "Integration"
    assert timedelta(days=29) < token.expires_at - timezone.now() <= timedelta(days=30)
    assert ApiToken.authenticate(raw_key) == user(OWNER)


def test_command_without_options_issues_a_token_that_does_not_expire(user):
    stdout, _stderr = run_command(OWNER)
    token = ApiToken.objects.get(key_hash=ApiToken.hash_key(stdout.strip()))
    assert token.expires_at is None and token.name


@pytest.mark.parametrize(
    ("username", "message"),
    [("nobody-at-all", "No user 'nobody-at-all'"), ("espoo-expert", "is inactive")],
)
def test_command_fails_with_exit_code_1_for_unknown_or_inactive_users(user, username, message):
    inactive = user("espoo-expert")
    inactive.is_active = False
    inactive.save()
    count = ApiToken.objects.count()
    with pytest.raises(CommandError, match=message) as excinfo:
        run_command(username)
    assert excinfo.value.returncode == 1  # what manage.py exits with
    assert ApiToken.objects.count() == count


def test_command_refuses_a_user_without_an_active_membership(user):
    Membership.objects.filter(user=user(OWNER)).update(is_active=False)
    with pytest.raises(CommandError, match="no active membership"):
        run_command(OWNER)
    assert not ApiToken.objects.filter(user=user(OWNER)).exists()


@pytest.mark.parametrize("days", ["0", "-3", "abc", "3651", "3000000"])
def test_command_refuses_a_bad_expiry(user, days):
    """Exit 1 with a message (3 000 000 days overflowed the date: a traceback)."""
    count = ApiToken.objects.count()
    with pytest.raises(CommandError, match="expires-days"):
        run_command(OWNER, "--expires-days", days)
    assert ApiToken.objects.count() == count
