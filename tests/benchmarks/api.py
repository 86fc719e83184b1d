"""Benchmark: the GraphQL API against Wagtail's REST API v2 and a hand-written baseline.

Usage:

    python -m tests.benchmarks.api                      # SQLite and PostgreSQL, 337 and 20,000
    python -m tests.benchmarks.api --db sqlite --sizes 337 --runs 5
    python -m tests.benchmarks.api --profile            # + cProfile of the GraphQL listings

(`make bench BENCH_ARGS="..."` runs the same.) For each database and catalogue size it
measures, in process with Django's test Client, the median of N requests after a
warm-up and the SQL query count of one request, for:

    listing 20 / 100   graphql/queries/catalogue-listing.graphql
    customer detail    graphql/queries/customer-detail.graphql
    staff detail       graphql/queries/staff-detail.graphql, a municipal user's token
    search             graphql/queries/search.graphql, "työnhakuvalmennus" (--search-word)

each next to (a) Wagtail's REST API v2 serving the same fields (mounted only in the
benchmark URLconf, tests/benchmarks/urls.py; see tests/benchmarks/v2.py) and (b) a
raw baseline: the ORM with hand-written select_related/prefetch_related and json.dumps
of the same fields, no HTTP. It prints a table per database and size, then the targets
(PASS/MISS; the script reports, it does not fail):

    scale    GraphQL listing 20 at 20,000 services / at 337        <= 1.5x
    listing  GraphQL <= 2x raw, and faster than API v2

Seeded databases are cached in .bench/ (git-ignored): SQLite files, and pg_dump
archives restored into a throwaway PostgreSQL cluster (.ci/with-postgres.sh) on each
run. The 20,000-service seed takes 10-15 minutes (SQLite or PostgreSQL), once;
`--reseed` rebuilds.
PostgreSQL is skipped when its server binaries are not installed.
"""

import argparse
import cProfile
import glob
import json
import os
import pstats
import re
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
CACHE = ROOT / ".bench"
SETTINGS = "tests.benchmarks.settings"
DEFAULT_SIZES = (337, 20000)
DEFAULT_RUNS = 15
DEFAULT_WARMUP = 3
RESULT = "BENCH-RESULT "  # prefix of the JSON line a measuring process prints
CASES = ("listing 20", "listing 100", "customer detail", "staff detail", "search")
LISTINGS = ("listing 20", "listing 100")
# Search: the commonest word of the demo's service titles at the default size (the same
# word at every size, so that the sizes compare); --search-word changes it.
SEARCH_WORD = "työnhakuvalmennus"
BUDGET = 60.0  # seconds of timed runs per case, after which it stops at MIN_RUNS or more
MIN_RUNS = 5
SCALE_TARGET = 1.5
RAW_TARGET = 2.0
MUNICIPAL_USERS = ("helsinki-expert", "helsinki-producer", "helsinki-main", "yllapito-maintainer")


