"""A form's answer that the classifier alone takes for a possible crisis is kept as the answer,
with the help one tap away (actions/check_in_answer.py), with real Trackers, the real form
validation and a real SQLite case store."""
from __future__ import annotations

from typing import Any

from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

import actions.preparation as preparation
import actions.request  # noqa: F401 - registers validate_request_form
from actions import preparation_flow as flow
from actions.crisis_help import ActionCrisisCheckIn, help_button, help_data

FIRST, SECOND = (q.key for q in list(flow.questions())[:2])
NEEDS = "hon har svårt att gå till skolan och sover dåligt"


def _user(text: str) -> dict[str, Any]:
    return {"event": "user", "text": text,
            "parse_data": {"text": text, "intent": {"name": "crisis_check_in", "confidence": 0.6}}}


def _tracker(text: str, form: str | None, slots: dict[str, Any]) -> Tracker:
    events = [{"event": "action", "name": "action_listen"}, _user(text)]
    return Tracker("test-user", slots, events[-1]["parse_data"], events, False, None,
                   {"name": form} if form else {}, "action_listen")


async def _run(tracker, domain):
    dispatcher = CollectingDispatcher()
    events = await ActionCrisisCheckIn().run(dispatcher, tracker, domain)
    return dispatcher.messages, {e["name"]: e["value"] for e in events if e.get("event") == "slot"}


async def test_a_preparation_answer_is_saved_and_the_help_button_shown(domain, case_store_env):
    # "ingen" to "who helps you today" once got 112 and was thrown away.
    tracker = _tracker("att slippa bråk hemma", "preparation_form",
                       {"requested_slot": "prep_answer", "prep_step": FIRST, "prep_role": "ung"})
    messages, slots = await _run(tracker, domain)
    assert slots["prep_step"] == SECOND
    assert preparation.store().answers(slots["case_reference"]) == {FIRST: "att slippa bråk hemma"}
    note = messages[-1]
    assert note["text"] == help_data()["check_in_in_form"] and note["buttons"] == [help_button()]
    assert "112" not in note["text"] and help_data()["check_in"] not in [m.get("text") for m in messages]


async def test_the_note_inside_a_form_comes_once_per_conversation(domain, case_store_env):
    # A father preparing with his 8-year-old got it at three ordinary answers (persona round, session 26).
    tracker = _tracker("att slippa bråk hemma", "preparation_form",
                       {"requested_slot": "prep_answer", "prep_step": FIRST, "prep_role": "ung"})
    tracker.events.insert(0, {"event": "bot", "text": help_data()["check_in_in_form"]})
    messages, slots = await _run(tracker, domain)
    assert slots["prep_step"] == SECOND and not any(m.get("buttons") == [help_button()] for m in messages)


async def test_a_request_answer_is_kept(domain, case_store_env):
    _, slots = await _run(_tracker(NEEDS, "request_form", {"requested_slot": "request_needs"}), domain)
    assert slots["request_needs"] == NEEDS


async def test_a_fact_the_classifier_misread_is_kept_without_the_check_in(domain, case_store_env):
    # Persona round, session 19: "hon är 8" at the age question got the help button.
    tracker = _tracker("hon är 8", "preparation_form",
                       {"requested_slot": "prep_answer", "prep_step": flow.AGE, "prep_role": "for_barnet"})
    messages, slots = await _run(tracker, domain)
    assert slots["prep_age"] == 8 and not any(m.get("buttons") == [help_button()] for m in messages)
    messages, slots = await _run(_tracker("hon är 8", "request_form", {"requested_slot": "request_age"}), domain)
    assert slots["request_age"] == "8" and not any(m.get("buttons") == [help_button()] for m in messages)


async def test_outside_a_form_the_check_in_is_given(domain):
    messages, slots = await _run(_tracker("jag är så trött på allt", None, {}), domain)
    assert messages[0]["text"] == help_data()["check_in"] and slots == {}
    assert messages[0]["buttons"] == [help_button()]


async def test_without_the_domain_the_check_in_is_given_rather_than_nothing(domain, case_store_env):
    # Rasa sends the domain only to actions marked send_domain (bot/domain/safety.yml).
    tracker = _tracker("att slippa bråk hemma", "preparation_form",
                       {"requested_slot": "prep_answer", "prep_step": FIRST})
    messages, slots = await _run(tracker, {})
    assert messages[0]["text"] == help_data()["check_in"] and slots == {}


async def test_a_guardians_answer_gets_the_line_written_to_a_parent(domain, case_store_env):
    tracker = _tracker("han har ont i magen varje morgon", "preparation_form",
                       {"requested_slot": "prep_answer", "prep_step": FIRST, "prep_role": "for_barnet"})
    messages, slots = await _run(tracker, domain)
    assert slots["prep_step"] == SECOND
    assert messages[-1]["text"] == help_data()["check_in_in_form_guardian"] and "barnet" in messages[-1]["text"]


async def test_a_hard_topic_named_as_not_to_be_discussed_gets_the_full_help_and_is_kept(domain, case_store_env):
    # Persona round, session 19: "självmordsförsöket" at "Finns det något du inte vill att vi pratar
    # om?" got the crisis help, and the answer was lost.
    from actions.crisis_help import ActionCrisisHelp, crisis_reply

    text = "självmordsförsöket"
    tracker = _tracker(text, "preparation_form",
                       {"requested_slot": "prep_answer", "prep_step": "not_shared", "prep_role": "ung"})
    tracker.latest_message["intent"] = {"name": "crisis", "confidence": 1.0}
    dispatcher = CollectingDispatcher()
    events = await ActionCrisisHelp().run(dispatcher, tracker, domain)
    slots = {e["name"]: e["value"] for e in events if e.get("event") == "slot"}
    assert preparation.store().answers(slots["case_reference"])["not_shared"] == text
    assert crisis_reply() in [m.get("text") for m in dispatcher.messages]
    # At another question the answer is not kept: "jag vill dö" is no answer to what is important.
    tracker = _tracker("jag vill dö", "preparation_form",
                       {"requested_slot": "prep_answer", "prep_step": FIRST, "prep_role": "ung"})
    assert await ActionCrisisHelp().run(CollectingDispatcher(), tracker, domain) == []
