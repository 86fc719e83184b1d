"""Taxonomies: translatable snippets with fi/sv/en labels.

Each vocabulary is its own model so that the admin, the API and relations stay
explicit; `services.vocabularies` is the one list of them. A term exists once per locale (wagtail-localize translates them); its
`translation_key` ties the locales together and `slug` is the stable API value.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.models import TranslatableMixin
from wagtail.search import index


class Taxonomy(TranslatableMixin, index.Indexed, models.Model):
    name = models.CharField(_("name"), max_length=120)
    slug = models.SlugField(
        _("slug"), max_length=80, help_text=_("Stable identifier used by the API and filters.")
    )
    description = models.TextField(_("description"), blank=True)
    sort_order = models.PositiveSmallIntegerField(_("sort order"), default=0)

    panels = [
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldPanel("description"),
        FieldPanel("sort_order"),
    ]
    search_fields = [
        index.SearchField("name"),
        index.AutocompleteField("name"),
        index.FilterField("locale"),
    ]

    class Meta(TranslatableMixin.Meta):
        abstract = True
        ordering = ["sort_order", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["slug", "locale"], name="unique_%(app_label)s_%(class)s_slug_locale"
            )
        ]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        # The slug is synchronised across locales: it identifies the term, not a label.
        if not self.slug and self.translation_key:
            source = (
                type(self)
                .objects.filter(translation_key=self.translation_key)
                .exclude(pk=self.pk)
                .first()
            )
            if source:
                self.slug = source.slug
        super().save(*args, **kwargs)


class ServiceCategory(Taxonomy):
    class Meta(Taxonomy.Meta):
        verbose_name = _("service category")
        verbose_name_plural = _("service categories")


class ClientSituation(Taxonomy):
    class Meta(Taxonomy.Meta):
        verbose_name = _("client's situation")
        verbose_name_plural = _("client's situations")


class TargetGroup(Taxonomy):
    class Meta(Taxonomy.Meta):
        verbose_name = _("target group")
        verbose_name_plural = _("target groups")


class Audience(Taxonomy):
    class Meta(Taxonomy.Meta):
        verbose_name = _("audience")
        verbose_name_plural = _("audiences")


class ImplementationType(Taxonomy):
    class Meta(Taxonomy.Meta):
        verbose_name = _("implementation type")
        verbose_name_plural = _("implementation types")


class ServiceAccessibility(Taxonomy):
    class Meta(Taxonomy.Meta):
        verbose_name = _("service accessibility feature")
        verbose_name_plural = _("service accessibility features")


class LocationAccessibility(Taxonomy):
    class Meta(Taxonomy.Meta):
        verbose_name = _("location accessibility feature")
        verbose_name_plural = _("location accessibility features")


class Language(Taxonomy):
    class Meta(Taxonomy.Meta):
        verbose_name = _("language")
        verbose_name_plural = _("languages")


class LanguageLevel(Taxonomy):
    class Meta(Taxonomy.Meta):
        verbose_name = _("language level")
        verbose_name_plural = _("language levels")


class EmploymentStatus(Taxonomy):
    class Meta(Taxonomy.Meta):
        verbose_name = _("employment status")
        verbose_name_plural = _("employment statuses")


class Municipality(Taxonomy):
    """Any municipality (home municipality of participants); partners link to their organisation."""

    organisation = models.ForeignKey(
        "cms.Organisation",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        limit_choices_to={"kind": "municipality"},
        verbose_name=_("partner organisation"),
        help_text=_("The partner municipality organisation, when this municipality is a partner."),
    )

    panels = Taxonomy.panels + [FieldPanel("organisation")]

    class Meta(Taxonomy.Meta):
        verbose_name = _("municipality")
        verbose_name_plural = _("municipalities")
