"""Admin forms of organisations and members."""

from decimal import Decimal

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm

from .members import (
    deactivate_membership,
    invitation_limit_errors,
    invite_member,
    is_member_of,
    manageable_organisations,
    reactivate_membership,
    role_grant_error,
    roles_grantable,
)
from .models import Invitation, Membership, Organisation, validate_cost_shares
from .roles import ROLES, Role


class RoleSelect(forms.Select):
    """Each role option names the organisation kinds it exists in (`data-kinds`), so the
    choices follow the chosen organisation (cms/static/cms/js/member-roles.js)."""

    def create_option(self, name, value, *args, **kwargs):
        option = super().create_option(name, value, *args, **kwargs)
        if value:
            option["attrs"]["data-kinds"] = " ".join(ROLES[Role(value)].organisation_kinds)
        return option


class OrganisationSelect(forms.Select):
    """Each organisation option says its kind (`data-kind`), for RoleSelect."""

    def create_option(self, name, value, *args, **kwargs):
        option = super().create_option(name, value, *args, **kwargs)
        instance = getattr(value, "instance", None)
        if instance is not None:
            option["attrs"]["data-kind"] = instance.kind
        return option


def role_choices(user, organisations):
    return [(role.value, role.label) for role in roles_grantable(user, organisations)]


class MemberCreateForm(WagtailAdminModelForm):
    """Add a member: an invitation to an e-mail address (cms.members.invite_member).

    Only the manager's organisations and only the roles they may give there are offered
    (`cms.members.roles_grantable`; in the browser the roles follow the chosen
    organisation, checked again on submit); the answer is the same whether the address has
    an account or not."""

    class Meta:
        model = Invitation
        fields = ["organisation", "role", "email", "first_name", "last_name"]
        widgets = {"organisation": OrganisationSelect, "role": RoleSelect}
        help_texts = {
            "email": _(
                "The person gets an e-mail invitation and becomes a member when they accept it. "
                "Nothing changes before that."
            )
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        organisations = manageable_organisations(self.for_user)
        self.fields["organisation"].queryset = organisations
        self.fields["organisation"].empty_label = None
        self.fields["role"].choices = role_choices(self.for_user, organisations)

    class Media:
        js = ["cms/js/member-roles.js"]

    def clean(self):
        cleaned = super().clean()
        organisation, email = cleaned.get("organisation"), cleaned.get("email")
        role = cleaned.get("role")
        if organisation and role and (error := role_grant_error(self.for_user, organisation, role)):
            self.add_error("role", error)
        if organisation and email and is_member_of(email, organisation):
            self.add_error("email", _("This person is already a member of the organisation."))
        elif organisation and email:
            for field, message in invitation_limit_errors(organisation, email).items():
                self.add_error(field, message)
        return cleaned

    def save(self, commit=True):
        self.instance = invite_member(
            organisation=self.cleaned_data["organisation"],
            role=self.cleaned_data["role"],
            email=self.cleaned_data["email"],
            first_name=self.cleaned_data["first_name"],
            last_name=self.cleaned_data["last_name"],
            invited_by=self.for_user,
        )
        return self.instance


class MemberEditForm(WagtailAdminModelForm):
    """A membership's role and whether it is active: nothing of the account itself."""

    class Meta:
        model = Membership
        fields = ["role", "is_active"]
        help_texts = {
            "is_active": _(
                "Untick for a leaver: the membership ends and the account is closed when the "
                "person has no other active membership."
            )
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        organisation = self.instance.organisation
        self.fields["role"].choices = role_choices(
            self.for_user, Organisation.objects.filter(pk=organisation.pk)
        )
        self.account_left_closed = False

    def clean_role(self):
        role = self.cleaned_data["role"]
        if error := role_grant_error(self.for_user, self.instance.organisation, role):
            raise ValidationError(error)
        return role

    def save(self, commit=True):
        was_active = Membership.objects.filter(pk=self.instance.pk, is_active=True).exists()
        membership = super().save(commit=True)
        if was_active and not membership.is_active:
            deactivate_membership(membership)
        elif not was_active and membership.is_active:
            self.account_left_closed = not reactivate_membership(membership, by=self.for_user)
        return membership


class CostSharesForm(forms.Form):
    """All partner municipalities' cost shares at once, so the total can be kept at 100 %."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.municipalities = list(Organisation.objects.municipalities().order_by("name"))
        for org in self.municipalities:
            self.fields[f"share_{org.pk}"] = forms.DecimalField(
                label=org.name,
                max_digits=5,
                decimal_places=2,
                # As the model: a partner's share (its voting weight) is at least 0.01 %.
                min_value=Decimal("0.01"),
                max_value=100,
                initial=org.cost_share,
            )

    def clean(self):
        cleaned = super().clean()
        shares = {org: cleaned.get(f"share_{org.pk}") for org in self.municipalities}
        if all(value is not None for value in shares.values()):
            try:
                validate_cost_shares(shares)
            except ValidationError as error:
                raise ValidationError(error.messages) from None
        return cleaned

    def save(self):
        for org in self.municipalities:
            org.cost_share = self.cleaned_data[f"share_{org.pk}"]
        Organisation.objects.bulk_update(self.municipalities, ["cost_share"])
