"""Questions about what the source documents do not cover ("kan vi få tolk?").

Every fact the bot states comes from the seeds; for these topics there is none, so the bot says
so and where to ask, instead of answering with the nearest article. The topics are data:
knowledge/not_in_sources.yml.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import yaml
from rasa_sdk import Tracker

from actions.phrases import Phrase, contains_phrase, folded
from actions.safety.crisis_detector import fold_normaliser
from actions.settings import ROOT

GAPS_FILE = ROOT / "knowledge" / "not_in_sources.yml"


@dataclass(frozen=True)
class Gap:
    reply: str
    staff_reply: str  # for someone who works with SIP


@lru_cache(maxsize=1)
def _gaps() -> tuple[tuple[tuple[Phrase, ...], tuple[Phrase, ...], tuple[Phrase, ...], Gap], ...]:
    """(phrases, phrases one of which must also occur (none: no condition), phrases none of which may
    occur, the gap) per topic."""
    data = yaml.safe_load(GAPS_FILE.read_text(encoding="utf-8"))

    def reply(topic: dict, ask: str) -> str:
        # `opening`: a kind word before "står det inget" where the question carries a fear.
        return " ".join(f"{topic.get('opening', '')} {data['reply'].format(topic=topic['topic'])} {ask}".split())

    return tuple((folded(topic["phrases"]), folded(topic.get("with", [])), folded(topic.get("without", [])),
                  Gap(reply(topic, topic.get("ask", data["ask"])),
                      reply(topic, topic.get("staff_ask", topic.get("ask", data["ask"])))))
                 for topic in data["topics"])


def gap_in(text: str | None) -> Gap | None:
    """The topic the sources do not cover that a message asks about, or None."""
    words = fold_normaliser(text or "")
    return next((gap for phrases, also, unless, gap in _gaps()
                 if contains_phrase(words, phrases) and (not also or contains_phrase(words, also))
                 and not contains_phrase(words, unless)), None)


# The button "Jag jobbar med SIP" (bot/domain/core.yml) as the user event's text.
STAFF_BUTTON = "/staff"


def asks_as_staff(tracker: Tracker) -> bool:
    """Whether a gap's reply for staff (`staff_ask`: "Fråga din chef …") fits who asks: someone who said
    they work with SIP, in words ("kurator här", knowledge/staff_roles.yml) or with the button, or had a
    guided answer for staff, and who has said nothing since that takes it back (said_they_are_staff).
    Not the classifier's `staff` on a message alone, and never someone who said they are a parent or
    a relative of the child (said_they_are_a_guardian): a parent and a grandmother whose messages read
    as `staff` were told "Fråga din chef eller den som är SIP-ansvarig hos er" (persona round, session 37)."""
    # Here: guardian_cues imports preparation_flow, which imports this module.
    from actions.guardian_cues import said_they_are_a_guardian
    from actions.staff_cues import said_they_are_staff, says_they_work_with_sip, was_guided_as_staff

    if said_they_are_a_guardian(tracker) or not said_they_are_staff(tracker):
        return False
    said = [event.get("text") or "" for event in tracker.events if event.get("event") == "user"]
    return was_guided_as_staff(tracker) or any(
        text.strip().split("{")[0] == STAFF_BUTTON or says_they_work_with_sip(text) for text in said)


def gap_reply_to(tracker: Tracker) -> str | None:
    """What the bot says to the latest message when it asks about a topic the sources do not cover,
    for who asks (asks_as_staff), or None."""
    gap = gap_in(tracker.latest_message.get("text"))
    return None if gap is None else gap.staff_reply if asks_as_staff(tracker) else gap.reply


def gap_reply(text: str | None, for_staff: bool = False) -> str | None:
    """What the bot says to a message about a topic the sources do not cover, or None."""
    gap = gap_in(text)
    return None if gap is None else gap.staff_reply if for_staff else gap.reply
