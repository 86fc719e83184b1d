"""Taxonomy terms in the service editor: one concept, one choice.

A term exists once per locale (services/models/taxonomies.py). A service's relations point
at the source-language terms (the default locale, Finnish); wagtail-localize copies them
into the translations (`ServicePage.override_translatable_fields`) and the API labels
them in the reader's language through the term's `translation_key` (docs/translations.md).

So the editor offers only the source-language terms, once each, labelled in the language
of the page being edited (the source term's name when a term has no translation yet) and
sorted by that label the way Finnish and Swedish sort (å, ä, ö after z). A posted id of
another locale's term is not among the choices: the form refuses it ("Select a valid
choice"), so a forged post cannot attach a Swedish or English term. A relation stored
before this rule to another locale's term is shown (and saved) as its source term.

`limit_to_source_terms(form)` is called by the service page form (`ServicePageForm`)
for its own fields and for its inline forms (service languages). Inside stream fields
(a place's accessibility) `services.blocks.SourceTermChooserBlock` does the same for the
snippet chooser: its window opens on the source-language terms and refuses another's.
"""

import unicodedata

from django import forms
from django.conf import settings
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.models import Locale

from .models.taxonomies import Taxonomy

# Finnish and Swedish put these letters after z, in this order (SFS 4600, Swedish
# alphabet); other accented letters sort with their base letter (é as e, ü as y).
_AFTER_Z = {"å": 1, "ä": 2, "æ": 2, "ö": 3, "ø": 3}
_AS_LETTER = {"ü": "y", "w": "w"}
_NORDIC = {"fi", "sv"}


def collation_key(label: str, language_code: str = "fi") -> tuple:
    """A sort key for `label` in `language_code`: Finnish and Swedish order (å, ä, ö after
    z; case and other accents ignored), or plain letters with accents ignored otherwise."""
    key = []
    nordic = language_code.split("-")[0] in _NORDIC
    for char in label.casefold():
        if nordic and char in _AFTER_Z:
            key.append((ord("z"), _AFTER_Z[char]))
            continue
        if nordic and char in _AS_LETTER:
            char = _AS_LETTER[char]
        base = unicodedata.normalize("NFD", char)[0]
        key.append((ord(base), 0))
    return (tuple(key), label)


def source_language_code() -> str:
    """The source language of the content: the default locale's code (no query)."""
    return get_supported_content_language_variant(settings.LANGUAGE_CODE)


def source_locale() -> Locale:
    return Locale.objects.get(language_code=source_language_code())


def _is_term_field(field) -> bool:
    queryset = getattr(field, "queryset", None)
    return (
        isinstance(field, forms.ModelChoiceField)
        and queryset is not None
        and issubclass(queryset.model, Taxonomy)
    )


def _page_language(form) -> str:
    instance = form.instance
    locale_id = getattr(instance, "locale_id", None)
    if locale_id is None:
        parent = getattr(form, "parent_page", None)
        locale_id = getattr(parent, "locale_id", None)
    if locale_id is None:
        return source_locale().language_code
    return Locale.objects.get(pk=locale_id).language_code


def limit_field(field, source: Locale, language_code: str) -> None:
    """Offer the source locale's terms of `field`'s vocabulary, labelled and sorted in
    `language_code`."""
    model = field.queryset.model
    terms = list(model.objects.filter(locale=source))
    labels = {}
    if language_code != source.language_code:
        labels = dict(
            model.objects.filter(
                locale__language_code=language_code,
                translation_key__in=[t.translation_key for t in terms],
            ).values_list("translation_key", "name")
        )

    def label(term):
        return labels.get(term.translation_key) or term.name

    ordered = sorted(terms, key=lambda term: collation_key(label(term), language_code))
    position = {term.pk: n for n, term in enumerate(ordered)}
    field.queryset = model.objects.filter(locale=source).order_by(models_case(position), "pk")
    field.label_from_instance = label


def models_case(position: dict[int, int]):
    from django.db.models import Case, IntegerField, Value, When

    if not position:
        return Value(0)
    return Case(
        *(When(pk=pk, then=Value(n)) for pk, n in position.items()),
        default=Value(len(position)),
        output_field=IntegerField(),
    )


def _as_source_terms(value, model, source: Locale):
    """Stored relations as source terms (one stored to another locale's term, before the
    rule, maps to its source term by translation key)."""
    if value is None or value == "":
        return value
    many = isinstance(value, (list, tuple, set)) or hasattr(value, "all")
    items = list(value.all() if hasattr(value, "all") else value) if many else [value]
    pks = [getattr(item, "pk", item) for item in items]
    keys = model.objects.filter(pk__in=pks).exclude(locale=source).values("translation_key")
    if not keys.exists():
        return value
    mapped = set(model.objects.filter(pk__in=pks, locale=source).values_list("pk", flat=True))
    mapped |= set(
        model.objects.filter(translation_key__in=keys, locale=source).values_list("pk", flat=True)
    )
    mapped = sorted(mapped)
    return mapped if many else (mapped[0] if mapped else None)


def limit_form(form, source: Locale, language_code: str) -> None:
    for name, field in form.fields.items():
        if not _is_term_field(field):
            continue
        limit_field(field, source, language_code)
        if name in form.initial:
            form.initial[name] = _as_source_terms(form.initial[name], field.queryset.model, source)


def limit_to_source_terms(form) -> None:
    """The page form's and its inline forms' taxonomy fields (see the module doc)."""
    source = source_locale()
    language_code = _page_language(form)
    limit_form(form, source, language_code)
    for formset in getattr(form, "formsets", {}).values():
        for inline in formset.forms:
            limit_form(inline, source, language_code)
        # The empty form (the template of "add") is built anew on each access.
        add_fields = formset.add_fields

        def add_fields_limited(inline, index, add_fields=add_fields):
            add_fields(inline, index)
            limit_form(inline, source, language_code)

        formset.add_fields = add_fields_limited
