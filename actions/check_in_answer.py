"""A form's question answered with what the classifier alone takes for a possible crisis.

Ordinary answers read that way too often ("ingen" to "who helps you today", "hon har svårt att
gå till skolan och sover dåligt"): the check-in once threw the answer away and asked again, and
people got stuck or lost what they wrote. So such a reply is validated as the answer by the
form's own validation action, and action_crisis_check_in adds the help button. A message the
crisis lexicon recognises (`crisis`) still ends the form with the full help.
"""
from __future__ import annotations

from typing import Any

from rasa_sdk import FormValidationAction, Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.preparation_flow import AGE, ROLE

# The form questions whose answers may tell how someone feels. Elsewhere the answer is a fact (an
# age, a name, a choice), and a classifier-only check-in on it is a misreading: "hon är 8" at the
# age question got the help button (persona round, session 19). The lexicon's crisis reply still
# comes at any question.
FREE_TEXT_SLOTS = {"prep_answer", "request_needs", "consent_child_view", "consent_may_share", "consent_must_not_share"}


def _validators() -> dict[str, type[FormValidationAction]]:
    found, todo = {}, list(FormValidationAction.__subclasses__())
    while todo:
        cls = todo.pop()
        todo += cls.__subclasses__()
        found[cls().name()] = cls
    return found


def asks_for_a_fact(tracker: Tracker) -> bool:
    """The open form question asks for a fact, not for what someone thinks or feels."""
    slot = tracker.get_slot("requested_slot")
    if slot == "prep_answer":
        return tracker.get_slot("prep_step") in (ROLE, AGE)
    return bool(slot) and slot not in FREE_TEXT_SLOTS


async def as_the_answer(dispatcher: CollectingDispatcher, tracker: Tracker,
                        domain: dict[str, Any]) -> list[dict[str, Any]] | None:
    """The form's validation events for this message taken as the answer to its question, or
    None when no form question is open."""
    form = (tracker.active_loop or {}).get("name")
    slot = tracker.get_slot("requested_slot")
    validator = _validators().get(f"validate_{form}")
    if not form or not slot or validator is None or form not in (domain.get("forms") or {}):
        return None  # without the form in the domain (send_domain) its validation would do nothing
    text = tracker.latest_message.get("text") or ""
    # As Rasa hands a form's validation action a reply: the slot candidate last among the events.
    candidate = Tracker(tracker.sender_id, {**tracker.slots, slot: text}, tracker.latest_message,
                        [*tracker.events, {"event": "slot", "name": slot, "value": text}], tracker.is_paused(),
                        tracker.followup_action, tracker.active_loop, tracker.latest_action_name)
    return await validator().run(dispatcher, candidate, domain)
