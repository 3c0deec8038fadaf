"""The intent classifier: a linear model over word lemmas and character n-grams
(bot/nlu/linear_text.py), in place of DIET.

On every held-out intent set it named the right intent more often than DIET trained on the
same examples, most of all for the small intents, and it trains in seconds instead of minutes
(docs/training.md). Intents are weighed by the inverse of their number of examples, so that
the few dozen ways of saying "prata med en människa" count as much as the thousands of
knowledge questions.

The model archive keeps only the prepared training texts (JSON) and the classifier is fitted
again when the model is loaded (about a second; the same for the same code and scikit-learn):
no pickled code in the model. The fingerprint covers the text preparation, so a change there
retrains instead of reusing a cached component.
"""
from __future__ import annotations

import hashlib
import json
import logging
from pathlib import Path
from typing import Any, Dict, List, Optional, Text

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.nlu.classifiers.classifier import IntentClassifier
from rasa.nlu.constants import SPACY_DOCS
from rasa.shared.nlu.constants import INTENT, INTENT_NAME_KEY, INTENT_RANKING_KEY, PREDICTED_CONFIDENCE_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from bot.nlu import function_words, linear_text, text as text_helpers
from bot.nlu.linear_text import LinearTextClassifier, Prepared, prepared
from bot.nlu.function_words import FUNCTION_WORDS
from bot.nlu.text import fold

logger = logging.getLogger(__name__)

_EXAMPLES_FILE = "examples.json"
# What Rasa's fingerprint (the class's own source) does not see.
_PREPARATION_SOURCES = (Path(__file__), Path(linear_text.__file__), Path(text_helpers.__file__),
                        Path(function_words.__file__))
# What DIET says when it has nothing to go on; FallbackClassifier then gives nlu_fallback.
_NO_INTENT = {INTENT_NAME_KEY: None, PREDICTED_CONFIDENCE_KEY: 0.0}


# Words are compared by their first letters: the lemma table gives "slutar" the lemma "slutare"
# (a noun), so "vi slutar här" shared no lemma with "jag vill sluta".
_STEM = 5


def content_words(message: Message) -> set[str]:
    """The beginnings of the message's words and lemmas, without function words. A function word
    is left out by its surface form too: the lemma table makes "annan" (as in "en annan gång")
    "anna", which is also a name."""
    doc = message.get(SPACY_DOCS[TEXT])
    tokens = [(t.text, t.lemma_ or t.text) for t in doc if t.is_alpha] if doc is not None else \
        [(w, w) for w in (message.get(TEXT) or "").split()]
    return {fold(word)[:_STEM] for surface, lemma in tokens
            if fold(surface) not in FUNCTION_WORDS and fold(lemma) not in FUNCTION_WORDS
            for word in (surface, lemma)}


def prepared_message(message: Message) -> Prepared:
    """The message's text and its lemmas from the spaCy pipeline that SpacyNLP ran."""
    text = message.get(TEXT) or ""
    doc = message.get(SPACY_DOCS[TEXT])
    words = [t.lemma_ or t.text for t in doc if not t.is_space] if doc is not None else text.split()
    return prepared(text, [fold(w) for w in words])


