"""Translation facts for the page explorer, read once per listing instead of once per row.

wagtail-localize's listing hook asks the database two or three times for every row
(is there a locale to translate into, is the page a translation source with enabled
translations), and our "Submit translation for review" button once more for every
translated row: a 50-row listing cost about 100 extra queries for maintainers and
translators. Here the facts are read for all children of the listed page's parent in
four queries and kept on the user object for the rest of the request, as Wagtail's
own page permission policy keeps its caches (`_page_permission_cache`).
"""

from collections import defaultdict
from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from wagtail.models import Locale, Page
from wagtail_localize.models import Translation, TranslationSource

CACHE_ATTRIBUTE = "_pm_translation_listing_cache"


@dataclass(frozen=True)
class SiblingFacts:
    locale_ids: frozenset
    # translation_key -> locales holding a non-alias page with that key
    locales_by_key: dict
    # (translation_key, locale_id) -> id of a TranslationSource with enabled translations
    sync_sources: dict
    # (translation_key, locale_id) of pages that a localize Translation produced
    targets: frozenset

    def has_locale_to_translate_to(self, page) -> bool:
        return bool(self.locale_ids - self.locales_by_key.get(page.translation_key, set()))

    def sync_source_id(self, page):
        return self.sync_sources.get((page.translation_key, page.locale_id))

    def is_translation(self, page) -> bool:
        return (page.translation_key, page.locale_id) in self.targets


def read_facts(parent_path: str, depth: int) -> SiblingFacts:
    siblings = Page.objects.filter(path__startswith=parent_path, depth=depth)
    keys = siblings.values("translation_key")
    locales_by_key = defaultdict(set)
    for key, locale_id in Page.objects.filter(
        translation_key__in=keys, alias_of__isnull=True
    ).values_list("translation_key", "locale_id"):
        locales_by_key[key].add(locale_id)
    sources = (
        TranslationSource.objects.filter(
            object_id__in=keys,
            object__content_type=ContentType.objects.get_for_model(Page),
            translations__enabled=True,
        )
        .values_list("object_id", "locale_id", "id")
        .distinct()
    )
    targets = Translation.objects.filter(source__object_id__in=keys).values_list(
        "source__object_id", "target_locale_id"
    )
    return SiblingFacts(
        locale_ids=frozenset(Locale.objects.values_list("id", flat=True)),
        locales_by_key=dict(locales_by_key),
        sync_sources={(key, locale_id): pk for key, locale_id, pk in sources},
        targets=frozenset(targets),
    )


def facts_for(page, user) -> SiblingFacts:
    """The facts of `page` and its siblings, read on the first row of a listing."""
    cache = getattr(user, CACHE_ATTRIBUTE, None)
    if cache is None:
        cache = {}
        setattr(user, CACHE_ATTRIBUTE, cache)
    parent_path = page.path[: -Page.steplen]
    if parent_path not in cache:
        cache[parent_path] = read_facts(parent_path, page.depth)
    return cache[parent_path]
