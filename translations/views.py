"""Admin actions of the translation workflow."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from wagtail.admin.utils import get_valid_next_url_from_request
from wagtail.models import Page

from .workflow import submit_for_review, translation_into


@require_POST
def submit_translation(request, page_id):
    """ "Submit translation for review": the translator's draft goes to municipal review."""
    page = get_object_or_404(Page, pk=page_id).specific
    translation = translation_into(page)
    if translation is None:
        raise PermissionDenied
    try:
        submit_for_review(translation, request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            _("“%(title)s” was sent to the responsible municipality for review.")
            % {"title": page.title},
        )
    # From the translation editor (its footer sends `next`): back to the editor.
    return redirect(
        get_valid_next_url_from_request(request)
        or reverse("wagtailadmin_explore", args=[page.get_parent().pk])
    )
