"""Every admin screen that lists or names pages shows only what the user may see
(`services.permissions.pages_visible_in_admin`; docs/security.md, "Admin visibility of pages").

Where Wagtail has a hook, `services/wagtail_hooks.py` registers the functions below:

- explorer listing and its search, and the sidebar explorer (admin API `for_explorer`):
  `construct_explorer_page_queryset`;
- page chooser browse and search ("see also", rich-text links, service lists, move and copy
  destinations): `construct_page_chooser_queryset`;
- the move confirmation (`/admin/pages/<id>/move/<destination>/confirm/`, which checks no
  permission before POST): `before_move_page`;
- bulk actions: `register_bulk_action`, re-registering Wagtail's own actions with
  `VisibleObjectsOnly` (their confirm page lists every id it is given, title included, and
  `before_bulk_action` only runs when the action is carried out).

Five core screens have no hook; `install()` (from `ServicesConfig.ready`) wraps them: the
explorer opened on a given page (it names the page in its header), the chooser's browse
view on a given parent page, the chooser's "chosen multiple" view, the page
workflow screens (action, its form, cancellation, task preview: each names the page in its
"not awaiting moderation" message before checking any permission) and wagtail-localize's
translations report. wagtail-localize's other screens are checked by
`check_localize_screen`, called from the localize guard in `services/localize_guard.py`.
"""

from functools import wraps

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db.models import Exists, OuterRef, Q
from django.http import Http404
from django.shortcuts import get_list_or_404, redirect
from wagtail.models import Page
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permission_policies.collections import CollectionOwnershipPermissionPolicy
from wagtail.permissions import page_permission_policy

from .permissions import pages_visible_in_admin, sees_all_pages


def require_visible_page(user, page_id, *, with_public: bool) -> None:
    """404 unless `user` may see page `page_id` (as for a page that does not exist)."""
    if sees_all_pages(user):
        return
    if not pages_visible_in_admin(user, with_public=with_public).filter(pk=page_id).exists():
        raise Http404


# --- Hooks --------------------------------------------------------------------------------------
def explorer_queryset(parent_page, pages, request):
    """construct_explorer_page_queryset: the explorer's rows (listing, search, sidebar)."""
    user = request.user
    if sees_all_pages(user):
        return pages
    return pages.filter(pk__in=pages_visible_in_admin(user).values("pk"))


def chooser_queryset(pages, request):
    """construct_page_chooser_queryset: own subtree plus live public pages."""
    user = request.user
    if sees_all_pages(user):
        return pages
    return pages.filter(pk__in=pages_visible_in_admin(user, with_public=True).values("pk"))


def before_move_page(request, page_to_move, destination):
    """before_move_page: the confirmation names both pages, and Wagtail checks permissions
    only when the move is carried out."""
    require_visible_page(request.user, page_to_move.pk, with_public=False)
    require_visible_page(request.user, destination.pk, with_public=True)


def limit_page_choices(field, user, keep=()) -> None:
    """A page chooser form field (a "see also" row) accepts only the pages `user` may pick, and
    its widget names no other: a forged id is "not a valid choice" and, on the form shown again,
    an empty chooser. Pages already chosen (`keep`) stay valid."""
    from wagtail.admin.widgets import AdminPageChooser

    if user is None or sees_all_pages(user):
        return
    visible = pages_visible_in_admin(user, with_public=True)
    allowed = field.queryset.filter(Q(pk__in=visible.values("pk")) | Q(pk__in=list(keep)))
    field.queryset = allowed
    widget = field.widget
    if isinstance(widget, AdminPageChooser):
        get_instance = widget.get_instance

        def get_visible_instance(value):
            instance = get_instance(value)
            if instance is not None and not allowed.filter(pk=instance.pk).exists():
                return None
            return instance

        widget.get_instance = get_visible_instance


# --- Bulk actions -------------------------------------------------------------------------------
def objects_visible_in_admin(user, model, action):
    """What a bulk action on `model` may list for `user`: pages by the page rule, documents and
    images by their collection permissions (what their listing and chooser show), other models
    (snippets) to users holding a permission on the model."""
    if issubclass(model, Page):
        return pages_visible_in_admin(user)
    policy = getattr(action, "permission_policy", None)
    if isinstance(policy, CollectionOwnershipPermissionPolicy):
        return policy.instances_user_has_any_permission_for(user, {"change", "delete", "choose"})
    if ModelPermissionPolicy(model).user_has_any_permission(
        user, {"add", "change", "delete", "view"}
    ):
        return model._default_manager.all()
    return model._default_manager.none()


class VisibleObjectsOnly:
    """A bulk action lists and acts on only the objects the user may see: the others are left
    out of its confirm page (and of the action), and none at all is a 404."""

    def get_queryset(self, model, object_ids):
        visible = objects_visible_in_admin(self.request.user, model, self)
        try:
            return get_list_or_404(visible, pk__in=list(object_ids))
        except (ValueError, ValidationError) as error:
            raise Http404 from error


