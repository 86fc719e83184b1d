"""The admin's link to the privacy notices (issue 16: the privacy notice is linked from the
frontend and the admin). A menu item at the foot of the admin's sidebar, for everyone who
uses the admin, pointing to the frontend's list of the partners' privacy notices in the
user's admin language. Menu items are made once per process, so the address is reversed
per request."""

from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.sidebar import LinkMenuItem

# Below every other item of the sidebar's main menu.
ORDER = 100_000


class PrivacyNoticesMenuItem(MenuItem):
    def __init__(self):
        super().__init__(
            _("Privacy notices"), "", name="privacy-notices", icon_name="lock", order=ORDER
        )

    def is_shown(self, request):
        return self.address() is not None

    @staticmethod
    def address() -> str | None:
        """The frontend's /privacy/ in the active language (None without the frontend)."""
        try:
            return reverse("frontend:privacy")
        except NoReverseMatch:
            return None

    def render_component(self, request):
        return LinkMenuItem(self.name, self.label, self.address() or "", icon_name=self.icon_name)
