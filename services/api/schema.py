"""What the service catalogue adds to the root schema (cms/api/schema.py finds it), and
the autocomplete of the search box (`suggest`, from the public search index)."""

import graphene

from cms.api.errors import bad_input
from cms.api.pages import LocaleCode, locale_code
from search.suggest import MAX_LIMIT, MAX_PREFIX, MIN_PREFIX, SuggestInputError, suggest

from .resolvers import CatalogueQuery
from .staff import StaffMutation, StaffQuery


class SuggestionKind(graphene.Enum):
    SERVICE = "service"
    TERM = "term"


class Suggestion(graphene.ObjectType):
    """A service title or a taxonomy term that has a word starting with the prefix."""

    label = graphene.String(required=True, description="The title or term, as written.")
    kind = graphene.Field(SuggestionKind, required=True)
    services = graphene.Int(
        required=True,
        description="How many public services in the locale have this title (0 for a term).",
    )


class AutocompleteQuery(graphene.ObjectType):
    suggest = graphene.List(
        graphene.NonNull(Suggestion),
        required=True,
        prefix=graphene.String(
            required=True,
            description=f"What the reader has typed: under {MAX_PREFIX} characters, no "
            f"control characters; fewer than {MIN_PREFIX} letters or digits give none.",
        ),
        locale=LocaleCode(default_value="fi"),
        limit=graphene.Int(default_value=MAX_LIMIT, description=f"1–{MAX_LIMIT}"),
        description="Autocomplete: published service titles and taxonomy terms with a word "
        "starting with the prefix (accents and case ignored), best first (docs/api.md).",
    )

    def resolve_suggest(self, info, prefix, locale, limit):
        try:
            return suggest(prefix, locale_code(locale), limit)
        except SuggestInputError as error:
            raise bad_input(str(error), error.argument) from None


QUERIES = (CatalogueQuery, StaffQuery, AutocompleteQuery)
MUTATIONS = (StaffMutation,)
