"""Synonym sets: query expansion on the real analysis, the per-process cache, the seed."""

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from search import analysis, synonyms
from search.models import SynonymSet

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _only_these_sets():
    """Each test starts from no synonym sets (the demo world has the seed) and a cold cache."""
    SynonymSet.objects.all().delete()
    synonyms.clear_cache()
    yield
    synonyms.clear_cache()


def parsed(text, locale):
    """(slots, words) as the engine passes them: per non-stopword, its own tokens at 1.0."""
    words = [w for w in analysis.words(text) if analysis.analyse_word(w, locale)]
    slots = [[(t, 1.0) for t in analysis.query_alternatives(w, locale)] for w in words]
    return slots, words


def expand(text, locale):
    slots, words = parsed(text, locale)
    return [dict(slot) for slot in synonyms.expand(slots, words, locale)]


def make(fi="", sv="", en=""):
    return SynonymSet.objects.create(fi=fi, sv=sv, en=en)


def test_an_inflected_query_word_meets_a_base_form_term():
    make(fi="työkokeilu", sv="arbetsprövning", en="work trial")
    [slot] = expand("työkokeiluun", "fi")
    assert slot["työkokeilu"] == 1.0  # its own token stays as it was
    assert slot["arbetsprövning"] == synonyms.SYNONYM_WEIGHT  # the Swedish stem
    assert slot["work trial"] == synonyms.SYNONYM_WEIGHT  # the English phrase token
    assert slot["trial"] == synonyms.PHRASE_WORD_WEIGHT


def test_a_swedish_query_gets_the_finnish_tokens():
    make(fi="työkokeilu\nkokeilujakso", sv="arbetsprövning")
    [slot] = expand("arbetsprövningen", "sv")
    assert slot["työkokeilu"] == synonyms.SYNONYM_WEIGHT
    assert slot["tyokokeilu"] == synonyms.SYNONYM_WEIGHT  # the folded copy
    assert slot["kokeilujakso"] == synonyms.SYNONYM_WEIGHT


def test_query_words_meet_terms_of_every_language():
    make(fi="ansioluettelo", sv="meritförteckning", en="résumé")
    # A Swedish reader typing a Finnish word, an English reader typing a Swedish one.
    assert expand("ansioluettelon", "sv")[0]["meritförteckning"] == synonyms.SYNONYM_WEIGHT
    assert expand("meritförteckning", "en")[0]["ansioluettelo"] == synonyms.SYNONYM_WEIGHT


def test_a_multi_word_term_meets_consecutive_query_words_in_any_form():
    make(fi="oma yritys\nyrittäjyys", sv="eget företag")
    first, second = expand("omaa yritystä", "fi")
    for slot in (first, second):
        assert slot["yrittäjyys"] == synonyms.SYNONYM_WEIGHT
        assert slot["eget företag"] == synonyms.SYNONYM_WEIGHT  # the index's phrase token
        assert slot["företag"] == synonyms.PHRASE_WORD_WEIGHT
    # Not consecutive, or only one of the words: no match.
    assert all("yrittäjyys" not in slot for slot in expand("oma uusi yritys", "fi"))
    assert all("yrittäjyys" not in slot for slot in expand("yritys", "fi"))


def test_each_bigram_of_a_longer_phrase_counts_its_share():
    make(fi="suomen kieli", en="finnish as a second language")
    [slot] = expand("suomen kieli", "fi")[:1]
    assert slot["finnish second"] == slot["second languag"] == round(0.7 * 2 / 3, 4)


def test_a_longer_match_hides_a_shorter_term_of_another_set_inside_it():
    make(fi="oma yritys\nyrittäjyys")
    make(fi="yritys\ntyönantaja")
    first, second = expand("oma yritys", "fi")
    assert "yrittäjyys" in second and "työnantaja" not in second
    [alone] = expand("yritys", "fi")
    assert "työnantaja" in alone and "yrittäjyys" not in alone


def test_a_compound_part_meets_a_one_word_term_at_a_lower_weight_in_sv_and_en():
    make(fi="palkkatuki", sv="lönesubvention")
    make(fi="tukiraha", sv="subvention")
    [slot] = expand("lönesubventionsansökan", "sv")
    assert slot["palkkatuki"] == synonyms.SYNONYM_WEIGHT * synonyms.PART_FACTOR
    assert "tukiraha" not in slot  # "subvention" is inside the longer part "lönesubvention"
    # A Finnish compound finds its parts in the Finnish texts itself: no set of a part.
    [slot] = expand("palkkatukihakemus", "fi")
    assert "lönesubvention" not in slot


def test_no_match_leaves_the_slots_as_they_were():
    make(fi="työkokeilu", sv="arbetsprövning")
    slots, words = parsed("hygieniapassi kurssi", "fi")
    assert synonyms.expand(slots, words, "fi") == slots


