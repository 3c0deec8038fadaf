"""Follow-up questions ("och hur länge gäller det?") read in the light of the last answer.

A follow-up often names no topic of its own. Right after an answer:

1. A follow-up or a short message (at most MAX_SHORT_WORDS words) is ranked by its words alone
   plus CONTEXT_WEIGHT times its reading together with the title of the last article (the
   ResponseSelector judged the words alone, so it has no vote in that reading), and the last
   article and those related to it (what people ask next, knowledge/README.md, `related`) get
   NEAR_BONUS, the last article LAST_ANSWER_BONUS more if the words alone name it. Where the words
   alone were sure and this ranking agrees, the answer stands; where it disagrees, the bot offers
   "Menade du…?" buttons in its order instead of a confident answer to a question it may have
   misread. Where the words alone were unsure, a follow-up whose best article is the last one or a
   related one gets it as the answer; any other message gets buttons.
2. A longer message the words alone leave unsure: the related articles get NEAR_BONUS, and if
   the best is then the last article or a related one it comes first among the buttons.

Before both: "gäller det även förskolan?", "gäller samma sak för skolan?" asks whether the last answer
applies to something else too, and gets the last article, unless what it names is a clear topic of its
own (choice_if_it_applies_too).

Measured on the follow-up sets and on the knowledge sets, each question asked after another
topic (docs/training.md).
"""
from __future__ import annotations

from collections.abc import Callable
from typing import Any

import yaml

from actions.answer_choice import Choice, SUGGESTIONS
from actions.consent_rules import recognise_organisation
from actions.knowledge_base import Article
from actions.phrases import folded, folded_words
from actions.safety.crisis_detector import fold_normaliser
from actions.settings import ROOT

# The words are data (what each list is for is in the file's header), folded (å/ä/ö → a/a/o).
FOLLOW_UP_WORDS_FILE = ROOT / "knowledge" / "follow_up_words.yml"
_WORDS = yaml.safe_load(FOLLOW_UP_WORDS_FILE.read_text(encoding="utf-8"))
FOLLOW_UP_STARTS: frozenset[str] = folded_words(_WORDS["follow_up_starts"])
BACK_REFERENCES: frozenset[str] = folded_words(_WORDS["back_references"])
# Longer messages with "det" are usually questions of their own ("vad är det för skillnad på…").
MAX_FOLLOW_UP_WORDS = 8
# Added to the fused score (at most 2.5) of each article related to the last answer, and in
# ranked_after() of the last article too. Chosen on the first four follow-up sets against the
# knowledge questions asked after another topic: 0.2 to 0.5 won 9 to 15 of 240 follow-ups and cost
# at most 3 of 1,018 questions; from 0.75 it cost more. Kept in session 22's grid (docs/training.md).
NEAR_BONUS = 0.35
# Added in ranked_after() to the last article itself, beyond NEAR_BONUS, when the words alone also
# point to it: such a follow-up is about the answer just given more often than about what is
# related to it (without words of its own, "och hur länge gäller det?" after what samtycke is asks
# for a related article). "behövs remiss?" right after BUP
# ranked Första linjen (related to BUP) first, and "hur gammal måste man vara då?" after UMO the
# article on who can get a SIP, after a retraining moved the ResponseSelector's voice (session 26).
# On the cached parses of the six follow-up sets and of the knowledge sets asked after another
# topic: 0.1 and 0.2 left both where they were within a question (260/261 of 360; 1,714/1,713 of
# 1,784), 0.3 cost three follow-ups.
LAST_ANSWER_BONUS = 0.2
# The reading with the last answer's title beside the words alone, for follow-ups and short
# messages. Chosen on the first four follow-up sets against the knowledge questions asked after
# another topic (session 22, docs/training.md): 0.5 or more, or 8 words and more, won a few
# follow-ups more and cost more questions.
CONTEXT_WEIGHT = 0.25
MAX_SHORT_WORDS = 6


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


def _near(previous: Article) -> set[str]:
    """The last article and those related to it."""
    return set(previous.related) | {previous.id}


def read_with_the_last_answer(text: str | None) -> bool:
    """A follow-up or a message so short that the last answer may be what it is about; not one
    without words ("", "?????", "👍"), whose reading with the title would be the title alone."""
    words = fold_normaliser(text or "")
    return bool(words) and (is_follow_up(text) or len(words) <= MAX_SHORT_WORDS)


def ranked_after(previous: Article, alone: list[tuple[str, float]], with_title: list[tuple[str, float]]) -> list[str]:
    """Articles best first, from the fused scores of the words alone (`alone`) and of their reading
    with the last article's title (`with_title`), the last article and its related ones lifted."""
    near = _near(previous)
    combined = dict(alone)
    for article, score in with_title:
        combined[article] = combined.get(article, 0.0) + CONTEXT_WEIGHT * score
    for article in near & combined.keys():
        combined[article] += NEAR_BONUS
    if previous.id in dict(alone):
        combined[previous.id] += LAST_ANSWER_BONUS
    return sorted(combined, key=lambda article: (-combined[article], article))


