"""Rich text for the API: links only to what the caller may open.

Wagtail's `expand_db_html` turns every page link into the target's URL and every
document link into the file's URL, whoever reads it: a public text linking to a
view-restricted service would reveal its path (slug included), and a link to an
internal attachment its file name. Here page links resolve only to published, public
pages and document links only to documents the caller may see (`public_document`);
any other link keeps its text and loses its address (`<a>`). Page links also carry
`data-service-id` / `data-page-id` so that a frontend can route them itself.
"""

from django.utils.html import escape
from wagtail.documents import get_document_model
from wagtail.models import Page
from wagtail.rich_text import features, get_rewriter
from wagtail.rich_text.rewriters import LinkRewriter, MultiRuleRewriter

from .access import public_document, public_filter
from .loaders import request_cache


def _ids(attrs_list) -> list[int | None]:
    return [int(a["id"]) if str(a.get("id", "")).isdigit() else None for a in attrs_list]


def _page_links(info, attrs_list):
    ids = _ids(attrs_list)
    pages = {
        page.pk: page
        for page in public_filter(info, Page.objects.filter(pk__in=[i for i in ids if i]))
        .defer_streamfields()
        .select_related("content_type")
    }
    out = []
    for pk in ids:
        page = pages.get(pk)
        if page is None:
            out.append("<a>")
            continue
        kind = "service" if page.content_type.model == "servicepage" else "page"
        out.append(f'<a href="{escape(page.url or "")}" data-{kind}-id="{page.pk}">')
    return out


def _document_links(info, attrs_list):
    ids = _ids(attrs_list)
    documents = get_document_model().objects.filter(pk__in=[i for i in ids if i])
    by_id = {doc.pk: doc for doc in documents.select_related("collection")}
    return [
        f'<a href="{escape(by_id[pk].url)}">'
        if pk in by_id and public_document(info, by_id[pk])
        else "<a>"
        for pk in ids
    ]


def _rewriter(info):
    cache = request_cache(info)
    if "rich_text_rewriter" not in cache:
        ours = {
            "page": lambda attrs_list: _page_links(info, attrs_list),
            "document": lambda attrs_list: _document_links(info, attrs_list),
        }
        links = {
            linktype: ours.get(linktype, handler.expand_db_attributes_many)
            for linktype, handler in features.get_link_types().items()
        }
        embeds = [r for r in get_rewriter().rewriters if not isinstance(r, LinkRewriter)]
        cache["rich_text_rewriter"] = MultiRuleRewriter([LinkRewriter(bulk_rules=links), *embeds])
    return cache["rich_text_rewriter"]


def api_rich_text(info, value) -> str:
    """Public rich text as HTML for this caller."""
    return _rewriter(info)(value) if value else ""
