"""The request form after the persona round of session 35: a samtycke the person wants to give now,
contact wishes typed with the phone number, a young adult asking for themself, "samma" after a name,
and "vem kallar?" after sending."""
from __future__ import annotations

import pytest
import yaml
from rasa.core.nlg.response import TemplatedNaturalLanguageGenerator
from rasa_sdk.executor import CollectingDispatcher

import actions.request as request
from actions import request_rules as rules
from actions.casestore import request_store
from actions.request import ActionAskRequestConfirm, ActionSubmitRequest
from actions.settings import ROOT
from tests.actions.test_request import _filled, _scrubbed
from tests.actions.test_request_contact_time import _validate

FORM = {"name": "request_form"}
MOTHER = ("jag vill ge samtycke nu. skolan, bup och habiliteringen får prata med varandra. men INTE "
          "skolsköterskans anteckningar…")
YOUNG = "nej men jag vill ge det nu, kan jag göra det här?"


def _answer(tracker_for, slot, value, slots=None, intent="out_of_scope", events=(), filled=True):
    return tracker_for(
        intent, confidence=0.8, text=str(value),
        slots={**(slots or {}), **({slot: value} if filled else {}), "requested_slot": slot},
        events=[*events, *([{"event": "slot", "name": slot, "value": value, "timestamp": None}] if filled else [])],
        active_loop=FORM,
    )


def _bot_said(response: str) -> dict:
    return {"event": "bot", "text": "…", "metadata": {"utter_action": response}, "timestamp": None}


def _render(domain, response, slots, **kwargs):
    """The response as Rasa renders it, its variant chosen by the slots' conditions."""
    return TemplatedNaturalLanguageGenerator(domain["responses"]).generate_from_slots(
        response, slots, "rest", **kwargs)


# --- 1. a samtycke the person wants to give now -------------------------------------------------

@pytest.mark.parametrize("text, role, intent", [(MOTHER, "vardnadshavare", "give_consent"),
                                                (YOUNG, "ung", "give_consent"), (YOUNG, "ung", "faq"),
                                                ("jag vill ge samtycke nu", "vardnadshavare", "out_of_scope")])
async def test_a_wish_to_give_the_samtycke_now_is_said_back_and_kept_as_missing(tracker_for, domain, text, role,
                                                                               intent):
    # Kept as "saknas än" without a word, straight to the summary (persona round, session 35).
    responses, slots = await _validate(_answer(tracker_for, "request_consent", text, {"request_role": role},
                                               intent=intent), domain)
    assert responses == ["utter_request_consent_later"]
    assert slots["request_consent"] == rules.CONSENT_HERE
    said = domain["responses"]["utter_request_consent_later"][0]["text"]
    assert "direkt efter att begäran är skickad" in said and "saknas än" in said


async def test_asking_what_already_means_is_told_and_asked_again(tracker_for, domain):
    responses, slots = await _validate(_answer(tracker_for, "request_consent", "vad menar du med redan gett?",
                                               intent="faq"), domain)
    assert responses == ["utter_request_consent_already_explained"] and slots == {"request_consent": None}
    # With the wish: what "redan" means, and the wish kept (it "switched silently back" to "saknas än").
    text = "vad menar du med redan gett? jag ger det ju till dig nu"
    responses, slots = await _validate(_answer(tracker_for, "request_consent", text, intent="faq"), domain)
    assert responses == ["utter_request_consent_already_explained", "utter_request_consent_later"]
    assert slots["request_consent"] == rules.CONSENT_HERE


async def test_a_bare_yes_after_the_wish_is_asked_which_it_means(tracker_for, domain):
    # "ja" to the question again gave "Samtycke: finns", though nothing was given before (session 35).
    wished = [_bot_said("utter_request_consent_later")]
    responses, slots = await _validate(_answer(tracker_for, "request_consent", "ja", events=wished), domain)
    assert responses == ["utter_request_consent_which_yes"] and slots == {"request_consent": None}
    # The button says which: kept as given.
    _, slots = await _validate(_answer(tracker_for, "request_consent", "ja samtycke finns", events=wished), domain)
    assert slots["request_consent"] == rules.CONSENT_GIVEN
    # Without such a wish a "ja" is a yes, as before.
    _, slots = await _validate(_answer(tracker_for, "request_consent", "ja"), domain)
    assert slots["request_consent"] == rules.CONSENT_GIVEN


