""""koden är borta": what to do without the reference number or the code (knowledge/lost_code_cues.yml)."""
from __future__ import annotations

from functools import lru_cache

import yaml

from actions.phrases import Phrase, contains_phrase, folded
from actions.safety.crisis_detector import fold_normaliser
from actions.settings import ROOT

LOST_CODE_CUES_FILE = ROOT / "knowledge" / "lost_code_cues.yml"


@lru_cache(maxsize=1)
def _cues() -> tuple[tuple[Phrase, ...], tuple[Phrase, ...], tuple[Phrase, ...]]:
    data = yaml.safe_load(LOST_CODE_CUES_FILE.read_text(encoding="utf-8"))
    return folded(data["things"]), folded(data["lost"]), folded(data["not_with"])


def says_the_code_is_lost(text: str | None) -> bool:
    words = fold_normaliser(text or "")
    things, lost, not_with = _cues()
    return contains_phrase(words, things) and contains_phrase(words, lost) and not contains_phrase(words, not_with)
