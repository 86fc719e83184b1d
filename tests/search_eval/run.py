"""Search evaluation: recall@10, MRR and zero-result rate of the judged queries.

Usage:

    python -m tests.search_eval.run                    # SQLite
    python -m tests.search_eval.run --db postgres      # a throwaway PostgreSQL cluster
    python -m tests.search_eval.run --db sqlite,postgres --floors

(`make search-eval SEARCH_EVAL_ARGS="..."` runs the same.) It seeds the demo catalogue
(337 services, `seed_demo`) into a database cached in .bench/ (git-ignored; the file name
carries a hash of the demo builder and content, so a change to either reseeds), re-indexes
the services with today's indexer (`rebuild_search_index`), and sends every query of
tests/search_eval/queries.py through /graphql/ exactly as a client does:

    services(search: $q, locale: $l, limit: 10) { totalCount items { id title isFallback } }

(plus `suggestion` when the API has it). A hit is relevant when the Finnish title of its
source page is in the query's judged set. Per query:

- recall@10: relevant hits in the top 10 / min(10, relevant services in the locale), where
  the relevant services in the locale are those the API lists for it (the translation,
  else the Finnish version);
- reciprocal rank: 1 / the rank of the first relevant hit (0 when none);
- zero result: the search returned nothing.

It prints the means per class and overall and the failing queries (recall@10 below the
class floor). With --floors it exits 1 when recall@10 < 0.9 overall or < 0.8 in a class,
or when more than 5 % of the queries return nothing (issue 13's targets).
"""

import argparse
import glob
import hashlib
import json
import os
import statistics
import subprocess
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
CACHE = ROOT / ".bench"
SETTINGS = "tests.search_eval.settings"
RESULT = "SEARCH-EVAL-RESULT "
TOP = 10
RECALL_FLOOR = 0.9
CLASS_RECALL_FLOOR = 0.8
ZERO_CEILING = 0.05
# What the seeded database depends on: a change to any of these reseeds it.
SEED_SOURCES = (
    "services/demo/builder.py",
    "services/demo/content.py",
    "services/management/commands/seed_demo.py",
)
PAGE = 100  # the API's largest limit, for listing a locale's services


def seed_key() -> str:
    digest = hashlib.sha256()
    for name in SEED_SOURCES:
        digest.update(name.encode())
        digest.update((ROOT / name).read_bytes())
    return digest.hexdigest()[:12]


# --- evaluating (inside a process whose DATABASE_URL is set) -------------------------------
def evaluate(engine: str = "api") -> dict:
    import django

    os.environ["DJANGO_SETTINGS_MODULE"] = SETTINGS
    django.setup()
    from django.db import connection
    from django.test import Client

    from services.models import ServicePage

    from .queries import QUERIES

    client = Client()

    def call(query, variables):
        response = client.post(
            "/graphql/",
            json.dumps({"query": query, "variables": variables}),
            content_type="application/json",
        )
        body = (
            response.json()
            if response.get("Content-Type", "").startswith("application/json")
            else {}
        )
        if response.status_code != 200 and not body:
            return None, f"HTTP {response.status_code}"
        if body.get("errors"):
            return body.get("data"), "; ".join(e.get("message", "?") for e in body["errors"])
        return body.get("data"), None

    # The Finnish source title of every page, whatever its locale.
    rows = ServicePage.objects.values_list(
        "pk", "translation_key", "locale__language_code", "title"
    )
    source_title = {key: title for _pk, key, code, title in rows if code == "fi"}
    fi_title = {pk: source_title.get(key) for pk, key, _code, _title in rows}

    # Which extra fields the API answers a search with (issue 13 adds `suggestion`).
    extra = ""
    fields, _ = call('{ __type(name: "ServiceResults") { fields { name } } }', {})
    names = {f["name"] for f in ((fields or {}).get("__type") or {}).get("fields") or []}
    if "suggestion" in names:
        extra = " suggestion"
    search = (
        "query Eval($q: String!, $l: LocaleCode!) {"
        f" services(search: $q, locale: $l, limit: {TOP}) {{ totalCount{extra}"
        " items { id title isFallback } } }"
    )
    listing = (
        "query All($l: LocaleCode!, $o: Int!) {"
        f" services(locale: $l, limit: {PAGE}, offset: $o) {{ totalCount items {{ id }} }} }}"
    )

    # Services per Finnish title, as the API lists them in each locale.
    available: dict[str, Counter] = {}
    listed: dict[str, list[int]] = {}
    for locale in sorted({q.locale for q in QUERIES}):
        ids, offset = [], 0
        while True:
            data, error = call(listing, {"l": locale, "o": offset})
            if error:
                raise SystemExit(f"listing the services in {locale} failed: {error}")
            items = data["services"]["items"]
            ids += [int(item["id"]) for item in items]
            offset += PAGE
            if offset >= data["services"]["totalCount"] or not items:
                break
        listed[locale] = ids
        available[locale] = Counter(fi_title.get(pk) for pk in ids)

    if engine == "preview":
        search_with = preview_engine(listed)
        extra = ""
    else:

        def search_with(text, locale):
            data, error = call(search, {"q": text, "l": locale})
            return (data or {}).get("services") or {}, error

    results = []
    started = time.perf_counter()
    for q in QUERIES:
        reachable = sum(available[q.locale][t] for t in set(q.relevant))
        services, error = search_with(q.text, q.locale)
        items = services.get("items") or []
        titles = [fi_title.get(int(item["id"])) for item in items]
        hits = [t in q.relevant for t in titles]
        first = next((i + 1 for i, hit in enumerate(hits) if hit), None)
        results.append(
            {
                "cls": q.cls,
                "locale": q.locale,
                "text": q.text,
                "reachable": reachable,
                "total": services.get("totalCount", 0),
                "relevant_hits": sum(hits),
                "recall": sum(hits) / min(TOP, reachable) if reachable else 0.0,
                "rr": 1 / first if first else 0.0,
                "zero": not items,
                "error": error,
                "top": [
                    (item["title"], bool(item.get("isFallback")), hit)
                    for item, hit in zip(items[:3], hits[:3], strict=True)
                ],
                "suggestion": services.get("suggestion"),
            }
        )
    elapsed = time.perf_counter() - started
    return {
        "vendor": connection.vendor + (" (preview engine)" if engine == "preview" else ""),
        "services": len(fi_title),
        "queries": len(results),
        "seconds": elapsed,
        "extra": extra.strip(),
        "results": results,
    }


