"""A read that fails on a dropped database connection is retried once, on a new connection.

PostgreSQL ends a connection when its backend is terminated (pg_terminate_backend, a
restart, a fail-over, a proxy's idle timeout). CONN_HEALTH_CHECKS (cms/settings/base.py)
replaces such a connection before a request's first query; this covers a drop after that,
during the request. `RetryingDatabaseWrapperMixin` (Django's documented way: a backend that
subclasses a built-in one, ENGINE "cms.db_backends.postgresql") makes the cursors retry a
statement once when all of these hold:

- it failed with OperationalError or InterfaceError and the connection no longer works
  (`is_usable()`: a query that failed for another reason, e.g. a statement timeout, is
  not retried);
- it is outside any transaction: no atomic block, autocommit on (inside one, the work done
  before the drop is lost and the caller must decide);
- it is a read: one SELECT statement, or a WITH … SELECT without a data-modifying part
  (the search's ranking, search/engine.py); not executemany, not locking (FOR UPDATE /
  SHARE), no sequence or advisory-lock function, and not on a named (server-side) cursor.

Writes are never retried: a write that failed on a dropped connection may have been
committed before the drop. Creating a cursor on a connection found broken (the next query
after an error) reconnects too, outside a transaction; no statement ran yet then.
Each retry is logged (logger cms.db_backends) with the error that caused it.
"""

import logging
import re

from django.db import InterfaceError, OperationalError
from django.db.backends.utils import CursorDebugWrapper, CursorWrapper

logger = logging.getLogger("cms.db_backends")

_SELECT = re.compile(r"^\s*\(?\s*(?:SELECT|WITH)\b", re.IGNORECASE)
# A statement with one of these words anywhere may write (a data-modifying WITH, a SELECT
# INTO): never retried. An identifier or alias spelt like them is refused too (safe side).
_WRITES = re.compile(r"\b(?:INSERT|UPDATE|DELETE|MERGE|TRUNCATE|INTO)\b", re.IGNORECASE)
_NOT_A_PLAIN_READ = re.compile(
    r"\bFOR\s+(?:NO\s+KEY\s+)?(?:UPDATE|SHARE|KEY\s+SHARE)\b"
    r"|\b(?:nextval|setval|pg_(?:try_)?advisory\w*|pg_terminate_backend|pg_cancel_backend)\s*\(",
    re.IGNORECASE,
)
DROPPED = (OperationalError, InterfaceError)


def is_plain_read(sql) -> bool:
    """True for one SELECT statement that changes nothing (see the module)."""
    return (
        isinstance(sql, str)
        and bool(_SELECT.match(sql))
        and not _NOT_A_PLAIN_READ.search(sql)
        and not _WRITES.search(sql)
        and ";" not in sql.strip().rstrip(";")
    )


class RetryingCursorMixin:
    """CursorWrapper._execute, retried once on a new connection (see the module)."""

    def _execute(self, sql, params, *ignored_wrapper_args):
        try:
            return super()._execute(sql, params, *ignored_wrapper_args)
        except DROPPED as error:
            if getattr(self.cursor, "name", None) or not is_plain_read(sql):
                raise
            if not self.db.reconnect_after(error):
                raise
            # The ORM keeps reading from this wrapper: give it a cursor of the new connection.
            with self.db.wrap_database_errors:
                self.cursor = self.db.create_cursor()
            return super()._execute(sql, params, *ignored_wrapper_args)


class RetryingCursorWrapper(RetryingCursorMixin, CursorWrapper):
    pass


class RetryingCursorDebugWrapper(RetryingCursorMixin, CursorDebugWrapper):
    pass


class RetryingDatabaseWrapperMixin:
    """Mixed into a backend's DatabaseWrapper (before it): its cursors retry a read once."""

    def reconnect_after(self, error) -> bool:
        """Replace a dropped connection when that is safe; False (nothing done) when the
        statement must not be retried: inside a transaction, or the connection still works."""
        if self.in_atomic_block or not self.autocommit or self.connection is None:
            return False
        if self.is_usable():
            return False
        logger.warning(
            "Database connection %r lost (%s: %s); reconnecting to retry a read",
            self.alias,
            type(error).__name__,
            str(error).strip().splitlines()[0] if str(error).strip() else "",
        )
        try:
            self.close()
        except DROPPED:
            self.connection = None
        self.ensure_connection()
        return True

    def _cursor(self, name=None):
        try:
            return super()._cursor(name)
        except DROPPED as error:
            # A connection broken by an earlier statement (connecting itself failed when
            # self.connection is None: not retried, the database is down).
            if not self.reconnect_after(error):
                raise
            return super()._cursor(name)

    def make_cursor(self, cursor):
        return RetryingCursorWrapper(cursor, self)

    def make_debug_cursor(self, cursor):
        return RetryingCursorDebugWrapper(cursor, self)
