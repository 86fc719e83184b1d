"""The update pair's review step: a Wagtail Task only the responsible municipality can act on.

Who may approve is who may publish (`cms.roles.roles_that_publish_and_approve`), applied to
one service by `may_publish_and_approve`."""

from django.core.exceptions import PermissionDenied
from django.db.models import CharField, Subquery
from django.db.models.functions import Cast
from django.utils.translation import gettext_lazy as _
from wagtail.models import Task, TaskState

from cms.roles import PageScope, roles_that_publish_and_approve

from .pages import ServicePage, is_member, municipal_publishers


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


def may_publish_and_approve(user, obj) -> bool:
    """Whether `user` may publish the service `obj` and approve (or send back) its municipal
    review: superusers, the roles that publish on the whole tree (maintainers) and those that
    publish in the service's responsible municipality (its content producers and main users),
    as `cms.roles.roles_that_publish_and_approve` declares. The group sync grants the same
    roles Wagtail's `publish_page` on the same subtrees, so the review and the publish
    button agree."""
    if not user.is_authenticated or not user.is_active:
        return False
    if publishes_everywhere(user):
        return True
    municipality_id = responsible_municipality_id(obj)
    if municipality_id is None:
        return False
    return is_member(user, municipality_id, municipal_publishers())


def publishes_everywhere(user) -> bool:
    """Superusers and the roles that publish on the whole tree (maintainers)."""
    return (
        user.is_superuser
        or user.memberships.filter(
            role__in=roles_that_publish_and_approve(PageScope.ROOT), is_active=True
        ).exists()
    )


# The review's actions (name, label, opens a comment dialog), the approving one first. The
# labels are complete: approving publishes. (Wagtail's editor menu appends "and Publish" to
# approve actions; services.action_menu puts these labels back.)
REVIEW_ACTIONS = (
    ("approve", _("Approve and publish"), False),
    ("approve", _("Approve with comment and publish"), True),
    ("reject", _("Request changes"), True),
)


class MunicipalReviewTask(Task):
    """Municipal review: the responsible municipality's producers approve or request changes."""

    def user_can_access_editor(self, obj, user):
        return may_publish_and_approve(user, obj)

    def locked_for_user(self, obj, user):
        return not may_publish_and_approve(user, obj)

    def user_can_lock(self, obj, user):
        return may_publish_and_approve(user, obj)

    def user_can_unlock(self, obj, user):
        return False

    def get_actions(self, obj, user):
        if may_publish_and_approve(user, obj):
            return list(REVIEW_ACTIONS)
        return []

    def on_action(self, task_state, user, action_name, **kwargs):
        # The view only offers actions from get_actions, but a forged POST must not pass either.
        if not may_publish_and_approve(
            user, task_state.revision.content_object if task_state.revision else None
        ):
            raise PermissionDenied
        return super().on_action(task_state, user, action_name, **kwargs)

    def get_task_states_user_can_moderate(self, user, **kwargs):
        if not user.is_authenticated:
            return TaskState.objects.none()
        states = self.task_states.filter(status=TaskState.STATUS_IN_PROGRESS)
        if publishes_everywhere(user):
            return states
        municipality_ids = list(
            user.memberships.filter(role__in=municipal_publishers(), is_active=True).values_list(
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
