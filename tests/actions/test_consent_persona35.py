"""Consent after the persona round of session 35 (a mother, Swedish her second language): words that
are no organisation, words around a guardian's name, and organisations named as the samtycke starts."""
from __future__ import annotations

import json
from datetime import timedelta

import pytest
from rasa_sdk.executor import CollectingDispatcher

from actions.casestore import consents as consent_store
from actions.casestore.consents import Giver, NewConsent, PartyRecord
from actions.consent import ActionStartConsent, ActionWithdrawConsent, ValidateConsentForm
from actions.store_access import case_store
from tests.actions.test_consent import FORM, TODAY, Conversation, _run, _slot_events

GUARDIAN = {"consent_under_18": "ja", "consent_giver": "vardnadshavare", "consent_guardian_count": "1"}


# --- words that name no organisation ----------------------------------------------------------------

@pytest.mark.parametrize("text, parties", [
    ("skolan och bup, sa jag ju", [["skolan", "skola"], ["bup", "bup"]]),
    ("skolan och bup sa jag ju", [["skolan", "skola"], ["bup", "bup"]]),
    ("bara skolan, typ bup tack", [["skolan", "skola"], ["bup", "bup"]]),
    ("skolan, som jag sa", [["skolan", "skola"]]),
    # Names the word list does not know are still kept as typed.
    ("Friskolan Lärkan, ju", [["Friskolan Lärkan", "skola"]]),
    ("Dr Svensson, typ", [["Dr Svensson", None]]),
])
async def test_filler_at_the_organisations_is_not_an_organisation(tracker_for, domain, case_store_env, text,
                                                                   parties):
    # "sa jag ju" was listed as an organisation (persona round, session 35).
    talk = Conversation(tracker_for, domain)
    assert await talk.answer("consent_parties", text) == ["utter_consent_parties_understood"]
    assert json.loads(talk.slots["consent_parties"]) == parties
    assert "sa jag ju" not in talk.responses[0]["parties"]


async def test_only_filler_names_no_organisation(tracker_for, domain, case_store_env):
    talk = Conversation(tracker_for, domain)
    assert await talk.answer("consent_parties", "sa jag ju") == ["utter_consent_no_parties"]
    assert talk.slots["consent_parties"] is None


# --- words around a guardian's name --------------------------------------------------------------------

@pytest.mark.parametrize("text, name", [("leyla hassan samma", "leyla hassan"), ("Leyla Hassan, samma som förut",
                                                                                  "Leyla Hassan"),
                                        ("Leyla Hassan tack", "Leyla Hassan"), ("ja Leyla Hassan", "Leyla Hassan")])
async def test_words_after_a_name_are_not_part_of_it(tracker_for, domain, case_store_env, text, name):
    # "leyla hassan samma" was saved as the name (persona round, session 35).
    talk = Conversation(tracker_for, domain, slots=GUARDIAN)
    assert await talk.answer("consent_guardian_1", text) == []
    assert talk.slots["consent_guardian_1"] == name


def _validate_name(tracker_for, text: str, slots: dict, earlier: list[dict] | None = None):
    tracker = tracker_for("out_of_scope", confidence=0.4, text=text,
                          slots={**slots, "consent_guardian_1": text, "requested_slot": "consent_guardian_1"},
                          events=[*(earlier or []),
                                  {"event": "slot", "name": "consent_guardian_1", "value": text, "timestamp": None}],
                          active_loop=FORM)
    return tracker


async def test_the_same_as_before_takes_the_name_given_earlier_in_the_chat(tracker_for, domain, case_store_env):
    # An earlier samtycke in this chat had the name; the form emptied the slot as it started again.
    earlier = [{"event": "slot", "name": "consent_guardian_1", "value": "Leyla Hassan", "timestamp": None},
               {"event": "slot", "name": "consent_guardian_1", "value": None, "timestamp": None}]
    for text in ("samma", "samma som förut", "samma som förra gången"):
        dispatcher = CollectingDispatcher()
        events = await ValidateConsentForm().run(dispatcher, _validate_name(tracker_for, text, GUARDIAN, earlier),
                                                 domain)
        assert _slot_events(events)["consent_guardian_1"] == "Leyla Hassan"
        assert [m["response"] for m in dispatcher.messages] == ["utter_consent_guardian_name_same"]
        assert dispatcher.messages[0]["name"] == "Leyla Hassan"


async def test_the_same_as_before_takes_the_name_of_the_opened_cases_samtycke(tracker_for, domain, case_store_env):
    reference = case_store().create_case().reference
    consent_store.record_consent(case_store(), reference, NewConsent(
        under_adult_age=True, givers=[Giver("vardnadshavare", name="Leyla Hassan")],
        parties=[PartyRecord("BUP", "bup")], may_share="Skolgång", valid_from=TODAY,
        valid_to=TODAY + timedelta(days=100), form="skriftligt"))
    slots = {**GUARDIAN, "case_reference": reference, "case_verified": True}
    dispatcher = CollectingDispatcher()
    events = await ValidateConsentForm().run(dispatcher, _validate_name(tracker_for, "samma som förut", slots), domain)
    assert _slot_events(events)["consent_guardian_1"] == "Leyla Hassan"
    assert [m["response"] for m in dispatcher.messages] == ["utter_consent_guardian_name_same"]


