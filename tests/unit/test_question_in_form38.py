"""Session 38 (Sara, 17): a yes/no question typed without "?" opens with its verb ("asså ser mamma det här" was
saved as what mattered most to her), and "men om … då" asks too ("men om jag inte vill ha mamma där då" was
saved as who should come). actions/question_in_form.py, knowledge/question_cues.yml."""
from __future__ import annotations

import pytest

from actions.question_in_form import (asks_what_if, asks_without_a_mark, opens_with_a_question_word,
                                      opens_with_verb_and_subject)

# The verb first, then its subject: "ser", "vill", "bestämmer"… which answer_rules.asks_yes_no leaves out.
VERB_FIRST_QUESTIONS = [
    "asså ser mamma det här", "ser mamma det här", "men bestämmer jag det på riktigt?", "vill dom läsa det",
    "vill du ha med mig", "vet dom om det", "ser min mamma det här", "ser mina föräldrar det här",
    "kommer pappa vara med", "vill mamma va med", "ok. ser mamma det här", "läser hon det",
    "vet mamma om att jag har adhd", "tycker du att jag ska skriva det",
]
WHAT_IF_QUESTIONS = ["men om jag inte vill ha mamma där då", "asså men om hon blir arg då", "fast om jag ljuger da",
                     "och om jag inte kommer då"]
# Answers that open with a verb, the subject left out, or with a "det"/"då" left out before the verb: saved.
VERB_FIRST_ANSWERS = [
    "vill bli frisör", "gillar fotboll", "spelar fotboll med kompisar", "kan rita bra", "får hjälp av mormor",
    "ser fram emot sommarlovet", "ser pappa varje helg", "ser mamma o pappa", "ser mina kompisar varje dag",
    "vill dom ska lyssna på mig", "vill mamma ska sluta tjata", "vill att mamma slutar tjata", "vet jag inte",
    "vill jag inte prata om", "bestämmer jag själv", "bestämmer själv vad jag gör", "kommer mormor och hälsar på",
    "tycker om att rita", "kollar på film med pappa", "vill han inte gå till skolan", "vill han bara spela",
    "hör av mig själv", "märker att jag blir trött", "har mamma o mormor", "vet mamma", "kommer hem sent",
]
WHAT_IF_ANSWERS = ["men om det går då vill jag vara med på video", "om jag får välja då mormor",
                   "men om det blir jobbigt vill jag gå ut", "mamma men om hon lovar då"]


@pytest.mark.parametrize("text", VERB_FIRST_QUESTIONS)
def test_a_verb_and_its_subject_ask(text):
    assert opens_with_verb_and_subject(text) and asks_without_a_mark(text)


@pytest.mark.parametrize("text", WHAT_IF_QUESTIONS)
def test_men_om_then_da_asks(text):
    assert asks_what_if(text) and asks_without_a_mark(text)


@pytest.mark.parametrize("text", VERB_FIRST_ANSWERS + WHAT_IF_ANSWERS)
def test_answers_that_open_with_a_verb_or_om_are_no_questions(text):
    assert not asks_without_a_mark(text)


@pytest.mark.parametrize("text", VERB_FIRST_QUESTIONS + WHAT_IF_QUESTIONS)
def test_the_request_and_consent_forms_still_need_a_question_word(text):
    # answered_instead (request, samtycke) reads question words only: "kan han få hjälp med läxor" is a need.
    assert not opens_with_a_question_word(text)

