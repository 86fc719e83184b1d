"""Fault test (issue 15, "Measure"): database faults during a load run.

    make faulttest
    make faulttest LOAD_ARGS="--sizes 337 --clients 20"

gunicorn with the production settings (as `make loadtest`, tests/benchmarks/load.py)
against a throwaway PostgreSQL cluster, `--clients` clients sending the public mix as
anonymous POSTs (every request reaches the database). During the run:

    at  8 s  every backend of the database is terminated (pg_terminate_backend)
    at 16 s  again
    at 24 s  PostgreSQL is restarted (pg_ctl restart -m fast)
    at 36 s  the run ends

It prints the errors in each window (before the first fault, after each fault), the
recovery time of each fault (from the fault to the first success answered after the
last error it caused; 0 when no client saw an error), and whether any failed request was answered as HTTP 200 (a 200 whose body
has GraphQL errors or "Internal error"). Targets: no error from a terminated backend
(a read on a dropped connection is retried once), recovery within 2 s, no error as 200.
Never fails on a miss (exit 0). The options are make loadtest's; --duration does not
apply (the timetable above is fixed).
The server's cache is the load test's (`--cache`: a throwaway Redis when installed).
"""

import os
import subprocess
import sys
import threading
import time

from tests.benchmarks import api, load

FAULTS = (
    (8.0, "terminate backends"),
    (16.0, "terminate backends"),
    (24.0, "restart PostgreSQL"),
)
END = 36.0
RECOVERY_TARGET = 2.0


def log(message):
    print(f"[faults] {message}", file=sys.stderr, flush=True)


def terminate_backends(url: str) -> int:
    import psycopg

    name = url.rsplit("/", 1)[1]
    with psycopg.connect(url, autocommit=True) as conn:
        rows = conn.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
            "WHERE datname = %s AND pid <> pg_backend_pid()",
            [name],
        ).fetchall()
    return len(rows)


def restart_postgres(url: str):
    """pg_ctl restart on the throwaway cluster (its data directory, as its owner)."""
    import psycopg

    with psycopg.connect(url, autocommit=True) as conn:
        datadir = conn.execute("SHOW data_directory").fetchone()[0]
    cmd = [os.path.join(api.pg_bindir(), "pg_ctl"), "-D", datadir, "-m", "fast", "-w"]
    cmd += ["-l", os.path.join(os.path.dirname(datadir), "server.log"), "restart"]
    if os.getuid() == 0:  # .ci/with-postgres.sh runs the server as `postgres` when root
        cmd = ["runuser", "-u", "postgres", "--", *cmd]
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, cwd="/tmp")


def run(size, args):
    url = api.postgres_database(size, False)
    load_before = load.load_average()
    with (
        load.throwaway_redis(args.cache == "redis") as redis_url,
        load.Server(url, args.workers, redis_url) as server,
    ):
        reqs = load.mix_requests(server, load.MIX, False)
        conn = server.connection()
        for method, path, body in reqs:  # warm up
            load.request(conn, method, path, body)
        conn.close()
        recorder = load.Recorder()
        stop = threading.Event()
        t0 = time.monotonic()
        client = threading.Thread(
            target=load.run_load, args=(server, reqs, args.clients, END, recorder, stop)
        )
        client.start()
        done = []
        for at, what in FAULTS:
            time.sleep(max(0.0, t0 + at - time.monotonic()))
            start = time.monotonic()
            if what == "restart PostgreSQL":
                restart_postgres(url)
                log(f"{start - t0:.1f} s: restarted PostgreSQL in {time.monotonic() - start:.1f} s")
            else:
                n = terminate_backends(url)
                log(f"{start - t0:.1f} s: terminated {n} backends")
            done.append((start, time.monotonic(), what))
        client.join()
    report(size, args, t0, done, recorder.records, load_before)
    for outcome, body in recorder.samples.items():
        print(f"  first {outcome} answer: {body!r}")


def report(size, args, t0, faults, records, load_before):
    print(
        f"\nFault test, PostgreSQL, {size} services, gunicorn {args.workers} workers, "
        f"{args.clients} clients, {END:g} s of the public mix (POST)"
    )
    print(f"machine load before: {load_before}; after: {load.load_average()}")
    bounds = [t0] + [start for start, _, _ in faults] + [float("inf")]
    names = ["before the faults"] + [f"{what} at {start - t0:.1f} s" for start, _, what in faults]
    print(f"{'window':<34} {'requests':>9} {'errors':>7} {'recovery s':>11}")
    worst_recovery = 0.0
    terminate_errors = 0
    errors_total = 0
    for i, name in enumerate(names):
        lo, hi = bounds[i], bounds[i + 1]
        # A request counts in the window its answer came in (a fault hits a request
        # at its database work, late in its life under load).
        window = [r for r in records if lo <= r[1] < hi]
        errors = [r for r in window if r[2] != "ok"]
        errors_total += len(errors)
        kinds = {}
        for r in errors:
            kinds[r[2]] = kinds.get(r[2], 0) + 1
        recovery = ""
        if i:
            # Recovery: from the fault to the first success answered after the window's
            # last error (0 when clients saw no error at all).
            rec = 0.0
            if errors:
                last_error = max(r[1] for r in errors)
                ok = [r[1] for r in records if r[2] == "ok" and r[1] > last_error]
                rec = (min(ok) - lo) if ok else float("inf")
            worst_recovery = max(worst_recovery, rec)
            recovery = f"{rec:.2f}"
            if "terminate" in name:
                terminate_errors += len(errors)
        print(
            f"{name:<34} {len(window):>9} {len(errors):>7} {recovery:>11}"
            + (f"  {kinds}" if kinds else "")
        )
    as_200 = [r for r in records if r[2] == "200 with errors"]
    restart_errors = (
        errors_total
        - terminate_errors
        - len([r for r in records if r[1] < bounds[1] and r[2] != "ok"])
    )
    print("targets:")
    print(
        f"  0 errors after a terminated backend (retried once): {terminate_errors} -> "
        f"{load.verdict(terminate_errors == 0)}"
    )
    print(f"  (errors while PostgreSQL restarted: {restart_errors}; expected, as 503)")
    print(
        f"  recovery within {RECOVERY_TARGET:g} s: worst {worst_recovery:.2f} s -> "
        f"{load.verdict(worst_recovery <= RECOVERY_TARGET)}"
    )
    print(f"  no error answered as 200: {len(as_200)} -> {load.verdict(not as_200)}")
    sys.stdout.flush()


def main(argv):
    args = load.parse_args(argv, __doc__)
    if not args.worker:
        args.sizes = load.available_sizes(args.sizes, args.seed)
        if not args.sizes:
            return 0
        argv = [*argv, "--sizes", ",".join(map(str, args.sizes))]
        return load.relaunch("tests.benchmarks.faults", argv)
    for size in args.sizes:
        run(size, args)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
