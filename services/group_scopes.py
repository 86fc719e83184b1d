"""Which catalogue pages the role groups' page permissions cover (`cms.roles.PageScope`).

`cms.group_sync` imports no domain app; `register()` (from `ServicesConfig.ready`) tells
it the catalogue's part: a municipality's roles get its municipality folders (in every
locale), a provider's roles its provider folders under every municipality, translators
the Swedish and English catalogues. policies/group_scopes.py adds the policy indexes. It also
registers the vocabularies' models (services.vocabularies), whose permissions go to the roles
that `manages_vocabularies`.
"""

from wagtail.models import Locale

from cms.group_sync import register_scope_pages, register_vocabularies
from cms.roles import PageScope

from .models import MunicipalityFolderPage, ProviderFolderPage, ServiceIndexPage
from .vocabularies import VOCABULARIES


def municipality_folders(organisation):
    return MunicipalityFolderPage.objects.filter(organisation=organisation)


def provider_folders(organisation):
    return ProviderFolderPage.objects.filter(organisation=organisation)


def translated_catalogues(organisation):
    return ServiceIndexPage.objects.exclude(locale=Locale.get_default())


def register() -> None:
    register_scope_pages(PageScope.MUNICIPALITY, municipality_folders)
    register_scope_pages(PageScope.PROVIDER, provider_folders)
    register_scope_pages(PageScope.TRANSLATIONS, translated_catalogues)
    register_vocabularies(vocabulary.label for vocabulary in VOCABULARIES)
