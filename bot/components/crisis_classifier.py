"""Crisis detection that runs on every message, inside forms too.

After the trained classifiers, the Swedish crisis lexicon (knowledge/crisis/lexicon.yml)
is matched on the spaCy lemmas of the message: a match makes the intent `crisis`
whatever DIET said. DIET's own `crisis` prediction stands only when it is very confident,
because on its own it flags look-alikes ("provet tar livet av mig") too often.
"""
from __future__ import annotations

from pathlib import Path
from typing import Any, Dict, List, Text

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.nlu.classifiers.classifier import IntentClassifier
from rasa.nlu.utils.spacy_utils import SpacyModel
from rasa.shared.nlu.constants import INTENT, INTENT_NAME_KEY, INTENT_RANKING_KEY, PREDICTED_CONFIDENCE_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message

from actions.safety.crisis_detector import CrisisLexicon
from bot.nlu.text import fold

CRISIS = "crisis"
FALLBACK = "nlu_fallback"


@DefaultV1Recipe.register(
    DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER, is_trainable=False, model_from="SpacyNLP"
)
class CrisisLexiconClassifier(GraphComponent, IntentClassifier):
    @staticmethod
    def get_default_config() -> Dict[Text, Any]:
        return {"lexicon": "knowledge/crisis/lexicon.yml", "model_confidence": 0.95, "fallback_threshold": 0.55}

    def __init__(self, config: Dict[Text, Any]) -> None:
        self._config = config
        self._lexicon: CrisisLexicon | None = None

    @classmethod
    def create(cls, config: Dict[Text, Any], model_storage: ModelStorage, resource: Resource,
               execution_context: ExecutionContext) -> "CrisisLexiconClassifier":
        return cls(config)

    def _lexicon_for(self, model: SpacyModel) -> CrisisLexicon:
        if self._lexicon is None:
            nlp = model.model

            def lemmas(text: str) -> list[str]:
                return [fold(token.lemma_ or token.text) for token in nlp(text.lower()) if not token.is_space]

            self._lexicon = CrisisLexicon.from_yaml(Path(self._config["lexicon"]), normaliser=lemmas)
        return self._lexicon

    def process(self, messages: List[Message], model: SpacyModel) -> List[Message]:
        lexicon = self._lexicon_for(model)
        for message in messages:
            text = message.get(TEXT) or ""
            intent = message.get(INTENT) or {}
            if text and lexicon.detect(text) is not None:
                message.set(INTENT, {INTENT_NAME_KEY: CRISIS, PREDICTED_CONFIDENCE_KEY: 1.0}, add_to_output=True)
            elif intent.get(INTENT_NAME_KEY) == CRISIS and intent.get(PREDICTED_CONFIDENCE_KEY, 0) < self._config["model_confidence"]:
                message.set(INTENT, self._next_best(message), add_to_output=True)
        return messages

    def _next_best(self, message: Message) -> Dict[Text, Any]:
        for candidate in message.get(INTENT_RANKING_KEY) or []:
            name, confidence = candidate.get(INTENT_NAME_KEY), candidate.get(PREDICTED_CONFIDENCE_KEY, 0)
            if name not in (CRISIS, FALLBACK) and confidence >= self._config["fallback_threshold"]:
                return {INTENT_NAME_KEY: name, PREDICTED_CONFIDENCE_KEY: confidence}
        return {INTENT_NAME_KEY: FALLBACK, PREDICTED_CONFIDENCE_KEY: 1.0}
