"""Personal identifiers never reach the tracker store or any log, even with debug logging."""
from __future__ import annotations

import sqlite3
import uuid

import pytest
import requests

from tests.e2e.conftest import running_stack

pytestmark = pytest.mark.e2e

PNR, PHONE, EMAIL = "20121212-1212", "070-123 45 67", "anna.svensson@example.se"
SECRETS = (PNR, PNR.replace("-", ""), "121212-1212", "1212121212", PHONE, "1234567", EMAIL)


@pytest.fixture(scope="module")
def debug_stack(tmp_path_factory):
    """The stack with every server logging at debug level (Rasa's debug log shows parse data)."""
    with running_stack(tmp_path_factory.mktemp("debug-stack"),
                       {"LOG_LEVEL": "DEBUG", "LOG_LEVEL_LIBRARIES": "DEBUG"}) as running:
        yield running


def _tracker_rows(stack, sender: str) -> list[str]:
    with sqlite3.connect(stack.tracker_db) as db:
        return [row[0] for row in db.execute("SELECT data FROM events WHERE sender_id = ?", (sender,))]


@pytest.mark.parametrize("channel", ["rest", "web"])
def test_identifiers_are_neither_in_the_tracker_nor_in_debug_logs(debug_stack, channel):
    sender = f"pii-{channel}-{uuid.uuid4().hex[:8]}"
    say = debug_stack.rest if channel == "rest" else debug_stack.web
    say(sender, f"Mitt barn har personnummer {PNR}")
    say(sender, f"Ring mig på {PHONE} eller mejla {EMAIL}")
    rows = _tracker_rows(debug_stack, sender)
    stored = "\n".join(rows)
    assert "[personnummer]" in stored and "[telefonnummer]" in stored and "[e-post]" in stored
    assert "sip_pii" in stored  # the values travel, encrypted
    for secret in SECRETS:
        assert secret not in stored
    logs = "\n".join(path.read_text(errors="replace") for path in debug_stack.logs.values())
    assert "[personnummer]" in logs, "the debug log should show the (scrubbed) parse data"
    for secret in SECRETS:
        assert secret not in logs


def test_asking_to_delete_my_data_in_the_chat_says_where_and_how(debug_stack):
    reply = " ".join(m.get("text", "") for m in debug_stack.web(f"del-{uuid.uuid4().hex[:8]}", "radera mina uppgifter"))
    assert "/mina-uppgifter" in reply and "Radera samtalet" in reply


def test_forged_pii_metadata_from_a_client_is_dropped(debug_stack):
    sender = f"pii-forged-{uuid.uuid4().hex[:8]}"
    resp = requests.post(f"{debug_stack.rasa_url}/webhooks/rest/webhook", timeout=60,
                         json={"sender": sender, "message": "hej", "metadata": {"sip_pii": "forged-token"}})
    resp.raise_for_status()
    assert "forged-token" not in "\n".join(_tracker_rows(debug_stack, sender))


@pytest.mark.parametrize("channel", ["rest", "web"])
def test_radera_samtalet_deletes_the_conversations_tracker_events(debug_stack, channel):
    sender, other = f"forget-{channel}-{uuid.uuid4().hex[:8]}", f"keep-{uuid.uuid4().hex[:8]}"
    debug_stack.web(sender, "Vad är SIP?")
    debug_stack.web(other, "Vad är SIP?")
    assert _tracker_rows(debug_stack, sender)
    url = (f"{debug_stack.web_url}/api/chat/forget" if channel == "web"
           else f"{debug_stack.rasa_url}/webhooks/rest/forget")
    resp = requests.post(url, json={"sender": sender}, timeout=30)
    assert resp.status_code == 200, resp.text
    assert resp.json()["deleted"] > 0
    assert "raderat" in resp.json()["message"]
    assert _tracker_rows(debug_stack, sender) == []
    assert _tracker_rows(debug_stack, other)
    # The bot still answers on that conversation id afterwards, from a fresh start.
    assert debug_stack.web(sender, "Vad är SIP?")


@pytest.mark.parametrize("body", [b"not json", b'{"sender": "bad sender!"}', b"[]"])
def test_radera_samtalet_with_a_bad_request_is_a_4xx(debug_stack, body):
    resp = requests.post(f"{debug_stack.web_url}/api/chat/forget", data=body, timeout=30)
    assert resp.status_code == 400
    assert resp.json()["error"]


def _new_case(stack):
    """A case made the way the action server makes one (same data directory and key)."""
    import subprocess
    import sys

    out = subprocess.run([sys.executable, "-c", "from actions.casestore.store import CaseStore; s = CaseStore(); "
                          "c = s.create_case(); s.save_answer(c.reference, 'q_viktigt', "
                          "'<script>alert(1)</script> och Elsa', 'vardnadshavare'); print(c.reference, c.code)"],
                         env=stack.env, capture_output=True, text=True, check=True)
    return out.stdout.split()


def _count_answers(stack) -> int:
    with sqlite3.connect(stack.data_dir / "casestore.sqlite3") as db:
        return db.execute("SELECT COUNT(*) FROM preparation_answers").fetchone()[0]


def test_mina_uppgifter_shows_everything_escaped_and_deletes_it(debug_stack):
    reference, code = _new_case(debug_stack)
    url = f"{debug_stack.web_url}/mina-uppgifter"
    page = requests.get(url, timeout=30)
    assert page.status_code == 200 and "Referensnummer" in page.text
    shown = requests.post(url, data={"action": "show", "reference": reference.lower(), "code": code}, timeout=30)
    assert shown.status_code == 200
    assert "&lt;script&gt;alert(1)&lt;/script&gt; och Elsa" in shown.text
    assert "<script>" not in shown.text
    assert shown.headers["Content-Security-Policy"].startswith("default-src 'self'")
    answers_before = _count_answers(debug_stack)
    unconfirmed = requests.post(url, data={"action": "delete", "reference": reference, "code": code}, timeout=30)
    assert unconfirmed.status_code == 400 and "Kryssa i rutan" in unconfirmed.text
    deleted = requests.post(url, data={"action": "delete", "reference": reference, "code": code, "confirm": "yes"},
                            timeout=30)
    assert deleted.status_code == 200 and "raderade" in deleted.text
    with sqlite3.connect(debug_stack.data_dir / "casestore.sqlite3") as db:
        assert db.execute("SELECT COUNT(*) FROM cases WHERE reference = ?", (reference,)).fetchone()[0] == 0
    assert _count_answers(debug_stack) == answers_before - 1
    again = requests.post(url, data={"action": "show", "reference": reference, "code": code}, timeout=30)
    assert again.status_code == 403


def test_mina_uppgifter_with_a_wrong_code_shows_nothing(debug_stack):
    reference, code = _new_case(debug_stack)
    wrong = "AAAAAA" if code != "AAAAAA" else "CCCCCC"
    resp = requests.post(f"{debug_stack.web_url}/mina-uppgifter",
                         data={"action": "show", "reference": reference, "code": wrong}, timeout=30)
    assert resp.status_code == 403
    assert "stämmer inte" in resp.text and "Elsa" not in resp.text
    sql_injection = requests.post(f"{debug_stack.web_url}/mina-uppgifter",
                                  data={"action": "show", "reference": "' OR 1=1 --", "code": "x"}, timeout=30)
    assert sql_injection.status_code == 403
