"""For actions: the personal identifiers the person's latest message carried.

The input channels replace personnummer, phone numbers and e-mail addresses with
placeholders ("[telefonnummer]") before Rasa sees them (channels.pii), so a slot filled
from text holds the placeholder. An action that needs the value (to store it encrypted in
the case store) reads it here; never put it in a slot or a bot message, which the tracker keeps.
"""
from __future__ import annotations

from functools import lru_cache

from cryptography.fernet import MultiFernet
from rasa_sdk import Tracker

from actions import settings
from actions.casestore.crypto import build_cipher
from channels.pii import PLACEHOLDERS, Found, reveal


@lru_cache(maxsize=1)
def _cipher() -> MultiFernet:
    return build_cipher(settings.load())


def latest_identifiers(tracker: Tracker, kind: str | None = None, cipher: MultiFernet | None = None) -> list[Found]:
    """Identifiers in the latest user message, optionally of one kind ("telefonnummer",
    "personnummer", "samordningsnummer", "e-post"): e-mail addresses, then identity numbers, then phone numbers."""
    for event in reversed(tracker.events or []):
        if event.get("event") == "user":
            found = reveal(event.get("metadata"), cipher or _cipher())
            return [f for f in found if kind is None or f.kind == kind]
    return []


def restore_latest(tracker: Tracker, text: str, cipher: MultiFernet | None = None) -> str:
    """`text` (from the latest user message) with its placeholders replaced by the original
    values again, e.g. for validating a phone number a form asked for. Whatever is built from
    the result must not go back into the tracker unless it is needed there."""
    found = latest_identifiers(tracker, cipher=cipher)
    for kind, placeholder in PLACEHOLDERS.items():
        for item in (f for f in found if f.kind == kind):
            text = text.replace(placeholder, item.value, 1)
    return text
