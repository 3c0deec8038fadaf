"""Entity extractor that returns the canonical organisation id, not the surface text.

Rasa's SpacyEntityExtractor reports "skolans" as the value; the project's EntityRuler
tags every pattern with the organisation type's id ("skola"), which is what slots and
actions need. Reading the doc SpacyNLP already made also avoids parsing the text twice.
"""
from __future__ import annotations

from typing import Any, Dict, List, Text

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.nlu.extractors.extractor import EntityExtractorMixin
from rasa.nlu.utils.spacy_utils import SpacyModel
from rasa.shared.nlu.constants import ENTITIES, TEXT
from rasa.nlu.constants import SPACY_DOCS
from rasa.shared.nlu.training_data.message import Message


@DefaultV1Recipe.register(
    DefaultV1Recipe.ComponentType.ENTITY_EXTRACTOR, is_trainable=False, model_from="SpacyNLP"
)
class OrganisationEntityExtractor(GraphComponent, EntityExtractorMixin):
    """Adds `organisation` entities whose value is the EntityRuler pattern id."""

    @staticmethod
    def get_default_config() -> Dict[Text, Any]:
        return {"labels": ["organisation"]}

    def __init__(self, config: Dict[Text, Any]) -> None:
        self._labels = set(config["labels"])

    @classmethod
    def create(
        cls,
        config: Dict[Text, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> "OrganisationEntityExtractor":
        return cls(config)

    @staticmethod
    def required_packages() -> List[Text]:
        return ["spacy"]

    def process(self, messages: List[Message], model: SpacyModel) -> List[Message]:
        for message in messages:
            doc = message.get(SPACY_DOCS[TEXT]) or model.model(message.get(TEXT, "").lower())
            entities = [
                {
                    "entity": ent.label_,
                    "value": ent.ent_id_ or ent.text,
                    "start": ent.start_char,
                    "end": ent.end_char,
                    "confidence": None,
                }
                for ent in doc.ents
                if ent.label_ in self._labels
            ]
            message.set(ENTITIES, message.get(ENTITIES, []) + self.add_extractor_name(entities))
        return messages
