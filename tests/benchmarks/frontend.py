"""Benchmark: the frontend's pages against the GraphQL API they wait for (issue 14, Speed).

Usage:

    python -m tests.benchmarks.frontend                     # SQLite and PostgreSQL, 337 services
    python -m tests.benchmarks.frontend --db sqlite --runs 5
    python -m tests.benchmarks.frontend --sizes 337,20000   # + the API benchmark's big databases
    python -m tests.benchmarks.frontend --profile "results, search"

(`make bench-frontend BENCH_ARGS="..."` runs the same.) For each database and catalogue
size it requests every kind of frontend page in process with Django's test Client (the
benchmark settings of tests/benchmarks/settings.py: DEBUG off, no rate limit) and takes
the median of N runs after a warm-up of:

    server ms      the whole request, test Client to response (middleware, views, the API
                   calls, templates);
    API ms         the time spent inside the page's API calls, frontend.api.api_calls(request)
                   (read from the test Client's `response.wsgi_request`, the request the
                   view saw: nothing is added to the site for it);
    API requests   how many documents the page sent: warm (the menu and the filter
                   vocabularies in Django's cache, as on a busy site) and cold (cache cleared
                   before the request, the worst case);
    server/API     the median of each request's own server time / API time (a run that
                   the rest of a busy machine disturbs moves it less than a ratio of medians);
    /graphql/ ms   the baseline: the same documents with the same variables (recorded from
                   one request of the page, frontend.api.execute wrapped in this process
                   only) posted directly to /graphql/ by the same visitor, one after the
                   other, taking turns with the pages in the same runs.

The load average is printed with each table: on a shared machine the times move with it.

The targets (issue 14): at most 3 API requests (frontend.api.MAX_CALLS_PER_PAGE; cold),
and a server time at most 2x the API time the page waits for. It also checks that
anonymous pages answer `Cache-Control: public` with an `ETag` and a 304 to
`If-None-Match`, and that signed-in pages are private. It prints PASS/MISS and exits 0
on a miss (a benchmark, not a test); it fails only when a page does not answer as it
should (e.g. a 500).

Databases are the API benchmark's (tests/benchmarks/api.py): cached SQLite files in .bench/
and pg_dump archives restored into a throwaway PostgreSQL cluster (.ci/with-postgres.sh);
a missing one is seeded (337 services: about two minutes; 20,000: 10-15 minutes, once). A
cached database seeded before the content pages existed gets the demo's content pages
added (content.demo, idempotent) before measuring.
"""

import argparse
import json
import logging
import os
import statistics
import subprocess
import sys
import time

from . import api as bench

DEFAULT_SIZES = (337,)
DEFAULT_RUNS = 15
DEFAULT_WARMUP = 2
RATIO_TARGET = 2.0
MAX_REQUESTS = 3  # frontend.api.MAX_CALLS_PER_PAGE (checked in measure())
STAFF_USER = "helsinki-expert"  # a municipal expert with the demo's lists and favourites
CONTENT_SLUG = "ohje"  # the demo's help page (content/demo_content.py)
MODULE = "tests.benchmarks.frontend"


