"""The SIP request form: validation, summary and storing into a real SQLite case store."""
from __future__ import annotations

import sqlite3

import pytest
from rasa_sdk.executor import CollectingDispatcher

import actions.request as request
from actions.casestore import request_store
from actions.casestore.store import CodeCheck
from actions.request import ActionAskRequestConfirm, ActionRequestStart, ActionSubmitRequest, ValidateRequestForm

FORM = {"name": "request_form"}
FILLED = {
    "request_sides": "bada", "request_role": "vardnadshavare", "request_age": "14",
    "request_organisation": "bup", "request_needs": "Hon orkar inte gå till skolan",
    "request_contact_name": "Anna", "request_contact_phone": "0701234567",
    "request_consent": "saknas", "request_confirm": "ja",
}


def _filled(**changes) -> dict:
    """FILLED as the form leaves it: the phone number sealed, as it is in the tracker store."""
    return {**FILLED, "request_contact_phone": request.seal_phone(FILLED["request_contact_phone"]), **changes}


def _answer(tracker_for, slot, value, slots=None, intent="out_of_scope"):
    return tracker_for(
        intent, confidence=0.5, text=str(value),
        slots={**(slots or {}), slot: value, "requested_slot": slot},
        events=[{"event": "slot", "name": slot, "value": value, "timestamp": None}],
        active_loop=FORM,
    )


async def _validate(tracker, domain):
    dispatcher = CollectingDispatcher()
    events = await ValidateRequestForm().run(dispatcher, tracker, domain)
    return dispatcher.messages, {e["name"]: e["value"] for e in events if e["event"] == "slot"}


def _responses(messages):
    return [m["response"] for m in messages]


def _rows(data_dir, sql):
    with sqlite3.connect(data_dir / "casestore.sqlite3") as conn:
        return conn.execute(sql).fetchall()


@pytest.mark.parametrize("value,slot_value,response", [
    ("14", "14", "utter_request_eligibility_sip"),
    ("20100101-2382", None, None),  # checked below: age only, never the number
    ("20100101-2383", None, "utter_request_age_personnummer"),
    ("vet inte", None, "utter_request_age_unclear"),
    ("23", "23", "utter_request_eligibility_over_age"),
])
async def test_age(tracker_for, domain, value, slot_value, response):
    messages, slots = await _validate(_answer(tracker_for, "request_age", value, {"request_sides": "bada"}), domain)
    if value == "20100101-2382":
        assert slots["request_age"].isdigit() and "2382" not in slots["request_age"]
        assert _responses(messages) == ["utter_request_eligibility_sip"]
        return
    assert slots["request_age"] == slot_value
    assert _responses(messages) == [response]


async def test_needs_on_one_side_explain_samverkansmote_but_the_form_goes_on(tracker_for, domain):
    messages, slots = await _validate(_answer(tracker_for, "request_age", "9", {"request_sides": "kommun"}), domain)
    assert slots["request_age"] == "9"
    assert _responses(messages) == ["utter_request_eligibility_samverkansmote"]


async def test_organisation_from_free_text_is_confirmed_with_buttons(tracker_for, domain):
    messages, slots = await _validate(_answer(tracker_for, "request_organisation", "vi går på vardcentralen"), domain)
    assert slots["request_organisation"] is None
    [message] = messages
    assert message["response"] == "utter_request_organisation_pick"
    assert [b["payload"] for b in message["buttons"]] == ["Närhälsan Dals-Ed vårdcentral"]
    # Choosing the button names the entry exactly and is accepted.
    messages, slots = await _validate(_answer(tracker_for, "request_organisation", "Närhälsan Dals-Ed vårdcentral"), domain)
    assert slots["request_organisation"] == "narhalsan_dals_ed_vardcentral" and messages == []


async def test_unknown_organisation_lists_the_directory(tracker_for, domain):
    messages, slots = await _validate(_answer(tracker_for, "request_organisation", "kaffestugan"), domain)
    assert slots["request_organisation"] is None
    assert messages[0]["response"] == "utter_request_organisation_unknown"
    assert len(messages[0]["buttons"]) == len(request.rules.directory())


@pytest.mark.parametrize("value,expected,response", [
    ("070-123 45 67", "0701234567", []),
    ("123", None, ["utter_request_phone_invalid"]),
    ("Jag har skyddad identitet", "skyddad", []),
])
async def test_phone(tracker_for, domain, case_store_env, value, expected, response):
    messages, slots = await _validate(_answer(tracker_for, "request_contact_phone", value), domain)
    assert request.open_phone(slots["request_contact_phone"]) == expected and _responses(messages) == response
    assert "1234567" not in str(slots["request_contact_phone"])  # slots go to the tracker store: sealed


