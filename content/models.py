"""Content pages: the "Sisältösivut" index in every locale and its pages.

The index sits under Wagtail's root, next to the service catalogue and the policies, in
every locale (`content.setup.ensure_content_index`). A `ContentPage` has a `kind` (help,
news, bulletin, privacy notice, accessibility statement, about); frontends place it by
`show_in_menus` (Wagtail's own "Show in menus") and `show_in_footer`. Pages are translated
with wagtail-localize like the services and policies: the texts are translated, the facts
(kind, organisation, date, placement) are synchronised from the Finnish source.
"""

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField

from cms.blocks import SIMPLE_TEXT_FEATURES, HeadingBlock, NoticeBlock, ParagraphBlock
from cms.roles import OrganisationKind


class ContentIndexPage(Page):
    """The content pages of one locale ("Sisältösivut")."""

    intro = RichTextField(_("introduction"), blank=True, features=SIMPLE_TEXT_FEATURES)

    parent_page_types = ["wagtailcore.Page"]
    subpage_types = ["content.ContentPage"]
    content_panels = Page.content_panels + [FieldPanel("intro")]

    class Meta:
        verbose_name = _("content page index")
        verbose_name_plural = _("content page indexes")


class ContentKind(models.TextChoices):
    HELP = "help", _("Help")
    NEWS = "news", _("News item")
    BULLETIN = "bulletin", _("Bulletin")
    PRIVACY = "privacy", _("Privacy notice")
    ACCESSIBILITY = "accessibility", _("Accessibility statement")
    ABOUT = "about", _("About the service")


# The order of the kinds in menus and footers (`ContentOrder.KIND` in the API).
KIND_ORDER = [
    ContentKind.HELP,
    ContentKind.NEWS,
    ContentKind.BULLETIN,
    ContentKind.ABOUT,
    ContentKind.ACCESSIBILITY,
    ContentKind.PRIVACY,
]
DATED_KINDS = (ContentKind.NEWS, ContentKind.BULLETIN)


class ContentBodyBlock(blocks.StreamBlock):
    heading = HeadingBlock()
    paragraph = ParagraphBlock()
    notice = NoticeBlock()

    class Meta:
        label = _("Body")


def partners_and_maintainer():
    return {"kind__in": [OrganisationKind.MUNICIPALITY, OrganisationKind.MAINTAINER]}


class ContentPage(Page):
    """A help page, a news item or bulletin, a partner's privacy notice, the accessibility
    statement or the "about" page."""

    kind = models.CharField(_("kind"), max_length=20, choices=ContentKind.choices)
    date = models.DateField(
        _("date"),
        default=dt.date.today,
        help_text=_(
            "News and bulletins: the date shown, newest first. Privacy notices and the "
            "accessibility statement: the date they were drawn up or last reviewed."
        ),
    )
    organisation = models.ForeignKey(
        "cms.Organisation",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="content_pages",
        limit_choices_to=partners_and_maintainer,
        verbose_name=_("organisation"),
        help_text=_(
            "Privacy notices only: the partner (joint controller) whose notice this is. "
            "One notice per partner."
        ),
    )
    summary = models.TextField(
        _("summary"), blank=True, help_text=_("One or two sentences for lists and the menu.")
    )
    body = StreamField(ContentBodyBlock(), blank=True, verbose_name=_("body"))
    show_in_footer = models.BooleanField(
        _("show in footer"),
        default=False,
        help_text=_("Whether a link to this page appears in the frontend's footer."),
    )

    parent_page_types = ["content.ContentIndexPage"]
    subpage_types = []
    content_panels = Page.content_panels + [
        FieldRowPanel([FieldPanel("kind"), FieldPanel("date")]),
        FieldPanel("organisation"),
        FieldPanel("summary"),
        FieldPanel("body"),
    ]
    promote_panels = Page.promote_panels[:1] + [
        MultiFieldPanel(
            [FieldPanel("show_in_menus"), FieldPanel("show_in_footer")],
            heading=_("For the site's menu and footer"),
        )
    ]
    search_fields = Page.search_fields + [
        index.SearchField("summary"),
        index.SearchField("body"),
        index.FilterField("kind"),
    ]
    # The texts are translated, the facts are the source's.
    override_translatable_fields = [
        SynchronizedField("kind"),
        SynchronizedField("date"),
        SynchronizedField("organisation"),
        SynchronizedField("show_in_menus"),
        SynchronizedField("show_in_footer"),
    ]

    class Meta:
        verbose_name = _("content page")
        verbose_name_plural = _("content pages")

    def clean(self):
        super().clean()
        errors = {}
        if self.kind == ContentKind.PRIVACY:
            if self.organisation_id is None:
                errors["organisation"] = _(
                    "A privacy notice belongs to a partner: choose the organisation."
                )
            elif self._other_privacy_notices().exists():
                errors["organisation"] = _(
                    "This organisation already has a privacy notice in this language: edit "
                    "that one."
                )
        elif self.organisation_id is not None:
            errors["organisation"] = _("Only a privacy notice names an organisation.")
        if errors:
            raise ValidationError(errors)

    def _other_privacy_notices(self):
        others = ContentPage.objects.filter(
            kind=ContentKind.PRIVACY, organisation_id=self.organisation_id
        )
        if self.locale_id is not None:
            others = others.filter(locale_id=self.locale_id)
        if self.translation_key is not None:
            others = others.exclude(translation_key=self.translation_key)
        if self.pk is not None:
            others = others.exclude(pk=self.pk)
        return others
