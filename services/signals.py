"""Folder pages carry permissions; services carry their folders' organisations."""

from django.db.models.signals import post_save
from django.dispatch import receiver
from wagtail.signals import post_page_move, task_approved, task_rejected, task_submitted

from cms.group_sync import sync_roles
from cms.roles import Role

from .models import MunicipalityFolderPage, MunicipalReviewTask, ProviderFolderPage, ServicePage
from .models.pages import pair_candidates
from .notifications import edit_url, notify


def folder_saved(sender, instance, created, raw=False, **kwargs):
    if created and not raw:
        sync_roles([instance.organisation])


post_save.connect(folder_saved, sender=MunicipalityFolderPage, dispatch_uid="municipality_folder")
post_save.connect(folder_saved, sender=ProviderFolderPage, dispatch_uid="provider_folder")


@receiver(post_page_move)
def service_moved(sender, instance, **kwargs):
    """A moved service changes responsibility: update the denormalised organisations."""
    specific = instance.specific_deferred
    if isinstance(specific, ServicePage):
        specific = ServicePage.objects.get(pk=instance.pk)
        specific.sync_responsibility()
        ServicePage.objects.filter(pk=specific.pk).update(
            provider=specific.provider, responsible_municipality=specific.responsible_municipality
        )


# --- Workflow notifications -------------------------------------------------------------------
# Wagtail's own workflow e-mails only know its group approval task; ours tell the right half
# of the update pair at each step of the municipal review, in the recipient's language.


def _service(task_state):
    """The service of a municipal review task state (signals are sent by TaskState)."""
    if not isinstance(task_state.task.specific, MunicipalReviewTask):
        return None
    obj = task_state.workflow_state.content_object
    specific = getattr(obj, "specific", obj)
    return specific if isinstance(specific, ServicePage) else None


def reviewers(page):
    """The municipal responsible person, else every producer of the responsible municipality."""
    if page.municipal_responsible and page.municipal_responsible.is_active:
        return [page.municipal_responsible]
    return list(pair_candidates(page.responsible_municipality, (Role.PRODUCER,)) or [])


@receiver(task_submitted)
def review_submitted(sender, instance, user=None, **kwargs):
    page = _service(instance)
    if page:
        notify(
            reviewers(page), "review_submitted", {"page": page, "url": edit_url(page), "by": user}
        )


@receiver(task_rejected)
def review_sent_back(sender, instance, user=None, **kwargs):
    page = _service(instance)
    if page:
        submitter = instance.workflow_state.requested_by
        recipients = {u.pk: u for u in (page.provider_updater, submitter) if u}
        context = {"page": page, "url": edit_url(page), "by": user, "comment": instance.comment}
        notify(recipients.values(), "review_sent_back", context)


@receiver(task_approved)
def review_approved(sender, instance, user=None, **kwargs):
    page = _service(instance)
    if page:
        submitter = instance.workflow_state.requested_by
        recipients = {u.pk: u for u in (page.provider_updater, submitter) if u}
        notify(
            recipients.values(),
            "review_approved",
            {"page": page, "url": edit_url(page), "by": user},
        )