def test_bad_arguments_are_refused():
    slots, words = parsed("työkokeilu", "fi")
    with pytest.raises(ValueError, match="one slot per query word"):
        synonyms.expand(slots, words + ["extra"], "fi")
    with pytest.raises(ValueError, match="unsupported locale"):
        synonyms.expand(slots, words, "de")
    assert synonyms.expand([], [], "fi") == []


def test_the_sets_are_read_once_and_again_after_a_change():
    synonym_set = make(fi="työkokeilu", sv="arbetsprövning")
    assert "arbetsprövning" in expand("työkokeilu", "fi")[0]
    slots, words = parsed("työkokeilu", "fi")
    with CaptureQueriesContext(connection) as queries:
        synonyms.expand(slots, words, "fi")
    assert len(queries) == 1  # the version check only: the analysed sets are cached

    synonym_set.sv = "arbetsträning"
    synonym_set.save()
    [slot] = expand("työkokeilu", "fi")
    assert "arbetsträning" in slot and "arbetsprövning" not in slot

    make(fi="kesätyö", sv="sommarjobb")
    assert "sommarjobb" in expand("kesätyö", "fi")[0]

    synonym_set.delete()
    assert "arbetsträning" not in expand("työkokeilu", "fi")[0]


def test_the_engine_applies_the_sets():
    from search import engine

    make(fi="mielenterveys\nmielen hyvinvointi", sv="psykisk ohälsa")
    parsed_query = engine.parse("psykisk ohälsa", "sv")
    tokens = {a.token: a.weight for slot in parsed_query.slots for a in slot.alternatives}
    assert tokens["mielenterveys"] == synonyms.SYNONYM_WEIGHT
    assert tokens["mieli hyvinvointi"] == synonyms.SYNONYM_WEIGHT


# --- the seed -------------------------------------------------------------------------------
def test_the_seed_is_valid_and_broad():
    sets = synonyms.read_seed()
    assert len(sets) >= 150
    complete = [s for s in sets if all(s[lang] for lang in synonyms.LANGUAGES)]
    assert len(complete) == len(sets)  # every concept in Finnish, Swedish and English


def test_the_seed_loads_once():
    first = synonyms.load_seed()
    count = SynonymSet.objects.count()
    assert first.created == count == len(synonyms.read_seed())
    again = synonyms.load_seed()
    assert (again.created, again.updated, again.unchanged) == (0, 0, count)
    assert SynonymSet.objects.count() == count


def test_loading_keeps_a_maintainers_edit_unless_asked_to_update(tmp_path):
    seed = tmp_path / "seed.txt"
    seed.write_text("fi: cv | ansioluettelo\nsv: cv\n\nfi: kesätyö\nsv: sommarjobb\n")
    edited = make(fi="cv", en="résumé")  # a maintainer's set sharing a term with the seed
    report = synonyms.load_seed(seed)
    assert (report.created, report.unchanged) == (1, 1)
    edited.refresh_from_db()
    assert edited.fi == "cv"

    report = synonyms.load_seed(seed, mode="update")
    assert (report.created, report.updated, report.unchanged) == (0, 1, 1)
    edited.refresh_from_db()
    assert (edited.fi, edited.sv, edited.en) == ("cv\nansioluettelo", "cv", "résumé")
    assert synonyms.load_seed(seed, mode="update").updated == 0

    report = synonyms.load_seed(seed, mode="replace")
    assert (report.deleted, report.created) == (2, 2)
    assert not SynonymSet.objects.filter(en="résumé").exists()


@pytest.mark.parametrize(
    "text, problem",
    [
        ("fi: cv\n", "fewer than two terms"),
        ("fi: cv | ansioluettelo\n\nsv: cv\nfi: cv\n", "'cv' is also in the set at line 1"),
        ("de: lebenslauf | cv\n", "expected 'fi:', 'sv:' or 'en:'"),
        ("fi: cv | " + "a" * 101 + "\n", "longer than 100 characters"),
    ],
)
def test_a_bad_seed_is_refused_with_its_line(tmp_path, text, problem):
    seed = tmp_path / "seed.txt"
    seed.write_text(text)
    # The messages are translated (the model's validation); the source strings here.
    with translation.override("en"), pytest.raises(synonyms.SeedError, match=problem):
        synonyms.load_seed(seed)
    assert not SynonymSet.objects.exists()


def test_load_synonyms_command(capsys):
    call_command("load_synonyms")
    assert f"{len(synonyms.read_seed())} synonym sets created" in capsys.readouterr().out
    call_command("load_synonyms")
    assert "0 synonym sets created" in capsys.readouterr().out
