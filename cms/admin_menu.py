"""The admin menu shows each user only what they can use (issue 17, "Menus per role").

One rule for every item of the sidebar, the Reports and the Settings menu, whoever registered
it: an item is shown only when the view behind its address admits the user. The menu asks the
view itself (`view_admits`), so permissions are declared once, where the view enforces them:

- a Wagtail class-based view with a permission policy (every viewset's index, Wagtail's own
  reports and settings screens): its `permission_required` / `any_permission_required`, as
  its `dispatch` checks them;
- a view that declares its test with `admin_permission(test)` below (function views such as
  the cost shares or the SLA report), or a view class restricted by `cms.report_guards`.

A submenu (Reports, Settings, a viewset group) is shown when at least one of its items is
(Wagtail's SubmenuMenuItem). Items pointing outside the admin (help, the privacy notices)
and views that declare nothing keep their own `is_shown`.
`tests/cms/test_admin_menus.py` checks, per role, that every shown item opens and every hidden
one is refused.
"""

from functools import wraps
from urllib.parse import urlsplit

from django.core.exceptions import PermissionDenied
from django.urls import Resolver404, resolve
from wagtail.admin.menu import MenuItem

# The attribute a view (function or class) carries its test in: test(user) -> bool.
PERMISSION_TEST = "admin_permission_test"


class MenuItemFor(MenuItem):
    """A menu item shown to the users whom the view at its address admits (`view_admits`);
    `shown_to(user)` narrows it further, or decides for a view that declares no test."""

    def __init__(self, *args, shown_to=None, **kwargs):
        self.shown_to = shown_to
        super().__init__(*args, **kwargs)

    def is_shown(self, request):
        if self.shown_to is not None and not self.shown_to(request.user):
            return False
        return view_admits(request, self.url) is not False


def has_permission(permission: str):
    """`shown_to` for the users holding `permission`."""

    def test(user) -> bool:
        return user.has_perm(permission)

    return test


def admin_permission(test):
    """Decorate an admin function view: it answers only users for whom `test(user)` is true
    (PermissionDenied otherwise, which the admin turns into a redirect to the dashboard), and
    its menu items are shown only to them."""

    def decorate(view):
        @wraps(view)
        def guarded(request, *args, **kwargs):
            if not test(request.user):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        setattr(guarded, PERMISSION_TEST, test)
        return guarded

    return decorate


def view_admits(request, url) -> bool | None:
    """Whether the admin view at `url` lets `request.user` in, asked of the view's own
    permission check; None when `url` is no view of this site or the view declares none."""
    if not url or url.startswith("#"):
        return None
    parts = urlsplit(url)
    if parts.scheme or parts.netloc:
        return None
    try:
        match = resolve(parts.path)
    except Resolver404:
        return None
    user = request.user
    test = getattr(match.func, PERMISSION_TEST, None)
    view_class = getattr(match.func, "view_class", None)
    if test is None and view_class is not None:
        test = getattr(view_class, PERMISSION_TEST, None)
    if test is not None:
        return bool(test(user))
    if view_class is None:
        return None
    view = view_class(**match.func.view_initkwargs)
    view.request = request
    view.args, view.kwargs = match.args, match.kwargs
    if getattr(view, "permission_policy", None) is None:
        return None
    required = getattr(view, "permission_required", None)
    if required is not None and not view.user_has_permission(required):
        return False
    any_required = getattr(view, "any_permission_required", None)
    if any_required is not None and not view.user_has_any_permission(any_required):
        return False
    return True


def hide_unusable_items(request, menu_items):
    """construct_main_menu / construct_reports_menu / construct_settings_menu: drop the items
    whose view refuses the user (registered last, so every app's items pass through it)."""
    menu_items[:] = [item for item in menu_items if view_admits(request, item.url) is not False]
