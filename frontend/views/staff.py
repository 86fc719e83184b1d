"""The staff view's own pages: favourites, lists, sending a list to a client, change requests.

Every page needs a signed-in user (the CMS login, one session): anonymous visitors are sent
to `/admin/login/?next=<the page>`. What a user may do is the API's decision (the rules of
services/sharing.py and services/change_requests.py behind it): its refusals become a 403
or 404 page, or form errors for the input it refuses. Each page reads with one document,
and an action is one mutation followed by a redirect (POST, then GET), so a page stays
within frontend.api.MAX_CALLS_PER_PAGE; every answer is `Cache-Control: private, no-store`.
"""

from functools import wraps
from urllib.parse import quote

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponseNotAllowed
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils import timezone, translation
from django.utils.cache import patch_vary_headers
from django.utils.dateparse import parse_datetime
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .. import api
from . import locale

LIST_NAME_MAX = 200  # the API's limit (createServiceList, changeServiceList)
MESSAGE_MAX = 5000
CLIENT_LANGUAGES = [code for code, _name in settings.LANGUAGES]

# The API's ChangeRequestSection enum (graphql/schema.graphql), with labels for people; the
# API answers `section` and `status` by their values (lower case).
SECTIONS = [
    ("PUBLIC", gettext_lazy("Public information")),
    ("TIME_AND_PLACE", gettext_lazy("Time and place")),
    ("INTERNAL", gettext_lazy("Internal instructions")),
    ("OTHER", gettext_lazy("Other")),
]
SECTION_LABELS = {name.lower(): label for name, label in SECTIONS}
STATUS_LABELS = {
    "open": gettext_lazy("Open"),
    "in_progress": gettext_lazy("In progress"),
    "done": gettext_lazy("Done"),
    "rejected": gettext_lazy("Rejected"),
}


WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")  # the API's WeeklyTime.weekday


# --- Sign-in, refusals, caching -------------------------------------------------------------
class Refused(Exception):
    """The API refused the signed-in user (a 403 page with `message`)."""

    def __init__(self, message):
        super().__init__(message)
        self.message = message


def error_page(request, status, title, message):
    return render(
        request,
        "frontend/staff/error.html",
        {"title": title, "message": message},
        status=status,
    )


def staff_page(view):
    """A staff page: signed-in users only; the API's refusals as 403/404 pages; never
    cached by anyone but the user's browser, and not even there (`private, no-store`)."""

    @wraps(view)
    def page(request, *args, **kwargs):
        if api.deployed_apart():
            # No visitor's session reaches the API from here (frontend/api.py).
            response = error_page(
                request,
                404,
                _("Not found"),
                _("The staff view is available where the service manual runs with the CMS."),
            )
        elif not request.user.is_authenticated:
            response = redirect_to_login(request.get_full_path())
        else:
            try:
                response = view(request, *args, **kwargs)
            except api.ApiError as error:
                response = _api_error(request, error)
            except Refused as refused:
                response = error_page(request, 403, _("Not available to you"), refused.message)
            except PermissionDenied:
                response = error_page(
                    request, 403, _("Not available to you"), _("You may not do this.")
                )
            except Http404:
                response = error_page(
                    request,
                    404,
                    _("Not found"),
                    _("There is no such page, or it is not available to you."),
                )
        response.headers["Cache-Control"] = "private, no-store"
        patch_vary_headers(response, ("Cookie",))
        return response

    return page


def _api_error(request, error):
    if error.code == "UNAUTHENTICATED":  # signed out meanwhile, or an inactive account
        return redirect_to_login(request.get_full_path())
    if error.code == "FORBIDDEN":
        return error_page(request, 403, _("Not available to you"), _("You may not do this."))
    if error.code == "NOT_FOUND":
        return error_page(
            request,
            404,
            _("Not found"),
            _("There is no such page, or it is not available to you."),
        )
    if error.code == "BAD_USER_INPUT":
        return error_page(request, 400, _("Bad request"), _("The request was not understood."))
    # The API cannot answer (unreachable, a server fault): try again later, never a 500.
    return error_page(
        request,
        503,
        _("Not available right now"),
        _("The service manual cannot be reached right now. Please try again shortly."),
    )


def _redirect_back(request, fallback):
    """To the `next` of the form when it is an address of this site, else `fallback`."""
    target = request.POST.get("next", "")
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return redirect(target)
    return redirect(fallback)


