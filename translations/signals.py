"""Keep wagtail-localize's sources in step with the published Finnish content."""

from django.conf import settings
from django.dispatch import receiver
from wagtail.signals import page_published

from .workflow import sync_source


@receiver(page_published, dispatch_uid="translations_sync_source")
def source_published(sender, instance, **kwargs):
    """A published source page: its translations now see the changed segments."""
    if instance.locale.language_code == settings.LANGUAGE_CODE:
        sync_source(instance)
