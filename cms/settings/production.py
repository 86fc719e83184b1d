from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F401,F403
from .base import (
    ALLOWED_HOSTS,
    DATABASE_URL,
    HSTS_SECONDS,
    LOCAL_PLAIN_HTTP,
    MIDDLEWARE,
    SECRET_KEY,
    STORAGES,
)

DEBUG = False
# Security values have no default in production.
if not SECRET_KEY:
    raise ImproperlyConfigured("DJANGO_SECRET_KEY must be set in production")
if not ALLOWED_HOSTS:
    raise ImproperlyConfigured("DJANGO_ALLOWED_HOSTS must be set in production")
if not DATABASE_URL:
    raise ImproperlyConfigured("DATABASE_URL must be set in production")

GRAPHIQL_ENABLED = False
# Introspection stays off unless GRAPHQL_INTROSPECTION=1 is set (base.py's default).
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"
# HTTPS only (docs/security.md "Production headers and CSP"). `manage.py check --deploy`
# passes with no warning (CI: make check-deploy).
SECURE_SSL_REDIRECT = True
# Paths answered over plain HTTP too (regular expressions without the leading slash),
# e.g. r"^healthz/$" for a load balancer's health check.
# /metrics: Prometheus inside the network may scrape over plain HTTP (then allow it by address,
# METRICS_ALLOWED_IPS; a bearer token belongs on HTTPS).
SECURE_REDIRECT_EXEMPT = [r"^metrics$"]
SECURE_HSTS_SECONDS = HSTS_SECONDS
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
# Only the "preload" token: submitting the domain to the browsers' list is a separate step.
SECURE_HSTS_PRELOAD = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
# JSON log lines on stdout unless LOG_FORMAT=text (base.py; docs/operations.md).
LOGGING = logging_config(LOG_FORMAT or "json")

# Static files from the app server (docs/operations.md "Running in production"): WhiteNoise
# right after SecurityMiddleware serves what `collectstatic` (a build step: make collectstatic)
# wrote to STATIC_ROOT, with hashed names, gzip copies and year-long immutable caching
# (cms/storage.py).
MIDDLEWARE = [
    entry
    for m in MIDDLEWARE
    for entry in (
        [m, "whitenoise.middleware.WhiteNoiseMiddleware"]
        if m == "django.middleware.security.SecurityMiddleware"
        else [m]
    )
]
STORAGES = {**STORAGES, "staticfiles": {"BACKEND": "cms.storage.StaticFilesStorage"}}

# `make serve`: the production settings tried locally over plain HTTP (DJANGO_LOCAL_PLAIN_HTTP=1,
# base.py). Only on loopback host names, so a server can never run with it.
LOOPBACK_HOSTS = {"localhost", "127.0.0.1", "[::1]"}
if LOCAL_PLAIN_HTTP:
    if not set(ALLOWED_HOSTS) <= LOOPBACK_HOSTS:
        raise ImproperlyConfigured(
            "DJANGO_LOCAL_PLAIN_HTTP=1 is for make serve on this machine only: "
            f"DJANGO_ALLOWED_HOSTS must list only {', '.join(sorted(LOOPBACK_HOSTS))}, "
            f"got {', '.join(ALLOWED_HOSTS)}"
        )
    SECURE_SSL_REDIRECT = False
    SESSION_COOKIE_SECURE = False
    CSRF_COOKIE_SECURE = False
