"""Crisis detection that runs on every message, inside forms too.

After the trained classifiers, the Swedish crisis lexicon (knowledge/crisis/lexicon.yml)
is matched on the spaCy lemmas of the message: a match makes the intent `crisis`
whatever the intent classifier said. The classifier alone flags look-alikes ("jag skär gurka",
"jag dör av skratt"), so a classifier-only `crisis` becomes `crisis_check_in`: a short, kind
check-in with the help one tap away, instead of the full crisis reply (docs/benchmarks.md); so does
a lexicon match told as past ("självmordstankar i våras", the lexicon's `past`).
A message that is only a case reference or code is left alone (ExactCommandClassifier makes
it `open_case`).
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
from rasa.shared.constants import DEFAULT_NLU_FALLBACK_INTENT_NAME
from rasa.shared.nlu.constants import INTENT, INTENT_NAME_KEY, INTENT_RANKING_KEY, PREDICTED_CONFIDENCE_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message

from actions.casestore.references import only_case_identifiers
from actions.safety.crisis_detector import CrisisLexicon, spacy_lemma_normaliser
from bot.components.known_words import known_word_check

CRISIS = "crisis"
CHECK_IN = "crisis_check_in"


@DefaultV1Recipe.register(
    DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER, is_trainable=False, model_from="SpacyNLP"
)
class CrisisLexiconClassifier(GraphComponent, IntentClassifier):
    @staticmethod
    def get_default_config() -> Dict[Text, Any]:
        return {"lexicon": "knowledge/crisis/lexicon.yml", "check_in_confidence": 0.5}

    def __init__(self, config: Dict[Text, Any]) -> None:
        self._config = config
        self._lexicon: CrisisLexicon | None = None

    @classmethod
    def create(cls, config: Dict[Text, Any], model_storage: ModelStorage, resource: Resource,
               execution_context: ExecutionContext) -> "CrisisLexiconClassifier":
        return cls(config)

    def _lexicon_for(self, model: SpacyModel) -> CrisisLexicon:
        if self._lexicon is None:
            self._lexicon = CrisisLexicon.from_yaml(Path(self._config["lexicon"]),
                                                    normaliser=spacy_lemma_normaliser(model.model))
        return self._lexicon

    def process(self, messages: List[Message], model: SpacyModel) -> List[Message]:
        lexicon, known_word = self._lexicon_for(model), known_word_check(model.model)
        for message in messages:
            text = message.get(TEXT) or ""
            if only_case_identifiers(text, known_word):
                # Not language: the lexicon's one-edit matching once took "CTTA-3MFD" for "cutta".
                continue
            told_now = lexicon.told_now(text) if text else None
            if told_now is not None:
                # Told as past only ("jag skar mig förra året"): the check-in, which keeps a form's
                # answer and answers a question, with the full help one tap away.
                intent = CRISIS if told_now else CHECK_IN
                message.set(INTENT, {INTENT_NAME_KEY: intent, PREDICTED_CONFIDENCE_KEY: 1.0}, add_to_output=True)
            elif self._model_says_crisis(message):
                message.set(INTENT, {INTENT_NAME_KEY: CHECK_IN, PREDICTED_CONFIDENCE_KEY: 1.0}, add_to_output=True)
        return messages

    def _model_says_crisis(self, message: Message) -> bool:
        # Read the ranking, not the intent: when the classifier is unsure, FallbackClassifier
        # replaces the intent with nlu_fallback and puts it first in the ranking.
        ranking = [entry for entry in message.get(INTENT_RANKING_KEY) or []
                   if entry.get(INTENT_NAME_KEY) != DEFAULT_NLU_FALLBACK_INTENT_NAME]
        return bool(ranking) and ranking[0].get(INTENT_NAME_KEY) == CRISIS and \
            ranking[0].get(PREDICTED_CONFIDENCE_KEY, 0) >= self._config["check_in_confidence"]
