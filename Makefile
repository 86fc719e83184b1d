# Palvelumanuaali: build, run and test entry points (GNU make).
#
#   make run     install, compile translations, migrate, seed demo content, serve on :8000 (PORT=8010 for another)
#   make serve   the production settings locally: gunicorn (gunicorn.conf.py) on 127.0.0.1:8000 over plain HTTP, a generated secret
#   make collectstatic  collect static files into STATIC_ROOT (hashed names, gzip copies): the production build step
#   make test    pytest on SQLite, then again on a throwaway PostgreSQL cluster
#   make axe-core  install the browser tests' pinned axe-core (npm ci in tests/e2e/axe; make test does)
#   make bench   API benchmark: GraphQL vs Wagtail API v2 vs raw ORM (SQLite, PostgreSQL)
#   make bench-frontend  frontend benchmark: API requests per page, server time vs API time, caching
#   make loadtest   gunicorn (production settings) on a throwaway PostgreSQL, 50 clients (wrk when installed: apt-get install wrk): req/s, p50/p95/p99, errors (LOAD_ARGS)
#   make faulttest  backends terminated twice and PostgreSQL restarted during a load run: errors, recovery (LOAD_ARGS)
#   make search-eval  search quality: recall@10, MRR and zero results of the judged queries
#   make api-audit  GraphQL-over-HTTP conformance audit (graphql-http, Node) against a live server
#   make system-packages  install Voikko (Finnish search) with apt-get when root, else explain
#   make lint    ruff check + ruff format --check
#   make check   Django system checks + missing-migration check + make messages-check + make check-deploy
#   make check-deploy  `manage.py check --deploy` on the production settings, failing on any warning
#   make messages-check  fail on untranslated/fuzzy/missing entries of the fi and sv catalogues
#   make makemessages    refresh the fi and sv catalogues (translations/locale) from the source
#   make schema  regenerate graphql/schema.graphql (the API contract)
#   make backup  the database (pg_dump / SQLite copy) and media into backups/palvelumanuaali-<UTC time>/ with a manifest (BACKUP_DIR)
#   make restore BACKUP=<dir>  restore a backup into an empty database (RESTORE_ARGS=--force to replace), verify, check migrations
#   make lock    regenerate requirements.txt from the pins in pyproject.toml (rarely)
#   make clean   remove the venv, the dev database and test/media artefacts
#
# Everything runs inside the virtualenv at .venv, which is (re)installed from
# requirements.txt whenever that file changes. DATABASE_URL in the environment
# selects PostgreSQL for `run` and `check`; without it the dev settings use SQLite.

SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := help

PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
LOCALE_DIR := translations/locale

# Extra arguments for pytest, e.g. `make test PYTEST_ARGS="-k graphql -x"`.
PYTEST_ARGS ?=
# Set REQUIRE_POSTGRES=1 to fail `make test` when PostgreSQL server binaries are missing.
REQUIRE_POSTGRES ?=
# Where `make lock` writes the locked set.
LOCK_OUT ?= requirements.txt
# Arguments for the API benchmark, e.g. `make bench BENCH_ARGS="--db sqlite --sizes 337"`.
BENCH_ARGS ?=
# Arguments for the load and fault tests, e.g. `make loadtest LOAD_ARGS="--sizes 337,20000 --duration 30"`.
LOAD_ARGS ?=
# Arguments for the search evaluation, e.g. `make search-eval SEARCH_EVAL_ARGS="--db postgres --floors"`.
SEARCH_EVAL_ARGS ?=
# The loopback port `make run` serves on, e.g. `make run PORT=8010`.
PORT ?= 8000

.PHONY: help venv install messages run test test-sqlite test-postgres lint check schema lock clean
.PHONY: makemessages messages-check check-deploy serve collectstatic
.PHONY: bench bench-frontend search-eval system-packages api-audit axe-core
.PHONY: loadtest faulttest
.PHONY: backup restore

