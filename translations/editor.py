"""The translator's footer in wagtail-localize's translation editor.

wagtail-localize's React editor builds its footer from the view's props: "Stop synced
translation" always, "Convert to alias page" when there is a source page, then delete,
lock and unpublish by `perms`, and "Publish in …" last; the last action becomes the
primary button. A translator may not publish, so their primary button was "Convert to
alias page", which replaces their translation by the Finnish page at once.

Whoever may not publish the translated page (translators) therefore gets our footer
instead (`templates/wagtail_localize/admin/edit_translation.html`): **Submit translation
for review** (the municipal review, `translations.workflow.submit_for_review`) as the
primary action and the preview; no alias, no stop-sync. Those two are also refused on the
server (`translations.workflow.may_change_live_content`, applied by the guard on
wagtail-localize's URLs). Producers and maintainers, who may publish, keep
wagtail-localize's own footer.
"""

import json
from dataclasses import dataclass

from django.urls import reverse
from wagtail.models import Page

from .workflow import can_submit, may_manage_sync

# Links of the editor's props that lead to what a translator may not do.
TRANSLATOR_HIDDEN_LINKS = ("stopTranslationUrl", "convertToAliasUrl")


@dataclass(frozen=True)
class TranslatorEditor:
    """What the translator's footer shows for one translated page."""

    submit_url: str | None  # None: cannot submit now (see `in_review`)
    in_review: bool
    preview_url: str | None
    props: str  # the React editor's props without the hidden links


def translator_editor(user, translation, instance, props: str) -> TranslatorEditor | None:
    """The translator's footer for this editor, or None when the user may manage the
    translation's synchronisation and publication (wagtail-localize's own footer)."""
    if not isinstance(instance, Page) or may_manage_sync(user, instance):
        return None
    data = json.loads(props)
    for name in TRANSLATOR_HIDDEN_LINKS:
        data.get("links", {})[name] = None
    preview_modes = data.get("previewModes") or []
    return TranslatorEditor(
        submit_url=(
            reverse("translations_submit", args=[instance.pk])
            if can_submit(user, instance)
            else None
        ),
        in_review=instance.workflow_in_progress,
        preview_url=preview_modes[0]["url"] if preview_modes else None,
        props=json.dumps(data),
    )


def hide_convert_to_alias(menu_items, request, context):
    """construct_page_action_menu: wagtail-localize's "Convert to alias page" in the page
    editor (a translation whose synchronisation was stopped) only for whoever may use it
    (`may_manage_sync`)."""
    page = context.get("page")
    if page is None or may_manage_sync(request.user, page):
        return
    menu_items[:] = [item for item in menu_items if item.name != "localize-convert-to-alias"]
