"""The words that say yes or no (knowledge/yes_no_words.yml), folded like the messages they are
compared with. Each question adds its own words ("spara", "skicka"); these are the shared core,
so a "jepp" or a "nä" counts the same wherever the bot asks."""
from __future__ import annotations

import re

import yaml

from actions.phrases import fold_normaliser, folded_words
from actions.settings import ROOT

YES_NO_FILE = ROOT / "knowledge" / "yes_no_words.yml"

YES_NO_DATA = yaml.safe_load(YES_NO_FILE.read_text(encoding="utf-8"))
YES: frozenset[str] = folded_words(YES_NO_DATA["yes_words"])
NO: frozenset[str] = folded_words(YES_NO_DATA["no_words"])
ACKNOWLEDGEMENTS: frozenset[str] = folded_words(YES_NO_DATA["acknowledgements"])
# A yes said with the whole message: "ok kör", "ja gärna", "aa gör det", "jaaa 🙄" (a letter held, emoji).
TAKE_UP: frozenset[str] = YES | ACKNOWLEDGEMENTS | folded_words(YES_NO_DATA["take_up_words"])
# The filler of a strict yes (a samtycke's summary), and all of it (an offer, the preparation's summary).
STRICT_TAKE_UP_FILLER: frozenset[str] = folded_words(YES_NO_DATA["take_up_filler"])
TAKE_UP_FILLER: frozenset[str] = STRICT_TAKE_UP_FILLER | folded_words(YES_NO_DATA["take_up_filler_not_strict"])
DECLINE_FILLER: frozenset[str] = folded_words(YES_NO_DATA["decline_filler"])
MAX_WORDS = 4
_HELD_LETTER = re.compile(r"(\w)\1{2,}")


def says_only_yes(text: str | None, strict: bool = False) -> bool:
    """Nothing but a yes: not "tack" alone, "ja men vad är det?" or "nej" (actions/offer_taken_up.py, the
    preparation's summary). `strict`, for a legal confirmation (a samtycke's summary): not "ja men" or "okej då
    men" either, which go on to a but (review of session 39: they saved a samtycke)."""
    return _only(text, TAKE_UP, STRICT_TAKE_UP_FILLER if strict else TAKE_UP_FILLER)


SUMMARY_MARKS: frozenset[str] = folded_words(YES_NO_DATA["summary_marks"])
SUMMARY_FILLER: frozenset[str] = folded_words(YES_NO_DATA["summary_filler"])
MAX_SUMMARY_WORDS = 8


def says_yes_to_the_summary(text: str | None) -> bool:
    """A yes to a summary that records a samtycke: "ja", "ja det stämmer, spara", "stämmer", "allt ser bra ut".
    Never a yes with anything more ("ja, byt namnet", "ja kanske", "ja men"): an allow-list of words."""
    words = set(_held_letters_once(text))
    return bool(words) and len(words) <= MAX_SUMMARY_WORDS and "?" not in (text or "") \
        and bool(words & (TAKE_UP | SUMMARY_MARKS)) and words <= TAKE_UP | STRICT_TAKE_UP_FILLER | SUMMARY_MARKS \
        | SUMMARY_FILLER


def says_only_no(text: str | None) -> bool:
    """Nothing but a no: "nej", "nä tack", "nej inte nu"."""
    return _only(text, NO, DECLINE_FILLER)


def _held_letters_once(text: str | None) -> list[str]:
    return [_HELD_LETTER.sub(r"\1\1", word) for word in fold_normaliser(text or "")]


def _only(text: str | None, core: frozenset[str], filler: frozenset[str]) -> bool:
    words = _held_letters_once(text)
    return bool(words) and len(words) <= MAX_WORDS and "?" not in (text or "") \
        and bool(set(words) & core) and set(words) <= core | filler
