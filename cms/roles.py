"""Roles and what each may do: the one place where permissions are declared.

`python manage.py sync_roles` (cms/group_sync.py) turns these declarations into Wagtail
groups, page permissions, collection permissions and model (snippet) permissions. Nothing is
clicked together by hand; `docs/permissions.md` is generated from this module
(`python manage.py permission_matrix --write`) and checked in CI.

Groups are per organisation and role ("Helsinki · Sisällöntuottaja"), because
page permissions in Wagtail are granted on a subtree: the catalogue tree is
`Catalogue › <responsible municipality> › <provider> › service`, so a
municipality's groups get their municipality folder and a provider's groups get
the provider folders under every municipality.

The rules with one name each (docs/architecture.md):
- who may read internal information: `cms.access.may_read_internal` (the roles with
  `VIEW_INTERNAL` here);
- who may publish and approve: `roles_that_publish_and_approve` here, applied to a service
  by `services.models.workflows.may_publish_and_approve`.

Labels of the domain apps' models and permissions appear here as strings only: cms imports
no domain app. The vocabularies (taxonomy models) are not listed here at all: a role that
`manages_vocabularies` gets the permissions of every model in `services.vocabularies`,
which registers them with the group sync.
"""

from dataclasses import dataclass

from django.db import models
from django.utils.translation import gettext_lazy as _


class OrganisationKind(models.TextChoices):
    MAINTAINER = "maintainer", _("Project organisation (maintainer)")
    MUNICIPALITY = "municipality", _("Partner municipality")
    PROVIDER = "provider", _("Service provider")


class Role(models.TextChoices):
    MAINTAINER = "maintainer", _("Maintainer")
    MUNICIPALITY_MAIN_USER = "municipality_main_user", _("Municipality main user")
    PRODUCER = "producer", _("Municipal content producer")
    EXPERT = "expert", _("Municipal expert")
    PROVIDER_MAIN_USER = "provider_main_user", _("Provider main user")
    PROVIDER_EDITOR = "provider_editor", _("Provider editor")
    TRANSLATOR = "translator", _("Translator")


class PageScope(models.TextChoices):
    """Where in the page tree a role's page permissions apply."""

    NONE = "none", _("no pages")
    ROOT = "root", _("the whole tree")
    MUNICIPALITY = "municipality", _("the own municipality's folder")
    PROVIDER = "provider", _("the own provider's folders")
    TRANSLATIONS = (
        "translations",
        _("the Swedish and English catalogues, policies and content pages"),
    )


class MemberScope(models.TextChoices):
    NONE = "none", _("nobody")
    OWN = "own", _("own organisation")
    ALL = "all", _("every organisation")


# Custom permissions (declared on models, granted here).
VIEW_INTERNAL = "services.view_internal"
EDIT_INTERNAL = "services.edit_internal"
MANAGE_OWN_MEMBERS = "cms.manage_own_members"
MANAGE_ALL_MEMBERS = "cms.manage_all_members"
# Agreement monitoring (policies app): every partner's records, or the own organisation's.
VIEW_ALL_MONITORING = "policies.view_all_monitoring"
VIEW_OWN_MONITORING = "policies.view_own_monitoring"

# Attachment collections, made by the group sync: key (in RoleSpec.collections) → name.
PUBLIC_COLLECTION = "Julkiset liitteet"
INTERNAL_COLLECTION = "Sisäiset liitteet"
COLLECTIONS = {"public": PUBLIC_COLLECTION, "internal": INTERNAL_COLLECTION}

# Model permissions grouped by what they allow.
CRUD = ("add", "change", "delete", "view")


def crud(*models_: str) -> tuple[str, ...]:
    result = []
    for label in models_:
        app, model = label.split(".")
        result.extend(f"{app}.{action}_{model}" for action in CRUD)
    return tuple(result)