def _has_a_letter_or_digit(message: Message) -> bool:
    return any(character.isalnum() for character in message.get(TEXT) or "")


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER, is_trainable=True)
class LinearIntentClassifier(GraphComponent, IntentClassifier):
    @staticmethod
    def get_default_config() -> Dict[Text, Any]:
        # needs_a_shared_word: intents named only for a message that shares a word (not a function
        # word) with their training examples (bot/config.yml says why).
        # questions_need_a_word: {intent: [word beginnings]}: a question (a message with "?") is
        # named that intent only with a word that begins with one of them.
        # not_after_first_word: {word: [intents]}: a message that starts with the word is not named them.
        return {"balanced": True, "temperature": 5.0, "ranking_length": 10, "needs_a_shared_word": [],
                "questions_need_a_word": {}, "not_after_first_word": {}}

    def __init__(self, config: Dict[Text, Any], model_storage: ModelStorage, resource: Resource) -> None:
        self._config = config
        self._model_storage = model_storage
        self._resource = resource
        self._model: LinearTextClassifier | None = None
        self._words: dict[str, set[str]] = {}

    @classmethod
    def required_packages(cls) -> List[Text]:
        return ["sklearn"]

    @classmethod
    def fingerprint_addon(cls, config: Dict[str, Any]) -> Optional[str]:
        return hashlib.sha256(b"".join(path.read_bytes() for path in _PREPARATION_SOURCES)).hexdigest()

    @classmethod
    def create(cls, config: Dict[Text, Any], model_storage: ModelStorage, resource: Resource,
               execution_context: ExecutionContext) -> "LinearIntentClassifier":
        return cls(config, model_storage, resource)

    def _fit(self, texts: List[Prepared], intents: List[str]) -> None:
        if len(set(intents)) > 1:  # an SVM needs two; with fewer there is nothing to choose
            self._model = LinearTextClassifier(texts, intents, balanced=self._config["balanced"],
                                               temperature=self._config["temperature"])

    def _supported(self, intent: str, words: set[str]) -> bool:
        """Not an intent that needs a shared word, or the message's `words` hold one, or it has
        none but function words ("jag vill inte mer")."""
        return intent not in self._words or not words or not self._words[intent].isdisjoint(words)

    def _asks_for(self, intent: str, text: str) -> bool:
        """Not a question, or not an intent that a question needs a word for, or it has one; and
        not an intent its first word rules out."""
        words = fold(text).split()
        if intent in self._config["not_after_first_word"].get(words[0] if words else "", ()):
            return False
        beginnings = self._config["questions_need_a_word"].get(intent)
        return not beginnings or "?" not in text or any(
            word.startswith(tuple(fold(b) for b in beginnings)) for word in words)

    def train(self, training_data: TrainingData) -> Resource:
        examples = [e for e in training_data.intent_examples if e.get(INTENT) and e.get(TEXT)]
        texts, intents = [prepared_message(e) for e in examples], [e.get(INTENT) for e in examples]
        self._words = {intent: set() for intent in self._config["needs_a_shared_word"]}
        for example, intent in zip(examples, intents):
            if intent in self._words:
                self._words[intent] |= content_words(example)
        with self._model_storage.write_to(self._resource) as directory:
            (directory / _EXAMPLES_FILE).write_text(json.dumps(
                {"texts": texts, "intents": intents, "shared_words": {k: sorted(v) for k, v in self._words.items()}},
                ensure_ascii=False), encoding="utf-8")
        self._fit(texts, intents)
        return self._resource

    @classmethod
    def load(cls, config: Dict[Text, Any], model_storage: ModelStorage, resource: Resource,
             execution_context: ExecutionContext, **kwargs: Any) -> "LinearIntentClassifier":
        component = cls(config, model_storage, resource)
        try:
            with model_storage.read_from(resource) as directory:
                content = (directory / _EXAMPLES_FILE).read_text(encoding="utf-8")
        except ValueError:  # the resource is missing: train() never ran
            logger.warning("LinearIntentClassifier has no trained model; every message gets no intent.")
            return component
        stored = json.loads(content)
        component._words = {intent: set(words) for intent, words in stored.get("shared_words", {}).items()
                            if intent in config["needs_a_shared_word"]}
        component._fit([(text, tuple(lemmas)) for text, lemmas in stored["texts"]], stored["intents"])
        return component

    def process(self, messages: List[Message]) -> List[Message]:
        if not messages:
            return messages
        if self._model is None:
            for message in messages:
                self._set(message, [])
            return messages
        texts = [prepared_message(m) for m in messages]
        features = self._model.features(texts)
        rows = self._model.probabilities(texts, features=features)
        for i, (message, row) in enumerate(zip(messages, rows)):
            words = content_words(message) if self._words else set()
            if features[i].nnz == 0 or not _has_a_letter_or_digit(message):
                # Nothing the training texts share (empty, emoji only), or only punctuation, whose
                # character n-grams ("??") the examples share: the SVM's offsets alone would still
                # pick an intent ("?????" was `faq` at 0.58), so say nothing, as DIET did.
                self._set(message, [])
                continue
            text = message.get(TEXT) or ""
            ranking = sorted(({INTENT_NAME_KEY: name, PREDICTED_CONFIDENCE_KEY: float(p)}
                              for name, p in zip(self._model.labels, row)
                              if self._supported(name, words) and self._asks_for(name, text)),
                             key=lambda entry: -entry[PREDICTED_CONFIDENCE_KEY])
            self._set(message, ranking)
        return messages

    def _set(self, message: Message, ranking: List[Dict[str, Any]]) -> None:
        length = self._config["ranking_length"]  # 0 keeps them all, as in Rasa's classifiers
        message.set(INTENT, dict(ranking[0]) if ranking else dict(_NO_INTENT), add_to_output=True)
        message.set(INTENT_RANKING_KEY, ranking[:length] if length > 0 else ranking, add_to_output=True)
