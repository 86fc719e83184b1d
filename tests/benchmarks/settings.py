"""Settings for the API benchmark (tests/benchmarks/api.py): the dev settings, with
DEBUG off (no per-query logging, as in production) and the benchmark URLconf, which
adds Wagtail's REST API v2 next to /graphql/ for comparison. Never used by the site."""

from cms.settings.dev import *  # noqa: F401,F403

DEBUG = False
ROOT_URLCONF = "tests.benchmarks.urls"
ALLOWED_HOSTS = ["testserver", "127.0.0.1", "localhost"]
GRAPHIQL_ENABLED = False
# API v2 caps `limit` at 20 by default; the listing is measured at 100 too.
WAGTAILAPI_LIMIT_MAX = 100
# Seeding and measuring should not be throttled or emailed.
AXES_ENABLED = False
RATELIMIT_ENABLE = False  # the API's rate limit (cms/api/rate_limit.py)
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
