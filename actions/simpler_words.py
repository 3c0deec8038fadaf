""""kan du säga det lättare": the last answer in fewer words (knowledge/simpler_words_cues.yml)."""
from __future__ import annotations

from functools import lru_cache

import yaml

from actions.phrases import Phrase, contains_phrase, folded
from actions.safety.crisis_detector import fold_normaliser
from actions.settings import ROOT

SIMPLER_WORDS_CUES_FILE = ROOT / "knowledge" / "simpler_words_cues.yml"
# Longer messages ask something of their own.
MAX_WORDS = 8


@lru_cache(maxsize=1)
def _cues() -> tuple[tuple[Phrase, ...], tuple[Phrase, ...]]:
    data = yaml.safe_load(SIMPLER_WORDS_CUES_FILE.read_text(encoding="utf-8"))
    return folded(data["phrases"]), folded(data["whole"])


def asks_for_simpler_words(text: str | None) -> bool:
    words = fold_normaliser(text or "")
    phrases, whole = _cues()
    return 0 < len(words) <= MAX_WORDS and (contains_phrase(words, phrases) or tuple(words) in whole)
