"""A typed button title counts as pressing the button.

On a phone many people type "ja, spara" or "Lämna samtycke" instead of pressing the button,
and the NLU then sometimes guessed another intent than the button's payload (persona round,
session 36). The channel replaces such a message with the payload before Rasa sees it.

Only the buttons the bot showed after the latest user message count, and only a whole-message
match: the same words in the same order, ignoring case, å/ä/ö, punctuation, emoji and spaces.
Plain Python (no Rasa): the channel passes the tracker's events.

Which buttons were shown last: the web app remembers them per sender from Rasa's replies
(`LastButtons`) and sends them in the message metadata under `LAST_BUTTONS_KEY`, so the
channel needs no tracker read for them (issue 10); without them it reads the tracker.
The metadata's shape (`known_buttons`):

    {"last_buttons": [{"title": "Ja, spara", "payload": "/affirm"}, ...]}

at most MAX_KNOWN_BUTTONS buttons, each with a string title and a payload that starts with "/";
`[]` means the last reply had no buttons. Anything else is ignored as a whole (tracker read).
"""
from __future__ import annotations

import time
from collections import OrderedDict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any, Callable

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


# --- the last buttons in the message metadata --------------------------------------------------------

LAST_BUTTONS_KEY = "last_buttons"
MAX_KNOWN_BUTTONS = 20
MAX_KNOWN_TITLE_LENGTH = 200
MAX_KNOWN_PAYLOAD_LENGTH = 1000


def known_buttons(value: Any) -> list[dict[str, str]] | None:
    """`value` as a list of {"title", "payload"} buttons, or None when it is not exactly that shape.

    One bad button makes the whole list unknown (None), never a shorter list: a list missing one of
    the buttons shown would stop its typed title from matching. A plain-text payload (the forms'
    answer choices) is taken like a "/" one: a client could type either payload itself.
    """
    if not isinstance(value, list) or len(value) > MAX_KNOWN_BUTTONS:
        return None
    buttons = []
    for button in value:
        if not isinstance(button, Mapping):
            return None
        title, payload = button.get("title"), button.get("payload")
        if not (isinstance(title, str) and len(title) <= MAX_KNOWN_TITLE_LENGTH
                and isinstance(payload, str) and payload.strip()
                and len(payload) <= MAX_KNOWN_PAYLOAD_LENGTH):
            return None
        buttons.append({"title": title, "payload": payload})
    return buttons


def buttons_of_reply(messages: Any) -> list[dict[str, str]] | None:
    """The buttons of a turn's bot messages (a channel's JSON reply), oldest first, or None when
    they cannot be sent as metadata: what `last_turn_buttons` reads from the tracker afterwards."""
    if not isinstance(messages, list):
        return None
    found: list[Any] = []
    for message in messages:
        if not isinstance(message, Mapping):
            return None
        if isinstance(message.get("buttons"), list):
            found.extend(message["buttons"])
    return known_buttons(found)


@dataclass
class _InFlight:
    count: int = 0
    overlapped: bool = False


class LastButtons:
    """sender → the buttons of the bot's latest reply, in the web app's memory.

    Holds only the bot's own button titles and payloads. Bounded: at most `max_entries` senders
    (the least recently answered go first) and `ttl_seconds` old. Unknown (None) whenever the web
    app cannot be sure: before the first reply, after a failed request, after "radera samtalet",
    and when two messages of one sender overlapped (which reply Rasa handled last is not known).
    Per web-app process, like the replay guard: several web apps need the sender routed to one.
    """

    def __init__(self, max_entries: int = 10_000, ttl_seconds: float = 1800,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self.max_entries, self.ttl, self.clock = max_entries, ttl_seconds, clock
        self._entries: OrderedDict[str, tuple[float, list[dict[str, str]]]] = OrderedDict()
        self._in_flight: dict[str, _InFlight] = {}

    def __len__(self) -> int:
        return len(self._entries)

    def begin(self, sender: str) -> list[dict[str, str]] | None:
        """A message of `sender` goes to Rasa: the buttons it answers (None: unknown).
        Every call must be followed by one `finish`."""
        stored = self._entries.pop(sender, None)  # until this turn's reply the last buttons are unknown
        state = self._in_flight.setdefault(sender, _InFlight())
        state.count += 1
        if state.count > 1:
            state.overlapped = True
            return None
        if stored is None or self.clock() - stored[0] >= self.ttl:
            return None
        return stored[1]

    def finish(self, sender: str, buttons: list[dict[str, str]] | None) -> None:
        """Rasa answered with `buttons` (None: no usable answer, the buttons are unknown)."""
        state = self._in_flight.get(sender)
        if state is None:
            return
        state.count -= 1
        if state.count > 0:
            return
        del self._in_flight[sender]
        if buttons is not None and not state.overlapped:
            self._entries[sender] = (self.clock(), buttons)
            self._expire()

    def forget(self, sender: str) -> None:
        """The conversation was deleted (or may have been): its buttons are unknown."""
        self._entries.pop(sender, None)
        if sender in self._in_flight:
            self._in_flight[sender].overlapped = True

    def _expire(self) -> None:
        now = self.clock()
        while self._entries:
            stored_at, _ = next(iter(self._entries.values()))
            if len(self._entries) <= self.max_entries and now - stored_at < self.ttl:
                break
            self._entries.popitem(last=False)
