"""Who is looking at the admin, for the admin code that names pages and documents without a
request (docs/security.md, "Admin visibility of pages").

Wagtail names a page in the admin by `Page.get_admin_display_title()` (its latest draft's
title) and resolves the page and document ids of rich text without knowing who reads it: the
editor's Draftail state (`PageLinkElementHandler`, `DocumentLinkElementHandler`), `|richtext`
on the service card and in previews (`PageLinkHandler`, `DocumentLinkHandler`), the
chooser fields and StreamField chooser blocks ("page in the manual", attachments: the chosen
item in the editor, its rendering on the card) and the "external link" form that turns a
typed address into a page link (`Page.route`). An id typed by hand into a POST, or a title
saved but not published, was therefore shown to anyone.

`AdminViewerMiddleware` remembers the request of each admin request (a context variable);
`install()` (from `admin_visibility.install`) makes those places follow the rules for that
user:

- a page's draft title is shown only to users who may edit the page: everyone else sees the
  title it was published (or created) with, in the chooser, its search, the explorer, the
  sidebar, "see also" rows and every other admin screen;
- a page link resolves (URL path, title) only to pages the user may pick
  (`pages_visible_in_admin(user, with_public=True)`); any other is a broken link, as for a
  deleted page;
- a document link resolves (address, file name) only to documents the user may open (the
  collection's view restrictions, as the document serve view checks them);
- a chooser field or block shows, renders and accepts only such pages and documents: a
  forged id submitted in a block is no choice (None), as `limit_page_choices` does for
  chooser form fields.

Outside admin requests (the API, management commands, e-mails sent by cron) nothing changes.
"""

from contextvars import ContextVar
from functools import cache, wraps

from django.http import Http404
from django.urls import reverse

from .permissions import pages_visible_in_admin, sees_all_pages

_admin_request: ContextVar = ContextVar("admin_request", default=None)


class AdminViewerMiddleware:
    """Remembers the request while an admin request (under /admin/) is handled."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.prefix = None

    def __call__(self, request):
        if self.prefix is None:
            self.prefix = reverse("wagtailadmin_home")
        if not request.path_info.startswith(self.prefix):
            return self.get_response(request)
        token = _admin_request.set(request)
        try:
            return self.get_response(request)
        finally:
            _admin_request.reset(token)


def admin_request():
    """The admin request being handled, or None outside the admin."""
    return _admin_request.get()


def restricted_viewer():
    """The admin user whom the page rule restricts (everyone but maintainers), or None."""
    request = admin_request()
    if request is None:
        return None
    user = getattr(request, "user", None)
    if user is None or sees_all_pages(user):
        return None
    return user


def may_see_draft_title(user, page) -> bool:
    return page.permissions_for_user(user).can_edit()


def pickable_page_ids(user, ids) -> set:
    ids = {int(i) for i in ids if str(i).isascii() and str(i).isdigit()}
    if not ids:
        return set()
    visible = pages_visible_in_admin(user, with_public=True).filter(pk__in=ids)
    return set(visible.values_list("pk", flat=True))


def may_open_document(request, document) -> bool:
    """As Wagtail's document serve view: every view restriction of its collection passes."""
    return all(r.accept_request(request) for r in document.collection.get_view_restrictions())


# --- Titles ----------------------------------------------------------------------------------
def _guard_admin_title(get_admin_display_title):
    @wraps(get_admin_display_title)
    def admin_display_title(self):
        if self.draft_title and self.draft_title != self.title:
            user = restricted_viewer()
            if user is not None and not may_see_draft_title(user, self):
                return self.title
        return get_admin_display_title(self)

    return admin_display_title


# --- Rich text: the editor's state and |richtext ---------------------------------------------
def _guard_page_link_data(get_attribute_data):
    """Draftail's state of a page link: the URL path and parent only for a pickable page."""

    @wraps(get_attribute_data)
    def attribute_data(self, attrs):
        data = get_attribute_data(self, attrs)
        user = restricted_viewer()
        if user is not None and data.get("url") and not pickable_page_ids(user, [data["id"]]):
            return {"id": data["id"], "url": None, "parentId": None}
        return data

    return attribute_data


def _guard_document_link_data(get_attribute_data):
    """Draftail's state of a document link: the address and file name only for a document
    the user may open."""

    @wraps(get_attribute_data)
    def attribute_data(self, attrs):
        data = get_attribute_data(self, attrs)
        request = admin_request()
        if request is not None and "url" in data:
            from wagtail.documents import get_document_model

            document = get_document_model().objects.select_related("collection").get(pk=data["id"])
            if not may_open_document(request, document):
                return {"id": data["id"]}
        return data

    return attribute_data


def _guard_page_links(get_many):
    """`|richtext`: a page link to a page the user may not pick renders as `<a>`."""

    @wraps(get_many)
    def visible_pages(cls, attrs_list):
        pages = get_many(cls, attrs_list)
        user = restricted_viewer()
        if user is None:
            return pages
        allowed = pickable_page_ids(user, [page.pk for page in pages if page is not None])
        return [page if page is not None and page.pk in allowed else None for page in pages]

    return classmethod(visible_pages)


