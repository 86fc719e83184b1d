from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from search import synonyms


class Command(BaseCommand):
    help = (
        "Load the seed synonym sets (search/data/synonyms.txt, or --file). Idempotent: a set "
        "one of whose terms is already in a saved set is not created again."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--file", default=str(synonyms.SEED), help="the seed file (default: %(default)s)"
        )
        mode = parser.add_mutually_exclusive_group()
        mode.add_argument(
            "--update",
            action="store_true",
            help="also add the seed's terms a saved set lacks (default: leave saved sets as "
            "they are, so maintainers' edits stay)",
        )
        mode.add_argument(
            "--replace",
            action="store_true",
            help="delete every saved synonym set first, then load the seed exactly",
        )

    def handle(self, *args, file, update, replace, **options):
        path = Path(file)
        if not path.is_file():
            raise CommandError(f"No such seed file: {path}")
        mode = "replace" if replace else "update" if update else "add"
        try:
            report = synonyms.load_seed(path, mode=mode)
        except synonyms.SeedError as exc:
            raise CommandError(f"The seed file is not valid: {exc}") from None
        self.stdout.write(self.style.SUCCESS(f"Synonyms: {report}."))
