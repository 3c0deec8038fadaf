""""vad händer sen med det här?" inside a form: what happens next with that form.

The words and the answers are data: knowledge/form_next_steps.yml.
"""
from __future__ import annotations

from functools import lru_cache

import yaml
from rasa_sdk import Tracker

from actions.phrases import folded_words
from actions.safety.crisis_detector import fold_normaliser
from actions.settings import ROOT

FORM_NEXT_STEPS_FILE = ROOT / "knowledge" / "form_next_steps.yml"


@lru_cache(maxsize=1)
def _data() -> tuple[frozenset[str], frozenset[str], dict[str, str]]:
    data = yaml.safe_load(FORM_NEXT_STEPS_FILE.read_text(encoding="utf-8"))
    return folded_words(data["asks"]), folded_words(data["words"]), dict(data["responses"])


def asks_what_happens_next(text: str | None) -> bool:
    asks, words, _ = _data()
    said = set(fold_normaliser(text or ""))
    return bool(said & asks) and said - asks <= words


def next_steps_response(tracker: Tracker) -> str | None:
    """The response that says what happens next in the active form, if the latest message asks that."""
    form = (tracker.active_loop or {}).get("name")
    response = _data()[2].get(form or "")
    return response if response and asks_what_happens_next(tracker.latest_message.get("text")) else None
