"""The SIP request form: validation, summary and storing into a real SQLite case store."""
from __future__ import annotations

import sqlite3
from datetime import date

import pytest
from rasa_sdk.executor import CollectingDispatcher

import actions.request as request
from actions.casestore import request_store
from actions.casestore.store import CodeCheck
from actions.request import ActionAskRequestConfirm, ActionRequestStart, ActionSubmitRequest, ValidateRequestForm

FORM = {"name": "request_form"}
PNR = "20100101-2382"
FILLED = {
    "request_kind": "ny", "request_sides": "bada", "request_role": "vardnadshavare",
    "request_child_name": "Elsa Andersson", "request_personnummer": PNR, "request_age": "14",
    "request_organisation": "bup", "request_needs": "Hon orkar inte gå till skolan", "request_noticed_by": "skola",
    "request_contact_name": "Anna", "request_contact_phone": "0701234567", "request_contact_preference": "sms",
    "request_consent": "saknas", "request_confirm": "ja",
}


def _filled(**changes) -> dict:
    """FILLED as the form leaves it: the phone and personnummer sealed, as they are in the tracker store."""
    return {**FILLED, "request_contact_phone": request.seal_phone(FILLED["request_contact_phone"]),
            "request_personnummer": request.seal(PNR), **changes}


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


@pytest.mark.parametrize("role,age,responses", [
    ("vardnadshavare", "19", ["utter_request_eligibility_sip", "utter_request_adult_consents"]),
    ("vardnadshavare", "17", ["utter_request_eligibility_sip"]),
    ("ung", "19", ["utter_request_eligibility_sip"]),
])
async def test_a_guardian_asking_for_an_adult_hears_who_consents(tracker_for, domain, role, age, responses):
    messages, slots = await _validate(
        _answer(tracker_for, "request_age", age, {"request_sides": "bada", "request_role": role}), domain)
    assert slots["request_age"] == age and _responses(messages) == responses
    assert "utter_request_adult_consents" in domain["responses"]


async def test_a_young_person_under_18_is_told_where_to_ask_and_asked_again(tracker_for, domain):
    from actions.knowledge_base import articles

    messages, slots = await _validate(_answer(tracker_for, "request_role", "jag e 15 o planen gäller mig"), domain)
    assert slots["request_role"] is None and _responses(messages) == ["utter_request_under_18"]
    article = articles()[request.UNDER_18_ARTICLE]
    assert messages[0]["article"] == article.render() and "själv be om en" in article.short
    assert "{article}" in domain["responses"]["utter_request_under_18"][0]["text"]


@pytest.mark.parametrize("text,intent", [
    # Persona round, session 26: stored as vårdnadshavare; "familjehem" alone got "pick a button".
    ("inget passar, jag är familjehemsförälder, inte vårdnadshavare. vad gör jag då?", "faq"),
    ("familjehem", "out_of_scope"),
    ("vi är jourhem", "out_of_scope"),
])
async def test_a_foster_home_is_told_to_talk_with_the_socialsekreterare_and_asked_again(tracker_for, domain, text,
                                                                                       intent):
    tracker = tracker_for(intent, confidence=0.8, text=text, ranking=[("sip_vem_uppmarksammar_behov", 0.8)],
                          slots={"request_role": text, "requested_slot": "request_role"},
                          events=[{"event": "slot", "name": "request_role", "value": text, "timestamp": None}],
                          active_loop=FORM)
    messages, slots = await _validate(tracker, domain)
    assert slots["request_role"] is None and _responses(messages) == ["utter_request_role_foster_home"]
    reply = domain["responses"]["utter_request_role_foster_home"][0]["text"]
    assert "socialsekreterare" in reply and "”avbryt”" in reply and reply.splitlines()[-1].startswith("Källa:")


@pytest.mark.parametrize("text", ["Jag är hans mormor", "Ingen av dem passar. Jag är mormor, inte vårdnadshavare"])
async def test_a_relative_is_told_where_to_ask_and_asked_again(tracker_for, domain, text):
    # A grandmother was only told to pick a button (persona round, session 27).
    tracker = tracker_for("staff", confidence=0.8, text=text, slots={"request_role": text, "requested_slot": "request_role"},
                          events=[{"event": "slot", "name": "request_role", "value": text, "timestamp": None}],
                          active_loop=FORM)
    messages, slots = await _validate(tracker, domain)
    assert slots["request_role"] is None and _responses(messages) == ["utter_request_role_relative"]
    reply = domain["responses"]["utter_request_role_relative"][0]["text"]
    assert "närstående" in reply and "samtycker" in reply and reply.splitlines()[-1].startswith("Källa:")


@pytest.mark.parametrize("text", ["jag är inte vårdnadshavare", "ej vårdnadshavare", "inte förälder"])
async def test_a_denied_role_is_not_taken(tracker_for, domain, text):
    messages, slots = await _validate(_answer(tracker_for, "request_role", text), domain)
    assert slots["request_role"] is None and _responses(messages) == ["utter_request_role_unclear"]


@pytest.mark.parametrize("text,response", [
    # Persona round, session 30: a grandmother was taken for a guardian and asked for the child's personnummer.
    ("jag är väl nästan som en vårdnadshavare i praktiken?", "utter_request_role_asked"),
    ("Ska jag trycka på vårdnadshavare då?", "utter_request_role_asked"),
    ("är jag vårdnadshavare om han bor hos mig?", "utter_request_role_asked"),
    ("jag är mormor, räknas jag som vårdnadshavare?", "utter_request_role_relative"),
    # Verification round, session 30: still taken for a guardian.
    ("jag e typ hans vårdnadshavare", "utter_request_role_asked"),
    ("jag trycker på vårdnadshavare då, det blir enklast", "utter_request_role_asked"),
    ("jag är hans mormor, mamman är sjuk", "utter_request_role_relative"),
])
async def test_asking_about_the_role_is_not_having_it(tracker_for, domain, text, response):
    # Read before a question is answered aside: also when the classifier took it for a knowledge question.
    for intent, ranking in (("inform", None), ("faq", [("samtycke_vem_ger", 0.8)])):
        messages, slots = await _validate(_role_question(tracker_for, text, intent, ranking), domain)
        assert slots["request_role"] is None and _responses(messages) == [response]


@pytest.mark.parametrize("text", ["vårdnadshavare", "mamma, det är jag", "jag är hans pappa och vårdnadshavare",
                                  # Told to pick a button (verification round, session 30).
                                  "jag är mamman", "jag är pappan", "mamman här"])
async def test_a_role_said_plainly_is_taken(tracker_for, domain, text):
    messages, slots = await _validate(_role_question(tracker_for, text, "inform"), domain)
    assert slots["request_role"] == "vardnadshavare" and messages == []


def _role_question(tracker_for, text, intent, ranking=None):
    return tracker_for(intent, confidence=0.8, text=text, ranking=ranking,
                       slots={"request_role": text, "requested_slot": "request_role"},
                       events=[{"event": "slot", "name": "request_role", "value": text, "timestamp": None}],
                       active_loop=FORM)


async def test_a_question_typed_with_the_role_is_answered_and_the_role_kept(tracker_for, domain):
    from actions.knowledge_base import articles

    # Persona round, session 26: the question went unanswered. It is answered, and the role kept.
    text = "förälder, men vänta – måste pappan också godkänna?"
    tracker = _role_question(tracker_for, text, "faq", [("samtycke_vem_ger", 0.8), ("samtycke_vad_ar", 0.05)])
    messages, slots = await _validate(tracker, domain)
    assert slots["request_role"] == "vardnadshavare"
    assert [m.get("text") for m in messages] == [articles()["samtycke_vem_ger"].render()]
    # Without a role in it, the question is answered and the role asked again.
    tracker = _role_question(tracker_for, "vem får be om en sip?", "faq", [("sip_vem_uppmarksammar_behov", 0.8)])
    messages, slots = await _validate(tracker, domain)
    assert slots["request_role"] is None and messages


