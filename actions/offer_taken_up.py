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
from actions.phrases import fold_normaliser, folded_words
from actions.yes_no import ACKNOWLEDGEMENTS, YES, YES_NO_DATA

# The offers whose one button starts something for the writer (bot/domain/knowledge.yml).
ONE_TAP_OFFERS = frozenset({"start_preparation", "request_sip"})
TAKE_UP: frozenset[str] = YES | ACKNOWLEDGEMENTS | folded_words(YES_NO_DATA["take_up_words"])
FILLER: frozenset[str] = folded_words(YES_NO_DATA["take_up_filler"])
MAX_WORDS = 4


def offered_intent(tracker: Tracker) -> str | None:
    """The intent of the one button the bot's last message carried, when it is a one-tap offer."""
    last = next((event for event in since_the_message_before(tracker) if event.get("event") == "bot"), None)
    buttons = ((last or {}).get("data") or {}).get("buttons") or []
    if len(buttons) != 1:
        return None
    intent = str(buttons[0].get("payload") or "").lstrip("/")
    return intent if intent in ONE_TAP_OFFERS else None


def says_yes_only(text: str | None) -> bool:
    """"ok kör", "ja gärna", "aa": nothing but a yes; not "ja men vad är det?" or "nej"."""
    words = fold_normaliser(text or "")
    return bool(words) and len(words) <= MAX_WORDS and "?" not in (text or "") \
        and bool(set(words) & TAKE_UP) and set(words) <= TAKE_UP | FILLER


def take_up_the_offer(tracker: Tracker) -> list[dict[str, Any]] | None:
    """The events that press the offer's button for a typed yes; None when there is no such offer or yes."""
    intent = offered_intent(tracker)
    text = tracker.latest_message.get("text")
    if intent is None or not says_yes_only(text):
        return None
    parse_data = {"intent": {"name": intent, "confidence": 1.0}, "entities": [], "text": text}
    # The revert also removes the listening before the message; Rasa's own two-stage fallback adds it back.
    return [UserUtteranceReverted(), ActionExecuted("action_listen"),
            UserUttered(text=text, parse_data=parse_data, timestamp=time.time())]