# --- measuring (in a process of its own, DATABASE_URL set) ---------------------------------
def measure(args) -> dict:
    import django

    os.environ["DJANGO_SETTINGS_MODULE"] = bench.SETTINGS
    django.setup()
    # One access-log line per request (cms/observability.py, when installed) would flood
    # the terminal: the records are still made, not written.
    access = logging.getLogger("cms.access")
    access.handlers, access.propagate = [logging.NullHandler()], False
    from django.contrib.auth import get_user_model
    from django.core.cache import cache
    from django.db import connection
    from django.db.models import Count
    from django.test import Client

    from cms.access import may_read_internal
    from content.models import ContentPage
    from frontend import api
    from services.models import ServiceList, ServicePage

    if api.MAX_CALLS_PER_PAGE != MAX_REQUESTS:
        raise RuntimeError(f"frontend.api.MAX_CALLS_PER_PAGE is {api.MAX_CALLS_PER_PAGE}")
    _content_pages(ContentPage)

    live_fi = ServicePage.objects.live().filter(locale__language_code="fi")
    # The API benchmark's detail service (related services: see-also), or the first one,
    # with internal instructions when it has them: the same service at every size.
    candidates = live_fi.annotate(n=Count("related_services")).filter(n__gt=0).order_by("pk")
    detail = next((s for s in candidates[:50] if len(s.internal)), None) or candidates.first()
    detail = detail or live_fi.order_by("pk").first()
    User = get_user_model()
    staff = User.objects.filter(username=STAFF_USER).first()
    if staff is None or not may_read_internal(staff):
        staff = next(
            u
            for u in User.objects.filter(username__in=bench.MUNICIPAL_USERS).order_by("username")
            if may_read_internal(u)
        )
    own_list = ServiceList.objects.filter(owner=staff).order_by("pk").first()
    situation = detail.client_situations.order_by("pk").first()
    municipality = detail.responsible_municipality
    filters = "audience=job-seeker&age=22"
    if situation is not None:
        filters += f"&situation={situation.slug}"
    if municipality is not None:
        filters += f"&municipality={municipality.slug}"
    service_url = f"/services/{detail.pk}/{detail.slug}/"

    # (label, signed in, URL)
    pages = [
        ("home fi", False, "/"),
        ("home sv", False, "/sv/"),
        ("results, filters", False, f"/services/?{filters}"),
        ("results, search", False, f"/services/?q={bench.SEARCH_WORD}"),
        ("service", False, service_url),
        ("service, internal", True, f"{service_url}?view=internal"),
        ("favourites", True, "/favourites/"),
        ("lists", True, "/lists/"),
    ]
    if own_list is not None:
        pages += [
            ("list", True, f"/lists/{own_list.pk}/"),
            ("list for a client", True, f"/lists/{own_list.pk}/client/?lang=sv"),
        ]
    pages += [("content page", False, f"/pages/{CONTENT_SLUG}/")]

    anonymous = Client()
    signed_in = Client()
    signed_in.force_login(staff)

    def get(client, url):
        response = client.get(url)
        if response.status_code != 200:
            raise RuntimeError(f"GET {url}: HTTP {response.status_code}")
        return response

    def recorded(client, url) -> list[tuple[str, dict, str | None]]:
        """The documents the page sends (warm cache): (name, variables, operation)."""
        sent = []
        execute = api.execute

        def recording(request, name, variables=None, operation=None):
            sent.append((name, dict(variables or {}), operation))
            return execute(request, name, variables, operation)

        api.execute = recording
        try:
            get(client, url)
        finally:
            api.execute = execute
        return sent

    def direct(client, documents):
        """Post the documents to /graphql/ as the same visitor; the seconds it took."""
        bodies = []
        for name, variables, operation in documents:
            body = {"query": api.document(name), "variables": variables}
            if operation:
                body["operationName"] = operation
            bodies.append((name, json.dumps(body)))

        def call():
            started = time.perf_counter()
            for name, body in bodies:
                response = client.post("/graphql/", body, content_type="application/json")
                if response.status_code != 200 or b'"errors"' in response.content:
                    raise RuntimeError(f"/graphql/ {name}: {response.content[:300]!r}")
            return time.perf_counter() - started

        return call

    def cold(client, url) -> list[str]:
        cache.clear()
        return [name for name, _s in api.api_calls(get(client, url).wsgi_request)]

    def caching(client, url, signed) -> dict:
        response = get(client, url)
        control = response.get("Cache-Control", "")
        etag = response.get("ETag", "")
        again = client.get(url, HTTP_IF_NONE_MATCH=etag) if etag else None
        return {
            "cache_control": control,
            "etag": bool(etag),
            "not_modified": again is not None and again.status_code == 304,
            "signed_in": signed,
        }

    rows = {}
    calls = {}
    for label, signed, url in pages:
        client = signed_in if signed else anonymous
        cold_names = cold(client, url)
        documents = recorded(client, url)
        rows[label] = {
            "url": url,
            "signed_in": signed,
            "cold": cold_names,
            "warm": [name for name, _v, _o in documents],
            "caching": caching(client, url, signed),
        }
        calls[label] = (client, url, direct(client, documents))

    # Warm-up, then the pages and their baselines take turns, run after run, so that a
    # change in the machine's load affects them alike.
    for client, url, baseline in calls.values():
        for _ in range(args.warmup):
            get(client, url)
            baseline()
    times = {label: {"server": [], "api": [], "direct": []} for label in calls}
    load = os.getloadavg()[0]
    for _ in range(args.runs):
        for label, (client, url, baseline) in calls.items():
            started = time.perf_counter()
            response = get(client, url)
            times[label]["server"].append(time.perf_counter() - started)
            times[label]["api"].append(sum(s for _n, s in api.api_calls(response.wsgi_request)))
            times[label]["direct"].append(baseline())
    for label, series in times.items():
        rows[label].update(
            {key: statistics.median(values) * 1000 for key, values in series.items()}
        )
        # Each request's own server/API, then their median: a run disturbed by the rest of
        # the machine (in either part) moves it less than a ratio of two medians.
        rows[label]["ratio"] = statistics.median(
            bench.ratio(server, api_s)
            for server, api_s in zip(series["server"], series["api"], strict=True)
        )

    profiles = {}
    for label in args.profile:
        if label not in calls:
            raise RuntimeError(f"--profile {label!r}: no such page ({', '.join(calls)})")
        client, url, _baseline = calls[label]
        profiles[label] = bench._profile(lambda c=client, u=url: get(c, u), args.runs)

    return {
        "vendor": connection.vendor,
        "services": live_fi.count(),
        "detail_id": detail.pk,
        "staff_user": staff.username,
        "runs": args.runs,
        "warmup": args.warmup,
        "load": [load, os.getloadavg()[0]],
        "rows": rows,
        "profiles": profiles,
    }


