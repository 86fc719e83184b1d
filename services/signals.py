"""Folder pages carry permissions; services carry their folders' organisations."""

from django.db.models.signals import post_save
from django.dispatch import receiver
from wagtail.signals import post_page_move

from cms.permissions import sync_roles

from .models import MunicipalityFolderPage, ProviderFolderPage, ServicePage


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
