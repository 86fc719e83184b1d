from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CmsConfig(AppConfig):
    name = "cms"
    verbose_name = _("Palvelumanuaali")

    def ready(self):
        from . import report_guards, signals  # noqa: F401

        report_guards.install()
