"""The preparation form after the verification round of session 35: a handläggare filling in for a girl, a
wish to take back the answer just given, a father's handover sentence, and a change at the summary asked
together with who sees the answers. Real trackers and a real case store."""
from __future__ import annotations

import pytest
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

import actions.preparation as preparation
from actions import preparation_flow as flow
from actions.preparation import ActionDeleteMyData, ActionPreparationDone, ActionPrivacy
from tests.actions.test_preparation import (FORM, KEYS, SLOT, _answer_tracker, _answered_up_to, _case_count,
                                            _slot_events, _validate)

STAFF_ROLE = "jag är hennes handläggare, fyller i åt henne"
UNDO = "nej vänta det här blev fel, jag är ju inte hon. ta bort det"
HANDOVER = "hej det är pappa nu, ella bad mig skriva en sak. Hon behöver hjälp med att komma iväg till skolan"
CHANGE_AND_WHO_SEES = "nr 3 e fel kan jag ändra? o vem får se det här"


def _said(messages) -> list[str | None]:
    return [m.get("response") or m.get("text") for m in messages]


def _role_tracker(tracker_for, text, said_before):
    """At the role question, after `said_before` (the slot event last, as Rasa sends it)."""
    return tracker_for("inform", confidence=0.6, text=text, active_loop=FORM,
                       slots={SLOT: text, "prep_step": flow.ROLE, "requested_slot": SLOT},
                       events=[{"event": "user", "text": said_before},
                               {"event": "slot", "name": SLOT, "value": text, "timestamp": None}])


# --- 1a. Staff at the role question ---

@pytest.mark.parametrize("text, intent", [(STAFF_ROLE, "staff"), (STAFF_ROLE, "inform"),
                                          ("kurator här, jag fyller i åt honom", "staff")])
async def test_staff_at_the_role_question_are_told_whose_it_is_and_the_form_ends(tracker_for, domain,
                                                                                case_store_env, text, intent):
    # He was told to choose "Jag är den unga", and his answers were saved as hers.
    messages, events = await _validate(_answer_tracker(tracker_for, text, flow.ROLE, intent=intent,
                                                       confidence=0.7), domain)
    assert _said(messages) == [flow.content()["role_staff"]]
    assert _slot_events(events)["prep_step"] == preparation.STAFF_ONLY and "prep_role" not in _slot_events(events)
    assert _case_count(case_store_env) == 0


def test_the_staff_reply_says_it_is_the_young_persons_own_and_what_staff_can_do():
    reply = flow.content()["role_staff"]
    assert "den ungas egen" in reply and "inte svara" in reply and "länken" in reply and "bredvid" in reply
    assert "välj ”Jag är den unga”" not in reply


async def test_filling_in_for_her_after_saying_one_is_staff_ends_the_form(tracker_for, domain, case_store_env):
    tracker = _role_tracker(tracker_for, "jag fyller i åt henne",
                            "jag är socialsekreterare och har en tjej på 14 som ska ha sip")
    messages, events = await _validate(tracker, domain)
    assert _said(messages) == [flow.content()["role_staff"]]
    assert _slot_events(events)["prep_step"] == preparation.STAFF_ONLY


async def test_filling_in_for_her_is_never_the_young_persons_own_jag(tracker_for, domain, case_store_env):
    messages, events = await _validate(_answer_tracker(tracker_for, "jag fyller i åt henne", flow.ROLE,
                                                       intent="inform", confidence=0.6), domain)
    assert _said(messages) == ["utter_prep_role_unknown"] and "prep_role" not in _slot_events(events)


async def test_the_young_persons_button_after_staff_words_is_still_taken(tracker_for, domain, case_store_env):
    # Sitting beside her: she presses "Jag är den unga".
    _, events = await _validate(_role_tracker(tracker_for, "Jag är den unga", STAFF_ROLE), domain)
    assert _slot_events(events)["prep_role"] == "ung"


async def test_the_form_ended_for_staff_says_nothing_more_and_forgets_the_role(tracker_for, domain):
    dispatcher = CollectingDispatcher()
    tracker = tracker_for("staff", text=STAFF_ROLE, slots={"prep_step": preparation.STAFF_ONLY})
    events = await ActionPreparationDone().run(dispatcher, tracker, domain)
    assert dispatcher.messages == []
    assert SlotSet("prep_step", None) in events and SlotSet("prep_role", None) in events


# --- 1b. A wish to take back the answer just given ---

async def test_this_went_wrong_remove_it_removes_the_last_answer_and_asks_again(tracker_for, domain,
                                                                              case_store_env):
    reference = await _answered_up_to(tracker_for, domain, 1)  # answer 1 saved, question 2 asked
    messages, events = await _validate(_answer_tracker(tracker_for, UNDO, KEYS[1], reference, intent="inform",
                                                       confidence=0.5, prep_role="ung"), domain)
    assert _said(messages) == ["utter_prep_answer_removed"] and messages[0]["number"] == 1
    assert preparation.store().answers(reference) == {KEYS[0]: None}  # nothing saved as answer 2
    assert _slot_events(events) == {SLOT: None}  # question 2 again


