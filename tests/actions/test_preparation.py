"""The preparation form: answers are validated and saved to a real SQLite case store."""
from __future__ import annotations

import sqlite3

from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

import actions.preparation as preparation
from actions.answer_rules import MAX_ANSWER_LENGTH
from actions.casestore.references import normalise_reference
from actions.casestore.store import CodeCheck
from actions.knowledge_base import articles
from actions.preparation import ActionPreparationDone, ValidatePreparationForm

SLOT = "prep_important_to_me"
FORM = {"name": "preparation_form"}


def _answer_tracker(tracker_for, value, case_reference=None, intent="out_of_scope", confidence=0.4, ranking=None):
    """The tracker Rasa sends to validate_preparation_form after the user answered."""
    return tracker_for(
        intent,
        confidence=confidence,
        ranking=ranking,
        text=str(value),
        slots={SLOT: value, "case_reference": case_reference, "requested_slot": SLOT},
        events=[{"event": "slot", "name": SLOT, "value": value, "timestamp": None}],
        active_loop=FORM,
    )


async def _validate(tracker, domain):
    dispatcher = CollectingDispatcher()
    events = await ValidatePreparationForm().run(dispatcher, tracker, domain)
    return dispatcher.messages, events


def _slot_events(events) -> dict:
    return {e["name"]: e["value"] for e in events if e["event"] == "slot"}


def _case_count(data_dir) -> int:
    with sqlite3.connect(data_dir / "casestore.sqlite3") as conn:
        return conn.execute("SELECT COUNT(*) FROM cases").fetchone()[0]


async def test_first_answer_creates_a_case_and_tells_the_reference_and_code(tracker_for, domain, case_store_env):
    messages, events = await _validate(_answer_tracker(tracker_for, "Att må bra"), domain)
    reference = _slot_events(events)["case_reference"]
    assert normalise_reference(reference) == reference
    [message] = messages
    assert message["response"] == "utter_case_created"
    assert message["reference"] == reference
    assert preparation.store().check_code(reference, message["code"]) == CodeCheck.OK


async def test_first_answer_is_saved_under_the_new_case(tracker_for, domain, case_store_env):
    _, events = await _validate(_answer_tracker(tracker_for, "  Att  må bra "), domain)
    reference = _slot_events(events)["case_reference"]
    assert _slot_events(events)[SLOT] == "Att må bra"
    assert preparation.store().answers(reference) == {"important_to_me": "Att må bra"}


async def test_case_store_lives_in_the_configured_data_dir(tracker_for, domain, case_store_env):
    await _validate(_answer_tracker(tracker_for, "Att må bra"), domain)
    assert _case_count(case_store_env) == 1


async def test_second_answer_updates_the_same_case(tracker_for, domain, case_store_env):
    _, events = await _validate(_answer_tracker(tracker_for, "Att må bra"), domain)
    reference = _slot_events(events)["case_reference"]

    messages, events = await _validate(_answer_tracker(tracker_for, "Att få vara med", reference), domain)
    assert messages == []
    assert "case_reference" not in _slot_events(events)
    assert preparation.store().answers(reference) == {"important_to_me": "Att få vara med"}
    assert _case_count(case_store_env) == 1


async def test_skipping_stores_no_answer_but_fills_the_slot(tracker_for, domain, case_store_env):
    _, events = await _validate(_answer_tracker(tracker_for, "Hoppa över"), domain)
    slots = _slot_events(events)
    assert slots[SLOT] == "-"  # filled, so the form does not ask again
    assert preparation.store().answers(slots["case_reference"]) == {"important_to_me": None}


async def test_too_long_answer_is_refused_and_the_slot_emptied(tracker_for, domain, case_store_env):
    messages, events = await _validate(_answer_tracker(tracker_for, "a" * (MAX_ANSWER_LENGTH + 1)), domain)
    assert _slot_events(events) == {SLOT: None}
    assert [(m["response"], m["max_length"]) for m in messages] == [("utter_answer_too_long", MAX_ANSWER_LENGTH)]


async def test_too_long_answer_creates_no_case(tracker_for, domain, case_store_env):
    await _validate(_answer_tracker(tracker_for, "a" * (MAX_ANSWER_LENGTH + 1)), domain)
    assert _case_count(case_store_env) == 0


async def test_a_knowledge_question_inside_the_form_is_answered_not_saved(tracker_for, domain, case_store_env):
    question = "kan jag dra tillbaka mitt samtycke?"
    tracker = _answer_tracker(tracker_for, question, intent="faq", confidence=0.95,
                              ranking=[("samtycke_dra_tillbaka", 0.95), ("samtycke_hur_lange", 0.02)])
    messages, events = await _validate(tracker, domain)
    assert [m["text"] for m in messages] == [articles()["samtycke_dra_tillbaka"].render()]
    assert _slot_events(events) == {SLOT: None}  # so the form asks its question again
    assert _case_count(case_store_env) == 0


async def test_an_answer_that_only_looks_a_bit_like_a_question_is_saved(tracker_for, domain, case_store_env):
    tracker = _answer_tracker(tracker_for, "Att slippa byta skola", intent="faq", confidence=0.7,
                              ranking=[("sip_vad_ar", 0.7)])
    _, events = await _validate(tracker, domain)
    reference = _slot_events(events)["case_reference"]
    assert preparation.store().answers(reference) == {"important_to_me": "Att slippa byta skola"}


async def test_preparation_done_names_the_reference_and_clears_the_answer_slot(tracker_for, domain):
    tracker = tracker_for(None, slots={"case_reference": "KXMP-7RTA", SLOT: "Att må bra"})
    dispatcher = CollectingDispatcher()
    events = await ActionPreparationDone().run(dispatcher, tracker, domain)
    assert [(m["response"], m["reference"]) for m in dispatcher.messages] == [("utter_preparation_saved", "KXMP-7RTA")]
    assert events == [SlotSet(SLOT, None)]
