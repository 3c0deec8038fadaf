"""The web app remembers the buttons of each sender's latest reply and sends them with the next
message (metadata "last_buttons"), so Rasa's channel needs no tracker read (issue 10)."""
from __future__ import annotations

import asyncio
import json

import pytest
from aiohttp import web
from aiohttp.test_utils import TestClient, TestServer

from channels import webapp
from channels.button_titles import LAST_BUTTONS_KEY, LastButtons, buttons_of_reply

SAVE = [{"title": "Ja, spara", "payload": "/affirm"}, {"title": "Nej, ändra", "payload": "/deny"}]
CONSENT = {"title": "Lämna samtycke", "payload": "/give_consent"}


class FakeRasa:
    """The sipweb channel: answers each message with the next scripted reply; records the requests."""

    def __init__(self) -> None:
        self.received: list[dict] = []
        self.replies: list[tuple[int, list]] = []
        self.forgotten: list[str] = []
        self.hold: asyncio.Event | None = None  # when set, the first message waits for it
        app = web.Application()
        app.router.add_post("/webhooks/sipweb/webhook", self.webhook)
        app.router.add_post("/webhooks/sipweb/forget", self.forget)
        self.server = TestServer(app, host="127.0.0.1")

    async def webhook(self, request: web.Request) -> web.Response:
        body = await request.json()
        self.received.append(body)
        status, messages = self.replies.pop(0) if self.replies else (200, [{"text": "ok"}])
        if self.hold is not None and len(self.received) == 1:
            await self.hold.wait()
        if status != 200:
            return web.json_response({"error": "boom"}, status=status)
        return web.json_response([{"recipient_id": body["sender"], **m} for m in messages])

    async def forget(self, request: web.Request) -> web.Response:
        self.forgotten.append((await request.json())["sender"])
        return web.json_response({"deleted": 3})

    def sent_buttons(self, n: int):
        """The last buttons sent with the n-th message, or "absent"."""
        return self.received[n]["metadata"].get(LAST_BUTTONS_KEY, "absent")


@pytest.fixture
async def rasa_and_client():
    rasa = FakeRasa()
    await rasa.server.start_server()
    app = webapp.create_app(str(rasa.server.make_url("")).rstrip("/"))
    async with TestClient(TestServer(app)) as client:
        yield rasa, client, app
    await rasa.server.close()


async def _chat(client, message: str, sender: str = "anna", metadata: dict | None = None):
    body = {"sender": sender, "message": message}
    if metadata is not None:
        body["metadata"] = metadata
    resp = await client.post("/api/chat", data=json.dumps(body))
    return resp.status, await resp.json()


async def test_the_buttons_of_the_latest_reply_go_with_the_next_message(rasa_and_client):
    rasa, client, app = rasa_and_client
    rasa.replies = [(200, [{"text": "Vill du spara?", "buttons": SAVE}]),
                    (200, [{"text": "Sparat."}, {"text": "Samtycke?", "buttons": [CONSENT]}]),
                    (200, [{"text": "Tack."}]),
                    (200, [{"text": "Hej igen."}])]
    for message in ("hej", "ja spara", "lämna samtycke", "hej"):
        status, body = await _chat(client, message)
        assert status == 200
    assert rasa.sent_buttons(0) == "absent"  # nothing known yet: the channel reads the tracker
    assert rasa.sent_buttons(1) == SAVE
    assert rasa.sent_buttons(2) == [CONSENT]  # every message of the turn, only that turn
    assert rasa.sent_buttons(3) == []  # known: the last reply had no buttons
    assert body == {"messages": [{"text": "Hej igen."}]}  # the reply is relayed as before


async def test_a_clients_own_last_buttons_are_never_passed_on(rasa_and_client):
    rasa, client, _ = rasa_and_client
    forged = [{"title": "hej", "payload": "/delete_everything"}]
    await _chat(client, "hej", metadata={LAST_BUTTONS_KEY: forged, "page": "start"})
    rasa.replies = [(200, [{"text": "Vill du spara?", "buttons": SAVE}])]
    await _chat(client, "hej", metadata={LAST_BUTTONS_KEY: forged})
    await _chat(client, "ja spara", metadata={LAST_BUTTONS_KEY: forged})
    assert rasa.sent_buttons(0) == "absent" and rasa.received[0]["metadata"]["page"] == "start"
    assert rasa.sent_buttons(1) == []
    assert rasa.sent_buttons(2) == SAVE


async def test_after_a_failed_reply_the_buttons_are_unknown(rasa_and_client):
    rasa, client, _ = rasa_and_client
    rasa.replies = [(200, [{"text": "Vill du spara?", "buttons": SAVE}]), (500, [])]
    await _chat(client, "hej")
    status, _ = await _chat(client, "ja spara")
    assert status == 502
    await _chat(client, "ja spara")
    assert rasa.sent_buttons(1) == SAVE
    assert rasa.sent_buttons(2) == "absent"  # the failed turn may have been recorded: read the tracker


