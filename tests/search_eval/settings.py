"""Settings for the search evaluation (tests/search_eval/run.py): the dev settings with
DEBUG off (no per-query logging), no login or request throttling and mail kept in
memory. Never used by the site."""

from cms.settings.dev import *  # noqa: F401,F403

DEBUG = False
ALLOWED_HOSTS = ["testserver", "127.0.0.1", "localhost"]
GRAPHIQL_ENABLED = False
AXES_ENABLED = False
RATELIMIT_ENABLE = False
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
