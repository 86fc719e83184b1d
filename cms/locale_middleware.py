"""Which language a request is answered in.

Two rules, by address:

- The back office (`/admin/`, `/graphql/`, `/documents/`; settings.BACK_OFFICE_PATH_PREFIXES)
  follows the person: the language cookie, then the browser's Accept-Language, then
  LANGUAGE_CODE (Wagtail then applies a signed-in user's own preferred language).
- Everything else is the frontend (frontend/, i18n_patterns without a prefix for the
  default language): the address decides, Finnish at `/`, Swedish at `/sv/`, English at
  `/en/`, so a shared link reads the same for everybody and caches cleanly.

Django's LocaleMiddleware applies the address rule to every path once i18n_patterns is
used, which forced the admin into Finnish for a Swedish-speaking user from Raasepori.
"""

from django.conf import settings
from django.middleware.locale import LocaleMiddleware
from django.utils import translation


def back_office_language(request) -> str:
    """The language of a back-office answer: the language cookie, then Accept-Language,
    then LANGUAGE_CODE. With settings.BACK_OFFICE_LANGUAGE_WITHOUT_HEADER (the test
    settings: "en"), a request without an Accept-Language header gets that language."""
    fallback = getattr(settings, "BACK_OFFICE_LANGUAGE_WITHOUT_HEADER", None)
    if fallback and "HTTP_ACCEPT_LANGUAGE" not in request.META:
        return fallback
    return translation.get_language_from_request(request, check_path=False)


def is_back_office_path(path):
    """True for addresses whose language follows the person, not the address."""
    return path.startswith(tuple(settings.BACK_OFFICE_PATH_PREFIXES))


class SiteLocaleMiddleware(LocaleMiddleware):
    def process_request(self, request):
        if not is_back_office_path(request.path_info):
            return super().process_request(request)
        translation.activate(back_office_language(request))
        request.LANGUAGE_CODE = translation.get_language()
        return None
