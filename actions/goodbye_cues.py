"""How bot/goodbye_cues.yml is read: whether a message takes leave in words, and whether a goodbye in it is
denied ("jag sa inte hejdå"). Read by the NLU's guard (bot/components/goodbye_guard.py) and by the request
form (actions/request_rules.py ends_with_a_goodbye); here, without rasa, so the action server can load it."""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml

from actions.safety.crisis_detector import fold_normaliser
from actions.settings import ROOT

GOODBYE_CUES_FILE = ROOT / "bot" / "goodbye_cues.yml"

Phrase = tuple[str, ...]

_SENTENCE_END = re.compile(r"[.,!?;:\n]+")
_REPEATED_LETTER = re.compile(r"(.)\1+")


def words_of(text: str) -> list[str]:
    """Folded words, a letter typed many times as once: "Byeee", "hejdååå" -> ["bye"], ["hejda"]."""
    return [_REPEATED_LETTER.sub(r"\1", word) for word in fold_normaliser(text)]


def _phrases(entries: list[str] | None) -> tuple[Phrase, ...]:
    return tuple(phrase for phrase in (tuple(words_of(str(entry))) for entry in entries or []) if phrase)


def _words(entries: list[str] | None) -> frozenset[str]:
    return frozenset(word for entry in entries or [] for word in words_of(str(entry)))


@dataclass(frozen=True)
class GoodbyeCues:
    cues: tuple[Phrase, ...]
    alone: tuple[Phrase, ...]
    signs: tuple[str, ...]
    negations: frozenset[str]
    between: frozenset[str]
    openers: frozenset[str]
    sayers: frozenset[str]

    @classmethod
    def from_yaml(cls, path: Path) -> "GoodbyeCues":
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        return cls(cues=_phrases(data.get("cues")), alone=_phrases(data.get("alone")),
                   signs=tuple(data.get("signs") or []), negations=_words(data.get("negations")),
                   between=_words(data.get("between")), openers=_words(data.get("openers")),
                   sayers=_words(data.get("sayers")))

    def takes_leave(self, text: str) -> bool:
        """A cue in words or signs, and none denied ("jag sa inte hejdå")."""
        text, words = text or "", words_of(text or "")
        # Denied within a sentence; found across them too ("ok tack. hej").
        if any(self.denied_in(part) for part in _SENTENCE_END.split(text)):
            return False
        return bool(self.cue_spans(words)) or tuple(words) in self.alone or any(sign in text for sign in self.signs)

    def denied_in(self, clause: str) -> bool:
        """Whether a cue in `clause` (one sentence or clause) is denied."""
        said = words_of(clause)
        return any(self._denied(said, start) for start, _ in self.cue_spans(said))

    def cue_spans(self, words: list[str]) -> list[tuple[int, int]]:
        """(start, end) of every cue in the folded `words`."""
        return [(start, start + len(cue)) for cue in self.cues for start in range(len(words) - len(cue) + 1)
                if tuple(words[start:start + len(cue)]) == cue]

    def _denied(self, words: list[str], start: int) -> bool:
        """A negation right before the cue (only `between` words apart) that starts the sentence or
        follows an opener or a verb of saying: "inte hejdå", "nej inte hejdå", "jag har aldrig sagt hej då".
        Not "orkar inte hejdå"."""
        before = self._skip_between(words, start - 1)
        if before < 0 or words[before] not in self.negations:
            return False
        previous = self._skip_between(words, before - 1)
        return previous < 0 or words[previous] in self.openers or words[previous] in self.sayers

    def _skip_between(self, words: list[str], index: int) -> int:
        while index >= 0 and words[index] in self.between:
            index -= 1
        return index


@lru_cache(maxsize=1)
def goodbye_cues() -> GoodbyeCues:
    """The project's cues, read once."""
    return GoodbyeCues.from_yaml(GOODBYE_CUES_FILE)
