"""The request form after the persona round of session 36: a familjehemsförälder saved as vårdnadshavare, a
protest and a question saved as the child's name, a "nej" before a valid personnummer, "båda men helst sms"
saved as a name, a question at the summary and at the kommun/region question, and "habben"."""
from __future__ import annotations

import pytest
from rasa.core.nlg.response import TemplatedNaturalLanguageGenerator

import actions.request as request
from actions import request_rules as rules
from tests.actions.test_request import FILLED, PNR, _scrubbed
from tests.actions.test_request_contact_time import _validate

FORM = {"name": "request_form"}
BEFORE_ROLE = {"request_kind": "ny", "request_sides": "bada"}
GUARDIAN = {**BEFORE_ROLE, "request_role": rules.VARDNADSHAVARE}
BIRGITTA = ("Ingen av dem stämmer riktigt. Jag är familjehemsförälder, Elin bor hos oss men hennes mamma är "
            "vårdnadshavare.")


def _at(tracker_for, slot, text, slots=None, intent="out_of_scope", confidence=0.5, metadata=None, ranking=None):
    """`text` typed where `slot` is asked, taken by the slot mapping."""
    tracker = tracker_for(intent, confidence=confidence, text=text, ranking=ranking,
                          slots={**(slots or {}), slot: text, "requested_slot": slot},
                          events=[{"event": "slot", "name": slot, "value": text, "timestamp": None}],
                          active_loop=FORM)
    if metadata is not None:
        tracker.events[0]["metadata"] = metadata
    return tracker


def _render(domain, response, slots, **kwargs):
    return TemplatedNaturalLanguageGenerator(domain["responses"]).generate_from_slots(
        response, slots, "rest", **kwargs)


# --- 1. the role ----------------------------------------------------------------------------------------

@pytest.mark.parametrize("text", [BIRGITTA, "Jag är familjehemsförälder. Räknas jag som vårdnadshavare?"])
async def test_a_foster_parent_with_a_guardians_words_is_not_saved_as_one(tracker_for, domain, text):
    responses, slots = await _validate(_at(tracker_for, "request_role", text, BEFORE_ROLE, intent="faq"), domain)
    # The same honest reply as "familjehemsförälder" alone.
    alone, _ = await _validate(_at(tracker_for, "request_role", "familjehemsförälder", BEFORE_ROLE), domain)
    assert slots == {"request_role": None} and responses == alone == ["utter_request_role_foster_home"]


@pytest.mark.parametrize("text", ["Men jag är ju inte vårdnadshavare, det är Elins mamma som har vårdnaden",
                                  "jag är pappa men mamman har vårdnaden"])
async def test_someone_who_says_another_has_the_custody_is_not_saved_as_a_guardian(tracker_for, domain, text):
    responses, slots = await _validate(_at(tracker_for, "request_role", text, BEFORE_ROLE), domain)
    assert slots == {"request_role": None} and responses == ["utter_request_role_relative"]


@pytest.mark.parametrize("text", ["jag är mamma", "jag är mamma, pappan har också vårdnaden",
                                  "jag är mamma, hon bor i familjehem"])
async def test_a_guardian_is_still_a_guardian(tracker_for, domain, text):
    responses, slots = await _validate(_at(tracker_for, "request_role", text, BEFORE_ROLE), domain)
    assert slots == {"request_role": rules.VARDNADSHAVARE} and responses == []


async def test_far_meaning_may_is_not_taken_for_a_father(tracker_for, domain):
    # After the foster reply, her question was saved as vårdnadshavare ("får" folds to "far").
    text = ("Jaha, tack för att du säger det rakt. Men om jag inte får begära SIP här, får jag då ge samtycke för "
            "Elin? Hon bor ju hos mig.")
    _, slots = await _validate(_at(tracker_for, "request_role", text, BEFORE_ROLE, intent="nlu_fallback"), domain)
    assert slots["request_role"] is None


