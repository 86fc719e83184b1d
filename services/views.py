"""Admin views of the catalogue."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _

from cms.roles import VIEW_INTERNAL

from .models import ServicePage


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
            "show_internal": show_internal,
            "toggle_label": _("Show customer view")
            if show_internal
            else _("Show internal instructions"),
        },
    )
