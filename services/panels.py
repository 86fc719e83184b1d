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
