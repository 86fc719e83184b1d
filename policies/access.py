"""Who sees which monitoring records: the one place the scope is decided.

Maintainers (`policies.view_all_monitoring`, declared in `cms.roles`) see every partner's
records; a partner's users (`policies.view_own_monitoring`: every role of a partner
municipality) see the records of the organisations they have an active membership in, and
only read them. Everything that lists or opens a record (admin screens, the sanctions report
and its exports, the command line aside) goes through `scoped()`.
"""

from django.db.models import QuerySet
from wagtail.permission_policies import ModelPermissionPolicy

from cms.models import Membership, Organisation
from cms.roles import VIEW_ALL_MONITORING, VIEW_OWN_MONITORING


def sees_all(user) -> bool:
    return bool(
        user
        and user.is_authenticated
        and user.is_active
        and (user.is_superuser or user.has_perm(VIEW_ALL_MONITORING))
    )


def own_organisation_ids(user) -> set[int]:
    """The partners the user is an active member of (their records are readable)."""
    if not (user and user.is_authenticated and user.is_active):
        return set()
    if not user.has_perm(VIEW_OWN_MONITORING):
        return set()
    cached = getattr(user, "_own_monitoring_organisations", None)
    if cached is None:
        cached = set(
            Membership.objects.active()
            .municipal()
            .filter(user=user)
            .values_list("organisation_id", flat=True)
        )
        user._own_monitoring_organisations = cached  # for the rest of the request
    return cached


def visible_organisations(user) -> QuerySet:
    """The partners whose monitoring records the user may read."""
    partners = Organisation.objects.municipalities()
    if sees_all(user):
        return partners
    return partners.filter(pk__in=own_organisation_ids(user))


def can_view_monitoring(user) -> bool:
    return sees_all(user) or bool(own_organisation_ids(user))


def scoped(user, queryset: QuerySet, organisation_field: str | None = "organisation"):
    """`queryset` narrowed to what the user may read. Without an organisation field the
    records are the maintainers' only (meetings, decisions)."""
    if sees_all(user):
        return queryset
    if organisation_field is None:
        return queryset.none()
    return queryset.filter(**{f"{organisation_field}__in": own_organisation_ids(user)})


class MonitoringPermissionPolicy(ModelPermissionPolicy):
    """Model permissions for maintainers; read-only, own-organisation access for partners."""

    def __init__(self, model, organisation_field: str | None = "organisation"):
        super().__init__(model)
        self.organisation_field = organisation_field

    def _partner_reads(self, user) -> bool:
        return self.organisation_field is not None and bool(own_organisation_ids(user))

    def user_has_permission(self, user, action):
        if not (user.is_authenticated and user.is_active):
            return False
        if super().user_has_permission(user, action) and sees_all(user):
            return True
        return action == "view" and self._partner_reads(user)

    def user_has_permission_for_instance(self, user, action, instance):
        if not self.user_has_permission(user, action):
            return False
        if sees_all(user):
            return True
        return getattr(instance, f"{self.organisation_field}_id") in own_organisation_ids(user)

    def user_has_any_permission_for_instance(self, user, actions, instance):
        return any(self.user_has_permission_for_instance(user, a, instance) for a in actions)

    def instances_user_has_any_permission_for(self, user, actions):
        if not self.user_has_any_permission(user, actions):
            return self.model._default_manager.none()
        return scoped(user, self.model._default_manager.all(), self.organisation_field)
