"""Remove user log rows older than USERLOG_RETENTION_DAYS (the daily job, cms/jobs.py)."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from userlog.retention import purge


class Command(BaseCommand):
    help = "Remove user log rows older than settings.USERLOG_RETENTION_DAYS (docs/privacy.md)."

    def handle(self, *args, **options):
        try:
            removed = purge()
        except ValueError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(
            f"user log: removed {removed} row(s) older than {settings.USERLOG_RETENTION_DAYS} days"
        )
