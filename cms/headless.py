"""The CMS renders no Wagtail pages: frontends read the content through GraphQL (our
own frontend, frontend/, at `/` included).

Wagtail's front end (``wagtail.urls``: ``serve`` of every page, the password form of
view-restricted pages and their login view) is not routed. Two of its URL names stay,
pointing at a 404, because Wagtail reverses them: ``wagtail_serve`` gives pages
their paths (the admin's "view live" links, the API's rich text ``href``; reserved
for a frontend) and ``wagtailcore_login`` is reversed by the view-restriction hooks
(documents use ``WAGTAIL_FRONTEND_LOGIN_URL``, the admin login). docs/security.md
"Headless: no page HTML".
"""

from django.http import JsonResponse
from django.urls import path, re_path
from wagtail.urls import serve_pattern

POINTERS = {"api": "/graphql/", "admin": "/admin/"}


def no_page(request, *args, **kwargs):
    """Any page address: 404, pointing to the API."""
    return JsonResponse(
        {
            "error": "Not found. This CMS serves no pages; read the content through the API.",
            **POINTERS,
        },
        status=404,
    )


urlpatterns = [
    path("_util/login/", no_page, name="wagtailcore_login"),
    re_path(serve_pattern, no_page, name="wagtail_serve"),
]
