"""The catalogue's fixed structure: collections, catalogue roots and folders."""

from django.utils.text import slugify
from wagtail.models import Locale, Page, Site, Workflow, WorkflowPage, WorkflowTask

from cms.models import Organisation
from translations.locales import DEFAULT_LANGUAGE, ensure_locales

from .models import MunicipalReviewTask, ServiceIndexPage

CATALOGUE_TITLES = {"fi": "Palvelumanuaali", "sv": "Servicemanualen", "en": "Service Manual"}


def ensure_catalogue() -> ServiceIndexPage:
    """The Finnish catalogue root, as the default site's root, with sv/en translations."""
    locales = ensure_locales()
    default = locales[DEFAULT_LANGUAGE]
    catalogue = ServiceIndexPage.objects.filter(locale=default).first()
    if catalogue is None:
        root = Page.get_first_root_node()
        catalogue = root.add_child(
            instance=ServiceIndexPage(title=CATALOGUE_TITLES["fi"], slug="palvelut", locale=default)
        )
        catalogue.save_revision().publish()
        site = Site.objects.filter(is_default_site=True).first()
        if site is None:
            Site.objects.create(
                hostname="localhost",
                port=80,
                root_page=catalogue,
                is_default_site=True,
                site_name="Palvelumanuaali",
            )
        else:
            old_root = site.root_page
            site.root_page = catalogue
            site.site_name = "Palvelumanuaali"
            site.save()
            # Wagtail's "Welcome" page is not part of a headless catalogue.
            if (
                old_root.specific_class is Page
                and old_root.depth == 2
                and not old_root.get_children().exists()
            ):
                old_root.delete()
    for code, locale in locales.items():
        if code != DEFAULT_LANGUAGE:
            ensure_translation(catalogue, locale, {catalogue.title: CATALOGUE_TITLES[code]})
    ensure_review_workflow()
    return catalogue


REVIEW_WORKFLOW_NAME = "Kunnan tarkastus"


def ensure_review_workflow() -> Workflow:
    """Every catalogue (all locales) goes through the municipal review task."""
    task = MunicipalReviewTask.objects.filter(name=REVIEW_WORKFLOW_NAME).first()
    if task is None:
        task = MunicipalReviewTask.objects.create(name=REVIEW_WORKFLOW_NAME)
    workflow = Workflow.objects.filter(name=REVIEW_WORKFLOW_NAME).first()
    if workflow is None:
        workflow = Workflow.objects.create(name=REVIEW_WORKFLOW_NAME)
        WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
    for catalogue in ServiceIndexPage.objects.all():
        WorkflowPage.objects.update_or_create(page=catalogue, defaults={"workflow": workflow})
    return workflow


def ensure_translation(page, locale: Locale, strings=None):
    """A structural page (catalogue, folder) in `locale`, published, with a localized title.

    Structural pages are copied with Wagtail's own `copy_for_translation`; their only
    text is the organisation's name, kept in the organisation's sv/en name fields.
    """
    existing = page.get_translation_or_none(locale)
    if existing is not None:
        return existing.specific
    copy = page.copy_for_translation(locale)
    if strings and page.title in strings:
        copy.title = strings[page.title]
    copy.save_revision().publish()
    return copy


def _localized_titles(organisation: Organisation) -> dict[str, dict[str, str]]:
    return {
        "sv": {organisation.name: organisation.name_sv} if organisation.name_sv else {},
        "en": {organisation.name: organisation.name_en} if organisation.name_en else {},
    }


def ensure_folder(parent, folder_model, organisation: Organisation, translate_to=()):
    """The folder of `organisation` under `parent` (created, published and translated)."""
    folder = folder_model.objects.child_of(parent).filter(organisation=organisation).first()
    if folder is None:
        folder = parent.add_child(
            instance=folder_model(
                title=organisation.name,
                slug=slugify(organisation.slug),
                organisation=organisation,
                locale=parent.locale,
            )
        )
        folder.save_revision().publish()
    titles = _localized_titles(organisation)
    for locale in translate_to:
        ensure_translation(folder, locale, titles.get(locale.language_code))
    return folder
