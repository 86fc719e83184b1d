"""How translations move: the Finnish source changes, translators catch up, and a
translation is published through the same municipal review as a Finnish edit.

- When a Finnish service is published, its wagtail-localize source is re-read
  (`sync_source`): changed texts become new, untranslated segments, which the
  translator sees highlighted in wagtail-localize's editor, and the translation
  counts as needing an update (`needs_update`) until they are translated.
- Translators may not publish. `submit_for_review` saves the translation as a
  draft revision of the target page (`save_draft`: the live content stays as it
  is until the review approves the draft) and starts the catalogue's workflow (the municipal
  review of the service's responsible municipality); the approved revision is
  published by the workflow, as for a Finnish edit.
"""

from django.core.exceptions import ObjectDoesNotExist, PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from wagtail.models import Page, WorkflowState
from wagtail_localize.models import Translation, TranslationSource

from cms.access import may_read_internal

SUBMIT_TRANSLATION = "wagtail_localize.submit_translation"


def translations_of(page):
    """The wagtail-localize translations whose source is this page."""
    return Translation.objects.filter(
        source__object_id=page.translation_key,
        source__specific_content_type_id=page.content_type_id,
        source__locale_id=page.locale_id,
    ).select_related("source", "target_locale")


def translation_into(page):
    """The translation that produced this page (a target), or None."""
    return (
        Translation.objects.filter(
            source__object_id=page.translation_key, target_locale_id=page.locale_id
        )
        .select_related("source", "target_locale")
        .first()
    )


def sync_source(page) -> int:
    """Re-read the published source into its translation source; returns how many
    translations now wait for new segments."""
    sources = TranslationSource.objects.filter(
        object_id=page.translation_key, locale_id=page.locale_id
    )
    outdated = 0
    for source in sources:
        source.update_from_db()
        source.refresh_segments()
        outdated += sum(needs_update(t) for t in source.translations.all())
    return outdated


def progress(translation) -> tuple[int, int]:
    """(segments, translated segments)."""
    return translation.get_progress()


def needs_update(translation) -> bool:
    """The source was re-read (changed and published) after the translation was last
    saved: the target lacks the change. wagtail-localize's own
    `destination_last_updated_at` is never set, so the target's revisions tell."""
    target = translation.get_target_instance()
    saved = getattr(target, "latest_revision_created_at", None)
    return saved is None or translation.source.last_updated_at > saved


def changed_segments(translation) -> list[str]:
    """The source texts without a translation yet: after a source change, what changed."""
    segments = translation.source.stringsegment_set.select_related("string").order_by("order")
    translated = set(
        segments.get_translations(translation.target_locale).values_list(
            "translation_of_id", flat=True
        )
    )
    return [s.string.data for s in segments if s.string_id not in translated]


def can_submit(user, page) -> bool:
    """Translators (and maintainers) who may edit the translated page; a service's
    translation includes its internal information, so never a provider. Not while a
    review is in progress; a translation sent back ("request changes") is resubmitted."""
    return (
        user.has_perm(SUBMIT_TRANSLATION)
        and may_read_internal(user)
        and page.permissions_for_user(user).can_edit()
        and not page.workflow_in_progress
    )


def save_draft(translation, target, user):
    """The translation as a new draft revision of the target, live content untouched.

    wagtail-localize's `save_target(publish=False)` also writes the draft into the
    page row, which is the live content of a published page: the unreviewed text
    would be public (the API and Wagtail's own serving read the row). So the row is
    put back to the live revision, keeping the new revision as the latest draft.
    """
    live_revision = target.live_revision if target.live else None
    translation.save_target(user=user, publish=False)
    if live_revision is None:
        return
    draft = type(target).objects.get(pk=target.pk)
    live = live_revision.as_object()
    live.latest_revision_id = draft.latest_revision_id
    live.draft_title = draft.draft_title
    live.has_unpublished_changes = True
    live.live = True
    live.save(clean=False)


@transaction.atomic
def submit_for_review(translation, user):
    """Save the translation as a draft of its target and start the municipal review."""
    target = translation.get_target_instance()
    if isinstance(target, Page):
        target = target.specific
    if not can_submit(user, target):
        raise PermissionDenied(_("You cannot submit this translation for review."))
    save_draft(translation, target, user)
    target = type(target).objects.get(pk=target.pk)
    state = target.current_workflow_state
    if state is not None and state.status == WorkflowState.STATUS_NEEDS_CHANGES:
        # Sent back by the reviewer: the same review continues with the new draft (as
        # Wagtail's "Resubmit"), so the pipeline's waiting time keeps counting.
        state.resume(user)
        return state
    workflow = target.get_workflow()
    if workflow is None:
        raise ValidationError(_("No review workflow applies to this page."))
    return workflow.start(target, user)


def may_manage_sync(user, page) -> bool:
    """Who may end a translated page's synchronisation ("Stop synced translation") or
    replace it by its source ("Convert to alias page"): whoever may publish it (the
    responsible municipality's producers, maintainers), never a translator, whose work
    goes through the municipal review (`submit_for_review`)."""
    return page.permissions_for_user(user).can_publish()


def may_change_live_content(user, url_name: str, kwargs: dict, data) -> bool:
    """wagtail-localize's screens that publish, overwrite or unlink live pages ask only
    whether the user may edit them: "Sync translated pages" with "publish", "Convert to
    alias" (which replaces the translated page by the source at once) and "Stop synced
    translation". Those are for whoever may publish the pages concerned
    (`may_manage_sync`); a translator's work is published through the municipal review."""
    if url_name == "update_translations" and data.get("publish_translations"):
        source = TranslationSource.objects.filter(pk=kwargs.get("translation_source_id")).first()
        if source is None:
            return True  # wagtail-localize answers 404
        locales = source.translations.filter(enabled=True).values("target_locale_id")
        pages = Page.objects.filter(translation_key=source.object_id, locale_id__in=locales)
    elif url_name == "convert_to_alias":
        pages = Page.objects.filter(pk=kwargs.get("page_id"))
    elif url_name == "stop_translation":
        translation = Translation.objects.filter(pk=kwargs.get("translation_id")).first()
        if translation is None:
            return True  # wagtail-localize answers 404
        try:
            target = translation.get_target_instance()
        except ObjectDoesNotExist:
            return True  # no target: wagtail-localize's own answer
        if not isinstance(target, Page):
            return True  # a snippet's translation: wagtail-localize's own edit check
        pages = [target]
    else:
        return True
    return all(may_manage_sync(user, page) for page in pages)
