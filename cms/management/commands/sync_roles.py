from django.core.management.base import BaseCommand

from cms.group_sync import sync_roles


class Command(BaseCommand):
    help = "Create or update the Wagtail groups and permissions declared in cms.roles (idempotent)."

    def handle(self, *args, **options):
        report = sync_roles()
        self.stdout.write(self.style.SUCCESS(f"Roles synchronised: {report}"))
