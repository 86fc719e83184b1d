from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FrontendConfig(AppConfig):
    """The public catalogue and the staff view: HTML pages built only from the GraphQL API
    (frontend/api.py), with the documents of graphql/queries/. docs/frontend.md."""

    name = "frontend"
    verbose_name = _("Frontend")
