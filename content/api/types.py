"""The `ContentPage` type: a help, news or privacy page as the caller asked for it.

It resolves from `Localised` (cms/api/context.py): `root.node` is the page, `root.locale`
the requested locale, `root.batch` the list it came in (its loaders run once per list).
The body is a list of the same blocks as a service's description (heading, paragraph,
notice), so a frontend renders both with one template.
"""

import graphene
from django.utils import translation

from cms.api.context import node_resolver
from cms.api.pages import localised_page_fields, results_type
from cms.api.rich_text import api_rich_text, prefetch_links
from services.api.blocks import DescriptionBlock, HeadingBlock, NoticeBlock, ParagraphBlock
from services.api.types import OrganisationType, Translation, organisation

from ..models import ContentKind
from . import loaders
from .enums import ContentKindEnum


def _texts(page):
    """The rich texts of a body (paragraphs and notices), for prefetching their links."""
    for child in page.body.raw_data:
        value = child.get("value")
        if child.get("type") == "paragraph":
            yield value
        elif child.get("type") == "notice":
            yield (value or {}).get("text")


def body_blocks(info, root):
    root.batch.load(
        "links:body",
        lambda rows: prefetch_links(info, [text for row in rows for text in _texts(row)]),
    )
    out = []
    for child in root.node.body.raw_data:
        value = child.get("value")
        if child.get("type") == "heading":
            out.append(HeadingBlock(text=value or ""))
        elif child.get("type") == "paragraph":
            out.append(ParagraphBlock(html=api_rich_text(info, value)))
        elif child.get("type") == "notice":
            value = value or {}
            out.append(
                NoticeBlock(
                    kind=value.get("kind") or "info", html=api_rich_text(info, value.get("text"))
                )
            )
    return out


class ContentPageType(localised_page_fields("page"), graphene.ObjectType):
    """A help page, a news item or bulletin, a partner's privacy notice, the accessibility
    statement or the "about" page, in the requested locale (or Finnish, see `isFallback`)."""

    class Meta:
        name = "ContentPage"
        default_resolver = node_resolver

    kind = graphene.Field(ContentKindEnum, required=True)
    kind_label = graphene.String(required=True, description="The kind in the locale.")
    summary = graphene.String(required=True)
    date = graphene.Date(
        required=True,
        description="News and bulletins: the publication date; privacy notices and the "
        "accessibility statement: when drawn up or last reviewed.",
    )
    organisation = graphene.Field(
        OrganisationType, description="Privacy notices: the partner whose notice it is."
    )
    body = graphene.List(graphene.NonNull(DescriptionBlock), required=True)
    show_in_menu = graphene.Boolean(
        required=True, description="Whether a frontend lists the page in its main menu."
    )
    show_in_footer = graphene.Boolean(
        required=True, description="Whether a frontend lists the page in its footer."
    )
    translations = graphene.List(
        graphene.NonNull(Translation),
        required=True,
        description="The locales the page is published in.",
    )
    first_published_at = graphene.DateTime()
    last_published_at = graphene.DateTime()

    def resolve_kind_label(root, info):
        with translation.override(root.locale):
            return str(ContentKind(root.node.kind).label)

    def resolve_organisation(root, info):
        return organisation(root.node.organisation, root.locale)

    def resolve_body(root, info):
        return body_blocks(info, root)

    def resolve_show_in_menu(root, info):
        return root.node.show_in_menus

    def resolve_translations(root, info):
        rows = root.batch.load("translations", lambda rows: loaders.translations(info, rows))
        return rows.get(root.node.translation_key, [])


ContentPageResults = results_type("ContentPageResults", ContentPageType)
