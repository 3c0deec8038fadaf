"""Whether a guardian writes about their own child ("min dotter säger att hon inte vill leva").

The words are data: knowledge/guardian_cues.yml. A guardian who asked for a SIP in this
conversation, or who prepares the meeting as a parent, counts too.
"""
from __future__ import annotations

from rasa_sdk import Tracker

from actions.phrases import says_one_of
from actions.preparation_flow import answered_by
from actions.relative_cues import says_they_are_a_relative
from actions.request_rules import VARDNADSHAVARE
from actions.settings import ROOT

GUARDIAN_CUES_FILE = ROOT / "knowledge" / "guardian_cues.yml"


def says_they_are_a_guardian(text: str | None) -> bool:
    return says_one_of(text, GUARDIAN_CUES_FILE)


def said_they_are_a_guardian(tracker: Tracker) -> bool:
    """In any message of the conversation, by asking for a SIP as vårdnadshavare, or by preparing the
    meeting as a parent. A relative who is not a guardian ("jag är mormor") counts too: an adult
    writing about a child, who got the young person's crisis help ("För dig som är under 18") and
    articles written to the young person ("Det är din plan"; verification round, session 27)."""
    said = [event.get("text") for event in tracker.events if event.get("event") == "user"]
    prepares_as_parent = answered_by(tracker.get_slot("prep_role")).startswith(VARDNADSHAVARE)
    return tracker.get_slot("request_role") == VARDNADSHAVARE or prepares_as_parent or any(
        says_they_are_a_guardian(text) or says_they_are_a_relative(text)
        for text in [*said, tracker.latest_message.get("text")])
