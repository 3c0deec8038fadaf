"""Routing conversations to Rasa replicas: stable, balanced, minimal moves, safe failover."""
from __future__ import annotations

import json
import socket
from collections import Counter

import pytest
from aiohttp import ClientSession, web
from aiohttp.test_utils import TestClient, TestServer

from channels import webapp
from channels.routing import (
    NoReplicaReachable,
    ReplicaRouter,
    never_sent,
    post_json,
    rendezvous_order,
    replica_urls,
)

REPLICAS = ["http://rasa-0:5005", "http://rasa-1:5005", "http://rasa-2:5005"]
SENDERS = [f"conversation-{i}" for i in range(3000)]


def test_urls_come_from_sip_rasa_urls_else_sip_rasa_url_else_the_default():
    assert replica_urls({"SIP_RASA_URLS": " http://a:5005/, http://b:5005 ,,http://a:5005"}) == [
        "http://a:5005", "http://b:5005"]
    assert replica_urls({"SIP_RASA_URL": "http://only:5005/"}) == ["http://only:5005"]
    assert replica_urls({"SIP_RASA_URLS": "http://a:1", "SIP_RASA_URL": "http://b:2"}) == ["http://a:1"]
    assert replica_urls({}) == ["http://localhost:5005"]
    with pytest.raises(ValueError):
        replica_urls({"SIP_RASA_URLS": " , "})


def test_order_is_a_fixed_function_of_the_sender_not_of_the_process_or_list_order():
    # A changed hash would move every live conversation at the next deploy: pin it.
    assert rendezvous_order("anna-1", REPLICAS)[0] == rendezvous_order("anna-1", list(reversed(REPLICAS)))[0]
    r0, r1, r2 = REPLICAS
    assert [rendezvous_order(s, REPLICAS) for s in ("a", "b", "c", "d")] == [
        [r1, r2, r0], [r1, r2, r0], [r2, r1, r0], [r2, r0, r1]]


def test_conversations_spread_evenly_over_the_replicas():
    counts = Counter(rendezvous_order(s, REPLICAS)[0] for s in SENDERS)
    assert set(counts) == set(REPLICAS)
    assert all(800 <= n <= 1200 for n in counts.values()), counts  # 1000 each, give or take


def test_removing_a_replica_moves_only_its_own_conversations_to_their_second_choice():
    removed = REPLICAS[1]
    remaining = [r for r in REPLICAS if r != removed]
    for sender in SENDERS:
        before = rendezvous_order(sender, REPLICAS)
        after = rendezvous_order(sender, remaining)[0]
        if before[0] != removed:
            assert after == before[0]
        else:
            assert after == before[1]


def test_adding_a_replica_moves_conversations_only_onto_the_new_one():
    added = REPLICAS + ["http://rasa-3:5005"]
    moved = 0
    for sender in SENDERS:
        before, after = rendezvous_order(sender, REPLICAS)[0], rendezvous_order(sender, added)[0]
        if before != after:
            assert after == added[-1]
            moved += 1
    assert 0.18 < moved / len(SENDERS) < 0.32  # about a quarter


class FakeClock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def test_a_replica_that_failed_goes_last_until_its_cool_down_ends():
    clock = FakeClock()
    router = ReplicaRouter(REPLICAS, cool_down_seconds=5, clock=clock)
    sender = next(s for s in SENDERS if rendezvous_order(s, REPLICAS)[0] == REPLICAS[0])
    preferred = rendezvous_order(sender, REPLICAS)
    router.mark_down(REPLICAS[0])
    assert router.order(sender) == preferred[1:] + [REPLICAS[0]]
    clock.now += 5.01
    assert router.order(sender) == preferred
    router.mark_down(REPLICAS[0])
    router.mark_up(REPLICAS[0])
    assert router.order(sender) == preferred


def test_a_router_needs_a_replica():
    with pytest.raises(ValueError):
        ReplicaRouter([])


# --- Over real HTTP: fake Rasa replicas on loopback ---------------------------------------


def _closed_port_url() -> str:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return f"http://127.0.0.1:{s.getsockname()[1]}"  # nothing listens once closed


class FakeRasa:
    """Answers the sipweb webhook with its own name; records what it received."""

    def __init__(self, name: str, behaviour: str = "ok") -> None:
        self.name, self.behaviour, self.received = name, behaviour, []
        app = web.Application()
        app.router.add_post("/webhooks/sipweb/webhook", self.webhook)
        self.server = TestServer(app, host="127.0.0.1")

    async def webhook(self, request: web.Request) -> web.StreamResponse:
        body = await request.json()
        self.received.append(body)
        if self.behaviour == "error":
            return web.json_response({"error": "boom"}, status=500)
        if self.behaviour == "crash":  # dies after the message arrived
            request.transport.close()
            raise ConnectionResetError()
        return web.json_response([{"recipient_id": body["sender"], "text": f"{self.name}: {body['message']}"}])

    @property
    def url(self) -> str:
        return str(self.server.make_url("")).rstrip("/")


