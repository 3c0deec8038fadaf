"""The request form after the persona round of session 33: a person asked for without a sent request,
an age under 18 in the role answer, what is kept of what was typed, and another municipality named."""
from __future__ import annotations

import pytest
from rasa_sdk.executor import CollectingDispatcher

import actions.request as request
from actions.casestore import request_store
from actions.conversation import ActionReachAPerson, municipality
from actions.request import ValidateRequestForm
from tests.actions.test_request import _filled

FORM = {"name": "request_form"}
CHANGE_TEXTS = {"utter_request_change_after_sending", "utter_request_change_after_sending_general"}
PERSON_TEXTS = {"utter_contact_centre", "utter_reach_a_person"}


def _answer(tracker_for, slot, value, slots=None, intent="out_of_scope", events=(), ranking=None):
    return tracker_for(
        intent, confidence=0.8, text=str(value), ranking=ranking,
        slots={**(slots or {}), slot: value, "requested_slot": slot},
        events=[*events, {"event": "slot", "name": slot, "value": value, "timestamp": None}],
        active_loop=FORM,
    )


async def _validate(tracker, domain):
    dispatcher = CollectingDispatcher()
    events = await ValidateRequestForm().run(dispatcher, tracker, domain)
    return dispatcher.messages, {e["name"]: e["value"] for e in events if e["event"] == "slot"}


async def _reach_a_person(tracker, domain):
    dispatcher = CollectingDispatcher()
    await ActionReachAPerson().run(dispatcher, tracker, domain)
    return [m["response"] for m in dispatcher.messages]


def _responses(messages):
    return [m["response"] for m in messages]


def _bot_said(response: str) -> dict:
    """A bot event as Rasa stores a response sent by a custom action."""
    return {"event": "bot", "text": "…", "metadata": {"utter_action": response}, "timestamp": None}


# --- 1. a person asked for after pausing the form: nothing was sent ----------------------------

PAUSED = [{"event": "active_loop", "name": "request_form", "timestamp": None},
          {"event": "active_loop", "name": None, "timestamp": None},
          _bot_said("utter_stopped_resumable")]


@pytest.mark.parametrize("text", [
    "Vem ska jag ringa till i Trollhättan om jag vill prata med en människa istället?",
    "Vem ska jag ringa till i Trollhättan om jag vill prata med en människa?",
    # A change asked for with nothing sent, here or in a case opened here: no text about a sent request.
    "jag vill ändra tid när de ringer mig",
])
async def test_asking_for_a_person_after_pausing_the_form_gets_a_person_not_a_sent_request(tracker_for, domain,
                                                                                          case_store_env, text):
    # A grandmother got "En begäran som redan är skickad kan jag inte ändra…" (persona round, session 33).
    responses = await _reach_a_person(tracker_for("human", confidence=0.86, text=text, events=PAUSED), domain)
    assert not CHANGE_TEXTS & set(responses)
    assert len(responses) == 1 and responses[0] in PERSON_TEXTS


async def test_a_change_after_sending_in_this_conversation_is_still_explained(tracker_for, domain, case_store_env):
    responses = await _reach_a_person(tracker_for(
        "human", confidence=0.73, text="jag vill ändra tid när de ringer mig",
        events=[_bot_said("utter_request_saved")]), domain)
    assert responses == ["utter_request_change_after_sending_general"]


async def test_asking_for_a_person_after_sending_is_not_taken_for_a_change(tracker_for, domain, case_store_env):
    # "… prata med en människa istället" is about a person, even with a request sent and its case open.
    case = request.store().create_case()
    request_store.save_request(request.store(), case.reference, request.request_data(tracker_for(slots=_filled())))
    responses = await _reach_a_person(tracker_for(
        "human", text="Vem ska jag ringa om jag vill prata med en människa istället?",
        slots={"case_reference": case.reference, "case_verified": True},
        events=[_bot_said("utter_request_saved")]), domain)
    assert not CHANGE_TEXTS & set(responses) and responses[0] in PERSON_TEXTS


# --- 2. an age under 18 said in the role answer -------------------------------------------------

@pytest.mark.parametrize("text", ["jag själv men jag e 17", "mig själv, jag är 16", "jag, 15 år",
                                  "Jag själv. Jag är bara 16"])
async def test_an_age_under_18_in_the_role_answer_is_told_where_to_ask_at_once(tracker_for, domain, text):
    # "jag själv men jag e 17" was taken as 18–20 and asked for his name and personnummer (session 33).
    messages, slots = await _validate(_answer(tracker_for, "request_role", text), domain)
    assert _responses(messages) == ["utter_request_under_18"]
    assert slots == {"request_role": None}  # nothing else filled: the role is asked again, no name


@pytest.mark.parametrize("text, role", [("jag själv", "ung"), ("jag själv, jag är 19", "ung"),
                                        ("vårdnadshavare", "vardnadshavare"),
                                        ("mamma, han är 15 år", "vardnadshavare")])
async def test_a_role_without_an_own_age_under_18_is_taken(tracker_for, domain, text, role):
    messages, slots = await _validate(_answer(tracker_for, "request_role", text), domain)
    assert slots["request_role"] == role and "utter_request_under_18" not in _responses(messages)


