"""Staff features in GraphQL: favourites, shareable lists and change requests.

Every field and mutation here needs an authenticated user (a personal API token or
a CSRF-checked session); the domain rules are the same functions the admin uses
(services.change_requests, services.sharing).
"""

import graphene
from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Prefetch, Q
from graphene.utils.str_converters import to_camel_case

from cms.api.access import can_view_internal, public_filter, require_viewer
from cms.api.context import localise, request_cache
from cms.api.errors import bad_input, forbidden, not_found
from cms.api.pages import LocaleCode, locale_code, translations_by_key
from cms.api.selection import selected
from cms.ids import parse_id
from cms.members import user_language

from .. import change_requests
from ..models import ChangeRequest, Favourite, ServiceList, ServiceListItem, ServicePage
from ..sharing import colleagues, refused_usernames
from .enums import ChangeRequestSectionEnum
from .optimise import optimise
from .service import Service
from .types import ServiceRef


def _in_locale(info, page_ids, code) -> dict:
    """{page id: Localised}: the services that favourites and list items point to, each in
    the requested locale when translated (else in Finnish, else as stored), published and
    public only, as one batch. Items are kept as the page they were added from (any
    locale); a service is the same whatever translation it was added in."""
    page_ids = set(page_ids)
    if not page_ids:
        return {}
    keys = dict(ServicePage.objects.filter(pk__in=page_ids).values_list("pk", "translation_key"))
    fields = selected(info)
    by_key = translations_by_key(
        info, ServicePage, set(keys.values()), code, lambda qs: optimise(info, qs, fields)
    )
    missing = {pk for pk, key in keys.items() if key not in by_key}
    if missing:  # a service with neither this locale nor Finnish: the page as stored
        pages = public_filter(info, ServicePage.objects.filter(pk__in=missing))
        by_key.update({page.translation_key: page for page in optimise(info, pages, fields)})
    wrapped = dict(zip(by_key, localise(by_key.values(), code), strict=True))
    return {pk: wrapped[key] for pk, key in keys.items() if key in wrapped}


def _unique(services):
    """Each service once (a list may hold two translations of one service)."""
    seen = set()
    out = []
    for service in services:
        if service.node.pk not in seen:
            seen.add(service.node.pk)
            out.append(service)
    return out


def _translation_keys(ids) -> set:
    """The translation keys of the pages of these ids (any state), for removals."""
    pks = [pk for pk in map(parse_id, ids) if pk is not None]
    return set(ServicePage.objects.filter(pk__in=pks).values_list("translation_key", flat=True))


def _live_service(info, service_id, field="serviceId"):
    """The published, public service of an id a mutation was given in argument `field`."""
    pk = parse_id(service_id)
    if pk is None:
        raise bad_input("serviceId must be a number.", field)
    page = public_filter(info, ServicePage.objects.all()).filter(pk=pk).first()
    if page is None:
        raise not_found(f"No published service with id {service_id}.", field)
    return page


def _validation_error(error: ValidationError):
    """A domain ValidationError as a mutation's input error, naming its field when it
    has one (`{"message": [...]}` → `message`)."""
    fields = [name for name in getattr(error, "error_dict", {}) if name != NON_FIELD_ERRORS]
    field = to_camel_case(fields[0]) if len(fields) == 1 else None
    return bad_input(" ".join(error.messages), field)


class Person(graphene.ObjectType):
    username = graphene.String(required=True)
    name = graphene.String(required=True)

    def resolve_name(user, info):
        return user.get_full_name() or user.username


class RoleInOrganisation(graphene.ObjectType):
    organisation = graphene.String(required=True, description="Organisation slug.")
    organisation_name = graphene.String(required=True)
    role = graphene.String(required=True)


