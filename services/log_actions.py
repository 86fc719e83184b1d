"""Audit-log actions of the pipeline (registered when the app is ready)."""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks


@hooks.register("register_log_actions")
def register_pipeline_log_actions(actions):
    actions.register_action(
        "services.confirm_accurate", _("Confirm still accurate"), _("Confirmed still accurate")
    )
    actions.register_action("services.outdated", _("Mark outdated"), _("Marked outdated"))
    actions.register_action("services.archived", _("Archive"), _("Archived"))
    actions.register_action(
        "services.pair_reassigned",
        _("Reassign update pair"),
        _("Update pair reassigned"),
    )
