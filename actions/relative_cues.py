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
