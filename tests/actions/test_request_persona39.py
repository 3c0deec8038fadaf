"""The request form after the persona round of session 39 (Per, Fatima, Elin): a goodbye at "Gäller det en ny
SIP…?" got "Välj ”Ny SIP”…" in a loop; "yusuf pappa bor i annat land. ingen kontakt. behover han ocksa saga ja?" at
the summary got the text on who may have a SIP; "andra tid. ring innan kl 12 bara" asked for the time again; the
interpreter line was said twice though kept once; "Begära en SIP" was offered after "jag har redan en sip"."""
from __future__ import annotations

from typing import Any

import pytest
from rasa_sdk import Tracker

import actions.request as request
from actions import request_rules as rules
from actions.answer_question import ActionAnswerQuestion
from tests.actions.test_fallback import _run, _tracker, _user
from tests.actions.test_request import _filled
from tests.actions.test_request_contact_time import _validate
from tests.actions.test_request_persona36 import BEFORE_ROLE, FORM, _at, _render
from tests.actions.test_staff_persona37 import _asked, _responses

PER = "Tack, då ringer jag Linas socialsekreterare i stället. Hej då."
FATIMA_FATHER = "yusuf pappa bor i annat land. ingen kontakt. behover han ocksa saga ja?"
FATIMA_PHONE = "[telefonnummer]. jag behover tolk somaliska, min svenska inte bra"
# Fatima's summary: a call, with a time.
SUMMARY = {key: value for key, value in _filled(request_contact_preference=rules.TELEFON,
                                                request_contact_time="formiddag, efter kl 12").items()
           if key != "request_confirm"}


def _typed(tracker_for, slot: str, *texts: str, slots: dict[str, Any], intent: str = "inform") -> Tracker:
    """The request form started, then `texts` typed, the last one where `slot` is asked."""
    latest = texts[-1]
    tracker = tracker_for(intent, confidence=0.9, text=latest, slots={**slots, slot: latest, "requested_slot": slot},
                          active_loop=FORM)
    tracker.events = [{"event": "action", "name": "action_request_start"},
                      *({"event": "user", "text": text, "parse_data": {}} for text in texts),
                      {"event": "slot", "name": slot, "value": latest, "timestamp": None}]
    return tracker


# --- 1. a goodbye inside the form ends it, with nothing sent ------------------------------------------------

@pytest.mark.parametrize("text, intent", [(PER, "nlu_fallback"), ("hej då sa jag", "goodbye")])
async def test_a_goodbye_at_the_first_question_ends_the_form(tracker_for, domain, text, intent):
    responses, slots = await _validate(_at(tracker_for, "request_kind", text, intent=intent, confidence=0.99), domain)
    assert responses == ["utter_request_goodbye"]
    # requested_slot None ends the form (Rasa's FormAction.is_done); every answer is emptied.
    assert slots["requested_slot"] is None and slots["request_kind"] is None
    assert all(slots[slot] is None for slot in request.SLOTS)
    said = _render(domain, "utter_request_goodbye", {})["text"]
    assert "inte skickad" in said and "Hej då" in said


async def test_after_the_goodbye_nothing_is_sent(tracker_for, domain, case_store_env):
    # The form's finishing rule runs action_submit_request, which sends nothing without the summary's yes.
    tracker = tracker_for("goodbye", text="hej då", slots={"request_kind": None, "request_confirm": None})
    messages, events = await _run(request.ActionSubmitRequest(), tracker, domain)
    assert messages == [] and {e["name"] for e in events} == set(request.SLOTS)


async def test_a_goodbye_in_the_middle_of_the_form_ends_it_too(tracker_for, domain):
    responses, slots = await _validate(_at(tracker_for, "request_child_name", "ok tack, hej då", BEFORE_ROLE,
                                           intent="goodbye"), domain)
    assert responses == ["utter_request_goodbye"] and slots["requested_slot"] is None


@pytest.mark.parametrize("text", ["jag sa inte hej då", "hej hej, jag undrar en sak"])
async def test_no_goodbye_is_no_goodbye(tracker_for, domain, text):
    responses, slots = await _validate(_at(tracker_for, "request_kind", text, intent="nlu_fallback",
                                           confidence=0.55), domain)
    assert "utter_request_goodbye" not in responses and "requested_slot" not in slots


async def test_a_yes_with_a_goodbye_at_the_summary_sends_it(tracker_for, domain):
    responses, slots = await _validate(_at(tracker_for, "request_confirm", "ja skicka, tack och hej", SUMMARY,
                                           intent="affirm"), domain)
    assert slots == {"request_confirm": "ja"} and "utter_request_goodbye" not in responses


