"""A preview engine for the search evaluation: search.analysis with a small in-memory
ranking, to try analysis choices on the judged queries before they are wired into the API.

    python -m tests.search_eval.run --engine preview

It is not the search: it reads the same seeded database, indexes each public service page
with `analyse_document` (title, taxonomy labels in fi/sv/en, short description, the other
public texts, provider and municipality names; field weights title > labels > short
description > body), and answers a query with `analyse_query` the way issue 13 asks the
engine to: any query word may match (its alternatives ORed), results rank first by how
many words match, then by BM25F with the field weights; a word's compound parts and other
looser alternatives count together, at PART_WEIGHT. A Swedish or English query also reaches the
Finnish fallback pages through their labels in its language.
"""

import html
import math
import re
from collections import Counter, defaultdict

from search import analysis

FIELD_WEIGHTS = {"title": 4.0, "labels": 2.5, "short": 2.0, "body": 1.0, "names": 1.0}
PART_WEIGHT = 0.4
# --analysis suggest: a Finnish word Voikko does not know also matches the tokens of
# Voikko's first spelling suggestion ("uraohjuas" → uraohjaus), at SUGGESTION_WEIGHT.
SUGGEST = False
SUGGESTION_WEIGHT = 0.8
K1, B = 1.2, 0.75
TAG = re.compile(r"<[^>]+>")
TAXONOMY_FIELDS = ("audiences", "client_situations", "target_groups", "implementation_types")


def plain(value) -> str:
    if isinstance(value, dict):
        return " ".join(plain(v) for v in value.values())
    if isinstance(value, list):
        return " ".join(plain(v) for v in value)
    if isinstance(value, str):
        return html.unescape(TAG.sub(" ", value))
    return ""


class PreviewIndex:
    def __init__(self, pages_by_locale: dict[str, list]):
        """`pages_by_locale`: the ServicePage objects the API lists for each locale (the
        translation, else the Finnish version)."""
        self.docs: dict[int, dict[str, Counter]] = {}
        self.lengths: dict[str, dict[int, int]] = defaultdict(dict)
        self.ids_by_locale = {
            code: [p.pk for p in pages] for code, pages in pages_by_locale.items()
        }
        labels = self._labels()
        for pages in pages_by_locale.values():
            for page in pages:
                if page.pk not in self.docs:
                    self.docs[page.pk] = self._document(page, labels)
        # Document frequency over all fields (BM25F): a word rare in titles but common in
        # the texts is no rare word.
        self.df: Counter = Counter()
        for pk, fields in self.docs.items():
            self.df.update(set().union(*fields.values()))
            for field in FIELD_WEIGHTS:
                self.lengths[field][pk] = sum(fields[field].values())
        self.avg = {
            f: (sum(self.lengths[f].values()) / max(1, len(self.docs))) or 1.0
            for f in FIELD_WEIGHTS
        }

    @staticmethod
    def _labels():
        """{(model, translation_key): {locale: name}} for every taxonomy term."""
        from services.models import taxonomies

        out = defaultdict(dict)
        for model in taxonomies.Taxonomy.__subclasses__():
            for term in model.objects.select_related("locale"):
                out[(model, term.translation_key)][term.locale.language_code] = term.name
        return out

    def _document(self, page, labels) -> dict[str, Counter]:
        lang = page.locale.language_code
        terms = [page.service_category] if page.service_category_id else []
        for name in TAXONOMY_FIELDS:
            terms += list(getattr(page, name).all())
        label_tokens = []
        for term in terms:
            for code, name in labels[(type(term), term.translation_key)].items():
                label_tokens += analysis.analyse_document(name, code)
        body = [
            plain(page.description.raw_data),
            plain(page.target_group_description),
            plain(page.participation),
            plain(page.requirements),
            plain(page.benefits),
            page.implementation_text,
        ]
        names = [
            page.provider.name if page.provider_id else "",
            page.responsible_municipality.name if page.responsible_municipality_id else "",
        ]
        return {
            "title": Counter(analysis.analyse_document(page.title, lang)),
            "labels": Counter(label_tokens),
            "short": Counter(analysis.analyse_document(page.short_description, lang)),
            "body": Counter(analysis.analyse_document(" ".join(body), lang)),
            "names": Counter(analysis.analyse_document(" ".join(names), lang)),
        }

    def _bm25(self, token: str, pk: int) -> float:
        df = self.df.get(token, 0)
        if not df:
            return 0.0
        n = len(self.docs)
        idf = math.log(1 + (n - df + 0.5) / (df + 0.5))
        tf = 0.0  # BM25F: the field-weighted, length-normalised term frequency
        for field, weight in FIELD_WEIGHTS.items():
            count = self.docs[pk][field].get(token, 0)
            if count:
                tf += weight * count / (1 - B + B * self.lengths[field][pk] / self.avg[field])
        return idf * tf * (K1 + 1) / (tf + K1)

    def search(self, text: str, locale: str, limit: int = 10) -> list[int]:
        words = [w for w in analysis.words(text)]
        groups = []
        for word in words:
            alternatives = analysis.query_alternatives(word, locale)
            if not alternatives:
                continue
            found = analysis.analyse_word(word, locale)
            exact = set(found.tokens(parts=False)) if found else set()
            weighted = [(a, 1.0 if a in exact else PART_WEIGHT) for a in alternatives]
            if SUGGEST and found is not None and not found.known:
                for suggestion in analysis.spelling_suggestions(word, locale, limit=1):
                    for a in analysis.query_alternatives(suggestion, locale):
                        weighted.append((a, SUGGESTION_WEIGHT))
            if weighted not in groups:
                groups.append(weighted)
        scores = []
        for pk in self.ids_by_locale[locale]:
            matched, total = 0, 0.0
            for weighted in groups:
                # A word's exact tokens count alone; its parts count together (a text with
                # both "kotoutua" and "kurssi" beats one with "kurssi" only).
                exact = max((self._bm25(t, pk) for t, w in weighted if w == 1.0), default=0)
                parts = {}
                for token, w in weighted:
                    if w < 1.0:
                        key = analysis.fold(token)
                        parts[key] = max(parts.get(key, 0.0), self._bm25(token, pk))
                best = max(exact, PART_WEIGHT * sum(parts.values()))
                if best > 0:
                    matched += 1
                    total += best
            if matched:
                scores.append((-matched, -total, pk))
        scores.sort()
        return [pk for _m, _s, pk in scores[:limit]]