@pytest.mark.parametrize("text", ["ta bort det", "nej vänta ta bort det jag skrev", "radera det tack"])
async def test_remove_it_alone_removes_the_last_answer(tracker_for, domain, case_store_env, text):
    reference = await _answered_up_to(tracker_for, domain, 3)
    messages, events = await _validate(_answer_tracker(tracker_for, text, KEYS[3], reference, intent="inform",
                                                       confidence=0.5, prep_role="ung"), domain)
    assert _said(messages) == ["utter_prep_answer_removed"] and messages[0]["number"] == 3
    assert preparation.store().answers(reference)[KEYS[2]] is None and KEYS[3] not in preparation.store().answers(
        reference)


async def test_remove_what_is_hard_is_an_answer(tracker_for, domain, case_store_env):
    reference = await _answered_up_to(tracker_for, domain, 0)
    text = "ta bort det som är jobbigt"
    await _validate(_answer_tracker(tracker_for, text, KEYS[0], reference, intent="inform", confidence=0.5,
                                    prep_role="ung"), domain)
    assert preparation.store().answers(reference)[KEYS[0]] == text


async def test_remove_it_read_as_deleting_everything_removes_the_last_answer(tracker_for, domain, case_store_env):
    # The classifier's delete_my_data never reaches the form's validation.
    reference = await _answered_up_to(tracker_for, domain, 2)
    tracker = tracker_for("delete_my_data", confidence=0.8, text=UNDO, active_loop=FORM,
                          slots={"case_reference": reference, "case_verified": True, "prep_step": KEYS[2],
                                 "prep_role": "ung"})
    dispatcher = CollectingDispatcher()
    await ActionDeleteMyData().run(dispatcher, tracker, domain)
    assert _said(dispatcher.messages) == ["utter_prep_answer_removed"] and dispatcher.messages[0]["number"] == 2
    assert preparation.store().answers(reference)[KEYS[1]] is None


# --- 2. A parent's handover sentence is not saved with the answer ---

async def test_the_handover_sentences_are_not_saved_with_the_fathers_answer(tracker_for, domain, case_store_env):
    reference = await _answered_up_to(tracker_for, domain, 5)
    messages, events = await _validate(_answer_tracker(tracker_for, HANDOVER, KEYS[5], reference, intent="inform",
                                                       confidence=0.6, prep_role="ung"), domain)
    assert _said(messages)[0] == flow.content()["writer_reply_guardian"]
    assert preparation.store().answers(reference)[KEYS[5]] == "Hon behöver hjälp med att komma iväg till skolan"
    assert _slot_events(events)["prep_role"] == flow.content()["handover_role"]


async def test_a_handover_and_why_alone_saves_nothing(tracker_for, domain, case_store_env):
    reference = await _answered_up_to(tracker_for, domain, 5)
    messages, events = await _validate(_answer_tracker(tracker_for, "hej det är pappa nu, ella bad mig skriva en sak",
                                                       KEYS[5], reference, intent="inform", confidence=0.6,
                                                       prep_role="ung"), domain)
    assert _said(messages) == [flow.content()["writer_reply_guardian"]]
    assert KEYS[5] not in preparation.store().answers(reference)


# --- 3. A change at the summary with who sees the answers ---

@pytest.mark.parametrize("intent, confidence", [("faq", 0.9), ("inform", 0.5), ("nlu_fallback", 0.3)])
async def test_a_change_at_the_summary_with_who_sees_does_both(tracker_for, domain, case_store_env, intent,
                                                               confidence):
    # Got "Jag är inte säker på att jag förstod…" (faq).
    reference = await _answered_up_to(tracker_for, domain, len(KEYS))
    messages, events = await _validate(_answer_tracker(tracker_for, CHANGE_AND_WHO_SEES, flow.REVIEW, reference,
                                                       intent=intent, confidence=confidence, prep_role="ung"), domain)
    assert _said(messages) == ["utter_who_sees_answers"]
    assert _slot_events(events) == {SLOT: None, "prep_step": KEYS[2], "prep_editing": True, "prep_edit_next": []}


async def test_a_change_at_the_summary_read_as_privacy_does_both(tracker_for, domain, case_store_env):
    reference = await _answered_up_to(tracker_for, domain, len(KEYS))
    tracker = tracker_for("privacy", confidence=0.8, text=CHANGE_AND_WHO_SEES, active_loop=FORM,
                          slots={"case_reference": reference, "case_verified": True, "prep_step": flow.REVIEW,
                                 "prep_role": "ung"})
    dispatcher = CollectingDispatcher()
    events = await ActionPrivacy().run(dispatcher, tracker, domain)
    assert _said(dispatcher.messages) == ["utter_who_sees_answers"]
    assert SlotSet("prep_step", KEYS[2]) in events and SlotSet("prep_editing", True) in events


async def test_who_sees_alone_at_the_summary_is_still_answered_with_how_to_change(tracker_for, domain,
                                                                                  case_store_env):
    reference = await _answered_up_to(tracker_for, domain, len(KEYS))
    messages, events = await _validate(_answer_tracker(tracker_for, "vem får se det här", flow.REVIEW, reference,
                                                       intent="inform", confidence=0.5, prep_role="ung"), domain)
    assert _said(messages) == ["utter_who_sees_answers", flow.content()["who_sees_change_hint"]]
    assert _slot_events(events) == {SLOT: None}