help:
	@sed -n 's/^#   make /  make /p' $(firstword $(MAKEFILE_LIST))

# --- virtualenv ---------------------------------------------------------------

# The stamp is newer than requirements.txt once that set is installed.
$(STAMP): requirements.txt
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --disable-pip-version-check -r requirements.txt
	@touch $@

venv install: $(STAMP)

# --- translations -------------------------------------------------------------

POLIB_COMPILE := 'import glob, polib; [print("compiled", p) or polib.pofile(p).save_as_mofile(p[:-3] + ".mo") for p in sorted(glob.glob("$(LOCALE_DIR)/*/LC_MESSAGES/*.po"))]'

# Compile .po -> .mo (the .mo files are not committed). Uses gettext's msgfmt
# through Django when it is installed, otherwise polib (installed with
# wagtail-localize). Does nothing while translations/locale does not exist.
messages: $(STAMP)
	@if [ ! -d $(LOCALE_DIR) ]; then \
	    echo "No $(LOCALE_DIR): no translations to compile"; \
	elif command -v msgfmt >/dev/null 2>&1; then \
	    $(PY) manage.py compilemessages --ignore=$(VENV); \
	else \
	    echo "msgfmt not found: compiling $(LOCALE_DIR) with polib"; \
	    $(PY) -c $(POLIB_COMPILE); \
	fi

# What makemessages scans: our apps (cms, services, policies, translations) and their
# templates, domain django only, no source locations (smaller diffs). The extraction of
# `manage.py check_translations` uses the same list (MAKEMESSAGES_ARGS in
# translations/management/commands/check_translations.py; tests/test_translations.py
# compares the two).
MAKEMESSAGES_ARGS := --domain=django --no-location --ignore=.venv --ignore=node_modules --ignore=tests --ignore=docs --ignore=media --ignore=static --ignore=graphql --ignore=test-results --ignore=translations/locale

# Refresh the Finnish and Swedish catalogues from the source. The exact command, for one
# language at a time too (-l fi or -l sv):
#   .venv/bin/python manage.py makemessages -l fi -l sv --domain=django --no-location --ignore=.venv --ignore=node_modules --ignore=tests --ignore=docs --ignore=media --ignore=static --ignore=graphql --ignore=test-results --ignore=translations/locale
# Then translate the new entries, check the fuzzy ones and remove their flags, and run
# `make messages-check`. Needs GNU gettext (Debian: apt-get install gettext).
makemessages: $(STAMP)
	$(PY) manage.py makemessages -l fi -l sv $(MAKEMESSAGES_ARGS)

# Fail (listing them) on untranslated, fuzzy or broken entries, on strings of the source
# code missing from a catalogue, and on a missing fi or sv catalogue. Part of `make check`.
messages-check: $(STAMP)
	$(PY) manage.py check_translations

# --- run ----------------------------------------------------------------------

# Voikko (Debian's libvoikko1 and its Finnish dictionary voikko-fi) gives Finnish search its
# base forms and compound parts (search/analysis.py). Installed here when missing and
# running as root; otherwise a message, and Finnish search falls back to Snowball stems.
VOIKKO_PACKAGES := libvoikko1 voikko-fi

system-packages:
	@if dpkg -s $(VOIKKO_PACKAGES) >/dev/null 2>&1; then \
	    :; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	    echo "Installing $(VOIKKO_PACKAGES) (Finnish search)"; \
	    apt-get install -y --no-install-recommends $(VOIKKO_PACKAGES) \
	    || { apt-get update && apt-get install -y --no-install-recommends $(VOIKKO_PACKAGES); } \
	    || echo "Could not install $(VOIKKO_PACKAGES): Finnish search degrades to Snowball stemming" >&2; \
	else \
	    echo "Voikko is not installed: Finnish search degrades to Snowball stemming (no base forms" >&2; \
	    echo "or compound splitting). Install it with: sudo apt-get install $(VOIKKO_PACKAGES)" >&2; \
	fi