@pytest.mark.parametrize("slot, text", [("request_role", "vad händer med det jag redan skrev"),
                                        ("request_role", "sparas mitt namn nu eller"),
                                        ("request_organisation", "finns det jag skrev kvar?")])
async def test_what_is_kept_of_what_was_typed_is_answered_in_the_form(tracker_for, domain, slot, text):
    # Both got "Välj ett av alternativen" (persona round, session 33).
    messages, slots = await _validate(_answer(tracker_for, slot, text), domain)
    assert _responses(messages) == ["utter_request_what_is_kept"] and slots == {slot: None}
    kept = domain["responses"]["utter_request_what_is_kept"][0]["text"]
    paused = domain["responses"]["utter_stopped_resumable"][0]["text"]
    assert "Det du har skrivit finns kvar i den här chatten" in kept and "Inget är skickat" in kept
    assert "Det du har skrivit finns kvar i den här chatten" in paused  # the same fact, said the same way


async def test_a_need_that_mentions_a_name_being_saved_is_kept_as_the_need(tracker_for, domain):
    text = "Hon är rädd att hennes namn sparas i skolans papper"
    messages, slots = await _validate(_answer(tracker_for, "request_needs", text), domain)
    assert slots["request_needs"] == text and "utter_request_what_is_kept" not in _responses(messages)


# --- 3. another municipality named in the form --------------------------------------------------

OTHER = "utter_request_other_municipality"


@pytest.mark.parametrize("slot, text, intent", [
    ("request_organisation", "BUP i Trollhättan. Och skolan också, Leo går på Sylteskolan.", "out_of_scope"),
    ("request_organisation", "Är den här chatten för Trollhättan?", "faq"),
    ("request_role", "Kan vi använda den här tjänsten fast vi bor i Trollhättan?", "faq"),
    ("request_needs", "Leo bor hos mig i Trollhättans kommun", "out_of_scope"),
])
async def test_another_municipality_is_told_where_to_ask_and_the_question_comes_again(tracker_for, domain, slot,
                                                                                     text, intent):
    # A grandmother from Trollhättan got the list again and sent the request to it (persona round, session 33).
    tracker = _answer(tracker_for, slot, text, intent=intent, ranking=[("dalsed_vilken_kommun", 0.9)])
    messages, slots = await _validate(tracker, domain)
    assert _responses(messages) == [OTHER] and slots == {slot: None}
    assert messages[0]["municipality"] == municipality()["name"] == "Dals-Eds kommun"
    assert messages[0]["place"] == "Trollhättan"


def test_the_reply_names_both_places_where_to_ask_and_how_to_stop(domain):
    reply = domain["responses"][OTHER][0]["text"]
    assert "{municipality}" in reply and "{place}" in reply and "Skriv ”avbryt” om du vill sluta." in reply
    # The same advice as for a relative at "Vem är du?": the organisation the child has contact with.
    advice = "den verksamhet barnet redan har kontakt med, till exempel skolan, vården eller socialtjänsten"
    assert advice in reply
    assert "den verksamhet barnet har kontakt med, till exempel skolan, vården eller socialtjänsten" in \
        domain["responses"]["utter_request_role_relative"][0]["text"]
    assert reply.splitlines()[-1].startswith("Källa:")


@pytest.mark.parametrize("text, chosen", [
    ("Barn- och ungdomspsykiatrin (BUP)", "bup"),
    ("Hagaskolan", "dalsed_hagaskolan"),
])
async def test_an_organisation_of_the_list_is_still_chosen(tracker_for, domain, text, chosen):
    messages, slots = await _validate(_answer(tracker_for, "request_organisation", text), domain)
    assert slots == {"request_organisation": chosen} and messages == []


@pytest.mark.parametrize("text", ["Hagaskolan i Dals-Ed", "vi bor i Dals-Ed", "habiliteringen i Vänersborg",
                                  "Markus har kontakt med bup"])
async def test_the_own_municipality_or_a_listed_organisations_place_is_no_other_municipality(tracker_for, domain,
                                                                                          text):
    messages, _ = await _validate(_answer(tracker_for, "request_organisation", text), domain)
    assert OTHER not in _responses(messages) and messages


async def test_once_told_a_need_naming_the_place_is_kept_but_a_question_is_told_again(tracker_for, domain):
    told = [_bot_said(OTHER)]
    text = "Leo bor hos mig i Trollhättan sedan mamman blev sjuk"
    messages, slots = await _validate(_answer(tracker_for, "request_needs", text, events=told), domain)
    assert slots["request_needs"] == text and OTHER not in _responses(messages)
    messages, slots = await _validate(_answer(
        tracker_for, "request_organisation", "Är den här chatten för Trollhättan?", intent="faq", events=told), domain)
    assert _responses(messages) == [OTHER] and slots == {"request_organisation": None}


async def test_a_relative_from_another_municipality_at_who_are_you_hears_the_relatives_text(tracker_for, domain):
    messages, slots = await _validate(_answer(tracker_for, "request_role", "Jag är hans mormor i Trollhättan"), domain)
    assert _responses(messages) == ["utter_request_role_relative"] and slots == {"request_role": None}