@pytest.fixture
async def replicas():
    started = []

    async def start(*behaviours: str) -> list[FakeRasa]:
        for i, behaviour in enumerate(behaviours):
            fake = FakeRasa(f"r{i}", behaviour)
            await fake.server.start_server()
            started.append(fake)
        return started

    yield start
    for fake in started:
        await fake.server.close()


def _sender_preferring(first: str, urls: list[str]) -> str:
    return next(s for s in SENDERS if rendezvous_order(s, urls)[0] == first)


async def test_a_dead_replica_fails_over_to_the_next_in_the_senders_order(replicas):
    (alive,) = await replicas("ok")
    dead = _closed_port_url()
    router = ReplicaRouter([dead, alive.url])
    sender = _sender_preferring(dead, router.replicas)
    async with ClientSession() as session:
        status, body = await post_json(session, router, sender, "/webhooks/sipweb/webhook",
                                       {"sender": sender, "message": "hej"})
    assert status == 200 and body[0]["text"] == "r0: hej"
    assert router.order(sender)[0] == alive.url  # the dead one is tried last for a while


async def test_an_error_answer_is_not_retried_elsewhere(replicas):
    failing, other = await replicas("error", "ok")
    router = ReplicaRouter([failing.url, other.url])
    sender = _sender_preferring(failing.url, router.replicas)
    async with ClientSession() as session:
        status, body = await post_json(session, router, sender, "/webhooks/sipweb/webhook",
                                       {"sender": sender, "message": "hej"})
    assert (status, body) == (500, None)
    assert other.received == []


async def test_a_replica_dying_after_it_got_the_message_is_not_retried_elsewhere(replicas):
    crashing, other = await replicas("crash", "ok")
    router = ReplicaRouter([crashing.url, other.url])
    sender = _sender_preferring(crashing.url, router.replicas)
    async with ClientSession() as session:
        with pytest.raises(Exception) as raised:
            await post_json(session, router, sender, "/webhooks/sipweb/webhook", {"sender": sender, "message": "hej"})
    assert not never_sent(raised.value)
    assert len(crashing.received) == 1 and other.received == []  # it may have been recorded once, never twice


async def test_no_replica_reachable():
    router = ReplicaRouter([_closed_port_url(), _closed_port_url()])
    async with ClientSession() as session:
        with pytest.raises(NoReplicaReachable):
            await post_json(session, router, "anna", "/webhooks/sipweb/webhook", {"sender": "anna", "message": "x"})


async def _chat(client: TestClient, sender: str, message: str):
    resp = await client.post("/api/chat", data=json.dumps({"sender": sender, "message": message}))
    return resp.status, await resp.json()


async def test_web_app_keeps_each_conversation_on_one_replica(replicas):
    fakes = await replicas("ok", "ok")
    app = webapp.create_app(",".join(f.url for f in fakes))
    async with TestClient(TestServer(app)) as client:
        for sender in SENDERS[:20]:
            for n in range(3):
                status, body = await _chat(client, sender, f"meddelande {n}")
                assert status == 200
    for fake in fakes:
        assert fake.received, "both replicas get conversations"
        for sender in {m["sender"] for m in fake.received}:
            assert [m["message"] for m in fake.received if m["sender"] == sender] == [
                "meddelande 0", "meddelande 1", "meddelande 2"]
    senders_by_replica = [{m["sender"] for m in f.received} for f in fakes]
    assert not senders_by_replica[0] & senders_by_replica[1]


async def test_web_app_answers_503_when_no_replica_is_reachable():
    app = webapp.create_app(f"{_closed_port_url()},{_closed_port_url()}")
    async with TestClient(TestServer(app)) as client:
        status, body = await _chat(client, "anna", "hej")
    assert status == 503 and body["error"]


def test_only_a_connect_timeout_counts_as_never_sent():
    from aiohttp import ServerDisconnectedError, ServerTimeoutError

    assert never_sent(ServerTimeoutError("Connection timeout to host http://rasa-0:5005/webhooks/sipweb/webhook"))
    assert not never_sent(ServerTimeoutError("Timeout on reading data from socket"))
    assert not never_sent(ServerDisconnectedError())
    assert not never_sent(TimeoutError())
