"""The admin's synonym sets (Settings → Synonyms): maintainers list, search, add, edit and
delete them. The model permissions of search.synonymset come with `manages_vocabularies`
(search/apps.py registers the model as a vocabulary), so only those roles see the menu item
and the views; everyone else gets 403."""

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, ObjectList
from wagtail.admin.ui.tables import Column
from wagtail.admin.viewsets.model import ModelViewSet

from . import synonyms
from .models import SynonymSet

LANGUAGE_NAMES = {"fi": _("Finnish"), "sv": _("Swedish"), "en": _("English")}


class SynonymSetForm(WagtailAdminModelForm):
    """At least two terms in all, each at most 100 characters, one per line, none listed
    twice, and none that another set has in the same language (the error names that set)."""

    class Meta:
        model = SynonymSet
        fields = ["fi", "sv", "en"]
        widgets = {lang: forms.Textarea(attrs={"rows": 5}) for lang in synonyms.LANGUAGES}

    def clean(self):
        cleaned = super().clean()
        fields = {lang: cleaned.get(lang) or "" for lang in synonyms.LANGUAGES}
        for lang, text in fields.items():
            for error in synonyms.field_errors(text, lang):
                self.add_error(lang, error)
        if synonyms.total_terms(fields) < 2:
            raise forms.ValidationError(
                _("A synonym set needs at least two terms (in any of the three languages).")
            )
        owners = synonyms.term_owners(exclude_pk=self.instance.pk)
        for lang, text in fields.items():
            for term in synonyms.split_terms(text):
                other = owners.get((lang, synonyms.term_key(term)))
                if other is not None:
                    self.add_error(
                        lang,
                        _("“%(term)s” is already in the synonym set “%(set)s”.")
                        % {"term": term, "set": other},
                    )
        # One term per line, as stored: stripped lines, no blank ones.
        for lang, text in fields.items():
            cleaned[lang] = "\n".join(synonyms.split_terms(text))
        return cleaned


def terms_column(lang):
    def terms(instance) -> str:
        found = synonyms.split_terms(getattr(instance, lang))
        shown = ", ".join(found[:4])
        if len(found) > 4:
            shown += " " + ngettext("(+%d more)", "(+%d more)", len(found) - 4) % (len(found) - 4)
        return shown

    return Column(lang, label=LANGUAGE_NAMES[lang], accessor=terms)


class SynonymSetViewSet(ModelViewSet):
    model = SynonymSet
    icon = "resubmit"
    menu_label = _("Synonyms")
    add_to_settings_menu = True
    list_display = [terms_column(lang) for lang in synonyms.LANGUAGES] + ["updated_at"]
    search_fields = ["fi", "sv", "en"]
    ordering = ["fi", "pk"]
    list_per_page = 50
    edit_handler = ObjectList(
        [FieldPanel("fi"), FieldPanel("sv"), FieldPanel("en")], base_form_class=SynonymSetForm
    )
