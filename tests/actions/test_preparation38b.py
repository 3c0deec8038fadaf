"""Verification round, alva-2 (16): "vill plugga till frisör sen. kan sip hjälpa m det" started the preparation
and was never answered; "va? jag frågade en grej" was taken as the role and "jag sa inte att jag ville börja
nåt" as the age. alva-1: "bup o en kontaktperson på soc. byter jag från bup när jag fyller 18" at question 4
got the gap's reply, and the answer before it was dropped. Real trackers, the real domain and case store."""
from __future__ import annotations

import pytest
from rasa_sdk.executor import CollectingDispatcher

import actions.preparation as preparation
from actions import preparation_flow as flow
from actions.preparation import ActionPreparationDone, ActionPreparationStart
from tests.actions.test_preparation_persona35c import _said, _validate, asked  # noqa: F401 - `asked` is a fixture
from tests.actions.test_preparation_persona36 import SLOT, _tracker

KEYS = [q.key for q in flow.questions()]
WHO_HELPS = KEYS[3]
ALVA_2 = "vill plugga till frisör sen. kan sip hjälpa m det"
ALVA_1 = "bup o en kontaktperson på soc. byter jag från bup när jag fyller 18"


# --- 1. a question that started the preparation is answered, the preparation offered ---

async def test_a_question_read_as_start_preparation_is_answered_and_the_preparation_offered(
        tracker_for, domain, case_store_env, asked):
    dispatcher = CollectingDispatcher()
    events = await ActionPreparationStart().run(dispatcher, tracker_for("start_preparation", confidence=0.88,
                                                                        text=ALVA_2), domain)
    assert asked == [ALVA_2]
    assert _said(dispatcher.messages) == ["svaret", "utter_offer_preparation"]
    assert events[-1] == {"event": "followup", "name": "action_listen", "timestamp": None}
    assert not any(e.get("name") == "prep_step" for e in events)


@pytest.mark.parametrize("text", ["kan du hjälpa mig att förbereda mig inför mötet?", "/start_preparation",
                                  "jag vill förbereda mig"])
async def test_a_wish_to_prepare_or_the_button_starts_as_before(tracker_for, domain, case_store_env, asked, text):
    dispatcher = CollectingDispatcher()
    events = await ActionPreparationStart().run(dispatcher, tracker_for("start_preparation", text=text), domain)
    assert "utter_preparation_intro" in _said(dispatcher.messages)
    assert events[-1]["name"] == "preparation_form" and asked == []


# --- 2. "jag frågade en grej" at the role or age question: no role, no age, the form ends ---

@pytest.mark.parametrize("text, step", [("va? jag frågade en grej", flow.ROLE),
                                        ("asså jag sa inte att jag ville börja nåt", flow.AGE),
                                        ("jag ville bara fråga", flow.ROLE), ("jag vill inte börja", flow.AGE)])
async def test_a_protest_at_role_or_age_ends_the_form_with_nothing_taken(tracker_for, domain, case_store_env,
                                                                        asked, text, step):
    role = None if step == flow.ROLE else "ung"
    messages, slots = await _validate(_tracker(tracker_for, text, step, prep_role=role), domain)
    assert _said(messages) == ["utter_prep_not_started"]
    assert slots[SLOT] is None and slots["prep_step"] == preparation.NOT_STARTED  # the form then ends
    assert "prep_role" not in slots and "prep_age" not in slots
    assert "Skriv din fråga" in domain["responses"]["utter_prep_not_started"][0]["text"]


async def test_the_form_ended_by_a_protest_keeps_no_role_nor_age(tracker_for, domain):
    tracker = tracker_for(None, slots={"prep_step": preparation.NOT_STARTED, "prep_role": "ung", "prep_age": 16})
    dispatcher = CollectingDispatcher()
    events = await ActionPreparationDone().run(dispatcher, tracker, domain)
    slots = {e["name"]: e["value"] for e in events if e["event"] == "slot"}
    assert dispatcher.messages == [] and slots["prep_role"] is None and slots["prep_age"] is None
    assert slots["prep_step"] is None


async def test_a_role_is_still_taken_at_the_role_question(tracker_for, domain, case_store_env, asked):
    messages, slots = await _validate(_tracker(tracker_for, "Jag är den unga", flow.ROLE, intent="inform",
                                               confidence=0.99, prep_role=None), domain)
    assert slots["prep_role"] == "ung" and slots["prep_step"] == flow.AGE


# --- 3. an answer with a question the material does not cover: the answer is kept ---

async def test_an_answer_then_a_gap_question_keeps_the_answer_and_answers(tracker_for, domain, opened_case, asked):
    messages, slots = await _validate(_tracker(tracker_for, ALVA_1, WHO_HELPS, opened_case.reference,
                                               intent="inform", confidence=0.77), domain)
    assert preparation.store().answers(opened_case.reference) == {WHO_HELPS: "bup o en kontaktperson på soc"}
    assert asked == ["byter jag från bup när jag fyller 18"]
    assert slots["prep_step"] == KEYS[4]


async def test_a_gap_question_alone_is_answered_and_not_saved(tracker_for, domain, opened_case, asked):
    messages, slots = await _validate(_tracker(tracker_for, "byter jag från bup när jag fyller 18", WHO_HELPS,
                                               opened_case.reference, intent="inform", confidence=0.77), domain)
    assert preparation.store().answers(opened_case.reference) == {} and slots == {SLOT: None}
    assert asked == ["byter jag från bup när jag fyller 18"]
