"""action_guide: one step of a guided answer (see actions/guides.py)."""
from __future__ import annotations

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.guides import Guide, guides, parse_answers


def ask_or_answer(dispatcher: CollectingDispatcher, guide: Guide, answers: dict[str, str]) -> None:
    question = guide.next_question(answers)
    if question is None:
        dispatcher.utter_message(text=guide.render_steps(answers))
    else:
        dispatcher.utter_message(text=question["text"], buttons=guide.buttons(question, answers))


class ActionGuide(Action):
    def name(self) -> str:
        return "action_guide"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]):
        guide = guides().get(next(tracker.get_latest_entity_values("guide"), None) or "")
        if guide is None:
            dispatcher.utter_message(response="utter_help")
            return []
        ask_or_answer(dispatcher, guide, parse_answers(next(tracker.get_latest_entity_values("guide_answers"), None)))
        return []
