"""Concurrent edits of a page: a form opened from an older revision is refused, not saved
over what was saved in between (docs/operations.md, "Concurrent edits").

The page editor posts the revision it was opened from: Wagtail's hidden inputs
`loaded_revision_id` and `loaded_revision_created_at`, and `overwrite_revision_id` when the
editor's own autosave made a revision. `EditConflictFormMixin.clean` compares that with the
page's latest revision:

- the same revision (and the same time: an autosave of another window rewrites a revision
  in place), or the revision this editor's own autosave made: no conflict;
- a newer revision that changed none of the form's fields: no conflict (nothing would be
  lost);
- otherwise a form error naming who saved in between, when, and which fields changed
  (the two revisions compared field by field, with the form's labels). Nothing is saved;
  the input stays in the form. The page comes back with the latest revision as its
  starting point, so saving again deliberately makes this version the newest; both
  revisions stay in the history either way;
- a starting revision that is not one of this page's (forged, or from another page): refused.

The check and the save are one step: `AtomicPageEditMiddleware` runs a POST to the page
editor in one transaction, and the check locks the page's row (SELECT … FOR UPDATE on
PostgreSQL) before it reads the latest revision, so of two saves posted at the same moment
the second waits for the first to commit and then sees its revision (SQLite, the one-process
development database, runs one writer at a time anyway).

A form posted without the inputs (an old client, a script) is not checked. After an autosave,
`get_field_updates_for_resave` moves the form's inputs to the new revision, so the editor's
own autosaves never count as someone else's save.

Every page type gets it: `cms.apps` makes `ConflictCheckingPageForm` the base form of
`Page`, and page forms of our own (services.models.pages.ServicePageForm) subclass it.
Snippets keep no revisions in this project, so they have nothing to compare.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import Resolver404, resolve, reverse
from django.utils import formats, timezone
from django.utils.html import format_html
from django.utils.translation import gettext as _
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Revision

# How many of the people who saved in between, and how many changed fields, are named.
MAX_NAMED = 5
# Rich text keeps an editor's block keys (for comments), which are not content.
BLOCK_KEY = re.compile(r'\s+data-block-key="[^"]*"')


@dataclass
class Conflict:
    page: object
    base: Revision | None  # None: the starting revision is not this page's
    latest: Revision
    saved_since: list[Revision]
    fields: list[str]
    known: bool = True  # False when the base was rewritten in place (its content is gone)


def _who(revision: Revision) -> str:
    user = revision.user
    if user is None:
        return _("an automatic process")
    return user.get_full_name() or user.get_username()


def _when(revision: Revision) -> str:
    return formats.date_format(timezone.localtime(revision.created_at), "DATETIME_FORMAT")


def _text(field, obj) -> str:
    value = field.value_from_object(obj)
    if isinstance(field, StreamField):
        value = json.dumps(field.get_prep_value(value), sort_keys=True, default=str)
    return BLOCK_KEY.sub("", str(value))


def _really_changed(diff, before, after) -> bool:
    """The comparison's verdict, except that rich text differing only in block keys has not
    changed."""
    if not diff.has_changed():
        return False
    field = diff.field
    if isinstance(field, RichTextField | StreamField):
        return _text(field, before) != _text(field, after)
    return True


def _as_int(value) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


class EditConflictFormMixin:
    """For a Wagtail admin form of a model with revisions (a page form)."""

    edit_conflict: Conflict | None = None

    def clean(self):
        cleaned = super().clean()
        self.edit_conflict = self.find_edit_conflict()
        if self.edit_conflict is not None:
            self.add_error(None, ValidationError(conflict_message(self.edit_conflict)))
        return cleaned

    def get_field_updates_for_resave(self):
        """After an autosave, the form starts from the revision it just wrote."""
        updates = list(super().get_field_updates_for_resave())
        revision = self.instance.get_latest_revision()
        if revision is not None:
            updates.append(("loaded_revision_id", str(revision.pk)))
            updates.append(("loaded_revision_created_at", revision.created_at.isoformat()))
        return updates

    # --- the rule -------------------------------------------------------------------------------
    def find_edit_conflict(self) -> Conflict | None:
        page = self.instance
        if not self.is_bound or page.pk is None:
            return None
        overwrite = self.data.get("overwrite_revision_id")
        loaded = self.data.get("loaded_revision_id")
        if not overwrite and not loaded:
            return None
        if transaction.get_connection().in_atomic_block:
            # Held until the save commits (AtomicPageEditMiddleware): no save in between.
            type(page)._default_manager.select_for_update().filter(pk=page.pk).exists()
        latest = page.get_latest_revision()
        if latest is None:
            return None
        revisions = Revision.objects.for_instance(page)
        base_id = _as_int(overwrite or loaded)
        base = revisions.filter(pk=base_id).first() if base_id is not None else None
        if base is None:
            return Conflict(page, None, latest, [latest], [])
        if base.pk == latest.pk:
            loaded_at = self.data.get("loaded_revision_created_at")
            if overwrite or not loaded_at or loaded_at == latest.created_at.isoformat():
                return None
            # Rewritten in place since it was loaded: another window's autosave.
            return Conflict(page, base, latest, [latest], [], known=False)
        saved_since = list(
            revisions.filter(created_at__gt=base.created_at)
            .exclude(pk=base.pk)
            .select_related("user")
            .order_by("created_at", "pk")
        ) or [latest]
        fields = self.changed_fields(base, latest)
        if not fields:
            return None
        return Conflict(page, base, latest, saved_since, fields)

    def changed_fields(self, base: Revision, latest: Revision) -> list[str]:
        """The labels of this form's fields whose values differ between the revisions."""
        before, after = base.as_object(), latest.as_object()
        panel = type(self.instance).get_edit_handler()
        comparisons = panel.get_bound_panel(
            instance=after, request=None, form=None
        ).get_comparison()
        formsets = getattr(self, "formsets", {})
        labels = []
        for comparison in comparisons:
            diff = comparison(before, after)
            name = diff.field.name
            if name not in self.fields and name not in formsets:
                continue  # not in this user's form: not theirs to overwrite (nor to see)
            if _really_changed(diff, before, after):
                labels.append(str(diff.field_label()))
        return labels


