"""Settings shared by every environment.

Every environment variable the project reads is read here, once, with its type.
Environment-specific modules (dev, test, production) only change values.
"""

import ipaddress
import os
from pathlib import Path
from urllib.parse import urlsplit

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

PROJECT_DIR = Path(__file__).resolve().parent.parent
BASE_DIR = PROJECT_DIR.parent


def env_str(name: str, default: str | None = None) -> str | None:
    return os.environ.get(name, default)


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    if value.lower() in {"1", "true", "yes", "on"}:
        return True
    if value.lower() in {"0", "false", "no", "off"}:
        return False
    raise ImproperlyConfigured(f"{name} must be a boolean (1/0, true/false), got {value!r}")


def env_int(name: str, default: int) -> int:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    try:
        return int(value)
    except ValueError as exc:
        raise ImproperlyConfigured(f"{name} must be an integer, got {value!r}") from exc


def env_list(name: str, default: list[str]) -> list[str]:
    value = os.environ.get(name)
    if not value:
        return default
    return [item.strip() for item in value.split(",") if item.strip()]


def env_rate(name: str, default: str) -> str:
    """A django-ratelimit rate, "count/period" (period s, m, h or d, optionally with a
    multiplier: "300/m", "100/5m"); empty turns the limit off."""
    value = os.environ.get(name, default).strip()
    count, _, period = value.partition("/")
    multiplier, unit = period[:-1], period[-1:]
    valid = (
        count.isdigit()
        and unit in ("s", "m", "h", "d")
        and (multiplier == "" or multiplier.isdigit())
    )
    if value and not valid:
        raise ImproperlyConfigured(f"{name} must be a rate such as 300/m, got {value!r}")
    return value


def env_float(name: str, default: float) -> float:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    try:
        return float(value)
    except ValueError as exc:
        raise ImproperlyConfigured(f"{name} must be a number, got {value!r}") from exc


LOG_LEVEL_NAMES = ("DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL")


def log_level(name: str, value: str) -> str:
    if value.upper() not in LOG_LEVEL_NAMES:
        raise ImproperlyConfigured(
            f"{name} must be one of {', '.join(LOG_LEVEL_NAMES)}, got {value!r}"
        )
    return value.upper()


def env_log_levels(name: str) -> dict[str, str]:
    """Levels of named loggers: "django.db.backends=DEBUG,cms.access=WARNING"."""
    levels = {}
    for item in env_list(name, []):
        logger, _, level = item.partition("=")
        if not logger.strip() or not level.strip():
            raise ImproperlyConfigured(f"{name} must be logger=LEVEL pairs, got {item!r}")
        levels[logger.strip()] = log_level(name, level.strip())
    return levels


# --- Environment (read once) -------------------------------------------------
DEBUG = env_bool("DJANGO_DEBUG", False)
SECRET_KEY = env_str("DJANGO_SECRET_KEY")
ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", [])
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS", [])
DATABASE_URL = env_str("DATABASE_URL")
WAGTAILADMIN_BASE_URL = env_str("WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000")
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "palvelumanuaali@example.fi")
EMAIL_URL_BACKEND = env_str("EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend")
EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
# The SMTP server's login and encryption (STARTTLS with EMAIL_USE_TLS, implicit TLS with
# EMAIL_USE_SSL, usually port 587 or 465) and the seconds a connection may take.
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
EMAIL_USE_SSL = env_bool("EMAIL_USE_SSL", False)
if EMAIL_USE_TLS and EMAIL_USE_SSL:
    raise ImproperlyConfigured("Set EMAIL_USE_TLS or EMAIL_USE_SSL, not both")
EMAIL_TIMEOUT = env_int("EMAIL_TIMEOUT", 10)
# The outbox (cms/outbox.py, docs/operations.md "Scheduled jobs and e-mail"): when queued
# e-mail is sent (on_commit: right after the transaction commits, failures retried by
# `manage.py send_outbox`; queue: only by send_outbox), and the retries of a failure.
MAIL_DELIVERY = env_str("MAIL_DELIVERY", "on_commit")
if MAIL_DELIVERY not in ("on_commit", "queue", "immediate"):
    raise ImproperlyConfigured(
        f"MAIL_DELIVERY must be on_commit, queue or immediate (tests), got {MAIL_DELIVERY!r}"
    )