class Me(graphene.ObjectType):
    username = graphene.String(required=True)
    name = graphene.String(required=True)
    email = graphene.String(required=True)
    language = graphene.String(required=True)
    can_view_internal = graphene.Boolean(required=True)
    roles = graphene.List(graphene.NonNull(RoleInOrganisation), required=True)
    colleagues = graphene.List(
        graphene.NonNull(Person),
        required=True,
        description="Whom you may share a service list with (docs/api.md), by name.",
    )

    def resolve_name(user, info):
        return user.get_full_name() or user.username

    def resolve_colleagues(user, info):
        return colleagues(user)

    def resolve_language(user, info):
        return user_language(user)

    def resolve_can_view_internal(user, info):
        return can_view_internal(info)

    def resolve_roles(user, info):
        memberships = user.memberships.filter(is_active=True).select_related("organisation")
        return [
            RoleInOrganisation(
                organisation=m.organisation.slug,
                organisation_name=m.organisation.name,
                role=m.role,
            )
            for m in memberships
        ]


class SavedList(graphene.ObjectType):
    """A named list of services; shared lists are read-only for everyone but the owner."""

    id = graphene.ID(required=True)
    name = graphene.String(required=True)
    description = graphene.String(required=True)
    owner = graphene.Field(Person, required=True)
    is_owner = graphene.Boolean(required=True)
    shared_with = graphene.List(graphene.NonNull(Person), required=True)
    services = graphene.List(
        graphene.NonNull(Service),
        required=True,
        locale=LocaleCode(default_value="fi"),
        description="The published services on the list, in its order.",
    )

    def resolve_is_owner(service_list, info):
        return service_list.is_owned_by(info.context.user)

    def resolve_shared_with(service_list, info):
        if not service_list.is_owned_by(info.context.user):
            return []
        # Whom the owner may still share with (services.sharing): prefetched so by
        # resolve_service_lists; a list from a mutation is read here.
        if "shared_with" in getattr(service_list, "_prefetched_objects_cache", {}):
            return service_list.shared_with.all()
        return service_list.shared_with.filter(pk__in=colleagues(info.context.user))

    def resolve_services(service_list, info, locale):
        code = locale_code(locale)
        cache = request_cache(info)
        # The services of every list in the answer, read on the first list: one query for
        # all lists (per selection and locale: aliases may ask for different fields).
        loaded = cache.setdefault(("list_services", code, id(info.field_nodes[0])), {})
        lists = cache.get("service_lists") or []
        if service_list not in lists:  # a list from elsewhere (a mutation's result)
            lists = [service_list]
        wanted = {item.page_id for each in lists for item in each.items.all()} - loaded.keys()
        if wanted:
            loaded.update(dict.fromkeys(wanted))
            loaded.update(_in_locale(info, wanted, code))
        return _unique(loaded[i.page_id] for i in service_list.items.all() if loaded.get(i.page_id))


class ChangeRequestEventType(graphene.ObjectType):
    class Meta:
        name = "ChangeRequestEvent"

    status = graphene.String(required=True)
    comment = graphene.String(required=True)
    created_at = graphene.DateTime(required=True)


class ChangeRequestType(graphene.ObjectType):
    class Meta:
        name = "ChangeRequest"

    id = graphene.ID(required=True)
    service = graphene.Field(
        ServiceRef, description="null once the service is no longer published and public."
    )
    message = graphene.String(required=True)
    section = graphene.String(required=True)
    status = graphene.String(required=True)
    created_at = graphene.DateTime(required=True)
    history = graphene.List(graphene.NonNull(ChangeRequestEventType), required=True)

    def resolve_service(request, info):
        # The service only while it is published and public, like everywhere in the API;
        # read for every change request of the answer at once.
        cache = request_cache(info)
        loaded = cache.setdefault("change_request_services", {})
        if request.page_id not in loaded:
            requests = cache.get("change_requests") or []
            wanted = {r.page_id for r in requests} | {request.page_id}
            pages = public_filter(info, ServicePage.objects.filter(pk__in=wanted))
            loaded.update(dict.fromkeys(wanted))
            loaded.update({page.pk: page for page in pages.only("id", "slug", "title")})
        return loaded[request.page_id]

    def resolve_history(request, info):
        return request.events.all()


