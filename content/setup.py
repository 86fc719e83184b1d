"""The content pages' fixed structure: the "Sisältösivut" index in every locale."""

from wagtail.models import Page

from services.setup import ensure_translation
from translations.locales import DEFAULT_LANGUAGE, ensure_locales

from .models import ContentIndexPage

CONTENT_INDEX_TITLES = {"fi": "Sisältösivut", "sv": "Innehållssidor", "en": "Content pages"}
CONTENT_INDEX_SLUG = "sivut"


def ensure_content_index() -> ContentIndexPage:
    """The Finnish content index under Wagtail's root, next to the service catalogue and the
    policies, with its sv/en translations (published). Idempotent."""
    locales = ensure_locales()
    default = locales[DEFAULT_LANGUAGE]
    index = ContentIndexPage.objects.filter(locale=default).first()
    if index is None:
        root = Page.get_first_root_node()
        index = root.add_child(
            instance=ContentIndexPage(
                title=CONTENT_INDEX_TITLES[DEFAULT_LANGUAGE],
                slug=CONTENT_INDEX_SLUG,
                locale=default,
            )
        )
        index.save_revision().publish()
    for code, locale in locales.items():
        if code != DEFAULT_LANGUAGE:
            ensure_translation(index, locale, {index.title: CONTENT_INDEX_TITLES[code]})
    return index
