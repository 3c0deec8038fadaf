"""Persona round, session 39: the young person's preparation. Noah, 13 ("orka" saved as answer 6; "vänta ja
har redan gjort den förut" at the role question; "ta bort 5 den blev fel"; "vänta förra frågan, …" lost its
answer; "se svaren" after opening his case), Fatima, a mother (a reference typed at the role question took the
young person's role; "jag ar mamma" at the age question; "vanta om jag skriver han slar, …?" and an old
"Ja, spara" saved as answers), Elin, 19 ("varför fick jag en hjälp-knapp nyss? …" saved) and Lina, 14 ("hej det
är lina jag skriver själv nu." saved with answer 1). Real trackers, the real domain and case store."""
from __future__ import annotations

import pytest
from rasa_sdk.executor import CollectingDispatcher

import actions.preparation as preparation
from actions import preparation_flow as flow
from actions.preparation import ActionPreparationDone, ActionPrivacy
from tests.actions.test_preparation_persona35c import _said, _validate, asked  # noqa: F401 - `asked` is a fixture
from tests.actions.test_preparation_persona36 import SLOT, _tracker

KEYS = [q.key for q in flow.questions()]
TEXTS = flow.content()


def _slots(events):
    return {e["name"]: e["value"] for e in events if e["event"] == "slot"}


# --- 1. "orka" alone at a question is a pause, not the answer ---

@pytest.mark.parametrize("text", ["orka", "orkar inte", "orka 😤", "asså orkar inte", "pallar inte"])
async def test_orka_alone_pauses_and_saves_nothing(tracker_for, domain, opened_case, asked, text):
    messages, slots = await _validate(_tracker(tracker_for, text, KEYS[5], opened_case.reference), domain)
    assert slots[SLOT] is None and slots["prep_step"] == preparation.PAUSED  # the form ends (requested_slot)
    assert preparation.store().answers(opened_case.reference) == {} and messages == []


@pytest.mark.parametrize("text, help_near", [("orka 😤", False), ("orkar inte", True),
                                             # review of session 39: a bare "pallar inte" paused with no button
                                             ("pallar inte", True),
                                             # "orkar inte mer asså" read as `stop` pauses too
                                             ("orkar inte mer asså", True)])
async def test_the_pause_keeps_help_near_when_it_may_tell_of_a_heavy_feeling(tracker_for, domain, opened_case,
                                                                              text, help_near):
    # Saved as an answer, "orkar inte" got the heard-you line with the help button (heavy_feelings).
    tracker = _tracker(tracker_for, text, preparation.PAUSED, opened_case.reference, prep_active=True)
    dispatcher = CollectingDispatcher()
    await ActionPreparationDone().run(dispatcher, tracker, domain)
    said = _said(dispatcher.messages)
    assert said[0] == "utter_stopped"
    assert (TEXTS["paused_help_near"] in said) == help_near
    if help_near:
        assert dispatcher.messages[-1]["buttons"] == [{"title": "Jag behöver hjälp nu", "payload": "/crisis"}]


@pytest.mark.parametrize("text", ["jag orkar inte längre", "orkar inte mer", "asså orkar inte mer",
                                  "pallar inte längre"])
async def test_not_coping_any_longer_is_heard_with_the_help_button_not_paused(tracker_for, domain, opened_case,
                                                                               asked, text):
    # Review of session 39: these paused the preparation in silence ("pallar inte längre" with no help button
    # after it); as before the pause came, the answer is kept and heard, with the help button.
    messages, slots = await _validate(_tracker(tracker_for, text, KEYS[5], opened_case.reference), domain)
    assert slots["prep_step"] == KEYS[6] and "utter_prep_heard_you" in _said(messages)
    assert preparation.store().answers(opened_case.reference) == {KEYS[5]: text}


@pytest.mark.parametrize("text", ["orkar inte gå i skolan", "att orka plugga"])
async def test_orka_in_an_answer_is_still_saved(tracker_for, domain, opened_case, asked, text):
    messages, slots = await _validate(_tracker(tracker_for, text, KEYS[5], opened_case.reference), domain)
    assert preparation.store().answers(opened_case.reference) == {KEYS[5]: text}
    assert slots["prep_step"] == KEYS[6]


