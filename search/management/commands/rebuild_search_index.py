"""manage.py rebuild_search_index: write the search index anew (search/indexer.py)."""

import sys
import time

from django.core.management.base import BaseCommand
from tqdm import tqdm

from search import indexer, registry
from search.models import SearchDocument


class Command(BaseCommand):
    help = (
        "Rebuild the search index (documents, analysed tokens, autocomplete suggestions) of "
        "every registered source, in one transaction."
    )

    def add_arguments(self, parser):
        parser.add_argument("--no-progress", action="store_true", help="hide the progress bar")
        parser.add_argument(
            "--if-empty", action="store_true", help="do nothing when the index has documents"
        )

    def handle(self, *args, no_progress=False, if_empty=False, **options):
        if if_empty and SearchDocument.objects.exists():
            self.stdout.write("Search index already built: nothing to do.")
            return
        disable = no_progress or options.get("verbosity", 1) < 1

        total = None
        if not disable:
            counts = [getattr(s, "count", lambda: None)() for s in registry.sources()]
            total = None if None in counts else sum(counts)

        def progress(documents):
            return tqdm(
                documents,
                total=total,
                disable=disable,
                file=sys.stderr,
                desc="indexing",
                unit="page",
            )

        names = ", ".join(s.name for s in registry.sources()) or "no sources registered"
        started = time.perf_counter()
        report = indexer.rebuild(progress=progress)
        elapsed = time.perf_counter() - started
        self.stdout.write(
            self.style.SUCCESS(f"Search index rebuilt ({names}): {report} in {elapsed:.1f} s.")
        )
