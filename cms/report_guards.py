"""Least privilege on Wagtail's own reports.

These core screens have no hook for their permission or queryset, and their URLs come
before any registered through hooks, so `install()` (from `CmsConfig.ready`) puts the
restrictions on the view classes, where the admin menu reads them too
(`cms.admin_menu.view_admits`: a report the user may not open is not offered).
"""

from functools import wraps

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.db.models import Q


def sees_whole_tree(user) -> bool:
    """Maintainers: page permissions on the tree root (PageScope.ROOT in cms.roles)."""
    from wagtail.models import Page

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
    # The menu asks the view (cms.admin_menu.view_admits).
    view_class.admin_permission_test = test


def _requesters_visible_to(request):
    """The workflow report's "requested by" filter lists every user who ever submitted anything,
    in any organisation; keep it to those who submitted what the report shows this user."""
    from wagtail.admin.views.reports.workflows import (
        get_editable_content_type_ids,
        get_editable_page_ids_query,
    )
    from wagtail.models import WorkflowState, get_default_page_content_type

    User = get_user_model()
    editable = Q(
        base_content_type_id=get_default_page_content_type().id,
        object_id__in=get_editable_page_ids_query(request),
    ) | Q(content_type_id__in=get_editable_content_type_ids(request))
    requester_ids = WorkflowState.objects.filter(editable).values("requested_by")
    return User.objects.filter(pk__in=requester_ids).order_by(User.USERNAME_FIELD)


_INSTALLED = False


def install() -> None:
    """Restrict the core report screens (once)."""
    global _INSTALLED
    if _INSTALLED:
        return
    from wagtail.admin.views.reports.page_types_usage import PageTypesUsageReportView
    from wagtail.admin.views.reports.workflows import WorkflowReportFilterSet

    # "Page types usage" counts every page of the site and names the last edited page of each
    # type, whoever's draft it is: site-wide statistics for maintainers only.
    _restrict_view(PageTypesUsageReportView, sees_whole_tree)
    WorkflowReportFilterSet.base_filters["requested_by"].queryset = _requesters_visible_to
    _INSTALLED = True
