"""action_staff_welcome: the answer to someone who says they work with SIP.

Usually the staff menu. But people say who they are and ask in the same message ("jobbar som
sjuksköterska på BUP. vem kan få en SIP?"), or say where they work to answer the staff guide's
question ("vi är på soc"): then the question is answered, or the guide goes on, instead.
"""
from __future__ import annotations

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.answer_question import answer_with, choose_for_message, restate_for_staff
from actions.answer_rules import question_part
from actions.guide_actions import continue_typed_guide
from actions.knowledge_base import articles


def clear_answer(message: dict[str, Any], last_article: str | None) -> str | None:
    """The article that clearly answers the question in a staff message: read whole, then its
    question alone (the role words around it dilute it). None when it asks nothing clearly."""
    asked = question_part(message.get("text") or "")
    if asked is None:
        return None
    whole = choose_for_message("faq", message, last_article).answer
    # The ResponseSelector judged the whole message, so its vote is left out for the part.
    return whole or choose_for_message("faq", {**message, "text": asked, "response_selector": {}}, last_article).answer


class ActionStaffWelcome(Action):
    def name(self) -> str:
        return "action_staff_welcome"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]):
        if continue_typed_guide(dispatcher, tracker):
            return [SlotSet("missed_turns", 0)]
        answer = clear_answer(tracker.latest_message, tracker.get_slot("last_article"))
        if answer is not None:
            return answer_with(dispatcher, tracker, articles()[answer])
        restated = restate_for_staff(dispatcher, tracker)
        if restated is not None:
            return restated
        # Otherwise the menu shows where to start.
        dispatcher.utter_message(response="utter_staff_menu")
        return []
