"""A typed button title acts as the pressed button (channels.button_titles, channels.rasa_channels)."""
from __future__ import annotations

import json
import logging

import pytest
from cryptography.fernet import Fernet, MultiFernet
from rasa.core.agent import Agent
from rasa.core.tracker_store import InMemoryTrackerStore, SQLTrackerStore
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ActionExecuted, BotUttered, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker
from sanic import Sanic
from sanic.request import Request

from channels import rasa_channels
from channels.button_titles import (
    LAST_BUTTONS_KEY, MAX_KNOWN_BUTTONS, MAX_TYPED_TITLE_LENGTH, last_turn_buttons, payload_for, worth_looking_up,
)
from channels.pii import METADATA_KEY

SAVE = [{"title": "Ja, spara", "payload": "/affirm"}, {"title": "Nej, ändra", "payload": "/deny"}]
CONSENT = {"title": "Lämna samtycke", "payload": "/give_consent"}
ORGANISATION = {"title": "Förskolorna i Dals-Eds kommun", "payload": "Förskolorna i Dals-Eds kommun"}


# --- the rule -------------------------------------------------------------------------------------


@pytest.mark.parametrize("typed, payload", [
    ("Ja, spara", "/affirm"),                      # exactly the title
    ("ja, spara", "/affirm"),                      # case
    ("JA, SPARA", "/affirm"),
    ("  ja, spara  ", "/affirm"),                  # surrounding whitespace
    ("Ja, spara!", "/affirm"),                     # trailing punctuation
    ("ja, spara.", "/affirm"),
    ("ja spara", "/affirm"),                       # the comma left out on a phone
    ("Ja, spara 👍", "/affirm"),                   # emoji
    ("nej, andra", "/deny"),                       # å/ä/ö folded
    ("Nej ändra", "/deny"),
])
def test_a_typed_title_gives_that_buttons_payload(typed, payload):
    assert payload_for(typed, SAVE) == payload


@pytest.mark.parametrize("typed", [
    "ja",                                          # part of a title
    "spara",
    "ja, spara inte",                              # a title inside a longer message
    "jag vill inte, spara inte det",
    "ja, spara och skicka sen",
    "Nej",
    "👍",                                           # nothing but an emoji
    "",
])
def test_only_a_whole_message_matches(typed):
    assert payload_for(typed, SAVE) is None


def test_a_plain_text_payload_is_given_as_it_is():
    assert payload_for("förskolorna i dals-eds kommun", [ORGANISATION]) == "Förskolorna i Dals-Eds kommun"
    assert payload_for("Forskolorna i Dals Eds kommun.", [ORGANISATION]) == "Förskolorna i Dals-Eds kommun"


def test_a_typed_question_is_not_a_press_but_a_titles_own_question_mark_may_be_left_out():
    assert payload_for("Lämna samtycke?", [CONSENT]) is None
    question = {"title": "Vad är SIP?", "payload": "/ask_what_is_sip"}
    assert payload_for("vad är sip", [question]) == "/ask_what_is_sip"
    assert payload_for("Vad är SIP?", [question]) == "/ask_what_is_sip"


def test_two_buttons_with_one_title_and_different_payloads_are_left_to_the_nlu():
    buttons = [{"title": "Vet inte", "payload": "/dont_know"}, {"title": "Vet inte", "payload": "Vet inte"}]
    assert payload_for("vet inte", buttons) is None
    assert payload_for("vet inte", [buttons[0], dict(buttons[0])]) == "/dont_know"


def test_broken_buttons_are_skipped():
    buttons = [{"title": "Ja, spara"}, {"title": None, "payload": "/x"}, {"title": "Ja, spara", "payload": "  "},
               {"title": "Lämna samtycke", "payload": "/give_consent"}]
    assert payload_for("ja, spara", buttons) is None
    assert payload_for("lämna samtycke", buttons) == "/give_consent"


def test_long_messages_and_payloads_are_not_looked_up():
    assert worth_looking_up("Se mina svar eller fortsätt")
    assert not worth_looking_up("/affirm")
    assert not worth_looking_up("  ")
    assert not worth_looking_up("a" * (MAX_TYPED_TITLE_LENGTH + 1))
    long_title = {"title": "ord " * 30, "payload": "/long"}
    assert payload_for("ord " * 30, [long_title]) is None


