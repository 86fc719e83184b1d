from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from cms.roles import permission_matrix_markdown

DOC = Path(settings.BASE_DIR) / "docs" / "permissions.md"


class Command(BaseCommand):
    help = (
        "Print the permission matrix declared in cms/roles.py, or write/check docs/permissions.md."
    )

    def add_arguments(self, parser):
        group = parser.add_mutually_exclusive_group()
        group.add_argument("--write", action="store_true", help="write docs/permissions.md")
        group.add_argument(
            "--check", action="store_true", help="fail if docs/permissions.md is stale"
        )

    def handle(self, *args, write, check, **options):
        text = permission_matrix_markdown()
        if write:
            DOC.write_text(text, encoding="utf-8")
            self.stdout.write(f"Wrote {DOC}")
        elif check:
            if not DOC.exists() or DOC.read_text(encoding="utf-8") != text:
                raise CommandError(
                    "docs/permissions.md is stale: run `python manage.py permission_matrix --write`."
                )
            self.stdout.write("docs/permissions.md is up to date.")
        else:
            self.stdout.write(text)
