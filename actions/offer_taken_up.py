"""A typed yes to the bot's one-tap offer: "Vill du be om en SIP?" with its one button, answered "ok kör"
instead of pressing it, got "Nu hängde jag inte med" (session 38). The yes is taken as the button, the way
Rasa's two-stage fallback takes a yes to "Menade du…?": the message is forgotten and said again with the
button's intent, so the button's own rule runs."""
from __future__ import annotations

import time
from typing import Any

from rasa_sdk import Tracker
from rasa_sdk.events import ActionExecuted, UserUttered, UserUtteranceReverted

from actions.bot_history import since_the_message_before
from actions.yes_no import says_only_no, says_only_yes

# The offers whose one button starts something for the writer (bot/domain/knowledge.yml).
ONE_TAP_OFFERS = frozenset({"start_preparation", "request_sip"})


def offered_intent(tracker: Tracker) -> str | None:
    """The intent of the one button the bot's last message carried, when it is a one-tap offer."""
    last = next((event for event in since_the_message_before(tracker) if event.get("event") == "bot"), None)
    buttons = ((last or {}).get("data") or {}).get("buttons") or []
    if len(buttons) != 1:
        return None
    intent = str(buttons[0].get("payload") or "").lstrip("/")
    return intent if intent in ONE_TAP_OFFERS else None


def take_up_the_offer(tracker: Tracker) -> list[dict[str, Any]] | None:
    """The events that press the offer's button for a typed yes; None when there is no such offer or yes."""
    intent = offered_intent(tracker)
    text = tracker.latest_message.get("text")
    if intent is None or not says_only_yes(text):
        return None
    parse_data = {"intent": {"name": intent, "confidence": 1.0}, "entities": [], "text": text}
    # The revert also removes the listening before the message; Rasa's own two-stage fallback adds it back.
    return [UserUtteranceReverted(), ActionExecuted("action_listen"),
            UserUttered(text=text, parse_data=parse_data, timestamp=time.time())]


def declined_the_offer(tracker: Tracker) -> bool:
    """A bare "nej" or "nej tack" to a one-tap offer ("nej" got "Nu hängde jag inte med"; persona round,
    session 39)."""
    return offered_intent(tracker) is not None and says_only_no(tracker.latest_message.get("text"))
