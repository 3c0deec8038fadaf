"""The crisis help after verification round of session 35: a father's "när ringer dom?" right after sending a request,
read as `help_now` by the classifier alone, is answered as a question; the chats ("Du behöver inte ringa")
only for someone who speaks of not wanting to call; whom to call, asked right after the check-in or the
thanks for everyday talk, gets the gentle help; "saker hemma", the bot's own example at the preparation's
question on what not to talk about, gets no check-in. Real Trackers, the real domain and form validation."""
from __future__ import annotations

from typing import Any

import pytest
from rasa_sdk import Tracker

import actions.preparation as preparation
from actions import preparation_flow as flow
from actions.answer_question import ActionAnswerQuestion
from actions.conversation import ActionReachAPerson
from actions.crisis_help import (ActionCrisisCheckIn, ActionCrisisHelp, ActionEverydayTalk, crisis_reply,
                                 gentle_reply, guardian_reply, help_button, help_data, resume_button)
from tests.actions.test_crisis_persona35 import _run, _tracker

PAYLOAD = help_data()["button"]["payload"]


def _user(text: str, intent: str, confidence: float = 0.67) -> dict[str, Any]:
    return {"event": "user", "text": text,
            "parse_data": {"text": text, "intent": {"name": intent, "confidence": confidence}, "entities": []}}




def _texts(messages) -> list[str]:
    return [m.get("text") or "" for m in messages]


FULL_REPLIES = (crisis_reply(), guardian_reply())
SENT = [_user("jag är pappa till en kille på 13 och vill begära en sip", "request_sip", 0.95),
        {"event": "bot", "text": "…", "metadata": {"utter_action": "utter_request_saved"}},
        {"event": "action", "name": "action_listen"}]


# --------------------------------------------------------------------------- #
# 1. A question the classifier alone, unsure, read as help_now is answered
# --------------------------------------------------------------------------- #

@pytest.mark.parametrize("text", ["när ringer dom?", "när hör skolan av sig?", "vem ringer mig", "när ringer dom"])
async def test_a_question_about_something_else_read_as_help_now_is_answered_not_given_the_crisis_reply(
        domain, text):
    messages, _ = await _run(ActionCrisisHelp(), _tracker([*SENT, _user(text, "help_now")]), domain)
    texts = _texts(messages)
    assert not set(texts) & set(FULL_REPLIES) and not any("116 111" in t or "90101" in t for t in texts)
    # Answered as a question first, then the help one tap away.
    assert len(messages) >= 2 and texts[-1] == help_data()["follow_up_help"]
    assert messages[-1]["buttons"] == [help_button()]


async def test_inside_a_form_the_answer_comes_with_the_way_back(domain):
    # The rules end the form after action_crisis_help: the way back is offered.
    tracker = _tracker([_user("när hör skolan av sig?", "help_now")],
                       {"requested_slot": "prep_answer", "prep_step": "not_shared"}, "preparation_form")
    messages, _ = await _run(ActionCrisisHelp(), tracker, domain)
    assert _texts(messages)[-2:] == [help_data()["follow_up_help"], help_data()["resume_offer"]["text"]]
    assert messages[-1]["buttons"] == [resume_button("preparation_form")]
    assert crisis_reply() not in _texts(messages)


@pytest.mark.parametrize("text, intent, confidence", [
    ("när ringer dom?", "help_now", 0.95),  # the classifier is sure
    ("hjälp nu", "help_now", 1.0),  # the exact command
    (PAYLOAD, "crisis", 1.0),  # the button
    ("när ringer dom? det är akut", "help_now", 0.67),  # urgent words
    ("när kan jag få hjälp?", "help_now", 0.67),  # a word of help
    ("när ringer dom? jag är rädd för pappa", "help_now", 0.67),  # danger words
    ("när ringer dom? jag mår dåligt", "help_now", 0.67),  # not well
    ("när ringer dom? jag vill inte leva längre", "help_now", 0.67),  # crisis words (the lexicon)
    ("vem ska jag ringa?", "help_now", 0.67),  # whom to call: a wish for help
    ("vart vänder man sig?", "help_now", 0.67),
    ("jag behöver prata med nån", "help_now", 0.67),  # asks nothing
])
async def test_help_and_crisis_words_still_get_the_crisis_reply(domain, text, intent, confidence):
    messages, _ = await _run(ActionCrisisHelp(), _tracker([_user(text, intent, confidence)]), domain)
    assert messages[0]["text"] == crisis_reply()
    assert help_data()["follow_up_help"] not in _texts(messages)


# --------------------------------------------------------------------------- #
# 2. "Du behöver inte ringa" only for someone who would rather not call
# --------------------------------------------------------------------------- #

AFTER_THE_HELP = [_user("när ringer dom?", "help_now"), {"event": "action", "name": "action_crisis_help"},
                  {"event": "bot", "text": crisis_reply(), "data": {"buttons": []}},
                  {"event": "action", "name": "action_listen"}]
FATHER = "om ingen hor av sig pa 2 veckor, vad gor jag?"


async def test_a_question_not_understood_after_the_help_is_not_told_it_need_not_call(domain):
    # Not understood twice, it got "Förlåt, jag förstår inte riktigt. Du behöver inte ringa…".
    messages, _ = await _run(ActionReachAPerson(), _tracker([*AFTER_THE_HELP, _user(FATHER, "nlu_fallback")]), domain)
    assert help_data()["chat_instead"] not in _texts(messages) and messages
    tracker = _tracker([*AFTER_THE_HELP, _user(FATHER, "nlu_fallback")], {"missed_turns": 1})
    messages, _ = await _run(ActionAnswerQuestion(), tracker, domain)
    assert help_data()["chat_instead"] not in _texts(messages)


