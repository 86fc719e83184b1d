from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.widgets.button import ListingButton
from wagtail.snippets.models import register_snippet

from .models import ServicePage
from .views import service_card
from .viewsets import ContactViewSet, TaxonomyViewSetGroup

register_snippet(TaxonomyViewSetGroup)
register_snippet(ContactViewSet)


@hooks.register("register_admin_urls")
def register_service_card_url():
    return [path("services/<int:page_id>/card/", service_card, name="services_card")]


@hooks.register("register_page_header_buttons")
def card_button(page, user, view_name=None, next_url=None):
    if isinstance(page.specific_deferred, ServicePage):
        yield ListingButton(
            _("Service card"),
            reverse("services_card", args=[page.pk]),
            icon_name="view",
            priority=5,
        )
