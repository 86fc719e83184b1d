from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CmsConfig(AppConfig):
    name = "cms"
    verbose_name = _("Palvelumanuaali")

    def ready(self):
        from . import report_guards, signals  # noqa: F401

        report_guards.install()

        # Every page form refuses to save over a revision saved since it was opened
        # (cms/edit_conflicts.py); page types with their own form subclass it.
        import wagtail.admin.panels.page_utils  # noqa: F401  (sets Page.base_form_class first)
        from wagtail.models import Page

        from .edit_conflicts import ConflictCheckingPageForm

        Page.base_form_class = ConflictCheckingPageForm
