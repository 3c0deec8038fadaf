"""The young person's preparation: each answer is saved to the case store as it is given."""
from __future__ import annotations

from typing import Any

from rasa_sdk import Action, FormValidationAction, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.answer_question import ActionAnswerQuestion
from actions.answer_rules import MAX_ANSWER_LENGTH, clean_answer, is_knowledge_question
from actions.store_access import case_store as store


class ValidatePreparationForm(FormValidationAction):
    def name(self) -> str:
        return "validate_preparation_form"

    async def validate_prep_important_to_me(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> dict[str, Any]:
        latest = tracker.latest_message
        intent = latest.get("intent") or {}
        if is_knowledge_question(intent.get("name"), float(intent.get("confidence") or 0), latest.get("text") or ""):
            # Answer the question; the form then asks its own question again.
            await ActionAnswerQuestion().run(dispatcher, tracker, domain)
            return {"prep_important_to_me": None}
        answer = clean_answer(value)
        if answer.too_long:
            dispatcher.utter_message(response="utter_answer_too_long", max_length=MAX_ANSWER_LENGTH)
            return {"prep_important_to_me": None}
        reference = tracker.get_slot("case_reference")
        events: dict[str, Any] = {"prep_important_to_me": answer.text or "-"}
        if reference is None:
            new_case = store().create_case()
            reference = new_case.reference
            events["case_reference"] = reference
            events["case_verified"] = True  # whoever created the case may open it in this conversation
            dispatcher.utter_message(response="utter_case_created", reference=reference, code=new_case.code)
        store().save_answer(reference, "important_to_me", answer.text, answered_by="ung")
        return events


class ActionPreparationDone(Action):
    def name(self) -> str:
        return "action_preparation_done"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]):
        dispatcher.utter_message(response="utter_preparation_saved", reference=tracker.get_slot("case_reference"))
        return [SlotSet("prep_important_to_me", None)]
