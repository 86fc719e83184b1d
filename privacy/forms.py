from django import forms
from django.utils.translation import gettext_lazy as _

from .subjects import SEARCH_MAX_LENGTH, SEARCH_MIN_LENGTH, SearchError, clean_query


class SubjectSearchForm(forms.Form):
    q = forms.CharField(
        label=_("E-mail address or name"),
        max_length=SEARCH_MAX_LENGTH,
        help_text=_("At least three characters: a whole e-mail address, or part of a name."),
    )

    def clean_q(self):
        try:
            return clean_query(self.cleaned_data["q"])
        except SearchError:
            raise forms.ValidationError(
                _(
                    "Give at least %(min)d and at most %(max)d characters, without control "
                    "characters."
                )
                % {"min": SEARCH_MIN_LENGTH, "max": SEARCH_MAX_LENGTH},
                code="invalid",
            ) from None


class ErasureForm(forms.Form):
    reference = forms.CharField(
        label=_("Request reference"),
        max_length=100,
        required=False,
        help_text=_("Optional: the registry or case number of the request."),
    )
    confirm = forms.BooleanField(
        label=_("I have checked the person's identity and the request, and erase the data"),
        required=True,
    )

    def clean_reference(self):
        value = self.cleaned_data["reference"]
        if any(ord(ch) < 32 for ch in value):
            raise forms.ValidationError(_("Remove the control characters."), code="invalid")
        return value
