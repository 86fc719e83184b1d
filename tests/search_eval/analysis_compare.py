"""Compare the language-analysis candidates on the demo catalogue's texts.

    python -m tests.search_eval.analysis_compare

Prints (1) the speed of a full analysis of the 337 demo services' public texts (title,
short description, description, target group, participation, requirements, benefits and
taxonomy labels; the Swedish and English translations the demo makes) per candidate, cold
(empty word cache) and warm, and (2) how each candidate treats inflected and compound forms
of our vocabulary: Voikko's base form and parts (search.analysis), the Snowball stem
(PyStemmer) and simplemma's lemma when simplemma is installed (it is not a dependency:
`pip install simplemma==2.0.0` to include it). The figures are in docs/decisions.md,
"Search analysis: Voikko + Snowball, measured on our texts".
"""

import os
import time

# (word, language): inflected and compound forms of the catalogue's vocabulary.
VOCABULARY = [
    ("työkokeilussa", "fi"),
    ("työkokeiluun", "fi"),
    ("palkkatuen", "fi"),
    ("palkkatukea", "fi"),
    ("hygieniapassikoulutus", "fi"),
    ("työnhakuvalmennukseen", "fi"),
    ("maahanmuuttajille", "fi"),
    ("kielikursseja", "fi"),
    ("uraohjaukseen", "fi"),
    ("oppisopimuksella", "fi"),
    ("yrittäjäksi", "fi"),
    ("nuorille", "fi"),
    ("työttömien", "fi"),
    ("työpajoissa", "fi"),
    ("kuntoutukseen", "fi"),
    ("osatyökykyiset", "fi"),
    ("mielenterveyskuntoutujille", "fi"),
    ("työhönvalmentaja", "fi"),
    ("tyokokeilu", "fi"),
    ("valmenus", "fi"),
    ("arbetsförmågecoachning", "sv"),
    ("arbetsprövning", "sv"),
    ("språkkurser", "sv"),
    ("språkkurs", "sv"),
    ("lönesubventionerat", "sv"),
    ("jobbsökarcoachning", "sv"),
    ("hälsoundersökning", "sv"),
    ("ungdomar", "sv"),
    ("subsidised", "en"),
    ("apprenticeships", "en"),
    ("coaching", "en"),
]


def demo_texts() -> list[tuple[str, str]]:
    """(text, language) of every field the search will index, for the 337 demo services."""
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cms.settings.test")
    django.setup()
    from services.demo import content as c
    from services.demo.builder import DemoBuilder, english_strings, swedish_strings

    builder = DemoBuilder()
    plan = builder.plan()
    english = builder.english_plan(plan)
    labels = {kind: {row[0]: row[1:] for row in rows} for kind, rows in c.TAXONOMIES.items()}
    keys = ("name", "short_description", "target_group_description", "participation")
    keys += ("requirements", "benefits")
    texts = []
    for muni, _provider, t, i in plan:
        fi = [t[k] for k in keys if t.get(k)] + list(t["description_paragraphs"])
        terms = [labels["service_category"][t["category"]]]
        terms += [labels["target_group"][s] for s in t["target_groups"]]
        terms += [labels["client_situation"][s] for s in t["situations"]]
        terms += [labels["implementation_type"][s] for s in t["implementation"]]
        terms += [labels["audience"][s] for s in t["audiences"]]
        texts += [(text, "fi") for text in fi] + [(term[0], "fi") for term in terms]
        for code, strings, index in (
            ("sv", swedish_strings, 1),
            ("en", english_strings, 2),
        ):
            if (code == "sv" and muni == "raasepori") or (code == "en" and (muni, i) in english):
                texts += [(text, code) for text in strings(t).values()]
                texts += [(term[index], code) for term in terms]
    return texts


def timed_analysis(texts, analyse) -> tuple[float, int, int]:
    from search import analysis

    start = time.perf_counter()
    tokens = words = 0
    for text, lang in texts:
        tokens += len(analyse(text, lang))
        words += len(analysis.words(text))
    return time.perf_counter() - start, tokens, words


def main():
    from search import analysis

    texts = demo_texts()
    n_words = sum(len(analysis.words(t)) for t, _ in texts)
    by_lang = {lang: sum(1 for _, code in texts if code == lang) for lang in analysis.LANGUAGES}
    print(f"Demo index: {len(texts)} texts ({by_lang}), {n_words} words")

    candidates = [("search.analysis (Voikko for fi)", analysis.analyse_document)]

    def snowball_only(text, lang):
        return [
            analysis.snowball(w, lang)
            for w in analysis.words(text)
            if w not in analysis.STOP_WORDS[lang]
        ]

    candidates.append(("Snowball only (PyStemmer)", snowball_only))
    try:
        import simplemma

        def simplemma_only(text, lang):
            return [
                simplemma.lemmatize(w, lang=lang)
                for w in analysis.words(text)
                if w not in analysis.STOP_WORDS[lang]
            ]

        candidates.append(("simplemma 2.0.0 lemmas", simplemma_only))
    except ImportError:
        simplemma = None

    print(f"{'candidate':34} {'cold s':>7} {'warm s':>7} {'words/s cold':>13} {'tokens':>8}")
    for name, analyse in candidates:
        analysis.reset()
        cold, tokens, words = timed_analysis(texts, analyse)
        warm, _, _ = timed_analysis(texts, analyse)
        print(f"{name:34} {cold:7.2f} {warm:7.2f} {words / cold:13,.0f} {tokens:8d}")
    # Voikko without the cache: the cost per distinct word.
    handle = analysis.voikko()
    if handle is not None:
        distinct = sorted({w for t, lang in texts if lang == "fi" for w in analysis.words(t)})
        start = time.perf_counter()
        for w in distinct:
            handle.analyze(w)
        elapsed = time.perf_counter() - start
        print(
            f"Voikko analyze(): {len(distinct)} distinct Finnish words in {elapsed:.2f} s "
            f"({elapsed / len(distinct) * 1e6:.0f} µs a word)"
        )

    print()
    print("| word | lang | search.analysis lemma | parts | Snowball stem | simplemma |")
    print("|---|---|---|---|---|---|")
    for word, lang in VOCABULARY:
        a = analysis.analyse_word(word, lang)
        lemma = ", ".join(a.lemmas) + ("" if a.known else " (unknown)")
        parts = ", ".join(a.parts) or "–"
        stem = analysis.snowball(word, lang)
        lemma2 = simplemma.lemmatize(word, lang=lang) if simplemma else "n/a"
        print(f"| {word} | {lang} | {lemma} | {parts} | {stem} | {lemma2} |")


if __name__ == "__main__":
    main()
