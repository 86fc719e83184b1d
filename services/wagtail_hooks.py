"""Registrations only: the views, buttons, panels, guards and viewsets live in their own
modules (DESIGN.md convention 11)."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.snippets.models import register_snippet

from cms.admin_menu import MenuItemFor, has_permission

from . import (
    action_menu,
    admin_assets,
    admin_visibility,
    buttons,
    localize_guard,
    location_lookup,
    pair_follow_up,
    panels,
    responsibility_views,
    review_queue,
    submit_first,
    views,
)
from .reports import sla_report
from .viewsets import (
    ChangeRequestViewSet,
    ContactViewSet,
    HolidayPeriodViewSet,
    MyServicesGroup,
    TaxonomyViewSetGroup,
)

register_snippet(TaxonomyViewSetGroup)
register_snippet(ContactViewSet)


@hooks.register("register_admin_urls")
def register_service_urls():
    return [
        path("services/<int:page_id>/card/", views.service_card, name="services_card"),
        path(
            "services/<int:page_id>/still-accurate/",
            views.confirm_accurate,
            name="services_confirm_accurate",
        ),
        path(
            "services/<int:page_id>/change-request/",
            views.send_change_request_view,
            name="services_change_request",
        ),
        path(
            "services/<int:page_id>/favourite/", views.toggle_favourite, name="services_favourite"
        ),
        path("services/<int:page_id>/add-to-list/", views.add_to_list, name="services_add_to_list"),
        path("reports/pipeline-sla/", sla_report, name="services_sla_report"),
        path(
            "reports/responsibility-basis/",
            responsibility_views.basis_report,
            name="services_basis_report",
        ),
        path(
            "reports/update-pairs/",
            responsibility_views.follow_up_report,
            name="services_pair_follow_up",
        ),
        path(
            "reports/update-pairs/reassign/",
            responsibility_views.reassign,
            name="services_pair_reassign",
        ),
    ]


@hooks.register("register_admin_viewset")
def register_pipeline_viewsets():
    return [HolidayPeriodViewSet("holiday-periods"), ChangeRequestViewSet("change-requests")]


@hooks.register("register_admin_viewset")
def register_my_services():
    return MyServicesGroup()


@hooks.register("register_reports_menu_item")
def register_sla_report_menu_item():
    return MenuItemFor(
        _("Pipeline SLA"),
        reverse("services_sla_report"),
        icon_name="time",
        order=50,
        shown_to=has_permission("wagtailadmin.access_admin"),
    )


@hooks.register("register_reports_menu_item")
def register_basis_report_menu_item():
    return MenuItemFor(
        _("Responsibility basis"),
        reverse("services_basis_report"),
        icon_name="site",
        order=55,
        shown_to=has_permission("wagtailadmin.access_admin"),
    )


@hooks.register("register_reports_menu_item")
def register_pair_follow_up_menu_item():
    return MenuItemFor(
        _("Update-pair follow-up"),
        reverse("services_pair_follow_up"),
        icon_name="group",
        order=56,
        shown_to=pair_follow_up.may_follow_up,
    )


hooks.register("register_page_header_buttons", buttons.still_accurate_button)
hooks.register("register_page_header_buttons", buttons.open_change_requests_button)
hooks.register("register_page_header_buttons", buttons.card_button)
hooks.register("construct_homepage_panels", panels.holiday_notices)
hooks.register("construct_homepage_panels", panels.pair_follow_up)
hooks.register("construct_homepage_panels", review_queue.replace_moderation_panel)
hooks.register("construct_page_action_menu", action_menu.order_action_menu)
hooks.register("insert_global_admin_css", admin_assets.admin_css)
# After the order above: for those who submit rather than publish, submitting is the button.
hooks.register("construct_page_action_menu", submit_first.submit_first, order=1)
hooks.register("register_admin_urls", location_lookup.urlpatterns)

# --- wagtail-localize's screens (services.localize_guard) --------------------------------------
# Before wagtail-localize's own edit hook and URL patterns, so these answer first.
hooks.register("before_edit_page", localize_guard.deny_translation_editor, order=-1)
hooks.register("register_admin_urls", localize_guard.urlpatterns, order=-1)
hooks.register("construct_reports_menu", localize_guard.hide_translations_report)

# --- Admin visibility of pages (services.permissions.pages_visible_in_admin) --------------------
hooks.register("construct_explorer_page_queryset", admin_visibility.explorer_queryset)
hooks.register("construct_page_chooser_queryset", admin_visibility.chooser_queryset)
hooks.register("before_move_page", admin_visibility.before_move_page)
for _bulk_action in admin_visibility.BULK_ACTIONS:
    # After Wagtail's own registrations (order 0), so these replace them.
    hooks.register("register_bulk_action", _bulk_action, order=1)
