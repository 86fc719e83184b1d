from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path, re_path
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.admin.auth import require_admin_access
from wagtail.documents import urls as wagtaildocs_urls

from cms import headless
from cms.api.views import GraphQLView
from cms.health import healthz, readyz
from cms.invitations import invitation_view
from cms.login_throttling import ThrottledAccountView, ThrottledPasswordResetView
from cms.observability import metrics_view

# An outage of the database or the cache answers 503 with Retry-After, any other uncaught
# exception Django's 500 (cms/failure.py).
handler500 = "cms.failure.server_error"

urlpatterns = [
    # Liveness and readiness (cms/health.py): answered by cms.health.HealthCheckMiddleware
    # before the Host check, sessions and the rate limit; here for reverse() and as a fallback.
    re_path(r"^healthz/?$", healthz, name="healthz"),
    re_path(r"^readyz/?$", readyz, name="readyz"),
    # Wagtail's account settings; the current password, needed to change the password or
    # the e-mail address, is checked like a login (cms/login_throttling.py).
    path(
        "admin/account/",
        require_admin_access(ThrottledAccountView.as_view()),
        name="wagtailadmin_account",
    ),
    # Wagtail's password reset form, throttled like the login (cms/login_throttling.py).
    path(
        "admin/password_reset/",
        ThrottledPasswordResetView.as_view(),
        name="wagtailadmin_password_reset",
    ),
    # An invitation link (cms/invitations.py): opened before the person may have an account.
    path("admin/invitations/<str:key>/", invitation_view, name="cms_invitation"),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    # GraphiQL is shown to browsers only while settings.GRAPHIQL_ENABLED, read per request
    # by the view (cms/api/views.py).
    path("graphql/", GraphQLView.as_view(graphiql=True), name="graphql"),
    # Prometheus metrics, for METRICS_TOKEN or METRICS_ALLOWED_IPS only (cms/observability.py).
    path("metrics", metrics_view, name="metrics"),
]

# The frontend (frontend/, docs/frontend.md): the public catalogue and the staff view,
# built from the GraphQL API only. Finnish at `/`, Swedish at `/sv/`, English at `/en/`.
urlpatterns += i18n_patterns(path("", include("frontend.urls")), prefix_default_language=False)

# No Wagtail page HTML: every other page address answers 404 (cms/headless.py; never
# Wagtail's front end, wagtail.urls).
urlpatterns += [path("", include(headless))]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
