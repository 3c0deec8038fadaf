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
TAKE_UP_FILLER: frozenset[str] = folded_words(YES_NO_DATA["take_up_filler"])
DECLINE_FILLER: frozenset[str] = folded_words(YES_NO_DATA["decline_filler"])
MAX_WORDS = 4
_HELD_LETTER = re.compile(r"(\w)\1{2,}")


def says_only_yes(text: str | None) -> bool:
    """Nothing but a yes: not "tack" alone, "ja men vad är det?" or "nej" (actions/offer_taken_up.py, the
    preparation's summary)."""
    return _only(text, TAKE_UP, TAKE_UP_FILLER)


def says_only_no(text: str | None) -> bool:
    """Nothing but a no: "nej", "nä tack", "nej inte nu"."""
    return _only(text, NO, DECLINE_FILLER)


def _only(text: str | None, core: frozenset[str], filler: frozenset[str]) -> bool:
    words = [_HELD_LETTER.sub(r"\1\1", word) for word in fold_normaliser(text or "")]
    return bool(words) and len(words) <= MAX_WORDS and "?" not in (text or "") \
        and bool(set(words) & core) and set(words) <= core | filler
