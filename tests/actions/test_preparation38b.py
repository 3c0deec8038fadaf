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


# --- 1. a wish to prepare starts the preparation (review of session 38: a question that did not name
# preparing was answered and the preparation only offered, which diverted start_preparation's own examples) ---

@pytest.mark.parametrize("text", ["kan du hjälpa mig att förbereda mig inför mötet?", "/start_preparation",
                                  "jag vill förbereda mig", "ska pa sip mote snart hjalp",
                                  "kan vi ta forberedelsefragorna", "kan du hjalpa mig bli redo for motet",
                                  "kan vi öva?", "kan du hjälpa mig inför mitt sip-möte?", "kan vi fortsätta?"])
async def test_a_wish_to_prepare_or_the_button_starts_as_before(tracker_for, domain, case_store_env, asked, text):
    dispatcher = CollectingDispatcher()
    events = await ActionPreparationStart().run(dispatcher, tracker_for("start_preparation", text=text), domain)
    assert "utter_preparation_intro" in _said(dispatcher.messages)
    assert "utter_offer_preparation" not in _said(dispatcher.messages)
    assert events[-1]["name"] == "preparation_form"


async def test_a_question_typed_at_the_role_question_takes_no_role(tracker_for, domain, case_store_env, asked):
    # alva-2's question, once the preparation has started: no role taken, and the way out ("avbryt") said.
    messages, slots = await _validate(_tracker(tracker_for, ALVA_2, flow.ROLE, prep_role=None), domain)
    assert _said(messages) == ["utter_prep_role_unknown"] and slots == {SLOT: None}


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


@pytest.mark.parametrize("text, step, role, age", [("14 typ, jag vill inte förbereda så mkt", flow.AGE, "ung", 14),
                                                   ("jag vill inte börja skolan igen, 15", flow.AGE, "ung", 15),
                                                   ("14 typ, jag vill inte förbereda så mkt", flow.ROLE, None, 14),
                                                   ("jag är förälder men jag vill inte börja än", flow.ROLE,
                                                    None, None)])
async def test_a_protest_with_a_role_or_age_the_step_reads_is_read_as_before(tracker_for, domain, case_store_env,
                                                                            asked, text, step, role, age):
    messages, slots = await _validate(_tracker(tracker_for, text, step, prep_role=role), domain)
    assert "utter_prep_not_started" not in _said(messages)
    assert slots.get("prep_step") != preparation.NOT_STARTED
    if step == flow.AGE:
        assert slots["prep_age"] == age
    else:
        assert slots["prep_role"] is not None


async def test_a_protest_when_back_with_answers_saved_does_not_end_the_form(tracker_for, domain, opened_case, asked):
    # Back with reference and code: answers are saved for the case, so "not started" is untrue.
    preparation.store().save_answer(opened_case.reference, KEYS[0], "att må bra", "ung")
    messages, slots = await _validate(_tracker(tracker_for, "jag vill inte börja", flow.AGE, opened_case.reference),
                                      domain)
    assert "utter_prep_not_started" not in _said(messages)
    assert slots.get("prep_step") != preparation.NOT_STARTED


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


# --- 4. no answer before the gap question: nothing saved; and no cut at every sentence of a long answer ---

@pytest.mark.parametrize("text", ["hej. kan mamma få tolk?", "vänta. kan mamma få tolk?",
                                  "gå tillbaka. kan mamma få tolk?", "ändra fråga 2. kan mamma få tolk?",
                                  "pausa. kan mamma få tolk?", "jag förstår inte. kan mamma få tolk?",
                                  "ok. kan mamma få tolk?"])
async def test_no_answer_before_a_gap_question_saves_nothing(tracker_for, domain, opened_case, asked, text):
    hard_now = next(q.key for q in flow.questions() if "svårt" in q.ask["ung"])
    messages, slots = await _validate(_tracker(tracker_for, text, hard_now, opened_case.reference,
                                               intent="inform", confidence=0.77), domain)
    assert preparation.store().answers(opened_case.reference) == {}
    assert slots.get(SLOT) is None and "prep_step" not in slots


def test_a_long_answer_is_not_checked_for_a_gap_at_every_sentence(monkeypatch):
    calls = []
    checked = flow.asks_about_a_gap

    def counting(text, question_asked):
        calls.append(text)
        return checked(text, question_asked)

    monkeypatch.setattr(flow, "asks_about_a_gap", counting)
    long_answer = " ".join(f"Mening {i} handlar om skolan och matte." for i in range(40)) + " kan mamma få tolk?"
    assert flow.answer_then_gap_question(long_answer, flow.question(WHO_HELPS)) is None
    assert len(calls) <= flow.ANSWER_THEN_GAP_MAX_SENTENCES  # was one call per sentence


async def test_a_long_answer_with_a_gap_question_is_checked_once(tracker_for, domain, opened_case, asked, monkeypatch):
    calls = []
    checked = flow.asks_about_a_gap
    monkeypatch.setattr(flow, "asks_about_a_gap", lambda text, question_asked: calls.append(text)
                        or checked(text, question_asked))
    long_answer = " ".join(f"Mening {i} handlar om skolan och matte." for i in range(40)) + " kan mamma få tolk?"
    await _validate(_tracker(tracker_for, long_answer, WHO_HELPS, opened_case.reference, intent="inform",
                             confidence=0.77), domain)
    assert len(calls) <= 2 and preparation.store().answers(opened_case.reference) == {}