# --- measuring (in a process of its own, DATABASE_URL set) ---------------------------------
def measure(runs: int, warmup: int, profile: bool, budget: float, search_word: str) -> dict:
    import django

    os.environ["DJANGO_SETTINGS_MODULE"] = SETTINGS
    django.setup()
    from django.contrib.auth import get_user_model
    from django.db import connection
    from django.db.models import Count
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from cms.access import may_read_internal
    from cms.models import ApiToken
    from services.models import ServicePage
    from tests.api.gql import query_file

    from . import raw, v2

    live_fi = ServicePage.objects.live().filter(locale__language_code="fi")
    # A service with related services (the detail queries read them), the same one at
    # every size: the demo is deterministic and builds the municipalities in order.
    detail = (
        live_fi.annotate(n=Count("related_services")).filter(n__gt=0).order_by("pk").first()
        or live_fi.order_by("pk").first()
    )
    word = search_word or raw.common_title_word()
    User = get_user_model()
    staff = next(
        u
        for u in User.objects.filter(username__in=MUNICIPAL_USERS).order_by("username")
        if may_read_internal(u)
    )
    token, bearer = ApiToken.issue(staff, "benchmark (tests.benchmarks.api)")

    client = Client()

    # Each call returns the response body unparsed (as the raw baseline returns its JSON
    # text); `checked` parses it once, before timing, to fail on errors.
    def graphql(name, variables, token=None):
        body = json.dumps({"query": query_file(name), "variables": variables})
        headers = {"HTTP_AUTHORIZATION": f"Bearer {token}"} if token else {}

        def call():
            response = client.post("/graphql/", body, content_type="application/json", **headers)
            if response.status_code != 200:
                raise RuntimeError(f"GraphQL {name}: HTTP {response.status_code}")
            return response.content

        return call

    def rest(url):
        def call():
            response = client.get(url)
            if response.status_code != 200:
                raise RuntimeError(f"API v2 {url}: {response.status_code} {response.content[:500]}")
            return response.content

        return call

    def checked(call, what):
        data = json.loads(call())
        if isinstance(data, dict) and data.get("errors"):
            raise RuntimeError(f"{what}: {data['errors']}")
        return data

    def listing_url(limit):
        return f"/api/v2/services/?locale=fi&order=title&limit={limit}&fields={v2.LISTING_FIELDS}"

    cases = {
        "listing 20": (
            graphql("catalogue-listing", {"locale": "fi", "limit": 20, "offset": 0}),
            rest(listing_url(20)),
            lambda: raw.listing(20),
        ),
        "listing 100": (
            graphql("catalogue-listing", {"locale": "fi", "limit": 100, "offset": 0}),
            rest(listing_url(100)),
            lambda: raw.listing(100),
        ),
        "customer detail": (
            graphql("customer-detail", {"id": str(detail.pk), "locale": "fi"}),
            rest(f"/api/v2/services/{detail.pk}/?fields={v2.CUSTOMER_DETAIL_FIELDS}"),
            lambda: raw.customer_detail(detail.pk),
        ),
        "staff detail": (
            graphql("staff-detail", {"id": str(detail.pk), "locale": "fi"}, token=bearer),
            rest(f"/api/v2/services/{detail.pk}/?fields={v2.STAFF_DETAIL_FIELDS}"),
            lambda: raw.staff_detail(detail.pk, staff),
        ),
        "search": (
            graphql("search", {"text": word, "locale": "fi"}),
            rest(
                f"/api/v2/services/?locale=fi&search={word}&search_operator=and&limit=20"
                f"&fields={v2.SEARCH_FIELDS}"
            ),
            lambda: raw.search(word, 20),
        ),
    }

    def timed(calls: dict) -> dict:
        """Median ms and query count per call; the calls take turns, run after run, so
        that a change in the machine's load affects them alike."""
        for call in calls.values():
            for _ in range(warmup):
                call()
        times = {key: [] for key in calls}
        started = time.perf_counter()
        for i in range(runs):
            for key, call in calls.items():
                start = time.perf_counter()
                call()
                times[key].append(time.perf_counter() - start)
            if i + 1 >= MIN_RUNS and time.perf_counter() - started > budget:
                break  # a slow case (search on SQLite at 20,000): fewer runs
        out = {}
        for key, call in calls.items():
            with CaptureQueriesContext(connection) as queries:
                call()
            out[key] = {
                "ms": statistics.median(times[key]) * 1000,
                "queries": len(queries),
                "runs": len(times[key]),
            }
        return out

    rows = {}
    try:
        staff_data = checked(cases["staff detail"][0], "staff detail")["data"]
        if not staff_data["me"]["canViewInternal"] or staff_data["service"]["internal"] is None:
            raise RuntimeError(f"{staff.username} does not see the internal information")
        for name, (gql_call, v2_call, raw_call) in cases.items():
            gql_data = checked(gql_call, f"GraphQL {name}")
            for call in (v2_call, raw_call):
                checked(call, name)
            rows[name] = timed({"graphql": gql_call, "v2": v2_call, "raw": raw_call})
            rows[name]["items"] = _items(gql_data)
        # The search targets (issue 13), timed in turns in one run: search and suggest
        # against the same listing of 20 without search.
        search_rows = timed(
            {
                "listing 20": cases["listing 20"][0],
                "search": cases["search"][0],
                "suggest": graphql("suggest", {"prefix": word[:2], "locale": "fi"}),
            }
        )
        profiles = {}
        if profile:
            for name in LISTINGS:
                profiles[name] = _profile(cases[name][0], runs)
    finally:
        token.delete()
    return {
        "search_rows": search_rows,
        "vendor": connection.vendor,
        "services": live_fi.count(),
        "detail_id": detail.pk,
        "search_word": word,
        "staff_user": staff.username,
        "runs": runs,
        "warmup": warmup,
        "rows": rows,
        "profiles": profiles,
    }


