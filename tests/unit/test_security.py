"""Web hardening of the web app (channels.security), over real HTTP on a local test server."""
from __future__ import annotations

import json

from aiohttp import web
from aiohttp.test_utils import TestClient, TestServer

from channels.chat_input import MAX_BODY_BYTES, MESSAGES
from channels.security import CSP, RateLimiter, allowed_origins, security_middlewares
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


def test_allowed_origins_are_read_from_a_comma_separated_setting():
    assert allowed_origins(" https://www.dalsed.se/ ,https://dalsed.se,") == {"https://www.dalsed.se", "https://dalsed.se"}
    assert allowed_origins(None) == frozenset()


async def _cors_client(monkeypatch, origins: str | None) -> TestClient:
    if origins is None:
        monkeypatch.delenv("SIP_ALLOWED_ORIGINS", raising=False)
    else:
        monkeypatch.setenv("SIP_ALLOWED_ORIGINS", origins)
    return await _client(create_app("http://127.0.0.1:9"))


async def test_a_configured_site_may_embed_the_widget_and_call_the_chat(monkeypatch):
    client = await _cors_client(monkeypatch, "https://www.dalsed.se")
    site = {"Origin": "https://www.dalsed.se"}
    try:
        preflight = await client.options("/api/chat", headers={**site, "Access-Control-Request-Method": "POST",
                                                               "Access-Control-Request-Headers": "content-type"})
        assert preflight.status == 204
        assert preflight.headers["Access-Control-Allow-Origin"] == "https://www.dalsed.se"
        assert preflight.headers["Access-Control-Allow-Methods"] == "POST"
        chat = await client.post("/api/chat", data=json.dumps({"sender": "web-1", "message": ""}), headers=site)
        assert chat.status == 200 and chat.headers["Access-Control-Allow-Origin"] == "https://www.dalsed.se"
        widget = await client.get("/static/widget.js", headers=site)
        assert widget.headers["Access-Control-Allow-Origin"] == "https://www.dalsed.se"
        assert widget.headers["Cross-Origin-Resource-Policy"] == "cross-origin"
    finally:
        await client.close()


async def test_any_other_origin_gets_no_cors_and_a_refused_preflight(monkeypatch):
    client = await _cors_client(monkeypatch, "https://www.dalsed.se")
    other = {"Origin": "https://evil.example"}
    try:
        preflight = await client.options("/api/chat", headers={**other, "Access-Control-Request-Method": "POST"})
        assert preflight.status == 403
        assert (await preflight.json())["error"] == MESSAGES["origin_not_allowed"]
        assert "Access-Control-Allow-Origin" not in preflight.headers
        chat = await client.post("/api/chat", data=json.dumps({"sender": "web-1", "message": ""}), headers=other)
        assert "Access-Control-Allow-Origin" not in chat.headers
        page = await client.get("/", headers={"Origin": "https://www.dalsed.se"})
        assert "Access-Control-Allow-Origin" not in page.headers  # only the widget and the chat API
    finally:
        await client.close()


async def test_without_configured_origins_the_widget_stays_same_origin(monkeypatch):
    client = await _cors_client(monkeypatch, None)
    try:
        widget = await client.get("/static/widget.js", headers={"Origin": "https://www.dalsed.se"})
        assert "Access-Control-Allow-Origin" not in widget.headers
        assert widget.headers["Cross-Origin-Resource-Policy"] == "same-origin"
        preflight = await client.options("/api/chat/forget", headers={"Origin": "https://www.dalsed.se"})
        assert preflight.status == 403
    finally:
        await client.close()
