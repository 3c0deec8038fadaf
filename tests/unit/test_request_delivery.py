"""Delivery from the outbox to a real local receiver: down, failing, then up; never twice."""
from __future__ import annotations

import socket
from datetime import datetime, timedelta, timezone

import pytest
from aiohttp import web

from actions import request_delivery as delivery
from actions.casestore import request_store as rs

DATA = rs.RequestData(
    organisation_id="bup", requester_role="ung", child_age=19, sides="bada", needs="Stöd i skolan",
    contact_name="Kim", contact_phone="0701234567", consent="finns",
)
T0 = datetime(2026, 11, 22, 12, 0, tzinfo=timezone.utc)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Receiver:
    """An organisation's webhook: records what it gets; `status` decides its answer."""

    def __init__(self, port: int) -> None:
        self.port, self.received, self.status, self._runner = port, [], 200, None

    async def handle(self, request: web.Request) -> web.Response:
        self.received.append((request.match_info["org"], request.headers.get("Idempotency-Key"), await request.json()))
        return web.json_response({}, status=self.status)

    async def start(self) -> None:
        app = web.Application()
        app.router.add_post("/sip/{org}", self.handle)
        self._runner = web.AppRunner(app)
        await self._runner.setup()
        await web.TCPSite(self._runner, "127.0.0.1", self.port).start()

    async def stop(self) -> None:
        await self._runner.cleanup()


@pytest.fixture
async def receiver():
    r = Receiver(free_port())
    yield r
    if r._runner is not None:
        await r.stop()


def url(receiver: Receiver) -> str:
    return f"http://127.0.0.1:{receiver.port}/sip/{{organisation}}"


async def test_delivered_once_to_the_right_organisation(backend, receiver):
    store = backend.open_store()
    case = store.create_case()
    request_id = rs.save_request(store, case.reference, DATA)
    await receiver.start()
    assert (await delivery.deliver_pending(store, url(receiver), T0))["delivered"] == 1
    assert (await delivery.deliver_pending(store, url(receiver), T0 + timedelta(hours=1)))["delivered"] == 0
    [(org, key, body)] = receiver.received
    assert org == "bup" and key.startswith("sip-request-")
    assert body["sip_request"]["id"] == request_id and body["sip_request"]["contact_phone"] == "0701234567"


async def test_receiver_down_then_up_is_delivered_after_backoff(backend, receiver):
    store = backend.open_store()
    rs.save_request(store, store.create_case().reference, DATA)
    # Not started: connection refused.
    assert (await delivery.deliver_pending(store, url(receiver), T0))["failed"] == 1
    await receiver.start()
    # Too soon after the failure: it waits its backoff.
    assert (await delivery.deliver_pending(store, url(receiver), T0 + timedelta(seconds=1)))["waiting"] == 1
    assert receiver.received == []
    later = T0 + timedelta(seconds=delivery.backoff_seconds(1))
    assert (await delivery.deliver_pending(store, url(receiver), later))["delivered"] == 1
    assert len(receiver.received) == 1
    assert backend.raw("SELECT attempts FROM sip_request_outbox WHERE delivered_at IS NOT NULL") == [(2,)]


async def test_an_error_answer_is_retried_not_lost(backend, receiver):
    store = backend.open_store()
    rs.save_request(store, store.create_case().reference, DATA)
    await receiver.start()
    receiver.status = 503
    assert (await delivery.deliver_pending(store, url(receiver), T0))["failed"] == 1
    receiver.status = 200
    assert (await delivery.deliver_pending(store, url(receiver), T0 + timedelta(minutes=10)))["delivered"] == 1
    assert [key for _, key, _ in receiver.received][0] == [key for _, key, _ in receiver.received][1]


@pytest.mark.parametrize("attempts,expected", [(1, 2), (3, 8), (20, delivery.MAX_BACKOFF_SECONDS)])
def test_backoff_grows_and_is_capped(attempts, expected):
    assert delivery.backoff_seconds(attempts) == expected
