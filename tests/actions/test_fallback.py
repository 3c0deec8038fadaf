"""action_default_fallback and replies typed to a guide question, with real rasa_sdk Trackers and
the real guide (knowledge/guides/)."""
from __future__ import annotations

from typing import Any

import pytest
from rasa_sdk import Tracker
from rasa_sdk.events import UserUtteranceReverted
from rasa_sdk.executor import CollectingDispatcher

from actions.answer_question import ActionAnswerQuestion
from actions.fallback import ActionDefaultFallback
from actions.guides import guides

GUIDE = "unknown_client"


def _bot(text: str, buttons: list[dict[str, str]] | None = None) -> dict[str, Any]:
    return {"event": "bot", "text": text, "data": {"buttons": buttons or []}}


def _user(text: str, intent: str) -> dict[str, Any]:
    return {"event": "user", "text": text, "parse_data": {"text": text, "intent": {"name": intent, "confidence": 0.9}}}


def _guide_question(answers: dict[str, str]) -> dict[str, Any]:
    """The bot event of the guide's next question, as Rasa keeps it in the tracker."""
    guide = guides()[GUIDE]
    question = guide.next_question(answers)
    return _bot(question["text"], guide.buttons(question, answers))


def _tracker(*events: dict[str, Any]) -> Tracker:
    latest = next(e for e in reversed(events) if e["event"] == "user")
    return Tracker("test-user", {}, latest["parse_data"], list(events), False, None, {}, "action_listen")


async def _run(action, tracker, domain):
    dispatcher = CollectingDispatcher()
    events = await action.run(dispatcher, tracker, domain)
    return dispatcher.messages, events


async def test_the_fallback_says_it_did_not_follow_and_forgets_the_message(domain):
    # Without a working fallback every later message of the conversation failed too.
    tracker = _tracker(_bot("Elevhälsan finns på varje skola."), _user("ok tack. ja e bara så trött", "affirm"))
    messages, events = await _run(ActionDefaultFallback(), tracker, domain)
    assert [m["response"] for m in messages] == ["utter_default"]
    assert events == [UserUtteranceReverted()]
    assert "utter_default" in domain["responses"]


async def test_a_topic_the_sources_do_not_cover_is_said_so_here_too(domain):
    # Persona round, session 19: "kan vi få tolk på mötet?" was classified `inform` outside a form.
    from actions.source_gaps import gap_reply

    text = "kan vi få tolk på mötet?"
    messages, events = await _run(ActionDefaultFallback(), _tracker(_user(text, "inform")), domain)
    assert [m["text"] for m in messages] == [gap_reply(text)] and events == [UserUtteranceReverted()]


async def test_a_typed_no_to_the_specialist_question_gives_the_steps(domain):
    tracker = _tracker(_guide_question({"huvudman": "region"}), _user("nej", "deny"))
    messages, events = await _run(ActionDefaultFallback(), tracker, domain)
    assert "vårdcentralen" in messages[0]["text"] and "Källa:" in messages[0]["text"]
    # Kept, "nej" would leave the policies unsure and Rasa would run the fallback again and again.
    assert events == [UserUtteranceReverted()]


async def test_a_typed_organisation_read_as_asking_for_a_person_continues_the_guide(domain):
    from actions.conversation import ActionReachAPerson

    tracker = _tracker(_guide_question({}), _user("kommunen", "human"))
    messages, _ = await _run(ActionReachAPerson(), tracker, domain)
    assert "Så här gör ni" in messages[0]["text"] and "inom kommunen" in messages[0]["text"]


async def test_a_typed_yes_to_the_specialist_question_gives_the_specialist_steps(domain):
    tracker = _tracker(_guide_question({"huvudman": "region"}), _user("ja", "affirm"))
    messages, _ = await _run(ActionDefaultFallback(), tracker, domain)
    text = messages[0]["text"]
    assert "specialistnivå" in text and "ska kallas" not in text


async def test_a_typed_organisation_read_as_a_question_asks_the_next_guide_question(domain):
    tracker = _tracker(_guide_question({}), _user("regionen, vc", "faq"))
    messages, _ = await _run(ActionAnswerQuestion(), tracker, domain)
    assert messages[0]["text"] == guides()[GUIDE].next_question({"huvudman": "region"})["text"]
    assert [b["title"] for b in messages[0]["buttons"]] == ["Ja", "Nej eller vet inte"]


async def test_a_question_after_a_guide_question_is_answered_as_a_question(domain):
    tracker = _tracker(_guide_question({}), _user("hur länge gäller ett samtycke", "faq"))
    messages, _ = await _run(ActionAnswerQuestion(), tracker, domain)
    assert "1 år" in messages[0]["text"]


# After a message that is no answer with its source line; after one, a short "nej" a few turns later
# answers the open question (tests/actions/test_guide_replies.py; persona round, session 32).
@pytest.mark.parametrize("between", [
    [_user("vad är en sip", "faq"), _bot("En SIP är en samordnad individuell plan.")],
    [_user("hej", "greet"), _bot("Hej!")],
])
async def test_a_guide_question_from_an_earlier_turn_is_not_answered_by_a_later_no(domain, between):
    tracker = _tracker(_guide_question({"huvudman": "region"}), *between, _user("nej", "deny"))
    messages, events = await _run(ActionDefaultFallback(), tracker, domain)
    assert [m["response"] for m in messages] == ["utter_default"]
    assert events == [UserUtteranceReverted()]


async def test_a_tampered_guide_button_is_not_followed(domain):
    buttons = [{"title": "Ja", "payload": '/guide{"guide": "okänd", "guide_answers": "x=1"}'},
               {"title": "Nej", "payload": "/guide{inte json"}]
    tracker = _tracker(_bot("Fråga?", buttons), _user("ja", "affirm"))
    messages, _ = await _run(ActionDefaultFallback(), tracker, domain)
    assert [m["response"] for m in messages] == ["utter_default"]
