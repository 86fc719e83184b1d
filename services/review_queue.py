"""The producers' review queue: the dashboard's "Awaiting your review" panel.

Wagtail's own panel (WorkflowObjectsToModeratePanel) lists a title, task icons and "Task
submitted by" (no Finnish translation), and runs several queries per row (actions,
permissions, tasks). A producer needs to know whose service it is, for which municipality,
how long it has waited and by when it must be done; two services with the same name
("Ammatinvalinnan ryhmä nuorille" by two providers) must be told apart. `review_queue`
gives those rows in a fixed number of queries; `ReviewQueuePanel` replaces Wagtail's panel
(`replace_moderation_panel`, registered in wagtail_hooks.py as construct_homepage_panels).

Only the service catalogues have a review workflow (services.setup), so every row is a
service; a task state whose object is not a service is left to Wagtail's screens (the
workflow report lists it).
"""

import datetime as dt
from dataclasses import dataclass

from django.urls import reverse
from laces.components import Component
from wagtail.models import TaskState

from .models.workflows import REVIEW_ACTIONS, MunicipalReviewTask
from .pipeline import Review, place_label, reviews
from .sharing import label as person_name

MODERATION_PANEL = "workflow_objects_to_moderate"  # Wagtail's panel's name


@dataclass
class QueueRow:
    review: Review
    task_state: TaskState
    submitted_by: str
    place: str

    @property
    def page(self):
        return self.review.page

    @property
    def days_waiting(self) -> int:
        return int(self.review.waited_days)

    @property
    def target(self) -> dt.date:
        return self.review.deadline

    @property
    def overdue(self) -> bool:
        return self.review.overdue

    @property
    def edit_url(self) -> str:
        return reverse("wagtailadmin_pages:edit", args=[self.page.pk])

    @property
    def actions(self):
        """(label, url, opens a dialog) of the review's actions: a row is only listed for
        those who may act on it (MunicipalReviewTask.get_task_states_user_can_moderate),
        and the task checks again when the action is posted."""
        return [
            (
                label,
                reverse(
                    "wagtailadmin_pages:workflow_action",
                    args=[self.page.pk, name, self.task_state.pk],
                ),
                modal,
            )
            for name, label, modal in REVIEW_ACTIONS
        ]

    @property
    def compare_url(self) -> str | None:
        if not self.page.live_revision_id or not self.task_state.revision_id:
            return None
        return reverse(
            "wagtailadmin_pages:revisions_compare",
            args=[self.page.pk, "live", self.task_state.revision_id],
        )


def submitter(task_state) -> str:
    """Who submitted the reviewed revision: their name (never the username where a name
    exists)."""
    revision = task_state.revision
    return person_name(revision.user) if revision and revision.user else ""


def review_queue(user) -> list[QueueRow]:
    """The services waiting for `user`'s municipal review, longest-waiting first.

    A fixed number of queries whatever the number of rows: the user's reviewable task
    states (with their submitters), then `pipeline.reviews` of those workflows."""
    task = MunicipalReviewTask.objects.filter(active=True).first()
    if task is None:
        return []
    task_states = {
        ts.workflow_state_id: ts
        for ts in task.get_task_states_user_can_moderate(user).select_related("revision__user")
    }
    if not task_states:
        return []
    rows = [
        QueueRow(
            review=review,
            task_state=task_states[review.workflow_state.pk],
            submitted_by=submitter(task_states[review.workflow_state.pk]),
            place=place_label(review.page),
        )
        for review in reviews(only=list(task_states))
        if review.workflow_state.pk in task_states
    ]
    rows.sort(key=lambda row: (-row.review.waited_days, row.page.pk))
    return rows


class ReviewQueuePanel(Component):
    name = MODERATION_PANEL
    template_name = "services/home/review_queue.html"
    order = 220  # Wagtail's panel's place on the dashboard

    def get_context_data(self, parent_context):
        request = parent_context["request"]
        return {
            "rows": review_queue(request.user),
            "request": request,
            "csrf_token": parent_context.get("csrf_token"),
        }


def replace_moderation_panel(request, panels):
    """construct_homepage_panels: our review queue in place of Wagtail's panel."""
    for index, panel in enumerate(panels):
        if getattr(panel, "name", None) == MODERATION_PANEL and not isinstance(
            panel, ReviewQueuePanel
        ):
            panels[index] = ReviewQueuePanel()
