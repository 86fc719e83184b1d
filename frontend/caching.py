"""HTTP caching of the frontend's pages.

`cache_page_for_visitors` marks what a page may be cached for:

- an anonymous GET or HEAD answered 200 without setting a cookie:
  `Cache-Control: public, max-age=<settings.FRONTEND_CACHE_SECONDS>` (default 300), so a
  browser and a shared cache (a CDN, a reverse proxy) may keep it for that long;
- anything a signed-in user sees: `Cache-Control: private, no-cache` (a browser may keep it
  but asks again each time; never a shared cache: the page may show internal information,
  the user's name, favourites, a CSRF token);
- every response: `Vary: Cookie, Accept-Language` (a signed-in visitor's cookie makes it
  another page; the URL's prefix gives the language, but a cache keyed without Vary would
  mix a redirect that followed Accept-Language);
- an `ETag` (a hash of the body, Django's ConditionalGetMiddleware): a visitor who sends it
  back in `If-None-Match` gets `304 Not Modified` without the body.

A page that sets a cookie (a CSRF token in a form, a message) is never public, whoever
asks; nor is an error (4xx, 5xx) or an answer to another method: those are
`private, no-cache` too. A view that sets its own Cache-Control for an anonymous visitor
keeps it.
"""

from functools import wraps

from django.conf import settings
from django.middleware.http import ConditionalGetMiddleware
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.utils.decorators import decorator_from_middleware

DEFAULT_SECONDS = 300

conditional_get = decorator_from_middleware(ConditionalGetMiddleware)


def cache_seconds() -> int:
    return int(getattr(settings, "FRONTEND_CACHE_SECONDS", DEFAULT_SECONDS))


def _signed_in(request) -> bool:
    user = getattr(request, "user", None)
    return bool(user is not None and user.is_authenticated)


def mark_cacheable(request, response):
    """Set Cache-Control and Vary on `response` for who asked (see the module)."""
    patch_vary_headers(response, ("Cookie", "Accept-Language"))
    if _signed_in(request):
        # No public, no max-age: replace whatever a view set.
        response.headers.pop("Cache-Control", None)
        patch_cache_control(response, private=True, no_cache=True)
        return response
    if "Cache-Control" in response.headers:  # the view knows better (e.g. no-store)
        return response
    if request.method in ("GET", "HEAD") and response.status_code == 200 and not response.cookies:
        patch_cache_control(response, public=True, max_age=cache_seconds())
    else:
        patch_cache_control(response, private=True, no_cache=True)
    return response


def cache_page_for_visitors(view):
    """A view decorator: public caching for anonymous visitors, private for the signed-in,
    with an ETag and 304 answers to If-None-Match (see the module)."""

    @wraps(view)
    def marked(request, *args, **kwargs):
        return mark_cacheable(request, view(request, *args, **kwargs))

    return conditional_get(marked)
