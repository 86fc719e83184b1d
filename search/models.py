"""The search index in the database, and the synonym sets maintainers keep.

The index holds only what the public may read: a row exists for a page in a reader's
locale when the API lists that page there (its translation, or the Finnish version as a
fallback). Tokens are already analysed (search/analysis.py), so every engine only matches
strings and the same rows and the same SQL rank the same way on SQLite and PostgreSQL.
"""

from django.db import models
from django.db.models.signals import post_delete, pre_delete
from django.dispatch import receiver
from django.utils.translation import gettext_lazy as _
from wagtail.models import Page


class SearchDocument(models.Model):
    """A page as the search lists it in one reader's locale."""

    page = models.ForeignKey("wagtailcore.Page", on_delete=models.CASCADE, related_name="+")
    locale = models.CharField(max_length=8)  # the reader's locale, not the page's
    is_fallback = models.BooleanField(default=False)
    boost = models.FloatField(default=0)  # the page's search_boost, 0-10
    updated = models.DateField(null=True)  # last published or confirmed (freshness)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["page", "locale"], name="search_document_unique")
        ]


class SearchToken(models.Model):
    """One analysed token of a document, with the weight of the best field it occurs in."""

    page = models.ForeignKey("wagtailcore.Page", on_delete=models.CASCADE, related_name="+")
    locale = models.CharField(max_length=8)
    token = models.CharField(max_length=100)
    weight = models.FloatField()

    class Meta:
        indexes = [
            # The query reads only this index: tokens of a locale → pages and weights.
            models.Index(fields=["locale", "token", "page", "weight"], name="search_token_lookup")
        ]


class SearchSuggestion(models.Model):
    """An autocomplete entry: a service title or a term label, reachable from the start of
    any of its words (`key` is the folded, lower-case text from that word on). One row per
    distinct (locale, key, label, kind), however many services carry the title: `services`
    counts them (the `SearchTitle` rows of the label in the locale; 0 for a term), and
    `first` says that the key starts at the label's first word, the ranking's first rule
    (search/suggest.py). The indexer keeps both current (search/indexer.py)."""

    locale = models.CharField(max_length=8)
    key = models.CharField(max_length=100)
    label = models.CharField(max_length=255)
    kind = models.CharField(max_length=16)  # "service" or "term"
    services = models.PositiveIntegerField(default=0)
    first = models.BooleanField(default=False)

    class Meta:
        constraints = [
            # Also the index that suggest's range on (locale, key) reads.
            models.UniqueConstraint(
                fields=["locale", "key", "label", "kind"], name="search_suggestion_unique"
            )
        ]
        # The indexer rewrites a label's rows when its count changes.
        indexes = [models.Index(fields=["label", "kind"], name="search_suggestion_label")]


class SearchTitle(models.Model):
    """The title a page is listed under in a reader's locale: one row per `SearchDocument`
    of a service. `SearchSuggestion.services` counts these rows per (locale, label); a page's
    rows tell the indexer which labels to recount when the page is re-indexed, renamed,
    unpublished or deleted (a deleted page's rows go by cascade, and the receivers below
    recount their labels)."""

    page = models.ForeignKey("wagtailcore.Page", on_delete=models.CASCADE, related_name="+")
    locale = models.CharField(max_length=8)
    label = models.CharField(max_length=255)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["page", "locale"], name="search_title_unique")
        ]
        indexes = [models.Index(fields=["label", "locale"], name="search_title_label")]


class SynonymSet(models.Model):
    """Words and phrases that mean the same need, in Finnish, Swedish and English.

    A query that contains one of the terms also searches for the others, in its own
    language and in the other two (so a Swedish query finds Finnish-only services)."""

    fi = models.TextField(_("Finnish terms"), blank=True, help_text=_("One term per line."))
    sv = models.TextField(_("Swedish terms"), blank=True, help_text=_("One term per line."))
    en = models.TextField(_("English terms"), blank=True, help_text=_("One term per line."))
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("synonym set")
        verbose_name_plural = _("synonym sets")
        ordering = ["fi", "pk"]

    def __str__(self):
        first = (self.fi or self.sv or self.en).strip().splitlines()
        return first[0].strip() if first else f"#{self.pk}"


# A deleted page's title rows go by cascade, with its documents and tokens: the labels they
# had are read before and recounted after (search.indexer.recount). Wagtail unpublishes a
# live page before deleting it, which re-indexes it (the domain's signals), so the rows are
# only gone once the cascade has run.
@receiver(pre_delete, sender=Page, dispatch_uid="search_titles_of_deleted_page")
def _remember_titles(sender, instance, **kwargs):
    instance._search_titles = set(
        SearchTitle.objects.filter(page_id=instance.pk).values_list("label", flat=True)
    )


@receiver(post_delete, sender=Page, dispatch_uid="search_recount_deleted_page")
def _recount_titles(sender, instance, **kwargs):
    labels = getattr(instance, "_search_titles", None)
    if labels:
        from . import indexer

        indexer.recount(labels)
