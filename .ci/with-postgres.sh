#!/usr/bin/env bash
# Run a command against a throwaway PostgreSQL cluster.
#
#   .ci/with-postgres.sh COMMAND [ARGS...]
#
# Creates a fresh cluster in a temporary directory under /tmp, listening only on
# 127.0.0.1 on a free port, creates the database "palvelumanuaali", exports
#   DATABASE_URL=postgres://pmtest@127.0.0.1:<port>/palvelumanuaali
# and runs COMMAND. Afterwards the server is stopped and the directory removed,
# whatever happened; the exit code is COMMAND's.
#
# The server refuses to run as root: as root, initdb and pg_ctl run as the
# `postgres` system user (created by Debian's postgresql package), which owns
# the temporary directory. Durability is switched off (fsync etc.): test data only.
set -euo pipefail

if [ $# -eq 0 ]; then
    echo "usage: $0 COMMAND [ARGS...]" >&2
    exit 2
fi

DB_NAME=palvelumanuaali
DB_USER=pmtest

# --- server binaries ------------------------------------------------------------
find_bindir() {
    local dir
    if command -v pg_config >/dev/null 2>&1; then
        dir=$(pg_config --bindir 2>/dev/null || true)
        if [ -n "$dir" ] && [ -x "$dir/pg_ctl" ] && [ -x "$dir/initdb" ]; then
            echo "$dir"; return 0
        fi
    fi
    # Newest version installed by Debian's packages.
    dir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
    if [ -n "$dir" ] && [ -x "$dir/pg_ctl" ] && [ -x "$dir/initdb" ]; then
        echo "$dir"; return 0
    fi
    if command -v pg_ctl >/dev/null 2>&1; then
        dir=$(dirname "$(readlink -f "$(command -v pg_ctl)")")
        if [ -x "$dir/initdb" ]; then
            echo "$dir"; return 0
        fi
    fi
    return 1
}

if ! BINDIR=$(find_bindir); then
    echo "with-postgres: PostgreSQL server binaries (initdb, pg_ctl) not found" >&2
    echo "with-postgres: on Debian: apt-get install postgresql" >&2
    exit 1
fi

# --- who runs the server ----------------------------------------------------------
RUN_AS=()
if [ "$(id -u)" -eq 0 ]; then
    if ! id -u postgres >/dev/null 2>&1; then
        echo "with-postgres: running as root, but there is no 'postgres' system user to run the server as" >&2
        exit 1
    fi
    RUN_AS=(runuser -u postgres --)
fi

# Run a server-side command as the cluster owner, from a directory it can read.
as_owner() {
    (cd "$TMP" && "${RUN_AS[@]}" "$@")
}

free_port() {
    local py
    py=$(command -v python3 || command -v python)
    "$py" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}

# --- temporary directory and cleanup ------------------------------------------------
# Under /tmp (world-traversable) so the postgres user can reach it when we are root.
TMP=$(mktemp -d /tmp/palvelumanuaali-pg.XXXXXX)
PGDATA_DIR="$TMP/data"
LOG="$TMP/server.log"
STARTED=0

cleanup() {
    local rc=$?
    if [ "$STARTED" = 1 ] || [ -f "$PGDATA_DIR/postmaster.pid" ]; then
        as_owner "$BINDIR/pg_ctl" -D "$PGDATA_DIR" -m immediate -w stop >/dev/null 2>&1 || true
    fi
    rm -rf "$TMP"
    exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

chmod 755 "$TMP"
if [ ${#RUN_AS[@]} -gt 0 ]; then
    chown postgres: "$TMP"
fi

# --- initdb -------------------------------------------------------------------------
LOCALE=C
if locale -a 2>/dev/null | grep -qiE '^c\.utf-?8$'; then
    LOCALE=C.UTF-8
fi

if ! as_owner "$BINDIR/initdb" -D "$PGDATA_DIR" -A trust -U "$DB_USER" \
        --encoding=UTF8 --locale="$LOCALE" >"$TMP/initdb.log" 2>&1; then
    echo "with-postgres: initdb failed:" >&2
    cat "$TMP/initdb.log" >&2
    exit 1
fi

# Appending keeps the file's owner.
cat >>"$PGDATA_DIR/postgresql.conf" <<EOF

# --- throwaway test cluster (.ci/with-postgres.sh) ---
listen_addresses = '127.0.0.1'
unix_socket_directories = '$TMP'
max_connections = 200
fsync = off
synchronous_commit = off
full_page_writes = off
EOF

# --- start, retrying if another process grabbed the chosen port meanwhile -----------
for attempt in 1 2 3; do
    PORT=$(free_port)
    if as_owner "$BINDIR/pg_ctl" -D "$PGDATA_DIR" -l "$LOG" -o "-p $PORT" -w -t 60 start >/dev/null 2>&1; then
        STARTED=1
        break
    fi
    if [ "$attempt" -lt 3 ] && grep -q 'could not bind\|already in use' "$LOG" 2>/dev/null; then
        continue
    fi
    echo "with-postgres: the PostgreSQL server did not start; server log:" >&2
    cat "$LOG" >&2 2>/dev/null || true
    exit 1
done
if [ "$STARTED" != 1 ]; then
    echo "with-postgres: the PostgreSQL server did not start; server log:" >&2
    cat "$LOG" >&2 2>/dev/null || true
    exit 1
fi

if ! "$BINDIR/createdb" -h 127.0.0.1 -p "$PORT" -U "$DB_USER" "$DB_NAME"; then
    echo "with-postgres: createdb failed; server log:" >&2
    cat "$LOG" >&2
    exit 1
fi

VERSION=$("$BINDIR/psql" -h 127.0.0.1 -p "$PORT" -U "$DB_USER" -d "$DB_NAME" -XAtc 'SHOW server_version' | awk '{print $1}')
echo "PostgreSQL $VERSION started on port $PORT (throwaway cluster in $TMP)"

# --- the command ------------------------------------------------------------------
export DATABASE_URL="postgres://$DB_USER@127.0.0.1:$PORT/$DB_NAME"
rc=0
"$@" || rc=$?
exit "$rc"
