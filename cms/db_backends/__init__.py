"""Database backends of the project: Django's, with a read retried once on a dropped
connection (cms.db_backends.retry; the PostgreSQL one is cms.db_backends.postgresql)."""
