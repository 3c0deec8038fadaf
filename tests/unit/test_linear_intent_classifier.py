"""The intent classifier (bot/components/linear_intent_classifier.py), trained on the real
training data with the project's spaCy pipeline, stored and loaded as Rasa does."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from rasa.engine.graph import ExecutionContext, GraphSchema
from rasa.engine.storage.local_model_storage import LocalModelStorage
from rasa.engine.storage.resource import Resource
from rasa.nlu.constants import SPACY_DOCS
from rasa.shared.nlu.constants import INTENT, INTENT_RANKING_KEY, TEXT
from rasa.shared.nlu.training_data.loading import load_data
from rasa.shared.nlu.training_data.message import Message

from actions.article_search import spacy_pipeline
from bench.nlu_quality import training_examples
from bot.components.linear_intent_classifier import LinearIntentClassifier

ROOT = Path(__file__).resolve().parents[2]
CONFIG = LinearIntentClassifier.get_default_config()
CONTEXT = ExecutionContext(GraphSchema({}), "test")


def with_doc(message: Message) -> Message:
    # What SpacyNLP (case_sensitive: false) puts on every message before the classifier runs.
    message.set(SPACY_DOCS[TEXT], spacy_pipeline()((message.get(TEXT) or "").lower()))
    return message


def parse(component: LinearIntentClassifier, *texts: str) -> list[Message]:
    return component.process([with_doc(Message(data={TEXT: text})) for text in texts])


@pytest.fixture(scope="module")
def storage(tmp_path_factory) -> LocalModelStorage:
    return LocalModelStorage(tmp_path_factory.mktemp("model"))


@pytest.fixture(scope="module")
def trained(storage) -> LinearIntentClassifier:
    data = load_data(str(ROOT / "data" / "nlu"))
    for example in data.intent_examples:
        with_doc(example)
    component = LinearIntentClassifier.create(CONFIG, storage, Resource("intents"), CONTEXT)
    component.train(data)
    return component


@pytest.fixture(scope="module")
def loaded(storage, trained) -> LinearIntentClassifier:
    return LinearIntentClassifier.load(CONFIG, storage, Resource("intents"), CONTEXT)


# None of these is a training example (checked below): wording the classifier must generalise to.
UNSEEN = [
    ("kan jag snacka med en riktig handläggare istället för dig", "human"),
    ("TACK SNÄLLA för all hjälp idag", "thanks"),
    ("vill inte att dom delar mina uppgifter längre, jag ångrar mitt samtycke", "withdraw_consent"),
    ("hur lang tid far ett sip mote ta", "faq"),  # without å/ä/ö
    ("jag jobbar som kurator på högstadiet", "staff"),
]


@pytest.mark.parametrize("text, intent", UNSEEN)
def test_unseen_wording_gets_its_intent(trained, text, intent):
    assert text.lower() not in {t.lower() for t in training_examples()}
    [message] = parse(trained, text)
    assert message.get(INTENT)["name"] == intent


def test_the_ranking_is_sorted_cut_and_led_by_the_intent(trained):
    [message] = parse(trained, "kan du berätta mer om det")
    ranking = message.get(INTENT_RANKING_KEY)
    confidences = [entry["confidence"] for entry in ranking]
    assert len(ranking) == CONFIG["ranking_length"]
    assert confidences == sorted(confidences, reverse=True)
    assert 0 < sum(confidences) <= 1 + 1e-9
    assert message.get(INTENT) == ranking[0]


def test_the_loaded_model_ranks_exactly_as_the_trained_one(trained, loaded):
    texts = [text for text, _ in UNSEEN]
    assert [m.get(INTENT_RANKING_KEY) for m in parse(loaded, *texts)] == \
        [m.get(INTENT_RANKING_KEY) for m in parse(trained, *texts)]


def test_the_stored_model_is_plain_json(storage, trained):
    with storage.read_from(Resource("intents")) as directory:
        files = list(directory.iterdir())
        stored = json.loads(files[0].read_text(encoding="utf-8"))
    assert [f.name for f in files] == ["examples.json"]
    assert len(stored["texts"]) == len(stored["intents"]) > 1000


@pytest.mark.parametrize("text", ["", "   ", "å" * 20_000, "\x00\x01\ufffd", "<script>alert(1)</script>"])
def test_odd_input_still_gets_an_intent(trained, text):
    [message] = parse(trained, text)
    assert message.get(INTENT)["name"]


def test_without_a_trained_resource_the_component_stays_silent(tmp_path):
    component = LinearIntentClassifier.load(CONFIG, LocalModelStorage(tmp_path), Resource("none"), CONTEXT)
    [message] = parse(component, "hej")
    assert message.get(INTENT) is None
