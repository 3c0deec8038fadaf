"""The web app on port 8080: serves the chat page and widget, and proxies chat to Rasa.

One origin serves everything, so the widget needs no CORS to reach the bot.
It remembers the buttons of each sender's latest reply and sends them with the next message
(metadata "last_buttons", channels.button_titles), so Rasa's channel need not read the tracker
to tell whether a typed message is a button's title.
"""
from __future__ import annotations

import logging
import os
from pathlib import Path

from aiohttp import ClientError, ClientSession, ClientTimeout, web

from channels import preparation_document
from channels.button_titles import LAST_BUTTONS_KEY, LastButtons, buttons_of_reply
from channels.chat_input import MAX_BODY_BYTES, MESSAGES, ChatRequest, parse_chat_request, parse_sender_request
from channels.replay_guard import ReplayGuard
from channels.rights_page import add_rights_routes
from channels.routing import NoReplicaReachable, ReplicaRouter, post_json, replica_urls
from channels.security import security_middlewares
from channels.staff.portal import setup_portal

STATIC = Path(__file__).with_name("static")
logger = logging.getLogger(__name__)

RASA = web.AppKey("rasa", ReplicaRouter)
HTTP = web.AppKey("http", ClientSession)
REPLAYS = web.AppKey("replays", ReplayGuard)
LAST_BUTTONS = web.AppKey("last_buttons", LastButtons)


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
    last_buttons = app[LAST_BUTTONS]
    # Only the web app's own record of the last buttons is passed on, never a client's.
    metadata = {k: v for k, v in parsed.metadata.items() if k != LAST_BUTTONS_KEY}
    shown = last_buttons.begin(parsed.sender)
    if shown is not None:
        metadata[LAST_BUTTONS_KEY] = shown
    payload = {"sender": parsed.sender, "message": parsed.text, "metadata": metadata}
    answered = None  # the buttons of Rasa's reply; None: unknown (no reply, or not sendable)
    try:
        try:
            status, messages = await post_json(app[HTTP], app[RASA], parsed.sender, "/webhooks/sipweb/webhook",
                                               payload)
        except (NoReplicaReachable, ClientError, TimeoutError):
            logger.warning("No Rasa replica answered (tried %s)", ", ".join(app[RASA].replicas))
            raise BotUnavailable(503) from None
        if status != 200:
            logger.warning("Rasa answered %s", status)
            raise BotUnavailable(502)
        reply = {"messages": [_client_message(m) for m in messages]}
        answered = buttons_of_reply(messages)
        return reply
    finally:
        last_buttons.finish(parsed.sender, answered)


async def forget(request: web.Request) -> web.Response:
    """"Radera samtalet": Rasa's channel deletes the conversation's tracker events."""
    sender = parse_sender_request(await request.content.read(MAX_BODY_BYTES + 1))
    if not isinstance(sender, str):
        return _error(sender.status, sender.reply)
    request.app[LAST_BUTTONS].forget(sender)
    try:
        # The shared tracker store holds the conversation, so any replica can delete it.
        status, result = await post_json(request.app[HTTP], request.app[RASA], sender,
                                         "/webhooks/sipweb/forget", {"sender": sender})
    except (NoReplicaReachable, ClientError, TimeoutError):
        return _error(503, MESSAGES["conversation_not_deleted"])
    if status != 200:
        logger.warning("Rasa answered %s to a deletion", status)
        return _error(502, MESSAGES["conversation_not_deleted"])
    return web.json_response({"deleted": result.get("deleted", 0), "message": MESSAGES["conversation_deleted"]})


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
    # A short connect timeout, so an unreachable replica fails over quickly (channels.routing).
    app[HTTP] = ClientSession(timeout=ClientTimeout(total=30, sock_connect=3))
    yield
    await app[HTTP].close()


def create_app(rasa_url: str | None = None) -> web.Application:
    """`rasa_url`: one Rasa server or several, comma-separated (else SIP_RASA_URLS or SIP_RASA_URL)."""
    app = web.Application(middlewares=[*security_middlewares(), json_errors], client_max_size=MAX_BODY_BYTES)
    app[REPLAYS] = ReplayGuard()
    app[LAST_BUTTONS] = LastButtons()
    app[RASA] = ReplicaRouter(replica_urls({"SIP_RASA_URLS": rasa_url} if rasa_url else dict(os.environ)))
    app.cleanup_ctx.append(_client_session)
    app.router.add_get("/", index)
    app.router.add_get("/health", health)
    app.router.add_post("/api/chat", chat)
    app.router.add_post("/api/chat/forget", forget)
    app.router.add_static("/static/", STATIC)
    setup_portal(app)  # the staff portal under /personal/
    preparation_document.setup(app)
    add_rights_routes(app)
    return app


# aiohttp's default access log line holds the client's IP address, Referer and User-Agent: personal data
# the municipality has no need of, and "sparar ni min ip?" could not be answered with a no (persona round,
# session 39). Time, request line, status, size and duration are enough to run the service.
ACCESS_LOG_FORMAT = '%t "%r" %s %b %Tf'


def main() -> None:
    logging.basicConfig(level=logging.INFO)
    web.run_app(create_app(), host=os.environ.get("SIP_WEB_HOST", "127.0.0.1"),
                port=int(os.environ.get("SIP_WEB_PORT", "8080")), access_log_format=ACCESS_LOG_FORMAT)


if __name__ == "__main__":
    main()
