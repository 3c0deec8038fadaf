"""Session 38: Sara, 17, asked without "?" whether her mother sees the answers, and "asså ser mamma det här" was
saved as what mattered most to her; "men om jag inte vill ha mamma där då" was saved as who should come; "det där
var inte ett svar" was told to write "ändra fråga 2" at question 2. A father preparing for his son was told
"det som är viktigt för dig". Real trackers, the real domain and a real case store."""
from __future__ import annotations

import sqlite3

import pytest
from rasa_sdk.executor import CollectingDispatcher

import actions.preparation as preparation
from actions import preparation_flow as flow
from actions.preparation import ActionPreparationDone, ActionPreparationStart, ActionPrivacy
from tests.actions.test_preparation_persona35c import _said, _validate, asked  # noqa: F401 - `asked` is a fixture
from tests.actions.test_preparation_persona36 import SLOT, _tracker

KEYS = [q.key for q in flow.questions()]
PARTICIPANTS = "participants"
CHANGE_HINT = flow.content()["who_sees_change_hint"]


def _case_count(data_dir) -> int:
    with sqlite3.connect(data_dir / "casestore.sqlite3") as conn:
        return conn.execute("SELECT COUNT(*) FROM cases").fetchone()[0]


# --- 1. a question that opens with its verb is answered, never saved ---

async def test_sees_mum_this_read_as_privacy_is_answered_and_not_saved(tracker_for, domain, case_store_env):
    # Read as `privacy` (0.97) the rule's action saved it as answer 1, with the reference and code.
    tracker = _tracker(tracker_for, "asså ser mamma det här", KEYS[0], intent="privacy", confidence=0.97)
    dispatcher = CollectingDispatcher()
    events = await ActionPrivacy().run(dispatcher, tracker, domain)
    assert _said(dispatcher.messages) == ["utter_who_sees_answers", "utter_who_sees_answers_parents", "utter_privacy"]
    assert events == [] and _case_count(case_store_env) == 0


async def test_sees_mum_this_in_the_form_is_who_sees_and_not_saved(tracker_for, domain, opened_case, asked):
    messages, slots = await _validate(_tracker(tracker_for, "asså ser mamma det här", KEYS[0], opened_case.reference),
                                      domain)
    assert _said(messages) == ["utter_who_sees_answers", "utter_who_sees_answers_parents", CHANGE_HINT]
    assert slots == {SLOT: None} and asked == [] and preparation.store().answers(opened_case.reference) == {}


@pytest.mark.parametrize("text", ["men bestämmer jag det på riktigt?", "men om jag inte vill ha mamma där då",
                                  "vill dom veta vem jag vill ha där"])
async def test_a_question_at_who_comes_is_answered_not_saved_nor_checked(tracker_for, domain, opened_case, asked,
                                                                         text):
    # "men om … då" was saved without a word; "bestämmer jag det på riktigt?" got "Ska jag spara det här…?".
    messages, slots = await _validate(_tracker(tracker_for, text, PARTICIPANTS, opened_case.reference), domain)
    assert asked == [text] and slots == {SLOT: None}
    assert preparation.store().answers(opened_case.reference) == {}


@pytest.mark.parametrize("text, step", [
    ("vill bli frisör", KEYS[0]), ("ser fram emot sommarlovet", KEYS[1]), ("ser pappa varje helg", KEYS[1]),
    ("spelar fotboll med kompisar", KEYS[1]), ("gillar fotboll", KEYS[1]), ("får hjälp av mormor", KEYS[3]),
    ("kan rita bra", KEYS[4]), ("vill dom ska lyssna på mig", KEYS[5]), ("ser mamma o pappa", PARTICIPANTS),
    ("bestämmer jag själv", PARTICIPANTS)])
async def test_answers_that_open_with_a_verb_are_saved(tracker_for, domain, opened_case, asked, text, step):
    messages, slots = await _validate(_tracker(tracker_for, text, step, opened_case.reference, intent="inform",
                                               confidence=0.8), domain)
    assert asked == [] and "utter_who_sees_answers" not in _said(messages)
    assert preparation.store().answers(opened_case.reference) == {step: text}


