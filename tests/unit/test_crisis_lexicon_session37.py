"""The crisis lexicon after persona round 37 (Ella, 15): a samtycke limit she chooses is no abuser's secret,
fear of social services is no danger word for the check-in, and an answer that only names people is no
crisis. The real-danger neighbours stay as they were."""
from __future__ import annotations

import pytest
from rasa.shared.nlu.constants import INTENT

from actions.safety.crisis_detector import CrisisLexicon, fold_normaliser, spacy_lemma_normaliser
from bot.components.crisis_classifier import CrisisLexiconClassifier
from tests.unit.test_crisis_check_in import message, spacy_model
from tests.unit.test_crisis_detector import LEXICON


@pytest.fixture(scope="module")
def lexicon() -> CrisisLexicon:
    return CrisisLexicon.from_yaml(LEXICON, normaliser=fold_normaliser)


@pytest.fixture(scope="module", params=["folded words", "spaCy lemmas"])
def each_lexicon(request, lexicon: CrisisLexicon) -> CrisisLexicon:
    """On folded words (the actions) and as the Rasa component reads it (spaCy lemmas, then folded words)."""
    if request.param == "folded words":
        return lexicon
    return CrisisLexicon.from_yaml(LEXICON, normaliser=spacy_lemma_normaliser(spacy_model().model))


# --------------------------------------------------------------------------- #
# 1. A limit the writer chooses in a samtycke
# --------------------------------------------------------------------------- #

@pytest.mark.parametrize("text", [
    "kan ja välja att dom inte får berätta vissa saker",  # Ella, 15: the full crisis reply
    "kan jag välja att de inte får berätta allt",
    "kan jag välja själv att dom inte ska få berätta",
    "får man välja vad dom inte får berätta",
    "jag väljer att ni inte får berätta om pappa",
    "kan jag bestämma att dom inte får berätta vissa saker",
    "kan man bestämma vad de inte får berätta?",
])
def test_a_limit_the_writer_chooses_is_no_secret(each_lexicon, text):
    assert each_lexicon.detect(text) is None


@pytest.mark.parametrize("text", [
    "han sa att jag inte får berätta för nån",
    "jag får inte berätta vad han gör",
    "han säger att jag inte får berätta",
    "han har bestämt att dom inte får berätta",  # who decides is not the writer
    "pappa valde att jag inte får berätta",  # "jag" is silenced, not an organisation
    "han bestämde att vi inte får berätta för nån",
    "kan jag välja att dom inte får berätta? han sa att jag inte får berätta för nån",
])
def test_a_secret_kept_for_an_abuser_is_still_heard(each_lexicon, text):
    match = each_lexicon.detect(text)
    assert match is not None and match.category == "sexual_abuse", (text, match)


def test_choosing_stays_a_typo_of_wanting(each_lexicon):
    # "välja" is one letter from "vilja": the exclusion's prefix keeps it a typo ("kan jag välja dö").
    match = each_lexicon.detect("kan jag välja dö")
    assert match is not None and match.pattern == "vilja dö"


# --------------------------------------------------------------------------- #
# 2. Fear of social services is no danger word (lexicon.yml `calm_fears`)
# --------------------------------------------------------------------------- #

@pytest.mark.parametrize("text", [
    # Review, session 37: only a fear that social services take or place the young person, with no person,
    # home or place named: "…från mamma", "rädd för soc", "livrädd", "…i ett familjehem" keep "rädd".
    "ja e rädd att soc ska ta mig",
    "rädd att socialen tar mig",
    "jag är rädd att socialtjänsten ska placera mig",
])
def test_fear_of_social_services_has_no_danger_word(lexicon, text):
    assert lexicon.detect(text) is None
    words = set(lexicon.words_beside_calm_fears(text))
    assert not words & {"radd", "livradd", "rada"}, words


@pytest.mark.parametrize("text", [
    "ja e rädd att soc ska ta mig från mamma",
    "jag är rädd för soc",
    "jag e livrädd för att socialen ska ta mig",
    "rädd att socialtjänsten tar mig ifrån pappa",
    "jag är rädd att jag blir placerad i ett familjehem",
])
def test_wider_fears_keep_their_danger_word(lexicon, text):
    assert set(lexicon.words_beside_calm_fears(text)) & {"radd", "livradd"}


@pytest.mark.parametrize("text", [
    "jag är rädd för pappa",
    "jag är rädd att han ska slå mig",
    "jag är rädd att soc skickar mig hem till pappa",  # `not_with`
    "soc ska placera mig hos pappa och jag är rädd",
    "jag är rädd, soc vet inte vad han gör",
])
def test_fear_of_a_person_keeps_its_danger_word(lexicon, text):
    assert "radd" in lexicon.words_beside_calm_fears(text)


@pytest.mark.parametrize("text, category", [
    ("jag är rädd för pappa", "violence_at_home"),
    ("jag är rädd att han ska slå mig", "violence_at_home"),
    ("jag är rädd att soc ska ta mig men pappa slår mig", "violence_at_home"),
])
def test_real_fear_is_still_a_crisis(each_lexicon, text, category):
    match = each_lexicon.detect(text)
    assert match is not None and match.category == category


# --------------------------------------------------------------------------- #
# 3. An answer that only names people (lexicon.yml `people_answer`)
# --------------------------------------------------------------------------- #

@pytest.mark.parametrize("text", [
    "min bästis alltså hon heter moa",  # Ella, 15, on whom she wants at the meeting: the check-in
    "min bästis",
    "mamma, pappa och mentorn",
    "det är min kompis hon heter Sara",
    "jag vill ha med min moster",
])
def test_an_answer_that_only_names_people(lexicon, text):
    assert lexicon.only_names_people(text) and lexicon.detect(text) is None


@pytest.mark.parametrize("text", [
    "min bästis dör",
    "min bästis gråter hela tiden",
    "min bästis vill dö",
    "det är min bästis moa",  # a name only after "heter"
    "hon heter",
    "alltså",
    "",
])
def test_anything_else_is_not_only_people(lexicon, text):
    assert not lexicon.only_names_people(text)


# --------------------------------------------------------------------------- #
# The Rasa component, as the live model ran it
# --------------------------------------------------------------------------- #

@pytest.mark.parametrize("text, ranking, expected", [
    # Ella's question was `faq` (0.66) by the intent classifier; the lexicon made it `crisis` (1.00).
    ("kan ja välja att dom inte får berätta vissa saker", [("faq", 0.66), ("crisis", 0.04)], "faq"),
    ("han sa att jag inte får berätta för nån", [("faq", 0.66), ("crisis", 0.04)], "crisis"),
    ("jag får inte berätta vad han gör", [("faq", 0.66), ("crisis", 0.04)], "crisis"),
    ("jag är rädd för pappa", [("faq", 0.66), ("crisis", 0.04)], "crisis"),
    ("jag är rädd att han ska slå mig", [("faq", 0.66), ("crisis", 0.04)], "crisis"),
    # The classifier alone: still the check-in (the action chooses its words).
    ("ja e rädd att soc ska ta mig från mamma", [("crisis", 0.88), ("faq", 0.04)], "crisis_check_in"),
])
def test_the_component_as_the_live_model_ran_it(text, ranking, expected):
    classifier = CrisisLexiconClassifier({"check_in_confidence": 0.5, "lexicon": str(LEXICON)})
    [processed] = classifier.process([message(ranking, text)], spacy_model())
    assert processed.get(INTENT)["name"] == expected
