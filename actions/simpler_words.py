""""kan du säga det lättare": the last answer in fewer words (knowledge/simpler_words_cues.yml)."""
from __future__ import annotations

from actions.phrases import phrases_in, says_one_of
from actions.safety.crisis_detector import fold_normaliser
from actions.settings import ROOT

SIMPLER_WORDS_CUES_FILE = ROOT / "knowledge" / "simpler_words_cues.yml"
# Longer messages ask something of their own ("kan du skriva det där enklare, jag förstod inte" is 9).
MAX_WORDS = 10


def asks_for_simpler_words(text: str | None) -> bool:
    return asks_for_plain_language(text) or tuple(fold_normaliser(text or "")) in phrases_in(
        SIMPLER_WORDS_CUES_FILE, "whole")


def asks_for_plain_language(text: str | None) -> bool:
    """"jag förstår inte, enkel svenska tack" with no answer just before: a wish for plain words, not
    a question ("för svårt" alone, in `whole`, may tell what is hard, so only `phrases` count)."""
    words = fold_normaliser(text or "")
    return 0 < len(words) <= MAX_WORDS and says_one_of(text, SIMPLER_WORDS_CUES_FILE)

