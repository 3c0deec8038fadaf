"""Whether a guardian writes about their own child ("min dotter säger att hon inte vill leva").

The words are data: knowledge/guardian_cues.yml. A guardian who asked for a SIP in this
conversation, or who prepares the meeting as a parent, counts too. The same file holds the words of a
question that is a parent's whoever asks it ("räcker det att en förälder samtycker?"), and the sentences
of a staff wording that a guardian who gets that wording does not.
"""
from __future__ import annotations

import re
from functools import lru_cache

import yaml
from rasa_sdk import Tracker

from actions.phrases import says_one_of
from actions.preparation_flow import answered_by
from actions.relative_cues import said_since_the_last_handover, said_they_are_under_18, says_they_are_a_relative
from actions.request_rules import VARDNADSHAVARE, says_they_are_a_foster_parent
from actions.settings import ROOT

GUARDIAN_CUES_FILE = ROOT / "knowledge" / "guardian_cues.yml"


def says_they_are_a_guardian(text: str | None) -> bool:
    return says_one_of(text, GUARDIAN_CUES_FILE)


def asks_as_a_parent(text: str | None) -> bool:
    """"räcker det att en förälder samtycker?": a question about the parents' part, worded as a parent's
    (`parents_questions`), whoever writes it."""
    return says_one_of(text, GUARDIAN_CUES_FILE, "parents_questions")


@lru_cache(maxsize=1)
def _staff_only_patterns() -> tuple[re.Pattern[str], ...]:
    sentences = yaml.safe_load(GUARDIAN_CUES_FILE.read_text(encoding="utf-8"))["staff_only_sentences"]
    # Any whitespace between the words: the articles are folded YAML.
    return tuple(re.compile(r"[ \t]*" + r"\s+".join(map(re.escape, str(sentence).split())))
                 for sentence in sentences)


def without_staff_only_sentences(text: str) -> str:
    """A staff wording as a guardian gets it: without the sentences for staff only (`staff_only_sentences`)."""
    for pattern in _staff_only_patterns():
        text = pattern.sub("", text)
    return text


def said_they_are_a_guardian(tracker: Tracker) -> bool:
    """In any message of the conversation, by asking for a SIP as vårdnadshavare, or by preparing the
    meeting as a parent. A relative who is not a guardian ("jag är mormor") counts too: an adult
    writing about a child, who got the young person's crisis help ("För dig som är under 18") and
    articles written to the young person ("Det är din plan"; verification round, session 27). So does a
    familjehem or jourhem: "Hej, jag är familjehem för en 14-åring. Vem bestämmer…" got "Är du under 18 ska du
    tillfrågas" (persona round, session 39). Never a writer who gives an own age under 18: "jag är 14", then "jag
    bor i familjehem", then "jag vill inte leva längre" must get the young person's crisis help (review, session
    39), whatever the other cues read. Only the messages since the last hand-over count ("jag skriver själv nu";
    said_since_the_last_handover)."""
    prepares_as_parent = answered_by(tracker.get_slot("prep_role")).startswith(VARDNADSHAVARE)
    if tracker.get_slot("request_role") == VARDNADSHAVARE or prepares_as_parent:
        return True  # a role chosen in a form wins over an age read from the words (second read, session 39)
    if said_they_are_under_18(tracker):
        return False
    return any(
        says_they_are_a_guardian(text) or says_they_are_a_relative(text) or says_they_are_a_foster_parent(text)
        for text in said_since_the_last_handover(tracker))