ADMIN_ACCESS = ("wagtailadmin.access_admin",)
ORGANISATION_PERMS = crud("cms.organisation", "cms.membership")
CONTACT_PERMS = crud("services.contact")
# Decisions and agreement monitoring: managed by the project organisation only.
MONITORING_PERMS = (VIEW_ALL_MONITORING,) + crud(
    "policies.decision",
    "policies.meeting",
    "policies.attendance",
    "policies.contentcase",
    "policies.knowledgetransferbreach",
    "policies.partnercontact",
)
DOCUMENT_PERMS = (
    "wagtaildocs.add_document",
    "wagtaildocs.change_document",
    "wagtaildocs.choose_document",
)
IMAGE_PERMS = (
    "wagtailimages.add_image",
    "wagtailimages.change_image",
    "wagtailimages.choose_image",
)
TRANSLATION_PERMS = ("wagtail_localize.submit_translation",)
FULL_PAGE_PERMS = (
    "add_page",
    "change_page",
    "publish_page",
    "bulk_delete_page",
    "lock_page",
    "unlock_page",
)
MUNICIPAL_PAGE_PERMS = ("add_page", "change_page", "publish_page", "lock_page", "unlock_page")
PROVIDER_PAGE_PERMS = ("add_page", "change_page")
TRANSLATOR_PAGE_PERMS = ("change_page",)


@dataclass(frozen=True)
class RoleSpec:
    role: Role
    organisation_kinds: tuple[OrganisationKind, ...]
    page_scope: PageScope
    page_permissions: tuple[str, ...] = ()
    model_permissions: tuple[str, ...] = ()
    # Collections whose documents and images the role may add, change and choose.
    # "public" attachments are downloadable by everyone; "internal" ones only by
    # roles that view internal information (a group view restriction on it).
    collections: tuple[str, ...] = ()
    members: MemberScope = MemberScope.NONE
    # Add, change, delete and view every vocabulary (services.vocabularies).
    manages_vocabularies: bool = False
    description: str = ""

    @property
    def view_internal(self) -> bool:
        return VIEW_INTERNAL in self.model_permissions

    @property
    def edit_internal(self) -> bool:
        return EDIT_INTERNAL in self.model_permissions

    @property
    def can_publish(self) -> bool:
        return "publish_page" in self.page_permissions


