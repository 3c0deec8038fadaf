"""What the bot has already said in this conversation, read from the tracker's events."""
from __future__ import annotations

from rasa_sdk import Tracker


def said_response(tracker: Tracker, response: str) -> bool:
    """Whether the bot has sent this response (by its name) in the conversation."""
    return any(event.get("event") == "bot" and (event.get("metadata") or {}).get("utter_action") == response
               for event in tracker.events)


def said_text(tracker: Tracker, text: str) -> bool:
    """Whether the bot has sent this text in the conversation."""
    return any(event.get("event") == "bot" and event.get("text") == text for event in tracker.events)
