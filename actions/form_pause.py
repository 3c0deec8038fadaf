"""action_stopped: "pausa" or "avbryt" inside a form.

The preparation saves as it goes, so its pause says where the answers are (utter_stopped). The
request and consent forms save nothing until their summary is confirmed; what was typed stays in
the conversation, so the person can go on where they were ("Fortsätt där jag var", or "fortsätt")
instead of typing it all again (persona round, session 23: a parent's "pausa" threw it away).
"""
from __future__ import annotations

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions import request_rules
from actions.case_access import is_verified
from actions.crisis_help import resume_button, resumed
from actions.request import SKIPPED

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
        if form in RESUMABLE_FORMS:
            dispatcher.utter_message(response="utter_stopped_resumable", buttons=[resume_button(form)])
        elif tracker.get_slot("prep_active") and not is_verified(tracker):
            dispatcher.utter_message(response="utter_stopped_nothing_saved")
            return [SlotSet("prep_active", False)]
        elif not tracker.get_slot("prep_active") and tracker.get_slot("case_reference") and is_verified(tracker):
            # "orkar inte mer nu" after the preparation was saved got "Inget av det du skrev nu har
            # sparats" (persona round, session 31): what is saved stays, and where.
            dispatcher.utter_message(response="utter_stopped_saved")
        else:
            dispatcher.utter_message(response="utter_stopped")
        return []
