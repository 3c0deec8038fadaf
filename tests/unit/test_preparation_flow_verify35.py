"""preparation_flow after the verification round of session 35: taking back the last answer, a parent's
handover sentences, filling in for someone else and a word asked about outside the form."""
from __future__ import annotations

import pytest

from actions import preparation_flow as flow

KEYS = [q.key for q in flow.questions()]


def test_this_went_wrong_remove_it_asks_to_remove_the_last_answer():
    change = flow.wants_to_change("nej vänta det här blev fel, jag är ju inte hon. ta bort det", KEYS[1])
    assert change == flow.ChangeRequest(KEYS[0], "remove")


def test_this_went_wrong_with_a_new_answer_still_replaces_it():
    change = flow.wants_to_change("det här blev fel. mitt svar e att må bra", KEYS[1])
    assert change == flow.ChangeRequest(KEYS[0], "now", "att må bra")


def test_a_new_answer_naming_ta_bort_removes_nothing():
    # The new answer's own "ta bort" is no wish to remove the answer (the question comes again).
    assert flow.wants_to_change("det blev fel. jag menade att ta bort läxorna", KEYS[1]).reason == "now"


@pytest.mark.parametrize("text", ["ta bort det", "vänta ta bort det jag skrev", "radera det tack", "stryk det"])
def test_remove_it_alone_is_a_wish_to_remove_the_last_answer(text):
    assert flow.wants_last_removed(text)


@pytest.mark.parametrize("text", ["ta bort det som är jobbigt", "att ta bort läxorna", "det här blev fel i skolan"])
def test_answers_are_no_wish_to_remove(text):
    assert not flow.wants_last_removed(text)
    change = flow.wants_to_change(text, KEYS[1])
    assert change is None or change.reason != "remove"


def test_the_handover_sentences_are_not_the_answer():
    text = "hej det är pappa nu, ella bad mig skriva en sak. Hon behöver hjälp med att komma iväg till skolan…"
    assert flow.after_who_writes(text) == "Hon behöver hjälp med att komma iväg till skolan…"
    assert flow.after_who_writes("pappa här, jag skriver lite. hon gillar fotboll") == "hon gillar fotboll"


@pytest.mark.parametrize("text", ["hej det är pappa nu, ella bad mig skriva en sak",
                                  "mamma här. hon ville att jag skulle skriva"])
def test_who_writes_and_why_alone_is_no_answer(text):
    assert flow.only_who_writes(text)


def test_a_long_clause_naming_an_errand_stays_the_answer():
    text = "det är mamma nu. hon bad mig skriva att hon vill ha hjälp med läxorna varje vecka"
    assert flow.after_who_writes(text) == "hon bad mig skriva att hon vill ha hjälp med läxorna varje vecka"


@pytest.mark.parametrize("text, expected", [("jag är hennes handläggare, fyller i åt henne", True),
                                            ("jag svarar för honom", True), ("jag fyller i själv", False),
                                            ("Jag är förälder och fyller i för barnet", False)])
def test_filling_in_for_someone(text, expected):
    assert flow.fills_in_for_someone(text) is expected


@pytest.mark.parametrize("text", ["vad betyder verksamhet", "va betyder verksamhet förresten, det stod när jag "
                                  "gjorde frågorna", "vad menas med verksamheten?", "hej! va e verksamhet"])
def test_a_word_of_the_preparation_asked_about_anywhere(text):
    helped = flow.word_asked_in(text)
    assert helped is not None and helped.explanation.startswith("En verksamhet är")


@pytest.mark.parametrize("text", ["vad är bup", "vad betyder mål", "vad menas med stöd från socialtjänsten i en sip",
                                  "vad betyder det att man har en sip"])
def test_no_word_help_for_an_article_word_or_a_longer_question(text):
    assert flow.word_asked_in(text) is None


def test_a_title_naming_the_word_in_another_form():
    helped = flow.word_asked_in("vad är socialtjänsten")
    assert flow.names_the_word("Socialtjänst – så kommer du i kontakt", helped)
    assert not flow.names_the_word("Samtycke – vad är det?", helped)