ROLES: dict[Role, RoleSpec] = {
    Role.MAINTAINER: RoleSpec(
        role=Role.MAINTAINER,
        organisation_kinds=(OrganisationKind.MAINTAINER,),
        page_scope=PageScope.ROOT,
        page_permissions=FULL_PAGE_PERMS,
        model_permissions=ADMIN_ACCESS
        + (VIEW_INTERNAL, EDIT_INTERNAL, MANAGE_OWN_MEMBERS, MANAGE_ALL_MEMBERS)
        + ORGANISATION_PERMS
        + crud("services.holidayperiod")
        + CONTACT_PERMS
        + DOCUMENT_PERMS
        + IMAGE_PERMS
        + TRANSLATION_PERMS
        + ("wagtaildocs.delete_document", "wagtailimages.delete_image")
        + MONITORING_PERMS
        # Reports › Outgoing e-mail (cms/outbox_admin.py).
        + ("cms.view_outgoingemail",),
        collections=("public", "internal"),
        members=MemberScope.ALL,
        manages_vocabularies=True,
        description=_("Project organisation: everything, including organisations and taxonomies."),
    ),
    Role.MUNICIPALITY_MAIN_USER: RoleSpec(
        role=Role.MUNICIPALITY_MAIN_USER,
        organisation_kinds=(OrganisationKind.MUNICIPALITY,),
        page_scope=PageScope.MUNICIPALITY,
        page_permissions=MUNICIPAL_PAGE_PERMS,
        model_permissions=ADMIN_ACCESS
        + (VIEW_INTERNAL, EDIT_INTERNAL, MANAGE_OWN_MEMBERS, VIEW_OWN_MONITORING)
        + CONTACT_PERMS
        + DOCUMENT_PERMS
        + IMAGE_PERMS,
        collections=("public", "internal"),
        members=MemberScope.OWN,
        description=_(
            "Manages the municipality's users and assigns the municipal responsible person; "
            "edits and publishes like a content producer."
        ),
    ),
    Role.PRODUCER: RoleSpec(
        role=Role.PRODUCER,
        organisation_kinds=(OrganisationKind.MUNICIPALITY,),
        page_scope=PageScope.MUNICIPALITY,
        page_permissions=MUNICIPAL_PAGE_PERMS,
        model_permissions=ADMIN_ACCESS
        + (VIEW_INTERNAL, EDIT_INTERNAL, VIEW_OWN_MONITORING)
        + CONTACT_PERMS
        + DOCUMENT_PERMS
        + IMAGE_PERMS,
        collections=("public", "internal"),
        description=_(
            "Reviews, completes and publishes the services its municipality is responsible for; "
            "writes the internal instructions."
        ),
    ),
    Role.EXPERT: RoleSpec(
        role=Role.EXPERT,
        organisation_kinds=(OrganisationKind.MUNICIPALITY,),
        page_scope=PageScope.NONE,
        model_permissions=ADMIN_ACCESS + (VIEW_INTERNAL, VIEW_OWN_MONITORING),
        description=_("Reads public and internal information; edits nothing."),
    ),
    Role.PROVIDER_MAIN_USER: RoleSpec(
        role=Role.PROVIDER_MAIN_USER,
        organisation_kinds=(OrganisationKind.PROVIDER,),
        page_scope=PageScope.PROVIDER,
        page_permissions=PROVIDER_PAGE_PERMS,
        model_permissions=ADMIN_ACCESS + (MANAGE_OWN_MEMBERS,) + DOCUMENT_PERMS + IMAGE_PERMS,
        collections=("public",),
        members=MemberScope.OWN,
        description=_(
            "Manages the provider's users; edits the provider's services like an editor."
        ),
    ),
    Role.PROVIDER_EDITOR: RoleSpec(
        role=Role.PROVIDER_EDITOR,
        organisation_kinds=(OrganisationKind.PROVIDER,),
        page_scope=PageScope.PROVIDER,
        page_permissions=PROVIDER_PAGE_PERMS,
        model_permissions=ADMIN_ACCESS + DOCUMENT_PERMS + IMAGE_PERMS,
        collections=("public",),
        description=_(
            "Edits the public description of its own organisation's services and submits "
            "them for municipal review; never publishes, never sees internal information."
        ),
    ),
    Role.TRANSLATOR: RoleSpec(
        role=Role.TRANSLATOR,
        organisation_kinds=(OrganisationKind.MAINTAINER, OrganisationKind.MUNICIPALITY),
        page_scope=PageScope.TRANSLATIONS,
        page_permissions=TRANSLATOR_PAGE_PERMS,
        model_permissions=ADMIN_ACCESS + (VIEW_INTERNAL, VIEW_OWN_MONITORING) + TRANSLATION_PERMS,
        description=_(
            "Translates content from Finnish to Swedish and English (internal information "
            "included); translations go through municipal review."
        ),
    ),
}


def roles_that_publish_and_approve(scope: PageScope) -> frozenset[Role]:
    """Who may publish and approve: THE rule.

    A role whose `page_permissions` include `publish_page` publishes the pages of its page
    scope (the group sync grants it there) and approves the municipal review of the
    services there. So, from `ROLES`:

    - `PageScope.ROOT`: maintainers publish and approve everywhere;
    - `PageScope.MUNICIPALITY`: the responsible municipality's content producers and main
      users publish and approve its services, and are who may be the municipal half of
      a service's update pair (its "municipal responsible person").

    Provider roles and translators never publish: their work goes through the review.
    `services.models.workflows.may_publish_and_approve(user, service)` applies this to
    one service.
    """
    return frozenset(
        role for role, spec in ROLES.items() if spec.page_scope == scope and spec.can_publish
    )


PROVIDER_ROLES = frozenset(
    role for role, spec in ROLES.items() if OrganisationKind.PROVIDER in spec.organisation_kinds
)


def roles_for_kind(kind: str) -> list[Role]:
    return [role for role, spec in ROLES.items() if kind in spec.organisation_kinds]


def group_name(organisation, role: Role) -> str:
    """The Wagtail group of an organisation's role. Stable: sync_roles keys on it."""
    return f"{organisation.slug} · {role.value}"


