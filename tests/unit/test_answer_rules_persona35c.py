"""Answer and question in one message, yes/no questions without "?", interjections (persona round: Nova, 15)."""
from __future__ import annotations

import pytest

from actions.answer_rules import answer_and_question, asks_yes_no, only_interjections, question_and_answer

NOVA_1 = "måste jag säga allt? typ att slippa bli utskälld hela tiden o klara gymnasiet"
NOVA_8 = "ja men vem kan va stödperson typ. kan det va min kompis"


def test_a_question_first_then_an_answer_is_split():
    assert question_and_answer(NOVA_1) == ("måste jag säga allt?",
                                           "att slippa bli utskälld hela tiden o klara gymnasiet")
    assert question_and_answer("vem läser det här sen? matte o att somna") == ("vem läser det här sen?",
                                                                              "matte o att somna")


@pytest.mark.parametrize("text", [
    "att ha kompisar? och att må bra",  # an unsure answer, all of it
    "vem ser det? kan mamma se det?",  # two questions
    "kan jag ta med mamma? ja", "vad menar du? ok", "wtf. måste jag svara på allt?", "hur länge? typ",
    "vem ser det? kan mamma se det"])
def test_no_answer_follows_the_question(text):
    assert question_and_answer(text) is None


@pytest.mark.parametrize("text", [NOVA_8, "får jag ta med mamma", "kan min kompis va stödperson", "måste jag",
                                  "är det okej om jag går ut en stund", "fotboll. men kan det va på video",
                                  "får mamma läsa det jag skriver", "e det bra så"])
def test_a_verb_then_its_subject_asks(text):
    assert asks_yes_no(text)


@pytest.mark.parametrize("text", ["kan vara med på video", "jag vill vara med hela mötet", "ska vara kort",
                                  "får vara med en stund", "kan det va min kompis. och mamma", "måste ha tolk",
                                  "behöver hjälp med matte"])
def test_an_answer_that_opens_with_a_verb_does_not_ask(text):
    assert not asks_yes_no(text)


def test_a_yes_no_sentence_after_an_answer_is_its_question():
    assert answer_and_question("fotboll. kan det va på video") == ("fotboll", "kan det va på video")
    # The first sentence asks too: nothing to keep.
    assert answer_and_question(NOVA_8) is None


@pytest.mark.parametrize("text", ["wtf", "WTF!!", "asså", "öh", "va", "lol", "ok", "wtfff", "hahaha", "asså lol"])
def test_interjections_alone(text):
    assert only_interjections(text)


@pytest.mark.parametrize("text", ["fotboll", "wtf skolan", "att må bra", ""])
def test_words_are_not_interjections(text):
    assert not only_interjections(text)


def test_an_interjection_before_a_question_is_no_answer():
    # "wtf" was saved as answer 1 (persona round, Nova, 15).
    assert answer_and_question("wtf. måste jag svara på allt?") is None
