"""action_help_in_form: "hjälp" inside a form (bot/global_commands.yml); the form then asks again."""
from __future__ import annotations

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions import preparation_flow as flow
from actions.preparation import FORM as PREPARATION_FORM


def asks_about_the_question(tracker: Tracker) -> bool:
    """"jag fattar inte vad du menar" at a preparation question, classified `help`: the form asks
    the question again in simpler words, and the menu of what the bot can do would only come
    between (persona round, session 26)."""
    return (tracker.active_loop or {}).get("name") == PREPARATION_FORM and flow.asks_what_we_mean(
        tracker.latest_message.get("text"), flow.question(tracker.get_slot("prep_step") or ""))


class ActionHelpInForm(Action):
    def name(self) -> str:
        return "action_help_in_form"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: dict[str, Any]) -> list[dict[str, Any]]:
        if not asks_about_the_question(tracker):
            dispatcher.utter_message(response="utter_help")
        return []