def preview_engine(listed: dict[str, list[int]]):
    """search(text, locale) with tests/search_eval/preview.py instead of the API."""
    from search import analysis
    from services.models import ServicePage

    from .preview import PreviewIndex

    # Variants of the analysis to measure against each other (--analysis).
    options = {o for o in os.environ.get("SEARCH_EVAL_ANALYSIS", "").split(",") if o}
    if "no-voikko" in options:
        analysis.open_voikko = lambda: None
    if "no-query-parts" in options:
        analysis.QUERY_COMPOUND_PARTS = False
    if "no-fold" in options:
        analysis.fold = lambda token: token
    if "suggest" in options:
        from . import preview

        preview.SUGGEST = True
    analysis.reset()
    if options:
        log(f"analysis variant: {', '.join(sorted(options))}")
    pages = {
        p.pk: p
        for p in ServicePage.objects.filter(pk__in={pk for ids in listed.values() for pk in ids})
        .select_related("locale", "service_category", "provider", "responsible_municipality")
        .prefetch_related("audiences", "client_situations", "target_groups", "implementation_types")
    }
    # The Swedish decompounding lexicon learns the vocabulary of the Swedish texts.
    swedish = [p for p in pages.values() if p.locale.language_code == "sv"]
    analysis.extend_lexicon("sv", [f"{p.title} {p.short_description}" for p in swedish])
    start = time.perf_counter()
    index = PreviewIndex({code: [pages[pk] for pk in ids] for code, ids in listed.items()})
    log(f"preview index of {len(index.docs)} pages built in {time.perf_counter() - start:.1f} s")

    def search(text, locale):
        ids = index.search(text, locale, TOP)
        items = [
            {
                "id": pk,
                "title": pages[pk].title,
                "isFallback": pages[pk].locale.language_code != locale,
            }
            for pk in ids
        ]
        return {"totalCount": len(items), "items": items}, None

    return search


# --- databases ---------------------------------------------------------------------------------
def log(message):
    print(f"[search-eval] {message}", file=sys.stderr, flush=True)


def manage(*args, env):
    subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env={**env, "DJANGO_SETTINGS_MODULE": SETTINGS},
        check=True,
    )


def seed(env):
    log(f"seeding the demo catalogue ({env['DATABASE_URL']})")
    start = time.perf_counter()
    manage("migrate", "--noinput", "-v0", env=env)
    manage("seed_demo", "--no-progress", "-v0", env=env)
    log(f"seeded in {time.perf_counter() - start:.0f} s")


def reindex(env):
    """The search index as today's code builds it (the cached index may be older)."""
    start = time.perf_counter()
    manage("rebuild_search_index", "--no-progress", "-v0", env=env)
    log(f"re-indexed in {time.perf_counter() - start:.1f} s")