# --- 2. a reference typed at the role question; a parent's "jag ar mamma" at the age question ---

FATIMA_REFERENCE = "jag har referens KWHT-JR9C fran igar. kan du spara har?"


async def test_a_reference_at_the_role_question_opens_that_case_and_takes_no_role(tracker_for, domain,
                                                                                 case_store_env, asked):
    tracker = _tracker(tracker_for, FATIMA_REFERENCE, flow.ROLE, prep_role=None)
    messages, slots = await _validate(tracker, domain)
    assert slots["prep_step"] == preparation.OPEN_CASE and "prep_role" not in slots and asked == []
    # The form then ends; the case is opened with its code (the reference read from the same message).
    done = _tracker(tracker_for, FATIMA_REFERENCE, preparation.OPEN_CASE, prep_role=None)
    events = await ActionPreparationDone().run(CollectingDispatcher(), done, domain)
    assert _slots(events)["case_reference"] == "KWHT-JR9C" and _slots(events)["prep_role"] is None
    assert events[-1] == {"event": "followup", "name": "case_access_form", "timestamp": None}


async def test_a_reference_with_a_question_read_as_privacy_takes_no_role(tracker_for, domain, case_store_env):
    # The same message read as `privacy` (a rule's action, not the form): who sees the answers, and no role.
    tracker = _tracker(tracker_for, "jag har referens KWHT-JR9C. vem ser mina svar?", flow.ROLE, prep_role=None,
                       intent="privacy", confidence=0.9)
    dispatcher = CollectingDispatcher()
    events = await ActionPrivacy().run(dispatcher, tracker, domain)
    assert "prep_role" not in _slots(events) and "utter_who_sees_answers" in _said(dispatcher.messages)


async def test_a_parent_at_the_age_question_gets_a_parents_role_and_the_childs_age(tracker_for, domain,
                                                                                  case_store_env, asked):
    messages, slots = await _validate(_tracker(tracker_for, "jag ar mamma. 38 ar. yusuf ar 9", flow.AGE), domain)
    assert _said(messages) == [TEXTS["role_parent_taken"]]
    assert slots["prep_role"] == "for_barnet" and slots["prep_age"] == 9 and slots["prep_step"] == KEYS[0]


async def test_not_the_child_but_mamma_at_the_age_question_asks_the_childs_age(tracker_for, domain,
                                                                              case_store_env, asked):
    messages, slots = await _validate(_tracker(tracker_for, "jag ar inte barnet!! jag ar mamma", flow.AGE), domain)
    assert _said(messages) == [TEXTS["role_parent_taken"]]
    assert slots == {SLOT: None, "prep_role": "for_barnet"}  # the age question again: "Hur gammal är barnet?"


async def test_a_parents_age_with_the_childs_is_the_childs(tracker_for, domain, case_store_env, asked):
    tracker = _tracker(tracker_for, "jag ar mamma. 38 ar. yusuf ar 9", flow.AGE, prep_role="for_barnet")
    messages, slots = await _validate(tracker, domain)
    assert "utter_prep_age_unknown" not in _said(messages) and slots["prep_age"] == 9


async def test_not_the_child_at_a_question_asks_the_role_again(tracker_for, domain, opened_case, asked):
    messages, slots = await _validate(_tracker(tracker_for, "jag ar inte barnet!!", KEYS[0], opened_case.reference),
                                      domain)
    assert slots["prep_step"] == flow.ROLE and slots["prep_role"] is None
    assert preparation.store().answers(opened_case.reference) == {}


# --- 3. someone who did it before is asked for reference and code ---

async def test_done_before_at_the_role_question_asks_for_reference_and_code(tracker_for, domain,
                                                                           case_store_env, asked):
    text = "vänta ja har redan gjort den förut"
    messages, slots = await _validate(_tracker(tracker_for, text, flow.ROLE, prep_role=None), domain)
    assert _said(messages) == [TEXTS["done_before_reply"]]
    assert slots["prep_step"] == preparation.OPEN_CASE and "prep_role" not in slots
    done = _tracker(tracker_for, text, preparation.OPEN_CASE, prep_role=None)
    events = await ActionPreparationDone().run(CollectingDispatcher(), done, domain)
    assert _slots(events)["case_next_action"] == preparation.START
    assert events[-1]["name"] == "case_access_form"


