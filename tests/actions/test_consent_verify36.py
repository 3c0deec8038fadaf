"""Samtycke after the verification round of session 36: Erik, a separated father with shared custody, asks at
the summary whether he may write in the mother's samtycke, asks whether socialtjänsten is needed while naming
the organisations, and asks at the withdrawal whether his sent request to Hagaskolan goes too."""
from __future__ import annotations

import json

import pytest
from rasa_sdk.executor import CollectingDispatcher

from actions.casestore import consents as consent_store, request_store
from actions.casestore.models_request import RECEIVED
from actions.consent import ValidateConsentWithdrawForm
from actions.store_access import case_store
from tests.actions.test_consent import WITHDRAW_FORM, Conversation, _slot_events
from tests.actions.test_consent_persona35b import _consent, _opened_case
from tests.actions.test_consent_persona36 import SUMMARY, _validate


def _variant(domain, response: str, slots: dict) -> str:
    """The text Rasa would send: a variant whose every condition holds, else the one without conditions."""
    variants = domain["responses"][response]
    for variant in variants:
        conditions = variant.get("condition") or []
        if conditions and all(str(slots.get(c["name"])) == str(c["value"]) for c in conditions):
            return variant["text"]
    return next(v["text"] for v in variants if not v.get("condition"))


# --- 1. the other guardian's samtycke, heard on the phone ------------------------------------------------

ERIK_ASKS = "kan jag skriva in hennes mammas namn, hon sa ok i telefon?"
ONE_GUARDIAN = {**SUMMARY, "consent_guardian_count": "1", "consent_guardian_1": "Erik Lund",
                "consent_guardian_2": None}


@pytest.mark.parametrize("slots", [ONE_GUARDIAN, SUMMARY, {"consent_giver": "vardnadshavare"}])
async def test_writing_in_the_other_guardian_is_never_offered(tracker_for, domain, case_store_env, slots):
    # It ended "Eller spara båda namnen. Alla samtycken som sparas här bekräftas av SIP-ansvarig.": with
    # separated parents, an invitation to register the other parent's samtycke from hearsay.
    asked = "consent_confirmed"
    messages, _ = await _validate(tracker_for, domain, asked, ERIK_ASKS, slots)
    assert [m.get("response") for m in messages] == ["utter_consent_other_guardians_yes"]
    text = _variant(domain, "utter_consent_other_guardians_yes", {**slots, "requested_slot": asked})
    assert "båda namnen" not in text and "Eller spara" not in text
    assert "säger inte" in text  # honest about what the material leaves open
    # The other guardian gives their own, here or to SIP-ansvarig.
    assert "lämna sitt samtycke själv" in text and "här i chatten" in text and "SIP-ansvarig" in text


async def test_the_hint_to_choose_one_comes_only_when_two_are_chosen(tracker_for, domain, case_store_env):
    # "Tryck på 'Ändra vem som samtycker' och välj 'En'" came with "En" already chosen.
    at_summary = {"requested_slot": "consent_confirmed"}
    one = _variant(domain, "utter_consent_other_guardians_yes", {**ONE_GUARDIAN, **at_summary})
    two = _variant(domain, "utter_consent_other_guardians_yes", {**SUMMARY, **at_summary})
    assert "Ändra vem som samtycker" not in one
    assert "Ändra vem som samtycker" in two and "”En”" in two


# --- 2. the organisations, with a question after them -----------------------------------------------------

ERIK_PARTIES = "bup och hagaskolan. kanske soc också? behövs dom?"


async def test_the_organisations_before_a_question_are_kept_and_the_question_answered(tracker_for, domain,
                                                                                      case_store_env):
    # It got "Jag är inte säker på att jag förstod", and BUP and Hagaskolan were lost.
    talk = Conversation(tracker_for, domain, slots={**ONE_GUARDIAN, "consent_parties": None,
                                                    "consent_may_share": None})
    said = await talk.answer("consent_parties", ERIK_PARTIES, intent="faq", confidence=1.0)
    assert said == ["utter_consent_parties_understood", "utter_consent_parties_is_one_needed"]
    assert [name for name, _ in json.loads(talk.slots["consent_parties"])] == ["bup", "hagaskolan"]
    assert talk.requested == "consent_may_share"
    answer = talk.responses[1]
    assert answer["organisation"] == "socialtjänsten"
    # In the articles' words: who decides, and that a party added later needs a new samtycke.
    assert "bestämmer ni" in answer["who_decides"] and "nytt samtycke" in answer["new_parties"]
    assert "Tidiga Samordnade Insatser" in answer["source"]
    assert "Ändra verksamheter" in _variant(domain, "utter_consent_parties_is_one_needed", {})


