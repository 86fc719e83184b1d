"""The frontend's pages, one module per part. Thin: each view reads its data with
frontend.api.query (GraphQL documents of graphql/queries/) and renders a template."""

from django.utils.translation import get_language


def locale(request) -> str:
    """The content locale of the page: the language of its URL prefix (fi, sv, en)."""
    return get_language() or "fi"
