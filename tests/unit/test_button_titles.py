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
from channels.button_titles import MAX_TYPED_TITLE_LENGTH, last_turn_buttons, payload_for, worth_looking_up
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


async def _receive(app, agent, message: str, sender: str = "web-1") -> list:
    """POST the message to the sipweb webhook; returns the UserMessages Rasa was handed."""
    handed = []

    async def on_new_message(user_message):
        handed.append(user_message)

    blueprint = rasa_channels.SipWebInput().blueprint(on_new_message)
    receive = next(route.handler for route in blueprint._future_routes if route.uri == "/webhook")
    app.ctx.agent = agent
    request = Request(b"/webhooks/sipweb/webhook", {}, "1.1", "POST", None, app)
    request.body = json.dumps({"sender": sender, "message": message}).encode()
    await receive(request)
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
