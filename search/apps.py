from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    name = "search"
    verbose_name = _("Search")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from cms.group_sync import register_vocabularies

        # The synonym sets are a vocabulary: the roles that manage vocabularies (maintainers)
        # add, change and delete them (cms/roles.py, manages_vocabularies).
        register_vocabularies(["search.synonymset"])
