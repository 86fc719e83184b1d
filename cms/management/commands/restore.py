"""manage.py restore: a backup of manage.py backup into the configured database (cms/backup.py)."""

import time
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from cms import backup


class Command(BaseCommand):
    help = (
        "Restore a backup directory (manage.py backup) into the database of DATABASE_URL and "
        "the media storage. Verifies the files' sha256 first; refuses a database with tables "
        "(or a MEDIA_ROOT with files) unless --force; compares every table's row count with "
        "the manifest after; then checks that every migration is applied. Exit 0: restored "
        "and verified; 1: a step failed or the counts differ; 2: bad arguments, "
        "configuration, or a non-empty target; 3: restored, but migrations are pending "
        "(run manage.py migrate)."
    )

    def add_arguments(self, parser):
        parser.add_argument("directory", help="the backup directory (with manifest.json)")
        parser.add_argument(
            "--force",
            action="store_true",
            help="replace the contents of a non-empty database (and overwrite media files)",
        )
        parser.add_argument("--no-media", action="store_true", help="the database only")

    def handle(self, *args, directory, force=False, no_media=False, **options):
        started = time.perf_counter()
        try:
            restored = backup.restore(Path(directory), force=force, media=not no_media)
        except backup.BackupError as exc:
            raise CommandError(str(exc), returncode=exc.returncode)
        self.stdout.write(f"Restored {directory}")
        for message in restored.messages:
            self.stdout.write(f"  {message}")
        self.stdout.write(f"  {time.perf_counter() - started:.2f} s")
        if restored.pending:
            raise CommandError(
                "Migrations are not applied (the backup is from an older release): run "
                "`manage.py migrate`. Pending: " + ", ".join(restored.pending),
                returncode=backup.EXIT_MIGRATIONS_PENDING,
            )
        self.stdout.write("  migrations: all applied")