class StaffQuery(graphene.ObjectType):
    me = graphene.Field(Me, description="The signed-in user (null when anonymous).")
    favourites = graphene.List(
        graphene.NonNull(Service), required=True, locale=LocaleCode(default_value="fi")
    )
    service_lists = graphene.List(
        graphene.NonNull(SavedList),
        required=True,
        description="Own lists and lists shared with you.",
    )
    service_list = graphene.Field(
        SavedList,
        id=graphene.ID(required=True),
        description="One of your lists or a list shared with you (null when there is none "
        "with this id that you may see).",
    )
    my_change_requests = graphene.List(
        graphene.NonNull(ChangeRequestType),
        required=True,
        description="The change requests you sent, newest first, with their status.",
    )

    def resolve_me(self, info):
        user = info.context.user
        return user if user.is_authenticated and user.is_active else None

    def resolve_favourites(self, info, locale):
        user = require_viewer(info)
        code = locale_code(locale)
        ids = list(
            Favourite.objects.filter(user=user)
            .order_by("-created_at")
            .values_list("page_id", flat=True)
        )
        by_id = _in_locale(info, ids, code)
        return _unique(by_id[i] for i in ids if i in by_id)

    @staticmethod
    def _lists(user):
        # `sharedWith` is shown to the owner only: the prefetch keeps whom the viewer (the
        # owner) may still share with (services.sharing).
        return (
            ServiceList.visible_to(user)
            .select_related("owner")
            .prefetch_related("items", Prefetch("shared_with", queryset=colleagues(user)))
            .order_by("name", "pk")
        )

    def resolve_service_lists(self, info):
        lists = list(StaffQuery._lists(require_viewer(info)))
        request_cache(info)["service_lists"] = lists
        return lists

    def resolve_service_list(self, info, id):
        user = require_viewer(info)
        pk = parse_id(id)
        if pk is None:
            raise bad_input("id must be a number.", "id")
        lists = list(StaffQuery._lists(user).filter(pk=pk))
        request_cache(info)["service_lists"] = lists
        return lists[0] if lists else None

    def resolve_my_change_requests(self, info):
        user = require_viewer(info)
        requests = list(
            ChangeRequest.objects.filter(sender=user)
            .prefetch_related("events")
            .order_by("-created_at")
        )
        request_cache(info)["change_requests"] = requests
        return requests


# --- Mutations ---------------------------------------------------------------------------------
class FavouriteResult(graphene.ObjectType):
    service_id = graphene.ID(required=True)
    is_favourite = graphene.Boolean(required=True)


class SetFavourite(graphene.Mutation):
    """Add a published service to your favourites, or remove it (`favourite: false`)."""

    class Arguments:
        service_id = graphene.ID(required=True)
        favourite = graphene.Boolean(required=True)

    Output = FavouriteResult

    def mutate(self, info, service_id, favourite):
        user = require_viewer(info)
        pk = parse_id(service_id)
        if pk is None:
            raise bad_input("serviceId must be a number.", "serviceId")
        # A service is one favourite whichever of its translations it is starred in.
        if favourite:
            page = _live_service(info, service_id)
            mine = Favourite.objects.filter(user=user)
            if not mine.filter(page__translation_key=page.translation_key).exists():
                Favourite.objects.create(user=user, page=page)
        else:
            # Also for a service that is no longer public: a favourite can always be removed.
            Favourite.objects.filter(user=user).filter(
                Q(page_id=pk) | Q(page__translation_key__in=_translation_keys([service_id]))
            ).delete()
        return FavouriteResult(service_id=service_id, is_favourite=favourite)


def _add(service_list, page):
    """Append a service unless it is on the list already (in any of its translations)."""
    if not service_list.items.filter(page__translation_key=page.translation_key).exists():
        service_list.add(page)


def _own_list(user, list_id):
    pk = parse_id(list_id)
    service_list = ServiceList.visible_to(user).filter(pk=pk).first() if pk is not None else None
    if service_list is None:
        raise not_found(f"No service list with id {list_id}.", "listId")
    if not service_list.is_owned_by(user):
        raise forbidden("Only the owner can change a list.", "listId")
    return service_list