# The frontend, the admin and the API on one development server at 127.0.0.1:$(PORT).
# Links in e-mails (WAGTAILADMIN_BASE_URL) follow the port unless the environment sets them.
RUN_URL = http://127.0.0.1:$(PORT)

run: system-packages messages
	@[[ "$(PORT)" =~ ^[0-9]+$$ ]] && (( $(PORT) >= 1 && $(PORT) <= 65535 )) \
	    || { echo "PORT must be a port number (1-65535), got '$(PORT)'" >&2; exit 2; }
	$(PY) manage.py migrate --noinput
	$(PY) manage.py seed_demo --if-empty
	$(PY) manage.py rebuild_search_index --if-empty
	@echo
	@echo "Palvelumanuaali on $(RUN_URL)/ (stop with Ctrl-C):"
	@echo "  frontend, the public catalogue and the staff view: $(RUN_URL)/ (Swedish $(RUN_URL)/sv/, English $(RUN_URL)/en/)"
	@echo "  CMS admin (the demo logins above):                 $(RUN_URL)/admin/"
	@echo "  GraphQL API, GraphiQL in a browser:                $(RUN_URL)/graphql/"
	@echo
	WAGTAILADMIN_BASE_URL="$${WAGTAILADMIN_BASE_URL:-$(RUN_URL)}" $(PY) manage.py runserver 127.0.0.1:$(PORT)

# --- production server ----------------------------------------------------------

# What `make serve` runs: the production settings (cms.settings.production) under gunicorn
# with gunicorn.conf.py, on 127.0.0.1:$(PORT), over plain HTTP (DJANGO_LOCAL_PLAIN_HTTP=1:
# no HTTPS redirect, cookies without Secure; refused for any host but loopback), with a
# secret key generated once into $(SERVE_SECRET) (git-ignored), the dev SQLite database or
# DATABASE_URL, e-mail to the console unless EMAIL_BACKEND is set. Migrates, seeds the demo
# when empty and collects the static files first.
# GUNICORN_* variables (gunicorn.conf.py) apply: `make serve GUNICORN_WORKERS=2`.
SERVE_SECRET := .serve-secret
SERVE_ENV = DJANGO_SETTINGS_MODULE=cms.settings.production \
    DJANGO_SECRET_KEY="$$(cat $(SERVE_SECRET))" \
    DJANGO_ALLOWED_HOSTS=127.0.0.1,localhost \
    DJANGO_LOCAL_PLAIN_HTTP=1 \
    DATABASE_URL="$${DATABASE_URL:-sqlite:///$(CURDIR)/db.sqlite3}" \
    EMAIL_BACKEND="$${EMAIL_BACKEND:-django.core.mail.backends.console.EmailBackend}" \
    WAGTAILADMIN_BASE_URL="$${WAGTAILADMIN_BASE_URL:-$(RUN_URL)}"

$(SERVE_SECRET): | $(STAMP)
	@umask 077; $(PY) -c 'import secrets; print(secrets.token_urlsafe(60))' > $@.tmp && mv $@.tmp $@
	@echo "Generated a secret key for make serve in $@ (git-ignored; delete it to get a new one)"

serve: system-packages messages $(SERVE_SECRET)
	@[[ "$(PORT)" =~ ^[0-9]+$$ ]] && (( $(PORT) >= 1 && $(PORT) <= 65535 )) \
	    || { echo "PORT must be a port number (1-65535), got '$(PORT)'" >&2; exit 2; }
	@test -s $(SERVE_SECRET) || { echo "$(SERVE_SECRET) is empty: delete it and run make serve again" >&2; exit 2; }
	export $(SERVE_ENV); \
	$(PY) manage.py migrate --noinput; \
	$(PY) manage.py seed_demo --if-empty; \
	$(PY) manage.py rebuild_search_index --if-empty; \
	$(PY) manage.py collectstatic --noinput -v0; \
	echo; \
	echo "Palvelumanuaali with the production settings on $(RUN_URL)/ (gunicorn; stop with Ctrl-C)"; \
	echo "  health: $(RUN_URL)/healthz  readiness: $(RUN_URL)/readyz  API: $(RUN_URL)/graphql/"; \
	echo; \
	GUNICORN_BIND="127.0.0.1:$(PORT)" exec $(VENV)/bin/gunicorn -c gunicorn.conf.py