@pytest.mark.parametrize("text", ["samma", "samma som förut", "samma som jag"])
async def test_the_same_as_before_with_no_name_known_asks_again_plainly(tracker_for, domain, case_store_env, text):
    talk = Conversation(tracker_for, domain, slots=GUARDIAN)
    assert await talk.answer("consent_guardian_1", text) == ["utter_consent_guardian_name_same_unknown"]
    assert talk.slots["consent_guardian_1"] is None
    assert talk.requested == "consent_guardian_1"


@pytest.mark.parametrize("text", ["ja", "tack"])
async def test_a_word_with_no_name_is_not_a_name(tracker_for, domain, case_store_env, text):
    talk = Conversation(tracker_for, domain, slots=GUARDIAN)
    assert await talk.answer("consent_guardian_1", text) == ["utter_consent_guardian_name_only"]
    assert talk.slots["consent_guardian_1"] is None


async def test_no_name_is_still_allowed(tracker_for, domain, case_store_env):
    talk = Conversation(tracker_for, domain, slots=GUARDIAN)
    assert await talk.answer("consent_guardian_1", "nej") == []
    assert talk.slots["consent_guardian_1"] == "-"


# --- organisations named as the samtycke starts ------------------------------------------------------

WISH = "jag vill göra ett samtycke till, bara skolan och bup"


async def _start_and_activate(action, tracker_for, domain, text, intent="give_consent", slots=None):
    """Run the action that starts the form, then the validation Rasa runs as the form activates: with
    the slots set before it that the form requires (FormAction.activate's pre-filled slots)."""
    messages, events = await _run(action(), tracker_for(intent, text=text, slots=slots), domain)
    slots_now = {**(slots or {}), **_slot_events(events)}
    prefilled = [{"event": "slot", "name": name, "value": value, "timestamp": None}
                 for name, value in slots_now.items() if name.startswith("consent_") and value is not None]
    tracker = tracker_for(intent, text=text, slots=slots_now, events=prefilled, active_loop=FORM)
    dispatcher = CollectingDispatcher()
    validated = await ValidateConsentForm().run(dispatcher, tracker, domain)
    return messages, events, dispatcher.messages, {**slots_now, **_slot_events(validated)}


async def test_organisations_in_the_first_message_are_not_asked_for_again(tracker_for, domain, case_store_env):
    # The form asked which organisations, as if nothing was said (persona round, session 35).
    messages, _, said, slots = await _start_and_activate(ActionStartConsent, tracker_for, domain, WISH)
    assert [m["response"] for m in messages] == ["utter_consent_intro"]
    assert json.loads(slots["consent_parties"]) == [["skolan", "skola"], ["bup", "bup"]]
    # Said back, with how to change a wrong guess.
    assert [m["response"] for m in said] == ["utter_consent_parties_prefilled"]
    assert "Skolan" in said[0]["parties"] and "BUP" in said[0]["parties"]
    assert slots["requested_slot"] == "consent_under_18"
    # Later on, the organisations are not asked for.
    answered = {**GUARDIAN, "consent_guardian_1": "Leyla Hassan"}
    talk = Conversation(tracker_for, domain,
                        slots={**{k: v for k, v in slots.items() if k != "requested_slot"}, **answered})
    await talk.answer("consent_child_view", "hon tycker det är bra")
    assert talk.requested == "consent_may_share"


async def test_the_wish_read_as_a_withdrawal_keeps_its_organisations(tracker_for, domain, case_store_env):
    # The verification round of session 34's message, which starts a new samtycke; "inte soc" stays out.
    text = "ok. jag vill göra ett samtycke till, pappa ska också med. och bara skolan och bup, inte soc"
    _, _, said, slots = await _start_and_activate(ActionWithdrawConsent, tracker_for, domain, text,
                                                  intent="withdraw_consent")
    assert json.loads(slots["consent_parties"]) == [["skolan", "skola"], ["bup", "bup"]]
    assert [m["response"] for m in said] == ["utter_consent_parties_prefilled"]


@pytest.mark.parametrize("text", ["/give_consent", "lämna samtycke", "jag vill att skolan och bup ska få prata"])
async def test_a_wish_that_names_no_organisation_for_sure_asks_for_them(tracker_for, domain, case_store_env, text):
    _, events, said, slots = await _start_and_activate(ActionStartConsent, tracker_for, domain, text)
    assert slots.get("consent_parties") is None and said == []
