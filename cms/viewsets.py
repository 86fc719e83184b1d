"""Admin screens of the shared models: organisations and members."""

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.tables import Column, StatusFlagColumn
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies import ModelPermissionPolicy

from .forms import MemberCreateForm, MemberEditForm
from .members import can_manage, manageable_memberships, manageable_organisations
from .models import Membership, Organisation


class OrganisationViewSet(ModelViewSet):
    model = Organisation
    icon = "group"
    menu_label = _("Organisations")
    menu_order = 900
    add_to_admin_menu = True
    form_fields = [
        "name",
        "name_sv",
        "name_en",
        "slug",
        "kind",
        "business_id",
        "cost_share",
        "language",
        "email",
        "is_active",
    ]
    list_display = [
        "name",
        "kind",
        "business_id",
        "cost_share",
        StatusFlagColumn("is_active", true_label=_("Active"), false_label=_("Inactive")),
    ]
    list_filter = ["kind", "is_active"]
    search_fields = ["name", "name_sv", "business_id"]
    inspect_view_enabled = True


class MembershipPermissionPolicy(ModelPermissionPolicy):
    """Main users manage their own organisation's members; maintainers everyone's.

    Memberships are never deleted (their history matters): a leaver is deactivated.
    """

    def user_has_permission(self, user, action):
        if action == "delete":
            return False
        return manageable_organisations(user).exists()

    def user_has_permission_for_instance(self, user, action, instance):
        return self.user_has_permission(user, action) and can_manage(user, instance)

    def user_has_any_permission_for_instance(self, user, actions, instance):
        return any(self.user_has_permission_for_instance(user, a, instance) for a in actions)

    def instances_user_has_any_permission_for(self, user, actions):
        return manageable_memberships(user)


class MemberIndexView(generic.IndexView):
    def get_base_queryset(self):
        return manageable_memberships(self.request.user)


class MemberEditView(generic.EditView):
    def get_object(self, queryset=None):
        obj = super().get_object(queryset)
        if not can_manage(self.request.user, obj):
            raise PermissionDenied
        return obj


class MembershipViewSet(ModelViewSet):
    model = Membership
    icon = "user"
    menu_label = _("Members")
    menu_order = 910
    add_to_admin_menu = True
    url_prefix = "members"
    name = "members"
    index_view_class = MemberIndexView
    edit_view_class = MemberEditView
    inspect_view_enabled = False
    copy_view_enabled = False
    list_display = [
        Column("user", label=_("user"), accessor="user"),
        Column("email", label=_("e-mail"), accessor="user.email"),
        "organisation",
        "role",
        StatusFlagColumn("is_active", true_label=_("Active"), false_label=_("Deactivated")),
    ]
    list_filter = ["role", "is_active"]
    search_fields = ["user__first_name", "user__last_name", "user__email"]

    @property
    def permission_policy(self):
        return MembershipPermissionPolicy(self.model)

    def get_form_class(self, for_update=False):
        return MemberEditForm if for_update else MemberCreateForm