# The production build step: static files into STATIC_ROOT (default ./static, git-ignored)
# with hashed names and gzip copies (cms/storage.py), which WhiteNoise serves. Needs no
# database or real secret: placeholders stand in for what the environment does not set.
collectstatic: $(STAMP)
	DJANGO_SETTINGS_MODULE=cms.settings.production \
	DJANGO_SECRET_KEY="$${DJANGO_SECRET_KEY:-$$($(PY) -c 'import secrets; print(secrets.token_urlsafe(60))')}" \
	DJANGO_ALLOWED_HOSTS="$${DJANGO_ALLOWED_HOSTS:-collectstatic.invalid}" \
	DATABASE_URL="$${DATABASE_URL:-sqlite:///:memory:}" \
	$(PY) manage.py collectstatic --noinput

# --- tests --------------------------------------------------------------------

# Run pytest with the arguments given; exit 5 (no tests collected) is a failure
# too, but gets a line of its own so it is not mistaken for a crash.
# The browser tests (marker e2e) use a live server and a transactional database, which
# would flush the shared demo world of the other tests: they run in their own invocation,
# one at a time (on two xdist workers, two Chromiums and live servers on two cores made a
# review-flow page miss Playwright's 30 s timeout).
# $(2): the browser tests to run (the PostgreSQL run leaves out the `ui_only` ones: screens
# and languages, whose database behaviour the rest of the suite covers on both databases).
run_pytest = rc=0; $(1) $(PY) -m pytest -n auto -m "not e2e" $(PYTEST_ARGS) || rc=$$?; \
    if [ $$rc -eq 0 ]; then $(1) $(PY) -m pytest -p no:xdist -m "$(2)" tests/e2e $(PYTEST_ARGS) || rc=$$?; fi; \
    if [ $$rc -eq 5 ]; then echo "pytest collected no tests (exit 5): treating this as a failure" >&2; fi; \
    exit $$rc

test: test-sqlite test-postgres

# axe-core, the accessibility engine the browser tests inject into their pages
# (tests/e2e/conftest.py, axe_violations): pinned in tests/e2e/axe/package-lock.json and
# installed there with `npm ci` when its node_modules is missing or older than the lock.
# Without npm the accessibility checks are skipped locally (they fail under CI).
AXE_DIR := tests/e2e/axe

axe-core:
	@if [ -f $(AXE_DIR)/node_modules/.package-lock.json ] \
	    && [ ! $(AXE_DIR)/package-lock.json -nt $(AXE_DIR)/node_modules/.package-lock.json ]; then \
	    :; \
	elif command -v npm >/dev/null 2>&1; then \
	    echo "Installing axe-core for the browser tests (npm ci in $(AXE_DIR))"; \
	    (cd $(AXE_DIR) && npm ci --no-audit --no-fund) \
	    || echo "npm ci failed in $(AXE_DIR): the browser tests' accessibility checks will be skipped (CI: fail)" >&2; \
	else \
	    echo "npm not found: the browser tests' accessibility checks (axe-core) will be skipped;" >&2; \
	    echo "install Node and npm (Debian: apt-get install nodejs npm) to run them" >&2; \
	fi

# SQLite (in-memory, the test settings' default when DATABASE_URL is unset).
test-sqlite: messages axe-core
	@echo "==> pytest on SQLite"
	@$(call run_pytest,env -u DATABASE_URL,e2e)