def _guard_document_links(get_many):
    """`|richtext`: a document link to a document the user may not open renders as `<a>`."""

    @wraps(get_many)
    def visible_documents(cls, attrs_list):
        documents = get_many(cls, attrs_list)
        request = admin_request()
        if request is None:
            return documents
        return [d if d is not None and may_open_document(request, d) else None for d in documents]

    return classmethod(visible_documents)


# --- Chooser fields and StreamField chooser blocks -------------------------------------------
def _hidden_from_viewer(instance) -> bool:
    """A page the admin user may not pick, or a document they may not open."""
    from wagtail.models import Page

    if instance is None:
        return False
    if isinstance(instance, Page):
        user = restricted_viewer()
        return user is not None and not pickable_page_ids(user, [instance.pk])
    request = admin_request()
    return request is not None and not may_open_document(request, instance)


def _guard_chooser_value_data(get_value_data):
    """The chosen item a chooser shows (a field, a "page in the manual" or attachment block):
    nothing for an id the user may not pick, which a forged POST or an older value holds."""

    @wraps(get_value_data)
    def value_data(self, value):
        if _hidden_from_viewer(self.get_instance(value)):
            return None
        return get_value_data(self, value)

    return value_data


def _guard_chooser_block_value(value_from_form):
    """A chooser block's submitted id: one the user may not pick is no choice (None), so it is
    neither saved nor shown back (a required block then asks for a choice)."""

    @wraps(value_from_form)
    def submitted(self, value):
        instance = value_from_form(self, value)
        return None if _hidden_from_viewer(instance) else instance

    return submitted


def _guard_chooser_block_render(render_basic):
    """A chooser block on the service card or a preview: nothing for a hidden item."""

    @wraps(render_basic)
    def render(self, value, context=None):
        if _hidden_from_viewer(value):
            return ""
        return render_basic(self, value, context=context)

    return render


def _guard_struct_render(render):
    """A struct block (a link, an attachment) renders its chooser children's values as text:
    a hidden page or document is left out (None) before it is rendered."""

    @wraps(render)
    def render_visible(self, value, context=None):
        hidden = [
            name
            for name, child in self.child_blocks.items()
            if isinstance(child, _chooser_blocks()) and _hidden_from_viewer(value.get(name))
        ]
        if hidden:
            value = self.meta.value_class(
                self, [(name, None if name in hidden else v) for name, v in value.items()]
            )
        return render(self, value, context=context)

    return render_visible


# --- A typed address turned into a page link -------------------------------------------------
def _guard_route(route):
    """The chooser's external link form routes a typed address to a page and returns its id,
    title and URL path (for a live page, view-restricted ones included, titled by the draft).
    In the admin only pages the user may pick are found, titled as they may see them."""

    @wraps(route)
    def guarded(self, request, path_components):
        result = route(self, request, path_components)
        user = restricted_viewer()
        if user is not None and not path_components:
            if not pickable_page_ids(user, [self.pk]):
                raise Http404
            if not may_see_draft_title(user, self):
                # The view reads `draft_title` itself; this instance is only its answer.
                self.draft_title = self.title
        return result

    return guarded


@cache
def _chooser_blocks():
    from wagtail.blocks import PageChooserBlock
    from wagtail.documents.views.chooser import BaseDocumentChooserBlock

    return (PageChooserBlock, BaseDocumentChooserBlock)


_INSTALLED = False


def install() -> None:
    global _INSTALLED
    if _INSTALLED:
        return
    from wagtail.admin.rich_text.converters.html_to_contentstate import PageLinkElementHandler
    from wagtail.admin.widgets import AdminPageChooser
    from wagtail.blocks import StructBlock
    from wagtail.documents.rich_text import DocumentLinkHandler
    from wagtail.documents.rich_text.contentstate import DocumentLinkElementHandler
    from wagtail.documents.widgets import AdminDocumentChooser
    from wagtail.models import Page
    from wagtail.rich_text.pages import PageLinkHandler

    Page.get_admin_display_title = _guard_admin_title(Page.get_admin_display_title)
    Page.route = _guard_route(Page.route)
    PageLinkElementHandler.get_attribute_data = _guard_page_link_data(
        PageLinkElementHandler.get_attribute_data
    )
    DocumentLinkElementHandler.get_attribute_data = _guard_document_link_data(
        DocumentLinkElementHandler.get_attribute_data
    )
    PageLinkHandler.get_many = _guard_page_links(PageLinkHandler.get_many.__func__)
    DocumentLinkHandler.get_many = _guard_document_links(DocumentLinkHandler.get_many.__func__)
    for widget in (AdminPageChooser, AdminDocumentChooser):
        widget.get_value_data = _guard_chooser_value_data(widget.get_value_data)
    for block in _chooser_blocks():
        block.value_from_form = _guard_chooser_block_value(block.value_from_form)
        block.render_basic = _guard_chooser_block_render(block.render_basic)
    StructBlock.render = _guard_struct_render(StructBlock.render)
    _INSTALLED = True
