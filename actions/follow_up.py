"""Follow-up questions ("och hur länge gäller det?") read in the light of the last answer.

A follow-up often names no topic of its own. When its words alone leave the bot unsure, it
is read together with the title of the article the bot answered last (actions/answer_question.py);
the ResponseSelector judged the words alone, so its vote is left out. Only then: read with the
title every time, a follow-up was pulled back to the last article even when it asked something
new (measured on the odd half of bench/data/follow_ups_heldout_2026-12-04.yml, docs/training.md).
"""
from __future__ import annotations

from typing import Any

from actions.knowledge_base import Article
from actions.safety.crisis_detector import fold_normaliser

# Folded words (å/ä/ö → a/a/o): "och", "å" and "men" open a follow-up; the others point back.
FOLLOW_UP_STARTS = {"och", "o", "a", "men"}
BACK_REFERENCES = {"det", "den", "dom", "dem", "de", "dit", "da", "hen", "han", "hon", "detta", "dessa"}
# Longer messages with "det" are usually questions of their own ("vad är det för skillnad på…").
MAX_FOLLOW_UP_WORDS = 8


def is_follow_up(text: str | None) -> bool:
    words = fold_normaliser(text or "")
    if not words:
        return False
    return words[0] in FOLLOW_UP_STARTS or (
        len(words) <= MAX_FOLLOW_UP_WORDS and any(word in BACK_REFERENCES for word in words))


def in_context(latest_message: dict[str, Any], previous: Article) -> dict[str, Any]:
    """The message as the voices should read it: its words and the last answer's topic."""
    return {**latest_message, "text": f"{latest_message.get('text') or ''} {previous.title}",
            "response_selector": {}}