MAIL_MAX_ATTEMPTS = env_int("MAIL_MAX_ATTEMPTS", 12)
MAIL_RETRY_BASE_SECONDS = env_int("MAIL_RETRY_BASE_SECONDS", 60)
MAIL_RETRY_MAX_SECONDS = env_int("MAIL_RETRY_MAX_SECONDS", 6 * 3600)
GRAPHIQL_ENABLED = env_bool("GRAPHIQL_ENABLED", False)
# How long the user log keeps its rows (days; the daily job's purge, userlog/retention.py):
# two years, docs/privacy.md "User log" says why.
USERLOG_RETENTION_DAYS = env_int("USERLOG_RETENTION_DAYS", 730)
# The frontend (frontend/api.py, docs/frontend.md): empty runs its GraphQL documents in
# this process; an URL (https://cms.example.fi/graphql/) sends them over HTTP, with
# FRONTEND_API_TOKEN as the bearer token when set.
FRONTEND_API_URL = env_str("FRONTEND_API_URL", "")
FRONTEND_API_TOKEN = env_str("FRONTEND_API_TOKEN", "")
FRONTEND_API_TIMEOUT = env_int("FRONTEND_API_TIMEOUT", 10)
# How long a browser or a shared cache may keep a page an anonymous visitor sees
# (frontend/caching.py: Cache-Control public, max-age; signed-in users' pages are private).
FRONTEND_CACHE_SECONDS = env_int("FRONTEND_CACHE_SECONDS", 300)
# How long the frontend keeps the menu and footer's content-page links per locale.
FRONTEND_MENU_CACHE_SECONDS = env_int("FRONTEND_MENU_CACHE_SECONDS", 300)
# Where the documents the frontend sends (and an external frontend can copy) are kept.
GRAPHQL_QUERIES_DIR = BASE_DIR / "graphql" / "queries"
# GraphQL limits (cms/api/validation.py, cms/api/views.py; documented in docs/api.md).
GRAPHQL_INTROSPECTION = env_bool("GRAPHQL_INTROSPECTION", False)
GRAPHQL_MAX_DEPTH = env_int("GRAPHQL_MAX_DEPTH", 10)
GRAPHQL_MAX_ALIASES = env_int("GRAPHQL_MAX_ALIASES", 30)
GRAPHQL_MAX_QUERY_BYTES = env_int("GRAPHQL_MAX_QUERY_BYTES", 20_000)
GRAPHQL_MAX_BODY_BYTES = env_int("GRAPHQL_MAX_BODY_BYTES", 1_048_576)
# The estimated values a query may return (fields × list sizes, docs/api.md "Limits").
GRAPHQL_MAX_COST = env_int("GRAPHQL_MAX_COST", 50_000)
# Requests per client and window (cms/api/rate_limit.py): anonymous per IP, bearer
# tokens per token and session users per user; counted in the default cache.
GRAPHQL_RATE_LIMIT_ANONYMOUS = env_rate("GRAPHQL_RATE_LIMIT_ANONYMOUS", "300/m")
GRAPHQL_RATE_LIMIT_AUTHENTICATED = env_rate("GRAPHQL_RATE_LIMIT_AUTHENTICATED", "1200/m")
# A cache that does not answer lets requests through (django-ratelimit would refuse all).
RATELIMIT_FAIL_OPEN = True
# The shared cache (docs/operations.md, "Caching"): Redis through django-redis when
# REDIS_URL is set (redis://[:password@]host:6379/0, rediss:// for TLS), which every app
# server must share (rate limits, cached GraphQL answers, the publication generation);
# otherwise this process's memory. CACHE_KEY_PREFIX separates sites sharing one Redis;
# CACHE_TIMEOUT_SECONDS is how long Redis waits to connect or answer before the request
# fails with 503 (cms/failure.py). GRAPHQL_CACHE_SECONDS: how long an anonymous persisted
# GraphQL GET is kept and may be kept by browsers and proxies (cms/api/persisted.py; 0: off).
REDIS_URL = env_str("REDIS_URL", "")
if REDIS_URL and urlsplit(REDIS_URL).scheme not in ("redis", "rediss", "unix"):
    raise ImproperlyConfigured(f"REDIS_URL must be redis://host:port/db, got {REDIS_URL!r}")