@pytest.mark.parametrize("role", ["vardnadshavare", "ung"])
def test_the_question_says_what_already_means_and_offers_giving_it_here(domain, role):
    asked = _render(domain, "utter_ask_request_consent", {"request_role": role})
    assert "Med ”redan” menar jag tidigare, till exempel på en blankett eller på ett möte" in asked["text"]
    payloads = {b["title"]: b["payload"] for b in asked["buttons"]}
    assert rules.wants_to_give_consent_now(payloads["Jag vill ge samtycke här"])
    already = next(p for t, p in payloads.items() if "redan" in t)
    assert already == "ja samtycke finns" and not rules.wants_to_give_consent_now(already)


async def test_a_wish_at_the_summary_is_kept_and_the_summary_shown_again(tracker_for, domain):
    responses, slots = await _validate(_answer(tracker_for, "request_confirm", "jag vill ge samtycke nu",
                                               _filled()), domain)
    assert responses == ["utter_request_consent_later"]
    assert slots == {"request_confirm": None, "request_consent": rules.CONSENT_HERE}


async def test_the_summary_says_it_is_missing_and_given_here_after_sending(tracker_for, domain, case_store_env):
    dispatcher = CollectingDispatcher()
    await ActionAskRequestConfirm().run(dispatcher, tracker_for(slots=_filled(request_consent=rules.CONSENT_HERE)),
                                        domain)
    [message] = dispatcher.messages
    assert message["consent"].startswith("saknas än") and "direkt efter att begäran är skickad" in message["consent"]
    # Stored as missing: nothing is given yet.
    assert request.request_data(tracker_for(slots=_filled(request_consent=rules.CONSENT_HERE))).consent == "saknas"


async def test_after_sending_the_samtycke_is_offered_in_the_same_case(tracker_for, domain, case_store_env):
    dispatcher = CollectingDispatcher()
    events = await ActionSubmitRequest().run(
        dispatcher, tracker_for(slots=_filled(request_consent=rules.CONSENT_HERE)), domain)
    reference = next(e["value"] for e in events if e.get("name") == "case_reference")
    assert {"event": "slot", "name": "case_verified", "value": True, "timestamp": None} in events
    offer = dispatcher.messages[-1]
    assert offer["response"] == "utter_request_offer_consent" and offer["reference"] == reference
    [button] = domain["responses"]["utter_request_offer_consent"][0]["buttons"]
    assert button["payload"] == "/give_consent"
    # That payload starts the consent form, which saves into the case opened here (case_reference).
    rules_file = yaml.safe_load((ROOT / "data" / "rules" / "consent.yml").read_text(encoding="utf-8"))
    assert any(r.get("steps", [{}])[0].get("intent") == "give_consent"
               and {"action": "action_start_consent"} in r["steps"] for r in rules_file["rules"])
    [row] = request_store.requests_for(request.store(), reference)
    assert row["consent"] == "saknas"
    # Not offered when the person did not ask for it.
    dispatcher = CollectingDispatcher()
    await ActionSubmitRequest().run(dispatcher, tracker_for(slots=_filled()), domain)
    assert "utter_request_offer_consent" not in [m.get("response") for m in dispatcher.messages]


# --- 2. contact wishes typed with the phone number ----------------------------------------------

async def test_a_way_typed_with_the_number_is_kept_and_not_asked(tracker_for, domain, case_store_env):
    # "0701234567 men sms helst" was asked "Hur vill du helst…" next (persona round, session 35).
    text, metadata = _scrubbed("0701234567 men sms helst")
    tracker = _answer(tracker_for, "request_contact_phone", text)
    tracker.events[0]["metadata"] = metadata
    responses, slots = await _validate(tracker, domain)
    assert request.open_phone(slots["request_contact_phone"]) == "0701234567" and responses == []
    assert slots["request_contact_preference"] == "sms" and slots["request_contact_time"] == "-"