def test_only_the_buttons_after_the_latest_user_message_count():
    events = [
        BotUttered("Vill du spara?", {"buttons": SAVE}),
        UserUttered("nej"),
        BotUttered("Okej.", {}),
        BotUttered("Vill du lämna samtycke?", {"buttons": [CONSENT]}),
        ActionExecuted("action_listen"),
    ]
    assert last_turn_buttons(events) == [CONSENT]
    assert payload_for("ja, spara", last_turn_buttons(events)) is None
    assert payload_for("lämna samtycke", last_turn_buttons(events)) == "/give_consent"


def test_the_buttons_of_every_bot_message_of_the_last_turn_count_and_dict_events_too():
    events = [{"event": "user", "text": "hej"},
              {"event": "bot", "text": "Vill du spara?", "data": {"buttons": SAVE}},
              {"event": "bot", "text": "Eller lämna samtycke?", "data": {"buttons": [CONSENT]}}]
    assert last_turn_buttons(events) == [*SAVE, CONSENT]
    assert last_turn_buttons([{"event": "user", "text": "hej"}]) == []


# --- the channel's receive path, with a real Rasa tracker store --------------------------------------


@pytest.fixture
def cipher(monkeypatch):
    key = MultiFernet([Fernet(Fernet.generate_key())])
    monkeypatch.setattr(rasa_channels, "_CIPHER", key)
    return key


@pytest.fixture(params=["memory", "sql"])
def tracker_store(request, tmp_path):
    if request.param == "memory":
        yield InMemoryTrackerStore(Domain.empty())
        return
    store = SQLTrackerStore(Domain.empty(), host=f"sqlite:///{tmp_path / 'rasa.db'}")
    yield store
    store.engine.dispose()


@pytest.fixture(scope="module")
def app():
    Sanic.test_mode = True  # lets several tests build an app without a name clash
    return Sanic("button_titles_test")


async def _save(store, sender: str, *events) -> None:
    await store.save(DialogueStateTracker.from_events(sender, [ActionExecuted("action_listen"), *events]))


async def _receive(app, agent, message: str, sender: str = "web-1", metadata: dict | None = None) -> list:
    """POST the message to the sipweb webhook; returns the UserMessages Rasa was handed."""
    handed = []

    async def on_new_message(user_message):
        handed.append(user_message)

    blueprint = rasa_channels.SipWebInput().blueprint(on_new_message)
    receive = next(route.handler for route in blueprint._future_routes if route.uri == "/webhook")
    app.ctx.agent = agent
    request = Request(b"/webhooks/sipweb/webhook", {}, "1.1", "POST", None, app)
    body = {"sender": sender, "message": message}
    if metadata is not None:
        body["metadata"] = metadata
    request.body = json.dumps(body).encode()
    answer = await receive(request)
    assert answer.status == 200
    return handed


async def test_a_typed_title_reaches_rasa_as_the_payload(app, cipher, tracker_store):
    await _save(tracker_store, "web-1", UserUttered("hej"), BotUttered("Vill du spara svaret?", {"buttons": SAVE}))
    agent = Agent(domain=Domain.empty(), tracker_store=tracker_store)  # wraps the store as Rasa does
    [handed] = await _receive(app, agent, "ja, spara!")
    assert handed.text == "/affirm"
    assert handed.sender_id == "web-1" and handed.input_channel == "sipweb"


async def test_a_typed_organisation_title_reaches_rasa_as_its_text_payload(app, cipher, tracker_store):
    await _save(tracker_store, "web-1", UserUttered("skola"), BotUttered("Vilken?", {"buttons": [ORGANISATION]}))
    [handed] = await _receive(app, Agent(domain=Domain.empty(), tracker_store=tracker_store),
                              "förskolorna i dals-eds kommun")
    assert handed.text == "Förskolorna i Dals-Eds kommun"


async def test_buttons_of_an_earlier_turn_do_not_count(app, cipher, tracker_store):
    await _save(tracker_store, "web-1", BotUttered("Vill du spara svaret?", {"buttons": SAVE}),
                UserUttered("vad betyder det"), BotUttered("Det betyder att …", {}))
    [handed] = await _receive(app, Agent(domain=Domain.empty(), tracker_store=tracker_store), "ja, spara")
    assert handed.text == "ja, spara"


async def test_without_a_match_the_original_text_is_scrubbed(app, cipher, tracker_store):
    await _save(tracker_store, "web-1", UserUttered("hej"), BotUttered("Vill du spara?", {"buttons": SAVE}))
    [handed] = await _receive(app, Agent(domain=Domain.empty(), tracker_store=tracker_store),
                              "ja, spara 070-123 45 67")
    assert handed.text == "ja, spara [telefonnummer]"
    assert METADATA_KEY in handed.metadata


