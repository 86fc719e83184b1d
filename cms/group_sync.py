"""Group sync: turn the declarations in `cms.roles` into Wagtail groups and permissions.

Everything here is idempotent: running it twice changes nothing the second time.
The functions are plain so tests and signals can call them directly.

`cms` imports none of the domain apps. What only they know is registered here from
their `AppConfig.ready`: which pages a page scope covers for an organisation
(`register_scope_pages`: the services' municipality and provider folders, the Swedish
and English catalogues and policy indexes) and which models are vocabularies
(`register_vocabularies`, from `services.vocabularies`). A scope or vocabulary
permission that a role uses but no app registered is an error, not a silent grant of
nothing.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.contrib.auth.models import Group, Permission
from django.core.exceptions import ImproperlyConfigured
from django.db import transaction
from wagtail.models import (
    Collection,
    CollectionViewRestriction,
    GroupCollectionPermission,
    GroupPagePermission,
    Page,
)

from .models import Membership, Organisation
from .roles import (
    COLLECTIONS,
    ROLES,
    PageScope,
    Role,
    RoleSpec,
    crud,
    group_name,
    roles_for_kind,
)

COLLECTION_ACTIONS = {
    "wagtaildocs": ("add_document", "change_document", "choose_document"),
    "wagtailimages": ("add_image", "change_image", "choose_image"),
}


@dataclass
class SyncReport:
    groups_created: int = 0
    permissions_changed: int = 0
    users_updated: int = 0

    def __str__(self):
        return (
            f"{self.groups_created} groups created, {self.permissions_changed} permission rows "
            f"changed, {self.users_updated} users' groups updated"
        )


def _permissions(labels) -> list[Permission]:
    wanted = {tuple(label.split(".", 1)) for label in labels}
    perms = Permission.objects.filter(
        codename__in=[codename for _, codename in wanted]
    ).select_related("content_type")
    found = {(p.content_type.app_label, p.codename): p for p in perms}
    missing = wanted - found.keys()
    if missing:
        raise LookupError(
            f"Unknown permissions in cms.roles: {sorted('.'.join(m) for m in missing)}"
        )
    return [found[key] for key in sorted(wanted)]


# --- What the domain apps register (from their AppConfig.ready) ---------------------------------
ScopePages = Callable[[Organisation], Iterable[Page]]
_scope_pages: dict[PageScope, list[ScopePages]] = {}
_vocabularies: list[str] = []


def register_scope_pages(scope: PageScope, pages_of: ScopePages) -> None:
    """`pages_of(organisation)` gives pages where a role of `scope` gets its page permissions
    (several apps may contribute to one scope)."""
    if scope in (PageScope.NONE, PageScope.ROOT):
        raise ValueError(f"Page scope {scope} is not registered: cms knows it.")
    registered = _scope_pages.setdefault(PageScope(scope), [])
    if pages_of not in registered:
        registered.append(pages_of)


def register_vocabularies(model_labels: Iterable[str]) -> None:
    """The vocabulary models ("app.model"), whose add/change/delete/view permissions
    `RoleSpec.manages_vocabularies` grants."""
    for label in model_labels:
        if label not in _vocabularies:
            _vocabularies.append(label)


def vocabulary_permissions() -> tuple[str, ...]:
    if not _vocabularies:
        raise ImproperlyConfigured("No app registered its vocabularies (register_vocabularies).")
    return crud(*_vocabularies)


def model_permissions(spec: RoleSpec) -> tuple[str, ...]:
    """Every model permission of a role: its declared ones and the registered vocabularies'."""
    if spec.manages_vocabularies:
        return spec.model_permissions + vocabulary_permissions()
    return spec.model_permissions


def ensure_collections() -> dict[str, Collection]:
    root = Collection.get_first_root_node()
    result = {}
    for key, name in COLLECTIONS.items():
        collection = root.get_children().filter(name=name).first()
        if collection is None:
            collection = root.add_child(name=name)
        result[key] = collection
    return result


def scope_pages(spec: RoleSpec, organisation: Organisation) -> list[Page]:
    """The pages where `spec`'s page permissions are granted for `organisation`."""
    if spec.page_scope == PageScope.NONE:
        return []
    if spec.page_scope == PageScope.ROOT:
        return [Page.get_first_root_node()]
    providers = _scope_pages.get(PageScope(spec.page_scope))
    if not providers:
        raise ImproperlyConfigured(
            f"No app registered the pages of page scope {spec.page_scope!r} (register_scope_pages)."
        )
    return [page for pages_of in providers for page in pages_of(organisation)]


def _set_exactly(existing_qs, wanted: set, key, create) -> int:
    """Make the rows of existing_qs match `wanted` (a set of keys). Return rows changed."""
    existing = {key(row): row.pk for row in existing_qs}
    stale = [pk for k, pk in existing.items() if k not in wanted]
    if stale:
        existing_qs.model.objects.filter(pk__in=stale).delete()
    missing = [k for k in wanted if k not in existing]
    for k in missing:
        create(k)
    return len(stale) + len(missing)


