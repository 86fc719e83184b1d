"""Which content pages the role groups' page permissions cover (`cms.roles.PageScope`):
translators edit the Swedish and English content indexes (they translate, they do not write
Finnish pages); maintainers edit everything through their root scope; nobody else gets a
permission here. `register()` is called from `ContentConfig.ready` (cms.group_sync imports no
domain app)."""

from wagtail.models import Locale

from cms.group_sync import register_scope_pages
from cms.roles import PageScope

from .models import ContentIndexPage


def translated_content_indexes(organisation):
    return ContentIndexPage.objects.exclude(locale=Locale.get_default())


def register() -> None:
    register_scope_pages(PageScope.TRANSLATIONS, translated_content_indexes)
