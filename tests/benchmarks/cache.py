"""Benchmark: an anonymous catalogue listing answered from the cache against the same
listing run (issue 15, "Caching"; docs/operations.md).

Usage:

    python -m tests.benchmarks.cache                      # .bench/sqlite-337.sqlite3
    python -m tests.benchmarks.cache --size 20000 --redis --runs 200

In process with Django's test Client (no HTTP server), on a seeded database of the API
benchmark (`make bench` creates them in .bench/), it times the median of N requests of

    uncached   POST /graphql/ catalogue-listing (limit 20), anonymous: runs every time
    cached     GET /graphql/?id=<sha256>&variables=… anonymous: from the cache
    304        the same GET with If-None-Match
    trivial view  GET /trivial/: "ok" through the whole middleware stack (the load
               test's URLconf, tests/benchmarks/load_urls.py)
    healthz    GET /healthz (the first middleware answers it: the floor)

and prints the medians and the ratios uncached / cached and cached / trivial view (the
load test's "cached listing p50 <= 1.1x trivial", here without concurrency). `--redis`
starts a throwaway redis-server on a free port and uses it as the cache (REDIS_URL); the
default is the local-memory cache. The anonymous rate limit is on (django-ratelimit: a cache
add and an increment per request, two more round trips to Redis) unless `--no-rate-limit`
(as in the load test, whose clients all share one IP).
Reads the database only. Prints; never fails on a figure.
"""

import argparse
import hashlib
import json
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def redis_installed() -> bool:
    return bool(shutil.which("redis-server")) or os.path.exists("/usr/bin/redis-server")


@contextmanager
def throwaway_redis(wanted: bool = True):
    """The REDIS_URL of a throwaway redis-server on a free loopback port (no persistence),
    stopped on exit; "" (and no server) when not `wanted`."""
    if not wanted:
        yield ""
        return
    process, url = _start_redis()
    try:
        yield url
    finally:
        process.terminate()
        process.wait(5)


def _start_redis():
    binary = shutil.which("redis-server") or "/usr/bin/redis-server"
    if not redis_installed():
        sys.exit("--redis: redis-server is not installed (Debian: apt-get install redis-server)")
    port = _free_port()
    process = subprocess.Popen(
        [binary, "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            return process, f"redis://127.0.0.1:{port}/0"
        except OSError:
            time.sleep(0.05)
    process.kill()
    sys.exit("--redis: redis-server did not start")


def median_ms(call, runs: int) -> float:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        response = call()
        times.append(time.perf_counter() - started)
        assert response.status_code in (200, 304), response.content[:300]
    return statistics.median(times) * 1000


def measure(runs: int, rate_limit: bool = True) -> dict:
    import django

    django.setup()
    from django.conf import settings
    from django.core.cache import cache
    from django.test import Client

    text = (ROOT / "graphql" / "queries" / "catalogue-listing.graphql").read_bytes()
    sha = hashlib.sha256(text).hexdigest()
    variables = {"locale": "fi", "limit": 20}
    # The site's URLs plus /trivial/ (the load test's URLconf).
    settings.ROOT_URLCONF = "tests.benchmarks.load_urls"
    if not rate_limit:
        settings.GRAPHQL_RATE_LIMIT_ANONYMOUS = ""
    client = Client()
    cache.clear()

    def post():
        return client.post(
            "/graphql/",
            json.dumps({"query": text.decode(), "variables": variables}),
            content_type="application/json",
        )

    def get(**headers):
        return client.get("/graphql/", {"id": sha, "variables": json.dumps(variables)}, **headers)

    first = get()
    assert first["Cache-Control"].startswith("public"), first.headers
    assert json.loads(post().content) == json.loads(first.content), "cached answer differs"
    etag = first["ETag"]
    assert client.get("/trivial/").content == b"ok"
    for _ in range(3):
        post(), get(), client.get("/healthz"), client.get("/trivial/")
    return {
        "cache": settings.CACHES["default"]["BACKEND"].rsplit(".", 1)[-1],
        "bytes": len(first.content),
        "uncached": median_ms(post, runs),
        "cached": median_ms(get, runs),
        "304": median_ms(lambda: get(HTTP_IF_NONE_MATCH=etag), runs),
        "trivial": median_ms(lambda: client.get("/trivial/"), runs),
        "healthz": median_ms(lambda: client.get("/healthz"), runs),
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--size", type=int, default=337, help="catalogue size (.bench/)")
    parser.add_argument("--runs", type=int, default=100)
    parser.add_argument("--redis", action="store_true", help="a throwaway Redis as the cache")
    parser.add_argument("--no-rate-limit", action="store_true", help="the anonymous rate limit off")
    parser.add_argument("--measure", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.measure:
        result = measure(args.runs, rate_limit=not args.no_rate_limit)
        Path(args.measure).write_text(json.dumps(result))
        return
    database = ROOT / ".bench" / f"sqlite-{args.size}.sqlite3"
    if not database.exists():
        sys.exit(
            f"{database} is missing: run `make bench BENCH_ARGS='--db sqlite --sizes {args.size}'`"
        )
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "cms.settings.test",
        "DATABASE_URL": f"sqlite:///{database}",
        "GRAPHQL_CACHE_SECONDS": "600",
    }
    env.pop("REDIS_URL", None)
    out = Path(tempfile.mkdtemp(prefix="bench-cache-")) / "result.json"
    with throwaway_redis(args.redis) as redis_url:
        if redis_url:
            env["REDIS_URL"] = redis_url
        # The access log (one line per request on stdout) goes to /dev/null: a slow reader
        # of a pipe would be measured instead of the server.
        done = subprocess.run(
            [sys.executable, "-m", "tests.benchmarks.cache", "--measure", str(out)]
            + ["--runs", str(args.runs)]
            + (["--no-rate-limit"] if args.no_rate_limit else []),
            cwd=ROOT,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
        )
    if done.returncode or not out.exists():
        sys.exit(f"the measurement failed:\n{done.stderr[-3000:]}")
    r = json.loads(out.read_text())
    shutil.rmtree(out.parent, ignore_errors=True)
    limit = "off" if args.no_rate_limit else "on"
    print(
        f"SQLite, {args.size} services, cache {r['cache']}, rate limit {limit}, "
        f"{args.runs} runs, medians:"
    )
    print(f"  uncached POST listing (20, {r['bytes']} bytes)  {r['uncached']:8.2f} ms")
    print(f"  cached persisted GET                      {r['cached']:8.2f} ms")
    print(f"  cached GET, 304 (If-None-Match)           {r['304']:8.2f} ms")
    print(f"  trivial view GET /trivial/ (whole stack)  {r['trivial']:8.2f} ms")
    print(f"  GET /healthz (first middleware)           {r['healthz']:8.2f} ms")
    print(f"  uncached / cached      = {r['uncached'] / r['cached']:.1f}x faster")
    print(f"  cached / trivial view  = {r['cached'] / r['trivial']:.2f}x")


if __name__ == "__main__":
    main()