async def test_a_time_typed_with_the_number_is_kept_when_sms_is_chosen(tracker_for, domain):
    # "070-312 45 67, helst efter 15", then SMS: "Passar bäst: -" in the summary (persona round, session 35).
    _, slots = await _validate(_answer(tracker_for, "request_contact_preference", "SMS",
                                       {"request_contact_time": "helst efter 15"}), domain)
    assert slots["request_contact_preference"] == "sms" and "request_contact_time" not in slots


async def test_a_number_typed_again_with_a_time_keeps_the_time(tracker_for, domain, case_store_env):
    text, metadata = _scrubbed("070-312 45 67, helst efter 15")
    tracker = _answer(tracker_for, "request_confirm", text, _filled())
    tracker.events[0]["metadata"] = metadata
    responses, slots = await _validate(tracker, domain)
    assert responses == ["utter_request_corrected"]
    assert request.open_phone(slots["request_contact_phone"]) == "0703124567"
    assert slots["request_contact_time"] == "helst efter 15" and slots["request_confirm"] is None


@pytest.mark.parametrize("slot, text", [("request_contact_time", "passar bäst passar bäst efter 15 på vardagar"),
                                        ("request_contact_time", "Passar bäst: efter 15 på vardagar"),
                                        ("request_confirm", "passar bäst efter 15 på vardagar")])
async def test_a_typed_time_loses_the_summarys_label(tracker_for, domain, slot, text):
    # Shown as "Passar bäst: passar bäst efter 15 på vardagar" (persona round, session 35).
    slots = _filled(request_contact_preference="telefon", request_contact_time="-") if slot == "request_confirm" else {}
    _, said = await _validate(_answer(tracker_for, slot, text, slots), domain)
    assert said["request_contact_time"] == "efter 15 på vardagar"


async def test_the_summary_leaves_out_a_time_never_asked(tracker_for, domain, case_store_env):
    async def summary(**slots):
        dispatcher = CollectingDispatcher()
        await ActionAskRequestConfirm().run(dispatcher, tracker_for(slots=_filled(**slots)), domain)
        [message] = dispatcher.messages
        kwargs = {k: v for k, v in message.items() if k not in ("response", "buttons", "text")}
        return _render(domain, "utter_request_summary", {}, **kwargs)["text"]

    sms = await summary(request_contact_preference="sms", request_contact_time="-")
    assert "Passar bäst" not in sms and "• Kontakt via: SMS\n• Samtycke: saknas än" in sms
    call = await summary(request_contact_preference="telefon", request_contact_time="efter kl 15")
    assert "• Kontakt via: telefonsamtal\n• Passar bäst: efter kl 15\n• Samtycke" in call


# --- 3. a young adult asking for themself --------------------------------------------------------

def test_no_question_before_who_you_are_names_the_child(domain):
    required = domain["forms"]["request_form"]["required_slots"]
    for slot in required[:required.index("request_role")]:
        for variant in domain["responses"][f"utter_ask_{slot}"]:
            assert "barnet" not in variant["text"]


def test_a_young_adult_is_asked_and_shown_their_own_wording(domain):
    # "Behöver barnet stöd…" and the summary's "Ändra uppgifter om barnet" to a 19-year-old (session 35).
    young = {"request_role": "ung"}
    assert _render(domain, "utter_ask_request_sides", young)["text"].startswith("Behöver du stöd")
    for response in ("utter_request_summary", "utter_request_confirm_unclear", "utter_request_what_to_change"):
        titles = [b["title"] for b in _render(domain, response, young, **{k: "x" for k in (
            "kind", "organisation", "role", "child_name", "personnummer", "age", "sides", "needs", "noticed_by",
            "name", "phone", "contact_preference", "contact_time_line", "consent")})["buttons"]]
        assert "Ändra mina uppgifter" in titles and not any("barnet" in t for t in titles)
        guardian = _render(domain, response, {"request_role": "vardnadshavare"})
        assert "Ändra uppgifter om barnet" in [b["title"] for b in guardian["buttons"]]


