"""Bad input at the edges gets a Swedish answer or a 4xx, never a 500, and the bot goes on."""
import uuid

import pytest
import requests

from tests.e2e.conftest import texts

pytestmark = pytest.mark.e2e

BAD_BODIES = {
    "malformed json": b'{"sender": "x", "message": ',
    "invalid utf-8": b'{"sender": "x", "message": "\xff\xfe\xfa"}',
    "binary": bytes(range(256)) * 4,
    "json list": b'["hej"]',
    "message not text": b'{"sender": "x", "message": {"a": 1}}',
    "no sender": b'{"message": "hej"}',
    "deep nesting": b"[" * 100000 + b"]" * 100000,
}


def endpoints(stack):
    return {"rest": f"{stack.rasa_url}/webhooks/rest/webhook", "web": f"{stack.web_url}/api/chat"}


@pytest.mark.parametrize("channel", ["rest", "web"])
@pytest.mark.parametrize("case", sorted(BAD_BODIES))
def test_bad_request_bodies_get_a_4xx_with_a_swedish_message(stack, channel, case):
    resp = requests.post(endpoints(stack)[channel], data=BAD_BODIES[case],
                         headers={"Content-Type": "application/json"}, timeout=30)
    assert 400 <= resp.status_code < 500, resp.text
    assert resp.json()["error"]


def _reply_text(resp, channel):
    data = resp.json()
    return texts(data["messages"] if channel == "web" else data)


@pytest.mark.parametrize("channel", ["rest", "web"])
@pytest.mark.parametrize("message", ["", "   \n\t  "])
def test_empty_message_gets_a_swedish_answer(stack, channel, message):
    resp = requests.post(endpoints(stack)[channel], json={"sender": f"e-{uuid.uuid4().hex}", "message": message},
                         timeout=30)
    assert resp.status_code == 200
    assert "inget meddelande" in _reply_text(resp, channel)


@pytest.mark.parametrize("channel", ["rest", "web"])
def test_a_20000_character_message_gets_a_swedish_answer(stack, channel):
    resp = requests.post(endpoints(stack)[channel], json={"sender": f"l-{uuid.uuid4().hex}", "message": "a" * 20000},
                         timeout=60)
    assert resp.status_code == 200
    assert "för långt" in _reply_text(resp, channel)


def test_html_and_script_are_just_text(stack):
    reply = stack.rest(f"x-{uuid.uuid4().hex}", "<script>alert(1)</script> vad är sip")
    assert reply and all("<script>" not in m.get("text", "") for m in reply)


def test_other_conversations_go_on_after_bad_input(stack):
    who = f"ok-{uuid.uuid4().hex}"
    stack.rest(who, "hej")
    for body in BAD_BODIES.values():
        requests.post(endpoints(stack)["rest"], data=body, timeout=30)
    assert "chattbot" in texts(stack.rest(who, "hej"))
    assert "Källa:" in texts(stack.rest(who, "vad är sip"))
