"""Whether a message says its writer is a relative who is not a guardian ("jag är mormor").
The words are data: knowledge/relative_cues.yml."""
from __future__ import annotations

import re
from functools import lru_cache

import yaml
from rasa_sdk import Tracker

from actions.consent_rules import GUARDIAN, REPRESENTATIVE
from actions.phrases import Phrase, contains_phrase, folded
from actions.answer_rules import own_ages
from actions.request_rules import (ADULT_AGE, UNG, VARDNADSHAVARE, says_someone_else_is_the_guardian,
                                   says_they_are_a_foster_parent)
from actions.safety.crisis_detector import fold, fold_normaliser
from actions.settings import ROOT

RELATIVE_CUES_FILE = ROOT / "knowledge" / "relative_cues.yml"


@lru_cache(maxsize=1)
def _data() -> dict:
    return yaml.safe_load(RELATIVE_CUES_FILE.read_text(encoding="utf-8"))


@lru_cache(maxsize=1)
def _phrases() -> tuple[Phrase, ...]:
    data = _data()
    said = [f"{before} {relative}" for before in data["before"] for relative in data["relatives"]]
    return folded([*said, *data["phrases"]])


def says_they_are_a_relative(text: str | None) -> bool:
    return contains_phrase(fold_normaliser(text or ""), _phrases())


@lru_cache(maxsize=1)
def _relatives() -> tuple[Phrase, ...]:
    return folded(_data()["relatives"])


# Words that may come with a relative's word in an answer to "who are you?" ("hans mormor").
_WITH_THE_WORD = {"hans", "hennes", "hens", "barnets", "jag", "ja", "bara", "min", "mitt"}


def answers_as_a_relative(text: str | None) -> bool:
    """At a question that asks who they are, a relative's word alone is enough: "mormor", "hans
    mormor" (persona round, session 28: "mormor" at the request's "Vem är du?" got the question
    again), besides what says_they_are_a_relative reads."""
    words = [word for word in fold_normaliser(text or "") if word not in _WITH_THE_WORD]
    return says_they_are_a_relative(text) or (bool(words) and tuple(words) in _relatives())


# The writer has the custody: "jag är mormor och har vårdnaden", "vi är hennes morföräldrar och vårdnadshavare",
# "ja e farfar o har vårdnaden om honom". The words between may not be a verb or a "not": "jag är mormor, mamman
# är vårdnadshavare" and "jag har inte vårdnaden" are no such claim.
_FILLER = r"(?:(?!(?:ar|e|har|inte|ej|icke)\b)\w+\s+)"
_CUSTODY = r"(?:vardnadshavare\w*|vardnad(?:en)?)\b"
_OWN_CUSTODY = re.compile(rf"\b(?:jag|ja|vi)\s+(?:ar|e|har|fick)\s+{_FILLER}{{0,3}}?{_CUSTODY}"
                          rf"|\b(?:och|o|men)\s+(?:ar|e|har|fick)\s+{_FILLER}{{0,2}}?{_CUSTODY}")


def says_they_have_the_custody(text: str | None) -> bool:
    """The writer says they are a vårdnadshavare; not when the custody is someone else's ("min dotter är
    mamman och har vårdnaden")."""
    words = " ".join(fold_normaliser(text or ""))
    return bool(_OWN_CUSTODY.search(words)) and not says_someone_else_is_the_guardian(text)


def says_they_are_a_private_adult(text: str | None) -> bool:
    """A relative who is no guardian, or a familjehem or jourhem ("jag är familjehem"): a private adult close
    to the child, not staff (the classifier took "jag är familjehem" for `staff`, and a foster father got the
    staff menu; persona round, session 39), and no guardian either."""
    return says_they_are_a_relative(text) or says_they_are_a_foster_parent(text)


# Someone else writes from here on: "hej det är elias jag skriver själv nu", "det är elias (som) skriver nu",
# "nu är det elias som skriver", "det är X skriver nu" without "som". staff_cues reads the same.
HANDED_OVER = re.compile(r"\bsjalv som skriver\b|\bsom skriver nu\b|\bnu (?:ar|e) det \w+(?: \w+)? som skriver\b"
                          r"|\bnu skriver (?:jag|\w+ sjalv)\b(?! \w)|\bskriver sjalv nu\b|\bdet (?:ar|e) \w+ skriver nu\b")
_SENTENCE_END = re.compile(r"[.!?\n]")


def said_since_the_last_handover(tracker: Tracker) -> list[str]:
    """The user's messages (the latest last) from the last hand-over on, that message from the start of the
    sentence that hands over. Who the writer is comes from these only: a foster mother's "jag är familjehem",
    then "hej det är elias jag skriver själv nu" and "måste jag vara med på mötet?" from her 13-year-old got the
    adult's answers (verification round, session 39). The sentence's start stays: "jag är familjehem för elias,
    nu skriver jag" is the foster mother."""
    said = [event.get("text") or "" for event in tracker.events if event.get("event") == "user"]
    texts = [fold(text) for text in [*said, tracker.latest_message.get("text") or ""]]
    for index in range(len(texts) - 1, -1, -1):
        handovers = list(HANDED_OVER.finditer(texts[index]))
        if handovers:
            start = handovers[-1].start()
            sentence_start = max((end.end() for end in _SENTENCE_END.finditer(texts[index], 0, start)), default=0)
            return [texts[index][sentence_start:], *texts[index + 1:]]
    return texts


def said_they_are_under_18(tracker: Tracker) -> bool:
    """The writer gives an own age under 18 somewhere in the conversation: "jag är 14" in any message, or the
    request's or the preparation's age question answered as the young person (role `ung`). Such a writer is a
    child, whatever else they write ("jag bor i familjehem"), and is never taken for a guardian, a foster parent
    or a relative (review, session 39: the crisis help would give a 14-year-old the parent's reply)."""
    said = [event.get("text") for event in tracker.events if event.get("event") == "user"]
    ages = [age for text in [*said, tracker.latest_message.get("text")] for age in own_ages(text)]
    if tracker.get_slot("request_role") == UNG and str(tracker.get_slot("request_age") or "").isdigit():
        ages.append(int(tracker.get_slot("request_age")))
    if tracker.get_slot("prep_role") == UNG and isinstance(tracker.get_slot("prep_age"), (int, float)):
        ages.append(int(tracker.get_slot("prep_age")))
    return any(age < ADULT_AGE for age in ages)


def said_they_are_a_relative(tracker: Tracker) -> bool:
    """In any message of the conversation since the last hand-over (said_since_the_last_handover), a relative
    who is no guardian, or a familjehem or jourhem
    (says_they_are_a_private_adult). Not one who says they have the custody ("jag är mormor och har
    vårdnaden"), in any message, nor one who chose vårdnadshavare (or företrädare) in a form after being told
    there what a relative can do: they can give a samtycke. Nor a writer who gives an own age under 18
    (said_they_are_under_18)."""
    texts = said_since_the_last_handover(tracker)
    chose_a_giver = tracker.get_slot("request_role") == VARDNADSHAVARE or \
        tracker.get_slot("consent_giver") in (GUARDIAN, REPRESENTATIVE)
    return not chose_a_giver and not said_they_are_under_18(tracker) \
        and any(says_they_are_a_private_adult(text) for text in texts) \
        and not any(says_they_have_the_custody(text) for text in texts)
