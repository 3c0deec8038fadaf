"""The rules that keep a form's ordinary answer free of the check-in (actions/check_in_answer.py, help.yml
`family_limit_answer` and `unsure_answer`; persona round, session 36), and the check-in texts' keys."""
from __future__ import annotations

import pytest
from rasa_sdk import Tracker

from actions import preparation_flow as flow
from actions.check_in_answer import (FREE_TEXT_SLOTS, an_unsure_reading_of_an_answer, classifier_unsure,
                                     only_a_family_limit, tells_feelings_or_danger)
from actions.crisis_help import check_in_key, no_note_for_this_answer
from actions.help_texts import help_data

LIMIT = "consent_must_not_share"
UNSURE = {"intent_ranking": [{"name": "nlu_fallback", "confidence": 0.55}, {"name": "crisis", "confidence": 0.53}]}
SURE = {"intent_ranking": [{"name": "crisis", "confidence": 0.62}, {"name": "faq", "confidence": 0.2}]}


@pytest.mark.parametrize("text", ["inget om min familj, dom ska inte kontakta mina föräldrar", "inget om min familj",
                                  "mina föräldrar", "dom ska inte ringa morsan", "INGET om Pappa!"])
def test_a_limit_about_the_family_is_one(text):
    assert only_a_family_limit(LIMIT, text)


@pytest.mark.parametrize("slot, text", [
    (LIMIT, "mamma får inte veta att pappa dricker"),  # tells more
    (LIMIT, "inget om min familj, de bråkar hela tiden"),
    (LIMIT, "inget om min adhd"),  # no family word
    (LIMIT, ""),
    ("consent_may_share", "inget om min familj"),  # another question
    (None, "inget om min familj"),
])
def test_other_answers_are_not(slot, text):
    assert not only_a_family_limit(slot, text)


def test_unsure_is_the_fallback_classifiers_word():
    assert classifier_unsure(UNSURE) and not classifier_unsure(SURE) and not classifier_unsure({})


@pytest.mark.parametrize("text", ["ledsen hela tiden", "jag mår dåligt", "det är farligt hemma", "jag hatar skolan",
                                  "pappa dricker"])
def test_words_of_feelings_or_danger(text):
    assert tells_feelings_or_danger(text)


def test_an_unsure_reading_of_an_ordinary_answer():
    text = "Elin säger: att lärarna vet vad BUP har sagt så att jag slipper förklara allt igen"
    assert an_unsure_reading_of_an_answer("prep_answer", "important_to_me", {**UNSURE, "text": text})
    assert an_unsure_reading_of_an_answer("consent_may_share", None, {**UNSURE, "text": text})
    assert not an_unsure_reading_of_an_answer("prep_answer", "important_to_me", {**SURE, "text": text})
    for step in ("hard_now", "need_help", "not_shared"):  # questions about what is hard keep the check-in
        assert not an_unsure_reading_of_an_answer("prep_answer", step, {**UNSURE, "text": text})
    assert not an_unsure_reading_of_an_answer("request_needs", None, {**UNSURE, "text": text})
    feeling = {**UNSURE, "text": "att slippa vara rädd"}
    assert not an_unsure_reading_of_an_answer("prep_answer", "important_to_me", feeling)


def _tracker(text: str, slots: dict, parse: dict | None = None, events: list | None = None) -> Tracker:
    latest = {"text": text, "intent": {"name": "crisis_check_in", "confidence": 1.0}, **(parse or SURE)}
    return Tracker("u", slots, latest, [*(events or []), {"event": "user", "text": text, "parse_data": latest}],
                   False, None, {}, "action_listen")


def test_crisis_words_always_keep_the_check_in():
    # The abuser's secret ("få inte berätta") without "min": the lexicon hears it, so the note stays.
    assert not no_note_for_this_answer(_tracker("dom får inte berätta nåt för morsan", {"requested_slot": LIMIT}))
    assert not no_note_for_this_answer(_tracker("inget om att jag skär mig", {"requested_slot": LIMIT}, UNSURE))
    assert no_note_for_this_answer(_tracker("dom ska inte ringa morsan", {"requested_slot": LIMIT}))


@pytest.mark.parametrize("text, events, key", [
    ("alla e dumma mot mig", [], "check_in"),
    ("det är farligt hemma", [], "check_in_danger"),
    ("alla e dumma mot mig", [{"event": "user", "text": "jag är 19"}], "check_in_adult"),
])
def test_the_check_in_for_who_writes(text, events, key):
    assert check_in_key(_tracker(text, {}, events=events), guardian=False) == key


def test_the_check_in_keys_exist_and_are_kind_replies():
    data = help_data()
    keys = ["check_in", "check_in_adult", "check_in_guardian", "check_in_danger", "check_in_guardian_danger"]
    for key in keys:
        assert data[key].startswith("Tack för att du berättar") and key in data["gentle_reply"]["after"]
    asked = {q.key for q in flow.questions()} | FREE_TEXT_SLOTS
    assert set(data["unsure_answer"]["keeps_check_in"]) <= asked
    assert set(data["family_limit_answer"]["slots"]) <= FREE_TEXT_SLOTS
