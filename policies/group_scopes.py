"""Which policy pages the role groups' page permissions cover (`cms.roles.PageScope`):
translators edit the Swedish and English policy indexes. `register()` is called from
`PoliciesConfig.ready` (cms.group_sync imports no domain app)."""

from wagtail.models import Locale

from cms.group_sync import register_scope_pages
from cms.roles import PageScope

from .models import PolicyIndexPage


def translated_policy_indexes(organisation):
    return PolicyIndexPage.objects.exclude(locale=Locale.get_default())


def register() -> None:
    register_scope_pages(PageScope.TRANSLATIONS, translated_policy_indexes)