def _items(data):
    """How many services a GraphQL answer holds (a sanity check printed in the table)."""
    data = data["data"]
    if "services" in data:
        return len(data["services"]["items"])
    return int(data.get("service") is not None)


# Frames that only wrap the request (test client, handler, middleware chain, view
# dispatch): left out of the profile listing, which would otherwise start with 20 of them.
WRAPPERS = re.compile(
    r"django/(test/client|core/handlers|utils/deprecation|utils/decorators|views/generic"
    r"|views/decorators)|axes/middleware|tests/benchmarks/api\.py"
    r"|graphene_django/views\.py.*\((dispatch|get_response)\)|cms/api/views\.py.*\(dispatch\)"
)


def _profile(call, runs, top=25) -> str:
    """cProfile of `runs` calls: the top functions by cumulative time (request wrappers
    left out), then by own time."""
    call()
    profiler = cProfile.Profile()
    profiler.enable()
    start = time.perf_counter()
    for _ in range(runs):
        call()
    elapsed = time.perf_counter() - start
    profiler.disable()
    stats = pstats.Stats(profiler).stats

    def label(func):
        path, line, name = func
        path = path.split("site-packages/")[-1].replace(str(ROOT) + "/", "")
        return f"{path}:{line}({name})"

    rows = [(cum, own, calls, label(func)) for func, (_, calls, own, cum, _) in stats.items()]
    out = [
        f"{runs} requests, {elapsed * 1000 / runs:.1f} ms each under the profiler",
        f"{'cumtime s':>9} {'tottime s':>9} {'calls':>8}  function  (by cumulative time)",
    ]
    by_cum = [r for r in sorted(rows, reverse=True) if not WRAPPERS.search(r[3])]
    out += [f"{c:9.3f} {o:9.3f} {n:8d}  {f}" for c, o, n, f in by_cum[:top]]
    out.append(f"{'cumtime s':>9} {'tottime s':>9} {'calls':>8}  function  (by own time)")
    by_own = sorted(rows, key=lambda r: r[1], reverse=True)
    out += [f"{c:9.3f} {o:9.3f} {n:8d}  {f}" for c, o, n, f in by_own[:15]]
    return "\n".join(out)


# --- databases ------------------------------------------------------------------------------
def manage(*args, env):
    subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env={**env, "DJANGO_SETTINGS_MODULE": SETTINGS},
        check=True,
    )


def seed(size, env):
    log(f"seeding {size} services ({env['DATABASE_URL']}); 20,000 takes 10-15 minutes")
    start = time.perf_counter()
    manage("migrate", "--noinput", "-v0", env=env)
    manage("seed_demo", "--services", str(size), "--no-progress", "-v0", env=env)
    log(f"seeded {size} services in {time.perf_counter() - start:.0f} s")


