"""action_default_fallback and an answer of the preparation named outside the form ("ändra fråga 9",
"ta bort svaret på fråga 9"), with real rasa_sdk Trackers and a real SQLite case store."""
from __future__ import annotations

from typing import Any

from rasa_sdk import Tracker
from rasa_sdk.events import FollowupAction, SlotSet, UserUtteranceReverted
from rasa_sdk.executor import CollectingDispatcher

import actions.preparation as preparation
from actions import preparation_flow as flow
from actions.fallback import ActionDefaultFallback
from actions.preparation import ActionPreparationStart

KEYS = [q.key for q in flow.questions()]
NINE = KEYS[8]


def _tracker(text: str, slots: dict[str, Any] | None = None, said_before: str | None = None) -> Tracker:
    """`text` read as `inform` outside any form, after the bot's response `said_before` (if any)."""
    parse = {"text": text, "intent": {"name": "inform", "confidence": 1.0}, "entities": []}
    events = [{"event": "bot", "text": "…", "metadata": {"utter_action": said_before}}] if said_before else []
    events.append({"event": "user", "text": text, "parse_data": parse})
    return Tracker("test-user", dict(slots or {}), parse, events, False, None, {}, "action_listen")


def _complete_case() -> str:
    case = preparation.store().create_case()
    for key in KEYS:
        preparation.store().save_answer(case.reference, key, f"svar {key}", "ung")
    return case.reference


async def _run(action, tracker, domain):
    dispatcher = CollectingDispatcher()
    events = await action.run(dispatcher, tracker, domain)
    return dispatcher.messages, events


async def test_removing_a_named_answer_in_an_opened_case_removes_it_and_shows_the_summary(domain, case_store_env):
    # Persona round, session 33: after opening the case, "ta bort svaret på fråga 9" (inform 1.00) got
    # "Nu hängde jag inte med".
    reference = _complete_case()
    tracker = _tracker("ta bort svaret på fråga 9", {"case_reference": reference, "case_verified": True})
    messages, events = await _run(ActionDefaultFallback(), tracker, domain)
    assert messages == [] and events == [FollowupAction(preparation.START)]
    messages, events = await _run(ActionPreparationStart(), tracker, domain)
    assert [m.get("response") for m in messages][-1] == "utter_prep_answer_removed"
    assert SlotSet("prep_step", flow.REVIEW) in events and SlotSet("prep_editing", False) in events
    assert preparation.store().answers(reference)[NINE] is None
    assert preparation.store().answers(reference)[KEYS[7]] == f"svar {KEYS[7]}"  # only that one


async def test_changing_a_named_answer_in_an_opened_case_asks_that_question(domain, case_store_env):
    reference = _complete_case()
    tracker = _tracker("ändra fråga 9", {"case_reference": reference, "case_verified": True})
    _, events = await _run(ActionDefaultFallback(), tracker, domain)
    assert events == [FollowupAction(preparation.START)]
    messages, events = await _run(ActionPreparationStart(), tracker, domain)
    assert SlotSet("prep_step", NINE) in events and SlotSet("prep_editing", True) in events
    assert messages[-1]["text"] == flow.content()["change_was"].format(answer=f"svar {NINE}")


async def test_a_named_answer_without_an_opened_case_asks_for_reference_and_code(domain, case_store_env):
    # "ändra fråga 9" before the case was opened got "Nu hängde jag inte med".
    messages, events = await _run(ActionDefaultFallback(), _tracker("ändra fråga 9"), domain)
    assert messages == [] and SlotSet("case_next_action", preparation.START) in events
    assert events[-1] == FollowupAction("case_access_form")


async def test_one_answer_named_after_how_to_delete_is_that_answer_removed(domain, case_store_env):
    # "hej kan jag ta bort det jag skrev om pappa" got how to delete everything; "nej bara ett svar.
    # fråga 9" then got "Nu hängde jag inte med".
    text = "nej bara ett svar. fråga 9"
    _, events = await _run(ActionDefaultFallback(), _tracker(text, said_before="utter_delete_my_data"), domain)
    assert events[-1] == FollowupAction("case_access_form")
    reference = _complete_case()
    opened = {"case_reference": reference, "case_verified": True}
    tracker = _tracker(text, opened, said_before="utter_delete_my_data")
    _, events = await _run(ActionDefaultFallback(), tracker, domain)
    assert events == [FollowupAction(preparation.START)]
    await _run(ActionPreparationStart(), tracker, domain)
    assert preparation.store().answers(reference)[NINE] is None
    # Elsewhere, or asked as a question, it names no answer to remove.
    asked = _tracker("vad betyder fråga 9?", opened, said_before="utter_delete_my_data")
    for tracker in (_tracker(text, opened), asked):
        messages, events = await _run(ActionDefaultFallback(), tracker, domain)
        assert events == [UserUtteranceReverted()] and preparation.store().answers(reference)[KEYS[7]]


async def test_a_case_without_a_preparation_gets_the_usual_reply(domain, opened_case):
    tracker = _tracker("ändra fråga 9", {"case_reference": opened_case.reference, "case_verified": True})
    messages, events = await _run(ActionDefaultFallback(), tracker, domain)
    assert [m.get("response") for m in messages] == ["utter_default"] and events == [UserUtteranceReverted()]
