"""gzip for the GraphQL API's JSON answers, and only those (docs/operations.md).

A listing of the whole catalogue is about 350 kB of JSON and shrinks to a tenth with gzip.
Compressing a response that holds a secret next to text an attacker controls leaks the
secret through the compressed length (BREACH). So only these are compressed:

- answers of /graphql/ with a JSON media type (application/json or
  application/graphql-response+json);
- to a request without a signed-in session, or one authenticated by its own bearer token
  (an `Authorization` header a browser never adds by itself, so no other site can make a
  browser send it, and the answer has no CSRF token or session secret).

A session-authenticated answer of /graphql/ (a browser with the admin's cookie) and every
HTML page (CSRF tokens in forms) are sent uncompressed. Static files are compressed ahead of
time by collectstatic and served as such by WhiteNoise (cms/settings/production.py).
"""

from django.middleware.gzip import GZipMiddleware

COMPRESSED_TYPES = ("application/json", "application/graphql-response+json")


def may_compress(request, response) -> bool:
    if not request.path_info.startswith("/graphql/"):
        return False
    media_type = response.get("Content-Type", "").partition(";")[0].strip().lower()
    if media_type not in COMPRESSED_TYPES:
        return False
    user = getattr(request, "user", None)
    signed_in = user is not None and user.is_authenticated
    return not signed_in or bool(request.META.get("HTTP_AUTHORIZATION"))


class ApiGZipMiddleware(GZipMiddleware):
    """Django's GZipMiddleware (Vary: Accept-Encoding, ETag weakened, nothing under 200
    bytes) for what `may_compress` allows."""

    def process_response(self, request, response):
        if not may_compress(request, response):
            return response
        return super().process_response(request, response)