async def test_changing_clears_every_answer(tracker_for, domain):
    messages, slots = await _validate(_answer(tracker_for, "request_confirm", "ändra", FILLED), domain)
    assert _responses(messages) == ["utter_request_change"]
    assert set(slots) == set(request.SLOTS) and all(v is None for v in slots.values())


async def test_summary_shows_the_answers_with_swedish_labels(tracker_for, domain, case_store_env):
    dispatcher = CollectingDispatcher()
    await ActionAskRequestConfirm().run(dispatcher, tracker_for(slots=_filled()), domain)
    [message] = dispatcher.messages
    assert message["organisation"] == "Barn- och ungdomspsykiatrin (BUP)"
    assert message["role"] == "vårdnadshavare" and message["consent"] == "saknas än"
    assert message["sides"] == "både kommunen och regionen"
    assert message["phone"] == "070…67"  # the tracker store keeps the bot's replies: no full number


async def test_submit_creates_a_case_and_stores_the_request(tracker_for, domain, case_store_env):
    dispatcher = CollectingDispatcher()
    events = await ActionSubmitRequest().run(dispatcher, tracker_for(slots=_filled()), domain)
    slots = {e["name"]: e["value"] for e in events if e["event"] == "slot"}
    reference = slots["case_reference"]
    saved, steps = dispatcher.messages
    assert saved["response"] == "utter_request_saved" and saved["reference"] == reference
    assert steps["response"] == "utter_request_next_steps"
    assert request.store().check_code(reference, saved["code"]) == CodeCheck.OK
    [row] = request_store.requests_for(request.store(), reference)
    assert (row["organisation_id"], row["child_age"], row["contact_phone"], row["consent"], row["status"]) == (
        "bup", 14, "0701234567", "saknas", "received")
    assert _rows(case_store_env, "SELECT count(*) FROM sip_request_outbox WHERE delivered_at IS NULL") == [(1,)]
    assert all(slots[s] is None for s in request.SLOTS)


async def test_protected_identity_stores_no_phone(tracker_for, domain, case_store_env):
    dispatcher = CollectingDispatcher()
    events = await ActionSubmitRequest().run(
        dispatcher, tracker_for(slots={**FILLED, "request_contact_phone": "skyddad"}), domain)
    reference = next(e["value"] for e in events if e.get("name") == "case_reference")
    [row] = request_store.requests_for(request.store(), reference)
    assert row["contact_phone"] is None and row["contact_preference"] == "skyddad"
    assert _responses(dispatcher.messages)[-1] == "utter_request_protected_identity"


async def test_submit_in_an_open_case_adds_to_it(tracker_for, domain, case_store_env):
    case = request.store().create_case()
    dispatcher = CollectingDispatcher()
    events = await ActionSubmitRequest().run(
        dispatcher, tracker_for(slots=_filled(case_reference=case.reference, case_verified=True)), domain)
    assert "case_reference" not in {e.get("name") for e in events}
    assert _responses(dispatcher.messages)[0] == "utter_request_saved_existing_case"
    assert len(request_store.requests_for(request.store(), case.reference)) == 1


@pytest.mark.parametrize("text,answered", [("jag vill begära en sip", False), ("/request_sip", False),
                                            ("hur begär man en sip?", True)])
async def test_a_question_is_answered_before_the_form_starts(tracker_for, domain, case_store_env, text, answered):
    dispatcher = CollectingDispatcher()
    filled = tracker_for("request_sip", text=text, slots=FILLED)
    events = await ActionRequestStart().run(dispatcher, filled, domain)
    responses = _responses(dispatcher.messages)
    assert responses[-1] == "utter_request_intro"
    assert (len(dispatcher.messages) > 1) is answered
    # Answers from an earlier request never leak into a new one.
    cleared = {e["name"]: e["value"] for e in events if e["event"] == "slot" and e["name"] in request.SLOTS}
    assert cleared == {slot: None for slot in request.SLOTS}


async def test_status_and_withdraw_need_the_case_first(tracker_for, domain, case_store_env):
    for action in (request.ActionRequestStatus(), request.ActionWithdrawRequest()):
        dispatcher = CollectingDispatcher()
        events = await action.run(dispatcher, tracker_for("request_status"), domain)
        assert {"event": "followup", "name": "case_access_form"} in [
            {k: e.get(k) for k in ("event", "name")} for e in events]
        assert dispatcher.messages == []


