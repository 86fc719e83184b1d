"""Benchmark: Wagtail's page explorer with the demo catalogue, as each kind of editor.

Usage (each database must already hold demo data of the size you want to compare):

    DATABASE_URL=sqlite:////tmp/small.sqlite3 python -m tests.benchmarks.admin_explorer
    python -m tests.benchmarks.admin_explorer sqlite:////tmp/small.sqlite3 sqlite:////tmp/big.sqlite3

With two URLs it runs each in a subprocess and prints the ratio big/small per screen.
Prints the median of N requests and the SQL query count of one request.
"""

import json
import os
import statistics
import subprocess
import sys
import time

REPEAT = 7


def measure() -> dict:
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cms.settings.dev")
    django.setup()
    from django.contrib.auth import get_user_model
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from django.urls import reverse

    from services.models import (
        MunicipalityFolderPage,
        ProviderFolderPage,
        ServiceIndexPage,
        ServicePage,
    )

    User = get_user_model()
    catalogue = ServiceIndexPage.objects.get(locale__language_code="fi")
    helsinki = MunicipalityFolderPage.objects.get(
        organisation__slug="helsinki", locale=catalogue.locale
    )
    provider_folder = ProviderFolderPage.objects.child_of(helsinki).order_by("-numchild").first()
    service = ServicePage.objects.child_of(provider_folder).first()
    editor = f"{provider_folder.organisation.slug}-editor"
    screens = {
        "explore catalogue": reverse("wagtailadmin_explore", args=[catalogue.pk]),
        "explore Helsinki": reverse("wagtailadmin_explore", args=[helsinki.pk]),
        "explore provider folder": reverse("wagtailadmin_explore", args=[provider_folder.pk]),
        "edit service": reverse("wagtailadmin_pages:edit", args=[service.pk]),
        "dashboard": reverse("wagtailadmin_home"),
    }
    results = {"services": ServicePage.objects.count(), "rows": {}}
    for username in ("yllapito-maintainer", "helsinki-producer", editor):
        client = Client(HTTP_HOST="127.0.0.1")
        client.force_login(User.objects.get(username=username))
        role = username.split("-")[-1]
        for name, url in screens.items():
            client.get(url)  # warm up
            times = []
            for _ in range(REPEAT):
                start = time.perf_counter()
                response = client.get(url)
                times.append(time.perf_counter() - start)
            with CaptureQueriesContext(connection) as queries:
                client.get(url)
            results["rows"][f"{role:>11} | {name}"] = {
                "status": response.status_code,
                "ms": round(statistics.median(times) * 1000, 1),
                "queries": len(queries),
            }
    return results


def main(argv):
    if len(argv) <= 1:
        print(json.dumps(measure()))
        return
    runs = []
    for url in argv[1:]:
        out = subprocess.run(
            [sys.executable, "-m", "tests.benchmarks.admin_explorer"],
            env={**os.environ, "DATABASE_URL": url},
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        runs.append(json.loads(out.strip().splitlines()[-1]))
    base = runs[0]
    print("services: " + " vs ".join(str(r["services"]) for r in runs))
    print(f"{'role | screen':45} " + " ".join(f"{'ms':>8} {'q':>4}" for _ in runs) + "   ratio")
    for key, row in base["rows"].items():
        cells = " ".join(
            f"{r['rows'][key]['ms']:8.1f} {r['rows'][key]['queries']:4d}" for r in runs
        )
        ratio = runs[-1]["rows"][key]["ms"] / row["ms"] if row["ms"] else float("nan")
        status = ",".join(str(r["rows"][key]["status"]) for r in runs)
        print(f"{key:45} {cells}   {ratio:5.2f}x  (HTTP {status})")


if __name__ == "__main__":
    main(sys.argv)
