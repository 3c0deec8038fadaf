"""A goodbye needs words that take leave (bot/goodbye_cues.yml).

"wtf så jag måste byta allt" was `goodbye` (0.88) and "va? jag sa inte hejdå" `goodbye` (0.91): a young
person got "Hej då!" twice in the middle of her questions (persona round, session 38). A goodbye ends the
talk, so a message the classifier calls one without a leave-taking cue, or that denies one, becomes
`nlu_fallback`, as FallbackClassifier makes an unsure message: it is answered as a question.

Runs right after FallbackClassifier, so the exact commands and the crisis lexicon still have their say.
"""
from __future__ import annotations

from pathlib import Path
from typing import Any, Dict, List, Text

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.nlu.classifiers.classifier import IntentClassifier
from rasa.shared.constants import DEFAULT_NLU_FALLBACK_INTENT_NAME
from rasa.shared.nlu.constants import INTENT, INTENT_NAME_KEY, INTENT_RANKING_KEY, PREDICTED_CONFIDENCE_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message

from actions.goodbye_cues import GoodbyeCues


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