def _bulk_actions():
    from wagtail.admin.views.pages import bulk_actions as pages
    from wagtail.documents.views import bulk_actions as documents
    from wagtail.images.views import bulk_actions as images
    from wagtail.snippets.bulk_actions.delete import DeleteBulkAction as SnippetDeleteBulkAction

    actions = [
        pages.DeleteBulkAction,
        pages.MoveBulkAction,
        pages.PublishBulkAction,
        pages.UnpublishBulkAction,
        SnippetDeleteBulkAction,
    ]
    for module in (documents, images):
        actions += [module.AddTagsBulkAction, module.AddToCollectionBulkAction]
        actions += [module.DeleteBulkAction]
    return [
        type(action.__name__, (VisibleObjectsOnly, action), {"__module__": __name__})
        for action in actions
    ]


# Registered after Wagtail's own (order=1), so these replace them in the registry.
BULK_ACTIONS = _bulk_actions()


# --- Screens without a hook ---------------------------------------------------------------------
def _guard_explorer(get):
    """The explorer opened on a page the user may not see (its header names the page) sends
    the user to the top of their own part of the tree, as Wagtail does for pages outside it."""

    @wraps(get)
    def guarded(self, request, parent_page_id=None):
        user = request.user
        if (
            parent_page_id is not None
            and not sees_all_pages(user)
            and not pages_visible_in_admin(user).filter(pk=parent_page_id).exists()
        ):
            root = page_permission_policy.explorable_root_instance(user)
            if root is None:
                raise Http404
            return redirect(self.index_url_name, root.pk)
        return get(self, request, parent_page_id)

    return guarded


def _guard_browse(get):
    @wraps(get)
    def guarded(self, request, parent_page_id=None):
        if parent_page_id is not None:
            require_visible_page(request.user, parent_page_id, with_public=True)
        return get(self, request, parent_page_id)

    return guarded


def _guard_chosen_multiple(get):
    @wraps(get)
    def guarded(self, request):
        if not sees_all_pages(request.user):
            ids = [
                value for value in request.GET.getlist("id") if value.isascii() and value.isdigit()
            ]
            visible = pages_visible_in_admin(request.user, with_public=True).filter(pk__in=ids)
            request.GET = request.GET.copy()
            request.GET.setlist("id", [str(pk) for pk in visible.values_list("pk", flat=True)])
        return get(self, request)

    return guarded


def _workflow_pages(self):
    """The pages a page workflow screen looks its page up in: others are a 404."""
    return pages_visible_in_admin(self.request.user)


def visible_translations(user, translations):
    """Translations whose target page the user may see (own subtree or live public); snippet
    translations are kept (the report is for users who may read internal information)."""
    if sees_all_pages(user):
        return translations
    page_type = ContentType.objects.get_for_model(Page)
    targets = pages_visible_in_admin(user, with_public=True).filter(
        translation_key=OuterRef("source__object_id"), locale_id=OuterRef("target_locale_id")
    )
    return translations.filter(~Q(source__object__content_type=page_type) | Exists(targets))


def _guard_translations_report(get_queryset):
    @wraps(get_queryset)
    def guarded(self):
        return visible_translations(self.request.user, get_queryset(self))

    return guarded


def check_localize_screen(request, url_kwargs) -> None:
    """wagtail-localize's screens on one page (submit a translation, convert to alias) or one
    translation source (update translations) name that page."""
    from wagtail_localize.models import TranslationSource

    page_id = url_kwargs.get("page_id")
    if page_id is not None:
        require_visible_page(request.user, page_id, with_public=True)
    source_id = url_kwargs.get("translation_source_id")
    if source_id is not None:
        source = TranslationSource.objects.filter(pk=source_id).first()
        model = source.specific_content_type.model_class() if source is not None else None
        if model is not None and issubclass(model, Page):
            page = Page.objects.filter(
                translation_key=source.object_id, locale_id=source.locale_id
            ).first()
            if page is not None:
                require_visible_page(request.user, page.pk, with_public=True)


_INSTALLED = False


def install() -> None:
    """Wrap the core screens that have no hook (once; from ServicesConfig.ready)."""
    global _INSTALLED
    if _INSTALLED:
        return
    from wagtail.admin.views.chooser import BrowseView, ChosenMultipleView
    from wagtail.admin.views.pages.listing import ExplorableIndexView
    from wagtail.admin.views.pages.workflow import WorkflowPageViewMixin
    from wagtail_localize.views.report import TranslationsReportView

    ExplorableIndexView.get = _guard_explorer(ExplorableIndexView.get)
    BrowseView.get = _guard_browse(BrowseView.get)
    ChosenMultipleView.get = _guard_chosen_multiple(ChosenMultipleView.get)
    WorkflowPageViewMixin.get_base_object_queryset = _workflow_pages
    TranslationsReportView.get_queryset = _guard_translations_report(
        TranslationsReportView.get_queryset
    )
    # Titles and rich-text links that Wagtail resolves without a request (services.admin_viewer).
    from . import admin_viewer

    admin_viewer.install()
    _INSTALLED = True
