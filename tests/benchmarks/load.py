"""Load test (issue 15, "Measure"): gunicorn with the production settings against a
throwaway PostgreSQL cluster, 50 concurrent clients for 60 s per phase.

    make loadtest                                   # 337 services (the demo's size)
    make loadtest LOAD_ARGS="--sizes 337,20000 --duration 30 --clients 50"

Phases, each on the same server (gunicorn, GUNICORN_WORKERS=4 by default):
    healthz         GET /healthz: answered by the first middleware (the server's floor)
    trivial         GET /trivial/: a view answering "ok" through the whole middleware stack
                    (the issue's "trivial view on the same server"; the load test's
                    settings add it: tests/benchmarks/load_settings.py)
    mix (POST)      the public mix as anonymous POSTs: catalogue-listing, customer-detail,
                    search, taxonomies (graphql/queries/), run every time
    cached mix      the same documents as persisted GETs (/graphql/?id=<sha256>&variables=),
                    answered from the cache after the first of each
    cached listing  only the catalogue listing as a persisted GET

The cache is a throwaway redis-server on a free port (`--cache redis`, the default when
Debian's redis-server is installed), as in production where the workers share one Redis
(REDIS_URL, docs/operations.md "The shared cache"), or each worker's memory (`--cache
memory`).

It prints req/s, p50/p95/p99 latency and errors per phase (an error: a failed connection,
a non-2xx answer, or a 200 whose body has GraphQL `errors`), the ratios to the trivial
phase and PASS/MISS against the issue's targets, the throughput target also as a ratio to
the trivial view of the same run (the issue's 1,080 req/s against the 3,333 its trivial view
did: 0.32x), which does not depend on the machine. It never fails on a miss (exit 0); it
exits 1 when the server cannot be started. The database comes from the API benchmark's
cache in .bench/ (postgres-<size>.dump, tests/benchmarks/api.py); a size without a dump is
skipped with a message unless --seed is given (5,000 services take several minutes).

The client is wrk (Debian's `wrk`, `--client wrk`, the default when it is installed: C,
two threads, `--clients` keep-alive connections, tests/benchmarks/load_wrk.lua rotating the
same requests and counting non-2xx answers and 200s with GraphQL `errors`), or this process
(`--client python`: `--clients` threads, each with one keep-alive http.client connection;
the fault test always uses it, for its timeline of errors). Either client shares the
machine's CPUs with the server (noted in the report with the load average); the Python one
takes far more of them, so its figures understate the server.
"""

import argparse
import hashlib
import http.client
import json
import os
import re
import secrets
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse

from tests.benchmarks import api
from tests.benchmarks.cache import redis_installed, throwaway_redis

ROOT = api.ROOT
QUERIES = ROOT / "graphql" / "queries"
MIX = ("catalogue-listing", "customer-detail", "search", "taxonomies")
BASELINE_MIX_RPS = 54.0  # the measurement at 5,000 services, nothing cached
BASELINE_TRIVIAL_RPS = 3333.0  # the trivial view on the same server
CACHED_MIX_TARGET = 20.0  # x the baseline
CACHED_LISTING_TARGET = 1.1  # x the trivial response's latency
SERVER_LOG = api.CACHE / "loadtest-server.log"  # gunicorn's and the app's log (appended)
LOCALES = ("fi", "sv", "en")
SEARCH_WORDS = ("työnhakuvalmennus", "työkokeilu", "koulutus")


def log(message):
    print(f"[load] {message}", file=sys.stderr, flush=True)


# --- the server --------------------------------------------------------------------------
def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def server_env(database_url: str, port: int, workers: int, redis_url: str = "") -> dict:
    """What `make serve` sets (production settings, loopback plain HTTP, a generated
    secret), with the anonymous rate limit off: every client here is one IP."""
    return {
        **os.environ,
        # The production settings plus /trivial/ (tests/benchmarks/load_settings.py).
        "DJANGO_SETTINGS_MODULE": "tests.benchmarks.load_settings",
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(60),
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost",
        "DJANGO_LOCAL_PLAIN_HTTP": "1",
        "DATABASE_URL": database_url,
        "REDIS_URL": redis_url,
        "EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
        "WAGTAILADMIN_BASE_URL": f"http://127.0.0.1:{port}",
        "GRAPHQL_RATE_LIMIT_ANONYMOUS": "",
        "GRAPHQL_RATE_LIMIT_AUTHENTICATED": "",
        "GUNICORN_BIND": f"127.0.0.1:{port}",
        "GUNICORN_WORKERS": str(workers),
        "GUNICORN_LOG_LEVEL": "warning",
        # One access line per request would cost the server (and flood the terminal).
        "LOG_LEVELS": os.environ.get("LOG_LEVELS", "cms.access=WARNING"),
    }