def _only_post(request):
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    return None


def _field_error(form, error, fields):
    """An API input error as a form error: on the form field of the API argument it names
    (`fields`: API argument → form field), else on the whole form."""
    field = ((error.errors or [{}])[0].get("extensions") or {}).get("field")
    form.add_error(fields.get(field), _api_message(error))


def _api_message(error):
    """The API's message when it is about the input; refusals get our own words."""
    if error.code == "FORBIDDEN":
        return _("You may not do this.")
    return str(error)


# --- Favourites -----------------------------------------------------------------------------
@staff_page
def favourites(request):
    data = api.query(request, "favourites", {"locale": locale(request)})
    return render(
        request,
        "frontend/staff/favourites.html",
        {"me": data.get("me"), "favourites": data["favourites"]},
    )


@staff_page
def favourite(request, service_id):
    """Star a service or remove the star (`favourite` 1 or 0), then back to `next`."""
    if refused := _only_post(request):
        return refused
    starred = request.POST.get("favourite") == "1"
    try:
        api.query(request, "set-favourite", {"serviceId": str(service_id), "favourite": starred})
    except api.ApiError as error:
        if error.code != "NOT_FOUND":
            raise
        raise Http404 from None
    if starred:
        messages.success(request, _("Added to your favourites."))
    else:
        messages.success(request, _("Removed from your favourites."))
    return _redirect_back(request, reverse("frontend:favourites"))