async def test_a_new_conversation_or_no_agent_passes_the_text_on(app, cipher, tracker_store):
    [handed] = await _receive(app, Agent(domain=Domain.empty(), tracker_store=tracker_store), "Ja, spara",
                              sender="web-new")
    assert handed.text == "Ja, spara"
    [handed] = await _receive(app, None, "Ja, spara")
    assert handed.text == "Ja, spara"


class _BrokenStore(InMemoryTrackerStore):
    async def retrieve(self, sender_id):
        raise RuntimeError("database is down")


async def test_a_failing_tracker_store_never_breaks_the_turn_nor_logs_the_text(app, cipher, caplog):
    agent = Agent(domain=Domain.empty(), tracker_store=InMemoryTrackerStore(Domain.empty()))
    agent.tracker_store = _BrokenStore(Domain.empty())
    with caplog.at_level(logging.DEBUG, logger=rasa_channels.__name__):
        [handed] = await _receive(app, agent, "Lämna samtycke")
    assert handed.text == "Lämna samtycke"
    assert "Could not match a typed button title" in caplog.text
    assert "samtycke" not in caplog.text.lower()


# --- the last buttons in the metadata (sent by the web app): no tracker read ---------------------------


class _UnreadableStore(InMemoryTrackerStore):
    """A tracker store that records every read and fails it."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.reads = []

    async def retrieve(self, sender_id):
        self.reads.append(sender_id)
        raise AssertionError("the tracker store must not be read")


def _unreadable_agent():
    agent = Agent(domain=Domain.empty(), tracker_store=InMemoryTrackerStore(Domain.empty()))
    agent.tracker_store = _UnreadableStore(Domain.empty())
    return agent


async def test_buttons_in_the_metadata_map_a_typed_title_without_reading_the_tracker(app, cipher):
    agent = _unreadable_agent()
    [handed] = await _receive(app, agent, "ja, spara!", metadata={LAST_BUTTONS_KEY: SAVE, "page": "start"})
    assert handed.text == "/affirm"
    assert agent.tracker_store.reads == []
    # Not kept in the tracker; the client's other metadata is.
    assert LAST_BUTTONS_KEY not in handed.metadata and handed.metadata["page"] == "start"


async def test_metadata_saying_no_buttons_were_shown_leaves_the_text_without_a_read(app, cipher):
    agent = _unreadable_agent()
    [handed] = await _receive(app, agent, "Lämna samtycke", metadata={LAST_BUTTONS_KEY: []})
    assert handed.text == "Lämna samtycke"
    [handed] = await _receive(app, agent, "ja, spara", metadata={LAST_BUTTONS_KEY: [CONSENT]})
    assert handed.text == "ja, spara"
    assert agent.tracker_store.reads == []


@pytest.mark.parametrize("last_buttons", [
    None,
    "Ja, spara",
    {"title": "Ja, spara", "payload": "/affirm"},                       # one button, not a list
    [*SAVE, "Lämna samtycke"],                                          # an item that is no button
    [*SAVE, {"title": "Lämna samtycke"}],                               # a payload missing
    [*SAVE, {"title": ["Lämna samtycke"], "payload": "/give_consent"}],  # a title that is no string
    [*SAVE, {"title": "Lämna samtycke", "payload": 7}],
    [*SAVE, {"title": "Tom", "payload": " "}],                           # a blank payload
    [*SAVE, {"title": "x" * 1000, "payload": "/long"}],
    [{"title": f"Val {n}", "payload": f"/choose_{n}"} for n in range(MAX_KNOWN_BUTTONS)] + SAVE,
])
async def test_malformed_metadata_is_ignored_and_the_tracker_read_instead(app, cipher, tracker_store, last_buttons):
    await _save(tracker_store, "web-1", UserUttered("hej"), BotUttered("Vill du spara svaret?", {"buttons": SAVE}))
    agent = Agent(domain=Domain.empty(), tracker_store=tracker_store)
    [handed] = await _receive(app, agent, "ja, spara", metadata={LAST_BUTTONS_KEY: last_buttons})
    assert handed.text == "/affirm"  # from the tracker's buttons
    assert LAST_BUTTONS_KEY not in handed.metadata


async def test_malformed_metadata_with_a_failing_store_still_answers(app, cipher, caplog):
    agent = _unreadable_agent()
    with caplog.at_level(logging.DEBUG, logger=rasa_channels.__name__):
        [handed] = await _receive(app, agent, "Ja, spara", metadata={LAST_BUTTONS_KEY: [{"title": 1}]})
    assert handed.text == "Ja, spara"
    assert agent.tracker_store.reads == ["web-1"]
    assert "spara" not in caplog.text.lower()