CACHE_KEY_PREFIX = env_str("CACHE_KEY_PREFIX", "palvelumanuaali")
CACHE_TIMEOUT_SECONDS = env_float("CACHE_TIMEOUT_SECONDS", 1.0)
GRAPHQL_CACHE_SECONDS = env_int("GRAPHQL_CACHE_SECONDS", 60)
if GRAPHQL_CACHE_SECONDS < 0:
    raise ImproperlyConfigured("GRAPHQL_CACHE_SECONDS must be 0 or more")
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(BASE_DIR / "media")))
STATIC_ROOT = Path(env_str("STATIC_ROOT", str(BASE_DIR / "static")))
# A frontend deployed apart that renders previews (its /preview/ address): adds the
# "External frontend" preview mode. Empty (the default): the admin previews a service with
# this project's frontend, in process (services.models.ServicePage.serve_preview).
HEADLESS_PREVIEW_URL = env_str("HEADLESS_PREVIEW_URL", "")
DEMO_PASSWORD = env_str("DEMO_PASSWORD", "Palvelumanuaali-demo-2026")
# How many reverse proxies in front of the app append to X-Forwarded-For; 0 (the
# default) ignores the header. The client IP is cms.client_ip.client_ip (docs/security.md).
TRUSTED_PROXY_COUNT = env_int("TRUSTED_PROXY_COUNT", 0)
# Strict-Transport-Security max-age in production (cms/settings/production.py): one year;
# a first rollout may start lower (e.g. 300) and raise it.
HSTS_SECONDS = env_int("DJANGO_HSTS_SECONDS", 31_536_000)
# `make serve` only: the production settings over plain HTTP on this machine (no redirect to
# HTTPS, cookies without Secure). cms/settings/production.py refuses it unless every
# DJANGO_ALLOWED_HOSTS entry is a loopback name; never set it on a server.
LOCAL_PLAIN_HTTP = env_bool("DJANGO_LOCAL_PLAIN_HTTP", False)
# Search (docs/search.md, "Scale-out"). SEARCH_ENGINE: "engine" (the default) ranks the API's
# searches with search.engine on the analysed index in the database; "backend" asks the
# Wagtail search backend below with the same analysed query (search.backend.search).
SEARCH_ENGINE = env_str("SEARCH_ENGINE", "engine")
if SEARCH_ENGINE not in ("engine", "backend"):
    raise ImproperlyConfigured(f"SEARCH_ENGINE must be engine or backend, got {SEARCH_ENGINE!r}")
# OpenSearch instead of the database for Wagtail's search index: one URL or several, comma
# separated (http(s)://[user:password@]host:port); empty keeps the database backend.
OPENSEARCH_URLS = env_list("OPENSEARCH_URL", [])
for _url in OPENSEARCH_URLS:
    if urlsplit(_url).scheme not in ("http", "https") or not urlsplit(_url).hostname:
        raise ImproperlyConfigured(f"OPENSEARCH_URL must be http(s)://host:port, got {_url!r}")
OPENSEARCH_INDEX_PREFIX = env_str("OPENSEARCH_INDEX_PREFIX", "palvelumanuaali_")
OPENSEARCH_TIMEOUT = env_int("OPENSEARCH_TIMEOUT", 10)
# Logs, metrics and error reporting (cms/observability.py; docs/operations.md "Logs, metrics
# and error reporting"). LOG_FORMAT: json or text; empty: text, json in production.
LOG_FORMAT = env_str("LOG_FORMAT", "")
if LOG_FORMAT not in ("", "json", "text"):
    raise ImproperlyConfigured(f"LOG_FORMAT must be json or text, got {LOG_FORMAT!r}")