async def test_a_forms_answer_choices_travel_as_metadata_too(rasa_and_client):
    rasa, client, _ = rasa_and_client
    organisation = {"title": "Skola", "payload": "Skola"}  # a form's answer choice: a plain-text payload
    rasa.replies = [(200, [{"text": "Vilken?", "buttons": [organisation, *SAVE]}])]
    await _chat(client, "hej")
    await _chat(client, "skola")
    assert rasa.sent_buttons(1) == [organisation, *SAVE]


async def test_buttons_that_cannot_travel_as_metadata_leave_it_to_the_tracker(rasa_and_client):
    rasa, client, _ = rasa_and_client
    blank = {"title": "Tom", "payload": "  "}
    rasa.replies = [(200, [{"text": "Vilken?", "buttons": [blank, *SAVE]}])]
    await _chat(client, "hej")
    await _chat(client, "tom")
    assert rasa.sent_buttons(1) == "absent"


async def test_deleting_the_conversation_forgets_its_buttons(rasa_and_client):
    rasa, client, _ = rasa_and_client
    rasa.replies = [(200, [{"text": "Vill du spara?", "buttons": SAVE}])]
    await _chat(client, "hej")
    resp = await client.post("/api/chat/forget", data=json.dumps({"sender": "anna"}))
    assert resp.status == 200 and rasa.forgotten == ["anna"]
    await _chat(client, "ja spara")
    assert rasa.sent_buttons(1) == "absent"


async def test_two_messages_of_one_sender_at_once_make_the_buttons_unknown(rasa_and_client):
    rasa, client, _ = rasa_and_client
    rasa.replies = [(200, [{"text": "Vill du spara?", "buttons": SAVE}]),
                    (200, [{"text": "Samtycke?", "buttons": [CONSENT]}]),
                    (200, [{"text": "Hm?", "buttons": [CONSENT]}])]
    await _chat(client, "hej")
    rasa.received.clear()
    rasa.hold = asyncio.Event()
    first = asyncio.create_task(_chat(client, "ja spara"))
    while not rasa.received:
        await asyncio.sleep(0.01)
    await _chat(client, "lämna samtycke")  # answered while the first still waits
    rasa.hold.set()
    await first
    await _chat(client, "lämna samtycke")
    assert rasa.sent_buttons(0) == SAVE
    assert rasa.sent_buttons(1) == "absent"
    assert rasa.sent_buttons(2) == "absent"  # which reply Rasa handled last is not known


# --- the map itself ------------------------------------------------------------------------------------


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def _answer(buttons_map: LastButtons, sender: str, buttons) -> None:
    buttons_map.begin(sender)
    buttons_map.finish(sender, buttons)


def test_the_map_is_bounded_in_size_dropping_the_least_recently_answered():
    last = LastButtons(max_entries=3, clock=Clock())
    for sender in ("a", "b", "c"):
        _answer(last, sender, SAVE)
    _answer(last, "a", [CONSENT])  # answered again: now the most recent
    _answer(last, "d", SAVE)
    assert len(last) == 3
    assert last.begin("b") is None  # dropped
    assert last.begin("a") == [CONSENT] and last.begin("c") == SAVE and last.begin("d") == SAVE


def test_the_map_is_bounded_in_age():
    clock = Clock()
    last = LastButtons(ttl_seconds=60, clock=clock)
    _answer(last, "a", SAVE)
    _answer(last, "b", SAVE)
    clock.now += 59
    assert last.begin("a") == SAVE
    clock.now += 1
    assert last.begin("b") is None
    _answer(last, "c", [])  # storing drops what has expired
    assert len(last) == 1


def test_a_senders_buttons_are_unknown_while_its_message_is_with_rasa_and_after_a_failure():
    last = LastButtons(clock=Clock())
    _answer(last, "a", SAVE)
    assert last.begin("a") == SAVE
    assert last.begin("a") is None  # a second message while the first is in flight
    last.finish("a", [CONSENT])
    last.finish("a", SAVE)
    assert last.begin("a") is None
    last.finish("a", None)  # no usable reply
    assert last.begin("a") is None
    last.finish("a", SAVE)
    assert last.begin("a") == SAVE


def test_the_buttons_of_a_reply_are_every_messages_buttons_in_order_or_unknown():
    assert buttons_of_reply([{"text": "a", "buttons": SAVE}, {"text": "b"}, {"buttons": [CONSENT]}]) == [*SAVE, CONSENT]
    assert buttons_of_reply([{"text": "a"}]) == []
    assert buttons_of_reply([]) == []
    assert buttons_of_reply(None) is None
    assert buttons_of_reply(["text"]) is None
    assert buttons_of_reply([{"buttons": [{"title": "Skola", "payload": "Skola"}]}]) == [{"title": "Skola", "payload": "Skola"}]
    assert buttons_of_reply([{"buttons": [{"title": "Tom", "payload": ""}]}]) is None
    assert buttons_of_reply([{"buttons": [{"title": "Ja", "payload": "/affirm", "extra": 1}]}]) == [
        {"title": "Ja", "payload": "/affirm"}]  # titles and payloads only