# --- 4. "vänta om jag skriver …?" is a question, never an answer ---

FATIMA_WHAT_IF = "vanta om jag skriver han slar, skolan ser det och ringer socialen?"


async def test_what_if_i_write_read_as_privacy_keeps_nothing(tracker_for, domain, opened_case):
    tracker = _tracker(tracker_for, FATIMA_WHAT_IF, KEYS[3], opened_case.reference, intent="privacy", confidence=0.84)
    dispatcher = CollectingDispatcher()
    events = await ActionPrivacy().run(dispatcher, tracker, domain)
    assert "utter_prep_saved_before_question" not in _said(dispatcher.messages)
    assert "utter_privacy" in _said(dispatcher.messages) and _slots(events) == {}
    assert preparation.store().answers(opened_case.reference) == {}


async def test_what_if_i_write_in_the_form_is_answered_not_saved(tracker_for, domain, opened_case, asked):
    text = "om jag skriver att pappa dricker, får han veta det?"
    messages, slots = await _validate(_tracker(tracker_for, text, KEYS[3], opened_case.reference), domain)
    assert slots == {SLOT: None} and asked == [text]
    assert preparation.store().answers(opened_case.reference) == {}
    assert TEXTS["what_if_danger_help"] not in _said(messages)  # no word of danger: no help button


HELP_NOW = [{"title": "Jag behöver hjälp nu", "payload": "/crisis"}]


async def test_what_if_i_write_with_a_danger_word_has_the_help_button(tracker_for, domain, opened_case, asked):
    # Review of session 39: "han slar" got only who sees the answers.
    messages, slots = await _validate(_tracker(tracker_for, FATIMA_WHAT_IF, KEYS[3], opened_case.reference), domain)
    assert slots == {SLOT: None} and preparation.store().answers(opened_case.reference) == {}
    assert _said(messages)[-1] == TEXTS["what_if_danger_help"] and messages[-1]["buttons"] == HELP_NOW


async def test_what_if_i_write_with_a_danger_word_read_as_privacy_has_the_help_button(tracker_for, domain,
                                                                                     opened_case):
    tracker = _tracker(tracker_for, FATIMA_WHAT_IF, KEYS[3], opened_case.reference, intent="privacy", confidence=0.84)
    dispatcher = CollectingDispatcher()
    await ActionPrivacy().run(dispatcher, tracker, domain)
    assert _said(dispatcher.messages)[-1] == TEXTS["what_if_danger_help"]
    assert dispatcher.messages[-1]["buttons"] == HELP_NOW


# --- 5. "varför fick jag en hjälp-knapp nyss?" is about the bot ---

async def test_why_a_help_button_is_explained_and_nothing_saved(tracker_for, domain, opened_case, asked):
    text = "varför fick jag en hjälp-knapp nyss? jag sa ju att jag har kurator och tränar, jag mår ok"
    messages, slots = await _validate(_tracker(tracker_for, text, KEYS[2], opened_case.reference, prep_age=19),
                                      domain)
    assert _said(messages) == [TEXTS["why_help_button"]] and slots == {SLOT: None} and asked == []
    assert preparation.store().answers(opened_case.reference) == {}


# --- 6. "hej det är lina jag skriver själv nu." is no answer ---

async def test_a_handover_without_a_comma_is_not_saved_with_the_answer(tracker_for, domain, opened_case, asked):
    text = "hej det är lina jag skriver själv nu. typ att få vara i fred och att skolan slutar tjata"
    await _validate(_tracker(tracker_for, text, KEYS[0], opened_case.reference,
                             prep_role=flow.FOSTER_TOGETHER), domain)
    assert preparation.store().answers(opened_case.reference) == {
        KEYS[0]: "typ att få vara i fred och att skolan slutar tjata"}