async def test_a_question_typed_with_the_consent_answer_is_answered_and_the_answer_kept(tracker_for, domain):
    from actions.knowledge_base import articles

    # "nej. vad är samtycke? pappa måste också säga ja?" went on to the summary, the questions
    # unanswered (persona round, session 29).
    text = "nej. vad är samtycke?"
    tracker = tracker_for("faq", confidence=0.8, text=text, ranking=[("samtycke_vad_ar", 0.8)],
                          slots={"request_consent": text, "requested_slot": "request_consent"},
                          events=[{"event": "slot", "name": "request_consent", "value": text, "timestamp": None}],
                          active_loop=FORM)
    messages, slots = await _validate(tracker, domain)
    assert slots["request_consent"] == "saknas"
    assert [m.get("text") for m in messages] == [articles()["samtycke_vad_ar"].render()]


@pytest.mark.parametrize("text,intent", [
    ("förälder, men vänta – måste pappan också godkänna?", "out_of_scope"),  # not read as a knowledge question
    ("är vårdnadshavare", "faq"),  # no question mark: an answer, though it opens like a question
])
async def test_a_role_without_a_knowledge_question_is_taken(tracker_for, domain, text, intent):
    messages, slots = await _validate(_role_question(tracker_for, text, intent, [("samtycke_vem_ger", 0.8)]), domain)
    assert slots["request_role"] == "vardnadshavare" and messages == []


@pytest.mark.parametrize("slot,value", [("request_age", "15"), ("request_personnummer", "20100101-2382")])
async def test_under_18_after_choosing_the_18_to_20_button_is_not_taken(tracker_for, domain, case_store_env,
                                                                       slot, value):
    messages, slots = await _validate(
        _answer(tracker_for, slot, value, {"request_sides": "bada", "request_role": "ung"}), domain)
    assert _responses(messages) == ["utter_request_under_18"]
    assert slots["request_age"] is None and slots["request_role"] is None and slots["request_personnummer"] is None


async def test_needs_on_one_side_explain_samverkansmote_but_the_form_goes_on(tracker_for, domain):
    messages, slots = await _validate(_answer(tracker_for, "request_age", "9", {"request_sides": "kommun"}), domain)
    assert slots["request_age"] == "9"
    assert _responses(messages) == ["utter_request_eligibility_samverkansmote"]


async def test_organisation_from_free_text_is_confirmed_with_buttons(tracker_for, domain):
    messages, slots = await _validate(_answer(tracker_for, "request_organisation", "vi går på vardcentralen"), domain)
    assert slots["request_organisation"] is None
    [message] = messages
    # One match is asked about as one ("Menar du den här?", not "någon av de här").
    assert message["response"] == "utter_request_organisation_pick_one"
    assert [b["payload"] for b in message["buttons"]] == ["Närhälsan Dals-Ed vårdcentral"]
    # Choosing the button names the entry exactly and is accepted.
    messages, slots = await _validate(_answer(tracker_for, "request_organisation", "Närhälsan Dals-Ed vårdcentral"), domain)
    assert slots["request_organisation"] == "narhalsan_dals_ed_vardcentral" and messages == []


async def test_several_matching_organisations_are_offered_to_choose_from(tracker_for, domain):
    messages, _ = await _validate(_answer(tracker_for, "request_organisation", "både skolan och BUP"), domain)
    [message] = messages
    assert message["response"] == "utter_request_organisation_pick" and len(message["buttons"]) > 1


async def test_unknown_organisation_offers_the_kinds_of_organisation(tracker_for, domain):
    # Every organisation of the directory as a button was a wall of buttons on a phone (session 36): the
    # kinds come first (tests/actions/test_request_organisation_groups.py has the next steps).
    messages, slots = await _validate(_answer(tracker_for, "request_organisation", "kaffestugan"), domain)
    assert slots["request_organisation"] is None
    assert messages[0]["response"] == "utter_request_organisation_unknown"
    assert [b["payload"] for b in messages[0]["buttons"]] == [g.label for g in request.rules.organisation_groups()]


@pytest.mark.parametrize("value,expected,response", [
    ("070-123 45 67", "0701234567", []),
    ("123", None, ["utter_request_phone_invalid"]),
    ("Jag har skyddad identitet", "skyddad", []),
    ("jag vill inte lämna telefonnummer", None, ["utter_request_phone_declined"]),
    ("har inget nummer", None, ["utter_request_phone_declined"]),
])
async def test_phone(tracker_for, domain, case_store_env, value, expected, response):
    messages, slots = await _validate(_answer(tracker_for, "request_contact_phone", value), domain)
    assert request.open_phone(slots["request_contact_phone"]) == expected and _responses(messages) == response
    assert "1234567" not in str(slots["request_contact_phone"])  # slots go to the tracker store: sealed


async def test_changing_everything_clears_every_answer(tracker_for, domain):
    messages, slots = await _validate(_answer(tracker_for, "request_confirm", "ändra allt", FILLED), domain)
    assert _responses(messages) == ["utter_request_change"]
    assert set(slots) == set(request.SLOTS) and all(v is None for v in slots.values())


@pytest.mark.parametrize("value,cleared", [
    ("ändra barnet", {"request_child_name", "request_personnummer", "request_age"}),
    ("nej, ändra telefonnumret", set(request.CONTACT)),
    ("ändra kontaktuppgifter", {"request_contact_name", *request.CONTACT}),
    ("ändra verksamhet", {"request_organisation"}),
])
async def test_changing_one_part_asks_only_its_questions_again(tracker_for, domain, value, cleared):
    # Persona round, session 19: a wrong personnummer meant giving every answer again.
    messages, slots = await _validate(_answer(tracker_for, "request_confirm", value, FILLED), domain)
    assert {slot for slot, v in slots.items() if v is None} == cleared | {"request_confirm"}
    assert messages == []


@pytest.mark.parametrize("value", ["ja skicka", "Ja!", "det stämmer", "okej skicka den"])
async def test_a_yes_at_the_summary_sends(tracker_for, domain, value):
    messages, slots = await _validate(_answer(tracker_for, "request_confirm", value, FILLED), domain)
    assert slots == {"request_confirm": "ja"} and messages == []


@pytest.mark.parametrize("value", [
    # Persona round, session 24: this opened with "ja" and sent the request.
    "Jag har ångrat mig lite, det var faktiskt jag som märkte det först, inte skolan.",
    "ja men ändra numret", "skicka inte än", "japp fast vänta",
])
async def test_a_message_that_is_not_a_plain_yes_does_not_send(tracker_for, domain, value):
    messages, slots = await _validate(_answer(tracker_for, "request_confirm", value, FILLED), domain)
    # Not sent: the bot asks what to change, or asks the changed part again.
    assert slots["request_confirm"] is None and (messages or len(slots) > 1)


async def test_changing_without_saying_what_asks_what(tracker_for, domain):
    messages, slots = await _validate(_answer(tracker_for, "request_confirm", "ändra", FILLED), domain)
    assert _responses(messages) == ["utter_request_what_to_change"] and slots == {"request_confirm": None}
    every_change = {button["payload"] for button in domain["responses"]["utter_request_summary"][0]["buttons"]}
    assert len(every_change) == 5