@pytest.mark.parametrize("text", ["jag vill inte ringa nån", "jag vågar inte ringa", "kan jag chatta med nån istället?",
                                  "orkar inte prata i telefon", "kan jag slippa ringa"])
async def test_not_wanting_to_call_after_the_help_still_gets_the_chats(domain, text):
    messages, _ = await _run(ActionReachAPerson(), _tracker([*AFTER_THE_HELP, _user(text, "human")]), domain)
    assert _texts(messages) == [help_data()["chat_instead"]]


# --------------------------------------------------------------------------- #
# 3. Whom to call, right after the check-in or the everyday-talk thanks: the gentle help
# --------------------------------------------------------------------------- #

TEEN = "vet ej vem jag ska ringa. magen eller att jag e ledsen typ"
ACTIONS = {"everyday_talk": ActionEverydayTalk, "faq": ActionAnswerQuestion, "nlu_fallback": ActionAnswerQuestion,
           "help_now": ActionCrisisHelp, "crisis_check_in": ActionCrisisCheckIn}


def _after_kind_reply(text: str, intent: str, key: str = "everyday_talk", before: tuple = ()) -> Tracker:
    action = "action_everyday_talk" if key == "everyday_talk" else "action_crisis_check_in"
    return _tracker([*before, _user("har ont i magen o e ledsen", "everyday_talk", 0.8),
                     {"event": "action", "name": action},
                     {"event": "bot", "text": help_data()[key], "data": {"buttons": [help_button()]}},
                     {"event": "action", "name": "action_listen"}, _user(text, intent)])


@pytest.mark.parametrize("intent", list(ACTIONS))
@pytest.mark.parametrize("key", ["everyday_talk", "check_in"])
async def test_whom_to_call_after_the_kind_reply_gets_the_gentle_help_not_the_same_text(domain, intent, key):
    messages, _ = await _run(ACTIONS[intent](), _after_kind_reply(TEEN, intent, key), domain)
    [message] = messages
    assert message["text"] == f"{gentle_reply()}\n\n{help_data()['gentle_reply']['more']}"
    assert "1177" in message["text"] and "kuratorn" in message["text"] and "Bris" in message["text"]
    assert [b["payload"] for b in message["buttons"]] == [PAYLOAD] and help_data()[key] not in message["text"]


async def test_the_button_under_the_gentle_help_then_gives_the_full_reply(domain):
    events = [*_after_kind_reply(TEEN, "everyday_talk").events, {"event": "action", "name": "action_everyday_talk"},
              {"event": "bot", "text": f"{gentle_reply()}\n\n{help_data()['gentle_reply']['more']}",
               "data": {"buttons": [{"title": help_data()["gentle_reply"]["more_button"], "payload": PAYLOAD}]}},
              {"event": "action", "name": "action_listen"}, _user(PAYLOAD, "crisis", 1.0)]
    messages, _ = await _run(ActionCrisisHelp(), _tracker(events), domain)
    assert messages[0]["text"] == crisis_reply()


@pytest.mark.parametrize("before, text, expected", [
    ((_user("jag är rädd för pappa", "everyday_talk", 0.8),), TEEN, crisis_reply()),  # danger said before
    ((), "vem ska jag ringa nu", crisis_reply()),  # urgent
    ((_user("jag är mamma till en kille på 12", "inform", 0.9),), "vem kan jag prata med?", guardian_reply()),
])
async def test_whom_to_call_after_danger_or_from_a_parent_gets_their_full_help(domain, before, text, expected):
    messages, _ = await _run(ActionEverydayTalk(), _after_kind_reply(text, "everyday_talk", before=before), domain)
    assert messages[0]["text"] == expected


async def test_without_the_kind_reply_before_it_everyday_talk_is_thanked_as_before(domain):
    messages, _ = await _run(ActionEverydayTalk(), _tracker([_user(TEEN, "everyday_talk")]), domain)
    assert _texts(messages) == [help_data()["everyday_talk"]]


# --------------------------------------------------------------------------- #
# 4. "saker hemma" at "Finns det något du inte vill att man pratar om på mötet?"
# --------------------------------------------------------------------------- #

def _answer(text: str, step: str = "not_shared") -> Tracker:
    return _tracker([{"event": "action", "name": "action_listen"}, _user(text, "crisis_check_in", 1.0)],
                    {"requested_slot": "prep_answer", "prep_step": step, "prep_role": "ung", "prep_age": 14.0},
                    "preparation_form")


@pytest.mark.parametrize("text", ["saker hemma", "Saker hemma.", "hemma", "familjen", "grejer med familjen"])
async def test_the_bots_own_example_of_what_not_to_talk_about_gets_no_check_in(domain, case_store_env, text):
    messages, events = await _run(ActionCrisisCheckIn(), _answer(text), domain)
    slots = {e["name"]: e["value"] for e in events if e.get("event") == "slot"}
    assert preparation.store().answers(slots["case_reference"])["not_shared"] == text
    assert help_data()["check_in_in_form"] not in _texts(messages)
    assert not any(m.get("buttons") == [help_button()] for m in messages)


@pytest.mark.parametrize("text, step", [
    ("bråk hemma", "not_shared"),  # more than the bot's own wording
    ("saker hemma", flow.questions()[0].key),  # another question
])
async def test_other_answers_still_get_the_check_in(domain, case_store_env, text, step):
    messages, _ = await _run(ActionCrisisCheckIn(), _answer(text, step), domain)
    assert messages[-1]["text"] == help_data()["check_in_in_form"] and messages[-1]["buttons"] == [help_button()]