async def test_another_question_after_the_organisations_is_answered_as_a_question(tracker_for, domain,
                                                                                  case_store_env):
    talk = Conversation(tracker_for, domain, slots={**ONE_GUARDIAN, "consent_parties": None,
                                                    "consent_may_share": None})
    said = await talk.answer("consent_parties", "BUP, Hagaskolan. vad händer på förmötet?", intent="faq",
                             confidence=1.0)
    assert said[0] == "utter_consent_parties_understood" and "utter_consent_parties_is_one_needed" not in said
    assert len(said) >= 2  # something answers the question
    assert len(json.loads(talk.slots["consent_parties"])) == 2


async def test_a_question_alone_is_still_no_organisation(tracker_for, domain, case_store_env):
    talk = Conversation(tracker_for, domain, slots={**ONE_GUARDIAN, "consent_parties": None})
    said = await talk.answer("consent_parties", "behövs soc?", intent="faq", confidence=1.0)
    assert "utter_consent_parties_understood" not in said
    assert talk.slots["consent_parties"] is None and talk.requested == "consent_parties"


# --- 3. the sent request, at the withdrawal -------------------------------------------------------------

ERIK_WITHDRAWS = ("men det finns ju ingen sip än bara min begäran. försvinner begäran till hagaskolan om jag "
                  "tar tillbaka?")


def _with_a_request(reference: str) -> None:
    request_store.save_request(case_store(), reference, request_store.RequestData(
        organisation_id="dalsed_hagaskolan", requester_role="vardnadshavare", child_age=11, sides="bada",
        needs="Hon är hemma från skolan mycket", contact_name="Erik Lund", contact_phone="0701234567",
        consent="nu"))


async def _at(slot: str, tracker_for, domain, text: str, with_request: bool = True):
    reference, slots = _opened_case(_consent())
    if with_request:
        _with_a_request(reference)
    slots = {**slots, "consent_withdraw_which": "1" if slot != "consent_withdraw_which" else text,
             "consent_withdraw_confirmed": text if slot == "consent_withdraw_confirmed" else None,
             "requested_slot": slot}
    tracker = tracker_for("withdraw_request", confidence=0.63, text=text, slots=slots, active_loop=WITHDRAW_FORM,
                          events=[{"event": "slot", "name": slot, "value": text, "timestamp": None}])
    dispatcher = CollectingDispatcher()
    events = await ValidateConsentWithdrawForm().run(dispatcher, tracker, domain)
    return reference, dispatcher.messages, _slot_events(events)


@pytest.mark.parametrize("slot", ["consent_withdraw_confirmed", "consent_withdraw_which"])
async def test_a_question_whether_the_request_goes_is_answered_from_what_the_chat_does(tracker_for, domain,
                                                                                      case_store_env, slot):
    # It got the text on taking back only a whole samtycke.
    reference, messages, slots = await _at(slot, tracker_for, domain, ERIK_WITHDRAWS)
    assert [m.get("response") for m in messages] == ["utter_consent_withdraw_request_stays"]
    assert messages[0]["organisations"] == "Hagaskolan"
    assert slots[slot] is None  # the question comes again; nothing is taken back
    assert consent_store.consents(case_store(), reference)[0].withdrawn_at is None
    text = _variant(domain, "utter_consent_withdraw_request_stays", {})
    assert "finns kvar" in text and "samma status" in text


async def test_what_the_answer_says_is_what_a_withdrawal_does(tracker_for, domain, case_store_env):
    # Taking back the samtycke leaves the request as it was: the answer's claim, checked in the store.
    reference, slots = _opened_case(_consent())
    _with_a_request(reference)
    consent_store.withdraw(case_store(), reference, [1])
    [request] = request_store.requests_for(case_store(), reference)
    assert request["status"] == RECEIVED


async def test_without_a_request_the_answer_names_none(tracker_for, domain, case_store_env):
    _, messages, _ = await _at("consent_withdraw_confirmed", tracker_for, domain,
                               "försvinner min begäran om jag tar tillbaka?", with_request=False)
    assert [m.get("response") for m in messages] == ["utter_consent_withdraw_request_stays_none"]


@pytest.mark.parametrize("text", ["bara socialtjänsten ska bort", "ja", "ta bort begäran"])
async def test_other_answers_at_the_withdrawal_are_read_as_before(tracker_for, domain, case_store_env, text):
    _, messages, _ = await _at("consent_withdraw_confirmed", tracker_for, domain, text)
    assert "utter_consent_withdraw_request_stays" not in [m.get("response") for m in messages]


@pytest.mark.parametrize("response", ["utter_ask_consent_must_not_share", "utter_consent_limit_from_sharing"])
def test_the_duty_to_report_about_a_child_is_said_to_a_child_or_a_guardian_not_to_an_adult(domain, response):
    # Final check, session 36: Alva, 19, giving her own samtycke was told "om någon misstänker att ett barn
    # far illa…". Rasa picks the first variant whose condition holds, so the adult's variant comes first.
    adult, default = domain["responses"][response]
    assert adult["condition"] == [{"type": "slot", "name": "consent_under_18", "value": "nej"}]
    assert "far illa" not in adult["text"] and "far illa" in default["text"] and "condition" not in default
