"""Backup and restore (cms/backup.py; manage.py backup / restore; issue 15).

The shared demo world of tests/conftest.py is backed up, restored into a fresh database by
`manage.py restore` in another process, and compared: every table's row count, and the
catalogue listing (graphql/queries/catalogue-listing.graphql with fixed variables) byte for
byte. On PostgreSQL the demo world is committed in the test database, so pg_dump and a
subprocess see it; the restored copy goes into a new database of the same cluster
(CREATE DATABASE over the test's own connection parameters), dropped afterwards. On SQLite
the test database is in memory: the backup is made from the test's own connection with the
online backup API, the restore goes into a file.
"""

import json
import os
import sqlite3
import subprocess
import sys
import uuid
from pathlib import Path

import psycopg
import pytest
from django.conf import settings
from django.db import connection

from cms import backup

pytestmark = pytest.mark.django_db

VARIABLES = {"locale": "fi", "limit": 100, "offset": 0}

# Run in this process (SQLite) and in subprocesses alike: the same code, the same bytes.
LISTING_CODE = f"""
def listing():
    import json
    from django.contrib.auth.models import AnonymousUser
    from django.test import RequestFactory
    from cms.api.views import execute_in_process
    from frontend.api import document

    request = RequestFactory().get("/")
    request.user = AnonymousUser()
    body = execute_in_process(request, document("catalogue-listing"), {VARIABLES!r})
    return json.dumps(body, ensure_ascii=False, sort_keys=True)
"""


def in_process_listing() -> str:
    namespace = {}
    exec(LISTING_CODE, namespace)
    return namespace["listing"]()


def run(args, database_url, settings_module="cms.settings.test", **env):
    environment = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": settings_module,
        "DATABASE_URL": database_url,
        **env,
    }
    return subprocess.run(
        args, cwd=settings.BASE_DIR, env=environment, capture_output=True, text=True, timeout=120
    )


def listing_of(database_url: str) -> str:
    code = f"import django\ndjango.setup()\n{LISTING_CODE}\nprint(listing(), end='')"
    result = run([sys.executable, "-c", code], database_url)
    assert result.returncode == 0, result.stderr
    return result.stdout


def restore(directory, database_url, *options, media_root):
    """manage.py restore in another process, with the development settings (MEDIA_ROOT from
    the environment; the test settings make their own)."""
    return run(
        [sys.executable, "manage.py", "restore", str(directory), *options],
        database_url,
        settings_module="cms.settings.dev",
        MEDIA_ROOT=str(media_root),
    )


def check_listing(listing: str):
    body = json.loads(listing)
    assert "errors" not in body
    services = body["data"]["services"]
    assert services["totalCount"] > 10
    assert len(services["items"]) == services["totalCount"]


def put_media(root: Path) -> bytes:
    content = b"%PDF-1.4 backup test\n" + uuid.uuid4().bytes
    (root / "documents").mkdir(parents=True, exist_ok=True)
    (root / "documents" / "ohje.pdf").write_bytes(content)
    return content


# --- PostgreSQL ------------------------------------------------------------------------


def pg_url(name: str) -> str:
    conf = connection.settings_dict
    auth = conf["USER"] + (f":{conf['PASSWORD']}" if conf.get("PASSWORD") else "")
    return f"postgres://{auth}@{conf['HOST']}:{conf['PORT']}/{name}"


def pg_counts(url: str) -> dict[str, int]:
    with psycopg.connect(url) as conn, conn.cursor() as cursor:
        return backup._count_rows(cursor, backup._pg_tables(cursor))