async def test_summary_shows_the_answers_with_swedish_labels(tracker_for, domain, case_store_env):
    dispatcher = CollectingDispatcher()
    await ActionAskRequestConfirm().run(dispatcher, tracker_for(slots=_filled()), domain)
    [message] = dispatcher.messages
    assert message["organisation"] == "Barn- och ungdomspsykiatrin (BUP)"
    assert message["role"] == "vårdnadshavare" and message["consent"] == "saknas än"
    assert message["sides"] == "både kommunen och regionen"
    assert message["phone"] == "070…67"  # the tracker store keeps the bot's replies: no full number
    assert message["personnummer"] == "20100101-****" and "2382" not in str(message)
    assert (message["kind"], message["child_name"], message["noticed_by"], message["contact_preference"]) == (
        "ny SIP", "Elsa Andersson", "skola", "SMS")


async def test_summary_without_a_personnummer_or_with_skyddad_identitet(tracker_for, domain, case_store_env):
    dispatcher = CollectingDispatcher()
    slots = _filled(request_personnummer="-", request_child_name="skyddad", request_contact_phone="skyddad",
                    request_contact_preference="skyddad", request_kind="uppfoljning", request_noticed_by="regional_hs")
    await ActionAskRequestConfirm().run(dispatcher, tracker_for(slots=slots), domain)
    [message] = dispatcher.messages
    assert message["personnummer"] == "inte angivet" and message["child_name"] == "skyddad identitet, inget namn sparas"
    assert message["contact_preference"] == "du ringer själv till verksamheten"
    assert message["kind"] == "uppföljning av en SIP ni redan har"
    assert message["noticed_by"] == "regional hälso- och sjukvård"


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
    assert (row["kind"], row["noticed_by"], row["child_name"], row["child_personnummer"], row["contact_preference"]) == (
        "ny", "skola", "Elsa Andersson", PNR, "sms")
    [(name, number)] = _rows(case_store_env, "SELECT child_name, child_personnummer FROM sip_requests")
    assert "Elsa" not in name and "20100101" not in number and "2382" not in number  # encrypted at rest
    assert _rows(case_store_env, "SELECT count(*) FROM sip_request_outbox WHERE delivered_at IS NULL") == [(1,)]
    assert all(slots[s] is None for s in request.SLOTS)


async def test_a_request_after_its_case_was_deleted_goes_to_a_new_case(tracker_for, domain, opened_case):
    # The case opened in the chat was deleted on /mina-uppgifter: "utter_request_failed" before (session 28).
    from actions.casestore.rights import delete_case

    delete_case(request.store(), opened_case.reference, opened_case.code)
    dispatcher = CollectingDispatcher()
    slots = {**_filled(), "case_reference": opened_case.reference, "case_verified": True}
    events = await ActionSubmitRequest().run(dispatcher, tracker_for(slots=slots), domain)
    reference = next(e["value"] for e in events if e.get("name") == "case_reference")
    assert reference != opened_case.reference and _responses(dispatcher.messages)[0] == "utter_request_saved"
    assert len(request_store.requests_for(request.store(), reference)) == 1


async def test_protected_identity_given_for_the_name_stores_no_name_or_phone(tracker_for, domain, case_store_env):
    dispatcher = CollectingDispatcher()
    slots = _filled(request_child_name="skyddad", request_contact_phone="skyddad", request_contact_preference="skyddad")
    events = await ActionSubmitRequest().run(dispatcher, tracker_for(slots=slots), domain)
    reference = next(e["value"] for e in events if e.get("name") == "case_reference")
    [row] = request_store.requests_for(request.store(), reference)
    assert row["child_name"] is None and row["contact_phone"] is None and row["contact_preference"] == "skyddad"
    # Only with skyddad identitet is the first step one's own call (persona round, session 28: everyone
    # was told "Har du skyddad identitet ringer du själv").
    assert _responses(dispatcher.messages)[-2:] == ["utter_request_next_steps_protected",
                                                    "utter_request_protected_identity"]


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


@pytest.mark.parametrize("text,answered", [("vill begära SIP för en patient", False),
                                            ("kurator här. hur begär man en sip?", True)])
async def test_staff_are_told_they_call_a_sip_themselves_and_the_form_does_not_start(
        tracker_for, domain, case_store_env, text, answered):
    # Persona round, session 19: a doctor was taken through the guardians' form and asked "Vem är du?"
    # with only a guardian's and a young adult's buttons.
    from actions.knowledge_base import articles

    dispatcher = CollectingDispatcher()
    events = await ActionRequestStart().run(dispatcher, tracker_for("request_sip", text=text), domain)
    responses = _responses(dispatcher.messages)
    assert "utter_request_intro" not in responses
    assert {"event": "followup", "name": "action_listen", "timestamp": None} in events
    if answered:
        assert "Källa:" in dispatcher.messages[0]["text"] and responses == [None]
    else:
        assert responses == ["utter_request_for_staff"]
        assert dispatcher.messages[0]["article"] == articles()[request.UNDER_18_ARTICLE].render(for_staff=True)


@pytest.mark.parametrize("slot,text", [("request_role", "jag är läkare på vc, patienten är 15"),
                                       ("request_kind", "vänta, jag är kurator på skolan, det är jag som ska kalla")])
async def test_staff_saying_so_in_the_form_are_told_how_staff_call_a_sip(tracker_for, domain, slot, text):
    messages, slots = await _validate(_answer(tracker_for, slot, text), domain)
    assert slots[slot] is None
    assert _responses(messages) == ["utter_request_for_staff", "utter_request_staff_may_stop"]


async def test_staff_who_say_they_are_a_parent_may_request(tracker_for, domain, case_store_env):
    # Verification round, session 19: a professional who then wrote "jag är förälder och vill begära
    # en sip för min son" got the staff text again and again.
    dispatcher = CollectingDispatcher()
    tracker = tracker_for("request_sip", text="jag är förälder och vill begära en sip för min son",
                          events=[{"event": "user", "text": "rektor. får vi kalla till SIP själva?",
                                   "parse_data": {"intent": {"name": "faq"}}}])
    await ActionRequestStart().run(dispatcher, tracker, domain)
    assert _responses(dispatcher.messages)[-1] == "utter_request_intro"


async def test_status_and_withdraw_need_the_case_first(tracker_for, domain, case_store_env):
    for action in (request.ActionRequestStatus(), request.ActionWithdrawRequest(),
                   request.ActionWithdrawRequestConfirmed()):
        dispatcher = CollectingDispatcher()
        events = await action.run(dispatcher, tracker_for("request_status"), domain)
        assert {"event": "followup", "name": "case_access_form"} in [
            {k: e.get(k) for k in ("event", "name")} for e in events]
        assert dispatcher.messages == []


async def test_not_wanting_a_sip_any_more_gets_how_a_sip_ends_and_both_ways(tracker_for, domain, case_store_env):
    # A 16-year-old with a SIP was asked for a request's reference number (persona round, session 26).
    dispatcher = CollectingDispatcher()
    events = await request.ActionWithdrawRequest().run(
        dispatcher, tracker_for("withdraw_request", text="om jag inte vill ha sip längre då"), domain)
    from actions.knowledge_base import articles
    assert dispatcher.messages[0]["text"] == articles()["sip_avslut"].render()
    assert dispatcher.messages[1]["response"] == "utter_withdraw_which"
    assert "case_access_form" not in [e.get("name") for e in events]
    # Naming the request, it is asked for as before.
    dispatcher = CollectingDispatcher()
    events = await request.ActionWithdrawRequest().run(
        dispatcher, tracker_for("withdraw_request", text="jag vill ta tillbaka min sip-begäran"), domain)
    assert "case_access_form" in [e.get("name") for e in events] and dispatcher.messages == []


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

    # It asks first, and nothing changes until the person says yes.
    dispatcher = CollectingDispatcher()
    await request.ActionWithdrawRequest().run(dispatcher, tracker_for(slots=opened), domain)
    assert _responses(dispatcher.messages) == ["utter_request_withdraw_confirm"]
    assert dispatcher.messages[0]["organisation"] == "Barn- och ungdomspsykiatrin (BUP)"
    assert [r["status"] for r in request_store.requests_for(request.store(), case.reference)] == ["received"]

    dispatcher = CollectingDispatcher()
    await request.ActionWithdrawRequestConfirmed().run(dispatcher, tracker_for("affirm", slots=opened), domain)
    assert _responses(dispatcher.messages) == ["utter_request_withdrawn"]
    [again] = request_store.pending_deliveries(request.store())
    assert again.request["status"] == "withdrawn" and again.attempts == 0

    for action in (request.ActionWithdrawRequest(), request.ActionWithdrawRequestConfirmed()):
        dispatcher = CollectingDispatcher()
        await action.run(dispatcher, tracker_for(slots=opened), domain)
        assert _responses(dispatcher.messages) == ["utter_request_none_to_withdraw"]


