from .base import *  # noqa: F401,F403
from .base import SECRET_KEY, env_bool

DEBUG = env_bool("DJANGO_DEBUG", True)
SECRET_KEY = SECRET_KEY or "dev-only-insecure-key-do-not-use-in-production"
ALLOWED_HOSTS = ["127.0.0.1", "localhost"]
# runserver is one process: its memory cache is the only one, so sessions may be read
# through it (base.py SESSION_ENGINE).
SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
# The outbox (cms/outbox.py) sends to the console.
MAIL_TRANSPORT = "django.core.mail.backends.console.EmailBackend"
GRAPHIQL_ENABLED = env_bool("GRAPHIQL_ENABLED", True)
GRAPHQL_INTROSPECTION = env_bool("GRAPHQL_INTROSPECTION", True)
