"""Turn the declarations in `cms.roles` into Wagtail groups and permissions.

Everything here is idempotent: running it twice changes nothing the second time.
The functions are plain so tests and signals can call them directly.
"""

from dataclasses import dataclass

from django.contrib.auth.models import Group, Permission
from django.db import transaction
from wagtail.models import (
    Collection,
    CollectionViewRestriction,
    GroupCollectionPermission,
    GroupPagePermission,
    Locale,
    Page,
)

from .models import Membership, Organisation
from .roles import ROLES, PageScope, Role, RoleSpec, group_name, roles_for_kind

PUBLIC_COLLECTION = "Julkiset liitteet"
INTERNAL_COLLECTION = "Sisäiset liitteet"
COLLECTION_KEYS = {"public": PUBLIC_COLLECTION, "internal": INTERNAL_COLLECTION}
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


def ensure_collections() -> dict[str, Collection]:
    root = Collection.get_first_root_node()
    result = {}
    for key, name in COLLECTION_KEYS.items():
        collection = root.get_children().filter(name=name).first()
        if collection is None:
            collection = root.add_child(name=name)
        result[key] = collection
    return result


def scope_pages(spec: RoleSpec, organisation: Organisation) -> list[Page]:
    from services.models import MunicipalityFolderPage, ProviderFolderPage, ServiceIndexPage

    if spec.page_scope == PageScope.ROOT:
        return [Page.get_first_root_node()]
    if spec.page_scope == PageScope.MUNICIPALITY:
        return list(MunicipalityFolderPage.objects.filter(organisation=organisation))
    if spec.page_scope == PageScope.PROVIDER:
        return list(ProviderFolderPage.objects.filter(organisation=organisation))
    if spec.page_scope == PageScope.TRANSLATIONS:
        from policies.models import PolicyIndexPage

        default = Locale.get_default()
        return [
            *ServiceIndexPage.objects.exclude(locale=default),
            *PolicyIndexPage.objects.exclude(locale=default),
        ]
    return []


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

    model_perms = set(_permissions(spec.model_permissions))
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