async def test_status_without_requests(tracker_for, domain, case_store_env):
    case = request.store().create_case()
    dispatcher = CollectingDispatcher()
    await request.ActionRequestStatus().run(
        dispatcher, tracker_for(slots={"case_reference": case.reference, "case_verified": True}), domain)
    assert _responses(dispatcher.messages) == ["utter_request_none"]


def _typed_at_needs(tracker_for, typed):
    """`typed` at the needs question, which the classifier takes for a question on taking back samtycke."""
    return tracker_for("faq", confidence=0.95, text=typed,
                       ranking=[("samtycke_dra_tillbaka", 0.95), ("samtycke_hur_lange", 0.02)],
                       slots={"request_needs": typed, "requested_slot": "request_needs"},
                       events=[{"event": "slot", "name": "request_needs", "value": typed, "timestamp": None}],
                       active_loop=FORM)


async def test_a_knowledge_question_instead_of_the_needs_is_answered_not_kept(tracker_for, domain):
    from actions.knowledge_base import articles

    question = "kan jag dra tillbaka mitt samtycke?"
    tracker = _typed_at_needs(tracker_for, question)
    messages, slots = await _validate(tracker, domain)
    assert [m["text"] for m in messages] == [articles()["samtycke_dra_tillbaka"].render()]
    assert slots["request_needs"] is None


async def test_needs_with_a_question_after_them_are_kept_and_the_question_answered(tracker_for, domain):
    # Session 32's "left alone": the story was dropped and only the question answered.
    from actions.knowledge_base import articles

    typed = "Han mår dåligt och går inte till skolan. Kan jag dra tillbaka mitt samtycke sen?"
    tracker = _typed_at_needs(tracker_for, typed)
    messages, slots = await _validate(tracker, domain)
    story = "Han mår dåligt och går inte till skolan"
    assert slots["request_needs"] == story
    assert messages[0]["response"] == "utter_request_needs_kept" and messages[0]["answer"] == story
    assert articles()["samtycke_dra_tillbaka"].render() in [m.get("text") for m in messages[1:]]


async def test_needs_that_only_say_i_do_not_know_before_a_question_are_skipped_and_the_question_answered(
        tracker_for, domain):
    typed = "vet inte. kan jag dra tillbaka mitt samtycke?"
    tracker = _typed_at_needs(tracker_for, typed)
    messages, slots = await _validate(tracker, domain)
    assert slots["request_needs"] == request.SKIPPED
    assert "utter_request_needs_kept" not in [m.get("response") for m in messages] and messages


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


async def test_a_name_with_a_phone_number_and_a_time_keeps_both(tracker_for, domain, case_store_env):
    # "Maria Andersson, ring mig gärna på 070-… efter kl 15" read as `human`: "Du kan alltid prata med
    # en människa", and nothing was kept (persona round, session 27).
    from actions.conversation import ActionReachAPerson

    text, metadata = _scrubbed("Maria Andersson, ring mig gärna på 070-123 45 67 efter kl 15")
    tracker = tracker_for("human", confidence=0.6, text=text, slots={"requested_slot": "request_contact_name"},
                          active_loop=FORM)
    tracker.events[0]["metadata"] = metadata
    dispatcher = CollectingDispatcher()
    assert await ActionReachAPerson().run(dispatcher, tracker, domain) == [] and dispatcher.messages == []
    messages, slots = await _validate(tracker, domain)
    assert slots["request_contact_name"] == "Maria Andersson" and messages == []
    assert request.open_phone(slots["request_contact_phone"]) == "0701234567"


async def test_skyddad_identitet_in_own_words_at_the_name_question_is_taken(tracker_for, domain, case_store_env):
    # Read as `human`: "prata med en människa" and the same question again (persona round, session 27).
    from actions.conversation import ActionReachAPerson

    text = "jag vill helst inte skriva mitt namn pga skyddad id. kan de ringa mig istället"
    tracker = tracker_for("human", confidence=0.7, text=text, slots={"requested_slot": "request_contact_name"},
                          active_loop=FORM)
    dispatcher = CollectingDispatcher()
    assert await ActionReachAPerson().run(dispatcher, tracker, domain) == [] and dispatcher.messages == []
    messages, slots = await _validate(tracker, domain)
    assert slots["request_contact_name"] == request.PROTECTED == slots["request_contact_phone"]


async def test_yes_to_the_one_organisation_offered_takes_it(tracker_for, domain):
    # "ja" to "Menar du den här?" got "Jag hittade inte den verksamheten" (verification round, session 27).
    offer = {"event": "bot", "text": "Menar du den här?", "data": {"buttons": [
        {"title": "Närhälsan Dals-Ed vårdcentral", "payload": "Närhälsan Dals-Ed vårdcentral"}]}}
    tracker = tracker_for("affirm", confidence=0.9, text="ja",
                          slots={"request_organisation": "ja", "requested_slot": "request_organisation"},
                          events=[offer, {"event": "slot", "name": "request_organisation", "value": "ja",
                                          "timestamp": None}], active_loop=FORM)
    tracker.events.insert(0, tracker.events.pop(1))  # the offer came before the answer
    messages, slots = await _validate(tracker, domain)
    assert slots["request_organisation"] == "narhalsan_dals_ed_vardcentral" and messages == []


def _scrubbed(text):
    from actions.casestore.crypto import build_cipher
    from channels.pii import scrub_request

    return scrub_request(text, {}, build_cipher(request.store().settings))


@pytest.mark.parametrize("value,expected,response", [
    ("Ny SIP", "ny", []),
    ("Uppföljning av en SIP vi redan har", "uppfoljning", []),
    ("banan", None, ["utter_request_kind_unclear"]),
])
async def test_kind(tracker_for, domain, value, expected, response):
    messages, slots = await _validate(_answer(tracker_for, "request_kind", value), domain)
    assert slots["request_kind"] == expected and _responses(messages) == response


@pytest.mark.parametrize("value,role,expected", [
    ("Regional hälso- och sjukvård", "vardnadshavare", "regional_hs"),
    ("soc", "vardnadshavare", "socialtjanst"),
    ("skolsköterskan", "vardnadshavare", "kommunal_hs"),
    ("jag själv", "ung", "enskilde"),
    # Persona round, session 26: a mother's "jag själv" was summarised as "den enskilde".
    ("jag själv", "vardnadshavare", "narstaende"),
    ("det var jag", "vardnadshavare", "narstaende"),
    ("en granne", "vardnadshavare", "annan"),  # free text never blocks the form
])
async def test_noticed_by(tracker_for, domain, value, role, expected):
    messages, slots = await _validate(_answer(tracker_for, "request_noticed_by", value, {"request_role": role}), domain)
    assert slots["request_noticed_by"] == expected and messages == []


@pytest.mark.parametrize("value,expected,response", [
    ("Telefonsamtal", "telefon", []), ("SMS", "sms", []), ("Brev", "brev", []),
    ("duva", None, ["utter_request_contact_preference_unclear"]),
])
async def test_contact_preference(tracker_for, domain, value, expected, response):
    messages, slots = await _validate(_answer(tracker_for, "request_contact_preference", value), domain)
    assert slots["request_contact_preference"] == expected and _responses(messages) == response


