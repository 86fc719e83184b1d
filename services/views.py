"""Admin views of the catalogue."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from wagtail.models import WorkflowState

from cms.access import may_read_internal
from cms.ids import parse_id

from . import change_requests, freshness
from .models import ChangeRequestSection, ChangeRequestStatus, Favourite, ServiceList, ServicePage
from .permissions import pages_visible_in_admin


def services_to_pick(user):
    """The published services `user` may pick (favourites, lists, change requests): live
    and public, or in the user's own part of the tree (services.permissions)."""
    return ServicePage.objects.live().filter(
        pk__in=pages_visible_in_admin(user, with_public=True).values("pk")
    )


def service_card(request, page_id):
    """A service as the expert sees it: public information, and the internal
    instructions for users allowed to read them ("Näytä sisäiset ohjeet").

    Its body is the frontend's rendering (frontend/includes/service_*.html) of the same
    GraphQL document as the service page (graphql/queries/service-page.graphql, run in
    process for this user): a service has one rendering. The API serves published, public
    services only; for another page the card says so and links to the editor's preview."""
    page = get_object_or_404(ServicePage, pk=page_id)
    # A published service the user may pick, or one they may edit: never another
    # organisation's draft, archived or view-restricted service.
    if (
        not services_to_pick(request.user).filter(pk=page.pk).exists()
        and not page.permissions_for_user(request.user).can_edit()
    ):
        raise PermissionDenied
    reads_internal = may_read_internal(request.user)
    show_internal = reads_internal and request.GET.get("view") != "customer"
    context = {
        "page": page,
        "page_title": page.title,
        "header_icon": "doc-full-inverse",
        "may_read_internal": reads_internal,
        "may_send_change_request": change_requests.may_send_change_request(request.user),
        "is_favourite": Favourite.objects.filter(user=request.user, page=page).exists(),
        "own_lists": ServiceList.objects.filter(owner=request.user),
        "open_change_requests": page.change_requests.filter(
            status__in=ChangeRequestStatus.open_values()
        ).count(),
        "show_internal": show_internal,
        "translation_status": translation_status(page),
        "toggle_label": _("Show the client's instructions")
        if show_internal
        else _("Show internal instructions"),
    }
    context.update(_frontend_rendering(request, page, show_internal))
    return TemplateResponse(request, "services/service_card.html", context)


def _frontend_rendering(request, page, show_internal) -> dict:
    """The service as the frontend shows it (the same document and includes), or nothing
    when the API does not serve the page (a draft, archived or view-restricted service)."""
    from django.utils import translation

    from frontend.views.service import fetch, service_context

    code = page.locale.language_code
    data = fetch(request, page.pk, code, show_internal)
    found = data.get("service")
    if not found or found["id"] != str(page.pk):
        return {"rendered": False}
    context = service_context(data, show_internal)
    # The card's own toggle decides (internal by default); the API decides whether there
    # is anything to show.
    context["show_internal"] = show_internal and context["internal"] is not None
    with translation.override(code):
        context["frontend_url"] = reverse("frontend:service_slug", args=[page.pk, found["slug"]])
    context["rendered"] = True
    return context


def translation_status(page):
    """Each wagtail-localize translation of the page (or the one that made it) with
    whether it lacks a source change, for the card."""
    from translations.workflow import (
        changed_segments,
        needs_update,
        translation_into,
        translations_of,
    )

    translations = list(translations_of(page))
    own = translation_into(page)
    if own is not None:
        translations.append(own)
    return [
        {
            "locale": t.target_locale.get_display_name(),
            "needs_update": needs_update(t),
            "untranslated": len(changed_segments(t)),
        }
        for t in translations
    ]


@require_POST
def confirm_accurate(request, page_id):
    """The one-click "still accurate" of the update pair: resets the freshness clock."""
    page = get_object_or_404(ServicePage.objects.select_related("locale"), pk=page_id)
    if not freshness.can_confirm(request.user, page):
        raise PermissionDenied
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
    page = get_object_or_404(services_to_pick(request.user), pk=page_id)
    if not change_requests.may_send_change_request(request.user):
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
    """Add a published service to the favourites, or remove one (also an unpublished one)."""
    existing = Favourite.objects.filter(user=request.user, page_id=page_id).first()
    if existing:
        page, created = existing.page, False
        existing.delete()
    else:
        page = get_object_or_404(services_to_pick(request.user), pk=page_id)
        Favourite.objects.create(user=request.user, page=page)
        created = True
    messages.success(
        request, _("Added to favourites.") if created else _("Removed from favourites.")
    )
    return redirect(_next_url(request, reverse("services_card", args=[page.pk])))


def favourites(request):
    """The user's own favourites, newest first, with the lists they can add them to."""
    favourites = (
        Favourite.objects.filter(user=request.user, page__live=True)
        .select_related("page", "page__provider", "page__responsible_municipality")
        # each row's lifecycle asks whether a review is in progress: read them all at once
        .prefetch_related(
            Prefetch(
                "page___specific_workflow_states",
                queryset=WorkflowState.objects.active().select_related("current_task_state__task"),
                to_attr="_current_workflow_states",
            )
        )
        .order_by("-created_at")
    )
    return TemplateResponse(
        request,
        "services/favourites.html",
        {
            "favourites": favourites,
            "page_title": _("Favourites"),
            "header_icon": "star",
        },
    )


def _next_url(request, fallback):
    target = request.POST.get("next", "")
    if url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
        return target
    return fallback


@require_POST
def add_to_list(request, page_id):
    """Append a published service to one of the user's own lists (from the service card)."""
    page = get_object_or_404(services_to_pick(request.user), pk=page_id)
    list_id = parse_id(request.POST.get("service_list"))
    if list_id is None:
        raise Http404
    service_list = get_object_or_404(ServiceList.objects.filter(owner=request.user), pk=list_id)
    if service_list.add(page):
        messages.success(request, _("Added to the list “%(list)s”.") % {"list": service_list})
    else:
        messages.info(
            request, _("The service is already on the list “%(list)s”.") % {"list": service_list}
        )
    return redirect(_next_url(request, reverse("services_card", args=[page.pk])))
