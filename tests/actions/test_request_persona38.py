"""The request form after the persona round of session 38 (Johanna, Amir, Lars): a question about the other
guardian at the child's name got "Verksamheten behöver namnet…"; "sms. och jag behover tolk arabiska" kept the
SMS and dropped the interpreter; "ändra behov" asked the kommun/region and "Vem märkte först…?" questions again;
"lss-handläggaren" was saved as socialtjänst without a word."""
from __future__ import annotations

import re

import pytest
from rasa_sdk.executor import CollectingDispatcher

import actions.request as request
from actions import request_rules as rules
from actions.request import ActionAskRequestConfirm
from tests.actions.test_request import _filled
from tests.actions.test_request_contact_time import _validate
from tests.actions.test_request_persona36 import FORM, GUARDIAN, _at, _render

JOHANNA = ("vänta. måste hans pappa också godkänna innan ni skickar det här? jag vill inte att det blir bråk")
JOHANNA_CONSENT = ("ni? jag kan bara svara för mig själv, pappan har inte gett något samtycke. räcker det med mitt?")
AMIR = "sms. och jag behover tolk arabiska"
BEFORE_CONTACT_WAY = {key: value for key, value in _filled().items()
                      if key not in ("request_contact_preference", "request_contact_time", "request_consent",
                                     "request_confirm")}


def _said(tracker_for, *texts, slots, intent="inform"):
    """A tracker whose request form was started, then `texts` typed, the last one at the summary."""
    events = [{"event": "action", "name": "action_request_start"}]
    events += [{"event": "user", "text": text, "parse_data": {}} for text in texts]
    tracker = tracker_for(intent, confidence=0.9, text=texts[-1], slots={**slots, "request_confirm": texts[-1],
                                                                         "requested_slot": "request_confirm"},
                          active_loop=FORM)
    tracker.events = events + [{"event": "slot", "name": "request_confirm", "value": texts[-1], "timestamp": None}]
    return tracker


# --- 1. a question about the other guardian at any question ------------------------------------------------

async def test_the_other_guardian_question_at_the_childs_name_is_answered_and_the_name_asked_again(tracker_for,
                                                                                                   domain):
    responses, slots = await _validate(_at(tracker_for, "request_child_name", JOHANNA, GUARDIAN, intent="nlu_fallback",
                                           confidence=0.55), domain)
    assert slots == {"request_child_name": None}
    assert responses == ["utter_request_who_is_told_before_choosing"]
    said = _render(domain, "utter_request_who_is_told_before_choosing", GUARDIAN)["text"]
    # The honest text the summary gives: nobody else is told, and the material does not say if one is enough.
    assert "säger inget till barnets andra vårdnadshavare" in said and "godkännande" in said
    assert "säger inte om det räcker att en av två vårdnadshavare samtycker" in said


def test_a_young_adult_reads_no_family_words_before_choosing(domain):
    said = _render(domain, "utter_request_who_is_told_before_choosing", {"request_role": rules.UNG})["text"]
    assert not re.search(r"\b(barnet|barnets|vårdnadshavare)\b", said) and "dina föräldrar" in said


async def test_once_the_organisation_is_chosen_it_is_named(tracker_for, domain):
    slots_before = {key: value for key, value in _filled().items() if key != "request_contact_name"}
    responses, slots = await _validate(_at(tracker_for, "request_contact_name", JOHANNA, slots_before,
                                           intent="nlu_fallback", confidence=0.55), domain)
    assert slots == {"request_contact_name": None} and responses == ["utter_request_who_is_told"]


async def test_at_the_consent_the_question_is_answered_and_the_answer_kept(tracker_for, domain):
    slots_before = {key: value for key, value in _filled().items() if key not in ("request_consent", "request_confirm")}
    responses, slots = await _validate(_at(tracker_for, "request_consent", JOHANNA_CONSENT, slots_before,
                                           intent="nlu_fallback", confidence=0.55), domain)
    assert responses == ["utter_request_who_is_told"] and slots == {"request_consent": rules.CONSENT_MISSING}


async def test_in_the_needs_the_story_is_kept_and_the_question_answered(tracker_for, domain):
    text = "Han vill inte gå till skolan. Får hans pappa veta att jag skrivit det här?"
    slots_before = {**GUARDIAN, "request_child_name": "Elias Lindqvist", "request_personnummer": request.SKIPPED,
                    "request_age": "13", "request_organisation": "bup"}
    responses, slots = await _validate(_at(tracker_for, "request_needs", text, slots_before), domain)
    assert slots == {"request_needs": "Han vill inte gå till skolan"}
    assert responses == ["utter_request_needs_kept", "utter_request_who_is_told"]


async def test_a_name_is_still_a_name(tracker_for, domain):
    responses, slots = await _validate(_at(tracker_for, "request_child_name", "Elias Lindqvist", GUARDIAN), domain)
    assert slots == {"request_child_name": "Elias Lindqvist"} and responses == []


# --- 2. an interpreter needed --------------------------------------------------------------------------------

async def test_an_interpreter_said_with_the_contact_way_is_kept_and_said(tracker_for, domain):
    responses, slots = await _validate(_at(tracker_for, "request_contact_preference", AMIR, BEFORE_CONTACT_WAY,
                                           intent="inform", confidence=1.0), domain)
    assert slots["request_contact_preference"] == rules.SMS
    assert responses == ["utter_request_interpreter_noted"]
    said = _render(domain, "utter_request_interpreter_noted", BEFORE_CONTACT_WAY, interpreter="Familjen behöver tolk på arabiska")
    assert "”Familjen behöver tolk på arabiska” under ”Behov”" in said["text"]


