"""Requesting a SIP over HTTP with the real bot; checks exactly what the case store holds."""
import asyncio
import sqlite3

import pytest

from actions import request_delivery, settings
from actions.casestore import request_store
from actions.casestore.store import CaseStore, CodeCheck
from tests.e2e.conftest import buttons, sender, texts
from tests.unit.test_request_delivery import Receiver, free_port

pytestmark = pytest.mark.e2e


def reference_and_code(reply_text: str) -> tuple[str, str]:
    lines = dict(line.split(": ", 1) for line in reply_text.splitlines() if line.startswith(("Referens: ", "Kod: ")))
    return lines["Referens"], lines["Kod"]


def answer_up_to_phone(stack, who, age="14"):
    reply = stack.rest(who, "jag vill begara en sip")
    assert "upp till 20 år" in texts(reply)
    assert "Ja, från båda" in buttons(reply)
    assert "Vem är du" in texts(stack.rest(who, "både kommun och region"))
    assert "Hur gammal" in texts(stack.rest(who, "vårdnadshavare"))
    reply = texts(stack.rest(who, age))
    assert "SIP kan passa" in reply and "Vilken verksamhet" in reply
    reply = stack.rest(who, "vi har kontakt med vardcentralen")
    assert buttons(reply) == ["Närhälsan Dals-Ed vårdcentral"]
    assert "Berätta kort" in texts(stack.rest(who, "Närhälsan Dals-Ed vårdcentral"))
    assert "Vad heter du" in texts(stack.rest(who, "Han behöver stöd i skolan och hjälp från vårdcentralen"))
    reply = stack.rest(who, "Anna Andersson")
    assert "telefonnummer" in texts(reply) and "Jag har skyddad identitet" in buttons(reply)


def test_a_complete_request_is_stored_for_the_organisation(stack, store):
    who = sender()
    answer_up_to_phone(stack, who)
    assert "svenskt telefonnummer" in texts(stack.rest(who, "12 34"))
    assert "samtycke" in texts(stack.rest(who, "070-123 45 67"))
    summary = texts(stack.rest(who, "nej samtycke saknas"))
    assert "Närhälsan Dals-Ed vårdcentral" in summary and "070…67" in summary and "0701234567" not in summary and "14 år" in summary
    reply = texts(stack.rest(who, "ja skicka"))
    assert "helst inom 3 veckor" in reply and "förmöte" in reply
    reference, code = reference_and_code(reply)
    assert store.check_code(reference, code) == CodeCheck.OK
    [saved] = request_store.requests_for(store, reference)
    assert {k: v for k, v in saved.items() if k not in ("id", "created_at")} == {
        "organisation_id": "narhalsan_dals_ed_vardcentral", "requester_role": "vardnadshavare", "child_age": 14,
        "sides": "bada", "needs": "Han behöver stöd i skolan och hjälp från vårdcentralen",
        "contact_name": "Anna Andersson", "contact_phone": "0701234567", "contact_preference": "telefon",
        "consent": "saknas", "status": "received",
    }
    # The case store keeps them encrypted: its raw columns show neither the number nor the name.
    with store.engine.connect() as conn:
        raw = conn.exec_driver_sql("SELECT contact_name, contact_phone, needs FROM sip_requests WHERE id = ?",
                                   (saved["id"],)).one()
    assert all(value and "0701234567" not in value and "Anna" not in value and "skolan" not in value for value in raw)
    # The tracker store (events, slots, bot replies) never held the number in clear.
    with sqlite3.connect(stack.tracker_db) as db:
        events = [data for (data,) in db.execute("SELECT data FROM events WHERE sender_id = ?", (who,))]
    # (The bot's own example, "070-123 45 67", is in its reply about a wrong number.)
    assert events and not any("0701234567" in e or ("123 45 67" in e and '"event": "bot"' not in e) for e in events)


def test_a_wrong_personnummer_gets_a_clear_message_then_the_age_is_taken(stack, store):
    who = sender()
    stack.rest(who, "jag vill begära en sip")
    stack.rest(who, "både kommun och region")
    stack.rest(who, "vårdnadshavare")
    reply = texts(stack.rest(who, "20100101-2383"))
    assert "personnumret" in reply.lower() and "Vilken verksamhet" not in reply
    assert "Vilken verksamhet" in texts(stack.rest(who, "14"))


def test_skyddad_identitet_stores_no_phone_and_says_to_call(stack, store):
    who = sender()
    answer_up_to_phone(stack, who)
    stack.rest(who, "skyddad identitet")
    assert "skyddad identitet" in texts(stack.rest(who, "ja samtycke finns"))
    reply = texts(stack.rest(who, "ja skicka"))
    assert "Ring själv" in reply
    reference, _ = reference_and_code(reply)
    [saved] = request_store.requests_for(store, reference)
    assert saved["contact_phone"] is None and saved["contact_preference"] == "skyddad"
    assert saved["consent"] == "finns"


def test_stop_inside_the_request_stores_nothing(stack, store):
    who = sender()
    stack.rest(who, "jag vill begära en sip")
    assert "slutar" in texts(stack.rest(who, "avbryt"))
    assert "Vem är du" not in texts(stack.rest(who, "vårdnadshavare"))


def test_a_request_made_while_the_receiver_is_down_is_delivered_when_it_is_up(stack, store):
    who = sender()
    answer_up_to_phone(stack, who, age="2012")
    stack.rest(who, "0701234567")
    stack.rest(who, "nej")
    reference, _ = reference_and_code(texts(stack.rest(who, "ja skicka")))
    [saved] = request_store.requests_for(store, reference)
    receiver = Receiver(free_port())
    url = f"http://127.0.0.1:{receiver.port}/sip/{{organisation}}"

    async def deliver_twice():
        from datetime import datetime, timedelta, timezone
        now = datetime.now(timezone.utc)
        down = await request_delivery.deliver_pending(store, url, now)
        await receiver.start()
        try:
            up = await request_delivery.deliver_pending(store, url, now + timedelta(minutes=10))
            again = await request_delivery.deliver_pending(store, url, now + timedelta(hours=1))
        finally:
            await receiver.stop()
        return down, up, again

    down, up, again = asyncio.run(deliver_twice())
    assert down["failed"] >= 1 and up["delivered"] >= 1 and again["delivered"] == 0
    mine = [body for org, _, body in receiver.received if body["sip_request"]["id"] == saved["id"]]
    assert len(mine) == 1 and mine[0]["sip_request"]["organisation_id"] == "narhalsan_dals_ed_vardcentral"


def test_status_and_withdrawal_later_with_reference_and_code(stack, store):
    who = sender()
    answer_up_to_phone(stack, who)
    stack.rest(who, "0701234567")
    stack.rest(who, "nej")
    reference, code = reference_and_code(texts(stack.rest(who, "ja skicka")))
    later = sender()  # a new conversation: the case must be opened again
    assert "referensnummer" in texts(stack.rest(later, "hur gar det med min begaran"))
    stack.rest(later, reference)
    reply = stack.rest(later, code)
    assert "Närhälsan Dals-Ed vårdcentral" in texts(reply) and "inkommen" in texts(reply)
    assert "Ta tillbaka begäran" in buttons(reply)
    assert "tillbakatagen" in texts(stack.rest(later, "/withdraw_request"))
    assert [r["status"] for r in request_store.requests_for(store, reference)] == ["withdrawn"]