def sync_group(
    organisation: Organisation, spec: RoleSpec, collections, page_perms, report
) -> Group:
    group, created = Group.objects.get_or_create(name=group_name(organisation, spec.role))
    report.groups_created += int(created)

    model_perms = set(_permissions(model_permissions(spec)))
    current = set(group.permissions.all())
    if current != model_perms:
        group.permissions.set(model_perms)
        report.permissions_changed += len(current ^ model_perms)

    wanted_pages = {
        (page.pk, page_perms[name].pk)
        for page in scope_pages(spec, organisation)
        for name in spec.page_permissions
    }
    report.permissions_changed += _set_exactly(
        GroupPagePermission.objects.filter(group=group),
        wanted_pages,
        key=lambda row: (row.page_id, row.permission_id),
        create=lambda k: GroupPagePermission.objects.create(
            group=group, page_id=k[0], permission_id=k[1]
        ),
    )

    wanted_collections = {
        (collections[key].pk, perm.pk)
        for key in spec.collections
        for perm in collection_permissions()
    }
    report.permissions_changed += _set_exactly(
        GroupCollectionPermission.objects.filter(group=group),
        wanted_collections,
        key=lambda row: (row.collection_id, row.permission_id),
        create=lambda k: GroupCollectionPermission.objects.create(
            group=group, collection_id=k[0], permission_id=k[1]
        ),
    )
    return group


def collection_permissions() -> list[Permission]:
    return _permissions(
        f"{app}.{action}" for app, actions in COLLECTION_ACTIONS.items() for action in actions
    )


def page_permissions() -> dict[str, Permission]:
    return {
        p.codename: p
        for p in Permission.objects.filter(
            content_type__app_label="wagtailcore", content_type__model="page"
        )
    }


@transaction.atomic
def sync_roles(organisations=None) -> SyncReport:
    """Create or update every role group of the given (default: all) organisations."""
    report = SyncReport()
    collections = ensure_collections()
    page_perms = page_permissions()
    internal_viewers = []
    orgs = Organisation.objects.all() if organisations is None else organisations
    for organisation in orgs:
        for role in roles_for_kind(organisation.kind):
            spec = ROLES[role]
            group = sync_group(organisation, spec, collections, page_perms, report)
            if spec.view_internal:
                internal_viewers.append(group)
    if organisations is None:
        sync_internal_collection(collections["internal"], internal_viewers)
        for user_id in Membership.objects.values_list("user_id", flat=True).distinct():
            report.users_updated += int(sync_user_groups_by_id(user_id))
    else:
        sync_internal_collection(collections["internal"], all_internal_viewer_groups())
    return report


def all_internal_viewer_groups() -> list[Group]:
    names = [
        group_name(org, role)
        for org in Organisation.objects.all()
        for role in roles_for_kind(org.kind)
        if ROLES[role].view_internal
    ]
    return list(Group.objects.filter(name__in=names))


def sync_internal_collection(collection: Collection, groups) -> None:
    """Internal attachments: only groups that may view internal information may download."""
    restriction = CollectionViewRestriction.objects.filter(collection=collection).first()
    if restriction is None:
        restriction = CollectionViewRestriction.objects.create(
            collection=collection, restriction_type=CollectionViewRestriction.GROUPS
        )
    elif restriction.restriction_type != CollectionViewRestriction.GROUPS:
        restriction.restriction_type = CollectionViewRestriction.GROUPS
        restriction.save(update_fields=["restriction_type"])
    if set(restriction.groups.all()) != set(groups):
        restriction.groups.set(groups)


def role_group_names() -> set[str]:
    return {
        group_name(org, role)
        for org in Organisation.objects.all()
        for role in roles_for_kind(org.kind)
    }


def sync_user_groups_by_id(user_id) -> bool:
    from django.contrib.auth import get_user_model

    return sync_user_groups(get_user_model().objects.get(pk=user_id))


def sync_user_groups(user, managed_names: set[str] | None = None) -> bool:
    """Put the user in exactly the role groups of their active memberships.

    Groups that are not role groups (made by hand for other purposes) are left alone.
    Returns True when something changed.
    """
    managed_names = role_group_names() if managed_names is None else managed_names
    wanted_names = {
        group_name(m.organisation, Role(m.role))
        for m in Membership.objects.filter(
            user=user, is_active=True, organisation__is_active=True
        ).select_related("organisation")
    }
    current = {g.name: g for g in user.groups.all()}
    current_managed = {name for name in current if name in managed_names}
    if current_managed == wanted_names:
        return False
    remove = [current[name] for name in current_managed - wanted_names]
    add = list(Group.objects.filter(name__in=wanted_names - current_managed))
    if remove:
        user.groups.remove(*remove)
    if add:
        user.groups.add(*add)
    return True