LOG_LEVEL = log_level("LOG_LEVEL", env_str("LOG_LEVEL", "INFO"))
LOG_LEVELS = env_log_levels("LOG_LEVELS")
# /metrics answers a bearer token equal to METRICS_TOKEN or the addresses (or networks) of
# METRICS_ALLOWED_IPS (client address of cms.client_ip); neither set: 404 for everyone.
METRICS_TOKEN = env_str("METRICS_TOKEN", "")
if METRICS_TOKEN and len(METRICS_TOKEN) < 16:
    raise ImproperlyConfigured("METRICS_TOKEN must be at least 16 characters long")
METRICS_ALLOWED_IPS = env_list("METRICS_ALLOWED_IPS", [])
for _network in METRICS_ALLOWED_IPS:
    try:
        ipaddress.ip_network(_network, strict=False)
    except ValueError as exc:
        raise ImproperlyConfigured(
            f"METRICS_ALLOWED_IPS must be IP addresses or networks, got {_network!r}"
        ) from exc
# Error reporting to Sentry only when SENTRY_DSN is set (cms/error_reporting.py).
SENTRY_DSN = env_str("SENTRY_DSN", "")
SENTRY_ENVIRONMENT = env_str("SENTRY_ENVIRONMENT", "production")
SENTRY_RELEASE = env_str("SENTRY_RELEASE", "") or None
SENTRY_TRACES_SAMPLE_RATE = env_float("SENTRY_TRACES_SAMPLE_RATE", 0.0)
if not 0 <= SENTRY_TRACES_SAMPLE_RATE <= 1:
    raise ImproperlyConfigured("SENTRY_TRACES_SAMPLE_RATE must be between 0 and 1")

# Every e-mail goes through the outbox (cms/outbox.py): Django's and Wagtail's own (password
# resets, workflow notices) are queued like ours, and the outbox sends them with
# MAIL_TRANSPORT, the backend the EMAIL_BACKEND variable names (SMTP by default).
EMAIL_BACKEND = "cms.outbox.OutboxEmailBackend"
MAIL_TRANSPORT = EMAIL_URL_BACKEND

# --- Applications --------------------------------------------------------------
INSTALLED_APPS = [
    "cms",
    # The user log (userlog/, docs/privacy.md): a base-level app like cms.
    "userlog",
    "services",
    "policies",
    "content",
    "translations",
    "search",
    # Data-subject requests and leavers (privacy/, docs/privacy.md).
    "privacy",
    "frontend",
    "wagtail_localize",
    "wagtail_localize.locales",  # replaces wagtail.locales
    "wagtail.contrib.settings",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "graphene_django",
    # GraphiQL's assets as static files (development only; cms/api/views.py).
    "graphene_django_graphiql_static",
    "wagtail_headless_preview",
    "axes",
    "csp",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
]

MIDDLEWARE = [
    # /healthz and /readyz, answered before host validation, sessions and the rate limit
    # (cms/health.py); then Retry-After and no-store on 5xx answers (cms/failure.py).
    "cms.health.HealthCheckMiddleware",
    "cms.failure.FailureSignalMiddleware",
    # Request counts and latency (django-prometheus; its After middleware before axes), the
    # access log, X-Request-ID and per-request DB query counts (cms/observability.py).
    "django_prometheus.middleware.PrometheusBeforeMiddleware",
    "cms.observability.RequestLogMiddleware",
    # An anonymous persisted GET's kept final answer (headers of the middleware below
    # included), counted and logged but before anything else is done; a miss goes on down
    # and its final answer is kept on the way back (cms/api/persisted.py).
    "cms.api.persisted.PersistedCacheMiddleware",
    "django.middleware.security.SecurityMiddleware",
    # gzip for the GraphQL API's JSON, never for pages with secrets (BREACH; cms/compression.py).
    "cms.compression.ApiGZipMiddleware",
    # Content-Security-Policy header (CONTENT_SECURITY_POLICY below).
    "cms.csp.CSPMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # The back office in the person's language, the frontend in its address's (cms/locale_middleware.py).
    "cms.locale_middleware.SiteLocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    # A POST to the page editor in one transaction: the edit-conflict check and the save
    # (cms/edit_conflicts.py).
    "cms.edit_conflicts.AtomicPageEditMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # The user log: the request's reads of internal information and exports of personal
    # data, the frontend's in-process API calls included, written with one INSERT when the
    # response is done (userlog/log.py, docs/privacy.md "User log").
    "userlog.middleware.UserLogMiddleware",
    # Who is looking at the admin: page titles and rich-text links follow the admin
    # visibility rule for that user (services/admin_viewer.py).
    "services.admin_viewer.AdminViewerMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_prometheus.middleware.PrometheusAfterMiddleware",
    # Login throttling: must be the last middleware.
    "axes.middleware.AxesMiddleware",
]

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]

