"""The web app on port 8080: serves the chat page and widget, and proxies chat to Rasa.

One origin serves everything, so the widget needs no CORS to reach the bot.
"""
from __future__ import annotations

import logging
import os
from pathlib import Path

from aiohttp import ClientError, ClientSession, ClientTimeout, web

from channels.chat_input import MAX_BODY_BYTES, MESSAGES, ChatRequest, parse_chat_request
from channels.replay_guard import ReplayGuard

STATIC = Path(__file__).with_name("static")
logger = logging.getLogger(__name__)

RASA_URL = web.AppKey("rasa_url", str)
HTTP = web.AppKey("http", ClientSession)
REPLAYS = web.AppKey("replays", ReplayGuard)


class BotUnavailable(Exception):
    def __init__(self, status: int) -> None:
        super().__init__(status)
        self.status = status


def _error(status: int, text: str) -> web.Response:
    return web.json_response({"error": text}, status=status)


async def chat(request: web.Request) -> web.Response:
    body = await request.content.read(MAX_BODY_BYTES + 1)
    parsed = parse_chat_request(body)
    if not isinstance(parsed, ChatRequest):
        if parsed.status != 200:
            return _error(parsed.status, parsed.reply)
        return web.json_response({"messages": [{"text": parsed.reply}]})
    try:
        reply = await request.app[REPLAYS].once(parsed.sender, parsed.message_id,
                                                lambda: _ask_rasa(request.app, parsed))
    except BotUnavailable as error:
        return _error(error.status, MESSAGES["bot_unavailable"])
    return web.json_response(reply)


async def _ask_rasa(app: web.Application, parsed: ChatRequest) -> dict:
    payload = {"sender": parsed.sender, "message": parsed.text, "metadata": parsed.metadata}
    try:
        async with app[HTTP].post(f"{app[RASA_URL]}/webhooks/sipweb/webhook", json=payload) as resp:
            if resp.status != 200:
                logger.warning("Rasa answered %s", resp.status)
                raise BotUnavailable(502)
            messages = await resp.json()
    except (ClientError, TimeoutError):
        logger.warning("Rasa is not reachable at %s", app[RASA_URL])
        raise BotUnavailable(503) from None
    return {"messages": [_client_message(m) for m in messages]}


def _client_message(message: dict) -> dict:
    """Pass on only what the widget renders."""
    out = {k: message[k] for k in ("text", "buttons", "custom") if k in message}
    if "buttons" in out:
        out["buttons"] = [{"title": b.get("title", ""), "payload": b.get("payload", "")} for b in out["buttons"]]
    return out


async def index(_: web.Request) -> web.FileResponse:
    return web.FileResponse(STATIC / "index.html")


async def health(_: web.Request) -> web.Response:
    return web.json_response({"status": "ok"})


@web.middleware
async def json_errors(request: web.Request, handler):
    try:
        return await handler(request)
    except web.HTTPNotFound:
        return _error(404, MESSAGES["not_found"])


async def _client_session(app: web.Application):
    app[HTTP] = ClientSession(timeout=ClientTimeout(total=30))
    yield
    await app[HTTP].close()


def create_app(rasa_url: str | None = None) -> web.Application:
    app = web.Application(middlewares=[json_errors], client_max_size=MAX_BODY_BYTES)
    app[REPLAYS] = ReplayGuard()
    app[RASA_URL] = (rasa_url or os.environ.get("SIP_RASA_URL", "http://localhost:5005")).rstrip("/")
    app.cleanup_ctx.append(_client_session)
    app.router.add_get("/", index)
    app.router.add_get("/health", health)
    app.router.add_post("/api/chat", chat)
    app.router.add_static("/static/", STATIC)
    return app


def main() -> None:
    logging.basicConfig(level=logging.INFO)
    web.run_app(create_app(), host=os.environ.get("SIP_WEB_HOST", "127.0.0.1"),
                port=int(os.environ.get("SIP_WEB_PORT", "8080")))


if __name__ == "__main__":
    main()
