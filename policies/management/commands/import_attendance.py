from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from policies.attendance_import import COLUMNS, import_attendance


class Command(BaseCommand):
    help = (
        f"Import meeting attendance from a CSV file with the columns {','.join(COLUMNS)}. "
        "Bad rows are reported by line number and nothing is imported from a file with errors."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="CSV file (UTF-8; comma or semicolon separated)")

    def handle(self, *args, file, **options):
        path = Path(file)
        try:
            text = path.read_text(encoding="utf-8-sig")
        except FileNotFoundError:
            raise CommandError(_("No such file: %(file)s") % {"file": file}) from None
        except UnicodeDecodeError:
            raise CommandError(_("%(file)s is not UTF-8 text.") % {"file": file}) from None
        result = import_attendance(text)
        if not result.ok:
            for line, message in result.errors:
                self.stderr.write(f"{path.name}:{line}: {message}")
            raise CommandError(
                _("%(count)s error(s) in %(file)s: nothing was imported.")
                % {"count": len(result.errors), "file": path.name}
            )
        self.stdout.write(
            self.style.SUCCESS(
                _(
                    "Imported %(file)s: %(created)s attendance rows created, %(updated)s "
                    "updated, %(unchanged)s unchanged; %(meetings)s meetings created."
                )
                % {
                    "file": path.name,
                    "created": result.created,
                    "updated": result.updated,
                    "unchanged": result.unchanged,
                    "meetings": result.meetings_created,
                }
            )
        )
