"""A localised public page over GraphQL: the core every page type of the API stands on.

Services (services/api/) and policies (policies/api/) are built on it, and a new page
type (help, news or privacy pages) takes a few lines (docs/architecture.md has the
example). What it gives:

- `LocaleCode`, `SOURCE_LOCALE`, `locale_code()` and `locale_for()`: Finnish is the
  source language, Swedish and English are translations;
- `public_pages(info, model, locale, fallback)`: the live, public pages of a type in a
  locale and, with `fallback`, the Finnish version of those not translated into it;
- `page_by_id_or_slug(...)`: one page by id or slug, in the locale or else Finnish;
- `translations_by_key(...)`: for pages linked by translation key (related services,
  successors), the translation in the locale, else the Finnish one;
- `check_paging()`, `paginate()`, `results_type()`: `limit` / `offset` paging with the
  same limits for every list;
- `localised_page_fields(noun)`: the fields every page type starts with (`id`, `slug`,
  `title`, `locale`, `isFallback`), resolved from `Localised` (cms/api/context.py).

What is public is `cms.api.access.public_filter`'s decision; every query here goes
through it.
"""

from collections.abc import Callable
from dataclasses import dataclass

import graphene
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db.models import Case, Q, When
from wagtail.models import Locale, Page

from cms.ids import parse_id

from .access import public_filter
from .context import Localised, localise, request_cache
from .errors import bad_input

SOURCE_LOCALE = settings.LANGUAGE_CODE
MAX_LIMIT = 100
DEFAULT_LIMIT = 20
MAX_OFFSET = 100_000


class LocaleCode(graphene.Enum):
    """fi is the source language; sv and en are translations."""

    fi = "fi"
    sv = "sv"
    en = "en"


def locale_code(locale) -> str:
    """The code of a `LocaleCode` argument (graphene passes the enum member or its value)."""
    return getattr(locale, "value", locale)


def locales(info) -> dict[str, Locale]:
    cache = request_cache(info)
    if "locales" not in cache:
        cache["locales"] = {loc.language_code: loc for loc in Locale.objects.all()}
    return cache["locales"]


def locale_for(info, code) -> Locale:
    code = locale_code(code)
    try:
        return locales(info)[code]
    except KeyError:
        raise bad_input(f"Unknown locale {code!r}.", "locale") from None


# --- Which pages ---------------------------------------------------------------------------------
def public_pages(info, model, locale, fallback=True):
    """Live, public pages of `model` in a locale; with `fallback`, the Finnish version of
    those not translated into it."""
    code = locale_code(locale)
    wanted = locale_for(info, code)
    base = public_filter(info, model.objects.all())
    if code == SOURCE_LOCALE or not fallback:
        return base.filter(locale=wanted)
    source = locale_for(info, SOURCE_LOCALE)
    translated = base.filter(locale=wanted).values("translation_key")
    return base.filter(Q(locale=wanted) | (Q(locale=source) & ~Q(translation_key__in=translated)))


def public_page_count(info, model, locale) -> int:
    """How many public pages of `model` a locale has, counted on Wagtail's page table
    alone (no join with the model's table: fast on a large catalogue)."""
    pages = Page.objects.filter(
        content_type=ContentType.objects.get_for_model(model), locale=locale_for(info, locale)
    )
    return public_filter(info, pages).count()


