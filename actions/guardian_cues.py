"""Whether a guardian writes about their own child ("min dotter säger att hon inte vill leva").

The words are data: knowledge/guardian_cues.yml. A guardian who asked for a SIP in this
conversation, or who prepares the meeting as a parent, counts too.
"""
from __future__ import annotations

from functools import lru_cache

import yaml
from rasa_sdk import Tracker

from actions.phrases import Phrase, contains_phrase, folded
from actions.preparation_flow import answered_by
from actions.request_rules import VARDNADSHAVARE
from actions.safety.crisis_detector import fold_normaliser
from actions.settings import ROOT

GUARDIAN_CUES_FILE = ROOT / "knowledge" / "guardian_cues.yml"


@lru_cache(maxsize=1)
def _phrases() -> tuple[Phrase, ...]:
    return folded(yaml.safe_load(GUARDIAN_CUES_FILE.read_text(encoding="utf-8"))["phrases"])


def says_they_are_a_guardian(text: str | None) -> bool:
    return contains_phrase(fold_normaliser(text or ""), _phrases())


def said_they_are_a_guardian(tracker: Tracker) -> bool:
    """In any message of the conversation, by asking for a SIP as vårdnadshavare, or by preparing the
    meeting as a parent."""
    said = [event.get("text") for event in tracker.events if event.get("event") == "user"]
    prepares_as_parent = answered_by(tracker.get_slot("prep_role")).startswith(VARDNADSHAVARE)
    return tracker.get_slot("request_role") == VARDNADSHAVARE or prepares_as_parent or any(
        says_they_are_a_guardian(text) for text in [*said, tracker.latest_message.get("text")])
