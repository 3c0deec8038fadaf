"""Guided answers (knowledge/guides/*.yml): a few questions with buttons, then the steps that apply.

The answers so far travel in the button payloads, so a guide keeps no conversation state. A
typed reply ("nej", "vi är på vc") is read against the buttons the bot just showed, or, a few
messages later, against the guide's last question; started again, a guide keeps the answers its
earlier messages show (actions/guide_actions.py). A follow-up on the guide's topic gets the one of
its `points` that answers it, and someone who sends the invitation its `caller_answer`.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import cached_property, lru_cache
from typing import Any

import yaml

from actions.knowledge_base import SOURCE_LABEL
from actions.safety.crisis_detector import fold_normaliser
from actions.settings import ROOT
from actions.yes_no import NO, YES

GUIDES_DIR = ROOT / "knowledge" / "guides"


def parse_answers(raw: str | None) -> dict[str, str]:
    """"huvudman=region;specialist=ja" → {"huvudman": "region", "specialist": "ja"}; junk is ignored."""
    answers = {}
    for part in (raw or "").split(";"):
        key, sep, value = part.partition("=")
        if sep and key.strip() and value.strip():
            answers[key.strip()] = value.strip()
    return answers


def format_answers(answers: dict[str, str]) -> str:
    return ";".join(f"{key}={value}" for key, value in answers.items())


def _padded(text: str) -> str:
    """Folded words between spaces, so a phrase is found only as whole words."""
    return f" {' '.join(fold_normaliser(text))} "


# "vem på kommunen skickar vi kallelsen till": "…" in a phrase stands for up to this many words
# (persona round, session 24: the caller got the guide for the one invited).
GAP_WORDS = 4


# Folded words that, right before a phrase, deny it: "ingen pågående kontakt med bup" says no contact.
_DENYING = ("inte", "ej", "ingen", "inga", "utan", "aldrig")
_NOT_DENIED = "".join(f"(?<! {word})" for word in _DENYING)


def _said_with_gaps(phrase: str, said: str, unnegated: bool = False) -> bool:
    """`phrase` in the padded text `said` as whole words, each "…" in it matching 0–GAP_WORDS words;
    with `unnegated`, not right after a word that denies it."""
    parts = [_padded(part).strip() for part in phrase.split("…")]
    gap = r"(?:\S+ ){0,%d}" % GAP_WORDS
    pattern = " " + gap.join(re.escape(part) + " " for part in parts)
    return re.search((_NOT_DENIED if unnegated else "") + pattern, said) is not None


def _says_one_of(phrases: list[str], said: str) -> bool:
    """One of `phrases` ("…" for a gap) in the padded text `said`, not denied."""
    return any(_said_with_gaps(phrase, said, unnegated=True) for phrase in phrases)


# "vi är region, inte kommun": a phrase right after one of these is ruled out, not chosen.
_NEGATIONS = ("inte", "ej", "inte fran", "ej fran")


def _said_unnegated(phrase: str, said: str) -> bool:
    """`phrase` (padded) occurs in `said` (padded) other than right after a negation."""
    for negation in _NEGATIONS:
        said = said.replace(f" {negation}{phrase}", " ")
    return phrase in said


def _bare_yes_or_no(words: list[str]) -> bool:
    return len(words) == 1 and (words[0] in YES or words[0] in NO)


def _matches(when: dict[str, str] | None, answers: dict[str, str]) -> bool:
    return all(answers.get(key) == value for key, value in (when or {}).items())


@dataclass(frozen=True)
class Guide:
    data: dict[str, Any]

    @property
    def id(self) -> str:
        return self.data["id"]

    def next_question(self, answers: dict[str, str]) -> dict[str, Any] | None:
        for question in self.data["questions"]:
            allowed = {option["value"] for option in question["options"]}
            if _matches(question.get("when"), answers) and answers.get(question["key"]) not in allowed:
                return question
        return None

    def buttons(self, question: dict[str, Any], answers: dict[str, str]) -> list[dict[str, str]]:
        buttons = []
        for option in question["options"]:
            chosen = format_answers({**answers, question["key"]: option["value"]})
            payload = "/guide" + json.dumps({"guide": self.id, "guide_answers": chosen}, ensure_ascii=False)
            buttons.append({"title": option["title"], "payload": payload})
        return buttons

    def complete_answers(self) -> list[dict[str, str]]:
        """Every set of answers that ends the guide's questions (one per path through them)."""
        return self._complete_answers

    @cached_property
    def _complete_answers(self) -> list[dict[str, str]]:
        # Once: actions/guide_actions.py compares the guide's earlier messages on every message.
        done, todo = [], [{}]
        while todo:
            answers = todo.pop()
            question = self.next_question(answers)
            if question is None:
                done.append(answers)
            else:
                todo += [{**answers, question["key"]: option["value"]} for option in question["options"]]
        return done

    def answers_in_steps(self, text: str | None) -> dict[str, str] | None:
        """The answers the guide finished with, when `text` is its steps for them; else None."""
        if not (text or "").startswith(self.data["heading"]):
            return None  # most messages: no steps to render and compare
        return next((answers for answers in self.complete_answers() if self.render_steps(answers) == text), None)

    def title_chosen(self, question: dict[str, Any], text: str) -> str | None:
        """The value of the option whose button title is the whole reply ("Nej eller vet inte"
        typed instead of pressed), unless the title is a bare yes or no ("Ja"), which may be meant
        for anything the bot said since."""
        said = fold_normaliser(text)
        return next((option["value"] for option in question["options"]
                     if said == fold_normaliser(option["title"]) and not _bare_yes_or_no(said)), None)

    def typed_choice(self, question: dict[str, Any], text: str, asked: bool = True) -> str | None:
        """The value of the one option whose title or words the typed reply holds; None when
        it holds none or more than one ("ja, fast vet inte"). Not `asked`: read from what the
        person said before the question, where options marked `asked_only` do not count and an
        option's `said` words, where given, replace its title and words."""
        said = _padded(text)
        chosen = {option["value"] for option in question["options"] if asked or not option.get("asked_only")
                  for phrase in (option["said"] if not asked and "said" in option
                                 else [option["title"], *option.get("words", [])])
                  if _said_unnegated(_padded(phrase), said)}
        return chosen.pop() if len(chosen) == 1 else None

    def not_for(self, text: str) -> bool:
        """The message is one the guide does not fit (its `not_for` phrases: "vem ska vi kalla",
        "vem … skickar vi kallelsen"), or its writer sends the invitation (says_they_call)."""
        said = _padded(text)
        return any(_said_with_gaps(phrase, said) for phrase in self.data.get("not_for", [])) \
            or self.says_they_call(text)

    def says_they_call(self, text: str) -> bool:
        """The writer sends the invitation ("nej vi är ju de som kallar, vi är inte kallade", "vi ska
        kalla bup"), by the guide's `callers` phrases, and does not say they were invited (its
        `invited`: "vi har fått en kallelse, ska vi kalla in bup?" is the one invited)."""
        said = _padded(text)
        return _says_one_of(self.data.get("callers", []), said) \
            and not _says_one_of(self.data.get("invited", []), said)

    def point_for(self, text: str) -> dict[str, Any] | None:
        """The first of the guide's `points` whose `cues` the message says (and one of its `also`,
        where given): one point of the guide's answer for a follow-up on it ("kan vi skicka vidare
        kallelsen till BUP?"), instead of the whole answer again."""
        said = _padded(text)
        return next((point for point in self.data.get("points", [])
                     if _says_one_of(point["cues"], said)
                     and ("also" not in point or _says_one_of(point["also"], said))), None)

    def render_point(self, point: dict[str, Any]) -> str:
        """A point's text with its source (the guide's, unless the point names its own)."""
        return f"{' '.join(point['text'].split())}\n{SOURCE_LABEL} {point.get('source', self.data['source'])}"

    def point_texts(self) -> frozenset[str]:
        """Every point as the bot says it, to tell the guide's earlier messages."""
        return self._point_texts

    @cached_property
    def _point_texts(self) -> frozenset[str]:
        return frozenset(self.render_point(point) for point in self.data.get("points", []))

    def says_correction(self, text: str) -> bool:
        """The reply holds one of the guide's `corrections` ("förlåt", "vi är")."""
        said = _padded(text)
        return any(_padded(phrase) in said for phrase in self.data.get("corrections", []))

    def known_from(self, texts: list[str]) -> dict[str, str]:
        """Answers the person already gave in their own words ("BUP-sjuksköterska här", "vi på
        vc"), for the questions marked `from_conversation`, so they are not asked again. Who sent
        the invitation ("kallelse från bup", "soc har kallat oss") says nothing about the reader."""
        answers: dict[str, str] = {}
        said = " ".join(without_the_sender(text) for text in texts)
        for question in self.data["questions"]:
            if question.get("from_conversation") and _matches(question.get("when"), answers):
                value = self.typed_choice(question, said, asked=False)
                if value:
                    answers[question["key"]] = value
        return answers

    def render_caller_answer(self) -> str:
        """The answer for someone who sends the invitation (`caller_answer`), with the source."""
        return self._caller_answer

    @cached_property
    def _caller_answer(self) -> str:
        # Built once: actions/guide_actions.py compares every earlier bot message with it.
        return f"{' '.join(self.data['caller_answer'].split())}\n{SOURCE_LABEL} {self.data['source']}"

    def render_steps(self, answers: dict[str, str]) -> str:
        steps = [step["text"] for step in self.data["steps"] if _matches(step.get("when"), answers)]
        lines = [self.data["heading"]] + [f"{n}. {text}" for n, text in enumerate(steps, 1)]
        return "\n".join(lines + [f"{SOURCE_LABEL} {self.data['source']}"])


