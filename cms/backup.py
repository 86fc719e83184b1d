"""Backup and restore of the database and the media (manage.py backup / restore; make backup,
make restore; docs/operations.md "Backup and restore").

A backup is one timestamped directory:

- `database.dump`: PostgreSQL, `pg_dump --format=custom` (restored with pg_restore), or
  `database.sqlite3`: SQLite, a consistent copy made with SQLite's online backup API;
- `media.tar.gz`: the files of the default storage (MEDIA_ROOT) when it is the file system;
  with S3 storage the bucket is backed up by its versioning/replication, and the objects are
  copied into the archive only with --copy-bucket;
- `manifest.json`: when, what (row counts of every table, sha256 and size of every file),
  and the versions (Python, Django, Wagtail, the database and its tools, the latest applied
  migration of every app, the git commit).

On PostgreSQL the row counts are taken in the very snapshot pg_dump dumps (a REPEATABLE READ
transaction's exported snapshot), on SQLite from the copy: they describe the dump exactly,
even while the site is being written to. A restore verifies the files' sha256 first and the
restored tables' row counts after.
"""

import datetime
import hashlib
import io
import json
import os
import platform
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.core.files.base import File
from django.core.files.storage import FileSystemStorage, storages
from django.db import connections

MANIFEST = "manifest.json"
PG_DUMP_FILE = "database.dump"
SQLITE_FILE = "database.sqlite3"
MEDIA_FILE = "media.tar.gz"
FORMAT_VERSION = 1

# Exit codes of the commands (docs/operations.md).
EXIT_FAILED = 1  # a tool failed, a file is corrupt, counts differ after a restore
EXIT_USAGE = 2  # bad arguments, misconfiguration, a non-empty target without --force
EXIT_MIGRATIONS_PENDING = 3  # restored and verified, but migrations are not applied


class BackupError(Exception):
    def __init__(self, message: str, returncode: int = EXIT_FAILED):
        super().__init__(message)
        self.returncode = returncode


# --- the database ----------------------------------------------------------------------


def engine(alias: str = "default") -> str:
    """ "postgresql" or "sqlite" (anything else is refused)."""
    vendor = connections[alias].vendor
    if vendor not in ("postgresql", "sqlite"):
        raise BackupError(f"Backups support PostgreSQL and SQLite, not {vendor}", EXIT_USAGE)
    return vendor


def _tool(name: str) -> str:
    """The path of a PostgreSQL client program (pg_dump, pg_restore)."""
    found = shutil.which(name)
    if not found:
        candidates = sorted(Path("/usr/lib/postgresql").glob(f"*/bin/{name}"))
        found = str(candidates[-1]) if candidates else None
    if not found:
        raise BackupError(
            f"{name} not found: install the PostgreSQL client programs "
            "(Debian: apt-get install postgresql-client)",
            EXIT_USAGE,
        )
    return found


def _pg_args_env(alias: str) -> tuple[list[str], dict]:
    """Connection arguments of pg_dump/pg_restore for a Django database, the password in
    PGPASSWORD (never on the command line)."""
    conf = connections[alias].settings_dict
    args = []
    if conf.get("HOST"):
        args += ["--host", str(conf["HOST"])]
    if conf.get("PORT"):
        args += ["--port", str(conf["PORT"])]
    if conf.get("USER"):
        args += ["--username", str(conf["USER"])]
    args += ["--dbname", str(conf["NAME"])]
    env = {**os.environ}
    if conf.get("PASSWORD"):
        env["PGPASSWORD"] = str(conf["PASSWORD"])
    sslmode = (conf.get("OPTIONS") or {}).get("sslmode")
    if sslmode:
        env["PGSSLMODE"] = str(sslmode)
    return args, env


def _pg_connect(alias: str):
    import psycopg

    connection = connections[alias]
    return psycopg.connect(**connection.get_connection_params())


def _quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _pg_tables(cursor) -> list[str]:
    cursor.execute(
        "SELECT tablename FROM pg_tables WHERE schemaname = current_schema() ORDER BY tablename"
    )
    return [row[0] for row in cursor.fetchall()]


def _count_rows(cursor, tables) -> dict[str, int]:
    counts = {}
    for table in tables:
        cursor.execute(f"SELECT COUNT(*) FROM {_quote(table)}")
        counts[table] = cursor.fetchone()[0]
    return counts


def _sqlite_tables(conn: sqlite3.Connection) -> list[str]:
    rows = conn.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
        "ORDER BY name"
    ).fetchall()
    return [row[0] for row in rows]


