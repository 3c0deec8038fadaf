"""Where actions read what the person really typed.

Channels replace personal identifiers with placeholders before Rasa sees a message (see the
privacy work); an action that must store such a value reads it through this module only.
"""
from __future__ import annotations

from rasa_sdk import Tracker


def latest_user_text(tracker: Tracker) -> str:
    """The latest user message as typed."""
    return tracker.latest_message.get("text") or ""
