from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ServicesConfig(AppConfig):
    name = "services"
    verbose_name = _("Services")

    def ready(self):
        from . import admin_visibility, group_scopes, log_actions, signals  # noqa: F401

        admin_visibility.install()
        group_scopes.register()
        from search import registry

        from .search_index import SOURCE

        registry.register(SOURCE)
