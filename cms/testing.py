"""Test-only helpers (used by cms.settings.test)."""

from django.middleware.locale import LocaleMiddleware
from django.utils import translation


class EnglishByDefaultMiddleware(LocaleMiddleware):
    """Django's LocaleMiddleware, but a request that names no language gets English
    instead of LANGUAGE_CODE (fi), so tests can assert the English source strings."""

    def process_request(self, request):
        if "HTTP_ACCEPT_LANGUAGE" in request.META:
            return super().process_request(request)
        translation.activate("en")
        request.LANGUAGE_CODE = "en"
        return None
