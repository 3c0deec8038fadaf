"""Web hardening of the web app (channels.security), over real HTTP on a local test server."""
from __future__ import annotations

import json

from aiohttp import web
from aiohttp.test_utils import TestClient, TestServer

from channels.chat_input import MAX_BODY_BYTES, MESSAGES
from channels.security import CSP, RateLimiter, security_middlewares
from channels.webapp import create_app


async def _client(app: web.Application) -> TestClient:
    client = TestClient(TestServer(app))
    await client.start_server()
    return client


async def test_every_response_has_the_security_headers():
    client = await _client(create_app("http://127.0.0.1:9"))
    try:
        for method, path in (("GET", "/"), ("GET", "/static/widget.js"), ("GET", "/nowhere"), ("POST", "/api/chat")):
            resp = await client.request(method, path, data=b"{}")
            assert resp.headers["Content-Security-Policy"] == CSP, path
            assert resp.headers["X-Content-Type-Options"] == "nosniff"
            assert resp.headers["X-Frame-Options"] == "DENY"
            assert resp.headers["Referrer-Policy"] == "no-referrer"
        resp = await client.post("/api/chat", data=b"{}")
        assert resp.headers["Cache-Control"] == "no-store"
        assert "Strict-Transport-Security" not in resp.headers
    finally:
        await client.close()


async def test_an_oversized_body_gets_413_in_swedish():
    client = await _client(create_app("http://127.0.0.1:9"))
    try:
        resp = await client.post("/api/chat", data=b"x" * (MAX_BODY_BYTES + 10),
                                 headers={"Content-Type": "application/json"})
        assert resp.status == 413
        assert (await resp.json())["error"] == MESSAGES["body_too_large"]
    finally:
        await client.close()


async def test_too_many_requests_from_one_client_get_429_in_swedish(monkeypatch):
    monkeypatch.setenv("SIP_RATE_LIMIT_PER_MINUTE", "3")
    client = await _client(create_app("http://127.0.0.1:9"))
    try:
        body = json.dumps({"sender": "web-1", "message": ""})
        statuses = [(await client.post("/api/chat", data=body)).status for _ in range(3)]
        assert statuses == [200, 200, 200]  # empty messages are answered without Rasa
        resp = await client.post("/api/chat", data=body)
        assert resp.status == 429
        assert (await resp.json())["error"] == MESSAGES["too_many_requests"]
        assert (await client.get("/")).status == 200  # pages are not limited
    finally:
        await client.close()


async def test_an_unexpected_error_shows_no_stack_trace():
    async def broken(_):
        raise RuntimeError("secret internals /work/app.py line 12")

    app = web.Application(middlewares=security_middlewares(per_minute=100))
    app.router.add_get("/broken", broken)
    client = await _client(app)
    try:
        resp = await client.get("/broken")
        assert resp.status == 500
        text = await resp.text()
        assert "secret internals" not in text and "Traceback" not in text
        assert json.loads(text)["error"] == MESSAGES["server_error"]
        resp = await client.post("/broken", data=b"{}")
        assert resp.status == 405
        assert (await resp.json())["error"] == MESSAGES["method_not_allowed"]
    finally:
        await client.close()


async def test_hsts_only_when_configured():
    app = web.Application(middlewares=security_middlewares(per_minute=100, hsts=True))
    app.router.add_get("/", lambda _: web.Response(text="ok"))
    client = await _client(app)
    try:
        assert "max-age" in (await client.get("/")).headers["Strict-Transport-Security"]
    finally:
        await client.close()


def test_rate_limiter_refills_over_time_per_client():
    now = [0.0]
    limiter = RateLimiter(per_minute=2, clock=lambda: now[0])
    assert [limiter.allow("a"), limiter.allow("a"), limiter.allow("a")] == [True, True, False]
    assert limiter.allow("b")  # another client has its own bucket
    now[0] += 30  # one request's worth refilled
    assert [limiter.allow("a"), limiter.allow("a")] == [True, False]


def test_rate_limiter_forgets_the_oldest_clients_beyond_its_size():
    limiter = RateLimiter(per_minute=1, clock=lambda: 0.0, max_clients=2)
    assert limiter.allow("a") and limiter.allow("b") and limiter.allow("c")
    assert limiter.allow("a")  # "a" was forgotten, so it starts with a full bucket
    assert not limiter.allow("c")


async def test_a_handlers_own_stricter_policy_is_kept():
    async def page(_):
        return web.Response(text="ok", headers={"Content-Security-Policy": "default-src 'none'"})

    app = web.Application(middlewares=security_middlewares(per_minute=100))
    app.router.add_get("/page", page)
    client = await _client(app)
    try:
        resp = await client.get("/page")
        assert resp.headers["Content-Security-Policy"] == "default-src 'none'"
        assert resp.headers["X-Frame-Options"] == "DENY"
    finally:
        await client.close()


async def test_the_privacy_notice_is_linked_from_the_chat_page_and_links_to_mina_uppgifter():
    client = await _client(create_app("http://127.0.0.1:9"))
    try:
        index = await (await client.get("/")).text()
        assert 'href="/integritet"' in index
        notice = await client.get("/integritet")
        assert notice.status == 200
        text = await notice.text()
        assert "30 dagar" in text and 'href="/mina-uppgifter"' in text and "allmänna handlingar" in text
    finally:
        await client.close()