def page_by_id_or_slug(
    info,
    model,
    locale,
    *,
    id=None,
    slug=None,
    fallback=True,
    optimise: Callable | None = None,
) -> Localised | None:
    """One public page by id or slug, in the locale; with `fallback`, its Finnish version
    when it is not translated. A slug is looked up in the locale first (translations may
    share a slug). `optimise(queryset)` shapes the final query (cms.api.selection)."""
    if (id is None) == (slug is None):
        raise bad_input("Give either id or slug.")
    code = locale_code(locale)
    base = public_filter(info, model.objects.all())
    if id is not None:
        pk = parse_id(id)
        if pk is None:
            raise bad_input("id must be a number.", "id")
        found = base.filter(pk=pk).values_list("translation_key", flat=True).first()
    else:
        found = (
            base.filter(slug=slug)
            .order_by(Case(When(locale__language_code=code, then=0), default=1))
            .values_list("translation_key", flat=True)
            .first()
        )
    if found is None:
        return None
    codes = [code] + ([SOURCE_LOCALE] if fallback and code != SOURCE_LOCALE else [])
    candidates = base.filter(translation_key=found, locale__language_code__in=codes)
    if optimise is not None:
        candidates = optimise(candidates)
    pages = sorted(candidates, key=lambda p: codes.index(p.locale.language_code))
    return localise(pages[:1], code)[0] if pages else None


def translations_by_key(info, model, keys, locale, optimise: Callable | None = None) -> dict:
    """{translation key: public page}: the translation in `locale`, else the Finnish one
    (one query for all keys)."""
    code = locale_code(locale)
    candidates = public_filter(info, model.objects.filter(translation_key__in=keys)).filter(
        locale__language_code__in={code, SOURCE_LOCALE}
    )
    if optimise is not None:
        candidates = optimise(candidates)
    by_key = {}
    for page in candidates:
        current = by_key.get(page.translation_key)
        if current is None or page.locale.language_code == code:
            by_key[page.translation_key] = page
    return by_key


# --- Paging --------------------------------------------------------------------------------------
@dataclass
class Paged:
    """One page of a list: what `results_type` types resolve from."""

    total_count: int
    limit: int
    offset: int
    items: list[Localised]


def check_paging(limit: int, offset: int) -> None:
    """Refuse a page outside the limits (before any query runs)."""
    if not 1 <= limit <= MAX_LIMIT:
        raise bad_input(f"limit must be between 1 and {MAX_LIMIT}.", "limit")
    if not 0 <= offset <= MAX_OFFSET:
        raise bad_input(f"offset must be between 0 and {MAX_OFFSET}.", "offset")


def paginate(queryset, locale, limit: int, offset: int, total: int) -> Paged:
    """The rows `offset` … `offset + limit` of an ordered queryset, as one batch."""
    items = localise(queryset[offset : offset + limit], locale_code(locale))
    return Paged(total_count=total, limit=limit, offset=offset, items=items)


def paging_arguments() -> dict:
    """The `limit` and `offset` arguments of a list field."""
    return {
        "limit": graphene.Int(default_value=DEFAULT_LIMIT, description=f"1–{MAX_LIMIT}"),
        "offset": graphene.Int(default_value=0),
    }


def results_type(name: str, item) -> type[graphene.ObjectType]:
    """The result type of a paged list: `totalCount`, `limit`, `offset` and `items`."""
    return type(
        name,
        (graphene.ObjectType,),
        {
            "total_count": graphene.Int(required=True),
            "limit": graphene.Int(required=True),
            "offset": graphene.Int(required=True),
            "items": graphene.List(graphene.NonNull(item), required=True),
        },
    )


# --- The fields of every page type ---------------------------------------------------------------
def localised_page_fields(noun: str) -> type:
    """A mixin with the first fields of a page type (`noun`: "service", "policy").

    Use it with `Meta.default_resolver = cms.api.context.node_resolver`: the type then
    resolves from `Localised` (the page is `root.node`)."""

    class LocalisedPageFields:
        id = graphene.ID(required=True)
        slug = graphene.String(required=True)
        title = graphene.String(required=True)
        locale = graphene.Field(LocaleCode, required=True)
        is_fallback = graphene.Boolean(
            required=True,
            description=f"True when the {noun} has no translation in the requested locale and "
            "this is the Finnish version.",
        )

        def resolve_locale(root, info):
            return root.page_locale

        def resolve_is_fallback(root, info):
            return root.is_fallback

    return LocalisedPageFields
