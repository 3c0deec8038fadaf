"""Requesting a SIP over HTTP with the real bot; checks exactly what the case store holds."""
import asyncio
import sqlite3

import pytest

from actions import request_delivery
from actions.casestore import request_store
from actions.casestore.store import CodeCheck
from tests.e2e.conftest import buttons, sender, texts
from tests.unit.test_request_delivery import Receiver, free_port

pytestmark = pytest.mark.e2e


def reference_and_code(reply_text: str) -> tuple[str, str]:
    lines = dict(line.split(": ", 1) for line in reply_text.splitlines() if line.startswith(("Referens: ", "Kod: ")))
    return lines["Referens"], lines["Kod"]


# A valid test personnummer (the package's own example); the channel scrubs it to "[personnummer]".
PNR = "20121212-1212"


def start_up_to_the_personnummer(stack, who, name="Elsa Andersson"):
    reply = stack.rest(who, "jag vill begara en sip")
    assert "upp till 20 år" in texts(reply)
    assert "ny SIP" in texts(reply) and buttons(reply) == ["Ny SIP", "Uppföljning av en SIP vi redan har"]
    reply = stack.rest(who, "Ny SIP")
    assert "både kommunen och regionen" in texts(reply) and "Ja, från båda" in buttons(reply)
    assert "Vem är du" in texts(stack.rest(who, "både kommun och region"))
    reply = stack.rest(who, "vårdnadshavare")
    assert "Vad heter den som planen gäller" in texts(reply) and "Vi har skyddad identitet" in buttons(reply)
    reply = stack.rest(who, name)
    if name == "skyddad identitet":  # no personnummer is asked: only the age
        assert "Hur gammal" in texts(reply) and "ÅÅÅÅMMDD" not in texts(reply)
        return
    assert "ÅÅÅÅMMDD-XXXX" in texts(reply) and "krypterat" in texts(reply)
    assert "Jag skriver bara åldern" in buttons(reply)


def answer_up_to_phone(stack, who, child="14"):
    """`child`: the answer to the personnummer question, a personnummer or just an age."""
    start_up_to_the_personnummer(stack, who)
    reply = texts(stack.rest(who, child))
    assert "SIP kan passa" in reply and "Vilken verksamhet" in reply
    reply = stack.rest(who, "vi har kontakt med vardcentralen")
    assert buttons(reply) == ["Närhälsan Dals-Ed vårdcentral"]
    assert "Berätta kort" in texts(stack.rest(who, "Närhälsan Dals-Ed vårdcentral"))
    reply = stack.rest(who, "Han behöver stöd i skolan och hjälp från vårdcentralen")
    assert "Vem märkte först" in texts(reply)
    assert buttons(reply) == ["Skola", "Socialtjänst", "Regional hälso- och sjukvård", "Kommunal hälso- och sjukvård",
                              "Den enskilde", "Närstående", "Annan"]
    assert "Vad heter du" in texts(stack.rest(who, "Skola"))
    reply = stack.rest(who, "Anna Andersson")
    assert "telefonnummer" in texts(reply) and "Jag har skyddad identitet" in buttons(reply)


def answer_phone_and_contact_way(stack, who, way="Telefonsamtal"):
    reply = stack.rest(who, "0701234567")
    assert "Hur vill du helst" in texts(reply) and buttons(reply) == ["Telefonsamtal", "SMS", "Brev"]
    reply = stack.rest(who, way)
    if way == "Telefonsamtal":  # only a call asks when it suits
        assert "När passar det bäst" in texts(reply) and "Eftermiddag" in buttons(reply)
        reply = stack.rest(who, "helst efter kl 16")
    assert "samtycke" in texts(reply)


