"""Links and attachments: used by the public and the internal information alike."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.blocks.struct_block import StructBlockValidationError
from wagtail.documents.blocks import DocumentChooserBlock


class LinkBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("title"), max_length=200)
    url = blocks.URLBlock(label=_("address"), required=False)
    page = blocks.PageChooserBlock(label=_("page in the manual"), required=False)
    description = blocks.CharBlock(label=_("description"), max_length=300, required=False)

    class Meta:
        icon = "link"
        label = _("Link")

    def clean(self, value):
        value = super().clean(value)
        if bool(value.get("url")) == bool(value.get("page")):
            raise StructBlockValidationError(
                block_errors={"url": ValidationError(_("Give either an address or a page."))}
            )
        return value


class AttachmentBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("title"), max_length=200, required=False)
    document = DocumentChooserBlock(label=_("document"))

    class Meta:
        icon = "doc-full"
        label = _("Attachment")
