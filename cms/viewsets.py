"""Admin screens of the shared models: organisations, members and API tokens."""

from datetime import timedelta

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.cache import add_never_cache_headers
from django.utils.formats import date_format
from django.utils.functional import cached_property
from django.utils.text import capfirst
from django.utils.timezone import localtime
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.ui.menus import MenuItem
from wagtail.admin.ui.tables import Column, DateColumn, StatusFlagColumn, StatusTagColumn
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets.button import HeaderButton
from wagtail.log_actions import log
from wagtail.permission_policies import ModelPermissionPolicy

from .admin_views import ScopedObjectViewsMixin
from .forms import MemberCreateForm, MemberEditForm
from .members import (
    accounts_managed_by,
    can_manage,
    manageable_memberships,
    manageable_organisations,
    roles_offered,
)
from .models import ApiToken, Invitation, InvitationStatus, Membership, Organisation
from .people import person_name
from .roles import MANAGE_ALL_MEMBERS


class OrganisationViewSet(ModelViewSet):
    model = Organisation
    icon = "group"
    menu_label = _("Organisations")
    menu_order = 900
    add_to_admin_menu = True
    form_fields = [
        "name",
        "name_sv",
        "name_en",
        "slug",
        "kind",
        "business_id",
        "cost_share",
        "language",
        "email",
        "is_active",
    ]
    list_display = [
        "name",
        "kind",
        "business_id",
        "cost_share",
        StatusFlagColumn("is_active", true_label=_("Active"), false_label=_("Inactive")),
    ]
    list_filter = ["kind", "is_active"]
    search_fields = ["name", "name_sv", "business_id"]
    inspect_view_enabled = True


class MembershipPermissionPolicy(ModelPermissionPolicy):
    """Main users manage their own organisation's members; maintainers everyone's.

    Memberships are never deleted (their history matters): a leaver is deactivated.
    """

    def user_has_permission(self, user, action):
        if action == "delete":
            return False
        return manageable_organisations(user).exists()

    def user_has_permission_for_instance(self, user, action, instance):
        return self.user_has_permission(user, action) and can_manage(user, instance)

    def user_has_any_permission_for_instance(self, user, actions, instance):
        return any(self.user_has_permission_for_instance(user, a, instance) for a in actions)

    def instances_user_has_any_permission_for(self, user, actions):
        return manageable_memberships(user)


class MemberIndexView(generic.IndexView):
    add_item_label = _("Invite a member")

    def get_base_queryset(self):
        return manageable_memberships(self.request.user)

    @cached_property
    def filters(self):
        # The role filter offers the roles of the organisations the user manages (a
        # municipality's main user never sees provider or maintainer roles there).
        filters = super().filters
        if filters is not None and "role" in filters.form.fields:
            offered = {r.value for r in roles_offered(manageable_organisations(self.request.user))}
            field = filters.form.fields["role"]
            field.choices = [(v, label) for v, label in field.choices if not v or v in offered]
        return filters

    @cached_property
    def header_buttons(self):
        return [
            *super().header_buttons,
            HeaderButton(
                _("Invitations"), url=reverse("member-invitations:index"), icon_name="mail"
            ),
        ]


class MemberInviteView(generic.CreateView):
    """Adding a member sends an invitation (MemberCreateForm): the same message whether the
    address has an account or not, and no link to a membership that does not exist yet."""

    submit_button_label = _("Send invitation")

    def get_page_title(self):
        return gettext("Invite a member")

    def get_page_subtitle(self):
        return ""

    def get_breadcrumbs_items(self):
        items = super().get_breadcrumbs_items()
        items[-1]["label"] = gettext("Invite a member")
        return items

    def get_initial_form_instance(self):
        return Invitation()

    def save_instance(self):
        invitation = self.form.save()
        log(instance=invitation, action="wagtail.create", content_changed=True)
        return invitation

    def get_success_message(self, instance):
        return gettext(
            "An invitation has been sent to %(email)s. They become a member when they accept it."
        ) % {"email": instance.email}

    def get_success_buttons(self):
        return []


