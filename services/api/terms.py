"""Taxonomy terms in the requested locale.

A page links the terms of its own locale; a Finnish page served as a fallback is
labelled in the requested locale all the same. The labels of a vocabulary in a locale
are read once per request (one query), whatever the length of the list.
"""

import graphene

from cms.api.context import request_cache
from cms.api.pages import locale_for


class Term(graphene.ObjectType):
    """A term of a vocabulary; `slug` is the same in every locale (use it in filters)."""

    slug = graphene.String(required=True)
    name = graphene.String(required=True)
    description = graphene.String(required=True)


def _labels(info, model, locale_code):
    """{translation_key: term in the locale} for one vocabulary, one query per request."""
    key = ("labels", model, locale_code)
    cache = request_cache(info)
    if key not in cache:
        cache[key] = {
            t.translation_key: t for t in model.objects.filter(locale__language_code=locale_code)
        }
    return cache[key]


def localized_term(info, term, locale_code):
    """The translation of a term (a model instance) in the locale, else the term itself."""
    if term is None:
        return None
    if term.locale_id == locale_for(info, locale_code).pk:
        return term
    return _labels(info, type(term), locale_code).get(term.translation_key, term)


def as_term(term) -> Term | None:
    if term is None:
        return None
    return Term(slug=term.slug, name=term.name, description=term.description)


def term_in(info, term, locale_code) -> Term | None:
    """A term (a model instance) as the API shows it, labelled in the locale."""
    return as_term(localized_term(info, term, locale_code))
