"""Admin menu items shown only to some users (registered from the apps' wagtail_hooks.py)."""

from wagtail.admin.menu import MenuItem


class MenuItemFor(MenuItem):
    """A menu item shown to the users for whom `shown_to(user)` is true."""

    def __init__(self, *args, shown_to, **kwargs):
        self.shown_to = shown_to
        super().__init__(*args, **kwargs)

    def is_shown(self, request):
        return self.shown_to(request.user)


def has_permission(permission: str):
    """`shown_to` for the users holding `permission`."""

    def test(user) -> bool:
        return user.has_perm(permission)

    return test