class Server:
    def __init__(self, database_url: str, workers: int, redis_url: str = ""):
        self.port = free_port()
        self.env = server_env(database_url, self.port, workers, redis_url)
        self.proc = None

    def __enter__(self):
        gunicorn = os.path.join(os.path.dirname(sys.executable), "gunicorn")
        subprocess.run(
            [sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"],
            cwd=ROOT,
            env=self.env,
            check=True,
        )
        api.CACHE.mkdir(exist_ok=True)
        log(f"gunicorn on 127.0.0.1:{self.port}, its log in {SERVER_LOG}")
        with open(SERVER_LOG, "ab") as out:
            self.proc = subprocess.Popen(
                [gunicorn, "-c", "gunicorn.conf.py"],
                cwd=ROOT,
                env=self.env,
                start_new_session=True,
                stdout=out,
                stderr=out,
            )
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise SystemExit(f"gunicorn exited with {self.proc.returncode}")
            try:
                status, _ = request(self.connection(), "GET", "/readyz")
                if status == 200:
                    return self
            except OSError:
                pass
            time.sleep(0.3)
        self.__exit__(None, None, None)
        raise SystemExit("gunicorn did not become ready within 60 s")

    def __exit__(self, *exc):
        if self.proc and self.proc.poll() is None:
            os.killpg(self.proc.pid, signal.SIGTERM)
            try:
                self.proc.wait(30)
            except subprocess.TimeoutExpired:
                os.killpg(self.proc.pid, signal.SIGKILL)
                self.proc.wait()

    def connection(self):
        return http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)


def request(conn, method, path, body=None):
    headers = {"Content-Type": "application/json"} if body is not None else {}
    conn.request(method, path, body=body, headers=headers)
    response = conn.getresponse()
    return response.status, response.read()


# --- the requests --------------------------------------------------------------------------
def document(name: str) -> tuple[str, str]:
    data = (QUERIES / f"{name}.graphql").read_bytes()
    return data.decode("utf-8"), hashlib.sha256(data).hexdigest()


def variants(server) -> dict[str, list[dict]]:
    """A bounded set of variables per document (so a cache can hold them all)."""
    text, _ = document("catalogue-listing")
    body = json.dumps({"query": text, "variables": {"locale": "fi", "limit": 50}})
    status, data = request(server.connection(), "POST", "/graphql/", body)
    items = json.loads(data)["data"]["services"]["items"] if status == 200 else []
    slugs = [item["slug"] for item in items] or ["none"]
    return {
        "catalogue-listing": [
            {"locale": loc, "limit": 20, "offset": off} for loc in LOCALES for off in (0, 20, 40)
        ],
        "customer-detail": [{"slug": slug, "locale": "fi"} for slug in slugs[:30]],
        "search": [{"text": word, "locale": "fi"} for word in SEARCH_WORDS],
        "taxonomies": [{"locale": loc} for loc in LOCALES],
    }


def mix_requests(server, names, persisted: bool) -> list[tuple[str, str, bytes | None]]:
    """(method, path, body) of every variant of the documents, interleaved."""
    per_doc = []
    all_variants = variants(server)
    for name in names:
        text, sha = document(name)
        reqs = []
        for v in all_variants[name]:
            if persisted:
                query = urllib.parse.urlencode({"id": sha, "variables": json.dumps(v)})
                reqs.append(("GET", f"/graphql/?{query}", None))
            else:
                reqs.append(("POST", "/graphql/", json.dumps({"query": text, "variables": v})))
        per_doc.append(reqs)
    mixed, i = [], 0
    while any(per_doc):
        for reqs in per_doc:
            if reqs:
                mixed.append(reqs.pop(0 if i % 2 else -1))
        i += 1
    return mixed


