"""Recording the user log: `record` on a request, `write` outside one.

- `record(request, action, *, channel=None, object_type="", object_id="",
  object_label="", field="", subject=None, detail=None)` buffers an entry on the request;
  `userlog.middleware.UserLogMiddleware` writes the request's entries with ONE
  bulk_create (one INSERT, the organisation looked up inside it) when the response is
  done, so a listing of twenty services with `internal` costs one query, not twenty.
  The same read twice in a request (aliases, fragments, a document run twice) is one entry.
- A request that did not pass the middleware itself (the frontend's in-process API calls,
  `cms.api.views.execute_in_process`, make a fresh request object for each document) adds
  its entries to the request the middleware is handling in this context: the frontend's
  reads are written once, with that request's channel and IP. A request run through the
  middleware inside another (Wagtail's preview: a dummy request through a fresh handler,
  then the frontend's preview view in process) adds them to the outermost request too:
  the admin's preview is "admin".
- Outside any request the middleware handles (a command, a test calling a view directly)
  `record` writes at once: nothing is lost.
- `write(user, action, *, channel="command", organisation=None, ...)`: an immediate entry
  for commands and jobs (no request).

`channel=None` is guessed from the path of the request the middleware handles: /admin/ is
"admin", /graphql/ is "api", anything else "frontend" (an attachment download, /documents/,
counts as "admin" when the admin linked to it: its same-origin Referer).

Anonymous callers are never recorded (they never read internal information). A refused
read records nothing: nothing was disclosed (docs/privacy.md, "User log").
"""

from __future__ import annotations

import contextvars
import logging
from urllib.parse import urlsplit

from django.db.models import Case, IntegerField, Subquery, Value, When

from .models import Action, Channel, UserLogEntry

logger = logging.getLogger(__name__)

# The request UserLogMiddleware is handling in this context (thread / task).
_current = contextvars.ContextVar("userlog_request", default=None)
BUFFER = "_userlog_entries"
ROOT = "_userlog_root"

ADMIN_PREFIX = "/admin/"
API_PREFIX = "/graphql/"


def _user_of(request):
    user = getattr(request, "user", None)
    if user is None or not getattr(user, "is_authenticated", False):
        return None
    return user


def channel_for(request) -> str:
    """The channel of a request: admin, api or frontend (see the module's docstring)."""
    path = getattr(request, "path_info", "") or getattr(request, "path", "") or ""
    if path.startswith(ADMIN_PREFIX):
        return Channel.ADMIN
    if path.startswith(API_PREFIX):
        return Channel.API
    if path.startswith("/documents/"):
        referer = request.META.get("HTTP_REFERER", "")
        parts = urlsplit(referer)
        same_origin = not parts.netloc or parts.netloc == request.get_host()
        if same_origin and parts.path.startswith(ADMIN_PREFIX):
            return Channel.ADMIN
    return Channel.FRONTEND


def _ip(request):
    from cms.client_ip import client_ip

    try:
        return client_ip(request)
    except Exception:  # a request object without META: no IP rather than no entry
        return None


def acting_organisation(user_id):
    """The organisation a user acts as (a values queryset of its id): an active membership
    first, a maintainer's or a municipality's before a provider's, then the oldest."""
    from cms.models import Membership

    return (
        Membership.objects.filter(user_id=user_id)
        .annotate(
            _kind_order=Case(
                When(organisation__kind="provider", then=Value(1)),
                default=Value(0),
                output_field=IntegerField(),
            )
        )
        .order_by("-is_active", "_kind_order", "pk")
        .values_list("organisation_id", flat=True)[:1]
    )


def organisation_subquery(user_id):
    """`acting_organisation` looked up inside the INSERT: no query of its own."""
    return Subquery(acting_organisation(user_id))


def _entry(user, action, channel, ip, organisation, fields) -> UserLogEntry:
    action = Action(action)
    channel = Channel(channel)
    subject = fields.pop("subject", None)
    subject_key = getattr(subject, "pk", subject)
    entry = UserLogEntry(
        user=user,
        user_key=user.pk,
        action=action,
        channel=channel,
        ip=ip,
        subject_key=subject_key,
        **{key: value for key, value in fields.items() if value is not None},
    )
    if isinstance(organisation, int):
        entry.organisation_id = organisation
    elif organisation is not None:
        entry.organisation = organisation
    else:
        entry.organisation_id = organisation_subquery(user.pk)
    return entry


