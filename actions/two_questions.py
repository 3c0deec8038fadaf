"""Two questions in one message ("hur länge gäller samtycket och kan jag ta tillbaka det?").

Read as a whole, such a message often matches neither article well enough, and the bot offered
"Menade du…?" buttons or answered one question and dropped the other. So the message is also cut
into the parts that ask (after a "?", or at "och"/"plus"/"samt" before a question word), and each
part that the articles clearly answer is answered too, at most two. Plain Python, unit-tested;
which article answers a part is decided by actions/answer_question.py.
"""
from __future__ import annotations

import re

from actions.answer_rules import QUESTION_WORDS, question_part

# Two answers at most: a third would bury the first under text on a phone.
MAX_ANSWERS = 2

# "och"/"o"/"plus"/"samt" (optionally after a comma) that opens a new question: the next word asks.
_JOINED_QUESTION = re.compile(
    r"\s*,?\s+(?:och|o|plus|samt)\s+(?:sen\s+|så\s+|sa\s+)?(?=(?:" + "|".join(sorted(QUESTION_WORDS)) + r")\b)",
    re.IGNORECASE)
_AFTER_QUESTION_MARK = re.compile(r"(?<=\?)")
# "vad betyder bup o eht": two short terms asked about at once, each asked on its own.
_TWO_TERMS = re.compile(
    r"^(?P<asks>(?:vad|va)\s+(?:betyder|är|ar|e|menas\s+med|står)\s+)"
    r"(?P<first>\S+(?:\s+\S+)?)\s*(?:,|\s)\s*(?:och|o|eller|&)\s+(?P<second>\S+(?:\s+\S+)?)\s*\??$",
    re.IGNORECASE)
# A part needs some words of its own to be matched against the articles.
MIN_PART_WORDS = 2


def question_parts(text: str | None) -> list[str]:
    """The parts of `text` that ask something, in order; one part (or none) for a single question."""
    parts = []
    for sentence in _AFTER_QUESTION_MARK.split(text or ""):
        for piece in _JOINED_QUESTION.split(sentence):
            asked = question_part(piece)
            if asked and len(asked.split()) >= MIN_PART_WORDS:
                parts.extend(_each_term(asked.strip()))
    return parts


def _each_term(part: str) -> list[str]:
    """"vad betyder bup o eht" → "vad betyder bup", "vad betyder eht"; other parts unchanged."""
    terms = _TWO_TERMS.match(part)
    if not terms:
        return [part]
    return [terms["asks"] + terms["first"], terms["asks"] + terms["second"]]


def combine(whole: str | None, per_part: list[str | None]) -> list[str]:
    """The articles to answer with: `whole` is the answer for the whole message
    (None when the bot was unsure), `per_part` the article each part clearly asks for, in order
    (None where a part alone is not clear). When the whole message has an answer, it must answer
    one of the parts (the same article as a part, or standing in for a part that is unclear
    alone: "vem kan få en?"); otherwise it stands alone. When it has none, two parts must get two
    different articles, or the bot offers its suggestions as before."""
    found = list(dict.fromkeys(article for article in per_part if article))
    if whole is None:
        return found[:MAX_ANSWERS] if len(found) >= MAX_ANSWERS else []
    if whole not in per_part and None not in per_part:
        return [whole]
    # The whole message's answer first: the bot's reading of the message as a whole.
    others = [article for article in found if article != whole]
    return [whole, others[0]] if others else [whole]