@pytest.mark.parametrize("slot, text", [
    ("request_child_name", "Vänta, registrerade du mig nu som vårdnadshavare? Det är jag inte."),
    ("request_confirm", "Nej, det stämmer inte. Det står att jag är vårdnadshavare, men jag är "
                        "familjehemsförälder. Och Elin heter inte Vänta, hon heter Elin Persson."),
])
async def test_a_guardian_role_disputed_later_is_taken_away_and_asked_again(tracker_for, domain, slot, text):
    slots_before = {**FILLED, "request_personnummer": "-"} if slot == "request_confirm" else GUARDIAN
    responses, slots = await _validate(_at(tracker_for, slot, text, slots_before, intent="deny"), domain)
    assert slots[slot] is None
    assert {s for s in request.ROLE_CLEARS if slots.get(s, "kept") is None} == set(request.ROLE_CLEARS)
    assert responses[0] == "utter_request_role_removed"
    assert responses[1] == ("utter_request_role_foster_home" if "familjehem" in text
                            else "utter_request_role_relative")
    # The form asks the first question without an answer: "Vem är du?".
    required = domain["forms"]["request_form"]["required_slots"]
    after = {**slots_before, **slots}
    assert next(s for s in required if after.get(s) is None) == "request_role"


@pytest.mark.parametrize("text", ["Det står fortfarande att jag är vårdnadshavare. Hur ändrar jag det? Jag vill "
                                  "inte skicka in något som inte är sant.", "ändra vem jag är"])
async def test_the_role_can_be_changed_at_the_summary(tracker_for, domain, text):
    # It got "Vad vill du ändra? Välj en knapp." with no button for the role (persona round, session 36).
    summary = {**FILLED, "request_personnummer": "-"}
    responses, slots = await _validate(_at(tracker_for, "request_confirm", text, summary, intent="faq"), domain)
    assert responses == ["utter_request_role_removed"]
    assert {s for s, v in slots.items() if v is None} == {"request_confirm", *request.ROLE_CLEARS}


def test_the_choices_after_the_summary_offer_changing_the_role(domain):
    for response in ("utter_request_what_to_change", "utter_request_confirm_unclear"):
        for variant in domain["responses"][response]:
            assert "ändra vem jag är" in {button["payload"] for button in variant["buttons"]}
    assert rules.wants_to_change_the_role("ändra vem jag är")


# --- 2. a name that is no name ----------------------------------------------------------------------------

async def test_asking_what_is_noted_at_the_name_question_is_told_and_asked_again(tracker_for, domain):
    text = "Förlåt, jag förstår inte. Vad har du skrivit att jag är nu?"
    tracker = _at(tracker_for, "request_child_name", text, GUARDIAN, intent="nlu_fallback", confidence=0.55)
    responses, slots = await _validate(tracker, domain)
    assert slots == {"request_child_name": None} and responses == ["utter_request_noted_so_far"]
    said = _render(domain, "utter_request_noted_so_far", {}, role=request.label(domain, rules.VARDNADSHAVARE))
    assert "du är vårdnadshavare" in said["text"] and "ändra vem jag är" in said["text"]


@pytest.mark.parametrize("slot, text", [("request_child_name", "Vänta, är det hela namnet ni vill ha"),
                                        ("request_contact_name", "båda men helst sms")])
async def test_words_that_are_no_name_are_not_saved_as_one(tracker_for, domain, slot, text):
    responses, slots = await _validate(_at(tracker_for, slot, text, GUARDIAN, intent="inform"), domain)
    assert slots == {slot: None}
    assert responses == ["utter_request_child_name_needed" if slot == "request_child_name"
                         else "utter_request_name_needed"]


# --- 3. a personnummer after a "nej" ---------------------------------------------------------------------

async def test_a_valid_personnummer_wins_over_a_no(tracker_for, domain, case_store_env):
    # "nej vänta jag kollar papper... det är 20160418-2384" got "Det går bra. Då räcker det med åldern."
    text, metadata = _scrubbed(f"nej vänta jag kollar papper... det är {PNR}")
    assert "[personnummer]" in text
    tracker = _at(tracker_for, "request_personnummer", text, GUARDIAN, intent="deny", metadata=metadata)
    responses, slots = await _validate(tracker, domain)
    assert request.unseal(slots["request_personnummer"]) == PNR and slots["request_age"] is not None
    assert "utter_request_personnummer_declined" not in responses
    # A "nej" without a number is still a refusal.
    responses, slots = await _validate(_at(tracker_for, "request_personnummer", "nej helst inte", GUARDIAN), domain)
    assert slots["request_personnummer"] == "-" and responses == ["utter_request_personnummer_declined"]