ROOT_URLCONF = "cms.urls"
WSGI_APPLICATION = "cms.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PROJECT_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                # The frontend's menu and footer (lazy: read only by templates that use it).
                "frontend.context_processors.site_navigation",
            ],
        },
    },
]

# --- Cache (REDIS_URL above) -------------------------------------------------------------
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": CACHE_KEY_PREFIX,
            "TIMEOUT": 300,
            "OPTIONS": {
                "CLIENT_CLASS": "django_redis.client.DefaultClient",
                "SOCKET_CONNECT_TIMEOUT": CACHE_TIMEOUT_SECONDS,
                "SOCKET_TIMEOUT": CACHE_TIMEOUT_SECONDS,
                # An outage raises (503, cms/failure.py; the rate limit lets requests through).
                "IGNORE_EXCEPTIONS": False,
            },
        }
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "palvelumanuaali",
            "KEY_PREFIX": CACHE_KEY_PREFIX,
            "TIMEOUT": 300,
            "OPTIONS": {"MAX_ENTRIES": 5000},
        }
    }

# Sessions live in the database, shared by every server. With a cache shared by every process
# that serves the site (Redis, REDIS_URL) they are also read through it (cached_db): a
# signed-in request spends no query on its session. Never with local memory and several
# processes: a session ended in one (sign-out) would stay alive in another's memory
# (dev.py: runserver is one process). docs/operations.md, "The shared cache".
SESSION_ENGINE = (
    "django.contrib.sessions.backends.cached_db"
    if REDIS_URL
    else "django.contrib.sessions.backends.db"
)

# --- Database ------------------------------------------------------------------


def database(url: str) -> dict:
    """The settings of one database from its URL. Every database is configured through
    this: connections kept for 60 s and health-checked (CONN_HEALTH_CHECKS: a connection the
    server dropped is replaced before a request's first query), and PostgreSQL through
    cms.db_backends.postgresql, which retries a read once when the connection drops during
    a request (docs/operations.md, "Health checks and failure signals")."""
    config = dj_database_url.parse(url, conn_max_age=60, conn_health_checks=True)
    if config["ENGINE"] == "django.db.backends.postgresql":
        config["ENGINE"] = "cms.db_backends.postgresql"
    return config


DATABASES = {"default": database(DATABASE_URL or f"sqlite:///{BASE_DIR / 'db.sqlite3'}")}
# Optional read replica (docs/operations.md, "Scaling out"): anonymous GraphQL queries read
# from it (cms/db_router.py); everything else, and every write, uses default. In tests it
# mirrors the test database.
DATABASE_REPLICA_URL = env_str("DATABASE_REPLICA_URL", "")
if DATABASE_REPLICA_URL:
    DATABASES["replica"] = {**database(DATABASE_REPLICA_URL), "TEST": {"MIRROR": "default"}}
    DATABASE_ROUTERS = ["cms.db_router.ReplicaRouter"]
    MIDDLEWARE = [*MIDDLEWARE, "cms.db_router.ReplicaReadsMiddleware"]
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# --- Languages -------------------------------------------------------------------
LANGUAGE_CODE = "fi"
LANGUAGES = [("fi", "Suomi"), ("sv", "Svenska"), ("en", "English")]
WAGTAIL_I18N_ENABLED = True
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
WAGTAILADMIN_PERMITTED_LANGUAGES = LANGUAGES
LOCALE_PATHS = [BASE_DIR / "translations" / "locale"]
# Addresses answered in the person's language (cookie, Accept-Language, their admin
# preference); every other address is the frontend's, whose prefix names its language
# (cms/locale_middleware.py).
BACK_OFFICE_PATH_PREFIXES = ["/admin/", "/graphql/", "/documents/"]
# "Translate this page" creates the new language version as a draft: by default
# wagtail-localize publishes it at once when the source is live, which would make the
# untranslated text public without the municipal review (docs/translations.md).
WAGTAILLOCALIZE_SYNC_LIVE_STATUS_ON_TRANSLATE = False
TIME_ZONE = "Europe/Helsinki"
USE_I18N = True
USE_TZ = True

