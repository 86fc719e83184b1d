"""Reusable contacts, marked public or internal."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.models import TranslatableMixin
from wagtail.search import index


class ContactVisibility(models.TextChoices):
    PUBLIC = "public", _("Public: shown to everyone")
    INTERNAL = "internal", _("Internal: municipal users only")


class Contact(TranslatableMixin, index.Indexed, models.Model):
    name = models.CharField(_("name"), max_length=200)
    title = models.CharField(_("title or role"), max_length=200, blank=True)
    organisation = models.ForeignKey(
        "cms.Organisation",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="contacts",
        verbose_name=_("organisation"),
    )
    municipality = models.ForeignKey(
        "services.Municipality",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("municipality"),
        help_text=_("The municipality this contact serves, if it is municipality-specific."),
    )
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    info = models.TextField(_("more information"), blank=True)
    visibility = models.CharField(
        _("visibility"),
        max_length=10,
        choices=ContactVisibility.choices,
        default=ContactVisibility.PUBLIC,
    )

    panels = [
        FieldPanel("name"),
        FieldPanel("title"),
        FieldPanel("organisation"),
        FieldPanel("municipality"),
        FieldPanel("email"),
        FieldPanel("phone"),
        FieldPanel("info"),
        FieldPanel("visibility"),
    ]
    search_fields = [
        index.SearchField("name"),
        index.SearchField("title"),
        index.AutocompleteField("name"),
        index.FilterField("visibility"),
        index.FilterField("locale"),
    ]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("contact")
        verbose_name_plural = _("contacts")
        ordering = ["name"]

    def __str__(self):
        label = f"{self.name}, {self.title}" if self.title else self.name
        if self.visibility == ContactVisibility.INTERNAL:
            return f"{label} ({_('internal')})"
        return label
