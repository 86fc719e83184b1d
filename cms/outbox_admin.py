"""Reports › Outgoing e-mail: the outbox (cms/outbox.py) for maintainers, read only.

Who may see it is the `cms.view_outgoingemail` permission, which `cms/roles.py` gives the
maintainers (and superusers have): the rows hold other people's addresses and messages.
Nobody adds, edits or deletes rows here; `manage.py send_outbox --retry-failed` gives the
failed ones new attempts (docs/operations.md, "Scheduled jobs and e-mail").
"""

from django.urls import path
from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.tables import Column, DateColumn, StatusTagColumn
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies import ModelPermissionPolicy

from .models import OutgoingEmail

VIEW_OUTBOX = "cms.view_outgoingemail"


class OutboxPermissionPolicy(ModelPermissionPolicy):
    """Only "view", for the holders of cms.view_outgoingemail."""

    def user_has_permission(self, user, action):
        return action == "view" and user.is_active and user.has_perm(VIEW_OUTBOX)

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)


class OutgoingEmailViewSet(ModelViewSet):
    model = OutgoingEmail
    icon = "mail"
    add_to_admin_menu = False
    add_to_reference_index = False
    copy_view_enabled = False
    inspect_view_enabled = True
    inspect_view_fields = [
        "recipient",
        "subject",
        "body",
        "status",
        "attempts",
        "created_at",
        "next_attempt_at",
        "sent_at",
        "last_error",
    ]
    list_display = [
        "recipient",
        Column("subject", label=_("subject"), accessor="subject"),
        StatusTagColumn(
            "status",
            label=_("status"),
            accessor="get_status_display",
            primary=lambda row: row.status != OutgoingEmail.Status.FAILED,
        ),
        Column("attempts", label=_("attempts"), accessor="attempts"),
        DateColumn("created_at", label=_("queued")),
        DateColumn("sent_at", label=_("sent")),
        Column("last_error", label=_("last error"), accessor="last_error"),
    ]
    list_filter = ["status"]
    search_fields = ["recipient", "subject"]
    search_backend_name = None  # the database's LIKE: the outbox is not in a search index

    @property
    def permission_policy(self):
        return OutboxPermissionPolicy(self.model)

    def get_urlpatterns(self):
        return [
            path("", self.index_view, name="index"),
            path("results/", self.index_results_view, name="index_results"),
            path("inspect/<str:pk>/", self.inspect_view, name="inspect"),
        ]