# --- Static and media --------------------------------------------------------------
STATIC_URL = "/static/"
MEDIA_URL = "/media/"
# Media (documents, images): the file system (MEDIA_ROOT), or S3-compatible object storage
# through django-storages when AWS_STORAGE_BUCKET_NAME is set, so that several app servers
# share them (docs/operations.md "Media storage"). The bucket stays private: documents are
# streamed through Wagtail's permission-checked serve view (WAGTAILDOCS_SERVE_METHOD below),
# never linked from the bucket; a URL the storage makes (an image rendition's) is signed and
# expires after AWS_QUERYSTRING_EXPIRE seconds. boto3 takes the keys from AWS_ACCESS_KEY_ID
# and AWS_SECRET_ACCESS_KEY, or else from its own chain (instance role, ~/.aws).
AWS_STORAGE_BUCKET_NAME = env_str("AWS_STORAGE_BUCKET_NAME", "")
AWS_S3_ENDPOINT_URL = env_str("AWS_S3_ENDPOINT_URL", "") or None
AWS_S3_REGION_NAME = env_str("AWS_S3_REGION_NAME", "") or None
AWS_S3_ADDRESSING_STYLE = env_str("AWS_S3_ADDRESSING_STYLE", "") or None
AWS_LOCATION = env_str("AWS_LOCATION", "")
AWS_QUERYSTRING_EXPIRE = env_int("AWS_QUERYSTRING_EXPIRE", 3600)
if AWS_S3_ENDPOINT_URL and urlsplit(AWS_S3_ENDPOINT_URL).scheme not in ("http", "https"):
    raise ImproperlyConfigured(
        f"AWS_S3_ENDPOINT_URL must be an http(s) URL, got {AWS_S3_ENDPOINT_URL!r}"
    )
if AWS_S3_ADDRESSING_STYLE not in (None, "path", "virtual", "auto"):
    raise ImproperlyConfigured(
        f"AWS_S3_ADDRESSING_STYLE must be path, virtual or auto, got {AWS_S3_ADDRESSING_STYLE!r}"
    )
if AWS_QUERYSTRING_EXPIRE < 1:
    raise ImproperlyConfigured("AWS_QUERYSTRING_EXPIRE must be at least 1 (seconds)")
if bool(env_str("AWS_ACCESS_KEY_ID")) != bool(env_str("AWS_SECRET_ACCESS_KEY")):
    raise ImproperlyConfigured("Set both AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or neither")
if AWS_STORAGE_BUCKET_NAME:
    MEDIA_STORAGE = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": AWS_STORAGE_BUCKET_NAME,
            "endpoint_url": AWS_S3_ENDPOINT_URL,
            "region_name": AWS_S3_REGION_NAME,
            "addressing_style": AWS_S3_ADDRESSING_STYLE,
            "location": AWS_LOCATION,
            "signature_version": "s3v4",
            # No ACL on objects: they are as private as the bucket (public access blocked).
            "default_acl": None,
            "querystring_auth": True,
            "querystring_expire": AWS_QUERYSTRING_EXPIRE,
            # A second upload named like the first gets a new name, as on the file system.
            "file_overwrite": False,
        },
    }
else:
    MEDIA_STORAGE = {"BACKEND": "django.core.files.storage.FileSystemStorage"}
