"""Commands the bot teaches ("skriv 'hjälp'") are recognised exactly (bot/exact_commands.yml),
and so is a message that is only a case reference and/or code (`identifiers_intent`): the bot
gave them to the person, and the intent classifier, which never saw such strings, guesses
anything for them; so is a short sentence around both (`identifiers_in_a_short_message`). A
message that says the code is lost is no crisis by the classifier alone (`lost_code_intent`).
So is a message in English (`other_language_intent`, words in
`other_language_words`): the classifier knows only Swedish.

Runs after the intent classifier and FallbackClassifier and before the crisis lexicon, which
keeps the last word.
"""
from __future__ import annotations

import re
from pathlib import Path
from typing import Any, Callable, Dict, List, Text

import yaml
from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.nlu.classifiers.classifier import IntentClassifier
from rasa.nlu.utils.spacy_utils import SpacyModel
from rasa.shared.constants import DEFAULT_NLU_FALLBACK_INTENT_NAME
from rasa.shared.nlu.constants import INTENT, INTENT_NAME_KEY, INTENT_RANKING_KEY, PREDICTED_CONFIDENCE_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message

from actions.answer_rules import question_part
from actions.casestore.references import (code_named_in, mistyped_code_in, mistyped_reference_in, only_case_identifiers,
                                          reference_named_in, split_reference_and_code)
from actions.lost_code import says_the_code_is_lost
from actions.safety.crisis_detector import fold, fold_normaliser
from channels.pii import PLACEHOLDERS
from bot.components.crisis_classifier import CRISIS
from bot.components.known_words import known_word_check


# Opening words a command may come after ("hej ja vill fortsätta" was not understood; persona
# round, session 26), and "ja" as "jag" is typed on a phone before "vill".
_GREETINGS = frozenset({"hej", "hejsan", "hallo", "tja", "tjena", "hejhej"})


def command_key(text: str) -> str:
    """Lowercase, å/ä/ö folded, words only, after a greeting: "Hjälp!", "hej hjalp" give the same key."""
    words = fold_normaliser(text)
    if len(words) > 1 and words[0] in _GREETINGS:
        words = words[1:]
    if words[:2] == ["ja", "vill"]:
        words = ["jag", *words[1:]]
    return " ".join(words)


def load_commands(path: Path) -> dict[str, str]:
    """{command key: intent} from the YAML file {intent: [phrase, ...]}."""
    table = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    return {command_key(phrase): intent for intent, phrases in table.items() for phrase in phrases}


_ASCII_WORD = re.compile(r"[a-z']+")
_SENTENCE_END = re.compile(r"[.,!?;:\n]+")
_TAKE_BACK = frozenset({"fast", "nej", "na", "vanta", "eller", "nae", "skamt"})


# "hittade skärmbilden! EUYJ-R7KX kod 4M3KFM" got the article on KVÅ codes (the word "kod"); the bare
# identifiers opened the case (persona round, session 34). A few words around both open it too; more
# words may say something else, which the classifier reads.
MAX_WORDS_AROUND_IDENTIFIERS = 8


def _without_identifier(text: str, first: str, last: str = "") -> str:
    """`text` with the identifier first(-last) as written ("euyj r7kx", "EUYJ–R7KX") cut out."""
    written = rf"{first}[\s\-–]?{last}" if last else first
    return re.sub(rf"(?<![A-Za-z0-9]){written}(?![A-Za-z0-9])", " ", text, count=1, flags=re.IGNORECASE)


