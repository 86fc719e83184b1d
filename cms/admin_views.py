"""Object-level permission for Wagtail's generic history and usage screens.

`ModelViewSet`'s history (`/history/<pk>/`) and usage (`/usage/<pk>/`) views look the
object up by primary key and only ask the permission policy whether the user may act on
the model at all (`user_has_any_permission`), never on this object. Our policies scope
objects per user (own lists, own organisation's members, tokens, change requests of
services one may edit), so without this a user could read another organisation's object
by guessing its id. Every scoped viewset uses `ScopedObjectViewsMixin`.
"""

from django.http import Http404
from wagtail.admin.views import generic


class InstancePermissionMixin:
    def get_object(self):
        obj = super().get_object()
        required = getattr(self, "any_permission_required", None) or [self.permission_required]
        # Whoever may see the object may see its history and where it is used.
        actions = [*required, "view"]
        if not self.permission_policy.user_has_any_permission_for_instance(
            self.request.user, actions, obj
        ):
            raise Http404  # as for an id that does not exist: nothing is revealed
        return obj


class ScopedHistoryView(InstancePermissionMixin, generic.HistoryView):
    pass


class ScopedUsageView(InstancePermissionMixin, generic.UsageView):
    pass


class ScopedObjectViewsMixin:
    """For a ModelViewSet whose permission policy answers per object."""

    history_view_class = ScopedHistoryView
    usage_view_class = ScopedUsageView