class MemberEditView(generic.EditView):
    def get_object(self, queryset=None):
        obj = super().get_object(queryset)
        if not can_manage(self.request.user, obj):
            raise PermissionDenied
        return obj

    def get_page_subtitle(self):
        # The person by name (a membership's own str() names the username).
        return f"{person_name(self.object.user)} · {self.object.organisation}"

    def save_action(self):
        if getattr(self.form, "account_left_closed", False):
            messages.warning(
                self.request,
                gettext(
                    "The membership is active again, but the account stays closed: it was not "
                    "closed by this membership. The maintainers can reopen it."
                ),
            )
        return super().save_action()


class MembershipViewSet(ScopedObjectViewsMixin, ModelViewSet):
    model = Membership
    icon = "user"
    menu_label = _("Members")
    menu_order = 910
    add_to_admin_menu = True
    url_prefix = "members"
    name = "members"
    index_view_class = MemberIndexView
    add_view_class = MemberInviteView
    edit_view_class = MemberEditView
    inspect_view_enabled = False
    copy_view_enabled = False
    list_display = [
        # People by name (the username only when there is no name or e-mail address).
        Column("user", label=capfirst(_("name")), accessor=lambda m: person_name(m.user)),
        Column("email", label=capfirst(_("e-mail")), accessor="user.email"),
        "organisation",
        "role",
        StatusFlagColumn(
            "is_active",
            label=capfirst(_("status")),
            true_label=_("Active"),
            false_label=_("Deactivated"),
        ),
    ]
    list_filter = ["role", "is_active"]
    search_fields = ["user__first_name", "user__last_name", "user__email"]

    @property
    def permission_policy(self):
        return MembershipPermissionPolicy(self.model)

    def get_form_class(self, for_update=False):
        return MemberEditForm if for_update else MemberCreateForm


# --- Invitations -------------------------------------------------------------------------------
# Who manages an organisation's members sees its invitations and may withdraw pending ones.


class InvitationPermissionPolicy(ModelPermissionPolicy):
    """Actions "view" and "withdraw", on the invitations of the organisations one manages."""

    def user_has_permission(self, user, action):
        return action in ("view", "withdraw") and manageable_organisations(user).exists()

    def user_has_permission_for_instance(self, user, action, instance):
        return (
            self.user_has_permission(user, action)
            and manageable_organisations(user).filter(pk=instance.organisation_id).exists()
        )

    def user_has_any_permission_for_instance(self, user, actions, instance):
        return any(self.user_has_permission_for_instance(user, a, instance) for a in actions)

    def instances_user_has_any_permission_for(self, user, actions):
        return Invitation.objects.filter(organisation__in=manageable_organisations(user))


class InvitationIndexView(generic.IndexView):
    withdraw_url_name = None

    def get_base_queryset(self):
        return Invitation.objects.filter(
            organisation__in=manageable_organisations(self.request.user)
        ).select_related("organisation", "invited_by")

    def get_add_url(self):
        return reverse("members:add")

    def get_edit_url(self, instance):
        return None

    def get_list_more_buttons(self, instance):
        buttons = super().get_list_more_buttons(instance)
        if instance.is_open():
            buttons.append(
                MenuItem(
                    _("Withdraw"),
                    url=reverse(self.withdraw_url_name, args=[instance.pk]),
                    icon_name="bin",
                    priority=30,
                )
            )
        return buttons


class InvitationWithdrawView(generic.DeleteView):
    """Withdrawing keeps the invitation (its link stops working) instead of deleting it."""

    permission_required = "withdraw"
    template_name = "cms/invitations/confirm_withdraw.html"
    page_title = _("Withdraw")
    withdraw_url_name = None

    def get_queryset(self):
        # Another organisation's invitation answers 404: nothing about it is revealed.
        return InvitationIndexView.get_base_queryset(self).filter(status=InvitationStatus.PENDING)

    def get_object(self, queryset=None):
        return get_object_or_404(self.get_queryset(), pk=self.kwargs[self.pk_url_kwarg])

    def get_delete_url(self):
        return reverse(self.withdraw_url_name, args=[self.object.pk])

    @property
    def confirmation_message(self):
        return gettext("Withdraw the invitation of %(email)s? Its link stops working at once.") % {
            "email": self.object.email
        }

    def form_valid(self, form):
        self.object.close(InvitationStatus.WITHDRAWN)
        log(instance=self.object, action="wagtail.edit")
        messages.success(
            self.request,
            gettext("Invitation of %(email)s withdrawn.") % {"email": self.object.email},
        )
        return HttpResponseRedirect(self.get_success_url())