async def test_a_handover_alone_is_greeted_and_not_saved(tracker_for, domain, opened_case, asked):
    messages, slots = await _validate(_tracker(tracker_for, "hej det är lina jag skriver själv nu", KEYS[0],
                                               opened_case.reference, prep_role=flow.FOSTER_TOGETHER), domain)
    assert slots == {SLOT: None} and preparation.store().answers(opened_case.reference) == {}


# --- 7. "ta bort 5 den blev fel" at the summary; an answer after "förra frågan," is kept ---

async def test_remove_with_it_was_wrong_removes_at_the_summary(tracker_for, domain, opened_case, asked):
    preparation.store().save_answer(opened_case.reference, KEYS[4], "cykla", "ung")
    messages, slots = await _validate(_tracker(tracker_for, "ta bort 5 den blev fel", flow.REVIEW,
                                               opened_case.reference), domain)
    assert _said(messages) == ["utter_prep_answer_removed"]
    assert preparation.store().answers(opened_case.reference)[KEYS[4]] is None


async def test_an_answer_after_going_back_is_the_new_answer_before(tracker_for, domain, opened_case, asked):
    preparation.store().save_answer(opened_case.reference, KEYS[8], "jag hatar sitta still", "ung")
    text = "vänta förra frågan, jag vill inte att dom pratar om betyg"
    messages, slots = await _validate(_tracker(tracker_for, text, KEYS[9], opened_case.reference), domain)
    assert preparation.store().answers(opened_case.reference)[KEYS[8]] == "jag vill inte att dom pratar om betyg"
    assert slots["prep_step"] == KEYS[9]
    assert TEXTS["change_saved"].format(number=9) in _said(messages)


@pytest.mark.parametrize("text", ["vänta förra frågan", "förra frågan. vad var den", "gå tillbaka",
                                  # review of session 39: a mistake named or nothing said is no new answer
                                  "kan vi gå tillbaka, jag menade något annat", "tillbaka, jag vet inte",
                                  "backa, jag råkade skriva fel där", "gå tillbaka, jag tryckte fel",
                                  "tillbaka, vänta"])
async def test_going_back_alone_still_goes_back(tracker_for, domain, opened_case, asked, text):
    preparation.store().save_answer(opened_case.reference, KEYS[8], "jag hatar sitta still", "ung")
    messages, slots = await _validate(_tracker(tracker_for, text, KEYS[9], opened_case.reference), domain)
    assert slots == {SLOT: None, "prep_step": KEYS[8]} and _said(messages) == [TEXTS["go_back_done"]]
    assert preparation.store().answers(opened_case.reference) == {KEYS[8]: "jag hatar sitta still"}


# --- 8. "se svaren" after opening a case shows the answers ---

async def test_see_the_answers_read_as_privacy_outside_the_form_shows_them(tracker_for, domain, opened_case):
    preparation.store().save_answer(opened_case.reference, KEYS[1], "fotboll", "ung")
    tracker = tracker_for("privacy", confidence=0.81, text="se svaren",
                          slots={"case_reference": opened_case.reference, "case_verified": True})
    dispatcher = CollectingDispatcher()
    await ActionPrivacy().run(dispatcher, tracker, domain)
    said = _said(dispatcher.messages)
    assert "utter_privacy" not in said and "fotboll" in said[0] and said[-1] == TEXTS["change_hint"]


# --- 9. an old "Ja, spara" is never an answer ---

async def test_an_old_save_button_is_not_saved(tracker_for, domain, opened_case, asked):
    messages, slots = await _validate(_tracker(tracker_for, "Ja, spara", KEYS[1], opened_case.reference,
                                               intent="affirm", confidence=1.0), domain)
    assert _said(messages) == [TEXTS["stale_save_button"]] and slots == {SLOT: None}
    assert preparation.store().answers(opened_case.reference) == {}


async def test_the_save_button_still_saves_the_answer_held_back(tracker_for, domain, opened_case, asked):
    tracker = _tracker(tracker_for, "Ja, spara", KEYS[1], opened_case.reference, intent="affirm", confidence=1.0,
                       prep_doubtful="hemma går bra?")
    await _validate(tracker, domain)
    assert preparation.store().answers(opened_case.reference) == {KEYS[1]: "hemma går bra?"}
