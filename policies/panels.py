"""Dashboard panels of the policies (registered in wagtail_hooks.py)."""

import datetime as dt

from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import get_language
from laces.components import Component

from .notifications import RECENT_DAYS, recent_policies


class RecentPoliciesPanel(Component):
    """Policies published or changed in the last 30 days, on every user's dashboard."""

    order = 20

    def __init__(self, entries):
        self.entries = entries

    def render_html(self, parent_context=None):
        return render_to_string(
            "policies/dashboard_panel.html",
            {"entries": self.entries},
            request=parent_context.get("request") if parent_context else None,
        )


def recent_policies_panel(request, panels):
    """construct_homepage_panels: the recent policies in the user's language, if any."""
    language = (get_language() or "fi")[:2]
    since = timezone.now() - dt.timedelta(days=RECENT_DAYS)
    pages = recent_policies(language, since)
    if not pages:
        return
    entries = [{"page": page, "is_new": page.first_published_at > since} for page in pages]
    panels.append(RecentPoliciesPanel(entries))