async def test_status_then_withdraw_tells_the_organisation_again(tracker_for, domain, case_store_env):
    case = request.store().create_case()
    request_store.save_request(request.store(), case.reference, request.request_data(tracker_for(slots=_filled())))
    [item] = request_store.pending_deliveries(request.store())
    request_store.mark_attempt(request.store(), item.outbox_id, delivered=True)
    opened = {"case_reference": case.reference, "case_verified": True}

    dispatcher = CollectingDispatcher()
    events = await request.ActionRequestStatus().run(dispatcher, tracker_for(slots=opened), domain)
    # Reached after case access: it must hand over to the person, or the policies fall back.
    assert events == [{"event": "followup", "timestamp": None, "name": "action_listen"}]
    status, offer = dispatcher.messages
    assert status["status"] == "inkommen, verksamheten kontaktar dig" and offer["response"] == "utter_request_can_withdraw"

    dispatcher = CollectingDispatcher()
    await request.ActionWithdrawRequest().run(dispatcher, tracker_for(slots=opened), domain)
    assert _responses(dispatcher.messages) == ["utter_request_withdrawn"]
    [again] = request_store.pending_deliveries(request.store())
    assert again.request["status"] == "withdrawn" and again.attempts == 0

    dispatcher = CollectingDispatcher()
    await request.ActionWithdrawRequest().run(dispatcher, tracker_for(slots=opened), domain)
    assert _responses(dispatcher.messages) == ["utter_request_none_to_withdraw"]


async def test_status_without_requests(tracker_for, domain, case_store_env):
    case = request.store().create_case()
    dispatcher = CollectingDispatcher()
    await request.ActionRequestStatus().run(
        dispatcher, tracker_for(slots={"case_reference": case.reference, "case_verified": True}), domain)
    assert _responses(dispatcher.messages) == ["utter_request_none"]


async def test_a_knowledge_question_instead_of_the_needs_is_answered_not_kept(tracker_for, domain):
    from actions.knowledge_base import articles

    question = "kan jag dra tillbaka mitt samtycke?"
    tracker = tracker_for("faq", confidence=0.95, text=question,
                          ranking=[("samtycke_dra_tillbaka", 0.95), ("samtycke_hur_lange", 0.02)],
                          slots={"request_needs": question, "requested_slot": "request_needs"},
                          events=[{"event": "slot", "name": "request_needs", "value": question, "timestamp": None}],
                          active_loop=FORM)
    messages, slots = await _validate(tracker, domain)
    assert [m["text"] for m in messages] == [articles()["samtycke_dra_tillbaka"].render()]
    assert slots["request_needs"] is None


async def test_needs_in_the_persons_words_are_kept(tracker_for, domain):
    messages, slots = await _validate(_answer(tracker_for, "request_needs", "  Hon  orkar inte "), domain)
    assert slots["request_needs"] == "Hon orkar inte" and messages == []


async def test_a_phone_number_scrubbed_by_the_channel_is_read_from_the_encrypted_metadata(tracker_for, domain,
                                                                                         case_store_env):
    from actions.casestore.crypto import build_cipher
    from channels.pii import scrub_request

    text, metadata = scrub_request("070-123 45 67", {}, build_cipher(request.store().settings))
    assert text == "[telefonnummer]"
    tracker = _answer(tracker_for, "request_contact_phone", text)
    tracker.events[0]["metadata"] = metadata  # where Rasa keeps a user message's metadata
    messages, slots = await _validate(tracker, domain)
    assert request.open_phone(slots["request_contact_phone"]) == "0701234567" and messages == []
    # Without the metadata the placeholder is not a number: a clear message, not a crash.
    messages, slots = await _validate(_answer(tracker_for, "request_contact_phone", text), domain)
    assert slots["request_contact_phone"] is None and _responses(messages) == ["utter_request_phone_invalid"]


async def test_slots_cleared_when_the_form_starts_are_not_validated(tracker_for, domain):
    """Rasa validates every slot set since the last message, the cleared ones too: no messages, nothing kept."""
    tracker = tracker_for("request_sip", text="jag vill begära en sip", slots={s: None for s in request.SLOTS},
                          events=[{"event": "slot", "name": s, "value": None, "timestamp": None} for s in request.SLOTS],
                          active_loop=FORM)
    messages, slots = await _validate(tracker, domain)
    assert messages == []
    assert all(slots.get(s) is None for s in request.SLOTS)


async def test_a_placeholder_classified_as_a_command_still_answers_the_phone_question(tracker_for, domain,
                                                                                      case_store_env):
    from actions.casestore.crypto import build_cipher
    from channels.pii import scrub_request

    text, metadata = scrub_request("070-123 45 67", {}, build_cipher(request.store().settings))
    # The slot mapping refused it (intent "human"), so the slot is not set yet.
    tracker = tracker_for("human", confidence=0.6, text=text, slots={"requested_slot": "request_contact_phone"},
                          active_loop=FORM)
    tracker.events[0]["metadata"] = metadata
    messages, slots = await _validate(tracker, domain)
    assert request.open_phone(slots["request_contact_phone"]) == "0701234567" and messages == []
