"""Questions about what the source documents do not cover ("kan vi få tolk?").

Every fact the bot states comes from the seeds; for these topics there is none, so the bot says
so and where to ask, instead of answering with the nearest article. The topics are data:
knowledge/not_in_sources.yml.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import yaml

from actions.phrases import Phrase, contains_phrase, folded
from actions.safety.crisis_detector import fold_normaliser
from actions.settings import ROOT

GAPS_FILE = ROOT / "knowledge" / "not_in_sources.yml"


@dataclass(frozen=True)
class Gap:
    reply: str
    staff_reply: str  # for someone who works with SIP


@lru_cache(maxsize=1)
def _gaps() -> tuple[tuple[tuple[Phrase, ...], tuple[Phrase, ...], Gap], ...]:
    """(phrases, phrases one of which must also occur (none: no condition), the gap) per topic."""
    data = yaml.safe_load(GAPS_FILE.read_text(encoding="utf-8"))

    def reply(topic: dict, ask: str) -> str:
        return " ".join(f"{data['reply'].format(topic=topic['topic'])} {ask}".split())

    return tuple((folded(topic["phrases"]), folded(topic.get("with", [])),
                  Gap(reply(topic, topic.get("ask", data["ask"])),
                      reply(topic, topic.get("staff_ask", topic.get("ask", data["ask"])))))
                 for topic in data["topics"])


def gap_in(text: str | None) -> Gap | None:
    """The topic the sources do not cover that a message asks about, or None."""
    words = fold_normaliser(text or "")
    return next((gap for phrases, also, gap in _gaps()
                 if contains_phrase(words, phrases) and (not also or contains_phrase(words, also))), None)


def gap_reply(text: str | None, for_staff: bool = False) -> str | None:
    """What the bot says to a message about a topic the sources do not cover, or None."""
    gap = gap_in(text)
    return None if gap is None else gap.staff_reply if for_staff else gap.reply