async def test_the_young_adults_change_button_asks_their_own_details_again(tracker_for, domain):
    _, slots = await _validate(_answer(tracker_for, "request_confirm", "ändra uppgifter om mig",
                                       _filled(request_role="ung")), domain)
    assert {s for s, v in slots.items() if v is None} == {
        "request_confirm", "request_child_name", "request_personnummer", "request_age"}


# --- 4. "samma" after a name ---------------------------------------------------------------------

@pytest.mark.parametrize("text, expected", [("leyla hassan samma", "leyla hassan"), ("samma", None),
                                            ("samma som förut", None)])
async def test_samma_is_no_part_of_the_childs_name(tracker_for, domain, text, expected):
    responses, slots = await _validate(_answer(tracker_for, "request_child_name", text), domain)
    assert slots["request_child_name"] == expected
    assert responses == ([] if expected else ["utter_request_child_name_needed"])


# --- 5. "vem kallar?" after sending ----------------------------------------------------------------

def _sent(tracker_for, text, **slots):
    case = request.store().create_case()
    data = request.request_data(tracker_for(slots=_filled(**slots)))
    request_store.save_request(request.store(), case.reference, data)
    return tracker_for("faq", text=text, slots={"case_reference": case.reference, "case_verified": True},
                       events=[_bot_said("utter_request_saved")])


async def test_who_calls_after_sending_is_the_organisation_it_went_to(tracker_for, domain, case_store_env):
    # "vem kallar?" got a general text and "Vill du be om en SIP? [Begära en SIP]" (persona round, session 35).
    tracker = _sent(tracker_for, "vem kallar?")
    assert request.sent_in_this_conversation(tracker)
    dispatcher = CollectingDispatcher()
    assert request.told_who_calls_after_sending(dispatcher, tracker)
    [message] = dispatcher.messages
    assert message["response"] == "utter_request_who_calls"
    assert message["organisation"] == rules.organisation_name("bup")
    text = domain["responses"]["utter_request_who_calls"][0]["text"]
    assert "Vem kallar?" in text and "Källa" in text and "3 veckor" in text


async def test_who_calls_with_skyddad_identitet_is_their_own_call(tracker_for, domain, case_store_env):
    tracker = _sent(tracker_for, "vem ringer mig nu?", request_contact_name="skyddad", request_contact_phone="skyddad",
                    request_contact_preference="skyddad")
    dispatcher = CollectingDispatcher()
    assert request.told_who_calls_after_sending(dispatcher, tracker)
    assert dispatcher.messages[0]["response"] == "utter_request_who_calls_protected"


async def test_who_calls_without_a_request_sent_here_is_left_to_the_articles(tracker_for, domain, case_store_env):
    tracker = tracker_for("faq", text="vem kallar?")
    assert not request.sent_in_this_conversation(tracker)
    assert not request.told_who_calls_after_sending(CollectingDispatcher(), tracker)
    # After sending, whom to call oneself is another question.
    assert not request.told_who_calls_after_sending(CollectingDispatcher(), _sent(tracker_for, "vem ska jag ringa?"))


async def test_the_answer_action_says_who_calls_and_offers_no_new_request(tracker_for, domain, case_store_env):
    # Through action_answer_question, as the bot runs it: the organisation, and no "Begära en SIP".
    from actions.answer_question import ActionAnswerQuestion, offers_fit

    tracker = _sent(tracker_for, "vem kallar?")
    dispatcher = CollectingDispatcher()
    await ActionAnswerQuestion().run(dispatcher, tracker, domain)
    responses = [m.get("response") for m in dispatcher.messages]
    assert responses == ["utter_request_who_calls"]
    assert not offers_fit(tracker, staff=False)
    assert offers_fit(tracker_for("faq", text="vem kallar?"), staff=False)
