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


class NamedPersonsPanel(Component):
    """Maintainers' dashboard: each partner's named people against the agreement's minimums
    today, and the providers without a main user."""

    order = 30
    MAX_PROVIDERS = 10

    def __init__(self, partners, providers_short):
        self.partners = partners
        self.providers_short = providers_short

    def render_html(self, parent_context=None):
        return render_to_string(
            "policies/named_persons_panel.html",
            {
                "entries": self.partners,
                "short": [e for e in self.partners if e.shortfalls],
                "providers_short": self.providers_short[: self.MAX_PROVIDERS],
                "providers_more": max(0, len(self.providers_short) - self.MAX_PROVIDERS),
            },
            request=parent_context.get("request") if parent_context else None,
        )


def named_persons_panel(request, panels):
    """construct_homepage_panels: for maintainers only (they see every partner's records)."""
    from .access import sees_all
    from .named_persons import named_persons

    if not sees_all(request.user):
        return
    entries = named_persons(timezone.localdate())
    panels.append(
        NamedPersonsPanel(
            [e for e in entries if e.is_partner],
            [e for e in entries if not e.is_partner and e.shortfalls],
        )
    )
