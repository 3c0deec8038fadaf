"""A form's question answered twice with what the classifier alone takes for a possible crisis.

Inside a form, a message whose intent is `crisis_check_in` gets the kind check-in and is not
saved, and the form asks its question again. An ordinary answer can read that way ("hon har
svårt att gå till skolan och sover dåligt" to "what does the child need help with"); typed
again it got the check-in again, and the person could not get past the question. So the second
reply in a row to the same question is validated as the answer, by the form's own validation
action. A message the crisis lexicon recognises (`crisis`) still ends the form with the help.
"""
from __future__ import annotations

from typing import Any

from rasa_sdk import FormValidationAction, Tracker
from rasa_sdk.executor import CollectingDispatcher

def checked_in_on_the_last_reply(tracker: Tracker, check_in_text: str) -> bool:
    """Whether the check-in (its text, not only its action, which may have saved an answer
    instead) answered the reply before this one, inside the same form."""
    users = 0
    for event in reversed(tracker.events):
        if event.get("event") == "user":
            users += 1
            if users == 2:
                return False
        elif users == 1 and event.get("event") == "bot" and event.get("text") == check_in_text:
            return True
        elif users == 1 and event.get("event") == "active_loop" and not event.get("name"):
            return False  # the form ended in between
    return False


def _validators() -> dict[str, type[FormValidationAction]]:
    found, todo = {}, list(FormValidationAction.__subclasses__())
    while todo:
        cls = todo.pop()
        todo += cls.__subclasses__()
        found[cls().name()] = cls
    return found


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
