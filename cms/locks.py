"""One runner at a time across servers: a named lock in the database.

    with exclusive("jobs:daily", ttl=dt.timedelta(hours=6)) as lock:
        if not lock:
            ...  # another runner holds it: lock.holder says who
        ...
        lock.refresh()  # between long steps

- **PostgreSQL:** `pg_try_advisory_lock` on a connection of its own (so that whatever the
  work does with Django's connection, closing it included, does not drop the lock). The
  server releases the lock when that connection ends, so a runner that crashed or lost its
  machine never blocks the next one. `ttl` is not used.
- **Other databases (SQLite):** a `cms.JobLock` row, unique per name, with an expiry: a
  row whose `expires_at` passed is taken over (its runner died or hung); `refresh()`
  pushes the expiry on, so a long run keeps its lock while it makes progress.

Both never wait: a lock that is held is reported at once.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
import os
import socket
import uuid
from contextlib import contextmanager

from django.db import DEFAULT_DB_ALIAS, IntegrityError, OperationalError, connections, transaction
from django.utils import timezone

logger = logging.getLogger(__name__)


def advisory_key(name: str) -> int:
    """A stable signed 64-bit key for pg_try_advisory_lock(bigint)."""
    return int.from_bytes(
        hashlib.blake2b(name.encode(), digest_size=8).digest(), "big", signed=True
    )


def _holder_id() -> str:
    return f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:8]}"


class Lock:
    """The result of `exclusive`: true while held; `holder` describes who holds it."""

    def __init__(self, name: str, using: str, ttl: dt.timedelta):
        self.name = name
        self.using = using
        self.ttl = ttl
        self.held = False
        self.holder = ""
        self.me = _holder_id()
        self._conn = None

    def __bool__(self):
        return self.held

    def __repr__(self):
        return f"<Lock {self.name} {'held' if self.held else 'busy: ' + self.holder}>"

    @property
    def advisory(self) -> bool:
        return connections[self.using].vendor == "postgresql"

    # --- PostgreSQL ---------------------------------------------------------------------------
    def _acquire_advisory(self) -> None:
        conn = connections.create_connection(self.using)
        try:
            with conn.cursor() as cursor:
                cursor.execute("SELECT pg_try_advisory_lock(%s)", [advisory_key(self.name)])
                self.held = bool(cursor.fetchone()[0])
                if not self.held:
                    self.holder = self._advisory_holder(cursor)
        except Exception:
            conn.close()
            raise
        if self.held:
            self._conn = conn
        else:
            conn.close()

    def _advisory_holder(self, cursor) -> str:
        key = advisory_key(self.name) & 0xFFFFFFFFFFFFFFFF
        cursor.execute(
            "SELECT a.pid, a.client_addr, a.backend_start FROM pg_locks l "
            "JOIN pg_stat_activity a ON a.pid = l.pid WHERE l.locktype = 'advisory' "
            "AND l.granted AND l.classid = %s AND l.objid = %s AND l.objsubid = 1",
            [key >> 32, key & 0xFFFFFFFF],
        )
        row = cursor.fetchone()
        if row is None:
            return "another session"
        pid, addr, since = row
        return f"PostgreSQL session {pid} from {addr or 'a local socket'} since {since:%Y-%m-%d %H:%M:%S %Z}"

    def _refresh_advisory(self) -> bool:
        """Does this lock's session still hold it? When its connection dropped (the server
        restarted; Django reconnects on the next query), take it again if nobody else has."""
        key = advisory_key(self.name)
        unsigned = key & 0xFFFFFFFFFFFFFFFF
        try:
            with self._conn.cursor() as cursor:
                cursor.execute(
                    "SELECT EXISTS (SELECT 1 FROM pg_locks WHERE locktype = 'advisory' AND granted"
                    " AND pid = pg_backend_pid() AND classid = %s AND objid = %s"
                    " AND objsubid = 1)",
                    [unsigned >> 32, unsigned & 0xFFFFFFFF],
                )
                if cursor.fetchone()[0]:
                    return True
                cursor.execute("SELECT pg_try_advisory_lock(%s)", [key])
                if cursor.fetchone()[0]:
                    logger.warning("lock %s: its connection was lost; taken again", self.name)
                    return True
        except Exception:
            logger.exception("lock %s: cannot reach the database", self.name)
        logger.error("lock %s: lost with its connection, and another runner has it", self.name)
        self.held = False
        return False

    def _release_advisory(self) -> None:
        conn, self._conn = self._conn, None
        if conn is None:
            return
        try:
            with conn.cursor() as cursor:
                cursor.execute("SELECT pg_advisory_unlock(%s)", [advisory_key(self.name)])
        except Exception:  # the connection is gone, and with it the lock
            logger.warning("lock %s: could not unlock (connection lost?)", self.name)
        finally:
            conn.close()

    # --- the lock row -------------------------------------------------------------------------
    def _acquire_row(self) -> None:
        try:
            self._take_row()
        except OperationalError as exc:
            # SQLite: another process holds the database's write lock for longer than the
            # connection waits (e.g. the other runner rebuilding an index). Busy, not broken.
            if "locked" not in str(exc):
                raise
            self.held = False
            self.holder = f"another process writing to the database ({exc})"

    def _take_row(self) -> None:
        from .models import JobLock

        now = timezone.now()
        with transaction.atomic(using=self.using):
            stale = JobLock.objects.using(self.using).filter(name=self.name, expires_at__lt=now)
            for lock in stale:
                logger.warning(
                    "lock %s: taking over from %s (expired at %s)",
                    self.name,
                    lock.holder,
                    lock.expires_at,
                )
            stale.delete()
            try:
                with transaction.atomic(using=self.using):
                    JobLock.objects.using(self.using).create(
                        name=self.name, holder=self.me, acquired_at=now, expires_at=now + self.ttl
                    )
                self.held = True
            except IntegrityError:
                current = JobLock.objects.using(self.using).filter(name=self.name).first()
                self.holder = (
                    f"{current.holder} since {timezone.localtime(current.acquired_at):%Y-%m-%d %H:%M:%S}"
                    f" (expires {timezone.localtime(current.expires_at):%H:%M:%S})"
                    if current
                    else "another runner"
                )

    def _release_row(self) -> None:
        from .models import JobLock

        JobLock.objects.using(self.using).filter(name=self.name, holder=self.me).delete()

    # --- both -------------------------------------------------------------------------------
    def acquire(self) -> bool:
        if self.advisory:
            self._acquire_advisory()
        else:
            self._acquire_row()
        return self.held

    def refresh(self) -> bool:
        """Still held? Pushes a lock row's expiry on; checks the advisory lock's connection."""
        if not self.held:
            return False
        if self.advisory:
            return self._refresh_advisory()
        from .models import JobLock

        updated = (
            JobLock.objects.using(self.using)
            .filter(name=self.name, holder=self.me)
            .update(expires_at=timezone.now() + self.ttl)
        )
        if not updated:
            logger.error("lock %s: another runner took it over (this one ran too long)", self.name)
            self.held = False
        return bool(updated)

    def release(self) -> None:
        if not self.held:
            return
        self.held = False
        if self.advisory:
            self._release_advisory()
        else:
            self._release_row()


@contextmanager
def exclusive(name: str, *, ttl: dt.timedelta = dt.timedelta(hours=1), using=DEFAULT_DB_ALIAS):
    """Try to take the lock `name` without waiting; yields the `Lock` (false when another
    runner holds it) and releases it at the end."""
    lock = Lock(name, using, ttl)
    lock.acquire()
    try:
        yield lock
    finally:
        lock.release()