# The whole suite again on a throwaway PostgreSQL cluster, when the server
# binaries are installed (Debian: apt-get install postgresql).
test-postgres: messages axe-core | test-sqlite
	@if command -v pg_ctl >/dev/null 2>&1 || ls /usr/lib/postgresql/*/bin/pg_ctl >/dev/null 2>&1; then \
	    echo "==> pytest on PostgreSQL"; \
	    $(call run_pytest,.ci/with-postgres.sh,e2e and not ui_only); \
	elif [ "$(REQUIRE_POSTGRES)" = 1 ]; then \
	    echo "PostgreSQL server binaries not found and REQUIRE_POSTGRES=1: failing" >&2; \
	    exit 1; \
	else \
	    echo "PostgreSQL server binaries not found: skipped the PostgreSQL run"; \
	fi

# --- benchmarks ---------------------------------------------------------------

# The GraphQL API against Wagtail's REST API v2 (benchmark URLconf only) and a raw ORM
# baseline: SQLite, and PostgreSQL when its server binaries are installed; 337 and
# 20,000 services. Seeded databases are cached in .bench/ (the first 20,000-service
# seed takes 10-15 minutes). Prints tables and PASS/MISS per target; never fails on a miss.
bench: $(STAMP)
	$(PY) -m tests.benchmarks.api $(BENCH_ARGS)

# The frontend's pages (tests/benchmarks/frontend.py, issue 14): API requests per page (<= 3),
# server time against the API time it waits for (<= 2x), the same documents posted to
# /graphql/ as a baseline, and HTTP caching (public + ETag + 304 for anonymous visitors).
# SQLite and PostgreSQL, the demo's 337 services (the API benchmark's cached databases in
# .bench/; --sizes 337,20000 for the big ones). Never fails on a miss.
bench-frontend: $(STAMP)
	$(PY) -m tests.benchmarks.frontend $(BENCH_ARGS)

# Load test (tests/benchmarks/load.py, issue 15): gunicorn with the production settings
# (GUNICORN_WORKERS=4) on a throwaway PostgreSQL cluster restored from .bench/ (337 services
# by default; --sizes 5000,20000 when their dumps exist, --seed to seed), 50 clients for 60 s
# per phase: /healthz, the public mix by POST, the mix and the listing as cached persisted
# GETs. Prints req/s, p50/p95/p99, errors, ratios and PASS/MISS; never fails on a miss.
loadtest: $(STAMP)
	$(PY) -m tests.benchmarks.load $(LOAD_ARGS)

# Fault test (tests/benchmarks/faults.py): the same server and mix (POST) for 36 s, every
# backend terminated at 8 s and 16 s, PostgreSQL restarted at 24 s. Prints errors per
# window, recovery time and errors answered as 200, PASS/MISS; never fails on a miss.
faulttest: $(STAMP)
	$(PY) -m tests.benchmarks.faults $(LOAD_ARGS)

# Search quality (tests/search_eval/): the judged queries through /graphql/ on the demo
# catalogue (SQLite by default; the seeded database is cached in .bench/). Prints recall@10,
# MRR and zero results per query class; `--floors` fails below issue 13's targets.
search-eval: $(STAMP)
	$(PY) -m tests.search_eval.run $(SEARCH_EVAL_ARGS)

# --- GraphQL over HTTP ---------------------------------------------------------

# The GraphQL working group's conformance audit (graphql-http's auditServer, pinned in
# .ci/graphql-http/package-lock.json, installed there with `npm ci`) against `runserver` on a
# free loopback port, with a throwaway SQLite database seeded with 20 demo services. Prints
# every audit; fails unless all pass. Needs Node and npm (.ci/api-audit.sh).
api-audit: $(STAMP)
	PY=$(PY) .ci/api-audit.sh

# --- static checks ------------------------------------------------------------

lint: $(STAMP)
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .

check: $(STAMP) messages-check check-deploy
	$(PY) manage.py check
	$(PY) manage.py makemigrations --check --dry-run
	$(PY) manage.py permission_matrix --check
	@tmp=$$(mktemp --suffix=.graphql); trap 'rm -f "$$tmp"' EXIT; \
	$(PY) manage.py graphql_schema --out "$$tmp" >/dev/null; \
	diff -u graphql/schema.graphql "$$tmp" || { echo "graphql/schema.graphql is stale: run make schema" >&2; exit 1; }

# The production settings with dummy values for what they require from the environment
# (a random 60-character secret key, a host name, an in-memory SQLite database): any
# warning of `check --deploy` (HSTS, SSL redirect, cookies, ...) fails.
check-deploy: $(STAMP)
	DJANGO_SETTINGS_MODULE=cms.settings.production \
	DJANGO_SECRET_KEY="$$($(PY) -c 'import secrets; print(secrets.token_urlsafe(60))')" \
	DJANGO_ALLOWED_HOSTS=palvelumanuaali.example.fi \
	DATABASE_URL=sqlite:///:memory: \
	$(PY) manage.py check --deploy --fail-level WARNING

schema: $(STAMP)
	$(PY) manage.py graphql_schema --out graphql/schema.graphql

# --- backup and restore ---------------------------------------------------------

# manage.py backup / restore (cms/backup.py; docs/operations.md "Backup and restore") on the
# database of DATABASE_URL (else the dev SQLite db.sqlite3) and the media storage (MEDIA_ROOT,
# or the S3 bucket), with the settings of DJANGO_SETTINGS_MODULE (default cms.settings.dev).
# Exit codes of the commands (make reports them as "Error N"): 1 a step failed or the counts
# differ, 2 bad arguments/configuration or a non-empty target, 3 restored but migrations pending.
#     make backup BACKUP_DIR=/var/backups/palvelumanuaali BACKUP_ARGS="--no-media"
#     make restore BACKUP=backups/palvelumanuaali-20260101T020000Z RESTORE_ARGS="--force"
BACKUP_DIR ?= backups
BACKUP_ARGS ?=
BACKUP ?=
RESTORE_ARGS ?=

backup: $(STAMP)
	$(PY) manage.py backup --output "$(BACKUP_DIR)" $(BACKUP_ARGS)

restore: $(STAMP)
	@test -n "$(BACKUP)" || { echo "usage: make restore BACKUP=<backup directory> [RESTORE_ARGS=--force]" >&2; exit 2; }
	$(PY) manage.py restore "$(BACKUP)" $(RESTORE_ARGS)

# --- lock ---------------------------------------------------------------------

# Regenerate the locked set: install the == pins of pyproject.toml (dependencies
# plus the dev extra) into a fresh temporary venv and freeze it. Run it after
# changing a pin in pyproject.toml, review the diff, commit both files.
READ_PINS := 'import tomllib; p = tomllib.load(open("pyproject.toml", "rb"))["project"]; print("\n".join(p["dependencies"] + p["optional-dependencies"]["dev"]))'

lock:
	@tmp=$$(mktemp -d); trap 'rm -rf "$$tmp"' EXIT; \
	$(PYTHON) -m venv "$$tmp/venv"; \
	$(PYTHON) -c $(READ_PINS) > "$$tmp/pins.txt"; \
	"$$tmp/venv/bin/pip" install --disable-pip-version-check -r "$$tmp/pins.txt"; \
	{ echo "# Locked dependency set for Palvelumanuaali -- do not edit by hand."; \
	  echo "# Generated from the pins in pyproject.toml by \`make lock\`"; \
	  echo "# (fresh temporary venv, \`pip freeze\`, pkg-resources excluded)."; \
	  "$$tmp/venv/bin/pip" freeze --disable-pip-version-check | grep -v -i '^pkg[-_]resources=='; \
	} > "$$tmp/requirements.txt"; \
	mv "$$tmp/requirements.txt" $(LOCK_OUT); \
	echo "Wrote $(LOCK_OUT)"

# --- clean --------------------------------------------------------------------

clean:
	rm -rf $(VENV) db.sqlite3 db.sqlite3-journal media/ static/ test-results/ .pytest_cache/ .ruff_cache/
	find . -name __pycache__ -type d -prune -exec rm -rf {} +