def choice_after(previous: Article, by_words: Choice, ranked: list[str], text: str | None) -> Choice:
    """What to say to a follow-up or short message right after `previous` was answered:
    `by_words` is the choice on its words alone, `ranked` the articles by ranked_after()."""
    if not ranked or (by_words.answer is not None and ranked[0] == by_words.answer):
        return by_words
    if by_words.answer is None and is_follow_up(text) and ranked[0] in _near(previous):
        return Choice(ranked[0], ())
    buttons = ranked[:SUGGESTIONS]
    if by_words.answer is not None and by_words.answer not in buttons:
        # What the words alone were sure of stays one tap away.
        buttons = [*ranked[:SUGGESTIONS - 1], by_words.answer]
    return Choice(None, tuple(buttons))


def near_the_last_answer(previous: Article, scored: list[tuple[str, float]], unsure: Choice) -> Choice | None:
    """An unsure choice (`unsure`, from the fused scores `scored` of the words alone, best first)
    of a message that is not read with the last answer: "Menade du…?" buttons with the last article
    or one related to it first, if it is best once the related ones get NEAR_BONUS."""
    related = set(previous.related)
    boosted = sorted(((article, score + (NEAR_BONUS if article in related else 0.0)) for article, score in scored),
                     key=lambda item: (-item[1], item[0]))
    if not boosted or boosted[0][0] not in _near(previous):
        return None
    return Choice(None, tuple(article for article, _ in boosted)[:len(unsure.suggestions)])


# "gäller det även förskolan?", "och gäller det här också oss?", "gäller samma sak för skolan?",
# "gäller det förskolan också?" (folded words, knowledge/follow_up_words.yml): APPLIES, then one of
# POINTING_BACK, then what it may apply to, with a word of TOO first or last, or after a pointing back with
# "samma" without one.
# After the KVÅ answer "gäller det även för skolan eller bara vården?" got the article on who can get a
# SIP, and after anmälningsplikt "gäller det även förskolan?" the barnhälsoteam (persona round, session 38).
APPLIES: str = fold_normaliser(_WORDS["applies"])[0]  # one word: it is compared with a single word
# Words in a row, tried in the file's order: "det här" before "det".
POINTING_BACK: tuple[tuple[str, ...], ...] = folded(_WORDS["pointing_back"])
TOO: frozenset[str] = folded_words(_WORDS["too"])
# "gäller det oss med?": "med" only last ("gäller det med samtycke" is no "too").
TOO_AT_THE_END = TOO | {"med"}
BEFORE_WHAT: frozenset[str] = folded_words(_WORDS["before_what"])
# People and groups; ages and organisations are read in names_whom_or_where.
WHO: frozenset[str] = folded_words(_WORDS["who"])


def what_it_may_apply_to(text: str | None) -> str | None:
    """What a "gäller det även X?" message asks the last answer to apply to too ("förskolan"; "" for
    "gäller det också?"), or None when the message asks no such thing."""
    words = fold_normaliser(text or "")
    while words and words[0] in FOLLOW_UP_STARTS:
        words = words[1:]
    if not words or words[0] != APPLIES:
        return None
    back = next((p for p in POINTING_BACK if tuple(words[1:1 + len(p)]) == p), None)
    if back is None:
        return None
    rest = words[1 + len(back):]
    if not ("samma" in back or (rest and (rest[0] in TOO or rest[-1] in TOO_AT_THE_END))):
        return None
    rest = [word for word in (rest[:-1] if rest and rest[-1] == "med" else rest) if word not in TOO]
    while rest and rest[0] in BEFORE_WHAT:
        rest = rest[1:]
    return " ".join(rest)


def choice_if_it_applies_too(previous: Article, text: str | None,
                             clear_answer: Callable[[str], str | None]) -> Choice | None:
    """Right after `previous` was answered, "gäller det även X?" asks whether THAT answer applies to X: the
    last article, whose text may say, and if not is still the best place. Unless X is a clear topic of its
    own (`clear_answer` of X alone, as "samtycket" is): then its article. A place or a kind of
    organisation (knowledge/organisation_types.yml: "förskolan", "BUP") is no topic of its own, though an
    article may clearly name it (the barnhälsoteam of the förskolor). None for any other message."""
    subject = what_it_may_apply_to(text)
    if subject is None:
        return None
    own = clear_answer(subject) if subject and not names_whom_or_where(subject) else None
    return Choice(own or previous.id, ())


def names_whom_or_where(subject: str) -> bool:
    """Whether what a "gäller det även…" asks about names people (WHO), an age or an organisation."""
    words = subject.split()
    return recognise_organisation(subject) is not None or any(
        word in WHO or any(character.isdigit() for character in word) for word in words)