def sqlite_database(reseed: bool) -> str:
    CACHE.mkdir(exist_ok=True)
    path = CACHE / f"search-eval-{seed_key()}.sqlite3"
    for old in glob.glob(str(CACHE / "search-eval-*.sqlite3")):
        if Path(old) != path:
            os.unlink(old)  # a seed of an older demo builder
    if reseed and path.exists():
        path.unlink()
    url = f"sqlite:///{path}"
    if not path.exists():
        partial = path.with_name(path.name + ".partial")
        for leftover in glob.glob(f"{partial}*"):
            os.unlink(leftover)
        seed({**os.environ, "DATABASE_URL": f"sqlite:///{partial}"})
        partial.rename(path)
    env = {**os.environ, "DATABASE_URL": url}
    manage("migrate", "--noinput", "-v0", env=env)  # new migrations since the seed
    return url


def postgres_database(reseed: bool) -> str:
    """Inside .ci/with-postgres.sh: the demo database, restored from the cached dump or
    seeded and dumped for the next run."""
    from tests.benchmarks.api import pg_bindir

    url = os.environ["DATABASE_URL"]
    bindir = pg_bindir()
    CACHE.mkdir(exist_ok=True)
    dump = CACHE / f"search-eval-{seed_key()}.dump"
    for old in glob.glob(str(CACHE / "search-eval-*.dump")):
        if Path(old) != dump:
            os.unlink(old)
    env = {**os.environ, "DATABASE_URL": url}
    if dump.exists() and not reseed:
        log(f"restoring {dump.name}")
        subprocess.run(
            [f"{bindir}/pg_restore", "--no-owner", "--exit-on-error", "-d", url, str(dump)],
            check=True,
        )
        manage("migrate", "--noinput", "-v0", env=env)
    else:
        seed(env)
        partial = dump.with_name(dump.name + ".partial")
        subprocess.run([f"{bindir}/pg_dump", "-Fc", "-f", str(partial), url], check=True)
        partial.rename(dump)
    return url


def run_evaluation(url: str, reindex_first: bool, engine: str = "api", variant: str = "") -> dict:
    env = {**os.environ, "DATABASE_URL": url, "SEARCH_EVAL_ANALYSIS": variant}
    if reindex_first and engine == "api":
        reindex(env)
    out = subprocess.run(
        [sys.executable, "-m", "tests.search_eval.run", "--evaluate", "--engine", engine],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )
    sys.stderr.write(out.stderr)
    if out.returncode:
        sys.stderr.write(out.stdout)
        raise SystemExit(f"evaluating {url} failed (exit {out.returncode})")
    lines = [line for line in out.stdout.splitlines() if line.startswith(RESULT)]
    return json.loads(lines[-1][len(RESULT) :])


def run_postgres(args) -> dict | None:
    from tests.benchmarks.api import pg_bindir

    if pg_bindir() is None:
        log("PostgreSQL server binaries not found: skipped PostgreSQL")
        return None
    cmd = [str(ROOT / ".ci" / "with-postgres.sh"), sys.executable, "-m", "tests.search_eval.run"]
    cmd += ["--postgres-worker"] + (["--reseed"] if args.reseed else [])
    cmd += ["--no-reindex"] if args.no_reindex else []
    cmd += ["--engine", args.engine, "--analysis", args.analysis]
    out = subprocess.run(cmd, cwd=ROOT, check=True, stdout=subprocess.PIPE, text=True).stdout
    lines = [line for line in out.splitlines() if line.startswith(RESULT)]
    return json.loads(lines[-1][len(RESULT) :])


# --- report ------------------------------------------------------------------------------------
DB_NAMES = {"sqlite": "SQLite", "postgresql": "PostgreSQL"}


def summary(rows) -> dict:
    return {
        "n": len(rows),
        "recall": statistics.fmean(r["recall"] for r in rows) if rows else 0.0,
        "mrr": statistics.fmean(r["rr"] for r in rows) if rows else 0.0,
        "zero": sum(r["zero"] for r in rows) / len(rows) if rows else 0.0,
    }


