"""What a user may see of pages in the admin: one rule, applied to every admin screen that
lists or names pages (`services/admin_visibility.py` applies it; docs/security.md,
"Admin visibility of pages").

Page permissions are granted on subtrees (`cms.roles`): a provider's folders, a municipality's
folder, the translators' Swedish and English catalogues, the maintainers' whole tree. What a
user sees follows the same subtrees, so another organisation's drafts, archived services and
in-review pages are never listed or named.
"""

from wagtail.models import Page
from wagtail.permissions import page_permission_policy


def sees_all_pages(user) -> bool:
    """Superusers and maintainers (a page permission on the tree root). Uses the page
    permissions Wagtail caches on the user, so it costs at most one query per request."""
    if not user.is_active or user.is_anonymous:
        return False
    if user.is_superuser:
        return True
    return any(
        perm.page.depth == 1
        for perm in page_permission_policy.get_cached_permissions_for_user(user)
    )


def pages_visible_in_admin(user, *, with_public: bool = False):
    """The pages `user` may see in the admin, title included.

    - Maintainers and superusers: every page.
    - Everyone else: the subtrees where they hold a page permission, with drafts, archived
      services and pages in review, plus the ancestors that lead there (Wagtail's
      "explorable" pages). Explorer, admin search, the admin API, bulk actions, reports and
      page views show nothing else.
    - `with_public=True` (choosing a page to link to or to translate: page chooser, "see
      also", rich-text links, service lists, wagtail-localize): also every live page without a
      view restriction.

    Municipal experts hold no page permissions, so they see live public pages only, in the
    chooser; producers see their own municipality's drafts, never another municipality's.
    """
    if not user.is_active or user.is_anonymous:
        return Page.objects.none()
    if sees_all_pages(user):
        return Page.objects.all()
    if page_permission_policy.get_cached_permissions_for_user(user):
        own = page_permission_policy.explorable_instances(user)
    else:
        own = Page.objects.none()
    if with_public:
        return own | Page.objects.live().public()
    return own
