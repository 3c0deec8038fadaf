"""parse_chat_request: every chat request is checked before it reaches Rasa."""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from channels.chat_input import (MAX_BODY_BYTES, MAX_TEXT_LENGTH, MESSAGES, SITE_PAGES, ChatRequest, Rejection,
                                 parse_chat_request)


def _body(**payload) -> bytes:
    return json.dumps(payload, ensure_ascii=False).encode("utf-8")


def test_valid_request_is_accepted():
    result = parse_chat_request(_body(sender="web-123", message="Vad är SIP?", metadata={"lang": "sv"}))
    assert result == ChatRequest("web-123", "Vad är SIP?", {"lang": "sv"})


def test_missing_metadata_becomes_an_empty_dict():
    assert parse_chat_request(_body(sender="web-123", message="hej")) == ChatRequest("web-123", "hej", {})


def test_metadata_that_is_not_an_object_is_dropped():
    assert parse_chat_request(_body(sender="web-123", message="hej", metadata=[1, 2])).metadata == {}


def test_surrounding_whitespace_is_trimmed():
    assert parse_chat_request(_body(sender="s", message="  hej \n")).text == "hej"


# --- requests a client got wrong: 4xx ---------------------------------------------------

@pytest.mark.parametrize("body", [b"{not json", b'{"sender": "a", "message": "hej"', b"", b"null"])
def test_malformed_json_is_400(body):
    assert parse_chat_request(body) == Rejection(400, MESSAGES["not_json"])


@pytest.mark.parametrize("body", [b'{"sender": "a", "message": "\xff\xfe"}', bytes(range(256)), b"\x00\x01\x02"])
def test_invalid_utf8_or_binary_is_400(body):
    assert parse_chat_request(body) == Rejection(400, MESSAGES["not_json"])


def test_json_list_is_400():
    assert parse_chat_request(b'[{"sender": "a", "message": "hej"}]') == Rejection(400, MESSAGES["not_json"])


@pytest.mark.parametrize(
    "sender",
    [..., None, "", 42, ["a"], "has space", "å-ä-ö", "x" * 129, "a/b", "<script>"],
)
def test_missing_or_invalid_sender_is_400(sender):
    payload = {"message": "hej"} if sender is ... else {"sender": sender, "message": "hej"}
    assert parse_chat_request(_body(**payload)) == Rejection(400, MESSAGES["bad_sender"])


def test_sender_with_a_trailing_newline_is_400():
    assert parse_chat_request(_body(sender="abc\n", message="hej")) == Rejection(400, MESSAGES["bad_sender"])


@pytest.mark.parametrize("sender", ["a", "x" * 128, "web_1.2:3-4", "3f2b9c1e-5d6a-4c7b-8e9f-0a1b2c3d4e5f"])
def test_valid_sender_forms_are_accepted(sender):
    assert isinstance(parse_chat_request(_body(sender=sender, message="hej")), ChatRequest)


@pytest.mark.parametrize("message", [42, ["hej"], {"text": "hej"}, True])
def test_message_that_is_not_a_string_is_400(message):
    assert parse_chat_request(_body(sender="s", message=message)) == Rejection(400, MESSAGES["bad_message"])


def test_body_over_the_byte_limit_is_413():
    body = _body(sender="s", message="a" * MAX_BODY_BYTES)
    assert parse_chat_request(body) == Rejection(413, MESSAGES["body_too_large"])


def test_body_at_the_byte_limit_is_read():
    padding = MAX_BODY_BYTES - len(_body(sender="s", message="hej", metadata={"p": ""}))
    body = _body(sender="s", message="hej", metadata={"p": "x" * padding})
    assert len(body) == MAX_BODY_BYTES
    assert isinstance(parse_chat_request(body), ChatRequest)


@pytest.mark.parametrize("depth", [50, 10_000, 30_000])
def test_deeply_nested_json_does_not_crash(depth):
    body = b'{"sender": "s", "message": "hej", "metadata": {"x": ' + b"[" * depth + b"]" * depth + b"}}"
    assert len(body) <= MAX_BODY_BYTES
    result = parse_chat_request(body)
    assert isinstance(result, (ChatRequest, Rejection))
    if isinstance(result, Rejection):
        assert result.status == 400


def test_huge_integer_in_json_is_a_400_not_a_crash():
    body = b'{"sender": "s", "message": "hej", "metadata": {"n": ' + b"9" * 5000 + b"}}"
    assert parse_chat_request(body) == Rejection(400, MESSAGES["not_json"])