STORAGES = {
    "default": MEDIA_STORAGE,
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

# --- Wagtail -------------------------------------------------------------------------
WAGTAIL_SITE_NAME = "Palvelumanuaali"
# Wagtail's search backend (admin search, choosers; the API with SEARCH_ENGINE=backend):
# search.backend, the analysed query on the database (SQLite FTS5 / PostgreSQL with the
# "simple" text search configuration: tokens arrive analysed, PostgreSQL must not stem
# them) or on OpenSearch when OPENSEARCH_URL is set (search/opensearch.py; docs/search.md).
if OPENSEARCH_URLS:
    WAGTAILSEARCH_BACKENDS = {
        "default": {
            "BACKEND": "search.backend",
            "ENGINE": "opensearch",
            "URLS": OPENSEARCH_URLS,
            "INDEX_PREFIX": OPENSEARCH_INDEX_PREFIX,
            "TIMEOUT": OPENSEARCH_TIMEOUT,
        }
    }
else:
    WAGTAILSEARCH_BACKENDS = {
        "default": {"BACKEND": "search.backend", "ENGINE": "database", "SEARCH_CONFIG": "simple"}
    }
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "odt", "pdf", "pptx", "rtf", "txt", "xlsx"]
WAGTAILDOCS_MAX_UPLOAD_SIZE = 20 * 1024 * 1024
# Every document download goes through Wagtail's serve view, which enforces the
# collection's view restrictions (internal attachments live in a restricted collection).
WAGTAILDOCS_SERVE_METHOD = "serve_view"
WAGTAIL_ENABLE_UPDATE_CHECK = False
WAGTAILADMIN_LOGIN_URL = "wagtailadmin_login"
LOGIN_URL = "/admin/login/"
WAGTAIL_WORKFLOW_ENABLED = True
# Wagtail's front-end login is not routed (headless, cms/headless.py): readers of a
# view-restricted document sign in through the admin login.
WAGTAIL_FRONTEND_LOGIN_URL = LOGIN_URL
WAGTAIL_MODERATION_ENABLED = True
# Publish the approved revision, not whatever draft is latest (see the function).
WAGTAIL_FINISH_WORKFLOW_ACTION = "services.workflow_actions.publish_approved_revision"

WAGTAIL_HEADLESS_PREVIEW = {
    "CLIENT_URLS": {"default": HEADLESS_PREVIEW_URL},
    "SERVE_BASE_URL": None,
    "REDIRECT_ON_PREVIEW": False,
    "ENFORCE_TRAILING_SLASH": True,
}
# How long a frontend preview token (the "Frontend" preview mode) is accepted by the API.
PREVIEW_TOKEN_MAX_AGE = env_int("PREVIEW_TOKEN_MAX_AGE", 30 * 60)

# --- GraphQL ---------------------------------------------------------------------------
GRAPHENE = {"SCHEMA": "cms.api.schema.schema"}

# --- Invitations (cms/members.py; docs/security.md "Accounts and members") ---------------
# Per organisation: pending (unexpired) invitations at once, invitations sent in 24 hours,
# and invitations to one address in 24 hours.
INVITATIONS_PENDING_PER_ORGANISATION = env_int("INVITATIONS_PENDING_PER_ORGANISATION", 50)
INVITATIONS_PER_ORGANISATION_PER_DAY = env_int("INVITATIONS_PER_ORGANISATION_PER_DAY", 100)
INVITATIONS_PER_ADDRESS_PER_DAY = env_int("INVITATIONS_PER_ADDRESS_PER_DAY", 3)
# Leavers and minimisation (privacy/leavers.py, docs/privacy.md "Leavers and minimisation"):
# days without use after which an account is warned, closed and anonymised, and days after
# which the account of a leaver closed by a main user is anonymised.
USERS_INACTIVE_WARN_DAYS = env_int("USERS_INACTIVE_WARN_DAYS", 180)
USERS_INACTIVE_DEACTIVATE_DAYS = env_int("USERS_INACTIVE_DEACTIVATE_DAYS", 210)
USERS_INACTIVE_ANONYMISE_DAYS = env_int("USERS_INACTIVE_ANONYMISE_DAYS", 365)
USERS_DEACTIVATED_ANONYMISE_DAYS = env_int("USERS_DEACTIVATED_ANONYMISE_DAYS", 90)

