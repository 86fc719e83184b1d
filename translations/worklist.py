"""The translators' work list: what waits for them in the languages they translate.

- **Needs an update**: a translation whose Finnish source was published again after the
  translation was last saved (the rule of `translations.workflow.needs_update`).
- **Sent back**: a translation the review returned ("Request changes"), with the
  reviewer's comment; it is corrected in the editor and submitted again.
- **Not translated yet**: Finnish pages published in the catalogue whose parent already
  has a version in the language (so "Translate this page" can place it) but which have
  none themselves.

The translator's languages are the locales of the pages they may edit (their role's page
permissions: the Swedish and English catalogues, `cms.roles.PageScope.TRANSLATIONS`), so
each translator sees the work of their own languages, never that of pages they cannot
edit. Everything is read in a fixed number of queries, whatever the number of rows.
The dashboard panel (`panels.TranslationWorkPanel`) shows it to translators only.
"""

import datetime
from dataclasses import dataclass, field

from django.contrib.contenttypes.models import ContentType
from django.utils.translation import gettext_lazy as _
from wagtail.models import Locale, Page, WorkflowState
from wagtail.permission_policies.pages import PagePermissionPolicy
from wagtail_localize.models import Translation

from cms.models import Membership
from cms.roles import Role

EPOCH = datetime.datetime(1970, 1, 1, tzinfo=datetime.UTC)
# Rows shown per section; the count says how many there are in all.
LIMIT = 10


def person_name(user) -> str:
    """A person as people know them: the full name, else the e-mail, else the username."""
    if user is None:
        return ""
    return user.get_full_name() or user.email or user.get_username()


def is_translator(user) -> bool:
    """Has an active translator membership (the dashboard panel is for them)."""
    return Membership.objects.active().filter(user=user, role=Role.TRANSLATOR).exists()


@dataclass(frozen=True)
class WorkItem:
    page: Page  # the translated page (needs update, sent back) or the Finnish source
    locale: Locale
    since: object = None  # datetime: source published / sent back
    by: str = ""  # the reviewer who sent it back
    comment: str = ""


@dataclass
class TranslationWork:
    needs_update: list = field(default_factory=list)
    sent_back: list = field(default_factory=list)
    untranslated: list = field(default_factory=list)
    counts: dict = field(default_factory=dict)

    @property
    def sections(self):
        """(key, heading, rows shown, count of all) per section."""
        return [
            (key, title, getattr(self, key), self.counts.get(key, 0))
            for key, title in (
                ("needs_update", _("Needs an update")),
                ("sent_back", _("Sent back from review")),
                ("untranslated", _("Not translated yet")),
            )
        ]

    @property
    def empty(self) -> bool:
        return not (self.needs_update or self.sent_back or self.untranslated)


def editable_translated_pages(user):
    """The pages outside the source language that the user may edit."""
    return (
        PagePermissionPolicy()
        .instances_user_has_permission_for(user, "change")
        .exclude(locale=Locale.get_default())
    )


def translation_work(user, limit: int = LIMIT) -> TranslationWork:
    work = TranslationWork()
    editable = editable_translated_pages(user)
    locale_ids = set(editable.values_list("locale_id", flat=True).distinct())
    if not locale_ids:
        return work
    locales = Locale.objects.in_bulk(locale_ids)
    page_type = ContentType.objects.get_for_model(Page)

    # Needs an update: enabled translations into the user's languages whose source was
    # re-read after the target's last revision.
    translations = Translation.objects.filter(
        enabled=True,
        target_locale_id__in=locale_ids,
        source__object__content_type=page_type,
    ).values_list("source__object_id", "target_locale_id", "source__last_updated_at")
    source_updated = {(key, locale): updated for key, locale, updated in translations}
    targets = editable.filter(
        translation_key__in={key for key, _locale in source_updated},
        alias_of__isnull=True,
    ).only(
        "id", "title", "draft_title", "translation_key", "locale_id", "latest_revision_created_at"
    )
    outdated = [
        page
        for page in targets
        if (page.translation_key, page.locale_id) in source_updated
        and (
            page.latest_revision_created_at is None
            or source_updated[(page.translation_key, page.locale_id)]
            > page.latest_revision_created_at
        )
    ]
    outdated.sort(key=lambda page: source_updated[(page.translation_key, page.locale_id)])
    work.needs_update = [
        WorkItem(
            page,
            locales[page.locale_id],
            since=source_updated[(page.translation_key, page.locale_id)],
        )
        for page in outdated[:limit]
    ]
    work.counts["needs_update"] = len(outdated)

    # Sent back: the review asked for changes.
    states = (
        WorkflowState.objects.filter(
            status=WorkflowState.STATUS_NEEDS_CHANGES,
            base_content_type=page_type,
            object_id__in=[str(pk) for pk in editable.values_list("pk", flat=True)],
        )
        .select_related("current_task_state__finished_by")
        .order_by("current_task_state__finished_at")
    )
    states = list(states)
    pages = Page.objects.in_bulk([int(state.object_id) for state in states[:limit]])
    work.sent_back = [
        WorkItem(
            pages[int(state.object_id)],
            locales[pages[int(state.object_id)].locale_id],
            since=state.current_task_state.finished_at if state.current_task_state else None,
            by=person_name(state.current_task_state.finished_by)
            if state.current_task_state
            else "",
            comment=(state.current_task_state.comment or "") if state.current_task_state else "",
        )
        for state in states[:limit]
        if int(state.object_id) in pages
    ]
    work.counts["sent_back"] = len(states)

    # Not translated yet: live Finnish pages without children (services, policies, content
    # pages; not folders) with no version in the language, whose parent has one.
    default = Locale.get_default()
    keys_by_locale = {locale_id: set() for locale_id in locale_ids}
    for key, locale_id in Page.objects.filter(locale_id__in=locale_ids).values_list(
        "translation_key", "locale_id"
    ):
        keys_by_locale[locale_id].add(key)
    parents = dict(
        Page.objects.filter(locale=default, numchild__gt=0).values_list("path", "translation_key")
    )
    sources = (
        Page.objects.live()
        .filter(locale=default, alias_of__isnull=True, numchild=0, depth__gt=2)
        .only("id", "title", "path", "depth", "translation_key", "first_published_at")
    )
    untranslated = [
        (page, locale_id)
        for page in sources
        for locale_id in sorted(locale_ids)
        if page.translation_key not in keys_by_locale[locale_id]
        and parents.get(page.path[: -Page.steplen]) in keys_by_locale[locale_id]
    ]
    untranslated.sort(key=lambda row: row[0].first_published_at or EPOCH, reverse=True)
    work.untranslated = [
        WorkItem(page, locales[locale_id], since=page.first_published_at)
        for page, locale_id in untranslated[:limit]
    ]
    work.counts["untranslated"] = len(untranslated)
    return work
