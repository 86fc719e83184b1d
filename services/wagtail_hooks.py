import re
from functools import cache

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404
from django.urls import URLResolver, path, re_path, reverse
from django.urls.resolvers import RegexPattern
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.widgets.button import ListingButton
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.chooser import (
    ChooseResultsView,
    ChooseView,
    SnippetChooserViewSet,
    SnippetChosenMultipleView,
    SnippetChosenView,
)
from wagtail_localize.models import Translation

from cms.roles import VIEW_INTERNAL
from translations.workflow import may_change_live_content

from . import admin_visibility, freshness, views
from .models import (
    ChangeRequest,
    ChangeRequestStatus,
    ContactVisibility,
    HolidayPeriod,
    ServicePage,
)
from .reports import sla_report
from .views import service_card
from .viewsets import (
    ChangeRequestViewSet,
    ContactViewSet,
    HolidayNoticePanel,
    HolidayPeriodViewSet,
    MyServicesGroup,
    TaxonomyViewSetGroup,
)


# --- Contacts: internal contacts are for users who may read internal information --------------
def visible_contacts(user, queryset):
    if user.has_perm(VIEW_INTERNAL):
        return queryset
    return queryset.filter(visibility=ContactVisibility.PUBLIC)


class VisibleContactsMixin:
    def get_object_list(self):
        return visible_contacts(self.request.user, super().get_object_list())


class ContactChooseView(VisibleContactsMixin, ChooseView):
    pass


class ContactChooseResultsView(VisibleContactsMixin, ChooseResultsView):
    pass


class ContactChosenView(SnippetChosenView):
    def get_object(self, pk):
        return get_object_or_404(
            visible_contacts(self.request.user, self.model_class.objects), pk=pk
        )


class ContactChosenMultipleView(SnippetChosenMultipleView):
    def get_objects(self, pks):
        return visible_contacts(self.request.user, super().get_objects(pks))


class ContactChooserViewSet(SnippetChooserViewSet):
    """Wagtail's snippet chooser lists every contact to every admin user; a provider
    must not see (or resolve by id) the internal ones."""

    choose_view_class = ContactChooseView
    choose_results_view_class = ContactChooseResultsView
    chosen_view_class = ContactChosenView
    chosen_multiple_view_class = ContactChosenMultipleView


class ContactAdmin(ContactViewSet):
    chooser_viewset_class = ContactChooserViewSet


register_snippet(TaxonomyViewSetGroup)
register_snippet(ContactAdmin)


# --- The service card ---------------------------------------------------------------------------
@hooks.register("register_admin_urls")
def register_service_card_url():
    return [
        path("services/<int:page_id>/card/", service_card, name="services_card"),
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
    ]


@hooks.register("register_page_header_buttons")
def still_accurate_button(page, user, view_name=None, next_url=None):
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


@hooks.register("construct_homepage_panels")
def holiday_notice(request, panels):
    for period in HolidayPeriod.current():
        panels.insert(0, HolidayNoticePanel(period))


@hooks.register("register_admin_viewset")
def register_pipeline_viewsets():
    return [HolidayPeriodViewSet("holiday-periods"), ChangeRequestViewSet("change-requests")]


@hooks.register("register_admin_viewset")
def register_my_services():
    return MyServicesGroup()


@hooks.register("register_page_header_buttons")
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


@hooks.register("register_page_header_buttons")
def card_button(page, user, view_name=None, next_url=None):
    if isinstance(page.specific_deferred, ServicePage):
        yield ListingButton(
            _("Service card"),
            reverse("services_card", args=[page.pk]),
            icon_name="view",
            priority=5,
        )


# --- wagtail-localize: its screens show the source's every segment, internal ones included ------
# The translation editor, its PO download/upload and preview, the snippet API it uses and the
# translations report are therefore only for users who may read internal information
# (translators, municipal users, maintainers); wagtail-localize itself only asks for the right
# to edit the target page, which provider roles have on their translated folders.
LOCALIZE_GUARDED = r"^localize/(?!jsi18n/)"


def is_translation_target(page) -> bool:
    return Translation.objects.filter(
        source__object_id=page.translation_key, target_locale_id=page.locale_id
    ).exists()


@hooks.register("before_edit_page", order=-1)
def deny_translation_editor(request, page):
    """Runs before wagtail-localize's own hook, which replaces the edit view of a translated
    service with its editor."""
    if request.user.has_perm(VIEW_INTERNAL):
        return None
    if isinstance(page.specific_deferred, ServicePage) and is_translation_target(page):
        raise PermissionDenied
    return None


@cache
def _localize_resolver():
    from wagtail_localize.wagtail_hooks import register_admin_urls

    admin_root = reverse("wagtailadmin_home")
    return URLResolver(RegexPattern("^" + re.escape(admin_root)), register_admin_urls())


def localize_screen(request, *args, **kwargs):
    if not request.user.has_perm(VIEW_INTERNAL):
        raise PermissionDenied
    match = _localize_resolver().resolve(request.path_info)
    admin_visibility.check_localize_screen(request, match.kwargs)
    if request.method == "POST" and not may_change_live_content(
        request.user, match.url_name, match.kwargs, request.POST
    ):
        raise PermissionDenied
    return match.func(request, *match.args, **match.kwargs)


@hooks.register("register_admin_urls", order=-1)
def guard_localize_urls():
    # Registered before wagtail-localize's own patterns, so this one answers first.
    return [re_path(LOCALIZE_GUARDED, localize_screen)]


@hooks.register("construct_reports_menu")
def hide_translations_report(request, menu_items):
    if not request.user.has_perm(VIEW_INTERNAL):
        translations_url = reverse("wagtail_localize:translations_report")
        menu_items[:] = [item for item in menu_items if item.url != translations_url]


class SlaReportMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm("wagtailadmin.access_admin")


@hooks.register("register_reports_menu_item")
def register_sla_report_menu_item():
    return SlaReportMenuItem(
        _("Pipeline SLA"), reverse("services_sla_report"), icon_name="time", order=50
    )


# --- Admin visibility of pages (services.permissions.pages_visible_in_admin) --------------------
hooks.register("construct_explorer_page_queryset", admin_visibility.explorer_queryset)
hooks.register("construct_page_chooser_queryset", admin_visibility.chooser_queryset)
hooks.register("before_move_page", admin_visibility.before_move_page)
for _bulk_action in admin_visibility.BULK_ACTIONS:
    # After Wagtail's own registrations (order 0), so these replace them.
    hooks.register("register_bulk_action", _bulk_action, order=1)
