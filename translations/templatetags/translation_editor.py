"""`{% translator_editor as editor %}`: the translator's footer of wagtail-localize's
editor (translations.editor)."""

from django import template

from translations.editor import translator_editor as _translator_editor

register = template.Library()


@register.simple_tag(takes_context=True)
def translator_editor(context):
    request = context.get("request")
    instance = context.get("instance")
    translation = context.get("translation")
    if request is None or instance is None or translation is None:
        return None
    return _translator_editor(request.user, translation, instance, context["props"])
