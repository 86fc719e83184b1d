"""Admin views of the shared app."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _

from .forms import CostSharesForm

COST_SHARES_PERMISSION = "cms.change_organisation"


def cost_shares(request):
    """Edit every partner municipality's cost share together (they must total 100 %)."""
    if not request.user.has_perm(COST_SHARES_PERMISSION):
        raise PermissionDenied
    form = CostSharesForm(request.POST or None)
    if request.method == "POST":
        if form.is_valid():
            form.save()
            messages.success(request, _("Cost shares saved."))
            return redirect("cms_cost_shares")
        messages.error(request, _("The cost shares were not saved. Correct the errors below."))
    return TemplateResponse(
        request,
        "cms/cost_shares.html",
        {"form": form, "page_title": _("Cost shares"), "header_icon": "group"},
    )
