"""The update pair's review step: a Wagtail Task only the responsible municipality can act on."""

from django.core.exceptions import PermissionDenied
from django.db.models import CharField, Subquery
from django.db.models.functions import Cast
from django.utils.translation import gettext_lazy as _
from wagtail.models import Task, TaskState

from cms.roles import MUNICIPAL_REVIEWER_ROLES, Role

from .pages import ServicePage, is_member


def responsible_municipality_id(obj):
    """The service's responsible municipality as it is now, read from the database: Wagtail's
    editor passes the latest revision, which still names the old municipality after the
    service was moved under another one during its review."""
    if obj is None or getattr(obj, "pk", None) is None:
        return None
    return (
        ServicePage.objects.filter(pk=obj.pk)
        .values_list("responsible_municipality_id", flat=True)
        .first()
    )


def can_review(user, obj) -> bool:
    """Content producers (and main users) of the service's responsible municipality, and
    maintainers (superusers), may approve or send back."""
    if not user.is_authenticated or not user.is_active:
        return False
    if is_maintainer(user):
        return True
    municipality_id = responsible_municipality_id(obj)
    if municipality_id is None:
        return False
    return is_member(user, municipality_id, MUNICIPAL_REVIEWER_ROLES)


def is_maintainer(user) -> bool:
    return (
        user.is_superuser or user.memberships.filter(role=Role.MAINTAINER, is_active=True).exists()
    )


class MunicipalReviewTask(Task):
    """Municipal review: the responsible municipality's producers approve or request changes."""

    def user_can_access_editor(self, obj, user):
        return can_review(user, obj)

    def locked_for_user(self, obj, user):
        return not can_review(user, obj)

    def user_can_lock(self, obj, user):
        return can_review(user, obj)

    def user_can_unlock(self, obj, user):
        return False

    def get_actions(self, obj, user):
        if can_review(user, obj):
            return [
                ("reject", _("Request changes"), True),
                ("approve", _("Approve and publish"), False),
                ("approve", _("Approve with comment"), True),
            ]
        return []

    def on_action(self, task_state, user, action_name, **kwargs):
        # The view only offers actions from get_actions, but a forged POST must not pass either.
        if not can_review(
            user, task_state.revision.content_object if task_state.revision else None
        ):
            raise PermissionDenied
        return super().on_action(task_state, user, action_name, **kwargs)

    def get_task_states_user_can_moderate(self, user, **kwargs):
        if not user.is_authenticated:
            return TaskState.objects.none()
        states = self.task_states.filter(status=TaskState.STATUS_IN_PROGRESS)
        if is_maintainer(user):
            return states
        municipality_ids = list(
            user.memberships.filter(role__in=MUNICIPAL_REVIEWER_ROLES, is_active=True).values_list(
                "organisation_id", flat=True
            )
        )
        from .pages import ServicePage

        page_ids = (
            ServicePage.objects.filter(responsible_municipality_id__in=municipality_ids)
            .annotate(str_pk=Cast("pk", CharField()))
            .values("str_pk")
        )
        return states.filter(workflow_state__object_id__in=Subquery(page_ids))

    @classmethod
    def get_description(cls):
        return _(
            "Content producers of the service's responsible municipality approve or request changes"
        )

    class Meta:
        verbose_name = _("municipal review")
        verbose_name_plural = _("municipal reviews")