def row_counts(alias: str = "default") -> dict[str, int]:
    """Rows of every table of a database, as the manifest records them."""
    if engine(alias) == "postgresql":
        with _pg_connect(alias) as conn, conn.cursor() as cursor:
            return _count_rows(cursor, _pg_tables(cursor))
    connection = connections[alias]
    connection.ensure_connection()
    conn = connection.connection
    return _count_rows(conn.cursor(), _sqlite_tables(conn))


def _run(args: list[str], env: dict | None = None, what: str = "") -> str:
    result = subprocess.run(args, env=env, capture_output=True, text=True)
    if result.returncode != 0:
        raise BackupError(
            f"{what or args[0]} failed (exit {result.returncode}):\n{result.stderr.strip()}"
        )
    return result.stdout


def _dump_postgresql(alias: str, target: Path) -> dict:
    pg_dump = _tool("pg_dump")
    args, env = _pg_args_env(alias)
    with _pg_connect(alias) as conn:
        conn.autocommit = True
        with conn.cursor() as cursor:
            # One snapshot for the counts and the dump: they describe the same data.
            cursor.execute("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")
            cursor.execute("SELECT pg_export_snapshot(), current_setting('server_version')")
            snapshot, server_version = cursor.fetchone()
            counts = _count_rows(cursor, _pg_tables(cursor))
            _run(
                [pg_dump, "--format=custom", "--no-owner", "--no-privileges",
                 f"--snapshot={snapshot}", f"--file={target}", *args],
                env,
                "pg_dump",
            )  # fmt: skip
            cursor.execute("COMMIT")
    tool_version = _run([pg_dump, "--version"]).strip()
    return {
        "engine": "postgresql",
        "file": target.name,
        "format": "pg_dump custom",
        "tables": counts,
        "server_version": server_version,
        "tool_version": tool_version,
    }


def _dump_sqlite(alias: str, target: Path) -> dict:
    connection = connections[alias]
    connection.ensure_connection()
    copy = sqlite3.connect(target)
    try:
        # The online backup API: a consistent copy even while others write.
        connection.connection.backup(copy)
        counts = _count_rows(copy.cursor(), _sqlite_tables(copy))
    finally:
        copy.close()
    return {
        "engine": "sqlite",
        "file": target.name,
        "format": "sqlite3 backup API",
        "tables": counts,
        "sqlite_version": sqlite3.sqlite_version,
    }


# --- media -----------------------------------------------------------------------------


def media_storage():
    return storages["default"]


def storage_kind() -> str:
    """ "filesystem" when the default storage is the file system (MEDIA_ROOT), else its class."""
    storage = media_storage()
    if isinstance(storage, FileSystemStorage):
        return "filesystem"
    return f"{type(storage).__module__}.{type(storage).__name__}"


def _storage_files(storage, directory: str = ""):
    """Every file name in a storage, walked with listdir (S3 and others)."""
    dirs, files = storage.listdir(directory)
    for name in sorted(files):
        yield f"{directory}/{name}" if directory else name
    for name in sorted(dirs):
        yield from _storage_files(storage, f"{directory}/{name}" if directory else name)


def _archive_media(target: Path, copy_bucket: bool) -> dict:
    kind = storage_kind()
    if kind == "filesystem":
        root = Path(settings.MEDIA_ROOT)
        count = 0
        with tarfile.open(target, "w:gz") as tar:
            if root.is_dir():
                for path in sorted(root.rglob("*")):
                    if path.is_file() and not path.is_symlink():
                        tar.add(path, arcname=str(path.relative_to(root)), recursive=False)
                        count += 1
        return {"storage": "filesystem", "file": target.name, "files": count}
    bucket = getattr(media_storage(), "bucket_name", "") or ""
    if not copy_bucket:
        return {
            "storage": kind,
            "bucket": bucket,
            "file": None,
            "note": (
                "Media are in object storage: back the bucket up with bucket versioning and "
                "replication (docs/operations.md 'Backup and restore'); --copy-bucket copies "
                "the objects into media.tar.gz."
            ),
        }
    count = 0
    with tarfile.open(target, "w:gz") as tar:
        for name in _storage_files(media_storage()):
            with media_storage().open(name, "rb") as handle:
                data = handle.read()
            info = tarfile.TarInfo(name)
            info.size = len(data)
            info.mtime = int(datetime.datetime.now().timestamp())
            tar.addfile(info, io.BytesIO(data))
            count += 1
    return {"storage": kind, "bucket": bucket, "file": target.name, "files": count}


# --- manifest --------------------------------------------------------------------------


def sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def _versions(alias: str) -> dict:
    import django
    import wagtail
    from django.db.migrations.recorder import MigrationRecorder

    latest = {}
    for app, name in MigrationRecorder(connections[alias]).applied_migrations():
        if app not in latest or name > latest[app]:
            latest[app] = name
    commit = None
    try:
        commit = (
            subprocess.run(
                ["git", "rev-parse", "HEAD"],
                cwd=settings.BASE_DIR,
                capture_output=True,
                text=True,
                timeout=10,
            ).stdout.strip()
            or None
        )
    except (OSError, subprocess.SubprocessError):
        pass
    return {
        "python": platform.python_version(),
        "django": django.get_version(),
        "wagtail": wagtail.__version__,
        "git_commit": commit,
        "migrations": dict(sorted(latest.items())),
    }


@dataclass
class Backup:
    directory: Path
    manifest: dict = field(default_factory=dict)


def backup(
    output: Path, alias: str = "default", media: bool = True, copy_bucket: bool = False
) -> Backup:
    """Write a new backup directory under `output`; returns it with its manifest."""
    kind = engine(alias)
    output = Path(output)
    try:
        output.mkdir(parents=True, exist_ok=True)
        ignore = output / ".gitignore"
        if not ignore.exists():
            ignore.write_text("# Backups (manage.py backup): never committed.\n*\n")
    except OSError as exc:
        raise BackupError(f"Cannot create the backup directory {output}: {exc}", EXIT_USAGE)
    stamp = datetime.datetime.now(datetime.UTC).strftime("%Y%m%dT%H%M%SZ")
    name = f"palvelumanuaali-{stamp}"
    directory = output / name
    suffix = 1
    while directory.exists():
        suffix += 1
        directory = output / f"{name}-{suffix}"
    # Written under a temporary name, renamed when complete: a half-made backup never
    # looks like a backup.
    partial = Path(tempfile.mkdtemp(prefix=f".{directory.name}.", dir=output))
    try:
        started = datetime.datetime.now(datetime.UTC)
        if kind == "postgresql":
            database = _dump_postgresql(alias, partial / PG_DUMP_FILE)
        else:
            database = _dump_sqlite(alias, partial / SQLITE_FILE)
        media_info = (
            _archive_media(partial / MEDIA_FILE, copy_bucket)
            if media
            else {"storage": storage_kind(), "file": None, "note": "skipped (--no-media)"}
        )
        files = {
            path.name: {"sha256": sha256(path), "bytes": path.stat().st_size}
            for path in sorted(partial.iterdir())
            if path.is_file()
        }
        manifest = {
            "format": FORMAT_VERSION,
            "name": directory.name,
            "created_at": started.isoformat(timespec="seconds"),
            "seconds": round((datetime.datetime.now(datetime.UTC) - started).total_seconds(), 3),
            "database": database,
            "media": media_info,
            "files": files,
            "versions": _versions(alias),
        }
        (partial / MANIFEST).write_text(json.dumps(manifest, indent=2, ensure_ascii=False) + "\n")
        partial.rename(directory)
    except BaseException:
        shutil.rmtree(partial, ignore_errors=True)
        raise
    return Backup(directory, manifest)


# --- restore ---------------------------------------------------------------------------


def read_manifest(directory: Path) -> dict:
    directory = Path(directory)
    path = directory / MANIFEST
    if not directory.is_dir():
        raise BackupError(f"{directory} is not a directory", EXIT_USAGE)
    if not path.is_file():
        raise BackupError(f"{directory} has no {MANIFEST}: not a backup", EXIT_USAGE)
    try:
        manifest = json.loads(path.read_text())
    except ValueError as exc:
        raise BackupError(f"{path} is not valid JSON: {exc}")
    if manifest.get("format") != FORMAT_VERSION:
        raise BackupError(f"{path}: unknown backup format {manifest.get('format')!r}")
    return manifest


def verify_files(directory: Path, manifest: dict) -> None:
    """Every file the manifest lists is there with its sha256."""
    for name, expected in manifest.get("files", {}).items():
        path = Path(directory) / name
        if not path.is_file():
            raise BackupError(f"{path} is missing")
        actual = sha256(path)
        if actual != expected["sha256"]:
            raise BackupError(
                f"{path} is corrupt: sha256 {actual}, the manifest says {expected['sha256']}"
            )


def _target_tables(alias: str) -> list[str]:
    if engine(alias) == "postgresql":
        with _pg_connect(alias) as conn, conn.cursor() as cursor:
            return _pg_tables(cursor)
    path = connections[alias].settings_dict["NAME"]
    if str(path) in ("", ":memory:") or not Path(path).exists():
        return []
    conn = sqlite3.connect(path)
    try:
        return _sqlite_tables(conn)
    finally:
        conn.close()


