"""Rich text for the API: links only to what the caller may open.

Wagtail's `expand_db_html` turns every page link into the target's URL and every
document link into the file's URL, whoever reads it: a public text linking to a
view-restricted service would reveal its path (slug included), and a link to an
internal attachment its file name. Here page links resolve only to published, public
pages and document links only to documents the caller may see (`public_document`);
any other link keeps its text and loses its address (`<a>`). Page links also carry
`data-service-id` / `data-page-id` so that a frontend can route them itself.

Linked pages and documents are kept per request; a list resolver calls
`prefetch_links` with the texts of all its rows first, so the links of a whole list
cost two queries, not one per row.
"""

from django.utils.html import escape
from wagtail.documents import get_document_model
from wagtail.models import Page
from wagtail.rich_text import features, get_rewriter
from wagtail.rich_text.rewriters import FIND_A_TAG, LinkRewriter, MultiRuleRewriter, extract_attrs

from cms.ids import parse_id

from .access import public_document, public_filter
from .context import request_cache


def _id(attrs) -> int | None:
    return parse_id(attrs.get("id"))


def _linked(info, kind: str, ids) -> dict:
    """{id: page or document the caller may open, else None}, loaded once per request."""
    cache = request_cache(info).setdefault(("rich_text_links", kind), {})
    missing = {i for i in ids if i is not None and i not in cache}
    if missing:
        if kind == "page":
            found = public_filter(info, Page.objects.filter(pk__in=missing)).select_related(
                "content_type"
            )
        else:
            documents = get_document_model().objects.filter(pk__in=missing)
            found = [d for d in documents.select_related("collection") if public_document(info, d)]
        cache.update(dict.fromkeys(missing))
        cache.update({obj.pk: obj for obj in found})
    return cache


def prefetch_links(info, texts) -> None:
    """Load the pages and documents that these rich texts link to, all at once."""
    ids = {"page": set(), "document": set()}
    for text in texts:
        for match in FIND_A_TAG.finditer(text or ""):
            attrs = extract_attrs(match.group(1))
            if attrs.get("linktype") in ids:
                ids[attrs["linktype"]].add(_id(attrs))
    for kind, wanted in ids.items():
        if wanted:
            _linked(info, kind, wanted)


def _page_links(info, attrs_list):
    ids = [_id(attrs) for attrs in attrs_list]
    pages = _linked(info, "page", ids)
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
    ids = [_id(attrs) for attrs in attrs_list]
    documents = _linked(info, "document", ids)
    return [f'<a href="{escape(documents[pk].url)}">' if documents.get(pk) else "<a>" for pk in ids]


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
