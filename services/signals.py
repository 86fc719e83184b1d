"""Folder pages carry permissions; services carry their folders' organisations."""

from django.db.models import Q
from django.db.models.signals import post_delete, post_save, pre_save
from django.dispatch import receiver
from wagtail.models import Page, PageViewRestriction
from wagtail.signals import (
    page_published,
    page_unpublished,
    post_page_move,
    task_approved,
    task_rejected,
    task_submitted,
)

from cms import cache_generation
from cms.group_sync import sync_roles
from cms.models import Organisation
from cms.roles import Role
from search import indexer as search_indexer

from .models import (
    MunicipalityFolderPage,
    MunicipalReviewTask,
    ProviderFolderPage,
    ServiceLanguage,
    ServicePage,
)
from .models.pages import pair_candidates
from .notifications import edit_url, notify
from .vocabularies import VOCABULARIES


def folder_saved(sender, instance, created, raw=False, **kwargs):
    if created and not raw:
        sync_roles([instance.organisation])


post_save.connect(folder_saved, sender=MunicipalityFolderPage, dispatch_uid="municipality_folder")
post_save.connect(folder_saved, sender=ProviderFolderPage, dispatch_uid="provider_folder")


@receiver(post_page_move)
def service_moved(sender, instance, **kwargs):
    """A moved service changes responsibility: update the denormalised organisations."""
    specific = instance.specific_deferred
    if isinstance(specific, ServicePage):
        specific = ServicePage.objects.get(pk=instance.pk)
        specific.sync_responsibility()
        ServicePage.objects.filter(pk=specific.pk).update(
            provider=specific.provider, responsible_municipality=specific.responsible_municipality
        )


# --- Workflow notifications -------------------------------------------------------------------
# Wagtail's own workflow e-mails only know its group approval task; ours tell the right half
# of the update pair at each step of the municipal review, in the recipient's language.


def _service(task_state):
    """The service of a municipal review task state (signals are sent by TaskState)."""
    if not isinstance(task_state.task.specific, MunicipalReviewTask):
        return None
    obj = task_state.workflow_state.content_object
    specific = getattr(obj, "specific", obj)
    return specific if isinstance(specific, ServicePage) else None


def reviewers(page):
    """The municipal responsible person, else every producer of the responsible municipality."""
    if page.municipal_responsible and page.municipal_responsible.is_active:
        return [page.municipal_responsible]
    return list(pair_candidates(page.responsible_municipality, (Role.PRODUCER,)) or [])


@receiver(task_submitted)
def review_submitted(sender, instance, user=None, **kwargs):
    page = _service(instance)
    if page:
        notify(
            reviewers(page), "review_submitted", {"page": page, "url": edit_url(page), "by": user}
        )


@receiver(task_rejected)
def review_sent_back(sender, instance, user=None, **kwargs):
    page = _service(instance)
    if page:
        submitter = instance.workflow_state.requested_by
        recipients = {u.pk: u for u in (page.provider_updater, submitter) if u}
        context = {"page": page, "url": edit_url(page), "by": user, "comment": instance.comment}
        notify(recipients.values(), "review_sent_back", context)


@receiver(task_approved)
def review_approved(sender, instance, user=None, **kwargs):
    page = _service(instance)
    if page:
        submitter = instance.workflow_state.requested_by
        recipients = {u.pk: u for u in (page.provider_updater, submitter) if u}
        notify(
            recipients.values(),
            "review_approved",
            {"page": page, "url": edit_url(page), "by": user},
        )


@receiver(page_published)
def tell_involved_partners(sender, instance, revision=None, **kwargs):
    """A joint procurement published: its other partners are told (services/responsibility.py)."""
    if isinstance(instance, ServicePage):
        from .responsibility import notify_involved_partners

        notify_involved_partners(instance, getattr(revision, "pk", None))


# --- Search index ---------------------------------------------------------------------------------
# A service's index rows follow what the public API lists (services/search_index.py): they
# are replaced when the service is published, unpublished (archived), moved or deleted, when
# a view restriction above it comes or goes, and when a taxonomy term or an organisation
# whose name it shows is renamed. Every update covers the service's translation group, since
# a translation replaces the Finnish fallback in its locale. Only those services are
# re-indexed (search.indexer.update).


def _is_service(page) -> bool:
    return isinstance(page, ServicePage) or (
        isinstance(page, Page) and page.specific_class is ServicePage
    )


def _services_under(path: str) -> list[int]:
    return list(ServicePage.objects.filter(path__startswith=path).values_list("pk", flat=True))


@receiver(page_published)
@receiver(page_unpublished)
def reindex_service(sender, instance, **kwargs):
    if _is_service(instance):
        search_indexer.update([instance.pk])


@receiver(post_page_move)
def reindex_moved(sender, instance, **kwargs):
    """A moved service, or every service under a moved folder (its restrictions and
    organisations may have changed)."""
    path = Page.objects.filter(pk=instance.pk).values_list("path", flat=True).first()
    if path:
        search_indexer.update(_services_under(path))


