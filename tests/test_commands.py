"""Management commands: bad input is refused with a short message; sync is idempotent."""

import os
import subprocess
import sys
from io import StringIO
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth.models import Group, Permission
from django.core.management import CommandError, call_command
from wagtail.models import GroupPagePermission

from cms.group_sync import SyncReport, sync_roles
from cms.management.commands import permission_matrix
from cms.models import Organisation
from cms.roles import Role, group_name, permission_matrix_markdown
from services.models import ServicePage

BASE_DIR = Path(settings.BASE_DIR)


# --- seed_demo --services ------------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize("value", ["0", "-5", "50001"])
def test_seed_demo_refuses_an_out_of_range_count(value):
    before = ServicePage.objects.count()
    with pytest.raises(CommandError) as exc:
        call_command("seed_demo", "--services", value, "--no-progress")
    message = str(exc.value)
    assert "--services" in message and value in message
    assert "\n" not in message
    assert ServicePage.objects.count() == before


@pytest.mark.django_db
def test_seed_demo_refuses_a_non_number():
    before = ServicePage.objects.count()
    with pytest.raises(CommandError) as exc:
        call_command("seed_demo", "--services", "abc", "--no-progress")
    message = str(exc.value)
    assert "--services" in message and "abc" in message
    assert "\n" not in message
    assert ServicePage.objects.count() == before


def run_manage(*args):
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "cms.settings.test"}
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.mark.parametrize("value", ["0", "-5", "abc"])
def test_seed_demo_exit_code_and_one_line_message(value):
    result = run_manage("seed_demo", "--services", value, "--no-progress")
    assert result.returncode == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert "--services" in lines[0] and value in lines[0]
    assert "Traceback" not in result.stderr
    assert "Demo data" not in result.stdout


# --- permission_matrix --check ---------------------------------------------------------------


def test_permission_matrix_check_passes():
    out = StringIO()
    call_command("permission_matrix", "--check", stdout=out)
    assert "up to date" in out.getvalue()


def test_permission_matrix_check_fails_on_a_stale_document(tmp_path, monkeypatch):
    stale = tmp_path / "permissions.md"
    stale.write_text(permission_matrix_markdown() + "\n| stale row |\n", encoding="utf-8")
    monkeypatch.setattr(permission_matrix, "DOC", stale)
    with pytest.raises(CommandError, match="stale"):
        call_command("permission_matrix", "--check", stdout=StringIO())
    stale.unlink()
    with pytest.raises(CommandError, match="stale"):
        call_command("permission_matrix", "--check", stdout=StringIO())


def test_permission_matrix_check_exit_code():
    result = run_manage("permission_matrix", "--check")
    assert result.returncode == 0, result.stderr
    assert "up to date" in result.stdout


# --- sync_roles --------------------------------------------------------------------------------


def zero(report: SyncReport) -> bool:
    return (report.groups_created, report.permissions_changed, report.users_updated) == (0, 0, 0)


@pytest.mark.django_db
def test_sync_roles_twice_changes_nothing_the_second_time():
    sync_roles()
    second = sync_roles()
    assert zero(second), str(second)


@pytest.mark.django_db
def test_sync_roles_repairs_drift_then_settles(user):
    helsinki = Organisation.objects.get(slug="helsinki")
    producer_group = Group.objects.get(name=group_name(helsinki, Role.PRODUCER))
    expert_group = Group.objects.get(name=group_name(helsinki, Role.EXPERT))
    # Drift: a deleted group, a removed permission, a removed page permission, a user
    # taken out of their group.
    Group.objects.get(name=group_name(helsinki, Role.TRANSLATOR)).delete()
    producer_group.permissions.remove(Permission.objects.get(codename="view_internal"))
    GroupPagePermission.objects.filter(group=producer_group).first().delete()
    user("helsinki-expert").groups.remove(expert_group)

    first = sync_roles()
    assert first.groups_created == 1
    assert first.permissions_changed >= 2
    assert first.users_updated >= 1
    assert producer_group.permissions.filter(codename="view_internal").exists()
    assert user("helsinki-expert").groups.filter(pk=expert_group.pk).exists()

    second = sync_roles()
    assert zero(second), str(second)


@pytest.mark.django_db
def test_sync_roles_leaves_hand_made_groups_alone(user):
    extra = Group.objects.create(name="Käsin tehty ryhmä")
    expert = user("helsinki-expert")
    expert.groups.add(extra)
    sync_roles()
    assert expert.groups.filter(pk=extra.pk).exists()
    assert zero(sync_roles())


@pytest.mark.django_db
def test_sync_roles_command_reports_zero_the_second_time():
    call_command("sync_roles", stdout=StringIO())
    out = StringIO()
    call_command("sync_roles", stdout=out)
    assert "0 groups created, 0 permission rows changed, 0 users' groups updated" in out.getvalue()