# --- Lists ----------------------------------------------------------------------------------
class ListForm(forms.Form):
    name = forms.CharField(label=gettext_lazy("Name"), max_length=LIST_NAME_MAX)
    description = forms.CharField(
        label=gettext_lazy("Description (optional)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


LIST_FIELDS = {"name": "name", "description": "description"}


@staff_page
def lists(request):
    """Own lists and lists shared with me; POST creates a list."""
    form = ListForm(request.POST or None)
    if request.method == "POST":
        if form.is_valid():
            try:
                data = api.query(
                    request,
                    "create-service-list",
                    {
                        "name": form.cleaned_data["name"],
                        "description": form.cleaned_data["description"],
                    },
                )
            except api.ApiError as error:
                if error.code != "BAD_USER_INPUT":
                    raise
                _field_error(form, error, LIST_FIELDS)
            else:
                created = data["createServiceList"]
                messages.success(request, _("The list “%(name)s” was created.") % created)
                return redirect("frontend:list", list_id=created["id"])
    data = api.query(request, "service-lists", {"locale": locale(request)})
    own = [each for each in data["serviceLists"] if each["isOwner"]]
    shared = [each for each in data["serviceLists"] if not each["isOwner"]]
    return render(
        request,
        "frontend/staff/lists.html",
        {"own": own, "shared": shared, "form": form},
        status=400 if form.errors else 200,
    )


class RenameForm(ListForm):
    pass


class ShareForm(forms.Form):
    """Whom to share with: the colleagues the API offers (`me.colleagues`), by name."""

    share_with = forms.MultipleChoiceField(
        label=gettext_lazy("Colleagues who may see the list"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, colleagues=(), **kwargs):
        super().__init__(*args, **kwargs)
        names = [person["name"] for person in colleagues]
        self.fields["share_with"].choices = [
            (
                person["username"],
                f"{person['name']} ({person['username']})"
                if names.count(person["name"]) > 1
                else person["name"],
            )
            for person in colleagues
        ]


def _list_data(request, list_id):
    data = api.query(request, "service-list", {"id": str(list_id), "locale": locale(request)})
    if not data.get("serviceList"):
        raise Http404
    return data


@staff_page
def service_list(request, list_id):
    """A list: its services; for the owner also rename, remove, share (POST `action`)."""
    rename_form = share_error = None
    if request.method == "POST":
        action = request.POST.get("action")
        if action == "rename":
            rename_form = RenameForm(request.POST)
            if rename_form.is_valid() and _change(
                request,
                list_id,
                rename_form,
                {
                    "name": rename_form.cleaned_data["name"],
                    "description": rename_form.cleaned_data["description"],
                },
                LIST_FIELDS,
            ):
                messages.success(request, _("The list was saved."))
                return redirect("frontend:list", list_id=list_id)
        elif action == "remove":
            service_id = request.POST.get("service", "")
            if not service_id.isdigit():
                return error_page(request, 400, _("Bad request"), _("Choose a service to remove."))
            if _change(request, list_id, None, {"removeServiceIds": [service_id]}, {}):
                messages.success(request, _("The service was removed from the list."))
                return redirect("frontend:list", list_id=list_id)
        elif action == "share":
            shared = [name for name in request.POST.getlist("share_with") if name]
            try:
                api.query(
                    request, "change-service-list", {"listId": str(list_id), "shareWith": shared}
                )
            except api.ApiError as error:
                if error.code != "BAD_USER_INPUT":
                    raise
                share_error = (shared, _api_message(error))
            else:
                messages.success(request, _("Sharing was saved."))
                return redirect("frontend:list", list_id=list_id)
        else:
            return error_page(request, 400, _("Bad request"), _("Unknown action."))
    data = _list_data(request, list_id)
    the_list = data["serviceList"]
    colleagues = (data.get("me") or {}).get("colleagues") or []
    if rename_form is None:
        rename_form = RenameForm(
            initial={"name": the_list["name"], "description": the_list["description"]}
        )
    if share_error is None:
        share_form = ShareForm(
            colleagues=colleagues,
            initial={"share_with": [p["username"] for p in the_list["sharedWith"]]},
        )
    else:  # what was posted, with the API's answer
        share_form = ShareForm({"share_with": share_error[0]}, colleagues=colleagues)
        share_form.is_valid()
        share_form.add_error("share_with", share_error[1])
    has_errors = bool(rename_form.errors or share_form.errors)
    return render(
        request,
        "frontend/staff/list.html",
        {
            "list": the_list,
            "rename_form": rename_form,
            "share_form": share_form,
            "client_languages": _client_languages(),
        },
        status=400 if has_errors else 200,
    )


def _change(request, list_id, form, variables, fields) -> bool:
    """changeServiceList; its input errors onto `form` (False), refusals as pages."""
    try:
        api.query(request, "change-service-list", {"listId": str(list_id), **variables})
    except api.ApiError as error:
        if error.code != "BAD_USER_INPUT" or form is None:
            raise
        _field_error(form, error, fields)
        return False
    return True


@staff_page
def list_delete(request, list_id):
    """Confirm (GET), then delete (POST): the owner only."""
    if request.method == "POST":
        api.query(request, "delete-service-list", {"listId": str(list_id)})
        messages.success(request, _("The list was deleted."))
        return redirect("frontend:lists")
    data = _list_data(request, list_id)
    if not data["serviceList"]["isOwner"]:
        raise Refused(_("Only the owner of a list can delete it."))
    return render(request, "frontend/staff/list_delete.html", {"list": data["serviceList"]})


class AddToListForm(forms.Form):
    service_list = forms.ChoiceField(
        label=gettext_lazy("List"), required=False, widget=forms.RadioSelect
    )
    new_name = forms.CharField(
        label=gettext_lazy("Or a new list named"), required=False, max_length=LIST_NAME_MAX
    )

    def __init__(self, *args, lists=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["service_list"].choices = [(each["id"], each["name"]) for each in lists]

    def clean(self):
        data = super().clean()
        if not data.get("service_list") and not (data.get("new_name") or "").strip():
            raise forms.ValidationError(_("Choose a list or name a new one."))
        return data


@staff_page
def add_to_list(request, service_id):
    """Put a service on one of your lists, or on a new one."""
    data = api.query(request, "add-to-list", {"id": str(service_id), "locale": locale(request)})
    service = data.get("service")
    if not service:
        raise Http404
    own = [each for each in data["serviceLists"] if each["isOwner"]]
    for each in own:
        each["has_service"] = any(s["id"] == service["id"] for s in each["services"])
    choosable = [each for each in own if not each["has_service"]]
    form = AddToListForm(request.POST or None, lists=choosable)
    if request.method == "POST" and form.is_valid():
        new_name = form.cleaned_data["new_name"].strip()
        try:
            if new_name:
                created = api.query(
                    request,
                    "create-service-list",
                    {"name": new_name, "serviceIds": [str(service_id)]},
                )["createServiceList"]
                list_id, name = created["id"], created["name"]
            else:
                list_id = form.cleaned_data["service_list"]
                name = dict(form.fields["service_list"].choices)[list_id]
                api.query(
                    request,
                    "change-service-list",
                    {"listId": list_id, "addServiceIds": [str(service_id)]},
                )
        except api.ApiError as error:
            if error.code != "BAD_USER_INPUT":
                raise
            _field_error(form, error, {"name": "new_name"})
        else:
            messages.success(
                request,
                _("“%(service)s” was added to the list “%(list)s”.")
                % {"service": service["title"], "list": name},
            )
            return _redirect_back(request, reverse("frontend:list", args=[list_id]))
    return render(
        request,
        "frontend/staff/add_to_list.html",
        {"service": service, "lists": own, "form": form, "next": _safe_next(request)},
        status=400 if form.errors else 200,
    )


def _safe_next(request):
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return target
    return ""


# --- Sending a list to a client -------------------------------------------------------------
# How a language is offered for the client, in that language (not translated).
CLIENT_LANGUAGE_NAMES = {"fi": "Suomeksi", "sv": "På svenska", "en": "In English"}


def _client_languages():
    return [(code, CLIENT_LANGUAGE_NAMES.get(code, name)) for code, name in settings.LANGUAGES]


@staff_page
def list_client(request, list_id):
    """The public information of a list's services in the client's language (`lang`),
    ready to print or e-mail: never anything internal (client-list.graphql does not ask)."""
    lang = request.GET.get("lang") or locale(request)
    if lang not in CLIENT_LANGUAGES:
        return error_page(
            request,
            400,
            _("Bad request"),
            _("Choose the client's language: %(choices)s.")
            % {"choices": ", ".join(CLIENT_LANGUAGES)},
        )
    data = api.query(request, "client-list", {"id": str(list_id), "locale": lang})
    the_list = data.get("serviceList")
    if not the_list:
        raise Http404
    with translation.override(lang):
        services = [_client_service(request, s, lang) for s in the_list["services"]]
        subject = _("Services for you")
        text = _client_text(services)
    # Line breaks of a mailto: body are CRLF (RFC 6068).
    body = text.replace("\n", "\r\n")
    mailto = f"mailto:?subject={quote(subject)}&body={quote(body)}"
    return render(
        request,
        "frontend/staff/list_client.html",
        {
            "list": the_list,
            "lang": lang,
            "services": services,
            "client_languages": _client_languages(),
            "mailto": mailto,
            "plain_text": text,
            "subject": subject,
        },
    )


def _client_service(request, service, lang):
    """A service as the client page shows it, formatted in the active (client's) language."""
    with translation.override(lang):
        url = reverse("frontend:service_slug", args=[service["id"], service["slug"]])
    return {
        **service,
        "url": request.build_absolute_uri(url),
        "times": [_time_and_place(block) for block in service.get("timeAndPlace") or []],
    }


def _day(value):
    """1.3.2026 (fi, sv) or 2026-03-01 (en) from the API's YYYY-MM-DD."""
    try:
        year, month, day = (int(part) for part in str(value).split("-"))
    except ValueError:
        return str(value)
    if translation.get_language() == "en":
        return f"{year}-{month:02}-{day:02}"
    return f"{day}.{month}.{year}"


def _clock(value):
    if not value:
        return ""
    hours, _sep, minutes = str(value).partition(":")
    separator = ":" if translation.get_language() == "en" else "."
    return f"{int(hours)}{separator}{minutes[:2]}" if hours.isdigit() else str(value)


def _span(start, end):
    return "–".join(part for part in (_clock(start), _clock(end)) if part)


def _time_and_place(block):
    """Readable lines of one time-and-place block (mode, when, where, more information);
    the API labels the mode and the weekdays in the client's language."""
    when = []
    weekly_times = sorted(
        block.get("weeklyTimes") or [],
        key=lambda w: WEEKDAYS.index(w["weekday"]) if w.get("weekday") in WEEKDAYS else 7,
    )
    for weekly in weekly_times:
        span = _span(weekly.get("start"), weekly.get("end"))
        when.append(f"{weekly.get('weekdayLabel', '')} {span}".strip())
    for period in block.get("periods") or []:
        when.insert(0, f"{_day(period['startDate'])}–{_day(period['endDate'])}")
    for date in block.get("dates") or []:
        when.append(f"{_day(date['date'])} {_span(date.get('start'), date.get('end'))}".strip())
    places = []
    for location in block.get("locations") or []:
        town = " ".join(p for p in (location.get("postalCode"), location.get("city")) if p)
        places.append(
            ", ".join(p for p in (location.get("name"), location.get("streetAddress"), town) if p)
        )
    return {
        "mode": block.get("modeLabel") or "",
        "when": when,
        "places": places,
        "info": block.get("info") or "",
    }


def _client_text(services):
    """The plain text of the e-mail and the copy block, in the active language."""
    lines = [_("Hello,"), "", _("Here are the services we talked about:"), ""]
    for service in services:
        finnish = f" ({_('in Finnish')})" if service.get("isFallback") else ""
        lines.append(service["title"] + finnish)
        if service.get("provider"):
            lines.append(service["provider"]["name"])
        lines.append(service["url"])
        lines.append("")
    return "\n".join(lines).rstrip() + "\n"


# --- Change requests ------------------------------------------------------------------------
class ChangeRequestForm(forms.Form):
    section = forms.ChoiceField(label=gettext_lazy("What should be changed"), choices=SECTIONS)
    message = forms.CharField(
        label=gettext_lazy("Message"),
        max_length=MESSAGE_MAX,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=gettext_lazy("What is wrong or missing, and what it should say instead."),
    )

    def clean_message(self):
        message = self.cleaned_data["message"].strip()
        if not message:
            raise forms.ValidationError(_("Write what should be changed."))
        return message


@staff_page
def change_request(request, service_id):
    form = ChangeRequestForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            api.query(
                request,
                "send-change-request",
                {
                    "serviceId": str(service_id),
                    "message": form.cleaned_data["message"],
                    "section": form.cleaned_data["section"],
                },
            )
        except api.ApiError as error:
            if error.code == "FORBIDDEN":
                raise Refused(_("Only municipal users can send change requests.")) from None
            if error.code != "BAD_USER_INPUT":
                raise
            _field_error(form, error, {"message": "message", "section": "section"})
        else:
            messages.success(
                request,
                _("Thank you: your change request was sent to the people who update the service."),
            )
            return redirect(f"{reverse('frontend:change_requests')}?service={service_id}")
    data = api.query(
        request, "change-request-form", {"id": str(service_id), "locale": locale(request)}
    )
    if not data.get("service"):
        raise Http404
    if not (data.get("me") or {}).get("canViewInternal"):
        raise Refused(_("Only municipal users can send change requests."))
    return render(
        request,
        "frontend/staff/change_request.html",
        {"service": data["service"], "form": form},
        status=400 if form.errors else 200,
    )


def _moment(value):
    """The API's ISO 8601 date-time as a local date-time (None when unreadable)."""
    moment = parse_datetime(value or "")
    return timezone.localtime(moment) if moment and timezone.is_aware(moment) else moment


@staff_page
def change_requests(request):
    data = api.query(request, "my-change-requests")
    requests = data["myChangeRequests"]
    for each in requests:
        each["section_label"] = SECTION_LABELS.get(each["section"], "")
        each["status_label"] = STATUS_LABELS.get(each["status"], each["status"])
        each["created"] = _moment(each["createdAt"])
        for event in each["history"]:
            event["status_label"] = STATUS_LABELS.get(event["status"], event["status"])
            event["created"] = _moment(event["createdAt"])
    back = request.GET.get("service", "")
    back_to = next(
        (r["service"] for r in requests if r["service"] and r["service"]["id"] == back), None
    )
    return render(
        request,
        "frontend/staff/change_requests.html",
        {"requests": requests, "back_to": back_to, "me": data.get("me")},
    )


urlpatterns = [
    path("favourites/", favourites, name="favourites"),
    path("services/<int:service_id>/favourite/", favourite, name="favourite"),
    path("services/<int:service_id>/add-to-list/", add_to_list, name="add_to_list"),
    path("services/<int:service_id>/change-request/", change_request, name="change_request"),
    path("change-requests/", change_requests, name="change_requests"),
    path("lists/", lists, name="lists"),
    path("lists/<int:list_id>/", service_list, name="list"),
    path("lists/<int:list_id>/delete/", list_delete, name="list_delete"),
    path("lists/<int:list_id>/client/", list_client, name="list_client"),
]