# --- 4. "jag heter X" later corrects the name ---------------------------------------------------------------

async def test_an_own_name_typed_at_the_phone_question_corrects_the_name(tracker_for, domain, case_store_env):
    text, metadata = _scrubbed("oj jag läste fel. jag heter Amina Hassan. telefon 070-123 45 67")
    earlier = {**GUARDIAN, "request_contact_name": "Fel Namn"}
    tracker = _at(tracker_for, "request_contact_phone", text, earlier, intent="nlu_fallback", metadata=metadata)
    responses, slots = await _validate(tracker, domain)
    assert slots["request_contact_name"] == "Amina Hassan"
    assert request.open_phone(slots["request_contact_phone"]) == "0701234567"
    assert responses == ["utter_request_corrected"]


async def test_an_own_name_typed_at_the_summary_corrects_it_and_shows_the_summary_again(tracker_for, domain):
    responses, slots = await _validate(_at(tracker_for, "request_confirm", "jag heter Amina Hassan", FILLED), domain)
    assert slots == {"request_confirm": None, "request_contact_name": "Amina Hassan"}
    assert responses == ["utter_request_corrected"]


# --- 5. a question at the summary ---------------------------------------------------------------------------

async def test_who_is_told_is_answered_at_the_summary(tracker_for, domain):
    text = "innan jag skickar, får pappan veta att jag skickat? han har också vårdnad"
    tracker = _at(tracker_for, "request_confirm", text, FILLED, intent="crisis_check_in", confidence=1.0)
    responses, slots = await _validate(tracker, domain)
    assert slots == {"request_confirm": None} and responses == ["utter_request_who_is_told"]
    said = _render(domain, "utter_request_who_is_told", {"request_role": rules.VARDNADSHAVARE},
                   organisation="Hagaskolan")["text"]
    # What the system does, and that the material does not say whether one guardian is enough.
    assert "bara till Hagaskolan" in said and "andra vårdnadshavare" in said and "säger inte" in said
    young = _render(domain, "utter_request_who_is_told", {"request_role": rules.UNG}, organisation="BUP")["text"]
    assert "vårdnadshavare" not in young


@pytest.mark.parametrize("text", ["men måste hon själv vara med på mötet?", "okej men måste hon vara med på mötet?"])
async def test_another_question_at_the_summary_is_answered_and_nothing_is_sent(tracker_for, domain, text):
    tracker = _at(tracker_for, "request_confirm", text, FILLED, intent="faq", confidence=0.95,
                  ranking=[("sip_barnets_delaktighet", 0.95)])
    responses, slots = await _validate(tracker, domain)
    # The article's answer (no response name), then the form shows the summary and its choices again.
    assert slots == {"request_confirm": None} and "utter_request_confirm_unclear" not in responses and responses


# --- 6. habben ------------------------------------------------------------------------------------------

@pytest.mark.parametrize("text", ["habben", "habbe"])
async def test_habben_is_offered_as_habiliteringen(tracker_for, domain, text):
    responses, slots = await _validate(_at(tracker_for, "request_organisation", text, FILLED), domain)
    assert slots == {"request_organisation": None} and responses == ["utter_request_organisation_pick_one"]


# --- 8. the kommun/region question asked back ----------------------------------------------------------------

async def test_a_question_at_the_sides_question_is_answered_before_moving_on(tracker_for, domain):
    text = "asså jag har vuxenpsyk och soc om boende, e det båda?"
    responses, slots = await _validate(_at(tracker_for, "request_sides", text, {"request_kind": "ny"}, intent="faq",
                                           confidence=0.88), domain)
    assert slots == {"request_sides": rules.BOTH} and responses == ["utter_request_sides_explained"]
    said = _render(domain, "utter_request_sides_explained", {}, sides=request.label(domain, rules.BOTH))["text"]
    assert "hör till kommunen" in said and "hör till regionen" in said and "både kommunen och regionen" in said
    # A plain answer is taken as before, without the explanation.
    responses, slots = await _validate(_at(tracker_for, "request_sides", "både kommun och region",
                                           {"request_kind": "ny"}), domain)
    assert slots == {"request_sides": rules.BOTH} and responses == []
