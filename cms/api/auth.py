"""Bearer-token authentication of API requests (`Authorization: Bearer <API token>`).

A valid token makes its user the request's user for that request only: no session is
started, and no CSRF token is needed (a browser never adds this header to a cross-site
request by itself). Any other Authorization header is refused rather than ignored, so a
client that sends a broken or revoked token finds out instead of silently reading as
an anonymous user.
"""

from cms.models import ApiToken

INVALID_TOKEN = "Invalid or expired API token."
UNSUPPORTED_SCHEME = "Unsupported authorization scheme: send 'Authorization: Bearer <API token>'."


class ApiAuthenticationError(Exception):
    """The request carries credentials that do not authenticate anybody (HTTP 401)."""

    def __init__(self, message: str, www_authenticate: str):
        super().__init__(message)
        self.message = message
        self.www_authenticate = www_authenticate


def bearer_user(request):
    """The user of the request's bearer token; None when it sends no Authorization header.

    Raises ApiAuthenticationError for an unknown scheme or a token that is invalid,
    revoked or expired, or whose user is inactive or has no active membership.
    """
    header = request.META.get("HTTP_AUTHORIZATION", "").strip()
    if not header:
        return None
    scheme, _, credentials = header.partition(" ")
    if scheme.lower() != "bearer":
        raise ApiAuthenticationError(UNSUPPORTED_SCHEME, 'Bearer realm="api"')
    credentials = credentials.strip()
    user = ApiToken.authenticate(credentials) if credentials else None
    if user is None:
        raise ApiAuthenticationError(INVALID_TOKEN, 'Bearer realm="api", error="invalid_token"')
    return user
