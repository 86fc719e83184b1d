import tempfile
from pathlib import Path

from .base import *  # noqa: F401,F403
from .base import DATABASE_URL

DEBUG = False
SECRET_KEY = "test-only-key"
ALLOWED_HOSTS = ["testserver", "127.0.0.1", "localhost"]
# Django's test setup makes EMAIL_BACKEND locmem (mail.outbox) whatever this says; the
# outbox (cms/outbox.py) sends there too.
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
MAIL_TRANSPORT = "django.core.mail.backends.locmem.EmailBackend"
# Queued e-mail is sent inside the queueing transaction: a test's transaction never commits,
# so on_commit would never send (tests/ops/test_outbox.py tests the other modes).
MAIL_DELIVERY = "immediate"
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
GRAPHIQL_ENABLED = False
GRAPHQL_INTROSPECTION = True
AXES_ENABLED = False
# No test is rate-limited unless it lowers these (tests/api/test_rate_limit.py).
GRAPHQL_RATE_LIMIT_ANONYMOUS = "1000000/m"
GRAPHQL_RATE_LIMIT_AUTHENTICATED = "1000000/m"
# Uploads made by tests (the shared demo world included) go to a throwaway directory.
MEDIA_ROOT = Path(tempfile.mkdtemp(prefix="palvelumanuaali-test-media-"))
WAGTAILADMIN_BASE_URL = "http://testserver"
if not DATABASE_URL:
    DATABASES = {"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": ":memory:"}}
# Back-office requests without an Accept-Language header get the English interface (our
# source strings), so tests can assert texts; the translation tests send fi / sv headers
# (cms/locale_middleware.py back_office_language). The frontend keeps its rule (the address
# names the language), as in production.
BACK_OFFICE_LANGUAGE_WITHOUT_HEADER = "en"
