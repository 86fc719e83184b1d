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
    roles_offered,
)
from .models import Invitation, Membership, Organisation, validate_cost_shares


class MemberCreateForm(WagtailAdminModelForm):
    """Add a member: an invitation to an e-mail address (cms.members.invite_member).

    Only the manager's organisations and only the roles of their kinds are offered; the
    answer is the same whether the address has an account or not."""

    class Meta:
        model = Invitation
        fields = ["organisation", "role", "email", "first_name", "last_name"]
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
        offered = roles_offered(organisations)
        self.fields["role"].choices = [(role.value, role.label) for role in offered]

    def clean(self):
        cleaned = super().clean()
        organisation, email = cleaned.get("organisation"), cleaned.get("email")
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
        offered = roles_offered(Organisation.objects.filter(pk=organisation.pk))
        self.fields["role"].choices = [(role.value, role.label) for role in offered]
        self.account_left_closed = False

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