def _content_pages(ContentPage):
    """A database seeded before the content pages existed gets the demo's (idempotent)."""
    if ContentPage.objects.live().exists():
        return
    from content.demo import build_content_demo
    from services.demo.builder import DemoBuilder

    bench.log("adding the demo's content pages (the cached database predates them)")
    build_content_demo(DemoBuilder(services=1))


# --- databases and processes ----------------------------------------------------------------
def run_measure(url, args) -> dict:
    cmd = [sys.executable, "-m", MODULE, "--measure", *_passed(args)]
    out = subprocess.run(
        cmd,
        cwd=bench.ROOT,
        env={**os.environ, "DATABASE_URL": url},
        capture_output=True,
        text=True,
    )
    sys.stderr.write(out.stderr)
    if out.returncode:
        sys.stderr.write(out.stdout)
        raise SystemExit(f"measuring {url} failed (exit {out.returncode})")
    lines = [line for line in out.stdout.splitlines() if line.startswith(bench.RESULT)]
    return json.loads(lines[-1][len(bench.RESULT) :])


def _passed(args) -> list[str]:
    out = ["--runs", str(args.runs), "--warmup", str(args.warmup)]
    for label in args.profile:
        out += ["--profile", label]
    return out


def postgres_worker(args):
    """Inside .ci/with-postgres.sh: prepare and measure each size, print the results."""
    for size in args.sizes:
        result = run_measure(bench.postgres_database(size, args.reseed), args)
        print(bench.RESULT + json.dumps(result), flush=True)


def run_postgres(args) -> list[dict]:
    if bench.pg_bindir() is None:
        bench.log("PostgreSQL server binaries not found: skipped PostgreSQL")
        return []
    cmd = [str(bench.ROOT / ".ci" / "with-postgres.sh"), sys.executable, "-m", MODULE]
    cmd += ["--postgres-worker", "--sizes", ",".join(map(str, args.sizes)), *_passed(args)]
    cmd += ["--reseed"] if args.reseed else []
    out = subprocess.run(cmd, cwd=bench.ROOT, check=True, stdout=subprocess.PIPE, text=True)
    return [
        json.loads(line[len(bench.RESULT) :])
        for line in out.stdout.splitlines()
        if line.startswith(bench.RESULT)
    ]


# --- report ---------------------------------------------------------------------------------
def print_table(result):
    db = bench.DB_NAMES.get(result["vendor"], result["vendor"])
    print()
    print(
        f"== {db}, {result['services']} services: median of {result['runs']} after "
        f"{result['warmup']} warm-up; service {result['detail_id']}, signed in as "
        f"{result['staff_user']}; load average {result['load'][0]:.1f} -> {result['load'][1]:.1f}"
    )
    print(
        f"{'page':19} {'API req':>7} {'cold':>4} {'server ms':>9} {'API ms':>7} "
        f"{'server/API':>10} {'/graphql/ ms':>12} {'server/gql':>10}  "
        f"{'req<=' + str(MAX_REQUESTS):7} {'<=' + str(RATIO_TARGET) + 'x':6}"
    )
    for label, row in result["rows"].items():
        warm, cold = len(row["warm"]), len(row["cold"])
        server, api_ms, direct = row["server"], row["api"], row["direct"]
        ratio = row["ratio"]
        print(
            f"{label:19} {warm:7d} {cold:4d} {server:9.1f} {api_ms:7.1f} "
            f"{ratio:9.2f}x {direct:12.1f} {bench.ratio(server, direct):9.2f}x  "
            f"{bench.verdict(cold <= MAX_REQUESTS):7} {bench.verdict(ratio <= RATIO_TARGET):6}"
        )
    print(
        "(API req: documents sent with the menu and filter vocabularies cached; cold: with "
        "Django's cache cleared. server/API: the median of each request's own ratio. "
        "/graphql/ ms: the same documents posted to the endpoint.)"
    )
    print("documents per page (warm; cold adds):")
    for label, row in result["rows"].items():
        extra = [name for name in row["cold"] if name not in row["warm"]]
        more = f"  (+ {', '.join(extra)} when not cached)" if extra else ""
        print(f"  {label:19} {', '.join(row['warm']) or '-'}{more}  {row['url']}")


