"""A typed button title counts as pressing the button.

On a phone many people type "ja, spara" or "Lämna samtycke" instead of pressing the button,
and the NLU then sometimes guessed another intent than the button's payload (persona round,
session 36). The channel replaces such a message with the payload before Rasa sees it.

Only the buttons the bot showed after the latest user message count, and only a whole-message
match: the same words in the same order, ignoring case, å/ä/ö, punctuation, emoji and spaces.
Plain Python (no Rasa): the channel passes the tracker's events.
"""
from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from actions.safety.crisis_detector import fold_normaliser

# A button title is a few words: a longer message is something else, and not worth a tracker read.
MAX_TYPED_TITLE_LENGTH = 80


def worth_looking_up(text: str) -> bool:
    """Whether a message could be a typed button title (cheap: decides whether to read the tracker).
    A message starting with "/" is already a payload (a pressed button or a command)."""
    text = (text or "").strip()
    return 0 < len(text) <= MAX_TYPED_TITLE_LENGTH and not text.startswith("/")


def _kind_and_data(event: Any) -> tuple[str | None, Mapping[str, Any]]:
    """An event's type and data, for Rasa's event objects and their dict form alike."""
    if isinstance(event, Mapping):
        kind, data = event.get("event"), event.get("data")
    else:
        kind, data = getattr(event, "type_name", None), getattr(event, "data", None)
    return kind, data if isinstance(data, Mapping) else {}


def last_turn_buttons(events: Iterable[Any]) -> list[Mapping[str, Any]]:
    """The buttons of the bot messages after the latest user message, oldest message first."""
    turn: list[list[Mapping[str, Any]]] = []
    for event in reversed(list(events)):
        kind, data = _kind_and_data(event)
        if kind == "user":
            break
        if kind == "bot" and isinstance(data.get("buttons"), list):
            turn.append([b for b in data["buttons"] if isinstance(b, Mapping)])
    return [button for buttons in reversed(turn) for button in buttons]


def _asks(text: str) -> bool:
    return text.rstrip(" .!\t\n").endswith("?")


def _same_title(typed: str, title: str) -> bool:
    words = fold_normaliser(typed)
    if not words or words != fold_normaliser(title):
        return False
    # "Lämna samtycke?" asks about the button rather than presses it; a title's own "?" may be left out.
    return not _asks(typed) or _asks(title)


def payload_for(text: str, buttons: Iterable[Mapping[str, Any]]) -> str | None:
    """The payload of the button whose title `text` is, or None.

    None too when two buttons with that title send different payloads: the text cannot tell which
    was meant, so the NLU reads it as before.
    """
    if not worth_looking_up(text):
        return None
    payloads = {
        button["payload"] for button in buttons
        if isinstance(button.get("title"), str) and isinstance(button.get("payload"), str)
        and button["payload"].strip() and _same_title(text, button["title"])
    }
    return payloads.pop() if len(payloads) == 1 else None