class InvitationViewSet(ModelViewSet):
    model = Invitation
    icon = "mail"
    add_to_admin_menu = False
    add_to_reference_index = False
    index_view_class = InvitationIndexView
    withdraw_view_class = InvitationWithdrawView
    copy_view_enabled = False
    inspect_view_enabled = False
    list_display = [
        "email",
        "first_name",
        "last_name",
        "organisation",
        "role",
        StatusTagColumn(
            "status",
            label=_("status"),
            accessor="status_label",
            primary=lambda invitation: invitation.is_open(),
        ),
        Column(
            "invited_by",
            label=_("invited by"),
            accessor=lambda i: person_name(i.invited_by, empty="—"),
        ),
        DateColumn("created_at", label=_("sent")),
        Column(
            "expires_at",
            label=_("expires"),
            accessor=lambda i: date_format(localtime(i.expires_at), "SHORT_DATE_FORMAT"),
        ),
    ]
    list_filter = ["status"]

    @property
    def permission_policy(self):
        return InvitationPermissionPolicy(self.model)

    def get_common_view_kwargs(self, **kwargs):
        return super().get_common_view_kwargs(
            withdraw_url_name=self.get_url_name("withdraw"), **kwargs
        )

    @property
    def withdraw_view(self):
        return self.construct_view(
            self.withdraw_view_class, usage_url_name=None, delete_url_name=None
        )

    def get_urlpatterns(self):
        # A listing and a withdraw action only: invitations are made under Members › Add
        # and never edited or deleted.
        return [
            path("", self.index_view, name="index"),
            path("results/", self.index_results_view, name="index_results"),
            path("withdraw/<int:pk>/", self.withdraw_view, name="withdraw"),
        ]


# --- API tokens ----------------------------------------------------------------------------------
# Everyone with admin access lists, creates and revokes their own tokens. Main users also list
# and revoke (never create) the tokens of accounts that belong to their organisation alone:
# every active membership of the account is in an organisation they manage (a person who is
# also another organisation's member keeps their tokens: cms.members.accounts_managed_by).
# Maintainers revoke anyone's. Tokens are never edited or deleted: revoked ones stay listed.
REVOKE_ACTION = "cms.revoke_api_token"


def sees_all_tokens(user) -> bool:
    return user.is_superuser or user.has_perm(MANAGE_ALL_MEMBERS)


def tokens_visible_to(user):
    """The tokens `user` may list and revoke."""
    if not user.is_authenticated or not user.is_active:
        return ApiToken.objects.none()
    tokens = ApiToken.objects.select_related("user")
    if sees_all_tokens(user):
        return tokens
    if not manageable_organisations(user).exists():
        return tokens.filter(user=user)
    return tokens.filter(Q(user=user) | Q(user__in=accounts_managed_by(user).values("pk")))


class ApiTokenPermissionPolicy(ModelPermissionPolicy):
    """Actions: "add" (a token of one's own), "view" and "revoke" (tokens_visible_to);
    "change" and "delete" are nobody's."""

    def user_has_permission(self, user, action):
        if action not in ("add", "view", "revoke"):
            return False
        return (
            user.is_authenticated and user.is_active and user.has_perm("wagtailadmin.access_admin")
        )

    def user_has_permission_for_instance(self, user, action, instance):
        return (
            action in ("view", "revoke")
            and self.user_has_permission(user, action)
            and tokens_visible_to(user).filter(pk=instance.pk).exists()
        )

    def user_has_any_permission_for_instance(self, user, actions, instance):
        return any(self.user_has_permission_for_instance(user, a, instance) for a in actions)

    def instances_user_has_any_permission_for(self, user, actions):
        return tokens_visible_to(user)


EXPIRY_CHOICES = [
    ("30", _("in 30 days")),
    ("90", _("in 90 days")),
    ("365", _("in a year")),
    ("", _("never")),
]


class ApiTokenCreateForm(WagtailAdminModelForm):
    """Name and lifetime only: the token is always the signed-in user's own."""

    expires_in = forms.TypedChoiceField(
        label=_("expires"),
        choices=EXPIRY_CHOICES,
        coerce=int,
        empty_value=None,
        required=False,
        initial="90",
    )

    class Meta:
        model = ApiToken
        fields = ["name"]