def _restore_postgresql(alias: str, dump: Path, force: bool) -> None:
    pg_restore = _tool("pg_restore")
    args, env = _pg_args_env(alias)
    options = ["--no-owner", "--no-privileges", "--exit-on-error", "--single-transaction"]
    if force:
        options += ["--clean", "--if-exists"]
    connections[alias].close()
    _run([pg_restore, *options, *args, str(dump)], env, "pg_restore")


def _restore_sqlite(alias: str, copy: Path) -> None:
    path = connections[alias].settings_dict["NAME"]
    if str(path) in ("", ":memory:"):
        raise BackupError("The SQLite database is in memory: nothing to restore into", EXIT_USAGE)
    connections[alias].close()
    Path(path).parent.mkdir(parents=True, exist_ok=True)
    source = sqlite3.connect(f"file:{copy}?mode=ro", uri=True)
    target = sqlite3.connect(path)
    try:
        # Replaces the target's pages with the copy's, in one step.
        source.backup(target)
    finally:
        source.close()
        target.close()


def _restore_media(directory: Path, media: dict, force: bool) -> str:
    if not media.get("file"):
        return f"media: not in this backup ({media.get('note', 'none')})"
    archive = Path(directory) / media["file"]
    kind = storage_kind()
    with tarfile.open(archive, "r:gz") as tar:
        members = [m for m in tar.getmembers() if m.isfile()]
        if kind == "filesystem":
            root = Path(settings.MEDIA_ROOT)
            if root.is_dir() and any(p.is_file() for p in root.rglob("*")) and not force:
                raise BackupError(
                    f"MEDIA_ROOT {root} is not empty: restore into an empty directory or pass "
                    "--force (files of the backup overwrite those with the same name)",
                    EXIT_USAGE,
                )
            root.mkdir(parents=True, exist_ok=True)
            # filter="data": no absolute paths, links out of the tree or special files.
            tar.extractall(root, members=members, filter="data")
            return f"media: {len(members)} file(s) into {root}"
        for member in members:
            if media_storage().exists(member.name):
                if not force:
                    raise BackupError(
                        f"{member.name} already exists in the media storage: pass --force",
                        EXIT_USAGE,
                    )
                media_storage().delete(member.name)
            saved = media_storage().save(member.name, File(tar.extractfile(member)))
            if saved != member.name:
                raise BackupError(f"The storage saved {member.name} as {saved}")
        return f"media: {len(members)} object(s) into {kind}"


def pending_migrations(alias: str = "default") -> list[str]:
    from django.db.migrations.executor import MigrationExecutor

    connections[alias].close()
    executor = MigrationExecutor(connections[alias])
    plan = executor.migration_plan(executor.loader.graph.leaf_nodes())
    return [f"{migration.app_label}.{migration.name}" for migration, _ in plan]


@dataclass
class Restored:
    messages: list[str]
    pending: list[str]


def restore(
    directory: Path, alias: str = "default", force: bool = False, media: bool = True
) -> Restored:
    """Restore a backup into the configured database (and media storage). Refuses a
    database with tables unless `force`. Verifies the files before and the row counts after."""
    directory = Path(directory)
    manifest = read_manifest(directory)
    kind = engine(alias)
    database = manifest["database"]
    if database["engine"] != kind:
        raise BackupError(
            f"The backup is of a {database['engine']} database, DATABASE_URL is {kind}",
            EXIT_USAGE,
        )
    verify_files(directory, manifest)
    existing = _target_tables(alias)
    if existing and not force:
        raise BackupError(
            f"The target database is not empty ({len(existing)} tables): restore into a fresh "
            "database or pass --force to replace its contents",
            EXIT_USAGE,
        )
    messages = []
    if kind == "postgresql":
        _restore_postgresql(alias, directory / database["file"], force)
    else:
        _restore_sqlite(alias, directory / database["file"])
    counts = row_counts(alias)
    expected = database["tables"]
    differences = [
        f"{table}: {counts.get(table)} rows, the backup had {rows}"
        for table, rows in expected.items()
        if counts.get(table) != rows
    ]
    differences += [f"{table}: not in the backup" for table in counts if table not in expected]
    if differences:
        raise BackupError(
            "The restored database differs from the manifest:\n  " + "\n  ".join(differences)
        )
    messages.append(
        f"database: {len(counts)} tables, {sum(counts.values())} rows, as in the manifest"
    )
    if media:
        messages.append(_restore_media(directory, manifest.get("media", {}), force))
    return Restored(messages, pending_migrations(alias))
