"""Rasa input channels: the standard REST protocol and the web app's channel, both guarded.

Rasa's own RestInput answers a JSON list or a wrong type with a 500 and passes empty or
huge messages to the tracker; these check the request first (channels.chat_input) and
replace personal identifiers with placeholders before Rasa sees the text (channels.pii).
A typed title of one of the buttons just shown is sent as that button's payload
(channels.button_titles): the web app sends those buttons in the metadata ("last_buttons"),
else the tracker store is read.
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
from channels.button_titles import LAST_BUTTONS_KEY, known_buttons, last_turn_buttons, payload_for, worth_looking_up
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


async def typed_button_payload(agent: object, sender: str, text: str,
                               shown: list[dict[str, str]] | None = None) -> str | None:
    """The payload of the last turn's button whose title `text` is (channels.button_titles), or None.

    `shown`: the last turn's buttons when the caller knows them (the message metadata); only when
    it does not is the tracker read, and only for a short message that is not already a payload.
    Never breaks a turn: on any failure the message goes on as typed.
    """
    if not worth_looking_up(text):
        return None
    try:
        if shown is not None:
            payload = payload_for(text, shown)
        else:
            store = getattr(agent, "tracker_store", None)
            if store is None:
                return None
            tracker = store.retrieve(sender)
            if inspect.isawaitable(tracker):  # async in Rasa 3.6; a plain store may still return it directly
                tracker = await tracker
            if tracker is None:
                return None
            payload = payload_for(text, last_turn_buttons(tracker.events))
    except Exception as error:  # noqa: BLE001 - the message then goes to the NLU as typed
        # Only the error's type: the message text is personal data and must never be logged.
        logger.warning("Could not match a typed button title (sender %s): %s", sender, type(error).__name__)
        return None
    if payload is not None:
        logger.debug("A typed button title was sent as its payload (sender %s, buttons from %s)",
                     sender, "metadata" if shown is not None else "tracker")
    return payload


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
            # A typed button title acts as the pressed button: its payload is what Rasa sees. The
            # last buttons, when the web app sent them, spare the tracker read; they are not kept
            # in the tracker. A malformed value is ignored (the tracker is read instead).
            client_metadata = dict(parsed.metadata)
            shown = known_buttons(client_metadata.pop(LAST_BUTTONS_KEY, None))
            payload = await typed_button_payload(getattr(request.app.ctx, "agent", None), parsed.sender,
                                                 parsed.text, shown)
            # Identifiers are replaced before Rasa sees the text (tracker store, logs);
            # the values travel encrypted in the metadata (channels.pii). A payload is scrubbed
            # like a pressed button's.
            text, metadata = scrub_request(payload or parsed.text, client_metadata, _cipher())
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
