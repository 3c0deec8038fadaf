"""A reply that gets the crisis check-in twice in a row to the same form question is taken as
the answer (actions/check_in_answer.py), with real Trackers, the real form validation and a
real SQLite case store."""
from __future__ import annotations

from typing import Any

from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

import actions.preparation as preparation
import actions.request  # noqa: F401 - registers validate_request_form
from actions import preparation_flow as flow
from actions.crisis_help import ActionCrisisCheckIn, help_data

FIRST, SECOND = (q.key for q in list(flow.questions())[:2])
NEEDS = "hon har svårt att gå till skolan och sover dåligt"


def _user(text: str) -> dict[str, Any]:
    return {"event": "user", "text": text,
            "parse_data": {"text": text, "intent": {"name": "crisis_check_in", "confidence": 0.6}}}


def _action(name: str) -> dict[str, Any]:
    return {"event": "action", "name": name}


def _tracker(events: list[dict[str, Any]], form: str, slots: dict[str, Any]) -> Tracker:
    latest = next(e for e in reversed(events) if e["event"] == "user")
    return Tracker("test-user", {"requested_slot": slots.pop("requested_slot"), **slots}, latest["parse_data"],
                   events, False, None, {"name": form}, "action_listen")


def _checked_in_before(text: str, form: str) -> list[dict[str, Any]]:
    """The reply got the check-in, the form asked again, and the same reply came back."""
    return [_user(text), _action("action_crisis_check_in"), {"event": "bot", "text": help_data()["check_in"]},
            _action(form), {"event": "bot", "text": "the question again"}, _action("action_listen"), _user(text)]


async def _run(tracker, domain):
    dispatcher = CollectingDispatcher()
    events = await ActionCrisisCheckIn().run(dispatcher, tracker, domain)
    return dispatcher.messages, {e["name"]: e["value"] for e in events if e.get("event") == "slot"}


async def test_the_first_time_the_check_in_is_given_and_nothing_is_saved(domain, case_store_env):
    tracker = _tracker([_action("action_listen"), _user("att slippa bråk hemma")], "preparation_form",
                       {"requested_slot": "prep_answer", "prep_step": FIRST})
    messages, slots = await _run(tracker, domain)
    assert messages[0]["text"] == help_data()["check_in"] and slots == {}


async def test_the_same_question_answered_again_is_saved_and_the_form_goes_on(domain, case_store_env):
    # Typed again, the answer got the check-in again, and nobody could get past the question.
    tracker = _tracker(_checked_in_before("att slippa bråk hemma", "preparation_form"), "preparation_form",
                       {"requested_slot": "prep_answer", "prep_step": FIRST, "prep_role": "ung"})
    messages, slots = await _run(tracker, domain)
    assert help_data()["check_in"] not in [m.get("text") for m in messages]
    assert slots["prep_step"] == SECOND
    assert preparation.store().answers(slots["case_reference"]) == {FIRST: "att slippa bråk hemma"}


async def test_a_request_answer_checked_in_twice_is_kept(domain, case_store_env):
    tracker = _tracker(_checked_in_before(NEEDS, "request_form"), "request_form",
                       {"requested_slot": "request_needs"})
    _, slots = await _run(tracker, domain)
    assert slots["request_needs"] == NEEDS


async def test_a_check_in_two_replies_ago_does_not_count(domain, case_store_env):
    events = [*_checked_in_before("att slippa bråk hemma", "preparation_form")[:-1],
              {"event": "user", "text": "hoppa över", "parse_data": {"intent": {"name": "inform"}}},
              _action("preparation_form"), _action("action_listen"), _user("jag är trött")]
    tracker = _tracker(events, "preparation_form", {"requested_slot": "prep_answer", "prep_step": SECOND})
    messages, slots = await _run(tracker, domain)
    assert messages[0]["text"] == help_data()["check_in"] and slots == {}


async def test_outside_a_form_a_second_check_in_is_still_a_check_in(domain):
    events = _checked_in_before("jag är så trött på allt", "preparation_form")
    tracker = Tracker("test-user", {}, events[-1]["parse_data"], events, False, None, {}, "action_listen")
    messages, slots = await _run(tracker, domain)
    assert messages[0]["text"] == help_data()["check_in"] and slots == {}


async def test_without_the_domain_the_check_in_is_given_rather_than_nothing(domain, case_store_env):
    # Rasa sends the domain only to actions marked send_domain (bot/domain/safety.yml).
    tracker = _tracker(_checked_in_before("att slippa bråk hemma", "preparation_form"), "preparation_form",
                       {"requested_slot": "prep_answer", "prep_step": FIRST})
    messages, slots = await _run(tracker, {})
    assert messages[0]["text"] == help_data()["check_in"] and slots == {}


async def test_after_a_reply_saved_that_way_the_next_one_gets_the_check_in_again(domain, case_store_env):
    # The action that saved the second reply showed no check-in: the next question starts afresh.
    events = [*_checked_in_before("att slippa bråk hemma", "preparation_form"), _action("action_crisis_check_in"),
              _action("preparation_form"), {"event": "bot", "text": "the next question"}, _action("action_listen"),
              _user("jag är så trött")]
    tracker = _tracker(events, "preparation_form", {"requested_slot": "prep_answer", "prep_step": SECOND})
    messages, slots = await _run(tracker, domain)
    assert messages[0]["text"] == help_data()["check_in"] and slots == {}
