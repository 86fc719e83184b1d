"""manage.py backup: the database and the media into a timestamped directory (cms/backup.py)."""

import time
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from cms import backup


class Command(BaseCommand):
    help = (
        "Back up the database of DATABASE_URL (PostgreSQL: pg_dump custom format; SQLite: a "
        "consistent copy) and the media (MEDIA_ROOT as media.tar.gz; S3: see --copy-bucket) "
        "into a new timestamped directory under --output, with manifest.json (row counts of "
        "every table, sha256 of every file, versions). Exit 1 when a step fails, 2 on bad "
        "arguments or configuration."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--output",
            default="backups",
            help="the directory to create the backup in (default: ./backups)",
        )
        parser.add_argument("--no-media", action="store_true", help="the database only")
        parser.add_argument(
            "--copy-bucket",
            action="store_true",
            help="with S3 media storage, copy every object into media.tar.gz too",
        )

    def handle(self, *args, output, no_media=False, copy_bucket=False, **options):
        started = time.perf_counter()
        try:
            made = backup.backup(Path(output), media=not no_media, copy_bucket=copy_bucket)
        except backup.BackupError as exc:
            raise CommandError(str(exc), returncode=exc.returncode)
        manifest = made.manifest
        database = manifest["database"]
        self.stdout.write(f"Backup written to {made.directory}")
        self.stdout.write(
            f"  database ({database['engine']}): {len(database['tables'])} tables, "
            f"{sum(database['tables'].values())} rows"
        )
        media = manifest["media"]
        if media.get("file"):
            self.stdout.write(f"  media ({media['storage']}): {media['files']} file(s)")
        else:
            self.stdout.write(f"  media ({media['storage']}): {media.get('note')}")
        for name, info in manifest["files"].items():
            self.stdout.write(f"  {name}: {info['bytes']} bytes, sha256 {info['sha256']}")
        self.stdout.write(f"  {time.perf_counter() - started:.2f} s")