def sqlite_database(size, reseed) -> str:
    """A cached SQLite file with `size` demo services (seeded once, then reused)."""
    CACHE.mkdir(exist_ok=True)
    path = CACHE / f"sqlite-{size}.sqlite3"
    if reseed and path.exists():
        path.unlink()
    url = f"sqlite:///{path}"
    if not path.exists():
        partial = path.with_name(path.name + ".partial")
        for leftover in glob.glob(f"{partial}*"):
            os.unlink(leftover)
        seed(size, {**os.environ, "DATABASE_URL": f"sqlite:///{partial}"})
        partial.rename(path)
    else:
        # New migrations since the seed (a no-op otherwise), and the search index of a
        # database seeded before it existed.
        manage("migrate", "--noinput", "-v0", env={**os.environ, "DATABASE_URL": url})
        manage(
            "rebuild_search_index",
            "--if-empty",
            "--no-progress",
            env={**os.environ, "DATABASE_URL": url},
        )
    return url


def pg_bindir() -> str | None:
    """PostgreSQL's server binaries, found the way .ci/with-postgres.sh finds them."""
    if shutil.which("pg_config"):
        out = subprocess.run(["pg_config", "--bindir"], capture_output=True, text=True).stdout
        if out.strip() and os.access(os.path.join(out.strip(), "pg_ctl"), os.X_OK):
            return out.strip()
    dirs = sorted(
        glob.glob("/usr/lib/postgresql/*/bin"),
        key=lambda d: [int(p) if p.isdigit() else p for p in d.split("/")[3].split(".")],
    )
    if dirs and os.access(os.path.join(dirs[-1], "pg_ctl"), os.X_OK):
        return dirs[-1]
    if shutil.which("pg_ctl"):
        return os.path.dirname(os.path.realpath(shutil.which("pg_ctl")))
    return None


