"""Follow-up questions ("och hur länge gäller det?") read in the light of the last answer.

A follow-up often names no topic of its own. Only when its words alone leave the bot unsure
(actions/answer_question.py), two readings, in this order:

1. Near the last answer: the articles related to the last one (what people ask next,
   knowledge/README.md, `related`) get NEAR_BONUS added to their fused score for the words
   alone. If the best is then the last article or one of those, a follow-up gets it as the
   answer and any other message gets it first among the "Menade du…?" buttons.
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
BACK_REFERENCES = {"det", "den", "dom", "dem", "de", "dit", "dar", "da", "sen", "hen", "han", "hon", "detta", "dessa",
                   "samma", "motsvarande"}
# Longer messages with "det" are usually questions of their own ("vad är det för skillnad på…").
MAX_FOLLOW_UP_WORDS = 8
# Added to the fused score (at most 2.5) of each article related to the last answer. Chosen on the
# first four follow-up sets against the knowledge questions asked after another topic: 0.2 to 0.5
# won 9 to 15 of 240 follow-ups and cost at most 3 of 1,018 questions; from 0.75 it cost more.
NEAR_BONUS = 0.35


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


def near_the_last_answer(previous: Article, scored: list[tuple[str, float]], text: str | None,
                         unsure: Choice) -> Choice | None:
    """An unsure choice (`unsure`, from the fused scores `scored` of the words alone, best first)
    decided by the last answer: the best article once those related to it get NEAR_BONUS, if that
    is the last article or one related to it."""
    related = set(previous.related)
    boosted = sorted(((article, score + (NEAR_BONUS if article in related else 0.0)) for article, score in scored),
                     key=lambda item: (-item[1], item[0]))
    if not boosted or boosted[0][0] not in related | {previous.id}:
        return None
    pick = boosted[0][0]
    if is_follow_up(text):
        return Choice(pick, ())
    return Choice(None, tuple(article for article, _ in boosted)[:len(unsure.suggestions)])
