"""Rich text configuration shared by every StreamField and RichTextField."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks

# A small, accessible feature set: structure and links, no colours or embeds.
RICH_TEXT_FEATURES = ["h3", "h4", "bold", "italic", "ol", "ul", "link", "document-link"]
SIMPLE_TEXT_FEATURES = ["bold", "italic", "ul", "ol", "link"]


class ParagraphBlock(blocks.RichTextBlock):
    def __init__(self, **kwargs):
        kwargs.setdefault("features", RICH_TEXT_FEATURES)
        kwargs.setdefault("label", _("Paragraph"))
        super().__init__(**kwargs)

    class Meta:
        icon = "pilcrow"


class HeadingBlock(blocks.CharBlock):
    class Meta:
        icon = "title"
        label = _("Heading")
        max_length = 120


class NoticeBlock(blocks.StructBlock):
    kind = blocks.ChoiceBlock(
        choices=[("info", _("Information")), ("warning", _("Warning"))],
        default="info",
        label=_("kind"),
    )
    text = blocks.RichTextBlock(features=SIMPLE_TEXT_FEATURES, label=_("text"))

    class Meta:
        icon = "warning"
        label = _("Notice")
