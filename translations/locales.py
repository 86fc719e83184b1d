"""Content locales: Finnish (default), Swedish and English."""

from django.conf import settings
from wagtail.models import Locale

DEFAULT_LANGUAGE = settings.LANGUAGE_CODE  # "fi"
CONTENT_LANGUAGES = [code for code, _name in settings.WAGTAIL_CONTENT_LANGUAGES]


def ensure_locales() -> dict[str, Locale]:
    """Create the fi/sv/en locales if missing (the fresh-install step of `make run`)."""
    locales = {}
    for code in CONTENT_LANGUAGES:
        locales[code], _created = Locale.objects.get_or_create(language_code=code)
    return locales