@pytest.mark.parametrize("slot,payload,expected", [
    ("request_contact_preference", "Telefonsamtal", "telefon"),
    ("request_noticed_by", "Annan", "annan"),
    ("request_kind", "Ny SIP", "ny"),
    # A short way named in own words (persona round, session 28: "Du kan alltid prata med en människa").
    ("request_contact_preference", "ring helst", "telefon"),
])
async def test_a_button_classified_as_a_command_still_answers_its_question(tracker_for, domain, slot, payload,
                                                                           expected):
    # The slot mapping refused it (intent "human"), so the slot is not set yet.
    tracker = tracker_for("human", confidence=0.7, text=payload, slots={"requested_slot": slot}, active_loop=FORM)
    messages, slots = await _validate(tracker, domain)
    assert slots[slot] == expected and messages == []


@pytest.mark.parametrize("text, silent", [("ring helst", True), ("Telefonsamtal", True),
                                          ("jag vill prata med en människa", False)])
async def test_asking_for_a_person_is_not_answered_when_the_message_answers_the_form(tracker_for, domain, text, silent):
    # "ring helst" got "Du kan alltid prata med en människa" before the form took it (persona round, session 28).
    from actions.conversation import ActionReachAPerson

    tracker = tracker_for("human", confidence=0.7, text=text, slots={"requested_slot": "request_contact_preference"},
                          active_loop=FORM)
    dispatcher = CollectingDispatcher()
    await ActionReachAPerson().run(dispatcher, tracker, domain)
    assert (dispatcher.messages == []) is silent


async def test_a_command_that_is_no_button_is_not_taken_as_the_answer(tracker_for, domain):
    tracker = tracker_for("human", confidence=0.9, text="jag vill prata med en människa",
                          slots={"requested_slot": "request_contact_preference"}, active_loop=FORM)
    messages, slots = await _validate(tracker, domain)
    assert "request_contact_preference" not in slots and messages == []


async def test_child_name(tracker_for, domain):
    messages, slots = await _validate(_answer(tracker_for, "request_child_name", "  Elsa  Andersson "), domain)
    assert slots["request_child_name"] == "Elsa Andersson" and messages == []
    assert "request_contact_name" not in slots  # a guardian is asked for their own name later


async def test_an_age_said_with_the_name_is_kept_and_not_judged_twice(tracker_for, domain):
    # "Leo Andersson, född 2010": the age was asked again (persona round, session 27).
    slots = {"request_role": "vardnadshavare", "request_sides": "both"}
    messages, filled = await _validate(_answer(tracker_for, "request_child_name", "Leo Andersson, född 2010", slots),
                                       domain)
    age = str(date.today().year - 2010)
    assert filled["request_child_name"] == "Leo Andersson" and filled["request_age"] == age
    assert _responses(messages) == ["utter_request_eligibility_sip"]
    # The personnummer (born 1 January 2010: the same age) then gets no second verdict; a different
    # age does.
    for said_age, expected in ((age, []), (str(int(age) - 1), ["utter_request_eligibility_sip"])):
        known = {**slots, "request_child_name": "Leo Andersson", "request_age": said_age}
        messages, filled = await _validate(_answer(tracker_for, "request_personnummer", PNR, known), domain)
        assert filled["request_age"] == age and _responses(messages) == expected


@pytest.mark.parametrize("role, text, age", [
    ("ung", "Sara Ek, jag är 19", "19"),
    ("vardnadshavare", "Leo Andersson, han är 9", "9"),
    ("vardnadshavare", "Leo Andersson, jag är 40", None),
    ("vardnadshavare", "Leo Andersson, rum 12", None),
])
async def test_only_the_childs_own_age_is_read_with_the_name(tracker_for, domain, role, text, age):
    # A young person's "Sara Ek, jag är 19" was asked the age again (session 38); a guardian's own age never counts.
    slots = {"request_role": role, "request_sides": "both"}
    _, filled = await _validate(_answer(tracker_for, "request_child_name", text, slots), domain)
    assert filled["request_child_name"] in ("Sara Ek", "Leo Andersson")
    assert filled.get("request_age") == age


@pytest.mark.parametrize("value", ["vill inte", "hoppa över", ""])
async def test_child_name_is_needed_and_says_why(tracker_for, domain, value):
    messages, slots = await _validate(_answer(tracker_for, "request_child_name", value), domain)
    assert slots["request_child_name"] is None and _responses(messages) == ["utter_request_child_name_needed"]


@pytest.mark.parametrize("slot", ["request_child_name", "request_contact_name", "request_needs"])
async def test_a_question_to_the_bot_is_not_kept_as_the_answer(tracker_for, domain, slot):
    # "Varför måste ni veta vad hon heter?" was once saved as the child's name.
    question = "Varför måste ni veta vad hon heter?"
    messages, slots = await _validate(_answer(tracker_for, slot, question, intent="nlu_fallback"), domain)
    assert slots[slot] is None
    assert messages and "utter_request_child_name_needed" not in _responses(messages)


async def test_child_name_with_skyddad_identitet_keeps_no_name_and_asks_for_no_phone(tracker_for, domain):
    messages, slots = await _validate(_answer(tracker_for, "request_child_name", "Vi har skyddad identitet"), domain)
    assert messages == []
    assert slots["request_child_name"] == slots["request_contact_phone"] == "skyddad"
    assert slots["request_contact_preference"] == "skyddad"
    assert slots["request_personnummer"] == request.SKIPPED  # only the age is asked


async def test_a_young_person_asking_for_themself_is_not_asked_their_name_twice(tracker_for, domain):
    messages, slots = await _validate(
        _answer(tracker_for, "request_child_name", "Elsa Andersson", {"request_role": "ung"}), domain)
    assert slots["request_child_name"] == slots["request_contact_name"] == "Elsa Andersson"


def _age_of(number):
    return str(request.rules.parse_age(number))


async def test_personnummer_is_sealed_and_gives_the_age(tracker_for, domain, case_store_env):
    messages, slots = await _validate(
        _answer(tracker_for, "request_personnummer", PNR, {"request_sides": "bada"}), domain)
    sealed = slots["request_personnummer"]
    assert "2382" not in sealed and "20100101" not in sealed  # slots go to the tracker store
    assert request.unseal(sealed) == PNR
    assert slots["request_age"] == _age_of(PNR)
    assert _responses(messages) == ["utter_request_eligibility_sip"]


async def test_a_personnummer_scrubbed_by_the_channel_is_read_from_the_encrypted_metadata(tracker_for, domain,
                                                                                         case_store_env):
    text, metadata = _scrubbed(PNR)
    assert text == "[personnummer]"
    tracker = _answer(tracker_for, "request_personnummer", text, {"request_sides": "bada"})
    tracker.events[0]["metadata"] = metadata
    messages, slots = await _validate(tracker, domain)
    assert request.unseal(slots["request_personnummer"]) == PNR and "2382" not in slots["request_personnummer"]
    assert slots["request_age"] == _age_of(PNR) and _responses(messages) == ["utter_request_eligibility_sip"]
    # Without the metadata it cannot be read: a clear message and the question again.
    messages, slots = await _validate(_answer(tracker_for, "request_personnummer", text), domain)
    assert slots["request_personnummer"] is None and _responses(messages) == ["utter_request_age_removed"]


async def test_a_scrubbed_personnummer_classified_as_a_command_still_answers(tracker_for, domain, case_store_env):
    text, metadata = _scrubbed(PNR)
    tracker = tracker_for("human", confidence=0.6, text=text, slots={"requested_slot": "request_personnummer"},
                          active_loop=FORM)
    tracker.events[0]["metadata"] = metadata
    messages, slots = await _validate(tracker, domain)
    assert request.unseal(slots["request_personnummer"]) == PNR


