"""Admin views of the catalogue."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from cms.roles import VIEW_INTERNAL

from . import change_requests, freshness
from .models import ChangeRequestSection, Favourite, ServicePage


def service_card(request, page_id):
    """A service as the expert sees it: public information, and the internal
    instructions for users allowed to read them ("Näytä sisäiset ohjeet")."""
    page = get_object_or_404(ServicePage, pk=page_id)
    can_view_internal = request.user.has_perm(VIEW_INTERNAL)
    if not page.live and not page.permissions_for_user(request.user).can_edit():
        raise PermissionDenied
    show_internal = can_view_internal and request.GET.get("view") != "customer"
    return TemplateResponse(
        request,
        "services/service_card.html",
        {
            "page": page,
            "page_title": page.title,
            "header_icon": "doc-full-inverse",
            "can_view_internal": can_view_internal,
            "can_send_change_request": change_requests.can_send(request.user),
            "is_favourite": Favourite.objects.filter(user=request.user, page=page).exists(),
            "open_change_requests": page.change_requests.filter(
                status__in=["open", "in_progress"]
            ).count(),
            "show_internal": show_internal,
            "toggle_label": _("Show customer view")
            if show_internal
            else _("Show internal instructions"),
        },
    )


def _editable_service(request, page_id):
    page = get_object_or_404(ServicePage, pk=page_id)
    if not page.permissions_for_user(request.user).can_edit():
        raise PermissionDenied
    return page


@require_POST
def confirm_accurate(request, page_id):
    """The one-click "still accurate" of the update pair: resets the freshness clock."""
    page = _editable_service(request, page_id)
    freshness.confirm_accurate(page, request.user)
    messages.success(request, _("Confirmed: the service is still accurate."))
    return redirect("wagtailadmin_pages:edit", page.pk)


class ChangeRequestForm(forms.Form):
    section = forms.ChoiceField(
        label=_("Section"), choices=[("", "—"), *ChangeRequestSection.choices], required=False
    )
    message = forms.CharField(label=_("What should be changed?"), widget=forms.Textarea)


def send_change_request_view(request, page_id):
    """ "Lähetä muutospyyntö": any municipal user, on any published service."""
    page = get_object_or_404(ServicePage.objects.live(), pk=page_id)
    if not change_requests.can_send(request.user):
        raise PermissionDenied
    form = ChangeRequestForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        change_requests.send_change_request(
            page, request.user, form.cleaned_data["message"], form.cleaned_data["section"]
        )
        messages.success(request, _("Change request sent to the service's update pair."))
        return redirect("services_card", page.pk)
    return TemplateResponse(
        request,
        "services/change_request_form.html",
        {
            "page": page,
            "form": form,
            "page_title": _("Send a change request"),
            "header_icon": "mail",
        },
    )


@require_POST
def toggle_favourite(request, page_id):
    page = get_object_or_404(ServicePage.objects.live(), pk=page_id)
    favourite, created = Favourite.objects.get_or_create(user=request.user, page=page)
    if not created:
        favourite.delete()
    messages.success(
        request, _("Added to favourites.") if created else _("Removed from favourites.")
    )
    return redirect("services_card", page.pk)
