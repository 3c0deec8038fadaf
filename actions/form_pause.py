"""action_stopped: "pausa" or "avbryt" inside a form.

The preparation saves as it goes, so its pause says where the answers are (utter_stopped). The
request and consent forms save nothing until their summary is confirmed; what was typed stays in
the conversation, so the person can go on where they were ("Fortsätt där jag var", or "fortsätt")
instead of typing it all again (persona round, session 23: a parent's "pausa" threw it away).

A question typed with the stop ("avbryt. jag raderade det. men kan jag ta upp att jag inte kan sova på
sip mötet?", Nova, 15, persona round) was dropped: it is answered after the stop's reply.
"""
from __future__ import annotations

import re
from typing import Any

import yaml
from rasa_sdk import Action, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions import request_rules
from actions.answer_question import ActionAnswerQuestion
from actions.case_access import is_verified
from actions.crisis_help import resume_button, resumed
from actions.delete_in_chat import case_deleted_here
from actions.question_in_form import asking_only
from actions.request import SKIPPED
from actions.settings import ROOT
from bot.nlu.text import fold

RESUMABLE_FORMS = frozenset({"request_form", "consent_form", "consent_withdraw_form"})


def stopped_form(tracker: Tracker) -> str | None:
    """The form that the rule just deactivated (after the latest message), or None: outside a form
    the stop rule runs this action too, and a form that ended turns ago was not stopped."""
    deactivated = False
    for event in reversed(tracker.events):
        if event.get("event") == "user" and not deactivated:
            return None
        if event.get("event") == "active_loop":
            if event.get("name"):
                return event["name"] if deactivated else None
            deactivated = True
    return None


def last_asked(tracker: Tracker) -> str | None:
    """The slot the form asked for last: deactivating it emptied requested_slot."""
    for event in reversed(tracker.events):
        if event.get("event") == "slot" and event.get("name") == "requested_slot" and event.get("value"):
            return event["value"]
    return None


def _stop_commands() -> frozenset[str]:
    """The exact commands for `stop` (bot/exact_commands.yml), folded: "avbryt", "pausa"."""
    table = yaml.safe_load((ROOT / "bot" / "exact_commands.yml").read_text(encoding="utf-8")) or {}
    return frozenset(" ".join(re.findall(r"\w+", fold(phrase))) for phrase in table.get("stop") or [])


STOP_COMMANDS = _stop_commands()
# The classifier makes a message `stop` when its first or last clause is such a command
# (bot/components/exact_commands.py `_ending_command`); it splits clauses at these.
_CLAUSE_END = r"[.,!?;:\n]+"
_SENTENCE = re.compile(r"[^.!?;\n]+[.!?;]*")
_JOINER = re.compile(r"^(?:men|och|o|fast|sa|så)\s+", re.IGNORECASE)
# Without a question mark only these open a question: "måste gå nu, lektion. pausa" asks nothing.
_WH_WORDS = frozenset({"vad", "vem", "vilka", "vilken", "vilket", "hur", "nar", "var", "varfor"})


def _is_stop_command(clause: str) -> bool:
    return " ".join(re.findall(r"\w+", fold(clause))) in STOP_COMMANDS


def question_besides_the_stop(text: str | None) -> str | None:
    """The question typed before or after the stop command ("kan jag ta upp att jag inte kan sova på sip
    mötet?" of "avbryt. jag raderade det. men kan jag ta upp …?"), from the first sentence that asks to the
    end; None when the message is only the command, or the stop is the classifier's own reading."""
    text = text or ""
    first = re.match(rf"\s*([^.,!?;:\n]+){_CLAUSE_END}", text)
    last = re.search(rf"{_CLAUSE_END}\s*([^.,!?;:\n]+?)[.,!?;:\n\s]*$", text)
    if first and _is_stop_command(first.group(1)):
        rest = text[first.end():]
    elif last and _is_stop_command(last.group(1)):
        rest = text[:last.start()]
    else:
        return None
    sentences = [_JOINER.sub("", sentence.strip()) for sentence in _SENTENCE.findall(rest) if sentence.strip()]
    for i, sentence in enumerate(sentences):
        words = re.findall(r"\w+", fold(sentence))
        if sentence.endswith("?") or (words and words[0] in _WH_WORDS):
            return " ".join(sentences[i:])
    return None


# A refusal this short at the personnummer question declines the number ("vill inte"), which the
# question offers; as `stop` it paused the request (verification round, session 28).
DECLINE_MAX_WORDS = 4


class ActionStopped(Action):
    def name(self) -> str:
        return "action_stopped"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]):
        form = stopped_form(tracker)
        text = tracker.latest_message.get("text") or ""
        if form == "request_form" and last_asked(tracker) == "request_personnummer" \
                and len(text.split()) <= DECLINE_MAX_WORDS and request_rules.declines(text):
            dispatcher.utter_message(response="utter_request_personnummer_declined")
            return [SlotSet("request_personnummer", SKIPPED), *resumed(form)]
        events: list[dict[str, Any]] = []
        if form in RESUMABLE_FORMS:
            dispatcher.utter_message(response="utter_stopped_resumable", buttons=[resume_button(form)])
        elif tracker.get_slot("prep_active") and not is_verified(tracker):
            dispatcher.utter_message(response="utter_stopped_nothing_saved")
            events.append(SlotSet("prep_active", False))
        elif not tracker.get_slot("prep_active") and tracker.get_slot("case_reference") and is_verified(tracker):
            # "orkar inte mer nu" after the preparation was saved got "Inget av det du skrev nu har
            # sparats" (persona round, session 31): what is saved stays, and where.
            dispatcher.utter_message(response="utter_stopped_saved")
        elif case_deleted_here(tracker) and not is_verified(tracker):
            # Deleted in this chat: that, and that the chat is left (persona round, Nova, 15).
            dispatcher.utter_message(response="utter_stopped_after_delete")
        else:
            dispatcher.utter_message(response="utter_stopped")
        return events + await self._answer_the_question(dispatcher, tracker, domain, text)

    @staticmethod
    async def _answer_the_question(dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any],
                                   text: str) -> list[dict[str, Any]]:
        """The question typed with the stop, answered on its own words after the stop's reply; only its
        slots are kept (the article answered, for "Berätta mer"), as the stop ends whatever went on."""
        question = question_besides_the_stop(text)
        if question is None:
            return []
        events = await ActionAnswerQuestion().run(dispatcher, asking_only(tracker, question), domain)
        return [event for event in events or [] if event.get("event") == "slot"]
