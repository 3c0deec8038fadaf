"""The crisis lexicon after persona round 38: "byter jag från bup när jag fyller 18", from a 17-year-old, got the
full crisis reply, since "byter" is one letter from "biter" (bita mig). byta's forms are in `not_typos` now, so
they match only exactly. Read as the Rasa component reads it (spaCy lemmas, then folded words), and on folded words
as the actions do; a bite is still heard."""
from __future__ import annotations

from pathlib import Path

import pytest
import spacy

from actions.safety.crisis_detector import CrisisLexicon, fold_normaliser, spacy_lemma_normaliser
from actions.settings import ROOT

LEXICON = Path(ROOT / "knowledge" / "crisis" / "lexicon.yml")


@pytest.fixture(scope="module")
def lemma_lexicon() -> CrisisLexicon:
    """As bot/components/crisis_classifier.py builds it."""
    nlp = spacy.load(ROOT / "var" / "spacy" / "sv_sip")
    return CrisisLexicon.from_yaml(LEXICON, normaliser=spacy_lemma_normaliser(nlp))


@pytest.fixture(scope="module", params=["spaCy lemmas", "folded words"])
def each_lexicon(request, lemma_lexicon: CrisisLexicon) -> CrisisLexicon:
    if request.param == "spaCy lemmas":
        return lemma_lexicon
    return CrisisLexicon.from_yaml(LEXICON, normaliser=fold_normaliser)


@pytest.mark.parametrize("text", [
    "byter jag från bup när jag fyller 18",  # Sara, 17: the full crisis reply
    "vad händer när jag fyller 18, byter jag från bup då",
    "byter jag vårdcentral då",
    "måste jag byta skola",
    "bytte jag kontaktperson förra året",
])
def test_changing_bup_is_no_bite(each_lexicon, text):
    assert each_lexicon.detect(text) is None, (text, each_lexicon.detect(text))


@pytest.mark.parametrize("text", [
    "han biter mig",
    "hon biter mig hela tiden",
    "pappa bet mig",
    "han bitr mig",  # a typo of a bite is still one
])
def test_a_bite_is_still_heard(each_lexicon, text):
    match = each_lexicon.detect(text)
    assert match is not None and match.pattern == "bita mig", (text, match)


def test_byte_forms_are_no_typos_of_a_pattern_word(lemma_lexicon):
    for word in ("byter", "bytte", "byts"):
        assert not lemma_lexicon.typo_only_match(word), word


def test_filming_while_changing_clothes_is_still_heard(lemma_lexicon):
    # "byta" is a pattern word ("filma mig när jag byta om"): not_typos only stops typo matching.
    match = lemma_lexicon.detect("han filmar mig när jag byter om")
    assert match is not None and match.category == "sexual_abuse"


@pytest.mark.parametrize("text", ["han filmade mig när jag bytte om", "han har filmat mig när jag bytt om"])
def test_filming_while_changing_clothes_is_heard_in_the_past_too(each_lexicon, text):
    # spaCy lemmatises "bytte" to "bytta", which was no form of "byta" in the lexicon.
    match = each_lexicon.detect(text)
    assert match is not None and match.category == "sexual_abuse"


# Review of session 38: "jag vill radera mig själv", "jag vill sudda ut mig" found nothing, and the check-in read
# them as wishes to delete what was written.
@pytest.mark.parametrize("text", [
    "jag vill radera mig själv",
    "jag raderar mig själv ikväll",
    "jag vill sudda ut mig",
    "jag vill sudda ut mig själv",
    "jag vill ta bort mig själv",
    "tabort mig själv",
    "jag vill ta bort mig från jorden",
    "radera mig från jorden",
    "jag ska försvinna för alltid",
])
def test_erasing_oneself_is_a_crisis(each_lexicon, text):
    match = each_lexicon.detect(text)
    assert match is not None and match.category == "suicide", (text, match)


@pytest.mark.parametrize("text", [
    "kan du ta bort det jag skrev själv",  # "mig" is read as "jag": no gap in the new patterns
    "kan du sudda ut det jag skrev",
    "radera allt jag skrivit om mig själv",
    "kan jag själv ta bort det jag skrev",
    "ta bort mig ur systemet",
    "försvinner det för alltid om jag raderar",
    "försvinner mina uppgifter för alltid",
    "så att uppgifterna försvinner för alltid",
])
def test_wishes_to_delete_are_no_crisis(each_lexicon, text):
    assert each_lexicon.detect(text) is None, (text, each_lexicon.detect(text))


@pytest.mark.parametrize("text", ["jag vill att det försvinner för alltid",
                                  "samtycket försvinner för alltid och jag vill försvinna för alltid"])
def test_the_deletion_exclusion_leaves_a_wish_to_disappear(each_lexicon, text):
    match = each_lexicon.detect(text)
    assert match is not None and match.category == "suicide", (text, match)


# Review of session 38: "ta bort mig själv" (suicide) had no exclusion, so leaving a list, a register or a chat got
# the full crisis reply.
@pytest.mark.parametrize("text", [
    "kan jag ta bort mig själv från listan?",
    "kan jag ta bort mig själv ur systemet",
    "jag tog bort mig själv ur gruppchatten",
    "hur tar jag bort mig själv från mejllistan",
    "kan jag ta bort mig själv från den här listan",
    "jag har tagit bort mig själv ur gruppen",
    "radera mig själv ur registret",
])
def test_leaving_a_list_is_no_crisis(each_lexicon, text):
    from actions.answer_rules import deletes_themself
    assert each_lexicon.detect(text) is None, (text, each_lexicon.detect(text))
    assert not deletes_themself(text), text


@pytest.mark.parametrize("text", [
    "jag vill ta bort mig själv",
    "ta bort mig från jorden",
    "jag vill ta bort mig själv från livet",
    "jag vill ta bort mig själv från världen",
])
def test_taking_themself_away_is_still_a_crisis(each_lexicon, text):
    from actions.answer_rules import deletes_themself
    match = each_lexicon.detect(text)
    assert match is not None and match.category == "suicide", (text, match)
    assert deletes_themself(text), text


def test_leaving_a_list_hides_no_other_crisis(each_lexicon):
    match = each_lexicon.detect("ta bort mig själv från listan. jag vill dö")
    assert match is not None and match.category == "suicide"
