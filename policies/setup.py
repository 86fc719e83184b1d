"""The policies' fixed structure: the "Palvelulinjaukset" index in every locale."""

from wagtail.models import Page

from services.setup import ensure_translation
from translations.locales import DEFAULT_LANGUAGE, ensure_locales

from .models import PolicyIndexPage

POLICY_INDEX_TITLES = {
    "fi": "Palvelulinjaukset",
    "sv": "Tjänsteriktlinjer",
    "en": "Service policies",
}
POLICY_INDEX_SLUG = "palvelulinjaukset"


def ensure_policy_index() -> PolicyIndexPage:
    """The Finnish policy index under Wagtail's root, next to the service catalogue, with its
    sv/en translations (published). Idempotent."""
    locales = ensure_locales()
    default = locales[DEFAULT_LANGUAGE]
    index = PolicyIndexPage.objects.filter(locale=default).first()
    if index is None:
        root = Page.get_first_root_node()
        index = root.add_child(
            instance=PolicyIndexPage(
                title=POLICY_INDEX_TITLES[DEFAULT_LANGUAGE], slug=POLICY_INDEX_SLUG, locale=default
            )
        )
        index.save_revision().publish()
    for code, locale in locales.items():
        if code != DEFAULT_LANGUAGE:
            ensure_translation(index, locale, {index.title: POLICY_INDEX_TITLES[code]})
    return index
