"""Tags of the site's shell (frontend/templates/frontend/base.html): the language switcher.

The same page in another language is the same path with the language prefix changed
(Finnish, the default, has none: `/services/`, `/sv/services/`, `/en/services/`; cms/urls.py's
i18n_patterns) and the same query string, so a search or a filtered list stays as it is.
"""

from django import template
from django.conf import settings
from django.utils.translation import get_language

register = template.Library()


def _default() -> str:
    return settings.LANGUAGE_CODE.split("-")[0]


def unprefixed(path: str) -> str:
    """`path` (a path_info) without its language prefix."""
    for code, _name in settings.LANGUAGES:
        if code == _default():
            continue
        if path == f"/{code}" or path.startswith(f"/{code}/"):
            return path[len(code) + 1 :] or "/"
    return path


def in_language(path: str, code: str) -> str:
    """`path` (a path_info, with or without a prefix) with the prefix of `code`."""
    rest = unprefixed(path)
    return rest if code == _default() else f"/{code}{rest}"


@register.simple_tag(takes_context=True)
def language_links(context):
    """[{code, name, url, current}] for each language of the site, in settings.LANGUAGES."""
    request = context.get("request")
    current = (get_language() or _default()).split("-")[0]
    if request is None:
        path, query, script = "/", "", ""
    else:
        path = request.path_info
        query = request.META.get("QUERY_STRING", "")
        script = request.META.get("SCRIPT_NAME", "").rstrip("/")
    return [
        {
            "code": code,
            "name": name,
            "url": script + in_language(path, code) + (f"?{query}" if query else ""),
            "current": code == current,
        }
        for code, name in settings.LANGUAGES
    ]