class CreateServiceList(graphene.Mutation):
    class Arguments:
        name = graphene.String(required=True)
        description = graphene.String(default_value="")
        service_ids = graphene.List(graphene.NonNull(graphene.ID), default_value=[])

    Output = SavedList

    @transaction.atomic
    def mutate(self, info, name, description, service_ids):
        user = require_viewer(info)
        name = name.strip()
        if not name or len(name) > 200:
            raise bad_input("name must be 1–200 characters.", "name")
        pages = [_live_service(info, sid, "serviceIds") for sid in dict.fromkeys(service_ids)]
        service_list = ServiceList.objects.create(owner=user, name=name, description=description)
        for page in pages:
            _add(service_list, page)
        return service_list


class ChangeServiceList(graphene.Mutation):
    """Add or remove services, rename, or set who the list is shared with (owner only)."""

    class Arguments:
        list_id = graphene.ID(required=True)
        add_service_ids = graphene.List(graphene.NonNull(graphene.ID), default_value=[])
        remove_service_ids = graphene.List(graphene.NonNull(graphene.ID), default_value=[])
        name = graphene.String()
        description = graphene.String()
        share_with = graphene.List(
            graphene.NonNull(graphene.String),
            description="Usernames; replaces the current sharing when given.",
        )

    Output = SavedList

    @transaction.atomic
    def mutate(
        self,
        info,
        list_id,
        add_service_ids,
        remove_service_ids,
        name=None,
        description=None,
        share_with=None,
    ):
        user = require_viewer(info)
        service_list = _own_list(user, list_id)
        pages = [
            _live_service(info, sid, "addServiceIds") for sid in dict.fromkeys(add_service_ids)
        ]
        if name is not None:
            if not name.strip() or len(name) > 200:
                raise bad_input("name must be 1–200 characters.", "name")
            service_list.name = name.strip()
            service_list.save(update_fields=["name", "updated_at"])
        if description is not None:
            service_list.description = description.strip()
            service_list.save(update_fields=["description", "updated_at"])
        if share_with is not None:
            # Unknown users and users you may not share with get the same answer.
            found, refused = refused_usernames(user, share_with)
            if refused:
                raise bad_input(f"Cannot share with: {', '.join(refused)}.", "shareWith")
            service_list.shared_with.set(found)
        for page in pages:
            _add(service_list, page)
        if remove_service_ids:
            # By service: the item may hold another translation than the id given.
            ServiceListItem.objects.filter(
                service_list=service_list,
                page__translation_key__in=_translation_keys(remove_service_ids),
            ).delete()
        return service_list


class DeleteServiceList(graphene.Mutation):
    class Arguments:
        list_id = graphene.ID(required=True)

    ok = graphene.Boolean(required=True)

    def mutate(self, info, list_id):
        user = require_viewer(info)
        _own_list(user, list_id).delete()
        return DeleteServiceList(ok=True)


class SendChangeRequest(graphene.Mutation):
    """A municipal user asks the update pair to change a published service."""

    class Arguments:
        service_id = graphene.ID(required=True)
        message = graphene.String(required=True)
        section = ChangeRequestSectionEnum()

    Output = ChangeRequestType

    def mutate(self, info, service_id, message, section=None):
        user = require_viewer(info)
        page = _live_service(info, service_id)
        try:
            return change_requests.send_change_request(
                page, user, message, getattr(section, "value", section) or ""
            )
        except PermissionDenied as error:
            raise forbidden(str(error)) from None
        except ValidationError as error:
            raise _validation_error(error) from None


class StaffMutation(graphene.ObjectType):
    set_favourite = SetFavourite.Field()
    create_service_list = CreateServiceList.Field()
    change_service_list = ChangeServiceList.Field()
    delete_service_list = DeleteServiceList.Field()
    send_change_request = SendChangeRequest.Field()