def postgres_database(size, reseed) -> str:
    """A database with `size` demo services in the running throwaway cluster: restored
    from the cached dump, or seeded and dumped for the next run."""
    import psycopg

    base = os.environ["DATABASE_URL"]
    name = f"bench_{size}"
    url = base.rsplit("/", 1)[0] + "/" + name
    with psycopg.connect(base, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
        conn.execute(f'CREATE DATABASE "{name}"')
    bindir = pg_bindir()
    CACHE.mkdir(exist_ok=True)
    dump = CACHE / f"postgres-{size}.dump"
    env = {**os.environ, "DATABASE_URL": url}
    if dump.exists() and not reseed:
        log(f"restoring {dump.name}")
        subprocess.run(
            [
                f"{bindir}/pg_restore",
                "--no-owner",
                "--exit-on-error",
                "-j",
                "2",
                "-d",
                url,
                str(dump),
            ],
            check=True,
        )
        manage("migrate", "--noinput", "-v0", env=env)
        manage("rebuild_search_index", "--if-empty", "--no-progress", env=env)
    else:
        seed(size, env)
        partial = dump.with_name(dump.name + ".partial")
        subprocess.run([f"{bindir}/pg_dump", "-Fc", "-f", str(partial), url], check=True)
        partial.rename(dump)
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute("VACUUM ANALYZE")  # planner statistics, as autovacuum would have them
    return url


def run_measure(url, args) -> dict:
    cmd = [sys.executable, "-m", "tests.benchmarks.api", "--measure", "--runs", str(args.runs)]
    cmd += ["--warmup", str(args.warmup), "--budget", str(args.budget)]
    cmd += ["--search-word", args.search_word] + (["--profile"] if args.profile else [])
    out = subprocess.run(
        cmd, cwd=ROOT, env={**os.environ, "DATABASE_URL": url}, capture_output=True, text=True
    )
    sys.stderr.write(out.stderr)
    if out.returncode:
        sys.stderr.write(out.stdout)
        raise SystemExit(f"measuring {url} failed (exit {out.returncode})")
    lines = [line for line in out.stdout.splitlines() if line.startswith(RESULT)]
    return json.loads(lines[-1][len(RESULT) :])


def postgres_worker(args):
    """Inside .ci/with-postgres.sh: prepare and measure each size, print the results."""
    for size in args.sizes:
        result = run_measure(postgres_database(size, args.reseed), args)
        print(RESULT + json.dumps(result), flush=True)


def run_postgres(args) -> list[dict]:
    if pg_bindir() is None:
        log("PostgreSQL server binaries not found: skipped PostgreSQL")
        return []
    cmd = [str(ROOT / ".ci" / "with-postgres.sh"), sys.executable, "-m", "tests.benchmarks.api"]
    cmd += ["--postgres-worker", "--sizes", ",".join(map(str, args.sizes))]
    cmd += ["--runs", str(args.runs), "--warmup", str(args.warmup), "--budget", str(args.budget)]
    cmd += ["--search-word", args.search_word]
    cmd += (["--profile"] if args.profile else []) + (["--reseed"] if args.reseed else [])
    out = subprocess.run(cmd, cwd=ROOT, check=True, stdout=subprocess.PIPE, text=True).stdout
    return [json.loads(line[len(RESULT) :]) for line in out.splitlines() if line.startswith(RESULT)]


# --- report ---------------------------------------------------------------------------------
DB_NAMES = {"sqlite": "SQLite", "postgresql": "PostgreSQL"}


# Search at 20,000 services against the listing without search (issue 13).
SEARCH_TARGETS = {"postgresql": 1.5, "sqlite": 10}


def ratio(a, b):
    return a / b if b else float("nan")


def print_table(result):
    db = DB_NAMES.get(result["vendor"], result["vendor"])
    print()
    print(
        f"== {db}, {result['services']} services: median of {result['runs']} after "
        f"{result['warmup']} warm-up; detail id {result['detail_id']}, staff "
        f"{result['staff_user']}, search {result['search_word']!r}"
    )
    print(
        f"{'case':16} {'GraphQL ms':>10} {'API v2 ms':>10} {'raw ms':>8} "
        f"{'GQL/raw':>8} {'GQL/v2':>7}   {'queries GQL/v2/raw':>18}  items (GraphQL)"
    )
    for name in CASES:
        row = result["rows"][name]
        g, v, r = row["graphql"], row["v2"], row["raw"]
        queries = f"{g['queries']}/{v['queries']}/{r['queries']}"
        runs = g.get("runs", result["runs"])
        note = f"  (time budget: {runs} runs)" if runs < result["runs"] else ""
        print(
            f"{name:16} {g['ms']:10.1f} {v['ms']:10.1f} {r['ms']:8.1f} "
            f"{ratio(g['ms'], r['ms']):7.2f}x {ratio(g['ms'], v['ms']):6.2f}x   {queries:>18}  "
            f"{row['items']}{note}"
        )


def verdict(ok):
    return "PASS" if ok else "MISS"


def print_targets(results):
    print()
    print("== Targets")
    by_db = {}
    for result in results:
        by_db.setdefault(result["vendor"], []).append(result)
    for vendor, runs in by_db.items():
        db = DB_NAMES.get(vendor, vendor)
        runs = sorted(runs, key=lambda r: r["services"])
        if len(runs) > 1:
            small, big = runs[0], runs[-1]
            a = small["rows"]["listing 20"]["graphql"]["ms"]
            b = big["rows"]["listing 20"]["graphql"]["ms"]
            scale = ratio(b, a)
            raw_scale = ratio(
                big["rows"]["listing 20"]["raw"]["ms"], small["rows"]["listing 20"]["raw"]["ms"]
            )
            print(
                f"{verdict(scale <= SCALE_TARGET)}  {db}: GraphQL listing 20 at "
                f"{big['services']} vs {small['services']} services: {b:.1f} / {a:.1f} ms = "
                f"{scale:.2f}x (target <= {SCALE_TARGET}x; raw baseline: {raw_scale:.2f}x)"
            )
        else:
            print(f"----  {db}: scale ratio not measured (needs two sizes, e.g. --sizes 337,20000)")
        for result in runs:
            timing = result["search_rows"]
            listing = timing["listing 20"]["ms"]
            limit = SEARCH_TARGETS.get(vendor, 10)
            for name, target in (("search", limit), ("suggest", 1)):
                ms = timing[name]["ms"]
                print(
                    f"{verdict(ratio(ms, listing) <= target)}  {db} {result['services']:>6} "
                    f"{name}: {ms:.1f} ms / listing 20 {listing:.1f} ms = "
                    f"{ratio(ms, listing):.2f}x (target <= {target}x)"
                )
            for name in LISTINGS:
                row = result["rows"][name]
                g, v, r = row["graphql"]["ms"], row["v2"]["ms"], row["raw"]["ms"]
                print(
                    f"{verdict(ratio(g, r) <= RAW_TARGET)}  {db} {result['services']:>6} "
                    f"{name}: GraphQL / raw = {ratio(g, r):.2f}x (target <= {RAW_TARGET}x)"
                )
                print(
                    f"{verdict(g < v)}  {db} {result['services']:>6} {name}: GraphQL / API v2 = "
                    f"{ratio(g, v):.2f}x (target < 1x, faster than API v2)"
                )


def print_profiles(results):
    for result in results:
        for name, text in result.get("profiles", {}).items():
            db = DB_NAMES.get(result["vendor"], result["vendor"])
            print()
            print(f"== cProfile: GraphQL {name}, {db}, {result['services']} services")
            print(text.rstrip())


def log(message):
    print(f"[bench] {message}", file=sys.stderr, flush=True)


def parse_args(argv):
    parser = argparse.ArgumentParser(
        prog="python -m tests.benchmarks.api",
        description="GraphQL API vs Wagtail API v2 vs a raw ORM baseline.",
    )
    parser.add_argument(
        "--db", default="sqlite,postgres", help="sqlite, postgres or both (default sqlite,postgres)"
    )
    parser.add_argument(
        "--sizes",
        default=",".join(map(str, DEFAULT_SIZES)),
        help="catalogue sizes, comma-separated (default 337,20000)",
    )
    parser.add_argument(
        "--runs", type=int, default=DEFAULT_RUNS, help="timed requests per case (15)"
    )
    parser.add_argument("--warmup", type=int, default=DEFAULT_WARMUP, help="warm-up requests (3)")
    parser.add_argument(
        "--profile", action="store_true", help="also cProfile the GraphQL listings (top 25)"
    )
    parser.add_argument(
        "--search-word", default=SEARCH_WORD, help=f"the search case's text ({SEARCH_WORD})"
    )
    parser.add_argument(
        "--budget",
        type=float,
        default=BUDGET,
        help=f"seconds of timed runs per case before stopping early, at {MIN_RUNS}+ runs ({BUDGET:.0f})",
    )
    parser.add_argument("--reseed", action="store_true", help="rebuild the cached databases")
    parser.add_argument("--measure", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--postgres-worker", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    args.sizes = [int(s) for s in str(args.sizes).split(",") if s.strip()]
    args.db = [d.strip() for d in args.db.split(",") if d.strip()]
    unknown = set(args.db) - {"sqlite", "postgres"}
    if unknown:
        parser.error(f"unknown --db {', '.join(sorted(unknown))}: use sqlite and/or postgres")
    if args.runs < 1:
        parser.error("--runs must be at least 1")
    return args


def main(argv):
    args = parse_args(argv)
    if args.measure:
        result = measure(args.runs, args.warmup, args.profile, args.budget, args.search_word)
        print(RESULT + json.dumps(result), flush=True)
        return
    if args.postgres_worker:
        postgres_worker(args)
        return
    results = []
    if "sqlite" in args.db:
        for size in args.sizes:
            url = sqlite_database(size, args.reseed)
            log(f"measuring SQLite, {size} services")
            results.append(run_measure(url, args))
    if "postgres" in args.db:
        log(f"measuring PostgreSQL, sizes {args.sizes}")
        results += run_postgres(args)
    for result in results:
        print_table(result)
    print_targets(results)
    print_profiles(results)


if __name__ == "__main__":
    main(sys.argv[1:])
