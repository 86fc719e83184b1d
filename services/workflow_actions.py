"""Workflow finish action (imported by Wagtail while its models load: no model imports here)."""


def publish_approved_revision(workflow_state, user=None):
    """Finish a review by publishing the revision that was approved.

    Wagtail's default publishes the latest revision, which may be a draft someone
    else saved after the submission and the reviewer never saw. We publish the
    submitted revision of the approved task, or a later one the approver saved
    while reviewing (approving from the editor saves their edits first).
    """
    from wagtail.models import Revision

    approved = workflow_state.current_task_state.revision
    obj = workflow_state.content_object
    if user is not None:
        own = (
            Revision.objects.for_instance(obj)
            .filter(user=user, created_at__gte=approved.created_at)
            .order_by("-created_at", "-pk")
            .first()
        )
        approved = own or approved
    approved.publish(user=user)