def identifiers_in_a_short_message(text: str) -> bool:
    """A reference and a code, written as the bot gives them, with at most MAX_WORDS_AROUND_IDENTIFIERS
    other words that ask nothing ("hittade skärmbilden! EUYJ-R7KX kod 4M3KFM").

    Only when the case form, which reads the code from this message more freely, reads the same two
    ("hittade den i mappen …": "MAPPEN" would be tried as the code and count towards the lockout); not
    with a question ("… vad står det om idrotten"), a number ("ändra fråga 9 …") or a third identifier."""
    reference, code = reference_named_in(text or ""), code_named_in(text or "")
    if reference is None or code is None or split_reference_and_code(text) != (reference, code):
        return False
    rest = _without_identifier(_without_identifier(text, *reference.split("-")), code)
    words = fold_normaliser(rest)
    return len(words) <= MAX_WORDS_AROUND_IDENTIFIERS and question_part(rest) is None \
        and not any(character.isdigit() for word in words for character in word) \
        and reference_named_in(rest) is None and mistyped_reference_in(rest) is None \
        and code_named_in(rest) is None and not mistyped_code_in(rest)


def load_other_language_words(path: Path | None) -> tuple[frozenset[str], frozenset[str]]:
    """The English words and the folded names of other languages."""
    table = (yaml.safe_load(path.read_text(encoding="utf-8")) or {}) if path is not None else {}
    return (frozenset(table.get("english") or []),
            frozenset(fold(name) for name in table.get("language_names") or []))


def asks_for_another_language(text: str, names: frozenset[str]) -> bool:
    """"kan du skriva på arabiska?": "på" (or "in") and a language's name, and no tolk."""
    words = fold_normaliser(text or "")
    if any(word.startswith("tolk") for word in words):
        return False
    return any(word in ("pa", "in") and following in names for word, following in zip(words, words[1:]))


def in_other_language(text: str, words: frozenset[str]) -> bool:
    """At least two words, and at least half of them, from the list, and no å, ä or ö."""
    lowered = (text or "").lower()
    if not words or any(letter in lowered for letter in "åäö"):
        return False
    tokens = _ASCII_WORD.findall(lowered)
    hits = sum(token in words for token in tokens)
    return hits >= 2 and 2 * hits >= len(tokens)


