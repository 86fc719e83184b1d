"""Content-Security-Policy: one strict policy, relaxed only where a screen needs it.

``CONTENT_SECURITY_POLICY`` (settings) applies to every response. Under ``/admin/``
``CSP_ADMIN_EXTRA`` is added, because Wagtail 7.4's admin still runs inline widget
scripts (choosers, inline panels, date pickers) and its React parts (Draftail, the
wagtail-localize editor) insert ``<style>`` elements. On ``/graphql/``, only while
GraphiQL is enabled (never in production), ``CSP_GRAPHIQL_EXTRA`` adds the data: fonts of
its stylesheet; its scripts and styles are the project's own static files.
docs/security.md "Production headers and CSP".
"""

from csp.middleware import CSPMiddleware as BaseCSPMiddleware
from django.conf import settings


def extra_sources(path: str) -> dict[str, list[str]]:
    """The sources added to the policy for this request path."""
    if path.startswith("/admin/"):
        return settings.CSP_ADMIN_EXTRA
    if path.startswith("/graphql/") and settings.GRAPHIQL_ENABLED:
        return settings.CSP_GRAPHIQL_EXTRA
    return {}


class CSPMiddleware(BaseCSPMiddleware):
    """django-csp's middleware with the per-area additions of :func:`extra_sources`."""

    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only=report_only)
        extra = extra_sources(request.path_info)
        if extra and not report_only:
            update = {key: list(value) for key, value in (parts.update or {}).items()}
            for directive, sources in extra.items():
                update[directive] = [*update.get(directive, []), *sources]
            parts.update = update
        return parts
