#!/usr/bin/env bash
# `make api-audit`: the GraphQL-over-HTTP conformance audit (graphql-http's auditServer,
# .ci/graphql-http/) against a live server.
#
# Migrates a throwaway SQLite database, seeds a small demo catalogue (20 services), serves it
# with `manage.py runserver` on a free loopback port (development settings with DEBUG off,
# so errors look as in production; introspection on, which some audits query), runs the
# audit, and stops the server and removes the database whatever happens. Fails unless every
# audit passes. Needs Node and npm (the pinned audit is installed with `npm ci`).
set -euo pipefail

cd "$(dirname "$0")/.."
PY="${PY:-.venv/bin/python}"
AUDIT_DIR=.ci/graphql-http

tmp=$(mktemp -d)
server_pid=
cleanup() {
    if [ -n "$server_pid" ] && kill -0 "$server_pid" 2>/dev/null; then
        kill "$server_pid" 2>/dev/null || true
        wait "$server_pid" 2>/dev/null || true
    fi
    rm -rf "$tmp"
}
trap cleanup EXIT

# node_modules is reinstalled when the lock file is newer than the last install.
if [ ! -f "$AUDIT_DIR/node_modules/.package-lock.json" ] \
    || [ "$AUDIT_DIR/package-lock.json" -nt "$AUDIT_DIR/node_modules/.package-lock.json" ]; then
    (cd "$AUDIT_DIR" && npm ci --no-audit --no-fund)
fi

export DJANGO_SETTINGS_MODULE=cms.settings.dev
export DJANGO_DEBUG=0
export GRAPHQL_INTROSPECTION=1
export DATABASE_URL="sqlite:///$tmp/db.sqlite3"
export MEDIA_ROOT="$tmp/media"

echo "==> migrate and seed a throwaway database ($tmp)"
"$PY" manage.py migrate --noinput -v 0
"$PY" manage.py seed_demo --services 20 --no-progress -v 0

port=$("$PY" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
url="http://127.0.0.1:$port/graphql/"
echo "==> serving $url"
"$PY" manage.py runserver --noreload "127.0.0.1:$port" >"$tmp/server.log" 2>&1 &
server_pid=$!

for _ in $(seq 1 120); do
    if "$PY" -c 'import sys, urllib.request; urllib.request.urlopen(sys.argv[1] + "?query=%7B__typename%7D", timeout=2)' "$url" 2>/dev/null; then
        break
    fi
    if ! kill -0 "$server_pid" 2>/dev/null; then
        echo "The server did not start:" >&2
        cat "$tmp/server.log" >&2
        exit 1
    fi
    sleep 0.5
done

echo "==> graphql-http $(node -p "require('./$AUDIT_DIR/node_modules/graphql-http/package.json').version") audit"
rc=0
node "$AUDIT_DIR/audit.mjs" "$url" || rc=$?
if [ $rc -ne 0 ]; then
    echo "The audit failed; the server's log:" >&2
    tail -n 40 "$tmp/server.log" >&2
fi
exit $rc