def test_a_complete_request_is_stored_for_the_organisation(stack, store):
    from actions import request_rules

    age = request_rules.parse_age(PNR)
    who = sender()
    answer_up_to_phone(stack, who, child=PNR)
    assert "svenskt telefonnummer" in texts(stack.rest(who, "12 34"))
    reply = stack.rest(who, "070-123 45 67")
    assert "Hur vill du helst" in texts(reply) and buttons(reply) == ["Telefonsamtal", "SMS", "Brev"]
    assert "samtycke" in texts(stack.rest(who, "SMS"))
    summary = texts(stack.rest(who, "nej samtycke saknas"))
    assert "Närhälsan Dals-Ed vårdcentral" in summary and "070…67" in summary and "0701234567" not in summary
    assert f"Ålder: {age} år" in summary and "Personnummer: 20121212-****" in summary and PNR not in summary
    assert "Gäller: ny SIP" in summary and "Planen gäller: Elsa Andersson" in summary
    assert "Märktes först av: skola" in summary and "Kontakt via: SMS" in summary
    reply = texts(stack.rest(who, "ja skicka"))
    assert "helst inom 3 veckor" in reply and "förmöte" in reply
    reference, code = reference_and_code(reply)
    assert store.check_code(reference, code) == CodeCheck.OK
    [saved] = request_store.requests_for(store, reference)
    assert {k: v for k, v in saved.items() if k not in ("id", "created_at")} == {
        "organisation_id": "narhalsan_dals_ed_vardcentral", "requester_role": "vardnadshavare", "child_age": age,
        "sides": "bada", "needs": "Han behöver stöd i skolan och hjälp från vårdcentralen",
        "contact_name": "Anna Andersson", "contact_phone": "0701234567", "contact_preference": "sms",
        "contact_time": None,
        "consent": "saknas", "status": "received", "kind": "ny", "noticed_by": "skola",
        "child_name": "Elsa Andersson", "child_personnummer": PNR,
    }
    # The case store keeps them encrypted: its raw columns show neither the numbers nor the names.
    with store.engine.connect() as conn:
        raw = conn.exec_driver_sql("SELECT contact_name, contact_phone, needs, child_name, child_personnummer "
                                   "FROM sip_requests WHERE id = ?", (saved["id"],)).one()
    assert all(value and "0701234567" not in value and "Anna" not in value and "skolan" not in value
               and "Elsa" not in value and "20121212" not in value for value in raw)
    # The tracker store (events, slots, bot replies) never held the numbers in clear: the summary
    # shows the personnummer as "20121212-****" and the slot holds it encrypted.
    with sqlite3.connect(stack.tracker_db) as db:
        events = [data for (data,) in db.execute("SELECT data FROM events WHERE sender_id = ?", (who,))]
    # (The bot's own example, "070-123 45 67", is in its reply about a wrong number.)
    assert events and not any("0701234567" in e or ("123 45 67" in e and '"event": "bot"' not in e) for e in events)
    assert not any(number in e for e in events for number in (PNR, "201212121212", "121212-1212"))
    assert any("[personnummer]" in e for e in events)


def test_a_wrong_personnummer_gets_a_clear_message_then_the_right_one_is_taken(stack, store):
    who = sender()
    start_up_to_the_personnummer(stack, who)
    reply = texts(stack.rest(who, "20100101-2383"))
    assert "Personnumret verkar inte stämma" in reply and "Vilken verksamhet" not in reply
    assert "Vilken verksamhet" in texts(stack.rest(who, "20100101-2382"))


def test_without_a_personnummer_the_age_is_enough(stack, store):
    who = sender()
    start_up_to_the_personnummer(stack, who)
    reply = texts(stack.rest(who, "bara åldern"))
    assert "Då räcker det med åldern" in reply and "Hur gammal" in reply
    assert "Vilken verksamhet" in texts(stack.rest(who, "14"))


def test_skyddad_identitet_stores_no_phone_and_says_to_call(stack, store):
    who = sender()
    answer_up_to_phone(stack, who)
    reply = texts(stack.rest(who, "skyddad identitet"))
    assert "samtycke" in reply and "Hur vill du helst" not in reply  # no contact way to ask about
    summary = texts(stack.rest(who, "ja samtycke finns"))
    assert "skyddad identitet" in summary and "Kontakt via: du ringer själv till verksamheten" in summary
    assert "Personnummer: inte angivet" in summary
    reply = texts(stack.rest(who, "ja skicka"))
    assert "Ring själv" in reply
    reference, _ = reference_and_code(reply)
    [saved] = request_store.requests_for(store, reference)
    assert saved["contact_phone"] is None and saved["contact_preference"] == "skyddad"
    assert saved["consent"] == "finns" and saved["child_personnummer"] is None


