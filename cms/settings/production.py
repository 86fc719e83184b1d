from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F401,F403
from .base import ALLOWED_HOSTS, DATABASE_URL, SECRET_KEY

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