@DefaultV1Recipe.register(
    DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER, is_trainable=False, model_from="SpacyNLP"
)
class ExactCommandClassifier(GraphComponent, IntentClassifier):
    @staticmethod
    def get_default_config() -> Dict[Text, Any]:
        # ending_intents: commands of these intents count also as a message's last sentence.
        # identifiers_kept_by: the classifier's intents a short sentence with reference and code keeps
        # (identifiers_in_a_short_message): wishes whose actions take the identifiers typed with them
        # (actions/case_access.py require_case: "jag vill ta tillbaka samtycket HCJJ-RJWP T3DPNK",
        # session 27), deleting, and what must never be lost (a person, stop, crisis).
        # lost_code_intent: what a message that says the code is lost gets when the classifier alone
        # said `crisis` (None: left as it is).
        return {"commands": "bot/exact_commands.yml", "identifiers_intent": None,
                "identifiers_kept_by": ["withdraw_consent", "request_status", "withdraw_request",
                                        "continue_preparation", "start_preparation", "delete_my_data",
                                        "human", "stop", "help_now", "crisis"],
                "other_language_intent": None, "other_language_words": None, "ending_intents": [],
                "not_with_a_placeholder": [], "placeholder_intent": None, "lost_code_intent": None}

    def __init__(self, config: Dict[Text, Any]) -> None:
        config = {**self.get_default_config(), **config}
        self._commands = load_commands(Path(config["commands"]))
        self._identifiers_intent = config.get("identifiers_intent")
        self._other_language_intent = config.get("other_language_intent")
        words = config.get("other_language_words")
        self._other_language_words, self._language_names = load_other_language_words(Path(words) if words else None)
        self._ending_intents = frozenset(config.get("ending_intents") or [])
        self._not_with_a_placeholder = frozenset(config.get("not_with_a_placeholder") or [])
        self._placeholder_intent = config.get("placeholder_intent")
        self._identifiers_kept_by = frozenset(config.get("identifiers_kept_by") or [])
        self._lost_code_intent = config.get("lost_code_intent")

    def intent_for(self, text: str, known_word: Callable[[str], bool] | None = None) -> str | None:
        if self._identifiers_intent and only_case_identifiers(text, known_word):
            return self._identifiers_intent
        if self._other_language_intent and (in_other_language(text, self._other_language_words)
                                            or asks_for_another_language(text, self._language_names)):
            return self._other_language_intent
        return self._commands.get(command_key(text)) or self._ending_command(text)

    def _ending_command(self, text: str) -> str | None:
        """"måste gå nu, lektion. pausa": the last sentence is a command that ends what goes on; so
        is the first ("avbryt. jag är den som är KALLAD…" was answered as a question, and the young
        person's questions went on; persona round, session 30)."""
        sentences = [command_key(part) for part in _SENTENCE_END.split(text) if command_key(part)]
        if len(sentences) < 2:
            return None
        # Not when what follows takes it back: "pausa. fast nej, jag fortsätter".
        first = None if sentences[1].split()[0] in _TAKE_BACK else sentences[0]
        return next((intent for intent in (self._commands.get(key) for key in (first, sentences[-1]) if key)
                     if intent in self._ending_intents), None)

    def _instead_of_a_placeholder_intent(self, message: Message, text: str) -> str | None:
        """"ändra numret till [telefonnummer]" was `human` (0.93), and the request's summary never saw
        the new number (verification round, session 30): a message that holds a number the channel
        replaced cannot mean these intents, so it gets `placeholder_intent`."""
        top = (message.get(INTENT) or {}).get(INTENT_NAME_KEY)
        if top in self._not_with_a_placeholder and any(p in text for p in PLACEHOLDERS.values()):
            return self._placeholder_intent
        return None

    def _for_identifiers_in_a_sentence(self, message: Message, text: str) -> str | None:
        top = (message.get(INTENT) or {}).get(INTENT_NAME_KEY)
        if self._identifiers_intent and top not in self._identifiers_kept_by and identifiers_in_a_short_message(text):
            return self._identifiers_intent
        return None

    def _for_a_lost_code(self, message: Message, text: str) -> str | None:
        """"vi har tappat koden. alva tog ingen skärmbild. kan ni skicka den till mig?" was `crisis` (0.82)
        and got the kind check-in, not what to do without the code (persona round, session 34). The
        crisis lexicon, after this, still makes a message that names a crisis `crisis`."""
        ranking = [entry for entry in message.get(INTENT_RANKING_KEY) or []
                   if entry.get(INTENT_NAME_KEY) != DEFAULT_NLU_FALLBACK_INTENT_NAME]
        if self._lost_code_intent and ranking and ranking[0].get(INTENT_NAME_KEY) == CRISIS \
                and says_the_code_is_lost(text):
            return self._lost_code_intent
        return None

    @classmethod
    def create(cls, config: Dict[Text, Any], model_storage: ModelStorage, resource: Resource,
               execution_context: ExecutionContext) -> "ExactCommandClassifier":
        return cls(config)

    def process(self, messages: List[Message], model: SpacyModel | None = None) -> List[Message]:
        known_word = known_word_check(model.model) if model is not None else None
        for message in messages:
            text = message.get(TEXT) or ""
            intent = self.intent_for(text, known_word) or self._for_identifiers_in_a_sentence(message, text) \
                or self._instead_of_a_placeholder_intent(message, text) or self._for_a_lost_code(message, text)
            if intent:
                chosen = {INTENT_NAME_KEY: intent, PREDICTED_CONFIDENCE_KEY: 1.0}
                # The classifier's ranking stays behind it, without the fallback it no longer needs.
                rest = [entry for entry in message.get(INTENT_RANKING_KEY) or []
                        if entry.get(INTENT_NAME_KEY) not in (intent, DEFAULT_NLU_FALLBACK_INTENT_NAME)]
                message.set(INTENT, chosen, add_to_output=True)
                message.set(INTENT_RANKING_KEY, [chosen, *rest], add_to_output=True)
        return messages
