"""Admin forms of organisations and members."""

from decimal import Decimal

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm

from .members import (
    add_member,
    deactivate_membership,
    manageable_organisations,
    reactivate_membership,
)
from .models import Membership, Organisation, validate_cost_shares


class MemberCreateForm(WagtailAdminModelForm):
    email = forms.EmailField(label=_("e-mail"))
    first_name = forms.CharField(label=_("first name"), max_length=150)
    last_name = forms.CharField(label=_("last name"), max_length=150)

    class Meta:
        model = Membership
        fields = ["organisation", "role"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = manageable_organisations(self.for_user)
        self.fields["organisation"].empty_label = None

    def clean(self):
        cleaned = super().clean()
        organisation, email = cleaned.get("organisation"), cleaned.get("email")
        if (
            organisation
            and email
            and Membership.objects.filter(
                organisation=organisation, user__email__iexact=email
            ).exists()
        ):
            self.add_error("email", _("This person is already a member of the organisation."))
        return cleaned

    def save(self, commit=True):
        self.instance = add_member(
            organisation=self.cleaned_data["organisation"],
            role=self.cleaned_data["role"],
            email=self.cleaned_data["email"],
            first_name=self.cleaned_data["first_name"],
            last_name=self.cleaned_data["last_name"],
            invited_by=self.for_user,
        )
        return self.instance


class MemberEditForm(WagtailAdminModelForm):
    class Meta:
        model = Membership
        fields = ["role", "is_active"]
        help_texts = {
            "is_active": _(
                "Untick for a leaver: the membership ends and the account is closed when the "
                "person has no other active membership."
            )
        }

    def save(self, commit=True):
        was_active = Membership.objects.filter(pk=self.instance.pk, is_active=True).exists()
        membership = super().save(commit=True)
        if was_active and not membership.is_active:
            deactivate_membership(membership)
        elif not was_active and membership.is_active:
            reactivate_membership(membership)
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
