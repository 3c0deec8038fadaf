"""Rasa input channels: the standard REST protocol and the web app's channel, both guarded.

Rasa's own RestInput answers a JSON list or a wrong type with a 500 and passes empty or
huge messages to the tracker; these check the request first (channels.chat_input).
"""
from __future__ import annotations

import inspect
import logging
from typing import Awaitable, Callable

from rasa.core.channels.channel import CollectingOutputChannel, UserMessage
from rasa.core.channels.rest import RestInput
from sanic import Blueprint, response
from sanic.request import Request

from channels.chat_input import MESSAGES, ChatRequest, parse_chat_request

logger = logging.getLogger(__name__)


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
            collector = CollectingOutputChannel()
            try:
                await on_new_message(
                    UserMessage(parsed.text, collector, parsed.sender, input_channel=self.name(),
                                metadata=parsed.metadata)
                )
            except Exception:  # noqa: BLE001 - one bad turn must not take the channel down
                # The message text is personal data: never log it.
                logger.exception("Handling a message failed (sender %s)", parsed.sender)
            return response.json(collector.messages or [{"recipient_id": parsed.sender, "text": MESSAGES["bot_error"]}])

        return webhook


class SipWebInput(GuardedRestInput):
    """The channel the SIP-guiden web app talks to: `POST /webhooks/sipweb/webhook`."""

    @classmethod
    def name(cls) -> str:
        return "sipweb"
