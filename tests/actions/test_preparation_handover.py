"""A parent who takes the phone mid-preparation answers as a guardian, and the young person back as themself
(persona round: Alva, 10, handed the phone to her dad, whose answers went to the meeting as hers)."""
from __future__ import annotations

import pytest
from rasa_sdk.executor import CollectingDispatcher

import actions.preparation as preparation
from actions import preparation_flow as flow
from actions.preparation import ActionAskPrepAnswer
from tests.actions.test_preparation import (FORM, KEYS, SLOT, _answer_tracker, _answered_up_to, _ask, _slot_events,
                                            _validate)

GUARDIAN = flow.content()["handover_role"]
BY_GUARDIAN = flow.answered_by(GUARDIAN)


def _texts(messages) -> list[str | None]:
    return [m.get("text") for m in messages]


def _given_by(reference, key) -> str:
    return preparation.store().preparation_answers(reference)[key].answered_by


@pytest.mark.parametrize("text, intent, confidence", [
    ("pappa här, jag skriver lite", "inform", 0.5),  # the persona's own
    ("hej det är mamma nu", "greet", 0.9), ("det är pappa nu", "inform", 0.5), ("hej det e mamma", "greet", 0.95),
    ("alvas pappa här", "inform", 0.6), ("pappa här. jag tar över", "inform", 0.5)])
async def test_a_parent_taking_over_answers_as_a_guardian_from_then_on(tracker_for, domain, case_store_env, text,
                                                                      intent, confidence):
    reference = await _answered_up_to(tracker_for, domain, 2)
    messages, events = await _validate(_answer_tracker(tracker_for, text, "hard_now", reference, intent=intent,
                                                       confidence=confidence, prep_role="ung", prep_age=10), domain)
    # Said who writes now; the age is kept (not asked again), and nothing is saved.
    assert _slot_events(events) == {SLOT: None, "prep_role": GUARDIAN}
    assert _texts(messages) == [flow.content()["writer_reply_guardian"]]
    assert "hard_now" not in preparation.store().answers(reference)
    # The same question, worded for the parent.
    message = await _ask(tracker_for, domain, prep_step="hard_now", prep_role=GUARDIAN, prep_age=10)
    assert message["text"] == f"Fråga 3 av {len(KEYS)}\n{flow.question('hard_now').ask[GUARDIAN]}"
    # The parent's next answer is saved as a guardian's.
    await _validate(_answer_tracker(tracker_for, "matte och att somna", "hard_now", reference, prep_role=GUARDIAN,
                                    prep_age=10), domain)
    assert _given_by(reference, "hard_now") == BY_GUARDIAN


async def test_the_parent_named_first_then_an_answer_is_saved_as_the_parents(tracker_for, domain, case_store_env):
    reference = await _answered_up_to(tracker_for, domain, 4)
    text = "det är mamma nu. han cyklar själv till skolan"
    messages, events = await _validate(_answer_tracker(tracker_for, text, KEYS[4], reference, prep_role="ung"), domain)
    assert _texts(messages)[0] == flow.content()["writer_reply_guardian"]
    assert _slot_events(events)["prep_role"] == GUARDIAN and _slot_events(events)["prep_step"] == KEYS[5]
    # Without who writes (verification round, session 35: the greeting was saved with the answer).
    assert preparation.store().answers(reference)[KEYS[4]] == "han cyklar själv till skolan"
    assert _given_by(reference, KEYS[4]) == BY_GUARDIAN


@pytest.mark.parametrize("text", ["alva igen", "det är jag igen", "nej det är jag igen", "alva här"])
async def test_the_young_person_back_answers_as_themself_again(tracker_for, domain, case_store_env, text):
    reference = await _answered_up_to(tracker_for, domain, 3)  # answers 1-3 by Alva herself
    preparation.store().save_answer(reference, KEYS[3], "skolsköterskan", BY_GUARDIAN)  # her dad's
    messages, events = await _validate(_answer_tracker(tracker_for, text, KEYS[4], reference, prep_role=GUARDIAN,
                                                       prep_age=10), domain)
    assert _slot_events(events) == {SLOT: None, "prep_role": "ung"}
    assert _texts(messages) == [flow.content()["writer_reply_young"]]
    await _validate(_answer_tracker(tracker_for, "cykla", KEYS[4], reference, prep_role="ung", prep_age=10), domain)
    assert _given_by(reference, KEYS[4]) == "ung"


