"""StreamField values for the API, read from the stored JSON.

Wagtail turns a stored stream into block values one page at a time, and each chooser
block in it costs a query per page. For a list of services that is one query per row.
Here the raw JSON is walked twice: first over every page of a list to collect the
referenced documents, pages and snippets (loaded in one query per model), then per
page to shape the value, with the references replaced by the loaded objects.
"""

from wagtail import blocks
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.snippets.blocks import SnippetChooserBlock


def _items(raw):
    """ListBlock values are stored as [{"type": "item", "value": ...}] (or plain lists)."""
    for item in raw or []:
        if isinstance(item, dict) and item.get("type") == "item" and "value" in item:
            yield item["value"]
        else:
            yield item


def target_model(block):
    if isinstance(block, DocumentChooserBlock):
        from wagtail.documents import get_document_model

        return get_document_model()
    if isinstance(block, blocks.PageChooserBlock):
        from .models import ServicePage

        return ServicePage
    if isinstance(block, SnippetChooserBlock):
        return block.target_model
    return None


def collect(block, raw, want):
    """Call want(model, pk) for every chooser reference in a stored value."""
    if raw is None:
        return
    if isinstance(block, blocks.StreamBlock):
        for child in raw or []:
            child_block = block.child_blocks.get(child.get("type"))
            if child_block is not None:
                collect(child_block, child.get("value"), want)
    elif isinstance(block, blocks.ListBlock):
        for item in _items(raw):
            collect(block.child_block, item, want)
    elif isinstance(block, blocks.StructBlock):
        for name, child_block in block.child_blocks.items():
            collect(child_block, (raw or {}).get(name), want)
    else:
        model = target_model(block)
        if model is not None and raw not in (None, ""):
            want(model, int(raw))


def shape(block, raw, get):
    """The stored value as plain data; references become objects via get(model, pk)
    (None when the object is gone or not public)."""
    if isinstance(block, blocks.StreamBlock):
        out = []
        for child in raw or []:
            child_block = block.child_blocks.get(child.get("type"))
            if child_block is not None:
                out.append(
                    {
                        "type": child["type"],
                        "id": child.get("id"),
                        "value": shape(child_block, child.get("value"), get),
                    }
                )
        return out
    if isinstance(block, blocks.ListBlock):
        return [shape(block.child_block, item, get) for item in _items(raw)]
    if isinstance(block, blocks.StructBlock):
        raw = raw or {}
        return {name: shape(b, raw.get(name), get) for name, b in block.child_blocks.items()}
    model = target_model(block)
    if model is not None:
        return get(model, int(raw)) if raw not in (None, "") else None
    return raw
