"""Test-only helpers (used by cms.settings.test)."""

from django.utils import translation

from cms.locale_middleware import SiteLocaleMiddleware, is_back_office_path


class EnglishByDefaultMiddleware(SiteLocaleMiddleware):
    """The site's LocaleMiddleware, but a back-office request that names no language gets
    English instead of LANGUAGE_CODE (fi), so tests can assert the English source strings.
    The frontend keeps its rule (the address names the language), as in production."""

    def process_request(self, request):
        if "HTTP_ACCEPT_LANGUAGE" in request.META or not is_back_office_path(request.path_info):
            return super().process_request(request)
        translation.activate("en")
        request.LANGUAGE_CODE = "en"
        return None
