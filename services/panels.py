"""Dashboard panels of the catalogue (registered in wagtail_hooks.py)."""

from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from laces.components import Component

from .models import HolidayPeriod


class HolidayNoticePanel(Component):
    order = 10

    def __init__(self, period):
        self.period = period

    def render_html(self, parent_context=None):
        return format_html(
            '<div class="help-block help-info" role="status"><p><strong>{}</strong></p>'
            "<p>{}</p></div>",
            self.period,
            self.period.notice or _("Reviews take longer than usual during this period."),
        )


def holiday_notices(request, panels):
    """construct_homepage_panels: the current holiday periods' notices, first."""
    for period in HolidayPeriod.current():
        panels.insert(0, HolidayNoticePanel(period))


class PairFollowUpPanel(Component):
    """Main users' services whose update pair is broken (services/pair_follow_up.py)."""

    order = 60
    shown = 5

    def __init__(self, follow_ups):
        self.follow_ups = follow_ups

    def render_html(self, parent_context=None):
        from django.template.loader import render_to_string

        return render_to_string(
            "services/pair_follow_up_panel.html",
            {"follow_ups": self.follow_ups[: self.shown], "count": len(self.follow_ups)},
        )


def pair_follow_up(request, panels):
    """construct_homepage_panels: for main users (and maintainers), the broken pairs."""
    from . import pair_follow_up as follow_up

    if follow_up.may_follow_up(request.user):
        services = follow_up.services_followed_by(request.user)
        panels.append(PairFollowUpPanel(follow_up.broken_pairs(services)))