async def test_the_summary_and_the_request_sent_carry_it(tracker_for, domain, case_store_env):
    tracker = _said(tracker_for, "Hagaskolan", "Yusuf bråkar i skolan.", AMIR, "jag vill ge samtycke nu",
                    slots=_filled(request_needs="Yusuf bråkar i skolan."))
    dispatcher = CollectingDispatcher()
    await ActionAskRequestConfirm().run(dispatcher, tracker, domain)
    assert dispatcher.messages[0]["needs"] == "Yusuf bråkar i skolan. Familjen behöver tolk på arabiska"
    assert request.request_data(tracker).needs == "Yusuf bråkar i skolan. Familjen behöver tolk på arabiska"


async def test_at_the_summary_where_it_is_written_is_told_not_the_general_text(tracker_for, domain):
    tracker = _said(tracker_for, AMIR, "var star tolk? jag skrev jag behover arabisk tolk", slots=_filled())
    responses, slots = await _validate(tracker, domain)
    assert responses == ["utter_request_interpreter_noted"] and slots == {"request_confirm": None}


async def test_only_the_interpreter_asks_the_question_again(tracker_for, domain):
    slots_before = {key: value for key, value in _filled().items()
                    if not key.startswith("request_contact") and key not in ("request_consent", "request_confirm")}
    responses, slots = await _validate(_at(tracker_for, "request_contact_name", "jag behöver tolk", slots_before),
                                       domain)
    assert slots == {"request_contact_name": None} and responses == ["utter_request_interpreter_noted"]


async def test_a_need_in_the_needs_text_is_not_added_twice(tracker_for, domain, case_store_env):
    needs = "Yusuf bråkar. pappa behöver arabisk tolk på mötet"
    tracker = _said(tracker_for, needs, "ja skicka", slots=_filled(request_needs=needs))
    assert request.request_data(tracker).needs == needs


async def test_no_interpreter_any_more_takes_it_away(tracker_for, domain, case_store_env):
    tracker = _said(tracker_for, AMIR, "vi behöver ingen tolk", slots=_filled())
    responses, slots = await _validate(tracker, domain)
    assert responses == ["utter_request_interpreter_removed"] and slots == {"request_confirm": None}
    assert request.request_data(tracker).needs == _filled()["request_needs"]


async def test_a_question_about_an_interpreter_is_answered_as_before(tracker_for, domain):
    tracker = _said(tracker_for, "kan vi få tolk?", slots=_filled(), intent="faq")
    responses, _ = await _validate(tracker, domain)
    assert "utter_request_interpreter_noted" not in responses
    assert request.interpreter_needed(tracker) is None


# --- 3. "ändra behov" changes the needs only ---------------------------------------------------------------

async def test_change_needs_asks_only_the_needs_again(tracker_for, domain):
    responses, slots = await _validate(_at(tracker_for, "request_confirm", "ändra behov", _filled()), domain)
    assert slots == {"request_confirm": None, "request_needs": None} and responses == []


@pytest.mark.parametrize("text, cleared", [("ändra stöd behövs från", "request_sides"),
                                           ("ändra vem som märkte", "request_noticed_by")])
async def test_the_other_lines_are_changed_by_their_own_words(tracker_for, domain, text, cleared):
    _, slots = await _validate(_at(tracker_for, "request_confirm", text, _filled()), domain)
    assert slots == {"request_confirm": None, cleared: None}


async def test_a_new_organisation_in_the_region_is_still_an_organisation(tracker_for, domain):
    _, slots = await _validate(_at(tracker_for, "request_confirm", "nej vänta, den ska gå till vårdcentralen i regionen",
                                   _filled()), domain)
    assert "request_sides" not in slots


# --- 4. LSS at "Vem märkte först…?" ----------------------------------------------------------------------

async def test_lss_is_saved_as_socialtjanst_and_said_so(tracker_for, domain):
    slots_before = {key: value for key, value in _filled().items()
                    if key not in ("request_noticed_by", "request_contact_name", "request_contact_phone",
                                   "request_contact_preference", "request_consent", "request_confirm")}
    responses, slots = await _validate(_at(tracker_for, "request_noticed_by", "lss-handläggaren", slots_before,
                                           intent="nlu_fallback", confidence=0.55), domain)
    assert slots == {"request_noticed_by": rules.SOCIALTJANST} and responses == ["utter_request_noticed_by_lss"]
    said = _render(domain, "utter_request_noticed_by_lss", slots_before)["text"]
    assert "LSS hör till socialtjänsten" in said and "Källa:" in said


async def test_the_socialtjanst_button_says_nothing_more(tracker_for, domain):
    responses, slots = await _validate(_at(tracker_for, "request_noticed_by", "Socialtjänst", {}), domain)
    assert slots == {"request_noticed_by": rules.SOCIALTJANST} and responses == []


# --- 5. a name with "tolk" inside is a name (review of session 38) -------------------------------------------

@pytest.mark.parametrize("slot", ["request_child_name", "request_contact_name"])
async def test_a_surname_ending_in_tolk_is_saved_as_the_name(tracker_for, domain, slot):
    slots_before = GUARDIAN if slot == "request_child_name" else {
        key: value for key, value in _filled().items()
        if not key.startswith("request_contact") and key not in ("request_consent", "request_confirm")}
    tracker = _at(tracker_for, slot, "Emma Stolk", slots_before)
    responses, slots = await _validate(tracker, domain)
    assert slots[slot] == "Emma Stolk" and responses == []
    assert request.interpreter_needed(tracker) is None
