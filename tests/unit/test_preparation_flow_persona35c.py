"""Preparation rules from the persona round with Nova, 15, and Sami, 19 (actions/preparation_flow.py)."""
from __future__ import annotations

import pytest

from actions import preparation_flow as flow

KEYS = [q.key for q in flow.questions()]
NOVA_3 = "nej vänta det var inte mitt svar. mitt svar e att slippa bli utskälld hela tiden o klara gymnasiet"


@pytest.mark.parametrize("text", ["wtf. måste jag svara på allt?", "måste jag svara", "kan jag skippa frågor",
                                  "måste jag säga allt?", "behöver jag svara på alla", "får man hoppa över nån"])
def test_asks_whether_the_questions_must_be_answered(text):
    assert flow.asks_if_must_answer(text)


@pytest.mark.parametrize("text", ["att slippa svara på frågor i klassen", "fotboll",
                                  "jag måste svara på frågor på lektionen och det är jobbigt asså typ jätteofta"])
def test_an_answer_about_answering_is_no_such_question(text):
    assert not flow.asks_if_must_answer(text)


def test_the_last_answer_said_to_be_wrong_is_replaced():
    # Saved as answer 2 (persona round, Nova, 15).
    assert flow.wants_to_change(NOVA_3, KEYS[1]) == flow.ChangeRequest(
        KEYS[0], "now", "att slippa bli utskälld hela tiden o klara gymnasiet")


@pytest.mark.parametrize("text", ["det blev fel", "oj det var inte mitt svar", "nej vänta, fel svar!", "jag skrev fel"])
def test_the_last_answer_said_to_be_wrong_without_a_new_one_is_asked_again(text):
    assert flow.wants_to_change(text, KEYS[2]) == flow.ChangeRequest(KEYS[1], "now")


def test_at_the_first_question_the_new_answer_is_its_own():
    assert flow.wants_to_change("det blev fel. mitt svar är att må bra", KEYS[0]) == flow.ChangeRequest(
        KEYS[0], "now", "att må bra")


@pytest.mark.parametrize("text", ["allt blev fel i skolan", "när det blir fel på proven", "fel svar på proven"])
def test_something_going_wrong_is_an_answer(text):
    assert flow.wants_to_change(text, KEYS[2]) is None


@pytest.mark.parametrize("text, command", [
    ("wtf nr 2 e ju helt fel, kan jag ändra den", flow.ReviewCommand("edit", KEYS[1])),
    ("2 e fel", flow.ReviewCommand("edit", KEYS[1])),
    ("asså 3 är helt fel. det e skolan o magen", flow.ReviewCommand("edit", KEYS[2], "skolan o magen")),
    ("fråga 8 vill jag ändra", flow.ReviewCommand("edit", KEYS[7])),
    ("nr 12 e fel", None), ("det stämmer", None), ("kan min kompis va stödperson?", None)])
def test_a_named_answer_to_change_at_the_summary(text, command):
    assert flow.review_change(text) == command


def test_a_bare_number_counts_only_at_the_summary():
    assert flow.said_to_be_wrong("2 e fel") is None and flow.said_to_be_wrong("2 e fel", bare=True) == (2, None)


@pytest.mark.parametrize("text", ["kan min kompis va stödperson?", "får mamma komma på mötet"])
def test_a_question_at_the_summary(text):
    assert flow.asks_at_the_review(text)


@pytest.mark.parametrize("text", ["kan du spara", "är det klart?", "kan jag ändra fråga 3?",
                                  "kan jag se sammanfattningen", "nr 2 e fel"])
def test_about_the_summary_is_no_question_for_the_articles(text):
    assert not flow.asks_at_the_review(text)


@pytest.mark.parametrize("text, wanted", [
    ("orkar inte. nej tack", False), ("nä asså", False), ("ja men inte nu", False), ("orkar inte", False),
    ("asså ja gärna", True), ("ok kör", True), ("Ja, gärna", True), ("Nej tack", False),
    ("kanske", None), ("jag vet inte riktigt vad jag ska välja där", None)])
def test_a_yes_or_no_inside_a_short_answer_to_the_school_offer(text, wanted):
    assert flow.parse_offer(text) is wanted


def test_an_adult_gets_examples_and_buttons_about_life_after_school():
    # Sami, 19: "Att må bra och vilja gå till skolan igen", "Elevhälsan", "BUP" (persona round).
    first, helps = flow.question(KEYS[0]), flow.question("who_helps")
    assert "skolan igen" not in first.text("ung", 19) and "jobba eller plugga" in first.text("ung", 19)
    assert "Att gå till skolan igen" not in first.buttons_for("ung", 19)
    assert "BUP" not in helps.buttons_for("ung", 19) and "Vårdcentralen" in helps.buttons_for("ung", 19)
    assert "BUP" not in helps.text("ung", 19) and "vårdcentralen" in helps.text("ung", 19)
    # Unchanged for a 15-year-old, without an age, and for a parent of an adult child.
    for role, age in (("ung", 15), ("ung", None), ("for_barnet", 19)):
        assert first.text(role, age) == flow.worded(first.ask, role, 15 if age == 19 else age)
        assert helps.buttons_for(role, age) == helps.buttons
    # No child's wording when asked "vad menar du?".
    assert "skolan igen" not in first.rephrased("ung", 19)


def test_an_adult_wording_exists_only_where_one_was_added():
    assert flow.question(KEYS[2]).text("ung", 19) == flow.question(KEYS[2]).text("ung", 15)


@pytest.mark.parametrize("text", ["wtf", "asså", "lol", "öh"])
def test_interjections_are_no_answer(text):
    assert flow.only_acknowledges(text)