@pytest.mark.parametrize("value,slot_value,age,response", [
    ("20100101-2383", None, None, ["utter_request_age_personnummer"]),  # wrong check digit: try again
    ("bara åldern", "-", None, ["utter_request_personnummer_declined"]),  # the age question comes next
    ("vill inte ange", "-", None, ["utter_request_personnummer_declined"]),
    ("14", "-", "14", ["utter_request_eligibility_sip"]),  # an age is enough: no age question
    ("banan", None, None, ["utter_request_personnummer_unclear"]),
])
async def test_personnummer_answers(tracker_for, domain, case_store_env, value, slot_value, age, response):
    messages, slots = await _validate(
        _answer(tracker_for, "request_personnummer", value, {"request_sides": "bada"}), domain)
    assert slots["request_personnummer"] == slot_value and slots.get("request_age") == age
    assert _responses(messages) == response


async def test_a_personnummer_at_the_age_question_is_kept_sealed_too(tracker_for, domain, case_store_env):
    messages, slots = await _validate(_answer(tracker_for, "request_age", PNR, {"request_sides": "bada"}), domain)
    assert slots["request_age"] == _age_of(PNR) and request.unseal(slots["request_personnummer"]) == PNR


async def test_skyddad_identitet_at_the_phone_question_skips_the_contact_way(tracker_for, domain, case_store_env):
    known = {"request_child_name": "Alva Nord", "request_contact_name": "Alva Nord"}
    messages, slots = await _validate(_answer(tracker_for, "request_contact_phone", "skyddad identitet", known), domain)
    assert slots["request_contact_phone"] == slots["request_contact_preference"] == "skyddad"
    # No name is kept either (verification round, session 28: "Ditt namn: Alva Nord" beside it).
    assert slots["request_contact_name"] == slots["request_child_name"] == "skyddad"


def test_every_new_question_has_its_response_and_a_slot_in_the_form(domain):
    required = domain["forms"]["request_form"]["required_slots"]
    assert set(required) == set(request.SLOTS)
    for slot in ("request_kind", "request_child_name", "request_personnummer", "request_noticed_by",
                 "request_contact_preference"):
        assert f"utter_ask_{slot}" in domain["responses"]


async def test_an_opened_case_says_what_it_holds(tracker_for, domain, case_store_env):
    # Persona round, session 20: a SIP request's case was said to hold "0 frågor i förberedelsen".
    from actions.case_access import ActionCaseOverview

    async def overview(reference: str) -> tuple[str, list[str]]:
        dispatcher = CollectingDispatcher()
        tracker = tracker_for(slots={"case_reference": reference, "case_verified": True})
        assert await ActionCaseOverview().run(dispatcher, tracker, domain) == []
        [message] = dispatcher.messages
        assert message["response"] == "utter_case_overview" and message["reference"] == reference
        return message["saved"], [button["payload"] for button in message["buttons"]]

    # The buttons fit what the case holds (persona round, session 28: a request's case was offered only
    # the preparation).
    case = request.store().create_case()
    assert await overview(case.reference) == ("inget ännu", ["/start_preparation", "/delete_my_data"])
    request_store.save_request(request.store(), case.reference, request.request_data(tracker_for(slots=_filled())))
    assert await overview(case.reference) == ("dina SIP-förfrågningar", ["/request_status", "/delete_my_data"])
    request.store().save_answer(case.reference, "important_to_me", "Att få sova", answered_by="ung")
    assert await overview(case.reference) == ("dina svar inför SIP-mötet, dina SIP-förfrågningar",
                                              ["/start_preparation", "/request_status", "/delete_my_data"])


def _typed_at(tracker_for, slot, typed, earlier):
    """`typed` (scrubbed by the channel, as it reaches Rasa) answering `slot`, after `earlier`."""
    text, metadata = _scrubbed(typed)
    tracker = _answer(tracker_for, slot, text, slots=earlier)
    tracker.events[0]["metadata"] = metadata
    return tracker


async def test_a_personnummer_typed_at_a_later_question_corrects_the_earlier_one(tracker_for, domain,
                                                                                case_store_env):
    # Persona round, session 20: this got "Jag hittade inte den verksamheten" and 16 buttons, and
    # the summary kept the wrong personnummer.
    earlier = {**FILLED, "request_personnummer": request.seal(PNR), "request_age": "16"}
    tracker = _typed_at(tracker_for, "request_organisation",
                        "nej vänta jag skrev fel personnr, rätt är 20120315-1236", earlier)
    messages, slots = await _validate(tracker, domain)
    assert request.unseal(slots["request_personnummer"]) == "20120315-1236"
    assert slots["request_age"] == str(request_rules_age("20120315-1236"))
    assert slots["request_organisation"] is None  # asked again
    assert "utter_request_corrected" in _responses(messages)
    assert not any(r.startswith("utter_request_organisation") for r in _responses(messages))


def request_rules_age(number: str) -> int:
    from actions import request_rules

    return request_rules.parse_child(number)[0]


async def test_a_phone_number_typed_at_the_next_question_corrects_the_earlier_one(tracker_for, domain,
                                                                                 case_store_env):
    earlier = {**FILLED, "request_contact_phone": request.seal_phone("070123456")}
    tracker = _typed_at(tracker_for, "request_contact_preference", "ojj 070-123 45 67", earlier)
    messages, slots = await _validate(tracker, domain)
    assert request.open_phone(slots["request_contact_phone"]) == "0701234567"
    assert slots["request_contact_preference"] is None
    assert [m for m in messages if m.get("response") == "utter_request_corrected"] == [
        {**messages[-1], "response": "utter_request_corrected", "what": "telefonnumret"}]


async def test_a_new_phone_number_at_the_summary_is_taken_not_asked_for_again(tracker_for, domain, case_store_env):
    # Persona round, session 29: this cleared the number and asked for the one just typed.
    earlier = {**FILLED, "request_contact_phone": request.seal_phone("0701234567")}
    tracker = _typed_at(tracker_for, "request_confirm", "nej vänta, numret är fel, det ska vara 073-123 45 67", earlier)
    messages, slots = await _validate(tracker, domain)
    assert request.open_phone(slots["request_contact_phone"]) == "0731234567"
    assert slots["request_confirm"] is None  # the summary is shown again, with the new number
    assert "request_contact_preference" not in slots  # kept: only the number was wrong
    assert _responses(messages) == ["utter_request_corrected"] and messages[0]["what"] == "telefonnumret"


async def test_a_new_personnummer_at_the_summary_is_taken_with_its_age(tracker_for, domain, case_store_env):
    earlier = {**FILLED, "request_personnummer": request.seal(PNR)}
    tracker = _typed_at(tracker_for, "request_confirm", "personnumret blev fel, rätt är 20120315-1236", earlier)
    messages, slots = await _validate(tracker, domain)
    assert request.unseal(slots["request_personnummer"]) == "20120315-1236"
    assert slots["request_age"] == str(request_rules_age("20120315-1236")) and slots["request_confirm"] is None
    assert "utter_request_corrected" in _responses(messages)


async def test_a_wrong_number_at_the_summary_without_the_right_one_asks_for_it(tracker_for, domain, case_store_env):
    earlier = {**FILLED, "request_contact_phone": request.seal_phone("0701234567")}
    tracker = _typed_at(tracker_for, "request_confirm", "oj numret är fel", earlier)
    messages, slots = await _validate(tracker, domain)
    assert slots["request_contact_phone"] is None and slots["request_confirm"] is None
    assert _responses(messages) == ["utter_request_asks_again"] and messages[0]["what"] == "telefonnumret"