def _clip(fields: dict) -> dict:
    """Text cut to its column's length (a long title must not lose the entry)."""
    limits = {"object_type": 40, "object_id": 64, "object_label": 255, "field": 100}
    return {
        key: (str(value)[: limits[key]] if key in limits else value)
        for key, value in fields.items()
    }


def _root(request):
    """The request whose entries these are: the one UserLogMiddleware handles (itself, the
    request it runs inside, or the one running in this context), or None."""
    if hasattr(request, ROOT):
        return getattr(request, ROOT)
    if hasattr(request, BUFFER):
        return request
    return _current.get()


def record(
    request,
    action,
    *,
    channel=None,
    object_type="",
    object_id="",
    object_label="",
    field="",
    subject=None,
    detail=None,
):
    """Buffer an entry for this request (written once, when the response is done).
    Returns the entry (not saved yet), or None for an anonymous caller."""
    user = _user_of(request)
    if user is None:
        return None
    outer = _root(request)
    if outer is None:
        # No middleware around this call: write at once.
        return write(
            user,
            action,
            channel=channel or channel_for(request),
            ip=_ip(request),
            object_type=object_type,
            object_id=object_id,
            object_label=object_label,
            field=field,
            subject=subject,
            detail=detail,
        )
    channel = channel or channel_for(outer)
    fields = _what(object_type, object_id, object_label, field, detail, subject)
    buffer = getattr(outer, BUFFER)
    key = (
        user.pk,
        str(action),
        str(channel),
        fields["object_type"],
        fields["object_id"],
        fields["field"],
        getattr(subject, "pk", subject),
    )
    if key in buffer:
        return buffer[key]
    entry = _entry(user, action, channel, _ip(outer), None, fields)
    buffer[key] = entry
    return entry


def _what(object_type, object_id, object_label, field, detail, subject) -> dict:
    """An entry's "what" fields, clipped to their columns."""
    return _clip(
        {
            "object_type": object_type,
            "object_id": str(object_id),
            "object_label": object_label,
            "field": field,
            "detail": detail or {},
            "subject": subject,
        }
    )


def write(
    user,
    action,
    *,
    channel=Channel.COMMAND,
    organisation=None,
    ip=None,
    object_type="",
    object_id="",
    object_label="",
    field="",
    subject=None,
    detail=None,
):
    """Write an entry now (commands, jobs, anything outside a request) and return it."""
    fields = _what(object_type, object_id, object_label, field, detail, subject)
    if organisation is None:
        organisation = acting_organisation(user.pk).first()
    entry = _entry(user, action, channel, ip, organisation, fields)
    UserLogEntry.objects.bulk_create([entry])
    return entry


def pending(request) -> list[UserLogEntry]:
    """The entries buffered for a request and not written yet."""
    root = _root(request)
    return list(getattr(root, BUFFER, {}).values()) if root is not None else []


def flush(request) -> int:
    """Write the request's buffered entries with one INSERT; the number written."""
    buffer = getattr(request, BUFFER, None)
    if not buffer:
        return 0
    entries = list(buffer.values())
    buffer.clear()
    UserLogEntry.objects.bulk_create(entries)
    return len(entries)


def begin(request):
    """Start buffering for a request (UserLogMiddleware): a token for `end`. A request
    handled inside another one (Wagtail's preview runs a dummy request through the
    middleware) adds its entries to the outer request: the outer one writes them."""
    outer = _current.get()
    if outer is not None:
        setattr(request, ROOT, getattr(outer, ROOT, outer))
        return None
    setattr(request, BUFFER, {})
    return _current.set(request)


def end(request, token) -> int:
    """Write the request's entries and stop buffering (UserLogMiddleware)."""
    if token is None:
        return 0
    try:
        return flush(request)
    finally:
        _current.reset(token)
