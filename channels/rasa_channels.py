"""Rasa input channels: the standard REST protocol and the web app's channel, both guarded.

Rasa's own RestInput answers a JSON list or a wrong type with a 500 and passes empty or
huge messages to the tracker; these check the request first (channels.chat_input) and
replace personal identifiers with placeholders before Rasa sees the text (channels.pii).
"""
from __future__ import annotations

import inspect
import logging
from typing import Awaitable, Callable

from cryptography.fernet import MultiFernet
from rasa.core.channels.channel import CollectingOutputChannel, UserMessage
from rasa.core.channels.rest import RestInput
from sanic import Blueprint, response
from sanic.request import Request

from actions import settings
from actions.casestore.crypto import build_cipher
from channels.chat_input import MESSAGES, ChatRequest, parse_chat_request, parse_sender_request
from channels.pii import scrub_request
from channels.tracker_events import delete_conversation, engine_of

logger = logging.getLogger(__name__)
_CIPHER: MultiFernet | None = None


def _cipher() -> MultiFernet:
    """The case store's cipher (same keys as the action server), built on first use."""
    global _CIPHER
    if _CIPHER is None:
        _CIPHER = build_cipher(settings.load())
    return _CIPHER


class GuardedRestInput(RestInput):
    """`POST /webhooks/rest/webhook` with {"sender", "message"}: Rasa's REST protocol."""

    @classmethod
    def name(cls) -> str:
        return "rest"

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[None]]) -> Blueprint:
        module = inspect.getmodule(self)
        webhook = Blueprint(f"guarded_webhook_{type(self).__name__}", module.__name__ if module else None)

        @webhook.route("/", methods=["GET"])
        async def health(_: Request):
            return response.json({"status": "ok"})

        @webhook.route("/webhook", methods=["POST"])
        async def receive(request: Request):
            parsed = parse_chat_request(request.body or b"")
            if not isinstance(parsed, ChatRequest):
                if parsed.status != 200:
                    return response.json({"error": parsed.reply}, status=parsed.status)
                return response.json([{"recipient_id": parsed.sender, "text": parsed.reply}])
            # Identifiers are replaced before Rasa sees the text (tracker store, logs);
            # the values travel encrypted in the metadata (channels.pii).
            text, metadata = scrub_request(parsed.text, parsed.metadata, _cipher())
            collector = CollectingOutputChannel()
            try:
                await on_new_message(
                    UserMessage(text, collector, parsed.sender, input_channel=self.name(),
                                metadata=metadata)
                )
            except Exception:  # noqa: BLE001 - one bad turn must not take the channel down
                # The message text is personal data: never log it.
                logger.exception("Handling a message failed (sender %s)", parsed.sender)
            return response.json(collector.messages or [{"recipient_id": parsed.sender, "text": MESSAGES["bot_error"]}])

        @webhook.route("/forget", methods=["POST"])
        async def forget(request: Request):
            """"Radera samtalet": delete every tracker event of the conversation."""
            sender = parse_sender_request(request.body or b"")
            if not isinstance(sender, str):
                return response.json({"error": sender.reply}, status=sender.status)
            engine = engine_of(getattr(request.app.ctx, "agent", None) and request.app.ctx.agent.tracker_store)
            if engine is None:
                logger.error("Cannot delete a conversation: the tracker store is not SQL")
                return response.json({"error": MESSAGES["conversation_not_deleted"]}, status=503)
            deleted = delete_conversation(engine, sender)
            logger.info("Deleted a conversation on request (%d events)", deleted)
            return response.json({"deleted": deleted, "message": MESSAGES["conversation_deleted"]})

        return webhook


class SipWebInput(GuardedRestInput):
    """The channel the SIP-guiden web app talks to: `POST /webhooks/sipweb/webhook`."""

    @classmethod
    def name(cls) -> str:
        return "sipweb"
