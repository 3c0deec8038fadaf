"""The intent classifier (bot/components/linear_intent_classifier.py), trained on the real
training data with the project's spaCy pipeline, stored and loaded as Rasa does."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml
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
from bot.nlu.linear_text import LinearTextClassifier, prepared

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
    assert message.get(INTENT) == ranking[0]
    assert message.get(INTENT) is not ranking[0]  # Rasa writes into the intent; the ranking stays as it was


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


NO_INTENT = {"name": None, "confidence": 0.0}


# Punctuation only: examples ending in "??" made "?????" `faq` at 0.58 (session 22).
@pytest.mark.parametrize("text", ["", "   ", "🙂🙂🙂", "\x00\x01\ufffd", "?????", "?!?!", "..."])
def test_a_message_sharing_nothing_with_the_training_texts_gets_no_intent(trained, text):
    # As DIET did: FallbackClassifier then makes it nlu_fallback. The SVM's offsets alone would
    # otherwise pick some intent, with some confidence.
    [message] = parse(trained, text)
    assert message.get(INTENT) == NO_INTENT and message.get(INTENT_RANKING_KEY) == []


@pytest.mark.parametrize("text", ["å" * 20_000, "<script>alert(1)</script>", "asdfghjkl"])
def test_junk_gets_no_confident_intent(trained, text):
    # Below FallbackClassifier's threshold, so the bot says it did not understand.
    config = yaml.safe_load((ROOT / "bot" / "config.yml").read_text(encoding="utf-8"))
    threshold = next(c["threshold"] for c in config["pipeline"] if c["name"] == "FallbackClassifier")
    [message] = parse(trained, text)
    assert message.get(INTENT)["confidence"] < threshold


def _project_config() -> dict:
    config = yaml.safe_load((ROOT / "bot" / "config.yml").read_text(encoding="utf-8"))
    own = next(c for c in config["pipeline"] if c["name"].endswith("LinearIntentClassifier"))
    return {**CONFIG, **{key: value for key, value in own.items() if key != "name"}}


@pytest.fixture(scope="module")
def as_configured(tmp_path_factory) -> LinearIntentClassifier:
    """Trained with the options of bot/config.yml (the intents that need a shared word)."""
    data = load_data(str(ROOT / "data" / "nlu"))
    for example in data.intent_examples:
        with_doc(example)
    component = LinearIntentClassifier.create(_project_config(), LocalModelStorage(tmp_path_factory.mktemp("m")),
                                              Resource("intents"), CONTEXT)
    component.train(data)
    return component


def test_the_intents_that_end_a_form_need_a_shared_word():
    assert {"stop", "delete_my_data"} <= set(_project_config()["needs_a_shared_word"])


@pytest.mark.parametrize("name", ["Anna", "Anna Ek", "anna", "Nora Ek", "Noah"])
def test_a_name_does_not_end_a_form(trained, as_configured, name):
    # "Anna" typed at "Vad heter du?" was `stop` on its character n-grams and ended the request.
    ends_a_form = set(_project_config()["needs_a_shared_word"])
    [message] = parse(as_configured, name)
    assert message.get(INTENT)["name"] not in ends_a_form
    assert all(entry["name"] not in ends_a_form for entry in message.get(INTENT_RANKING_KEY))


def test_every_example_of_an_intent_that_needs_a_shared_word_keeps_it(as_configured):
    gated = set(_project_config()["needs_a_shared_word"])
    data = load_data(str(ROOT / "data" / "nlu"))
    examples = [e for e in data.intent_examples if e.get(INTENT) in gated]
    assert len(examples) > 50
    messages = parse(as_configured, *[e.get(TEXT) for e in examples])
    lost = [e.get(TEXT) for e, m in zip(examples, messages)
            if e.get(INTENT) not in {entry["name"] for entry in m.get(INTENT_RANKING_KEY)}]
    assert lost == []


@pytest.mark.parametrize("text, intent", [("kan vi ta en paus nu", "stop"), ("jag vill sluta svara", "stop"),
                                          ("vi slutar här för idag", "stop"),  # "slutar": lemma "slutare"
                                          ("radera det jag skrev här igår", "delete_my_data")])
def test_unseen_wording_of_an_intent_that_needs_a_shared_word_gets_it(as_configured, text, intent):
    assert text.lower() not in {t.lower() for t in training_examples()}
    [message] = parse(as_configured, text)
    assert message.get(INTENT)["name"] == intent


@pytest.mark.parametrize("text, stops", [
    # In the samtycke form this paused it (persona round, session 26).
    ("bara jag just nu, pappan har inte svarat. räcker det?", False),
    ("kan vi ta en paus?", True), ("kan jag avbryta nu?", True),
    # Pause questions in other words keep `stop` (review, session 26).
    ("kan vi ta det sen?", True), ("kan vi stanna här?", True), ("kan vi ta resten en annan gång?", True),
])
def test_a_question_stops_only_when_it_says_so(as_configured, text, stops):
    [message] = parse(as_configured, text)
    named = {entry["name"] for entry in message.get(INTENT_RANKING_KEY)}
    assert ("stop" in named) is stops
    if stops:
        assert message.get(INTENT)["name"] == "stop"


@pytest.mark.parametrize("text", ["att få pausa när det blir för mycket", "att kunna sluta med det som är jobbigt"])
def test_an_answer_that_starts_with_att_does_not_end_a_form(as_configured, text):
    # It ended the preparation (verification round, session 26).
    [message] = parse(as_configured, text)
    assert {"stop", "delete_my_data"}.isdisjoint(entry["name"] for entry in message.get(INTENT_RANKING_KEY))


def test_asking_how_many_questions_are_left_is_no_wish_to_stop(as_configured):
    # It paused the preparation (verification round, session 27).
    [message] = parse(as_configured, "hur manga fragor e det kvar")
    assert "stop" not in {entry["name"] for entry in message.get(INTENT_RANKING_KEY)}


@pytest.mark.parametrize("text", ["när raderas mina svar", "När tas allt jag skrivit bort?"])
def test_asking_when_data_is_deleted_is_no_wish_to_delete(as_configured, text):
    # `delete_my_data` ended the preparation (persona round, session 27).
    [message] = parse(as_configured, text)
    assert "delete_my_data" not in {entry["name"] for entry in message.get(INTENT_RANKING_KEY)}


def test_without_a_trained_resource_every_message_gets_no_intent(tmp_path):
    component = LinearIntentClassifier.load(CONFIG, LocalModelStorage(tmp_path), Resource("none"), CONTEXT)
    [message] = parse(component, "hej")
    assert message.get(INTENT) == NO_INTENT and message.get(INTENT_RANKING_KEY) == []


def test_two_intents_are_ranked_like_many():
    # With two labels scikit-learn gives one margin per text instead of one per label.
    texts = [prepared(t, t.split()) for t in ("hej", "hej hej", "hejsan", "tack", "tack så mycket", "tackar")]
    model = LinearTextClassifier(texts, ["greet"] * 3 + ["thanks"] * 3)
    probabilities = model.probabilities([prepared("hej", ["hej"]), prepared("tack", ["tack"])])
    assert probabilities.shape == (2, 2)
    assert [model.labels[i] for i in probabilities.argmax(axis=1)] == ["greet", "thanks"]
    assert probabilities.sum(axis=1) == pytest.approx([1.0, 1.0])


def test_the_fingerprint_follows_the_text_preparation(tmp_path, monkeypatch):
    # Rasa fingerprints only the class's source; a change in how texts are prepared must retrain.
    from bot.components import linear_intent_classifier as module

    before = LinearIntentClassifier.fingerprint_addon(CONFIG)
    changed = tmp_path / "linear_text.py"
    changed.write_text(Path(module.linear_text.__file__).read_text(encoding="utf-8") + "\n# changed\n")
    monkeypatch.setattr(module, "_PREPARATION_SOURCES", (*module._PREPARATION_SOURCES[:1], changed,
                                                         *module._PREPARATION_SOURCES[2:]))
    assert LinearIntentClassifier.fingerprint_addon(CONFIG) != before