async def test_the_young_person_back_before_any_answer_of_theirs_was_saved(tracker_for, domain, case_store_env):
    # She chose "Jag är den unga" in this conversation; her dad took the phone at the first question.
    tracker = tracker_for("inform", confidence=0.5, text="det är jag igen",
                          slots={SLOT: "det är jag igen", "prep_step": KEYS[0], "requested_slot": SLOT,
                                 "prep_role": GUARDIAN},
                          events=[{"event": "slot", "name": "prep_role", "value": "ung", "timestamp": None},
                                  {"event": "action", "name": "action_listen", "timestamp": None},
                                  {"event": "slot", "name": SLOT, "value": "det är jag igen", "timestamp": None}],
                          active_loop=FORM)
    messages, events = await _validate(tracker, domain)
    assert _slot_events(events) == {SLOT: None, "prep_role": "ung"}
    assert _texts(messages) == [flow.content()["writer_reply_young"]]


async def test_who_began_as_a_parent_is_not_taken_for_the_young_person(tracker_for, domain, case_store_env):
    # A parent who chose "fyller i för barnet" and typed "det är jag igen" after a break, or their own name.
    reference = await _answered_up_to(tracker_for, domain, 1)
    preparation.store().save_answer(reference, KEYS[0], "att må bra", BY_GUARDIAN)
    for text in ("det är jag igen", "johan här"):
        messages, events = await _validate(_answer_tracker(tracker_for, text, KEYS[1], reference, prep_role=GUARDIAN),
                                           domain)
        assert _slot_events(events) == {SLOT: None} and _texts(messages) == [flow.content()["writer_reply"]]


@pytest.mark.parametrize("text", ["mormor här", "johan här", "det är storebror nu"])
async def test_someone_else_than_a_parent_changes_nothing(tracker_for, domain, case_store_env, text):
    reference = await _answered_up_to(tracker_for, domain, 2)
    messages, events = await _validate(_answer_tracker(tracker_for, text, "hard_now", reference, prep_role="ung"),
                                       domain)
    assert _slot_events(events) == {SLOT: None} and _texts(messages) == [flow.content()["writer_reply"]]


async def test_a_handover_at_the_summary_makes_the_parents_changes_theirs(tracker_for, domain, case_store_env):
    reference = await _answered_up_to(tracker_for, domain, len(KEYS))
    messages, events = await _validate(_answer_tracker(tracker_for, "det är pappa nu", flow.REVIEW, reference,
                                                       prep_role="ung"), domain)
    assert _slot_events(events) == {SLOT: None, "prep_role": GUARDIAN}
    assert preparation.store().preparation_completed_at(reference) is None
    await _validate(_answer_tracker(tracker_for, "ändra 2 till fotboll på lördagar", flow.REVIEW, reference,
                                    prep_role=GUARDIAN), domain)
    assert _given_by(reference, KEYS[1]) == BY_GUARDIAN
    # The summary shows it as his.
    summary = (await _ask(tracker_for, domain, prep_step=flow.REVIEW, case_reference=reference))["summary"]
    mark = flow.content()["written_by"][BY_GUARDIAN]
    assert summary.splitlines()[1] == f"2. Det här fungerar bra nu: fotboll på lördagar {mark}"
    assert summary.splitlines()[0].endswith(": Att må bra")  # hers, unmarked


async def test_the_answers_so_far_show_a_parents_answer_as_theirs(tracker_for, domain, case_store_env):
    reference = await _answered_up_to(tracker_for, domain, 3)
    preparation.store().save_answer(reference, KEYS[2], "matte", BY_GUARDIAN)
    dispatcher = CollectingDispatcher()
    tracker = _answer_tracker(tracker_for, "visa mina svar", KEYS[3], reference, prep_role="ung")
    await preparation.ValidatePreparationForm().run(dispatcher, tracker, domain)
    lines = dispatcher.messages[0]["text"].splitlines()
    assert lines[3] == f"3. Det här är svårt nu: matte {flow.content()['written_by'][BY_GUARDIAN]}"
    assert not lines[1].endswith(")")


async def test_a_parents_question_after_saying_who_writes_is_still_only_answered(tracker_for, domain, case_store_env,
                                                                                 monkeypatch):
    # Kept as it was (verification round, session 34): greeted, the question answered, the role unchanged.
    async def answer(self, dispatcher, tracker, domain):
        dispatcher.utter_message(text="svaret")
        return []

    monkeypatch.setattr(preparation.ActionAnswerQuestion, "run", answer)
    reference = await _answered_up_to(tracker_for, domain, 2)
    text = "hej det är mamma igen. kan jag också skriva vad jag tycker någonstans?"
    messages, events = await _validate(_answer_tracker(tracker_for, text, "hard_now", reference, intent="faq",
                                                       confidence=0.6, prep_role="ung"), domain)
    assert _slot_events(events) == {SLOT: None} and _texts(messages) == [flow.content()["writer_reply"], "svaret"]
    dispatcher = CollectingDispatcher()
    await ActionAskPrepAnswer().run(dispatcher, tracker_for("faq", text=text, slots={"prep_step": "hard_now",
                                                                                     "prep_role": "ung"}), domain)
    assert flow.question("hard_now").ask["ung"] in dispatcher.messages[0]["text"]
