from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from .views import COST_SHARES_PERMISSION, cost_shares
from .viewsets import MembershipViewSet, OrganisationViewSet


@hooks.register("register_admin_viewset")
def register_viewsets():
    return [OrganisationViewSet("organisations"), MembershipViewSet("members")]


@hooks.register("register_admin_urls")
def register_cost_shares_url():
    return [path("cost-shares/", cost_shares, name="cms_cost_shares")]


class PermissionMenuItem(MenuItem):
    def __init__(self, *args, permission, **kwargs):
        self.permission = permission
        super().__init__(*args, **kwargs)

    def is_shown(self, request):
        return request.user.has_perm(self.permission)


@hooks.register("register_settings_menu_item")
def register_cost_shares_menu_item():
    return PermissionMenuItem(
        _("Cost shares"),
        reverse("cms_cost_shares"),
        icon_name="group",
        order=100,
        permission=COST_SHARES_PERMISSION,
    )
