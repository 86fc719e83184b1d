from functools import wraps

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.views.reports.page_types_usage import PageTypesUsageReportView
from wagtail.admin.views.reports.workflows import (
    WorkflowReportFilterSet,
    get_editable_content_type_ids,
    get_editable_page_ids_query,
)
from wagtail.models import Page, WorkflowState, get_default_page_content_type

from .views import COST_SHARES_PERMISSION, cost_shares
from .viewsets import (
    REVOKE_ACTION,
    ApiTokenViewSet,
    InvitationViewSet,
    MembershipViewSet,
    OrganisationViewSet,
)


@hooks.register("register_admin_viewset")
def register_viewsets():
    return [
        OrganisationViewSet("organisations"),
        MembershipViewSet("members"),
        InvitationViewSet("member-invitations"),
        ApiTokenViewSet("api-tokens"),
    ]


@hooks.register("register_log_actions")
def register_api_token_log_actions(actions):
    actions.register_action(REVOKE_ACTION, _("Revoke API token"), _("API token revoked"))


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


# --- Least privilege on Wagtail's own reports --------------------------------------------------
# These core screens have no hook for their permission or queryset, and their URLs come before
# any registered through hooks, so the restriction is installed on the view classes here.


def sees_whole_tree(user) -> bool:
    """Maintainers: page permissions on the tree root (PageScope.ROOT in cms.roles)."""
    if user.is_superuser:
        return True
    root_permissions = Page.get_first_root_node().permissions_for_user(user)
    return root_permissions.can_edit() or root_permissions.can_add_subpage()


def _restrict_view(view_class, test):
    """Refuse `view_class` to users failing `test` (the admin turns this into a redirect home)."""
    dispatch = view_class.dispatch

    @wraps(dispatch)
    def guarded_dispatch(self, request, *args, **kwargs):
        if not test(request.user):
            raise PermissionDenied
        return dispatch(self, request, *args, **kwargs)

    view_class.dispatch = guarded_dispatch


# "Page types usage" counts every page of the site and names the last edited page of each type,
# whoever's draft it is: site-wide statistics for maintainers only.
_restrict_view(PageTypesUsageReportView, sees_whole_tree)


@hooks.register("construct_reports_menu")
def hide_page_types_usage(request, menu_items):
    if not sees_whole_tree(request.user):
        menu_items[:] = [item for item in menu_items if item.name != "page-types-usage"]


def _requesters_visible_to(request):
    """The workflow report's "requested by" filter lists every user who ever submitted anything,
    in any organisation; keep it to those who submitted what the report shows this user."""
    User = get_user_model()
    editable = Q(
        base_content_type_id=get_default_page_content_type().id,
        object_id__in=get_editable_page_ids_query(request),
    ) | Q(content_type_id__in=get_editable_content_type_ids(request))
    requester_ids = WorkflowState.objects.filter(editable).values("requested_by")
    return User.objects.filter(pk__in=requester_ids).order_by(User.USERNAME_FIELD)


WorkflowReportFilterSet.base_filters["requested_by"].queryset = _requesters_visible_to
