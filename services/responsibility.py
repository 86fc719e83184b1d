"""The responsibility basis of a service and the partners involved in a joint procurement
(docs/responsibility.md).

The responsible municipality is the tree (`Catalogue › municipality › provider › service`,
`ServicePage.sync_responsibility`); for a joint procurement it is the agreed responsible
partner. The other partners of the procurement are `ServicePage.involved_partners`
(validated by `services.models.pages.involved_partner_errors`). They read the service's
internal information under the one rule, `cms.access.may_read_internal`, which is not
scoped per municipality: every municipal role with `VIEW_INTERNAL` reads every service's
internal information, so the involved partners' users keep it without a second rule. They
are told of each publication (`notify_involved_partners`, from services/signals.py).
"""

from django.contrib.auth import get_user_model
from django.db.models import Count
from django.utils.translation import gettext_lazy as _

from cms.roles import Role

from .models.pages import ResponsibilityBasis, ServicePage
from .notifications import edit_url, notify

# Who of an involved partner is told of a publication: the people who manage and write
# the partner's part of the catalogue.
INVOLVED_RECIPIENT_ROLES = (Role.MUNICIPALITY_MAIN_USER, Role.PRODUCER)


def involved_recipients(page):
    """The active main users and content producers of the partners involved in `page`
    (a joint procurement); nobody for any other basis."""
    if page.responsibility_basis != ResponsibilityBasis.PROCUREMENT:
        return get_user_model().objects.none()
    partners = page.involved_partners.exclude(pk=page.responsible_municipality_id)
    return (
        get_user_model()
        .objects.filter(
            is_active=True,
            memberships__organisation__in=partners.filter(is_active=True),
            memberships__is_active=True,
            memberships__role__in=INVOLVED_RECIPIENT_ROLES,
        )
        .distinct()
        .order_by("pk")
    )


def notify_involved_partners(page, revision_id=None) -> int:
    """E-mail the involved partners' main users and producers that `page` was published
    (once per published revision and person). Returns how many messages were queued."""
    recipients = list(involved_recipients(page))
    if not recipients:
        return 0
    revision_id = revision_id or page.live_revision_id
    return notify(
        recipients,
        "involved_published",
        {"page": page, "url": edit_url(page)},
        key=f"involved-published:{page.pk}:{revision_id}",
    )


# --- The report by basis -----------------------------------------------------------------------
REPORT_HEADERS = {
    "service": _("Service"),
    "basis": _("Responsibility basis"),
    "municipality": _("Responsible municipality"),
    "provider": _("Provider"),
    "involved": _("Other partners involved"),
    "status": _("Status"),
}


def basis_rows(pages):
    """One row per service of `pages` (a ServicePage queryset), in two queries."""
    pages = pages.select_related("provider", "responsible_municipality").prefetch_related(
        "involved_partners"
    )
    return [
        {
            "page": page,
            "service": page.title,
            "basis": page.get_responsibility_basis_display(),
            "municipality": str(page.responsible_municipality or ""),
            "provider": str(page.provider or ""),
            "involved": ", ".join(str(org) for org in page.involved_partners.all()),
            "status": str(_("Published") if page.live else _("Not published")),
        }
        for page in pages.order_by("responsible_municipality__name", "title", "pk")
    ]


def basis_counts(pages) -> list[tuple[str, int]]:
    """(basis label, number of services) for every basis, zeros included."""
    counted = dict(
        pages.order_by()
        .values_list("responsibility_basis")
        .annotate(n=Count("pk"))
        .values_list("responsibility_basis", "n")
    )
    return [(label, counted.get(value, 0)) for value, label in ResponsibilityBasis.choices]


def with_basis(pages, basis: str | None):
    return pages.filter(responsibility_basis=basis) if basis else pages


__all__ = [
    "ResponsibilityBasis",
    "ServicePage",
    "basis_counts",
    "basis_rows",
    "involved_recipients",
    "notify_involved_partners",
    "with_basis",
]