# Folded words before the sender ("kallelse från bup", "kallade av skolan": the next two words) and
# after it ("bup har kallat oss", "soc skickade": the word before).
# "fr" as typed in a hurry ("fått SIP-kallelse fr regionen" read the reader as the region; verification
# round, session 32).
_SENDER_BEFORE = {"fran", "fr", "av"}
_SENDER_AFTER = {"kallat", "kallade", "kallar", "skickat", "skickade", "skickar", "bjudit", "bjod", "bjuder"}
# Only these take "har" ("bup har kallat oss"). Folded, "här" is "har" too: in "vårdcentral här,
# kallade till SIP" the word before "här" is the reader, not the sender (persona round, session 20).
_SUPINES = {"kallat", "skickat", "bjudit"}


def without_the_sender(text: str) -> str:
    """The folded words of `text` without those naming who sent an invitation."""
    words = fold_normaliser(text)
    dropped: set[int] = set()
    for i, word in enumerate(words):
        if word in _SENDER_BEFORE:
            dropped.update((i + 1, i + 2))
        elif word in _SENDER_AFTER:
            before = i - 2 if i >= 2 and words[i - 1] == "har" and word in _SUPINES else i - 1
            dropped.add(before)
    return " ".join(word for i, word in enumerate(words) if i not in dropped)


@lru_cache(maxsize=1)
def guides() -> dict[str, Guide]:
    found = {}
    for path in sorted(GUIDES_DIR.glob("*.yml")):
        guide = Guide(yaml.safe_load(path.read_text(encoding="utf-8")))
        found[guide.id] = guide
    return found


def guide_for_article(article_id: str) -> Guide | None:
    return next((g for g in guides().values() if g.data.get("article") == article_id), None)
