"""Follow-up questions ("och hur länge gäller det?") read in the light of the last answer.

A follow-up often names no topic of its own. Only when its words alone leave the bot unsure
(actions/answer_question.py), two readings, in this order:

1. Near the last answer: if one of the two best articles for the words is the last article or
   one of its `related` ones (what people ask next, knowledge/README.md), a follow-up gets it as
   the answer and any other message gets it first among the "Menade du…?" buttons.
2. Otherwise a follow-up is read together with the title of the last article; the
   ResponseSelector judged the words alone, so its vote is left out. Read with the title every
   time, a follow-up was pulled back to the last article even when it asked something new.

Both measured on the first two follow-up sets and on the knowledge sets, each question asked
after another topic (docs/training.md).
"""
from __future__ import annotations

from typing import Any

from actions.answer_choice import Choice
from actions.knowledge_base import Article
from actions.safety.crisis_detector import fold_normaliser

# Folded words (å/ä/ö → a/a/o): "och", "å" and "men" open a follow-up; the others point back.
FOLLOW_UP_STARTS = {"och", "o", "a", "men"}
BACK_REFERENCES = {"det", "den", "dom", "dem", "de", "dit", "da", "hen", "han", "hon", "detta", "dessa"}
# Longer messages with "det" are usually questions of their own ("vad är det för skillnad på…").
MAX_FOLLOW_UP_WORDS = 8
# How far down the ranking of the words alone an article near the last answer may stand and still
# be preferred: from the third place on it cost more knowledge questions than it won follow-ups.
NEAR_RANKS = 2


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


def near_the_last_answer(previous: Article, ranked: list[str], text: str | None, unsure: Choice) -> Choice | None:
    """An unsure choice (`unsure`, from the articles `ranked` for the words alone) decided by the
    last answer: the best of the top NEAR_RANKS that is the last article or related to it."""
    near = {previous.id, *previous.related}
    pick = next((article for article in ranked[:NEAR_RANKS] if article in near), None)
    if pick is None:
        return None
    if is_follow_up(text):
        return Choice(pick, ())
    others = tuple(article for article in unsure.suggestions if article != pick)
    return Choice(None, (pick, *others)[:len(unsure.suggestions)])