# --- the client ----------------------------------------------------------------------------
class Recorder:
    """Every request's (start, end, outcome) on the monotonic clock; outcome is "ok",
    "http <status>", "200 with errors" or the exception's name."""

    def __init__(self):
        self.records = []
        self.lock = threading.Lock()

        self.samples = {}  # outcome: the first failed answer's body (for the report)

    def add(self, start, end, outcome, status, body=b""):
        with self.lock:
            self.records.append((start, end, outcome, status))
            if outcome != "ok" and outcome not in self.samples:
                self.samples[outcome] = body[:300].decode("utf-8", "replace")


def outcome_of(status: int, body: bytes) -> str:
    if not 200 <= status < 300:
        return f"http {status}"
    # '"errors":' unescaped can only be a key (inside a JSON string the quotes are escaped).
    if b'"errors":' in body or b"Internal error" in body:
        return "200 with errors"
    return "ok"


def run_load(server, reqs, clients: int, duration: float, recorder=None, stop=None):
    """`clients` threads sending `reqs` round robin (each from its own offset) until
    `duration` has passed (or `stop` is set); returns the Recorder."""
    recorder = recorder or Recorder()
    stop = stop or threading.Event()
    deadline = time.monotonic() + duration

    def client(n):
        conn = server.connection()
        i = n * 7
        while not stop.is_set() and time.monotonic() < deadline:
            method, path, body = reqs[i % len(reqs)]
            i += 1
            start = time.monotonic()
            try:
                status, data = request(conn, method, path, body)
                recorder.add(start, time.monotonic(), outcome_of(status, data), status, data)
            except (OSError, http.client.HTTPException) as exc:
                recorder.add(start, time.monotonic(), type(exc).__name__, None)
                conn.close()
                conn = server.connection()
        conn.close()

    threads = [threading.Thread(target=client, args=(n,), daemon=True) for n in range(clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return recorder


def summary(recorder, duration) -> dict:
    records = recorder.records
    latencies = sorted(end - start for start, end, _, _ in records)
    errors = [r for r in records if r[2] != "ok"]

    def pct(p):
        if not latencies:
            return float("nan")
        return latencies[min(len(latencies) - 1, int(p / 100 * len(latencies)))] * 1000

    kinds = {}
    for r in errors:
        kinds[r[2]] = kinds.get(r[2], 0) + 1
    return {
        "requests": len(records),
        "rps": len(records) / duration,
        "p50": pct(50),
        "p95": pct(95),
        "p99": pct(99),
        "mean": statistics.fmean(latencies) * 1000 if latencies else float("nan"),
        "errors": len(errors),
        "error_kinds": kinds,
    }


WRK_SCRIPT = ROOT / "tests" / "benchmarks" / "load_wrk.lua"
WRK_THREADS = 2


def run_wrk(server, reqs, clients: int, duration: float) -> dict:
    """The phase through wrk: the same figures as summary()."""
    with tempfile.NamedTemporaryFile("w", suffix=".tsv", delete=False) as listing:
        for method, path, body in reqs:
            listing.write(f"{method}\t{path}\t{body or ''}\n")
    try:
        out = subprocess.run(
            [
                "wrk",
                f"-t{min(WRK_THREADS, clients)}",
                f"-c{clients}",
                f"-d{max(1, round(duration))}s",
                "--timeout",
                "30s",
                "--latency",
                "-s",
                str(WRK_SCRIPT),
                f"http://127.0.0.1:{server.port}",
                "--",
                listing.name,
            ],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
    finally:
        os.unlink(listing.name)
    match = re.search(r"^WRK_RESULT (\{.*\})$", out, re.MULTILINE)
    if match is None:
        raise SystemExit(f"wrk printed no result:\n{out}")
    r = json.loads(match.group(1))
    kinds = {}
    if r["bad"]:
        kinds[f"not 2xx or 200 with errors (first: {r['first_bad']})"] = r["bad"]
    for kind in ("connect", "read", "write", "timeout"):
        if r[kind]:
            kinds[kind] = r[kind]
    seconds = r["duration_us"] / 1e6
    return {
        "requests": r["requests"],
        "rps": r["requests"] / seconds,
        "p50": r["p50"],
        "p95": r["p95"],
        "p99": r["p99"],
        "mean": r["mean"],
        "errors": sum(kinds.values()),
        "error_kinds": kinds,
    }


def phase(server, name, reqs, args) -> dict:
    # Warm up: every request once (fills the cache for the persisted phases, connections).
    conn = server.connection()
    for method, path, body in reqs:
        request(conn, method, path, body)
    conn.close()
    log(f"{name}: {args.clients} clients for {args.duration:g} s ({args.client})")
    if args.client == "wrk":
        result = run_wrk(server, reqs, args.clients, args.duration)
    else:
        result = summary(run_load(server, reqs, args.clients, args.duration), args.duration)
    result["name"] = name
    return result


def persisted_available(server) -> bool:
    _, sha = document("taxonomies")
    query = urllib.parse.urlencode({"id": sha, "variables": json.dumps({"locale": "fi"})})
    status, body = request(server.connection(), "GET", f"/graphql/?{query}")
    return outcome_of(status, body) == "ok"


def load_average() -> str:
    try:
        one, five, _ = os.getloadavg()
    except OSError:
        return "unknown"
    return f"{one:.2f} / {five:.2f} (1/5 min), {os.cpu_count()} CPUs"


# --- report --------------------------------------------------------------------------------
def verdict(ok: bool) -> str:
    return "PASS" if ok else "MISS"


def print_report(size, results, args, load_before):
    cache = "one throwaway Redis" if args.cache == "redis" else "each worker's memory"
    print(
        f"\nLoad test, PostgreSQL, {size} services, gunicorn {args.workers} workers, "
        f"{args.clients} clients x {args.duration:g} s per phase, client {args.client}, "
        f"cache: {cache}"
    )
    print(f"machine load before: {load_before}; after: {load_average()}")
    print(
        f"{'phase':<16} {'requests':>9} {'req/s':>8} {'p50 ms':>8} {'p95 ms':>8} "
        f"{'p99 ms':>8} {'errors':>7}"
    )
    by = {r["name"]: r for r in results}
    for r in results:
        print(
            f"{r['name']:<16} {r['requests']:>9} {r['rps']:>8.1f} {r['p50']:>8.1f} "
            f"{r['p95']:>8.1f} {r['p99']:>8.1f} {r['errors']:>7}"
            + (f"  {r['error_kinds']}" if r["errors"] else "")
        )
    trivial = by["trivial"]
    for name in ("healthz", "mix (POST)", "cached mix", "cached listing"):
        if name in by:
            r = by[name]
            print(
                f"{name} / trivial: req/s {api.ratio(r['rps'], trivial['rps']):.3f}x, "
                f"p50 {api.ratio(r['p50'], trivial['p50']):.2f}x"
            )
    print("targets:")
    errors = sum(r["errors"] for r in results)
    print(f"  0 errors: {errors} -> {verdict(errors == 0)}")
    goal = CACHED_MIX_TARGET * BASELINE_MIX_RPS
    if "cached mix" in by:
        rps = by["cached mix"]["rps"]
        print(
            f"  cached mix >= {CACHED_MIX_TARGET:g} x {BASELINE_MIX_RPS:g} = {goal:g} req/s: "
            f"{rps:.0f} req/s -> {verdict(rps >= goal)}"
        )
        share, goal_share = rps / trivial["rps"], goal / BASELINE_TRIVIAL_RPS
        print(
            f"  the same as a share of the trivial view: >= {goal:g} / {BASELINE_TRIVIAL_RPS:g} "
            f"= {goal_share:.2f}x: {share:.2f}x -> {verdict(share >= goal_share)}"
        )
        r = api.ratio(by["cached listing"]["p50"], trivial["p50"])
        print(
            f"  cached listing p50 <= {CACHED_LISTING_TARGET}x trivial: {r:.2f}x -> "
            f"{verdict(r <= CACHED_LISTING_TARGET)}"
        )
    else:
        print("  cached mix, cached listing: not measured (no persisted GET on this server)")
    print(
        f"  (uncached mix: {by['mix (POST)']['rps']:.0f} req/s; the issue measured "
        f"{BASELINE_MIX_RPS:g} at 5,000 services)"
    )
    sys.stdout.flush()


def measure_size(size, args):
    url = api.postgres_database(size, False)
    load_before = load_average()
    with (
        throwaway_redis(args.cache == "redis") as redis_url,
        Server(url, args.workers, redis_url) as server,
    ):
        results = [phase(server, "healthz", [("GET", "/healthz", None)], args)]
        results.append(phase(server, "trivial", [("GET", "/trivial/", None)], args))
        results.append(phase(server, "mix (POST)", mix_requests(server, MIX, False), args))
        if persisted_available(server):
            results.append(phase(server, "cached mix", mix_requests(server, MIX, True), args))
            listing = mix_requests(server, ("catalogue-listing",), True)
            results.append(phase(server, "cached listing", listing, args))
        else:
            log("no persisted GET (/graphql/?id=): the cached phases are skipped")
    print_report(size, results, args, load_before)


def available_sizes(sizes, seed: bool) -> list[int]:
    kept = []
    for size in sizes:
        if (api.CACHE / f"postgres-{size}.dump").exists() or seed:
            kept.append(size)
        else:
            log(
                f"skipped {size} services: no .bench/postgres-{size}.dump (--seed seeds it; "
                "5,000 services take several minutes, 20,000 10-15 minutes; "
                "`make bench BENCH_ARGS='--db postgres --sizes N'` caches it too)"
            )
    return kept


def parse_args(argv, description=__doc__):
    parser = argparse.ArgumentParser(
        description=description, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--sizes",
        default="337",
        help="catalogue sizes, comma-separated (default 337; the issue's are 5000,20000)",
    )
    parser.add_argument("--clients", type=int, default=50, help="concurrent clients (50)")
    parser.add_argument("--duration", type=float, default=60, help="seconds per phase (60)")
    parser.add_argument("--workers", type=int, default=4, help="gunicorn workers (4)")
    parser.add_argument("--seed", action="store_true", help="seed sizes without a dump")
    parser.add_argument(
        "--client",
        choices=("wrk", "python"),
        default="wrk" if shutil.which("wrk") else "python",
        help="the load generator (default: wrk when installed, else python)",
    )
    parser.add_argument(
        "--cache",
        choices=("redis", "memory"),
        default="redis" if redis_installed() else "memory",
        help="the servers' cache: a throwaway redis-server (the default when installed), "
        "or each worker's memory",
    )
    parser.add_argument("--worker", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    try:
        args.sizes = [int(s) for s in args.sizes.split(",") if s.strip()]
    except ValueError:
        parser.error(f"--sizes must be whole numbers separated by commas, got {args.sizes!r}")
    if not args.sizes or min(args.sizes) < 1:
        parser.error("--sizes needs at least one size of 1 or more")
    if args.clients < 1 or args.duration <= 0 or args.workers < 1:
        parser.error("--clients, --duration and --workers must be positive")
    if args.cache == "redis" and not redis_installed():
        parser.error("--cache redis: redis-server is not installed (apt-get install redis-server)")
    if args.client == "wrk" and not shutil.which("wrk"):
        parser.error("--client wrk: wrk is not installed (Debian: apt-get install wrk)")
    return args


def relaunch(module: str, argv) -> int:
    """Run this module again inside .ci/with-postgres.sh (a throwaway cluster)."""
    if api.pg_bindir() is None:
        print(
            f"{module}: PostgreSQL server binaries not found (Debian: apt-get install "
            "postgresql); nothing measured",
            file=sys.stderr,
        )
        return 1
    cmd = [str(ROOT / ".ci" / "with-postgres.sh"), sys.executable, "-m", module, "--worker"]
    return subprocess.run(cmd + list(argv), cwd=ROOT).returncode


def main(argv):
    args = parse_args(argv)
    if not args.worker:
        args.sizes = available_sizes(args.sizes, args.seed)
        if not args.sizes:
            return 0
        argv = [*argv, "--sizes", ",".join(map(str, args.sizes))]
        return relaunch("tests.benchmarks.load", argv)
    for size in args.sizes:
        measure_size(size, args)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