async def test_a_number_typed_where_none_was_given_before_corrects_nothing(tracker_for, domain, case_store_env):
    earlier = {**FILLED, "request_personnummer": request.SKIPPED}
    tracker = _typed_at(tracker_for, "request_needs", "han behöver stöd, personnummer 20120315-1236", earlier)
    messages, slots = await _validate(tracker, domain)
    assert "utter_request_corrected" not in _responses(messages)
    assert slots.get("request_personnummer") in (None, request.SKIPPED) and slots["request_needs"]


@pytest.mark.parametrize("typed", ["varför behöver ni det", "[telefonnummer]", "mamma"])
async def test_what_is_no_name_is_not_kept_as_the_contact_name(tracker_for, domain, typed):
    # Persona round, session 20: each was stored as "Ditt namn" and the request sent like that.
    messages, slots = await _validate(_answer(tracker_for, "request_contact_name", typed), domain)
    assert slots["request_contact_name"] is None and _responses(messages) == ["utter_request_name_needed"]


async def test_skyddad_identitet_at_the_contact_name_stores_no_name_or_phone(tracker_for, domain):
    messages, slots = await _validate(_answer(tracker_for, "request_contact_name", "vi har skyddad identitet"), domain)
    assert messages == []
    assert slots["request_contact_name"] == slots["request_contact_phone"] == "skyddad"


async def test_a_name_given_as_jag_heter_is_the_answer_though_read_as_asking_the_bot(tracker_for, domain):
    # Classified as bot_challenge, a command the slot mapping refuses: the slot is not set yet.
    tracker = tracker_for("bot_challenge", confidence=0.61, text="jag heter Eva Lind",
                          slots={"requested_slot": "request_contact_name"}, active_loop=FORM)
    messages, slots = await _validate(tracker, domain)
    assert slots["request_contact_name"] == "Eva Lind" and messages == []


async def test_an_invalid_number_typed_as_a_correction_is_refused_and_not_kept(tracker_for, domain, case_store_env):
    # Persona round, session 20: "nej vänta rätt personnummer är 20120315-1234" (wrong check digit)
    # at the need question became the need, with the whole number in it.
    earlier = {**FILLED, "request_personnummer": request.seal(PNR)}
    tracker = _typed_at(tracker_for, "request_needs", "nej vänta rätt personnummer är 20120315-1234", earlier)
    messages, slots = await _validate(tracker, domain)
    assert slots == {"request_needs": None}
    assert _responses(messages) == ["utter_request_age_personnummer"]
    phone = {**FILLED, "request_contact_phone": request.seal_phone("0701234567")}
    tracker = _typed_at(tracker_for, "request_contact_preference", "ojj 070-123 45 6", phone)
    messages, slots = await _validate(tracker, domain)
    assert slots == {"request_contact_preference": None} and _responses(messages) == ["utter_request_phone_invalid"]


@pytest.mark.parametrize("typed,cleared", [
    ("oj fel personnummer", {"request_personnummer", "request_age"}),
    ("fel nummer", set(request.CONTACT)),
])
async def test_a_wrong_number_without_the_right_one_is_asked_again(tracker_for, domain, case_store_env, typed, cleared):
    earlier = {**FILLED, "request_personnummer": request.seal(PNR), "request_contact_phone": request.seal_phone("0701234567")}
    messages, slots = await _validate(_answer(tracker_for, "request_consent", typed, earlier), domain)
    assert {slot for slot, value in slots.items() if value is None} == cleared | {"request_consent"}
    assert _responses(messages) == ["utter_request_asks_again"]


@pytest.mark.parametrize("slot", ["request_child_name", "request_needs", "request_noticed_by", "request_organisation"])
async def test_fortsatt_typed_at_a_question_asks_it_again(tracker_for, domain, slot):
    # "fortsätt" at a question of a request never paused was saved as the answer (persona round, session 24).
    messages, slots = await _validate(_answer(tracker_for, slot, "fortsätt", intent="continue_preparation"), domain)
    assert slots[slot] is None and _responses(messages) == ["utter_form_go_on"]


async def test_an_article_button_pressed_at_a_question_is_answered_not_kept(tracker_for, domain):
    payload = '/show_article{"article": "sip_vad_ar"}'
    tracker = _answer(tracker_for, "request_needs", payload, {"article": "sip_vad_ar"}, intent="show_article")
    messages, slots = await _validate(tracker, domain)
    assert slots["request_needs"] is None and "Källa:" in messages[0]["text"]


@pytest.mark.parametrize("value", ["nej vänta, jag vill att den går till elevhälsan istället, dom har vi mer kontakt med",
                                   "skicka till elevhälsan i stället"])
async def test_another_organisation_named_at_the_summary_replaces_the_one_chosen(tracker_for, domain, value):
    # Persona round, session 24: "… dom har vi mer kontakt med" asked for the contact details again.
    messages, slots = await _validate(_answer(tracker_for, "request_confirm", value, FILLED), domain)
    assert slots == {"request_confirm": None, "request_organisation": "dalsed_elevhalsan"}
    assert _responses(messages) == ["utter_request_organisation_changed"]



@pytest.mark.parametrize("value, cleared", [
    # Another part named: that part is asked again, the organisation stays.
    ("nej vänta, telefonnumret är fel, det är mitt nummer på vårdcentralen",
     set(request.CONTACT)),
])
async def test_an_organisation_named_while_changing_another_part_stays(tracker_for, domain, value, cleared):
    messages, slots = await _validate(_answer(tracker_for, "request_confirm", value, FILLED), domain)
    assert {slot for slot, v in slots.items() if v is None} == cleared | {"request_confirm"}
    assert "request_organisation" not in slots


async def test_an_organisation_named_with_inte_is_not_chosen(tracker_for, domain):
    filled = {**FILLED, "request_organisation": "dalsed_elevhalsan"}
    messages, slots = await _validate(_answer(tracker_for, "request_confirm", "nej, inte bup", filled), domain)
    assert slots == {"request_confirm": None} and _responses(messages) == ["utter_request_what_to_change"]


@pytest.mark.parametrize("text", ["mormor", "hans mormor", "Jag är hans mormor"])
async def test_a_relative_at_who_are_you_is_told_where_to_ask(tracker_for, domain, text):
    # "mormor" got the question again (persona round, session 28).
    messages, slots = await _validate(_answer(tracker_for, "request_role", text), domain)
    assert slots["request_role"] is None and _responses(messages) == ["utter_request_role_relative"]


async def test_a_name_with_the_age_after_it_keeps_both(tracker_for, domain):
    # "Noah Lindqvist 12 år" got "Verksamheten behöver namnet…" (persona round, session 31).
    slots = {"request_role": "vardnadshavare", "request_sides": "bada"}
    messages, filled = await _validate(_answer(tracker_for, "request_child_name", "Noah Lindqvist 12 år", slots), domain)
    assert (filled["request_child_name"], filled["request_age"]) == ("Noah Lindqvist", "12")
    assert _responses(messages) == ["utter_request_eligibility_sip"]


# --- changing a request already sent (persona round, session 32) ------------------------------

def _sent_request(tracker_for) -> dict:
    """A case with a request to BUP that the verksamhet has not handled, opened as after sending it."""
    case = request.store().create_case()
    request_store.save_request(request.store(), case.reference, request.request_data(tracker_for(slots=_filled())))
    return {"case_reference": case.reference, "case_verified": True}


async def _run_action(action, tracker, domain):
    dispatcher = CollectingDispatcher()
    events = await action.run(dispatcher, tracker, domain)
    return dispatcher.messages, events


def _says_only_it_cannot_be_changed_here(messages, opened) -> None:
    assert _responses(messages) == ["utter_request_change_after_sending"]
    assert messages[0]["organisation"] == "Barn- och ungdomspsykiatrin (BUP)"
    assert messages[0]["reference"] == opened["case_reference"]


