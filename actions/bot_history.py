"""What the bot has already said in this conversation, read from the tracker's events."""
from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from rasa_sdk import Tracker


def said_response(tracker: Tracker, response: str) -> bool:
    """Whether the bot has sent this response (by its name) in the conversation."""
    return any(event.get("event") == "bot" and (event.get("metadata") or {}).get("utter_action") == response
               for event in tracker.events)


def said_text(tracker: Tracker, text: str) -> bool:
    """Whether the bot has sent this text in the conversation."""
    return any(event.get("event") == "bot" and event.get("text") == text for event in tracker.events)


def since_the_message_before(tracker: Tracker) -> Iterator[dict[str, Any]]:
    """The events between the person's message before the latest and the latest, newest first."""
    seen_latest = False
    for event in reversed(tracker.events):
        if event.get("event") == "user":
            if seen_latest:
                return
            seen_latest = True
        elif seen_latest:
            yield event


def previous_action(tracker: Tracker) -> str | None:
    """The bot's last action before the latest message (not the listening in between)."""
    return next((event.get("name") for event in since_the_message_before(tracker)
                 if event.get("event") == "action" and event.get("name") != "action_listen"), None)
