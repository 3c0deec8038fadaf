"""A question typed where a form expected an answer: answered, and the form then asks again.
Shared by the samtycke and request forms, so both treat questions alike."""
from __future__ import annotations

import copy

from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions.answer_question import ActionAnswerQuestion
from actions.answer_rules import asks_the_bot, is_knowledge_question, pressed_an_answer_button, says_go_on
from actions.source_gaps import gap_in


async def answered_aside(dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> bool:
    """True when the latest message was no answer but "fortsätt", an answer button or a question to
    the bot, and has been answered."""
    latest = tracker.latest_message
    if says_go_on(latest):
        dispatcher.utter_message(response="utter_form_go_on")
        return True
    text = latest.get("text") or ""
    # "vänta, en fråga först … ersätter en sip det?" at the request's name question was asked for the
    # name twice (verification round, session 33): a question the sources do not cover is told so.
    if pressed_an_answer_button(latest) or asks_the_bot((latest.get("intent") or {}).get("name"), text) \
            or ("?" in text and gap_in(text) is not None):
        await ActionAnswerQuestion().run(dispatcher, tracker, domain)
        return True
    return False


async def answered_instead(dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict,
                           needs_mark: bool = False) -> bool:
    """As answered_aside, and also for a knowledge question typed instead of the answer.

    `needs_mark`: where answers often read like questions ("Hur det går i skolan", a role with a
    question after it), only a question mark makes it a question.
    """
    if await answered_aside(dispatcher, tracker, domain):
        return True
    latest = tracker.latest_message
    intent, text = latest.get("intent") or {}, latest.get("text") or ""
    if needs_mark and "?" not in text:
        return False
    if is_knowledge_question(intent.get("name"), float(intent.get("confidence") or 0), text):
        await ActionAnswerQuestion().run(dispatcher, tracker, domain)
        return True
    return False


def asking_only(tracker: Tracker, question: str) -> Tracker:
    """The tracker as if only `question` had been typed, as a free question: the intent and the
    ResponseSelector judged the whole message, the answer before it included."""
    asking = copy.copy(tracker)
    asking.latest_message = {**tracker.latest_message, "text": question, "intent": {"name": "faq", "confidence": 1.0},
                             "response_selector": {}}
    return asking
