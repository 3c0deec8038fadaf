"""Whether a message says its writer is a relative who is not a guardian ("jag är mormor").
The words are data: knowledge/relative_cues.yml."""
from __future__ import annotations

from functools import lru_cache

import yaml

from actions.phrases import Phrase, contains_phrase, folded
from actions.safety.crisis_detector import fold_normaliser
from actions.settings import ROOT

RELATIVE_CUES_FILE = ROOT / "knowledge" / "relative_cues.yml"


@lru_cache(maxsize=1)
def _phrases() -> tuple[Phrase, ...]:
    data = yaml.safe_load(RELATIVE_CUES_FILE.read_text(encoding="utf-8"))
    said = [f"{before} {relative}" for before in data["before"] for relative in data["relatives"]]
    return folded([*said, *data["phrases"]])


def says_they_are_a_relative(text: str | None) -> bool:
    return contains_phrase(fold_normaliser(text or ""), _phrases())