async def test_an_answer_that_opens_with_a_verb_read_as_privacy_is_saved(tracker_for, domain, case_store_env):
    tracker = _tracker(tracker_for, "ser fram emot sommarlovet", KEYS[1], intent="privacy", confidence=0.9)
    dispatcher = CollectingDispatcher()
    events = await ActionPrivacy().run(dispatcher, tracker, domain)
    slots = {e["name"]: e["value"] for e in events if e["event"] == "slot"}
    assert preparation.store().answers(slots["case_reference"]) == {KEYS[1]: "ser fram emot sommarlovet"}


# --- 2. "det där var inte ett svar": the question just answered, and her question answered ---

async def test_not_an_answer_with_the_question_again_says_who_sees_and_names_the_answer_just_given(
        tracker_for, domain, opened_case, asked):
    text = "vänta det där var inte ett svar. jag frågade om mamma ser mina svar??"
    messages, slots = await _validate(_tracker(tracker_for, text, KEYS[1], opened_case.reference), domain)
    reply = flow.about_the_questions_reply(KEYS[1])
    assert _said(messages) == ["utter_who_sees_answers", "utter_who_sees_answers_parents", reply]
    assert "”ändra fråga 1”" in reply and "fråga 2" not in reply
    assert slots == {SLOT: None} and asked == []


async def test_not_an_answer_alone_names_the_question_before(tracker_for, domain, opened_case, asked):
    messages, _ = await _validate(_tracker(tracker_for, "du sparade det, det var inte ett svar", KEYS[6],
                                           opened_case.reference), domain)
    assert _said(messages) == [flow.about_the_questions_reply(KEYS[6])]
    assert "”ändra fråga 6”" in messages[0]["text"]


def test_at_the_first_question_no_answer_is_offered_to_change():
    assert "ändra fråga" not in flow.about_the_questions_reply(KEYS[0])


# --- 3. a parent is told the meeting is about the child ---

async def test_a_father_who_said_so_gets_the_intro_about_the_child(tracker_for, domain, case_store_env):
    tracker = tracker_for("start_preparation", text="jag vill förbereda mötet",
                          events=[{"event": "user", "text": "jag ar pappa. min son Yusuf 9 ar", "parse_data": {}}])
    dispatcher = CollectingDispatcher()
    await ActionPreparationStart().run(dispatcher, tracker, domain)
    assert _said(dispatcher.messages)[0] == "utter_preparation_intro_guardian"
    assert "viktigt för barnet" in domain["responses"]["utter_preparation_intro_guardian"][0]["text"]


@pytest.mark.parametrize("role, response", [("for_barnet", "utter_preparation_saved_guardian"),
                                            ("med_barnet", "utter_preparation_saved_guardian"),
                                            ("ung", "utter_preparation_saved"),
                                            ("familjehem_med_barnet", "utter_preparation_saved")])
async def test_the_closing_text_speaks_of_the_child_to_a_parent(tracker_for, domain, role, response):
    tracker = tracker_for(None, slots={"case_reference": "KXMP-7RTA", "prep_step": flow.DONE, "prep_role": role})
    dispatcher = CollectingDispatcher()
    await ActionPreparationDone().run(dispatcher, tracker, domain)
    assert [(m["response"], m["reference"]) for m in dispatcher.messages] == [(response, "KXMP-7RTA")]
    assert "viktigt för barnet" in domain["responses"]["utter_preparation_saved_guardian"][0]["text"]


async def test_why_we_ask_speaks_of_the_child_to_a_parent(tracker_for, domain, opened_case):
    messages, _ = await _validate(_tracker(tracker_for, "varför frågar du det?", KEYS[2], opened_case.reference,
                                           prep_role="for_barnet"), domain)
    assert _said(messages) == [flow.content()["why_we_ask_guardian"]]