def report(result, verbose=False) -> list[str]:
    """Print the tables; return the floors missed."""
    from .queries import CLASSES

    vendor, _, note = result["vendor"].partition(" ")
    db = DB_NAMES.get(vendor, vendor) + (f" {note}" if note else "")
    rows = result["results"]
    by_class = defaultdict(list)
    for row in rows:
        by_class[row["cls"]].append(row)
    print()
    print(
        f"== Search evaluation, {db}: {result['queries']} queries, {result['services']} service "
        f"pages, {result['seconds']:.1f} s"
        + (f" (API extras: {result['extra']})" if result["extra"] else "")
    )
    print(f"{'class':12} {'queries':>7} {'recall@10':>9} {'MRR':>6} {'zero results':>12}")
    misses = []
    for cls in CLASSES + tuple(sorted(set(by_class) - set(CLASSES))):
        s = summary(by_class.get(cls, []))
        print(f"{cls:12} {s['n']:7d} {s['recall']:9.2f} {s['mrr']:6.2f} {s['zero']:11.0%}")
        if s["n"] and s["recall"] < CLASS_RECALL_FLOOR:
            misses.append(f"{db}: recall@10 {s['recall']:.2f} in {cls} < {CLASS_RECALL_FLOOR}")
    s = summary(rows)
    print(f"{'overall':12} {s['n']:7d} {s['recall']:9.2f} {s['mrr']:6.2f} {s['zero']:11.0%}")
    if s["recall"] < RECALL_FLOOR:
        misses.append(f"{db}: recall@10 {s['recall']:.2f} overall < {RECALL_FLOOR}")
    if s["zero"] > ZERO_CEILING:
        misses.append(f"{db}: zero results {s['zero']:.0%} > {ZERO_CEILING:.0%}")
    unanswerable = [r for r in rows if not r["reachable"]]
    for r in unanswerable:
        print(f"!! no relevant service is listed in {r['locale']} for {r['text']!r}: check the set")
    shown = rows if verbose else [r for r in rows if r["recall"] < CLASS_RECALL_FLOOR]
    if shown:
        print()
        print("All queries:" if verbose else f"Failing queries (recall@10 < {CLASS_RECALL_FLOOR}):")
        print(f"  {'class':10} {'loc':3} {'recall':>6} {'RR':>5} {'hits':>5}  query -> top 3")
    for r in shown:
        top = "; ".join(
            f"{'+' if hit else '-'}{title}{' (fi)' if fallback else ''}"
            for title, fallback, hit in r["top"]
        )
        note = f"  error: {r['error']}" if r["error"] else ""
        note += f"  suggestion: {r['suggestion']}" if r.get("suggestion") else ""
        print(
            f"  {r['cls']:10} {r['locale']:3} {r['recall']:6.2f} {r['rr']:5.2f} {r['total']:5d}  "
            f"{r['text']!r} -> {top or '(nothing)'}{note}"
        )
    return misses


def parse_args(argv):
    parser = argparse.ArgumentParser(
        prog="python -m tests.search_eval.run",
        description="Recall@10, MRR and zero-result rate of the judged search queries.",
    )
    parser.add_argument(
        "--db", default="sqlite", help="sqlite, postgres or sqlite,postgres (default sqlite)"
    )
    parser.add_argument(
        "--floors",
        action="store_true",
        help="exit 1 below the targets (recall@10 0.9 overall, 0.8 per class; zero results 5%%)",
    )
    parser.add_argument("--verbose", "-v", action="store_true", help="list every query")
    parser.add_argument("--reseed", action="store_true", help="rebuild the cached databases")
    parser.add_argument(
        "--no-reindex", action="store_true", help="use the cached search index as it is"
    )
    parser.add_argument(
        "--engine",
        choices=("api", "preview"),
        default="api",
        help="api: the GraphQL API (default); preview: search.analysis with the in-memory "
        "ranking of tests/search_eval/preview.py, to try analysis choices",
    )
    parser.add_argument(
        "--analysis",
        default="",
        help="with --engine preview, analysis variants to compare, comma-separated: "
        "no-voikko (Snowball for Finnish), no-query-parts, no-fold, suggest (Voikko's "
        "spelling suggestion for unknown Finnish words)",
    )
    parser.add_argument("--evaluate", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--postgres-worker", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    args.db = [d.strip() for d in args.db.split(",") if d.strip()]
    unknown = set(args.db) - {"sqlite", "postgres"}
    if unknown:
        parser.error(f"unknown --db {', '.join(sorted(unknown))}: use sqlite and/or postgres")
    return args


def main(argv) -> int:
    args = parse_args(argv)
    if args.evaluate:
        print(RESULT + json.dumps(evaluate(args.engine)), flush=True)
        return 0
    if args.postgres_worker:
        result = run_evaluation(
            postgres_database(args.reseed), not args.no_reindex, args.engine, args.analysis
        )
        print(RESULT + json.dumps(result), flush=True)
        return 0
    results = []
    if "sqlite" in args.db:
        results.append(
            run_evaluation(
                sqlite_database(args.reseed), not args.no_reindex, args.engine, args.analysis
            )
        )
    if "postgres" in args.db:
        result = run_postgres(args)
        if result is None and args.floors:
            log("--floors with --db postgres needs PostgreSQL: failing")
            return 1
        if result is not None:
            results.append(result)
    misses = []
    for result in results:
        misses += report(result, verbose=args.verbose)
    if args.floors:
        print()
        for miss in misses:
            print(f"MISS  {miss}")
        print("Floors: " + ("all met" if not misses else f"{len(misses)} missed"))
        return 1 if misses else 0
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