# --- Login throttling (django-axes) -------------------------------------------------------
# Failed logins and password reset requests lock a username at an IP after
# AXES_FAILURE_LIMIT and an IP after LOGIN_FAILURE_LIMIT_PER_IP, for AXES_COOLOFF_TIME
# (cms/login_throttling.py; docs/security.md "Login throttling and client IP").
AXES_FAILURE_LIMIT = 5
LOGIN_FAILURE_LIMIT_PER_IP = env_int("LOGIN_FAILURE_LIMIT_PER_IP", 20)
AXES_COOLOFF_TIME = 1  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"], "ip_address"]
AXES_RESET_ON_SUCCESS = True
AXES_HANDLER = "cms.login_throttling.LoginThrottlingHandler"
AXES_CLIENT_IP_CALLABLE = "cms.client_ip.client_ip"

# --- Content-Security-Policy (django-csp, cms/csp.py) -------------------------------------
# One policy in every environment, so that a violation shows up in development first.
# What each source is for: docs/security.md "Production headers and CSP".
_preview = urlsplit(HEADLESS_PREVIEW_URL or "")
HEADLESS_PREVIEW_ORIGIN = f"{_preview.scheme}://{_preview.netloc}" if _preview.netloc else None
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        # The admin's preview panel; the "Frontend" preview mode frames the preview client.
        "frame-src": ["'self'", *filter(None, [HEADLESS_PREVIEW_ORIGIN])],
        "frame-ancestors": ["'self'"],
        "form-action": ["'self'"],
        "base-uri": ["'self'"],
        "object-src": ["'none'"],
    }
}
# Added under /admin/ only: Wagtail's inline widget scripts (choosers, inline panels,
# date pickers, wagtail-localize's chooser URLs) and the <style> elements of its React
# parts (Draftail, the wagtail-localize editor's styled-components).
CSP_ADMIN_EXTRA = {"script-src": ["'unsafe-inline'"], "style-src": ["'unsafe-inline'"]}
# Added to /graphql/ while GraphiQL is enabled (development only): its stylesheet embeds its
# fonts as data: URLs. Its page (cms/templates/cms/graphiql.html) has no inline script or
# style and loads only the project's static files (graphene-django-graphiql-static).
CSP_GRAPHIQL_EXTRA = {"font-src": ["data:"]}
# No third-party avatar images in the admin (and no e-mail hashes sent to Gravatar).
WAGTAIL_GRAVATAR_PROVIDER_URL = None

# The loggers LOG_LEVEL applies to: the access log and the project's apps.
PROJECT_LOGGERS = ("cms", "services", "policies", "content", "translations", "search", "frontend")


def logging_config(log_format: str) -> dict:
    """Every record to stdout, one line each: JSON (cms.observability.JsonFormatter) or
    text, with the request id of the request being handled. The access log (cms.access) and
    the project's own loggers at LOG_LEVEL, other libraries' at WARNING; LOG_LEVELS sets any
    logger's ("root" too). Django's loggers go through the same handler; its dev server's
    access lines give way to cms.access's."""
    levels = {"root": "WARNING", **dict.fromkeys(PROJECT_LOGGERS, LOG_LEVEL), **LOG_LEVELS}
    loggers = {
        "django": {"handlers": [], "level": "NOTSET", "propagate": True},
        "django.server": {"handlers": [], "level": "WARNING", "propagate": True},
        # "Not Found: <path>": the path's secret parameters redacted before any handler.
        "django.request": {"filters": ["request"]},
    }
    for name, level in levels.items():
        if name != "root":
            loggers.setdefault(name, {})["level"] = level
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "filters": {"request": {"()": "cms.observability.RequestContextFilter"}},
        "formatters": {
            "json": {"()": "cms.observability.JsonFormatter"},
            "text": {"format": "%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s"},
        },
        "handlers": {
            "stdout": {
                "class": "logging.StreamHandler",
                "stream": "ext://sys.stdout",
                "formatter": log_format,
                "filters": ["request"],
            }
        },
        "root": {"handlers": ["stdout"], "level": levels["root"]},
        "loggers": loggers,
    }


LOGGING = logging_config(LOG_FORMAT or "text")

if SENTRY_DSN:
    from cms.error_reporting import init_sentry

    init_sentry(SENTRY_DSN, SENTRY_ENVIRONMENT, SENTRY_RELEASE, SENTRY_TRACES_SAMPLE_RATE)