@pytest.fixture
def fresh_pg_database():
    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL only (the SQLite variant is below)")
    params = connection.get_connection_params()
    name = f"restored_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(**params, autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    try:
        yield name
    finally:
        with psycopg.connect(**params, autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def test_postgresql_backup_restores_into_a_fresh_database(tmp_path, fresh_pg_database):
    media = put_media(Path(settings.MEDIA_ROOT))
    made = backup.backup(tmp_path / "backups")
    manifest = json.loads((made.directory / "manifest.json").read_text())
    assert manifest["database"]["engine"] == "postgresql"
    assert sorted(manifest["files"]) == ["database.dump", "media.tar.gz"]
    for name, info in manifest["files"].items():
        assert backup.sha256(made.directory / name) == info["sha256"]
    assert manifest["versions"]["django"] and manifest["versions"]["migrations"]["services"]

    original_url = pg_url(connection.settings_dict["NAME"])
    restored_url = pg_url(fresh_pg_database)
    media_root = tmp_path / "restored-media"
    result = restore(made.directory, restored_url, media_root=media_root)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "migrations: all applied" in result.stdout

    original, restored = pg_counts(original_url), pg_counts(restored_url)
    assert restored == original == manifest["database"]["tables"]
    assert original["services_servicepage"] > 10
    listing = listing_of(original_url)
    check_listing(listing)
    assert listing_of(restored_url) == listing
    assert (media_root / "documents" / "ohje.pdf").read_bytes() == media

    # The restored database is no longer empty: a second restore is refused, then forced.
    again = restore(made.directory, restored_url, "--no-media", media_root=media_root)
    assert again.returncode == backup.EXIT_USAGE, again.stderr
    assert "not empty" in again.stderr
    forced = restore(made.directory, restored_url, "--force", "--no-media", media_root=media_root)
    assert forced.returncode == 0, forced.stderr
    assert pg_counts(restored_url) == original


# --- SQLite ------------------------------------------------------------------------------


def sqlite_counts(path: Path) -> dict[str, int]:
    conn = sqlite3.connect(path)
    try:
        return backup._count_rows(conn.cursor(), backup._sqlite_tables(conn))
    finally:
        conn.close()


def test_sqlite_backup_restores_into_a_fresh_database(tmp_path):
    if connection.vendor != "sqlite":
        pytest.skip("SQLite only")
    media = put_media(Path(settings.MEDIA_ROOT))
    made = backup.backup(tmp_path / "backups")
    manifest = made.manifest
    assert manifest["database"]["engine"] == "sqlite"
    assert sorted(manifest["files"]) == ["database.sqlite3", "media.tar.gz"]
    assert manifest["media"] == {"storage": "filesystem", "file": "media.tar.gz", "files": 1}
    original = backup.row_counts()
    assert original == manifest["database"]["tables"]
    assert original["services_servicepage"] > 10
    listing = in_process_listing()
    check_listing(listing)

    target = tmp_path / "restored.sqlite3"
    url = f"sqlite:///{target}"
    media_root = tmp_path / "restored-media"
    result = restore(made.directory, url, media_root=media_root)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "migrations: all applied" in result.stdout
    assert sqlite_counts(target) == original
    assert listing_of(url) == listing
    assert (media_root / "documents" / "ohje.pdf").read_bytes() == media

    # Not empty now: refused (database, then media) without --force.
    again = restore(made.directory, url, media_root=media_root)
    assert again.returncode == backup.EXIT_USAGE
    assert "The target database is not empty" in again.stderr
    media_again = restore(
        made.directory, f"sqlite:///{tmp_path / 'b.sqlite3'}", media_root=media_root
    )
    assert media_again.returncode == backup.EXIT_USAGE
    assert "is not empty" in media_again.stderr and "MEDIA_ROOT" in media_again.stderr


def test_a_corrupt_or_incomplete_backup_is_refused(tmp_path):
    made = backup.backup(tmp_path / "backups", media=False)
    manifest = made.manifest
    dump = made.directory / next(name for name in manifest["files"] if name.startswith("database"))
    data = bytearray(dump.read_bytes())
    data[len(data) // 2] ^= 0xFF
    dump.write_bytes(bytes(data))
    with pytest.raises(backup.BackupError, match="is corrupt") as failure:
        backup.restore(made.directory)
    assert failure.value.returncode == backup.EXIT_FAILED
    dump.unlink()
    with pytest.raises(backup.BackupError, match="is missing"):
        backup.restore(made.directory)
    (made.directory / "manifest.json").unlink()
    with pytest.raises(backup.BackupError, match="not a backup") as failure:
        backup.restore(made.directory)
    assert failure.value.returncode == backup.EXIT_USAGE


def test_restore_command_exit_codes(tmp_path):
    """Not a backup: exit 2 with the reason; a backup of the other engine: exit 2."""
    result = restore(tmp_path, f"sqlite:///{tmp_path / 'x.sqlite3'}", media_root=tmp_path / "m")
    assert result.returncode == backup.EXIT_USAGE
    assert "has no manifest.json: not a backup" in result.stderr
    made = backup.backup(tmp_path / "backups", media=False)
    other = "sqlite:///" + str(tmp_path / "y.sqlite3")
    if connection.vendor == "sqlite":
        other = "postgres://nobody@127.0.0.1:1/none"
    result = restore(made.directory, other, "--no-media", media_root=tmp_path / "m")
    assert result.returncode == backup.EXIT_USAGE
    assert "DATABASE_URL is" in result.stderr
