from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class UserLogConfig(AppConfig):
    name = "userlog"
    label = "userlog"
    verbose_name = _("User log")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from . import signals

        signals.connect()