def test_skyddad_identitet_for_the_name_stores_no_name_and_asks_for_no_phone(stack, store):
    who = sender()
    start_up_to_the_personnummer(stack, who, name="skyddad identitet")
    stack.rest(who, "14")
    stack.rest(who, "Närhälsan Dals-Ed vårdcentral")
    assert "Vem märkte först" in texts(stack.rest(who, "Stöd i skolan"))
    assert "Vad heter du" in texts(stack.rest(who, "Annan"))
    # "Anna" alone once read as "stop" and ended the request (persona round, session 20).
    reply = texts(stack.rest(who, "Anna"))
    assert "samtycke" in reply and "telefonnummer" not in reply
    summary = texts(stack.rest(who, "nej samtycke saknas"))
    assert "Planen gäller: skyddad identitet, inget namn sparas" in summary
    reply = texts(stack.rest(who, "ja skicka"))
    assert "Ring själv" in reply
    [saved] = request_store.requests_for(store, reference_and_code(reply)[0])
    assert saved["child_name"] is None and saved["contact_phone"] is None
    assert (saved["contact_preference"], saved["noticed_by"], saved["child_age"]) == ("skyddad", "annan", 14)


def test_stop_inside_the_request_stores_nothing(stack, store):
    who = sender()
    stack.rest(who, "jag vill begära en sip")
    reply = stack.rest(who, "avbryt")
    assert "pausar" in texts(reply) and "Fortsätt där jag var" in buttons(reply)
    assert "Vem är du" not in texts(stack.rest(who, "vårdnadshavare"))


def test_a_paused_request_goes_on_where_it_was(stack, store):
    # A parent's "pausa" once threw away everything typed (persona round, session 23).
    who = sender()
    start_up_to_the_personnummer(stack, who)
    reply = stack.rest(who, "pausa")
    assert "Inget är skickat" in texts(reply)
    reply = texts(stack.rest(who, "fortsätt"))
    assert "ÅÅÅÅMMDD-XXXX" in reply and "Vem är du" not in reply  # the name and the rest are kept
    reply = texts(stack.rest(who, "14"))
    assert "SIP kan passa" in reply and "Vilken verksamhet" in reply


def test_a_request_made_while_the_receiver_is_down_is_delivered_when_it_is_up(stack, store):
    who = sender()
    answer_up_to_phone(stack, who, child="2012")
    answer_phone_and_contact_way(stack, who)
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
    assert mine[0]["sip_request"]["contact_time"] == "helst efter kl 16"  # in the person's words


def test_status_and_withdrawal_later_with_reference_and_code(stack, store):
    who = sender()
    answer_up_to_phone(stack, who)
    answer_phone_and_contact_way(stack, who, way="Brev")
    stack.rest(who, "nej")
    reference, code = reference_and_code(texts(stack.rest(who, "ja skicka")))
    later = sender()  # a new conversation: the case must be opened again
    assert "referensnummer" in texts(stack.rest(later, "hur gar det med min begaran"))
    stack.rest(later, reference)
    reply = stack.rest(later, code)
    assert "Närhälsan Dals-Ed vårdcentral" in texts(reply) and "inkommen" in texts(reply)
    assert "Ta tillbaka begäran" in buttons(reply)
    # It asks first: "nej" keeps the request, "ja" withdraws it (persona round, session 23).
    reply = stack.rest(later, "/withdraw_request")
    assert "Vill du ta tillbaka din begäran" in texts(reply) and "Nej, behåll den" in buttons(reply)
    assert "ligger kvar" in texts(stack.rest(later, "nej"))
    assert [r["status"] for r in request_store.requests_for(store, reference)] == ["received"]
    stack.rest(later, "/withdraw_request")
    assert "tillbakatagen" in texts(stack.rest(later, "ja"))
    assert [r["status"] for r in request_store.requests_for(store, reference)] == ["withdrawn"]


def test_what_happens_next_asked_in_the_request_is_about_the_request(stack, store):
    # The request form's "vad händer sen…?" got the SIP process's six steps (persona round, session 25).
    who = sender()
    start_up_to_the_personnummer(stack, who)
    reply = texts(stack.rest(who, "vad händer sen när jag skickat det här?"))
    assert "Begäran skickas först när du har sagt att den stämmer" in reply and "förmöte" in reply
    assert "ÅÅÅÅMMDD-XXXX" in reply  # the form's question again
    assert "SIP kan passa" in texts(stack.rest(who, "14"))