class ApiTokenIndexView(generic.IndexView):
    revoke_url_name = None

    def get_base_queryset(self):
        return tokens_visible_to(self.request.user)

    def get_list_more_buttons(self, instance):
        buttons = super().get_list_more_buttons(instance)
        if instance.revoked_at is None:
            buttons.append(
                MenuItem(
                    _("Revoke"),
                    url=reverse(self.revoke_url_name, args=[instance.pk]),
                    icon_name="bin",
                    priority=30,
                )
            )
        return buttons


class ApiTokenCreateView(generic.CreateView):
    """Issues the token and shows its key on the response itself: it is not stored,
    put in a message or session, and cannot be shown again."""

    created_template_name = "cms/api_tokens/created.html"

    def save_instance(self):
        days = self.form.cleaned_data.get("expires_in")
        expires_at = timezone.now() + timedelta(days=days) if days else None
        token, self.raw_key = ApiToken.issue(
            self.request.user, self.form.cleaned_data["name"], expires_at=expires_at
        )
        log(instance=token, action="wagtail.create", content_changed=True)
        return token

    def save_action(self):
        response = TemplateResponse(
            self.request,
            self.created_template_name,
            {
                "page_title": gettext("API token created"),
                "header_icon": "key",
                "token": self.object,
                "raw_key": self.raw_key,
                "index_url": reverse(self.index_url_name),
            },
        )
        add_never_cache_headers(response)
        return response


class ApiTokenRevokeView(generic.DeleteView):
    """Revoking keeps the token (who revoked it and when) instead of deleting it."""

    permission_required = "revoke"
    template_name = "cms/api_tokens/confirm_revoke.html"
    page_title = _("Revoke")
    revoke_url_name = None

    def get_queryset(self):
        # Others' tokens answer 404: nothing about them is revealed.
        return tokens_visible_to(self.request.user)

    def get_delete_url(self):
        return reverse(self.revoke_url_name, args=[self.object.pk])

    @property
    def confirmation_message(self):
        return gettext(
            "Revoke the API token '%(name)s' of %(user)s? Requests using it are refused at "
            "once, and it cannot be restored."
        ) % {"name": self.object.name, "user": self.object.user}

    def delete_action(self):
        if self.object.revoke(by=self.request.user):
            log(instance=self.object, action=REVOKE_ACTION)

    def form_valid(self, form):
        self.delete_action()
        messages.success(
            self.request, gettext("API token '%(name)s' revoked.") % {"name": self.object.name}
        )
        return HttpResponseRedirect(self.get_success_url())


class ApiTokenViewSet(ModelViewSet):
    model = ApiToken
    icon = "key"
    menu_label = _("API tokens")
    add_to_settings_menu = True
    add_to_reference_index = False
    index_view_class = ApiTokenIndexView
    add_view_class = ApiTokenCreateView
    revoke_view_class = ApiTokenRevokeView
    copy_view_enabled = False
    inspect_view_enabled = False
    list_display = [
        "name",
        Column("prefix", label=_("key starts with"), accessor="prefix"),
        Column("user", label=_("user"), accessor=lambda t: person_name(t.user)),
        DateColumn("created_at", label=_("created")),
        DateColumn("last_used_at", label=_("last used")),
        DateColumn("expires_at", label=_("expires")),
        StatusTagColumn(
            "status",
            label=_("status"),
            accessor="status_label",
            primary=lambda token: token.status == "active",
        ),
    ]

    @property
    def permission_policy(self):
        return ApiTokenPermissionPolicy(self.model)

    def get_form_class(self, for_update=False):
        return ApiTokenCreateForm

    def get_common_view_kwargs(self, **kwargs):
        return super().get_common_view_kwargs(revoke_url_name=self.get_url_name("revoke"), **kwargs)

    @property
    def revoke_view(self):
        return self.construct_view(
            self.revoke_view_class, usage_url_name=None, delete_url_name=None
        )

    def get_urlpatterns(self):
        # No edit, delete, history or usage screens: those only check model-level
        # permissions, and a token is never edited.
        return [
            path("", self.index_view, name="index"),
            path("results/", self.index_results_view, name="index_results"),
            path("new/", self.add_view, name="add"),
            path("revoke/<int:pk>/", self.revoke_view, name="revoke"),
        ]
