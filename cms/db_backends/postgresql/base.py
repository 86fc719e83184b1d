"""Django's PostgreSQL backend; a read that fails on a dropped connection is retried once
(cms.db_backends.retry). ENGINE "cms.db_backends.postgresql" (cms/settings/base.py)."""

from django.db.backends.postgresql import base
from django.db.backends.postgresql.base import *  # noqa: F401,F403

from cms.db_backends.retry import RetryingCursorDebugWrapper, RetryingDatabaseWrapperMixin


class PostgresRetryingCursorDebugWrapper(RetryingCursorDebugWrapper, base.CursorDebugWrapper):
    """The PostgreSQL debug cursor (COPY logged) that retries a read."""


class DatabaseWrapper(RetryingDatabaseWrapperMixin, base.DatabaseWrapper):
    def make_debug_cursor(self, cursor):
        return PostgresRetryingCursorDebugWrapper(cursor, self)