# --- messages a person typed that the bot cannot take: a Swedish reply, status 200 ----------

@pytest.mark.parametrize("message", ["", "   ", "\n\t ", None, ...])
def test_empty_or_whitespace_message_gets_a_swedish_reply(message):
    payload = {"sender": "s"} if message is ... else {"sender": "s", "message": message}
    assert parse_chat_request(_body(**payload)) == Rejection(200, MESSAGES["empty"], "s")
    assert "meddelande" in MESSAGES["empty"]


def test_message_of_only_control_characters_counts_as_empty():
    assert parse_chat_request(_body(sender="s", message="\x00\x07\u200b")) == Rejection(200, MESSAGES["empty"], "s")


@pytest.mark.parametrize("message, page", [("/integritet", "/integritet"), (" /Mina-uppgifter ", "/mina-uppgifter")])
def test_a_page_of_the_site_typed_into_the_chat_gets_its_link(message, page):
    # Read as an unknown command (persona round, session 26).
    result = parse_chat_request(_body(sender="s", message=message))
    assert result == Rejection(200, MESSAGES["site_page"].format(page=page), "s") and page in result.reply


def test_the_pages_answered_with_a_link_are_the_ones_the_widget_makes_links():
    widget = (Path(__file__).resolve().parents[2] / "channels" / "static" / "widget.js").read_text(encoding="utf-8")
    linked = re.search(r"\\/\(\?:([a-z|-]+)\)", widget)
    assert linked and {f"/{page}" for page in linked.group(1).split("|")} == SITE_PAGES


@pytest.mark.parametrize("message, page", [
    # Both got the fallback (persona round, session 34).
    ("var är sidan /forberedelse? jag hittar inte den i mobilen", "/forberedelse"),
    ("var hittar jag sidan för att skriva ut", "/forberedelse"),
    ("hur hittar jag /Mina-uppgifter", "/mina-uppgifter"), ("var finns sidan /integritet?", "/integritet"),
])
def test_a_short_question_where_a_page_is_gets_its_link(message, page):
    result = parse_chat_request(_body(sender="s", message=message))
    assert result == Rejection(200, MESSAGES["site_page"].format(page=page), "s") and page in result.reply


@pytest.mark.parametrize("message", [
    "vad står på /integritet?", "/start_preparation", "/integritetsskydd",
    # Not where a page is: asked without the word "sidan", two pages, a lost code, or more besides.
    "var kan jag skriva ut svaren?", "var är sidan /integritet och var är /forberedelse",
    "jag hittar inte koden, den stod på /forberedelse",
    "var hittar jag /forberedelse, och vem på skolan läser det hon skrev om idrotten och magen?",
])
def test_other_messages_naming_a_page_reach_the_bot(message):
    assert not isinstance(parse_chat_request(_body(sender="s", message=message)), Rejection)


def test_message_over_the_text_limit_gets_a_swedish_reply_naming_the_limit():
    result = parse_chat_request(_body(sender="s", message="a" * (MAX_TEXT_LENGTH + 1)))
    assert isinstance(result, Rejection)
    assert (result.status, result.sender) == (200, "s")
    assert str(MAX_TEXT_LENGTH) in result.reply
    assert "för långt" in result.reply


def test_message_at_the_text_limit_is_accepted():
    result = parse_chat_request(_body(sender="s", message="å" * MAX_TEXT_LENGTH))
    assert isinstance(result, ChatRequest) and len(result.text) == MAX_TEXT_LENGTH


def test_control_characters_are_stripped_but_newlines_and_tabs_kept():
    result = parse_chat_request(_body(sender="s", message="hej\x00 då\x1b[31m\nrad två\tflik\u200b"))
    assert result.text == "hej då[31m\nrad två\tflik"


def test_lone_surrogates_are_stripped():
    result = parse_chat_request(b'{"sender": "s", "message": "hej\\ud800 d\\u00e5"}')
    assert result.text == "hej då"


def test_a_message_id_is_kept():
    parsed = parse_chat_request(json.dumps({"sender": "s", "message": "hej", "message_id": "a1-b2"}).encode())
    assert parsed.message_id == "a1-b2"


@pytest.mark.parametrize("message_id", ["", "x" * 65, "a b", "<script>", 7, ["a"]])
def test_an_invalid_message_id_is_400(message_id):
    parsed = parse_chat_request(json.dumps({"sender": "s", "message": "hej", "message_id": message_id}).encode())
    assert parsed == Rejection(400, MESSAGES["bad_message_id"])
