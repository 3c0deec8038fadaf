"""Checks every chat request before it reaches Rasa: plain Python, shared by all channels.

A request is either accepted (sender, text, metadata) or answered here: with a 4xx for
requests a client got wrong, or with a Swedish bot reply for messages a person typed
that the bot cannot take (empty, too long).
"""
from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from actions.answer_rules import MAX_ANSWER_LENGTH
from actions.lost_code import says_the_code_is_lost
from actions.phrases import contains_phrase, folded
from actions.safety.crisis_detector import fold, fold_normaliser

MESSAGES: dict[str, str] = yaml.safe_load(Path(__file__).with_name("messages.sv.yml").read_text(encoding="utf-8"))
MAX_BODY_BYTES = 64 * 1024
# A message may be as long as a stored answer: longer, and a form would refuse it with another limit.
MAX_TEXT_LENGTH = MAX_ANSWER_LENGTH
_SENDER = re.compile(r"[A-Za-z0-9_.:\-]{1,128}")
_MESSAGE_ID = re.compile(r"[A-Za-z0-9\-]{1,64}")
# The bot's own pages, which its texts name ("står här: /integritet"); typed into the chat, one was
# read as an unknown command (persona round, session 26). The same as widget.js makes links of.
SITE_PAGES = frozenset({"/integritet", "/mina-uppgifter", "/forberedelse"})
# "var är sidan /forberedelse? jag hittar inte den i mobilen" and "var hittar jag sidan för att skriva ut"
# got the fallback (persona round, session 34): a short question where a page is gets its link too. Only
# when it asks where (not "vad står på /integritet?"), and a page without its path only by what the bot
# says it is for ("Du kan skriva ut den på sidan /forberedelse").
MAX_WORDS_ASKING_FOR_A_PAGE = 14
_ASKS_WHERE = folded(["var är", "var e", "var finns", "var hittar", "var ligger", "hittar inte", "hittar den inte",
                      "hur hittar", "hur kommer jag till", "hur öppnar"])
_PAGE_WORDS = frozenset({"sidan", "sida"})
_PAGES_BY_USE = {"/forberedelse": folded(["skriva ut", "skriver ut"]), "/mina-uppgifter": folded(["mina uppgifter"])}
_PAGE_PATH = re.compile(r"(?<![\w/])(/(?:%s))(?![\w-])" % "|".join(re.escape(page[1:]) for page in sorted(SITE_PAGES)))


@dataclass(frozen=True)
class ChatRequest:
    sender: str
    text: str
    metadata: dict[str, Any]
    message_id: str | None = None  # set by the widget so a resent message is recognised


@dataclass(frozen=True)
class Rejection:
    status: int  # 200: answered with `reply` as a bot message; 4xx: `reply` is the error
    reply: str
    sender: str | None = None


def _clean_text(text: str) -> str:
    # Drop control characters (but keep newlines), which only confuse the NLU.
    return "".join(c for c in text if c in "\n\t" or unicodedata.category(c)[0] != "C").strip()


def page_asked_for(text: str) -> str | None:
    """The one page of the site a short message asks where to find, by its path or, said with "sidan",
    by what it is for; None for anything else (a lost code too: "hittar inte koden" is no page)."""
    words = fold_normaliser(text)
    if len(words) > MAX_WORDS_ASKING_FOR_A_PAGE or not contains_phrase(words, _ASKS_WHERE) \
            or says_the_code_is_lost(text):
        return None
    named = set(_PAGE_PATH.findall(fold(text)))
    if not named and _PAGE_WORDS & set(words):
        named = {page for page, uses in _PAGES_BY_USE.items() if contains_phrase(words, uses)}
    return next(iter(named)) if len(named) == 1 else None


def parse_chat_request(body: bytes) -> ChatRequest | Rejection:
    if len(body) > MAX_BODY_BYTES:
        return Rejection(413, MESSAGES["body_too_large"])
    try:
        payload = json.loads(body.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError):  # ValueError: JSON errors, huge ints
        return Rejection(400, MESSAGES["not_json"])
    if not isinstance(payload, dict):
        return Rejection(400, MESSAGES["not_json"])
    sender = payload.get("sender")
    if not isinstance(sender, str) or not _SENDER.fullmatch(sender):
        return Rejection(400, MESSAGES["bad_sender"])
    text = payload.get("message")
    if text is None:
        text = ""
    if not isinstance(text, str):
        return Rejection(400, MESSAGES["bad_message"])
    text = _clean_text(text)
    if not text:
        return Rejection(200, MESSAGES["empty"], sender)
    if len(text) > MAX_TEXT_LENGTH:
        return Rejection(200, MESSAGES["too_long"].format(max_length=MAX_TEXT_LENGTH), sender)
    page = text.lower() if text.lower() in SITE_PAGES else page_asked_for(text)
    if page:
        return Rejection(200, MESSAGES["site_page"].format(page=page), sender)
    metadata = payload.get("metadata")
    message_id = payload.get("message_id")
    if message_id is not None and not (isinstance(message_id, str) and _MESSAGE_ID.fullmatch(message_id)):
        return Rejection(400, MESSAGES["bad_message_id"])
    return ChatRequest(sender, text, metadata if isinstance(metadata, dict) else {}, message_id)


def parse_sender_request(body: bytes) -> str | Rejection:
    """A request that names only a conversation ({"sender": ...}), e.g. "radera samtalet"."""
    if len(body) > MAX_BODY_BYTES:
        return Rejection(413, MESSAGES["body_too_large"])
    try:
        payload = json.loads(body.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError):
        return Rejection(400, MESSAGES["not_json"])
    sender = payload.get("sender") if isinstance(payload, dict) else None
    if not isinstance(sender, str) or not _SENDER.fullmatch(sender):
        return Rejection(400, MESSAGES["bad_sender"])
    return sender