def up_to_your_name(stack, who) -> list[dict]:
    """A request answered up to "Vad heter du?" (the guardian's name); that question's reply."""
    start_up_to_the_personnummer(stack, who)
    stack.rest(who, "14")
    stack.rest(who, "Närhälsan Dals-Ed vårdcentral")
    stack.rest(who, "Han behöver stöd i skolan")
    reply = stack.rest(who, "Skola")
    assert "Vad heter du" in texts(reply)
    return reply


def test_a_name_given_with_the_phone_number_keeps_both(stack, store):
    # "Maria Andersson, ring mig gärna på 070-… efter kl 15" got "Du kan alltid prata med en människa" and
    # nothing was kept (persona round, session 27).
    who = sender()
    up_to_your_name(stack, who)
    reply = texts(stack.rest(who, "Maria Andersson, ring mig gärna på 070-123 45 67 efter kl 15"))
    assert "Hur vill du helst" in reply and "människa" not in reply
    assert "samtycke" in texts(stack.rest(who, "Telefonsamtal"))  # the time was said: not asked
    summary = texts(stack.rest(who, "nej samtycke saknas"))
    assert "Maria Andersson" in summary and "070…67" in summary and "Passar bäst: efter kl 15" in summary


def test_a_relative_at_who_are_you_is_told_where_to_ask(stack):
    # A grandmother was only told to pick a button (persona round, session 27).
    who = sender()
    stack.rest(who, "jag vill begara en sip")
    stack.rest(who, "Ny SIP")
    assert "Vem är du" in texts(stack.rest(who, "både kommun och region"))
    reply = texts(stack.rest(who, "Jag är hans mormor"))
    assert "närstående" in reply and "Vem är du" in reply


def test_skyddad_identitet_in_own_words_at_the_name_question_is_taken(stack, store):
    # Read as `human`: "prata med en människa" and the name asked again (persona round, session 27).
    who = sender()
    assert "Jag har skyddad identitet" in buttons(up_to_your_name(stack, who))
    reply = texts(stack.rest(who, "jag vill helst inte skriva mitt namn pga skyddad id. kan de ringa mig istället"))
    assert "samtycke" in reply and "människa" not in reply and "Vad heter du" not in reply


def test_a_young_adult_asking_for_themself_is_asked_about_themself(stack):
    # "Hur gammal är den som planen gäller?" and "vad barnet behöver hjälp med" to a 19-year-old
    # asking for themself (verification round, session 28).
    who = sender()
    stack.rest(who, "jag vill begara en sip")
    stack.rest(who, "Ny SIP")
    stack.rest(who, "både kommun och region")
    assert "Vad heter du" in texts(stack.rest(who, "jag själv"))
    assert "ÅÅÅÅMMDD-XXXX" in texts(stack.rest(who, "Alva Nord"))
    reply = texts(stack.rest(who, "bara åldern"))
    assert "Hur gammal är du?" in reply and "den som planen gäller" not in reply
    assert "Vilken verksamhet" in texts(stack.rest(who, "19"))
    stack.rest(who, "vi har kontakt med vardcentralen")
    reply = texts(stack.rest(who, "Närhälsan Dals-Ed vårdcentral"))
    assert "vad du behöver hjälp med" in reply and "barnet" not in reply


def test_samtal_typed_at_the_way_to_be_contacted_is_a_call_and_a_stop_after_sending_keeps_it(stack, store):
    # "samtal" was `restart` and threw the whole request away; "avbryt" after sending said that
    # nothing was saved (verification round, session 31).
    who = sender()
    answer_up_to_phone(stack, who)
    reply = stack.rest(who, "0701234567")
    assert "Hur vill du helst" in texts(reply)
    reply = texts(stack.rest(who, "samtal"))
    assert "När passar det bäst" in reply and "börjar om" not in reply
    assert "samtycke" in texts(stack.rest(who, "efter kl 16 men INTE på onsdagar"))
    summary = texts(stack.rest(who, "nej"))
    assert "Kontakt via: telefonsamtal" in summary and "Passar bäst: efter kl 16 men INTE på onsdagar" in summary
    reference, _ = reference_and_code(texts(stack.rest(who, "ja skicka")))
    reply = texts(stack.rest(who, "avbryt"))
    assert f"finns kvar under referens {reference}" in reply and "Inget av det du skrev" not in reply