MATRIX_COLUMNS = {
    "view_public": _("view public"),
    "view_internal": _("view internal"),
    "edit_own": _("edit own organisation's service"),
    "edit_other": _("edit another's"),
    "edit_internal": _("edit internal"),
    "submit": _("submit for review"),
    "publish": _("publish"),
    "manage_own_users": _("manage own organisation's users"),
    "manage_other_users": _("manage other organisations' users"),
    "manage_taxonomies": _("manage taxonomies"),
    "manage_organisations": _("manage organisations"),
    "monitor_agreement": _("manage decisions and agreement monitoring"),
    "view_own_monitoring": _("see own organisation's monitoring records"),
}


def permission_matrix() -> dict[Role, dict[str, bool]]:
    """What each role may do, derived from ROLES (rendered in docs/permissions.md)."""
    matrix = {}
    for role, spec in ROLES.items():
        edits = spec.page_scope in (
            PageScope.ROOT,
            PageScope.MUNICIPALITY,
            PageScope.PROVIDER,
        ) and ("change_page" in spec.page_permissions)
        matrix[role] = {
            "view_public": True,
            "view_internal": spec.view_internal,
            "edit_own": edits,
            "edit_other": spec.page_scope == PageScope.ROOT,
            "edit_internal": edits and spec.edit_internal,
            "submit": edits,
            "publish": spec.can_publish,
            "manage_own_users": spec.members in (MemberScope.OWN, MemberScope.ALL),
            "manage_other_users": spec.members == MemberScope.ALL,
            "manage_taxonomies": spec.manages_vocabularies,
            "manage_organisations": "cms.add_organisation" in spec.model_permissions,
            "monitor_agreement": VIEW_ALL_MONITORING in spec.model_permissions
            and "policies.change_contentcase" in spec.model_permissions,
            "view_own_monitoring": VIEW_ALL_MONITORING in spec.model_permissions
            or VIEW_OWN_MONITORING in spec.model_permissions,
        }
    return matrix


def permission_matrix_markdown() -> str:
    from django.utils import translation

    with translation.override("en"):
        columns = [str(label) for label in MATRIX_COLUMNS.values()]
        lines = [
            "# Permission matrix",
            "",
            "Generated from `cms/roles.py` by `python manage.py permission_matrix --write`; "
            "CI fails when this file is stale. Every cell is tested through the admin in "
            "`tests/cms/test_permission_matrix.py`.",
            "",
            "| role | " + " | ".join(columns) + " |",
            "|---" * (len(columns) + 1) + "|",
        ]
        for role, row in permission_matrix().items():
            cells = ["yes" if row[key] else "–" for key in MATRIX_COLUMNS]
            lines.append(f"| {role.label} | " + " | ".join(cells) + " |")
        lines += ["", "## Roles", ""]
        for role, spec in ROLES.items():
            kinds = ", ".join(str(kind.label).lower() for kind in spec.organisation_kinds)
            lines.append(
                f"- **{role.label}** (`{role.value}`, in: {kinds}; pages: "
                f"{PageScope(spec.page_scope).label}): {spec.description}"
            )
        lines += [
            "",
            "## Notes",
            "",
            "- *Own organisation's service*: for municipal roles, a service the municipality is "
            "responsible for; for provider roles, a service the provider provides.",
            "- Provider roles never see the internal panel; a forged internal field in their "
            "POST is ignored.",
            "- Translators edit translations in wagtail-localize's editor (Swedish and English "
            "catalogues), not the Finnish services.",
            "- Memberships are never deleted: a main user deactivates a leaver, which closes the "
            "account when no other active membership remains.",
            "- *Agreement monitoring* (decisions, meetings and attendance, content cases, "
            "knowledge-transfer breaches, sanctions): maintainers manage every partner's "
            "records; every user of a partner municipality reads its own organisation's "
            "records and sanctions only, never another partner's (see docs/policies.md). "
            "These two columns are tested through the admin in `tests/policies/test_access.py`.",
            "",
        ]
    return "\n".join(lines)