PAGE_EDIT_VIEWS = frozenset({"wagtailadmin_pages:edit"})


class AtomicPageEditMiddleware:
    """A POST to the page editor runs in one transaction, so the conflict check (which locks
    the page's row) and the save that follows cannot be split by another save."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method == "POST" and _is_page_edit(request):
            with transaction.atomic():
                response = self.get_response(request)
                if response.status_code >= 500:
                    # An exception below became this answer: nothing of it is kept.
                    transaction.set_rollback(True)
                return response
        return self.get_response(request)


def _is_page_edit(request) -> bool:
    if not request.path_info.startswith("/admin/pages/"):
        return False
    try:
        match = resolve(request.path_info, getattr(request, "urlconf", None))
    except Resolver404:
        return False
    return match.view_name in PAGE_EDIT_VIEWS


def conflict_message(conflict: Conflict):
    page = conflict.page
    reload_url = reverse("wagtailadmin_pages:edit", args=[page.pk])
    if conflict.base is None:
        return format_html(
            '{} <a href="{}">{}</a>',
            _(
                "This form does not say which version of the page it was opened from, so it "
                "could overwrite changes made since. Nothing was saved."
            ),
            reload_url,
            _("Open the page again"),
        )
    people = {}
    for revision in conflict.saved_since:
        people[revision.user_id] = revision  # the latest save of each person
    named = [f"{_who(r)} ({_when(r)})" for r in list(people.values())[-MAX_NAMED:]]
    if conflict.known:
        shown = conflict.fields[:MAX_NAMED]
        fields = ", ".join(shown)
        if len(conflict.fields) > len(shown):
            fields += " " + _("and %(count)s more") % {"count": len(conflict.fields) - len(shown)}
        what = _("%(who)s saved this page after you opened it. Changed in between: %(fields)s.") % {
            "who": ", ".join(named),
            "fields": fields,
        }
    else:
        what = _("%(who)s saved this page in another window after you opened it here.") % {
            "who": ", ".join(named)
        }
    advice = _(
        "Nothing of yours was saved: your changes are still in this form. See the newest "
        "version in a new tab, or save again to make your version the newest (the other "
        "version stays in the history)."
    )
    links = [(reload_url, _("Open the newest version"))]
    if conflict.known:
        links.append(
            (
                reverse(
                    "wagtailadmin_pages:revisions_compare",
                    args=[page.pk, conflict.base.pk, conflict.latest.pk],
                ),
                _("Compare the versions"),
            )
        )
    return format_html(
        "{} {} {}",
        what,
        advice,
        format_html(
            " · ".join(['<a href="{}" target="_blank" rel="noopener">{}</a>'] * len(links)),
            *[part for link in links for part in link],
        ),
    )


class ConflictCheckingPageForm(EditConflictFormMixin, WagtailAdminPageForm):
    """The base form of every page type (cms.apps)."""