async def test_a_goodbye_at_the_summary_says_once_that_it_is_not_sent(tracker_for, domain):
    responses, slots = await _validate(_at(tracker_for, "request_confirm", "tack hej då", SUMMARY, intent="goodbye"),
                                       domain)
    assert responses == ["utter_request_goodbye_at_summary"] and slots == {"request_confirm": None}
    # Said right before, a second goodbye ends the form: no loop.
    tracker = tracker_for("goodbye", text="hej då sa jag", slots={**SUMMARY, "request_confirm": "hej då sa jag",
                                                                  "requested_slot": "request_confirm"},
                          active_loop=FORM)
    tracker.events = [{"event": "user", "text": "tack hej då"},
                      {"event": "bot", "text": "…", "metadata": {"utter_action": "utter_request_goodbye_at_summary"}},
                      {"event": "user", "text": "hej då sa jag"},
                      {"event": "slot", "name": "request_confirm", "value": "hej då sa jag", "timestamp": None}]
    responses, slots = await _validate(tracker, domain)
    assert responses == ["utter_request_goodbye"] and slots["requested_slot"] is None


@pytest.mark.parametrize("text, intent", [("jag orkar inte. hej då", "crisis_check_in"), ("hej hej", "greet")])
async def test_a_crisis_check_in_or_a_greeting_is_never_a_goodbye(tracker_for, domain, text, intent):
    tracker = _at(tracker_for, "request_kind", text, intent=intent, confidence=1.0)
    assert not request._said_goodbye("request_kind", tracker)


# --- 2. the other parent's yes at the summary ---------------------------------------------------------------

async def test_the_fathers_yes_at_the_summary_gets_the_honest_answer(tracker_for, domain):
    responses, slots = await _validate(_at(tracker_for, "request_confirm", FATIMA_FATHER, SUMMARY, intent="faq",
                                           confidence=0.62), domain)
    assert responses == ["utter_request_who_is_told"] and slots == {"request_confirm": None}
    said = _render(domain, "utter_request_who_is_told", SUMMARY, organisation="Hagaskolan")["text"]
    assert "säger inte om det räcker att en av två vårdnadshavare samtycker" in said


@pytest.mark.parametrize("text, asks", [
    (FATIMA_FATHER, True),
    ("mamman bor inte med oss. måste hon också godkänna?", True),
    # The writer's own role: "han" may be the child.
    ("jag är mamma. måste han också säga ja?", False),
    ("pappa jobbar mycket, måste han också vara med?", False),
])
def test_a_parent_named_then_han_or_hon_must_agree(text, asks):
    assert rules.asks_about_the_other_guardian(text) is asks


# --- 3. a new time at the summary is taken ------------------------------------------------------------------

async def test_a_new_time_typed_with_andra_tid_is_taken(tracker_for, domain):
    responses, slots = await _validate(_at(tracker_for, "request_confirm", "andra tid. ring innan kl 12 bara",
                                           SUMMARY, intent="nlu_fallback", confidence=0.55), domain)
    assert slots["request_contact_time"] == "ring innan kl 12 bara" and slots["request_confirm"] is None
    assert responses == ["utter_request_corrected"]


async def test_andra_tid_alone_still_asks_for_the_time(tracker_for, domain):
    _, slots = await _validate(_at(tracker_for, "request_confirm", "ändra tid", SUMMARY), domain)
    assert slots == {"request_confirm": None, "request_contact_time": None}


# --- 4. the interpreter line is said once --------------------------------------------------------------------

async def test_the_interpreter_said_again_is_not_told_again(tracker_for, domain):
    before = {key: value for key, value in SUMMARY.items()
              if key not in ("request_contact_preference", "request_contact_time", "request_consent")}
    tracker = _typed(tracker_for, "request_contact_preference", FATIMA_PHONE, "ring mig. med tolk", slots=before)
    responses, slots = await _validate(tracker, domain)
    assert responses == [] and slots["request_contact_preference"] == rules.TELEFON
    assert request.interpreter_needed(tracker) == "Familjen behöver tolk på somaliska"


async def test_the_first_time_it_is_told(tracker_for, domain):
    before = {key: value for key, value in SUMMARY.items() if not key.startswith("request_contact")
              and key != "request_consent"}
    tracker = _typed(tracker_for, "request_contact_phone", FATIMA_PHONE, slots=before)
    responses, _ = await _validate(tracker, domain)
    # (The number itself comes as the channel's placeholder with its metadata, not given here.)
    assert responses[0] == "utter_request_interpreter_noted"