async def test_changing_the_time_to_call_after_sending_is_explained_not_a_person_offered(tracker_for, domain,
                                                                                           case_store_env):
    # Leila got "Du kan alltid prata med en människa…" (`human`; persona round, session 32).
    from actions.conversation import ActionReachAPerson

    opened = _sent_request(tracker_for)
    messages, _ = await _run_action(ActionReachAPerson(), tracker_for(
        "human", confidence=0.73, text="jag vill ändra tid när de ringer mig", slots=opened), domain)
    _says_only_it_cannot_be_changed_here(messages, opened)
    # Asking for a person is still answered as before.
    messages, _ = await _run_action(ActionReachAPerson(), tracker_for(
        "human", text="jag vill prata med en människa", slots=opened), domain)
    assert "utter_request_change_after_sending" not in _responses(messages) and messages


async def test_asking_to_change_the_sent_request_with_its_reference_is_explained(tracker_for, domain, case_store_env):
    # "kan jag ändra begäran som jag skickade? referens …" offered only "Ta tillbaka begäran".
    opened = _sent_request(tracker_for)
    text = f"kan jag ändra begäran som jag skickade? referens {opened['case_reference']}"
    messages, events = await _run_action(request.ActionRequestStatus(), tracker_for(
        "request_status", confidence=0.58, text=text, slots=opened), domain)
    _says_only_it_cannot_be_changed_here(messages, opened)
    assert events == [{"event": "followup", "timestamp": None, "name": "action_listen"}]
    # The plain status question still shows the status and the offer.
    messages, _ = await _run_action(request.ActionRequestStatus(), tracker_for(
        "request_status", text="hur går det med min begäran", slots=opened), domain)
    assert _responses(messages) == ["utter_request_status", "utter_request_can_withdraw"]


@pytest.mark.parametrize("intent", ["nlu_fallback", "deny"])
async def test_no_to_withdrawing_with_a_change_is_explained_and_never_the_samtycke(tracker_for, domain,
                                                                                     case_store_env, intent):
    # "nej inte ta tillbaka. bara ändra tid. förmiddag bättre" got the text about withdrawing a samtycke
    # and that the SIP ends (persona round, session 32).
    opened = _sent_request(tracker_for)
    messages, events = await _run_action(request.ActionRequestNotWithdrawn(), tracker_for(
        intent, confidence=0.55, text="nej inte ta tillbaka. bara ändra tid. förmiddag bättre", slots=opened), domain)
    _says_only_it_cannot_be_changed_here(messages, opened)
    assert not any("samtycke" in (m.get("text") or "") for m in messages)
    assert [r["status"] for r in request_store.requests_for(request.store(), opened["case_reference"])] == ["received"]
    assert events == [{"event": "followup", "timestamp": None, "name": "action_listen"}]


async def test_a_plain_no_to_withdrawing_keeps_the_request_and_a_question_is_answered(tracker_for, domain,
                                                                                      case_store_env):
    opened = _sent_request(tracker_for)
    messages, _ = await _run_action(request.ActionRequestNotWithdrawn(), tracker_for(
        "deny", text="nej", slots=opened), domain)
    assert _responses(messages) == ["utter_request_kept"]
    messages, _ = await _run_action(request.ActionRequestNotWithdrawn(), tracker_for(
        "nlu_fallback", confidence=0.5, text="vad är ett förmöte", slots=opened), domain)
    assert messages and "utter_request_kept" not in _responses(messages)
    assert "utter_request_change_after_sending" not in _responses(messages)


async def test_a_change_without_an_opened_case_is_explained_without_asking_for_the_code(tracker_for, domain,
                                                                                         case_store_env):
    messages, events = await _run_action(request.ActionRequestStatus(), tracker_for(
        "request_status", confidence=0.58, text="kan jag ändra telefonnummer i min begäran"), domain)
    assert _responses(messages) == ["utter_request_change_after_sending_general"]
    assert "case_access_form" not in [e.get("name") for e in events]


async def test_a_change_typed_as_a_no_outside_any_rule_is_explained_by_the_fallback(tracker_for, domain,
                                                                                     case_store_env):
    from actions.fallback import ActionDefaultFallback

    opened = _sent_request(tracker_for)
    messages, events = await _run_action(ActionDefaultFallback(), tracker_for(
        "deny", confidence=0.5, text="nej inte ta tillbaka. bara ändra tid", slots=opened), domain)
    _says_only_it_cannot_be_changed_here(messages, opened)
    assert events == [{"event": "rewind", "timestamp": None}]


async def test_in_the_request_form_a_change_is_the_forms_own(tracker_for, domain, case_store_env):
    from actions.conversation import ActionReachAPerson

    tracker = tracker_for("human", text="jag vill ändra tid när de ringer mig",
                          slots={"requested_slot": "request_confirm"}, active_loop=FORM)
    messages, _ = await _run_action(ActionReachAPerson(), tracker, domain)
    assert "utter_request_change_after_sending" not in _responses(messages)


def test_a_no_after_the_offer_to_withdraw_goes_to_the_action_that_reads_it():
    import yaml

    from actions.settings import ROOT

    rules = yaml.safe_load((ROOT / "data" / "rules" / "request.yml").read_text(encoding="utf-8"))["rules"]
    routed = {(rule["steps"][0].get("action"), rule["steps"][1].get("intent")): rule["steps"][2].get("action")
              for rule in rules if len(rule["steps"]) == 3 and "intent" in rule["steps"][1]}
    for offer in ("action_request_status", "action_withdraw_request"):
        for intent in ("deny", "nlu_fallback"):
            assert routed[(offer, intent)] == "action_request_not_withdrawn"


async def test_a_no_after_the_explanation_with_its_offer_keeps_the_request(tracker_for, domain, case_store_env):
    # "nej" after "En begäran som redan är skickad kan jag inte ändra…" and its "Ta tillbaka begäran"
    # got "Nu hängde jag inte med" (verification round, session 32).
    from actions.fallback import ActionDefaultFallback

    opened = _sent_request(tracker_for)
    offer = {"event": "bot", "text": "Din begäran är redan skickad…",
             "data": {"buttons": [{"title": "Ta tillbaka begäran", "payload": "/withdraw_request"}]}}
    tracker = tracker_for("deny", confidence=0.5, text="nej", slots=opened)
    tracker.events.insert(0, offer)
    messages, _ = await _run_action(ActionDefaultFallback(), tracker, domain)
    assert _responses(messages) == ["utter_request_kept"]
    assert [r["status"] for r in request_store.requests_for(request.store(), opened["case_reference"])] == ["received"]
    # Without the offer before it, a "nej" is not about the request.
    messages, _ = await _run_action(ActionDefaultFallback(), tracker_for("deny", text="nej", slots=opened), domain)
    assert "utter_request_kept" not in _responses(messages)


def test_a_new_number_or_another_way_instead_is_a_change():
    # Verification round, session 32: "Nu hängde jag inte med".
    assert request.rules.asks_to_change_a_sent_request(
        "nej tack. sista grej: kan de ringa mig istället för sms? och mitt nya nummer är [telefonnummer]")
    assert not request.rules.asks_to_change_a_sent_request("kan jag få sip istället för ett vanligt möte")


async def test_a_question_the_sources_do_not_cover_inside_the_form_is_told_so_not_asked_again(tracker_for, domain):
    # Verification round, session 33: a mother's question on orosanmälan at the name question got
    # "Vad heter du?" twice.
    from actions.source_gaps import gap_reply

    typed = "vänta, en fråga först. skolan sa nåt om att de kanske ska göra en orosanmälan. ersätter en sip det?"
    messages, slots = await _validate(_answer(tracker_for, "request_contact_name", typed), domain)
    assert [m.get("text") for m in messages] == [gap_reply(typed)]
    assert slots["request_contact_name"] is None
