import sys

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from services.demo.builder import BULK_THRESHOLD, DEFAULT_SERVICES, DemoBuilder
from services.models import ServicePage

MAX_SERVICES = 50_000


class Command(BaseCommand):
    help = (
        "Load the demo catalogue: organisations, users for every role, taxonomies and services "
        "(deterministic and idempotent)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--services",
            type=str,
            default=DEFAULT_SERVICES,
            help=f"number of services (default {DEFAULT_SERVICES}, split as in DOMAIN.md)",
        )
        parser.add_argument("--seed", type=int, default=2024, help="random seed (default 2024)")
        parser.add_argument(
            "--if-empty", action="store_true", help="do nothing when services already exist"
        )
        parser.add_argument("--no-progress", action="store_true", help="hide the progress bar")

    def handle(self, *args, services, seed, if_empty, no_progress, **options):
        try:
            services = int(services)
        except ValueError:
            raise CommandError(f"--services must be a whole number, got {services!r}.") from None
        if not 1 <= services <= MAX_SERVICES:
            raise CommandError(f"--services must be between 1 and {MAX_SERVICES}, got {services}.")
        if if_empty and ServicePage.objects.exists():
            self.stdout.write("Demo data already present: nothing to do.")
            self.print_logins()
            return
        disable = no_progress or not sys.stderr.isatty() and options.get("verbosity", 1) < 2

        def progress(iterable, **kwargs):
            return tqdm(iterable, disable=disable, file=sys.stderr, **kwargs)

        report = DemoBuilder(services=services, seed=seed, progress=progress).build()
        self.stdout.write(self.style.SUCCESS(f"Demo data: {report}."))
        if report.created.get("services", 0) > BULK_THRESHOLD:
            self.stdout.write(
                "Large catalogue: the reference index (usage counts in the admin) was not "
                "filled; run `python manage.py rebuild_references_index` if you need it."
            )
        self.print_logins()

    def print_logins(self):
        self.stdout.write(
            f"Demo users are named <organisation>-<role> (e.g. helsinki-producer, espoo-expert, "
            f"tyovalmennus-editor, yllapito-maintainer); password: {settings.DEMO_PASSWORD}"
        )
