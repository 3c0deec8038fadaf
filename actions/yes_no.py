"""The words that say yes or no (knowledge/yes_no_words.yml), folded like the messages they are
compared with. Each question adds its own words ("spara", "skicka"); these are the shared core,
so a "jepp" or a "nä" counts the same wherever the bot asks."""
from __future__ import annotations

import yaml

from actions.phrases import folded_words
from actions.settings import ROOT

YES_NO_FILE = ROOT / "knowledge" / "yes_no_words.yml"

YES_NO_DATA = yaml.safe_load(YES_NO_FILE.read_text(encoding="utf-8"))
YES: frozenset[str] = folded_words(YES_NO_DATA["yes_words"])
NO: frozenset[str] = folded_words(YES_NO_DATA["no_words"])
ACKNOWLEDGEMENTS: frozenset[str] = folded_words(YES_NO_DATA["acknowledgements"])
