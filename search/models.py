"""The search index in the database, and the synonym sets maintainers keep.

The index holds only what the public may read: a row exists for a page in a reader's
locale when the API lists that page there (its translation, or the Finnish version as a
fallback). Tokens are already analysed (search/analysis.py), so every engine only matches
strings and the same rows and the same SQL rank the same way on SQLite and PostgreSQL.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


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
    any of its words (`key` is the folded, lower-case text from that word on)."""

    page = models.ForeignKey(
        "wagtailcore.Page", on_delete=models.CASCADE, null=True, related_name="+"
    )
    locale = models.CharField(max_length=8)
    key = models.CharField(max_length=100)
    label = models.CharField(max_length=255)
    kind = models.CharField(max_length=16)  # "service" or "term"

    class Meta:
        indexes = [models.Index(fields=["locale", "key"], name="search_suggestion_key")]


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
