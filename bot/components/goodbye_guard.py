"""A goodbye needs words that take leave (bot/goodbye_cues.yml).

"wtf så jag måste byta allt" was `goodbye` (0.88) and "va? jag sa inte hejdå" `goodbye` (0.91): a young
person got "Hej då!" twice in the middle of her questions (persona round, session 38). A goodbye ends the
talk, so a message the classifier calls one without a leave-taking cue, or that denies one, becomes
`nlu_fallback`, as FallbackClassifier makes an unsure message: it is answered as a question.

Runs right after FallbackClassifier, so the exact commands and the crisis lexicon still have their say.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Dict, List, Text

import yaml
from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.nlu.classifiers.classifier import IntentClassifier
from rasa.shared.constants import DEFAULT_NLU_FALLBACK_INTENT_NAME
from rasa.shared.nlu.constants import INTENT, INTENT_NAME_KEY, INTENT_RANKING_KEY, PREDICTED_CONFIDENCE_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message

from actions.safety.crisis_detector import fold_normaliser

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
        if any(self._denied(said, start) for said in (words_of(part) for part in _SENTENCE_END.split(text))
               for start in self._cue_starts(said)):
            return False
        return bool(self._cue_starts(words)) or tuple(words) in self.alone or any(sign in text for sign in self.signs)

    def _cue_starts(self, words: list[str]) -> list[int]:
        return [i for cue in self.cues for i in range(len(words) - len(cue) + 1) if tuple(words[i:i + len(cue)]) == cue]

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


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER, is_trainable=False)
class GoodbyeCueGuard(GraphComponent, IntentClassifier):
    @staticmethod
    def get_default_config() -> Dict[Text, Any]:
        # confidence: what nlu_fallback gets, FallbackClassifier's threshold as it gives it.
        return {"cues": "bot/goodbye_cues.yml", "intent": "goodbye", "confidence": 0.55}

    def __init__(self, config: Dict[Text, Any]) -> None:
        config = {**self.get_default_config(), **config}
        self._cues = GoodbyeCues.from_yaml(Path(config["cues"]))
        self._intent = config["intent"]
        self._confidence = float(config["confidence"])

    @classmethod
    def create(cls, config: Dict[Text, Any], model_storage: ModelStorage, resource: Resource,
               execution_context: ExecutionContext) -> "GoodbyeCueGuard":
        return cls(config)

    def process(self, messages: List[Message]) -> List[Message]:
        for message in messages:
            top = (message.get(INTENT) or {}).get(INTENT_NAME_KEY)
            if top == self._intent and not self._cues.takes_leave(message.get(TEXT) or ""):
                self._make_unsure(message)
        return messages

    def _make_unsure(self, message: Message) -> None:
        """As FallbackClassifier does: nlu_fallback first, the classifier's ranking kept behind it, so
        that what reads the classifier's best guess (the crisis check-in) reads the same."""
        unsure = {INTENT_NAME_KEY: DEFAULT_NLU_FALLBACK_INTENT_NAME, PREDICTED_CONFIDENCE_KEY: self._confidence}
        ranking = [entry for entry in message.get(INTENT_RANKING_KEY) or []
                   if entry.get(INTENT_NAME_KEY) != DEFAULT_NLU_FALLBACK_INTENT_NAME]
        message.set(INTENT, unsure, add_to_output=True)
        message.set(INTENT_RANKING_KEY, [dict(unsure), *ranking], add_to_output=True)