@receiver(post_delete, sender=ServicePage)
def reindex_after_delete(sender, instance, **kwargs):
    """The deleted page's rows go with it (cascade); its translations are re-indexed (a
    Finnish page becomes the fallback of a deleted translation's locale)."""
    others = ServicePage.objects.filter(translation_key=instance.translation_key).exclude(
        pk=instance.pk
    )
    search_indexer.update(others.values_list("pk", flat=True))


def reindex_restricted(sender, instance, raw=False, **kwargs):
    if raw:
        return
    page = Page.objects.filter(pk=instance.page_id).only("path").first()
    if page is not None:
        search_indexer.update(_services_under(page.path))


post_save.connect(reindex_restricted, sender=PageViewRestriction, dispatch_uid="search_restriction")
post_delete.connect(
    reindex_restricted, sender=PageViewRestriction, dispatch_uid="search_restriction_removed"
)


def _remember_name(sender, instance, raw=False, **kwargs):
    """The names as stored before a save, to re-index only when one changes."""
    if raw or instance.pk is None:
        return
    fields = NAME_FIELDS[sender]
    instance._search_names_before = (
        sender.objects.filter(pk=instance.pk).values_list(*fields).first()
    )


def _name_changed(sender, instance, created) -> bool:
    if created:
        return True
    before = getattr(instance, "_search_names_before", None)
    return before != tuple(getattr(instance, f) for f in NAME_FIELDS[sender])


def reindex_term_users(sender, instance, created=False, raw=False, **kwargs):
    """A term added, renamed or removed: the services labelled with it (in any locale: the
    term's translations share its translation key) and the term suggestions."""
    if raw or not _name_changed(sender, instance, created):
        return
    terms = sender.objects.filter(translation_key=instance.translation_key).values("pk")
    pages = set()
    for field in ServicePage._meta.get_fields():
        if getattr(field, "related_model", None) is sender and (
            field.many_to_many or field.many_to_one
        ):
            pages |= set(
                ServicePage.objects.filter(**{f"{field.name}__in": terms}).values_list(
                    "pk", flat=True
                )
            )
    for relation in ServiceLanguage._meta.get_fields():
        if getattr(relation, "related_model", None) is sender and relation.many_to_one:
            pages |= set(
                ServiceLanguage.objects.filter(**{f"{relation.name}__in": terms}).values_list(
                    "page_id", flat=True
                )
            )
    search_indexer.update(pages)
    search_indexer.update_terms()


def reindex_organisation_services(sender, instance, created=False, raw=False, **kwargs):
    """An organisation renamed: the services it provides or is responsible for."""
    if raw or created or not _name_changed(sender, instance, created):
        return
    pages = ServicePage.objects.filter(
        Q(provider=instance) | Q(responsible_municipality=instance)
    ).values_list("pk", flat=True)
    search_indexer.update(pages)


NAME_FIELDS = {Organisation: ("name", "name_sv", "name_en")}
for _vocabulary in VOCABULARIES:
    NAME_FIELDS[_vocabulary.model] = ("name",)
    _uid = f"search_{_vocabulary.key}"
    pre_save.connect(_remember_name, sender=_vocabulary.model, dispatch_uid=f"{_uid}_before")
    post_save.connect(reindex_term_users, sender=_vocabulary.model, dispatch_uid=_uid)
    post_delete.connect(
        reindex_term_users, sender=_vocabulary.model, dispatch_uid=f"{_uid}_removed"
    )
pre_save.connect(_remember_name, sender=Organisation, dispatch_uid="search_organisation_before")
post_save.connect(
    reindex_organisation_services, sender=Organisation, dispatch_uid="search_organisation"
)


# --- Cached answers -------------------------------------------------------------------------------
# What anonymous readers see changed: move the publication generation on (cms.cache_generation),
# so no cached GraphQL answer or frontend entry built before the change is read again. Any
# page (a service, a folder above services, a content page, a policy) published, unpublished,
# moved or deleted (post_delete of Page: deleting any page deletes its Page row), a view
# restriction added or removed, a taxonomy term or an organisation saved or deleted.
page_published.connect(cache_generation.bump_on_signal, dispatch_uid="cache_page_published")
page_unpublished.connect(cache_generation.bump_on_signal, dispatch_uid="cache_page_unpublished")
post_page_move.connect(cache_generation.bump_on_signal, dispatch_uid="cache_page_moved")
post_delete.connect(cache_generation.bump_on_signal, sender=Page, dispatch_uid="cache_page_deleted")
for _model in (PageViewRestriction, Organisation, *(v.model for v in VOCABULARIES)):
    _uid = f"cache_{_model._meta.label_lower}"
    post_save.connect(cache_generation.bump_on_signal, sender=_model, dispatch_uid=f"{_uid}_saved")
    post_delete.connect(
        cache_generation.bump_on_signal, sender=_model, dispatch_uid=f"{_uid}_deleted"
    )
