"""preparation_flow rules from the persona round of session 36 (Leo, 13, with dyslexia; Birgitta, a foster parent)."""
from __future__ import annotations

import pytest

from actions import preparation_flow as flow
from actions.request_rules import says_they_are_a_foster_parent

KEYS = [q.key for q in flow.questions()]


@pytest.mark.parametrize("text", ["vem får läsa de här?", "vem kan se det sen", "vem läser det här egentligen?",
                                  "men vem ser det"])
def test_who_sees_this_points_at_the_answers(text):
    assert flow.points_at_the_answers(text)


@pytest.mark.parametrize("text", ["vem får läsa planen?", "vem får se det om skolan", "vad händer på mötet"])
def test_who_sees_something_named_does_not(text):
    assert not flow.points_at_the_answers(text)


@pytest.mark.parametrize("text", ["ja vet int", "vet int", "vetinte", "ja vetinte asså", "vet ej", "ingen aning",
                                  "ingen anning", "vet nt", "nej vet inte riktigt"])
def test_dont_know_however_typed(text):
    assert flow.says_dont_know(text) and flow.says_dont_know(text, refusal_skips=False)


@pytest.mark.parametrize("text", ["jag vet int vad mamma tycker", "vet inte om skolan hjälper", "fotboll", ""])
def test_dont_know_with_an_answer_is_no_skip(text):
    assert not flow.says_dont_know(text)


def test_a_misspelt_refusal_skips_only_where_a_refusal_is_no_answer():
    assert flow.says_dont_know("vill int säga") and not flow.says_dont_know("vill int säga", refusal_skips=False)


@pytest.mark.parametrize("text", ["vill int säga", "vill int", "vet int", "ingen anning", "hemligt", "nä"])
def test_a_refusal_or_dont_know_at_the_age_skips_it(text):
    assert flow.parse_age(text) == flow.AgeAnswer(None, True)


@pytest.mark.parametrize("text, age", [("13", 13), ("tretton", 13), ("inte 13 utan 14", 13)])
def test_an_age_is_still_an_age(text, age):
    assert flow.parse_age(text).age == age


def test_anything_else_at_the_age_is_asked_again():
    assert flow.parse_age("kanske") == flow.AgeAnswer(None, False)


def test_the_school_offer_and_list_take_a_misspelt_dont_know_as_a_skip():
    assert flow.parse_offer("vet int") is False
    assert flow.parse_school_wishes("ja vet int") == flow.SchoolWishes(None, True)


@pytest.mark.parametrize("text, asked", [
    ("min mentor sa ja ska förbereda mig i chatten. vad e sip", "vad e sip"),
    ("men vad e sip", "men vad e sip"), ("jag vill förbereda mig", None), ("vad händer på mötet?", None)])
def test_the_word_question_in_a_message(text, asked):
    assert flow.word_question_in(text) == asked


@pytest.mark.parametrize("text, rest", [("men vad händer på mötet", "vad händer på mötet"),
                                        ("Men, asså vad e sip?", "vad e sip?"), ("vad händer", "vad händer")])
def test_a_message_without_the_fillers_it_opens_with(text, rest):
    assert flow.without_leading_fillers(text) == rest


@pytest.mark.parametrize("text, new", [
    ("nej vänta, ändra de. bara bup inte skolan", "bara bup inte skolan"),
    ("ändra det till bara bup", "bara bup"), ("nej vänta ändra. bara bup", "bara bup"),
    ("jag vill ändra förra. bara bup", "bara bup"), ("kan ja ändra det?", None), ("ändra de", None),
    ("ändra förra svaret tack", None)])
def test_a_wish_to_change_the_last_answer_with_or_without_the_new_one(text, new):
    # At question 5 "nej vänta, ändra de. bara bup inte skolan" was offered as answer 5 (persona round, session 36).
    assert flow.wants_to_change(text, "can_do_myself") == flow.ChangeRequest("who_helps", "now", new)


@pytest.mark.parametrize("text", ["byta till en annan skola", "ändra på schemat", "att ändra tiden för mötet",
                                  "byta skola"])
def test_answers_with_a_verb_of_changing_stay_answers(text):
    assert flow.wants_to_change(text, "need_help") is None


def test_a_question_named_with_change_it_goes_to_that_question():
    assert flow.wants_to_change("ändra det på fråga 3. skolan", KEYS[4]) == flow.ChangeRequest(KEYS[2], "now")


def test_the_change_words_are_not_taken_by_the_samtycke_correction_rule():
    # consent_rules uses said_last_was_wrong without them.
    assert flow.said_last_was_wrong("ändra de. bara bup") is None
    assert flow.said_last_was_wrong("ändra de. bara bup", change_words=True) == flow.Correction("bara bup")


def test_going_back_with_a_new_answer_is_a_change_not_a_step_back():
    assert not flow.asks_to_go_back("jag vill ändra förra. bara bup")
    assert flow.asks_to_go_back("jag vill ändra förra")


@pytest.mark.parametrize("text, foster", [
    ("Jag är familjehemsförälder och fyller i tillsammans med Elin", True),
    ("kan jag som familjehemsförälder begära en SIP?", True), ("vi e jourhem", True),
    ("Hej! Jag heter Birgitta och är familjehemsförälder till en flicka på 14 år", True),
    ("min dotter har bott i familjehem förut", False), ("Jag är förälder och fyller i med barnet", False),
    ("jag är familjehemssekreterare", False)])
def test_who_says_they_are_a_foster_home(text, foster):
    # One rule for the preparation, the request and the samtycke (actions/request_rules.py).
    assert says_they_are_a_foster_parent(text) is foster
