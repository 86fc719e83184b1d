"""The translators' dashboard panel (registered in wagtail_hooks.py): the work list of
`translations.worklist`."""

from django.template.loader import render_to_string
from laces.components import Component

from .worklist import is_translator, translation_work


class TranslationWorkPanel(Component):
    order = 15

    def __init__(self, work):
        self.work = work

    def render_html(self, parent_context=None):
        return render_to_string(
            "translations/work_panel.html",
            {"work": self.work},
            request=parent_context.get("request") if parent_context else None,
        )


def translation_work_panel(request, panels):
    """construct_homepage_panels: the translation work waiting, for translators only."""
    if is_translator(request.user):
        panels.append(TranslationWorkPanel(translation_work(request.user)))