def print_caching(result):
    db = bench.DB_NAMES.get(result["vendor"], result["vendor"])
    print()
    print(f"== HTTP caching, {db}, {result['services']} services")
    for label, row in result["rows"].items():
        c = row["caching"]
        if c["signed_in"]:
            ok = "private" in c["cache_control"] and "public" not in c["cache_control"]
            what = "signed in: private"
        else:
            ok = "public" in c["cache_control"] and c["etag"] and c["not_modified"]
            what = "anonymous: public + ETag + 304 on If-None-Match"
        print(
            f"{bench.verdict(ok)}  {label:19} {what}; Cache-Control: {c['cache_control']!r}, "
            f"ETag {'yes' if c['etag'] else 'no'}, "
            f"If-None-Match {'304' if c['not_modified'] else 'no 304'}"
        )


def print_targets(results):
    print()
    print("== Targets (issue 14, Speed)")
    for result in results:
        db = bench.DB_NAMES.get(result["vendor"], result["vendor"])
        rows = result["rows"].values()
        most = max(len(r["cold"]) for r in rows)
        worst = max(r["ratio"] for r in rows)
        caching = all(
            ("private" in r["caching"]["cache_control"])
            if r["signed_in"]
            else ("public" in r["caching"]["cache_control"] and r["caching"]["not_modified"])
            for r in rows
        )
        where = f"{db} {result['services']:>6}"
        print(
            f"{bench.verdict(most <= MAX_REQUESTS)}  {where}: at most {most} API requests a "
            f"page (target <= {MAX_REQUESTS}, cold cache)"
        )
        print(
            f"{bench.verdict(worst <= RATIO_TARGET)}  {where}: server time at most {worst:.2f}x "
            f"the API time it waits for (target <= {RATIO_TARGET}x)"
        )
        print(
            f"{bench.verdict(caching)}  {where}: anonymous pages public with ETag and 304, "
            f"signed-in pages private"
        )


def print_profiles(results):
    for result in results:
        for label, text in result.get("profiles", {}).items():
            db = bench.DB_NAMES.get(result["vendor"], result["vendor"])
            print()
            print(f"== cProfile: {label}, {db}, {result['services']} services")
            print(text.rstrip())


def parse_args(argv):
    parser = argparse.ArgumentParser(
        prog=f"python -m {MODULE}",
        description="The frontend's pages: API requests, server time vs API time, caching.",
    )
    parser.add_argument(
        "--db", default="sqlite,postgres", help="sqlite, postgres or both (default sqlite,postgres)"
    )
    parser.add_argument(
        "--sizes",
        default=",".join(map(str, DEFAULT_SIZES)),
        help="catalogue sizes, comma-separated (default 337, the demo; 20000 uses the API "
        "benchmark's cached database)",
    )
    parser.add_argument(
        "--runs", type=int, default=DEFAULT_RUNS, help=f"timed requests per page ({DEFAULT_RUNS})"
    )
    parser.add_argument(
        "--warmup", type=int, default=DEFAULT_WARMUP, help=f"warm-up requests ({DEFAULT_WARMUP})"
    )
    parser.add_argument(
        "--profile",
        action="append",
        default=[],
        metavar="PAGE",
        help="also cProfile a page by its label, e.g. 'results, search' (repeatable)",
    )
    parser.add_argument("--reseed", action="store_true", help="rebuild the cached databases")
    parser.add_argument("--measure", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--postgres-worker", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    try:
        args.sizes = [int(s) for s in str(args.sizes).split(",") if s.strip()]
    except ValueError:
        parser.error(f"--sizes must be whole numbers, comma-separated: {args.sizes!r}")
    args.db = [d.strip() for d in args.db.split(",") if d.strip()]
    unknown = set(args.db) - {"sqlite", "postgres"}
    if unknown:
        parser.error(f"unknown --db {', '.join(sorted(unknown))}: use sqlite and/or postgres")
    if args.runs < 1:
        parser.error("--runs must be at least 1")
    if args.warmup < 0:
        parser.error("--warmup must be 0 or more")
    return args


def main(argv):
    args = parse_args(argv)
    if args.measure:
        print(bench.RESULT + json.dumps(measure(args)), flush=True)
        return
    if args.postgres_worker:
        postgres_worker(args)
        return
    results = []
    if "sqlite" in args.db:
        for size in args.sizes:
            url = bench.sqlite_database(size, args.reseed)
            bench.log(f"measuring the frontend on SQLite, {size} services")
            results.append(run_measure(url, args))
    if "postgres" in args.db:
        bench.log(f"measuring the frontend on PostgreSQL, sizes {args.sizes}")
        results += run_postgres(args)
    for result in results:
        print_table(result)
    for result in results:
        print_caching(result)
    print_targets(results)
    print_profiles(results)


if __name__ == "__main__":
    main(sys.argv[1:])
