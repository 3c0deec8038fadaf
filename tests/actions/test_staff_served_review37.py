"""Review of session 37: "eleven", "patienten", "klienten" (knowledge/staff_roles.yml `served`) word one answer for
staff, and never make the writer staff for the conversation. A 14-year-old who wrote "får lärarna berätta för
eleverna om min sip?" and then "vill inte leva längre" got the staff crisis reply instead of Bris and
Självmordslinjen. Real rasa_sdk Trackers, the real help.yml, articles and domain."""
from __future__ import annotations

from typing import Any

import pytest
from rasa_sdk import Tracker

from actions.answer_question import ActionAnswerQuestion
from actions.crisis_help import ActionCrisisHelp, crisis_reply, help_data
from actions.knowledge_base import articles
from actions.staff_cues import said_they_are_staff, serves_them_in_this_message
from tests.actions.test_fallback import _run
from tests.actions.test_staff_persona37 import CONSENT, _asked, _responses


def _user(text: str, intent: str = "faq") -> dict[str, Any]:
    return {"event": "user", "text": text, "parse_data": {"text": text, "intent": {"name": intent, "confidence": 1.0},
                                                          "entities": []}}


def _tracker(*events: dict[str, Any]) -> Tracker:
    return Tracker("test-user", {}, events[-1]["parse_data"], list(events), False, None, {}, "action_listen")


@pytest.mark.parametrize("question", ["får lärarna berätta för eleverna om min sip?",
                                      "får läraren berätta för eleven om min sip?"])
async def test_a_young_person_who_wrote_of_pupils_gets_the_young_persons_crisis_reply(domain, question):
    tracker = _tracker(_user("jag är 14", "inform"), _user(question), _user("vill inte leva längre", "crisis"))
    assert not said_they_are_staff(tracker)
    messages, _ = await _run(ActionCrisisHelp(), tracker, domain)
    text = messages[0]["text"]
    assert text == crisis_reply() and "Bris" in text and "Självmordslinjen" in text
    assert not text.startswith(help_data()["staff_reply"])


async def test_a_mother_who_then_writes_eleven_is_not_staff(domain):
    said = [_user("min dotter är 15 och ska ha en sip"),
            _asked("eleven måste samtycka själv, stämmer det?", CONSENT)]
    tracker = _tracker(*said)
    assert not said_they_are_staff(tracker) and not serves_them_in_this_message(tracker)
    messages, _ = await _run(ActionAnswerQuestion(), tracker, domain)
    assert messages[0]["text"] != articles()[CONSENT].render(for_staff=True)
    crisis, _ = await _run(ActionCrisisHelp(), _tracker(*said, _user("vill inte leva längre", "crisis")), domain)
    assert not crisis[0]["text"].startswith(help_data()["staff_reply"])


@pytest.mark.parametrize("first", ["jag är 14", "jag är inte personal", "jag är mormor till en pojke"])
async def test_eleven_after_a_young_person_a_denial_or_a_relative_gets_no_staff_wording(domain, first):
    tracker = _tracker(_user(first, "inform"), _asked("eleven är 15, räcker det att hon samtycker?", CONSENT))
    assert not serves_them_in_this_message(tracker), first
    messages, _ = await _run(ActionAnswerQuestion(), tracker, domain)
    assert messages[0]["text"] != articles()[CONSENT].render(for_staff=True), first


def test_a_tracker_whose_only_cue_is_eleven_is_not_staff():
    tracker = _tracker(_user("eleven"))
    assert not said_they_are_staff(tracker) and not said_they_are_staff(tracker, before_latest=True)
    assert serves_them_in_this_message(tracker)


async def test_the_skolkurator_still_gets_the_staff_wording_and_no_consent_buttons(domain):
    text = "eleven ar 15, racker det att hon samtycker eller maste foraldrarna ocksa"
    messages, _ = await _run(ActionAnswerQuestion(), _tracker(_asked(text, CONSENT)), domain)
    assert messages[0]["text"] == articles()[CONSENT].render(for_staff=True)
    assert "utter_consent_options" not in _responses(messages)