async def test_only_the_interpreter_again_is_still_answered(tracker_for, domain):
    before = {key: value for key, value in SUMMARY.items() if not key.startswith("request_contact")
              and key != "request_consent"}
    tracker = _typed(tracker_for, "request_contact_name", FATIMA_PHONE, "vi behöver tolk", slots=before)
    responses, slots = await _validate(tracker, domain)
    assert responses == ["utter_request_interpreter_noted"] and slots == {"request_contact_name": None}


# --- 5. no "Begära en SIP" to someone who has one ------------------------------------------------------------

async def test_no_offer_to_request_after_saying_they_have_a_sip(domain):
    said = (_user("ok men jag har redan en sip. jag ska flytta till göteborg i höst", "faq"),
            _asked("vem kan få en sip?", "sip_vem_kan_fa"))
    messages, _ = await _run(ActionAnswerQuestion(), _tracker(*said), domain)
    assert "utter_offer_request" not in _responses(messages)
    # Without it the offer comes, as before.
    messages, _ = await _run(ActionAnswerQuestion(), _tracker(_asked("vem kan få en sip?", "sip_vem_kan_fa")), domain)
    assert "utter_offer_request" in _responses(messages)


@pytest.mark.parametrize("text, has", [
    ("jag har haft en sip sen jag var 15. vad händer med den när jag fyller 20?", True),
    ("ok men jag har redan en sip.", True),
    ("kan jag få en sip?", False),
    ("jag har ingen sip", False),
])
def test_having_a_sip_is_read_from_the_words(text, has):
    assert rules.says_they_have_a_sip(text) is has


# --- review, session 39: a farewell that may be a crisis never ends the form --------------------------------

@pytest.mark.parametrize("text, confidence", [
    ("hej då för alltid", 0.98), ("hejdå för alltid, ingen bryr sig ändå", 0.9),
    ("säg hejdå till mamma från mig", 0.9), ("förlåt mamma. hej då", 0.9), ("för alltid. hej då", 0.9),
    # The classifier's `goodbye` alone threw a whole request away.
    ("nej det var allt tack", 0.80),
    # A word of heavy feelings beside a clean goodbye: the normal path, where the crisis rules read it.
    ("orkar inte mer. hej då", 0.9),
])
async def test_a_goodbye_read_only_by_the_classifier_or_with_heavy_words_does_not_end_the_form(
        tracker_for, domain, text, confidence):
    tracker = _at(tracker_for, "request_kind", text, intent="goodbye", confidence=confidence)
    assert not request._said_goodbye("request_kind", tracker)
    responses, slots = await _validate(_at(tracker_for, "request_kind", text, intent="goodbye",
                                           confidence=confidence), domain)
    assert "utter_request_goodbye" not in responses and slots.get("requested_slot", "kept") is not None


@pytest.mark.parametrize("text, leaves", [
    # As bot/components/goodbye_guard.py: a denied cue anywhere is no goodbye.
    ("jag sa inte hejdå. tack hej då", False), ("nej inte hej då, ok hej då", False),
    ("hej då för alltid", False), ("säg hejdå till mamma från mig", False),
    (PER, True), ("hej då sa jag", True), ("ha en bra dag", True), ("tack för hjälpen, hej då", True),
])
def test_a_goodbye_is_read_from_the_words(text, leaves):
    assert rules.ends_with_a_goodbye(text) is leaves


# --- review, session 39: a child in foster care is no foster parent ----------------------------------------

@pytest.mark.parametrize("text, foster", [
    ("jag är placerad i familjehem", False), ("jag e i jourhem", False), ("ja e i familjehem", False),
    ("jag är ett familjehemsbarn", False), ("min familjehemsmamma", False), ("jag är inte familjehem", False),
    ("jag är ju inte familjehemsförälder", False), ("jag har varit placerad i familjehem", False),
    ("jag är familjehem", True), ("jag är familjehemsmamma", True), ("jag är familjehemspappa", True),
    ("vi är familjehem", True), ("jag är jourhem", True), ("Elin bor hos oss som familjehem", True),
    ("vi har en placerad flicka", True), ("hon är placerad hos oss", True), ("vi har inga placerade barn", False),
])
def test_only_the_foster_parent_says_they_are_one(text, foster):
    assert rules.says_they_are_a_foster_parent(text) is foster


@pytest.mark.parametrize("text, has", [
    ("hur får jag min sip?", False), ("när kommer hennes sip?", False),
    ("min sip är på fredag", True), ("jag har haft min sip i två år", True),
])
def test_min_sip_alone_is_no_sip_they_have(text, has):
    assert rules.says_they_have_a_sip(text) is has
