"""Conversation hygiene actions: a person to talk to."""
from __future__ import annotations

from functools import lru_cache
from typing import Any

import yaml
from rasa_sdk import Action, Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.guide_actions import continue_typed_guide
from actions.relative_cues import says_they_are_a_relative
from actions.staff_cues import says_they_work_with_sip
from actions.settings import ROOT

MUNICIPALITY_FILE = ROOT / "knowledge" / "municipality.yml"
CONTACT_LABELS_FILE = ROOT / "knowledge" / "contact_labels.yml"


@lru_cache(maxsize=1)
def municipality() -> dict[str, str]:
    data = yaml.safe_load(MUNICIPALITY_FILE.read_text(encoding="utf-8")) or {}
    return {k: str(v or "") for k, v in data.items()}


@lru_cache(maxsize=1)
def contact_labels() -> dict[str, str]:
    return yaml.safe_load(CONTACT_LABELS_FILE.read_text(encoding="utf-8")) or {}


def contact_lines(local: dict[str, str]) -> list[str]:
    """The contact centre's configured details, one per line; empty when none are configured."""
    return [f"{label}: {local[key]}" for key, label in contact_labels().items() if local.get(key)]


class ActionReachAPerson(Action):
    def name(self) -> str:
        return "action_reach_a_person"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]):
        if continue_typed_guide(dispatcher, tracker):
            return []  # "kommunen" typed to the guide's question reads as asking for the municipality
        # Imported here: actions.request imports answer_question, which imports this module.
        from actions.request import answers_the_form_as_a_command, told_how_to_change_a_sent_request

        if answers_the_form_as_a_command(tracker, domain):
            return []  # "…, ring mig på [telefonnummer]", "ring helst": the request form takes it and goes on
        if told_how_to_change_a_sent_request(dispatcher, tracker):
            return []  # "jag vill ändra tid när de ringer mig" reads as `human` (persona round, session 32)
        from actions.crisis_help import chat_instead  # imported here: crisis_help imports this module

        if chat_instead(dispatcher, tracker):
            return []
        local = municipality()
        lines = contact_lines(local)
        if lines:
            dispatcher.utter_message(response="utter_contact_centre",
                                     name=local.get("contact_centre_name", ""), details="\n".join(lines))
        else:
            dispatcher.utter_message(response="utter_reach_a_person")
        return []


class ActionGreet(Action):
    """The welcome, or a relative's welcome when the greeting says who they are ("hej jag e farfar till
    en pojke på 13" got the general menu; verification round, session 27)."""

    def name(self) -> str:
        return "action_greet"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]):
        text = tracker.latest_message.get("text")
        relative = says_they_are_a_relative(text)
        if not relative and says_they_work_with_sip(text):
            # "hej jag jobbar som kurator" read as a greeting got the general welcome (persona round, session 37).
            from actions.staff_welcome import ActionStaffWelcome  # here: staff_welcome imports answer_question

            return await ActionStaffWelcome().run(dispatcher, tracker, domain)
        dispatcher.utter_message(response="utter_relative_welcome" if relative else "utter_greet")
        return []
