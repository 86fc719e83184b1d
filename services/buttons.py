"""Buttons in the header of a service's admin pages (registered in wagtail_hooks.py)."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from wagtail.admin.widgets.button import ListingButton

from . import freshness
from .models import ChangeRequest, ChangeRequestStatus, ServicePage


def still_accurate_button(page, user, view_name=None, next_url=None):
    """The update pair's one-click "still accurate" (services.freshness)."""
    specific = page.specific_deferred
    if isinstance(specific, ServicePage) and freshness.can_confirm(user, specific):
        yield ListingButton(
            _("Still accurate"),
            reverse("services_confirm_accurate", args=[page.pk]),
            icon_name="check",
            priority=6,
            attrs={
                "data-controller": "w-action",
                "data-action": "w-action#post",
                "data-w-action-url-value": reverse("services_confirm_accurate", args=[page.pk]),
            },
        )


def open_change_requests_button(page, user, view_name=None, next_url=None):
    """The open change requests of a service, counted on its admin page (one query)."""
    if not isinstance(page.specific_deferred, ServicePage):
        return
    count = ChangeRequest.objects.filter(
        page_id=page.pk, status__in=ChangeRequestStatus.open_values()
    ).count()
    if count:
        yield ListingButton(
            ngettext("%(count)s open change request", "%(count)s open change requests", count)
            % {"count": count},
            reverse("change-requests:index") + f"?service={page.pk}",
            icon_name="mail",
            priority=4,
        )


def card_button(page, user, view_name=None, next_url=None):
    """The service card (services.views.service_card)."""
    if isinstance(page.specific_deferred, ServicePage):
        yield ListingButton(
            _("Service card"),
            reverse("services_card", args=[page.pk]),
            icon_name="view",
            priority=5,
        )
