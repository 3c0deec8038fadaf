"""An answer typed in a form that the classifier took for `help` is kept as the answer, as Rasa runs the
turn: action_extract_slots runs the slot mapping's action_answer_read_as_help; its candidate is
validated by the form's own validation like any answer. A plea sets nothing, the form rejects, and
the `help` rule runs action_help_in_form (the menu). Real Trackers, the real domain and validation,
a real SQLite case store."""
from __future__ import annotations

from typing import Any

import pytest
from rasa_sdk import FormValidationAction, Tracker
from rasa_sdk.executor import CollectingDispatcher

import actions.preparation as preparation
from actions import preparation_flow as flow
from actions.consent import ValidateConsentForm
from actions.help_in_form import ActionAnswerReadAsHelp, ActionHelpInForm
from actions.preparation import ValidatePreparationForm
from actions.request import ValidateRequestForm

TEEN = {"requested_slot": "prep_answer", "prep_role": "ung", "prep_age": 16}
NEEDS = "hon behöver hjälp med skolan och att sova"
PARENT = {"requested_slot": "request_needs", "request_role": "vardnadshavare"}
KEYS = [q.key for q in flow.questions()]
# Question 10 asks for questions ("Vilka frågor vill du få svar på under mötet?"), question 1 for a goal.
ASKS_QUESTIONS = next(q.key for q in flow.questions() if q.answers_are_questions)


def _tracker(text: str, intent: str, form: str, slots: dict[str, Any], candidates=()) -> Tracker:
    parse = {"text": text, "intent": {"name": intent, "confidence": 0.7}, "entities": []}
    # As Rasa hands the form's validation a reply: the slot candidates last among the events.
    events = [{"event": "action", "name": "action_listen"}, {"event": "user", "text": text, "parse_data": parse},
              *candidates]
    slots = {**slots, **{e["name"]: e["value"] for e in candidates}}
    return Tracker("test-user", slots, parse, events, False, None, {"name": form}, "action_listen")


async def _turn(text: str, form: str, slots: dict[str, Any], validator: type[FormValidationAction],
                domain: dict[str, Any], intent: str = "help"):
    """(responses, texts, slot events) of one turn. The mapping's action gets no domain (Rasa sends it
    only to actions marked send_domain), the form's validation does."""
    dispatcher = CollectingDispatcher()
    candidates = await ActionAnswerReadAsHelp().run(dispatcher, _tracker(text, intent, form, slots), {}) \
        if intent == "help" else [{"event": "slot", "name": slots["requested_slot"], "value": text}]
    if not candidates:
        events = await ActionHelpInForm().run(dispatcher, _tracker(text, intent, form, slots), {})
    else:
        events = await validator().run(dispatcher, _tracker(text, intent, form, slots, candidates), domain)
    return ([m.get("response") for m in dispatcher.messages], [m.get("text") for m in dispatcher.messages],
            {e["name"]: e["value"] for e in events if e.get("event") == "slot"})


def _without_the_case(slots: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in slots.items() if k != "case_reference"}


@pytest.mark.parametrize("step", [ASKS_QUESTIONS, KEYS[0]])
async def test_the_preparation_keeps_the_answer_and_asks_the_next_question(domain, case_store_env, step):
    # Session 36: a 16-year-old typed "hur jag mår o vad jag får för hjälp" at what she wants from the
    # meeting, got the menu, and the answer was lost.
    text = "hur jag mår o vad jag får för hjälp"
    responses, _, slots = await _turn(text, "preparation_form", {**TEEN, "prep_step": step}, ValidatePreparationForm,
                                      domain)
    assert "utter_help" not in responses
    assert preparation.store().answers(slots["case_reference"]) == {step: text}
    assert slots["prep_step"] == KEYS[KEYS.index(step) + 1]
    # Exactly as the same answer classified as an everyday answer.
    as_inform = await _turn(text, "preparation_form", {**TEEN, "prep_step": step}, ValidatePreparationForm, domain,
                            intent="inform")
    assert (responses, _without_the_case(slots)) == (as_inform[0], _without_the_case(as_inform[2]))


async def test_the_request_keeps_the_needs_as_any_answer(domain, case_store_env):
    responses, texts, slots = await _turn(NEEDS, "request_form", PARENT, ValidateRequestForm, domain)
    assert slots["request_needs"] == NEEDS and "utter_help" not in responses
    assert (responses, texts, slots) == await _turn(NEEDS, "request_form", PARENT, ValidateRequestForm, domain,
                                                    intent="inform")


async def test_the_consent_keeps_what_may_be_shared(domain, case_store_env):
    text = "hur det går i skolan och vilken hjälp hon får"
    slots = {"requested_slot": "consent_may_share", "consent_giver": "vardnadshavare"}
    responses, _, kept = await _turn(text, "consent_form", slots, ValidateConsentForm, domain)
    assert kept["consent_may_share"] == text and "utter_help" not in responses


@pytest.mark.parametrize("text", ["hjälp", "jag behöver hjälp", "hjälp mig", "jag behöver hjälp med det här"])
@pytest.mark.parametrize("form, slots, validator", [
    ("preparation_form", {**TEEN, "prep_step": KEYS[0]}, ValidatePreparationForm),
    ("request_form", PARENT, ValidateRequestForm)])
async def test_a_plea_still_gets_the_menu_and_nothing_is_saved(domain, case_store_env, text, form, slots, validator):
    assert await _turn(text, form, slots, validator, domain) == (["utter_help"], [None], {})


async def test_not_understanding_the_preparation_question_is_still_asked_in_other_words(domain, case_store_env):
    # action_help_in_form's own case (session 26): no menu, nothing saved, the form rephrases.
    assert await _turn("jag fattar inte vad du menar", "preparation_form", {**TEEN, "prep_step": KEYS[0]},
                       ValidatePreparationForm, domain) == ([], [], {})


async def test_a_fact_question_takes_nothing_from_the_help_intent(domain, case_store_env):
    # The mapping is on the free-text questions only; the action checks it too.
    tracker = _tracker("han heter Elias och behöver hjälp", "help", "request_form",
                       {"requested_slot": "request_child_name"})
    assert await ActionAnswerReadAsHelp().run(CollectingDispatcher(), tracker, {}) == []
