"""action_stopped: "pausa" or "avbryt" inside a form.

The preparation saves as it goes, so its pause says where the answers are (utter_stopped). The
request and consent forms save nothing until their summary is confirmed; what was typed stays in
the conversation, so the person can go on where they were ("Fortsätt där jag var", or "fortsätt")
instead of typing it all again (persona round, session 23: a parent's "pausa" threw it away).
"""
from __future__ import annotations

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.crisis_help import resume_button

RESUMABLE_FORMS = frozenset({"request_form", "consent_form", "consent_withdraw_form"})


def stopped_form(tracker: Tracker) -> str | None:
    """The form that the rule just deactivated: the last one that was active."""
    for event in reversed(tracker.events):
        if event.get("event") == "active_loop" and event.get("name"):
            return event["name"]
    return None


class ActionStopped(Action):
    def name(self) -> str:
        return "action_stopped"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]):
        form = stopped_form(tracker)
        if form in RESUMABLE_FORMS:
            dispatcher.utter_message(response="utter_stopped_resumable", buttons=[resume_button(form)])
        else:
            dispatcher.utter_message(response="utter_stopped")
        return []
