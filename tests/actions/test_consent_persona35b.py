"""Consent after the persona round of session 35: staff who fill the form in for a family, taking back only
one organisation, one of two guardians, "samma som förut", a limit typed with what may be shared, and
"dig" to a young person who gave the samtycke."""
from __future__ import annotations

import json
from datetime import timedelta

import pytest

from actions import consent_rules as rules
from actions.casestore import consents as consent_store
from actions.casestore.consents import Giver, NewConsent, PartyRecord
from actions.consent import (ActionAskConsentConfirmed, ActionAskConsentWithdrawConfirmed, ActionConsentDone,
                             ActionStartConsent, ActionWithdrawConsent, ValidateConsentForm,
                             ValidateConsentWithdrawForm)
from actions.knowledge_base import articles
from actions.store_access import case_store
from tests.actions.test_consent import FORM, TODAY, WITHDRAW_FORM, Conversation, _record, _run, _slot_events

GUARDIAN = {"consent_under_18": "ja", "consent_giver": "vardnadshavare", "consent_guardian_count": "1"}


def _opened_case(*consents: NewConsent) -> tuple[str, dict]:
    reference = case_store().create_case().reference
    for consent in consents:
        consent_store.record_consent(case_store(), reference, consent)
    return reference, {"case_reference": reference, "case_verified": True}


def _consent(givers=None, parties=None, may_share="Skolgång", must_not_share=None) -> NewConsent:
    return NewConsent(under_adult_age=True, givers=givers or [Giver("vardnadshavare", name="Amira Hassan")],
                      parties=parties or [PartyRecord("BUP", "bup"), PartyRecord("Hagaskolan", "skola")],
                      may_share=may_share, must_not_share=must_not_share, valid_from=TODAY,
                      valid_to=TODAY + timedelta(days=200), form="skriftligt")


# --- 1. staff who fill the form in for a family ---------------------------------------------------------

NURSE = "ja, hon är 16. jag är sjuksköterska och vill registrera att familjen samtycker, går det?"
STAFF_ASKS = "vänta, var det ok att jag som personal registrerade samtycket åt mamman?"


async def test_a_nurse_answering_the_form_is_told_who_gives_it_and_nothing_is_saved(tracker_for, domain,
                                                                                 case_store_env):
    # The form went on ("Vem ger samtycket?") and a mother's consent heard on the phone was saved as hers.
    talk = await Conversation(tracker_for, domain).start("consent_under_18")
    assert await talk.say(NURSE) == ["utter_consent_staff_family_gives_it"]
    assert talk.requested is None  # the form ends
    assert all(talk.slots[slot] is None for slot in ("consent_under_18", "consent_giver", "consent_confirmed"))
    said = talk.responses[0]
    assert said["who_gives"].startswith("Huvudregeln är att den unga själv eller vårdnadshavarna ger samtycke")
    assert "journalen" in said["documenting"] and "Få samtycke" in said["source"]
    messages, events = await _run(ActionConsentDone(), talk.tracker(), domain)
    assert [m["response"] for m in messages] == ["utter_consent_not_saved"]
    assert "case_reference" not in _slot_events(events)


def test_the_staff_text_says_the_family_can_give_it_here(domain):
    [variant] = domain["responses"]["utter_consent_staff_family_gives_it"]
    assert "{who_gives}" in variant["text"] and "{documenting}" in variant["text"]
    assert "Familjen kan själv lämna sitt samtycke här" in variant["text"] and "Källa: {source}" in variant["text"]


@pytest.mark.parametrize("slot, text", [("consent_guardian_count", "en, mamman sa ja i telefon till soc tror jag"),
                                        ("consent_guardian_1", "Amira Hassan"), ("consent_confirmed", "ja, spara")])
async def test_staff_said_before_the_form_ends_it_at_any_answer(tracker_for, domain, case_store_env, slot, text):
    earlier = [{"event": "user", "text": "jag är sjuksköterska på BUP", "parse_data": {"intent": {"name": "staff"}}},
               {"event": "active_loop", "name": "consent_form"},
               {"event": "slot", "name": "requested_slot", "value": slot}]
    tracker = tracker_for("out_of_scope", text=text, slots={**GUARDIAN, slot: text, "requested_slot": slot},
                          events=earlier, active_loop=FORM)
    messages, events = await _run(ValidateConsentForm(), tracker, domain)
    assert [m["response"] for m in messages] == ["utter_consent_staff_family_gives_it"]
    assert _slot_events(events)["requested_slot"] is None


async def test_staff_said_in_an_earlier_answer_of_the_form_ends_it(tracker_for, domain, case_store_env):
    earlier = [{"event": "active_loop", "name": "consent_form"},
               {"event": "slot", "name": "requested_slot", "value": "consent_giver"},
               {"event": "user", "text": "vårdnadshavare, jag jobbar som kurator och fyller i åt dem"},
               {"event": "slot", "name": "requested_slot", "value": "consent_guardian_count"}]
    tracker = tracker_for("out_of_scope", text="en", slots={**GUARDIAN, "requested_slot": "consent_guardian_count"},
                          events=earlier, active_loop=FORM)
    messages, events = await _run(ValidateConsentForm(), tracker, domain)
    assert [m["response"] for m in messages] == ["utter_consent_staff_family_gives_it"]


async def test_staff_asking_whether_registering_for_the_mother_was_ok_in_the_form(tracker_for, domain,
                                                                                 case_store_env):
    talk = Conversation(tracker_for, domain, slots=GUARDIAN)
    assert await talk.answer("consent_confirmed", STAFF_ASKS) == ["utter_consent_staff_family_gives_it"]
    assert talk.requested is None


@pytest.mark.parametrize("intent, action", [("give_consent", ActionStartConsent),
                                            ("withdraw_consent", ActionWithdrawConsent)])
async def test_staff_asking_it_outside_the_form_get_the_same_answer(tracker_for, domain, case_store_env, intent,
                                                                    action):
    said = [{"event": "user", "text": "jag är sjuksköterska på BUP"}]
    messages, events = await _run(action(), tracker_for(intent, text=STAFF_ASKS, events=said), domain)
    assert [m["response"] for m in messages] == ["utter_consent_staff_family_gives_it"]
    assert events[-1]["name"] == "action_listen"


@pytest.mark.parametrize("slot, text", [("consent_giver",
                                         "vårdnadshavare, jag är hennes mamma och jobbar som sjuksköterska"),
                                        ("consent_parties", "Kurator Hagaskolan, BUP"),
                                        ("consent_may_share", "hur hon mår, skolsköterskan får berätta om hälsan")])
async def test_a_parent_who_names_a_role_is_not_taken_for_staff(tracker_for, domain, case_store_env, slot, text):
    talk = Conversation(tracker_for, domain, slots={"consent_under_18": "ja"})
    assert "utter_consent_staff_family_gives_it" not in await talk.answer(slot, text)
    assert talk.slots[slot] is not None and talk.requested is not None


# --- 2. taking back only one organisation -------------------------------------------------------------

async def test_a_wish_to_take_back_only_one_organisation_is_explained_first(tracker_for, domain, case_store_env):
    # It was asked straight away whether to take back the whole samtycke, "avslutas SIP:en".
    _, slots = _opened_case(_consent())
    tracker = tracker_for("withdraw_consent", text="jag vill ta tillbaka samtycket men bara för bup", slots=slots)
    messages, events = await _run(ActionWithdrawConsent(), tracker, domain)
    assert [m["response"] for m in messages] == ["utter_consent_list", "utter_consent_withdraw_only_whole"]
    assert events[-1]["name"] == "consent_withdraw_form"


async def test_the_wish_is_read_after_the_code_was_asked_for(tracker_for, domain, case_store_env):
    reference, slots = _opened_case(_consent())
    wish = [{"event": "user", "text": "jag vill ta tillbaka samtycket men bara för bup",
             "parse_data": {"intent": {"name": "withdraw_consent"}}}]
    tracker = tracker_for("inform", text="123456", slots=slots, events=wish)
    messages, _ = await _run(ActionWithdrawConsent(), tracker, domain)
    assert "utter_consent_withdraw_only_whole" in [m["response"] for m in messages]


async def test_whether_the_sip_ends_with_a_new_samtycke_at_the_withdrawal_is_answered(tracker_for, domain,
                                                                                     case_store_env):
    # It got "Förlåt, jag förstår inte riktigt".
    reference, slots = _opened_case(_consent())
    talk = Conversation(tracker_for, domain, WITHDRAW_FORM, ValidateConsentWithdrawForm,
                        {**slots, "consent_withdraw_which": "1"})
    text = "men avslutas sipen då om jag tar tillbaka och gör nytt??"
    assert await talk.answer("consent_withdraw_confirmed", text, intent="nlu_fallback", confidence=0.3) == [
        "utter_consent_new_after_withdrawal"]
    assert talk.slots["consent_withdraw_confirmed"] is None  # asked again, nothing taken back
    said = talk.responses[0]
    sentence = rules.sentence_with(articles()["samtycke_dra_tillbaka"].short, "avslutas SIP:en")
    assert said["sip_ends"] == sentence and "avslutas SIP:en" in sentence
    assert said["source"] == "Utbildningsmaterialet ”SIP som verktyg i samverkan” (Västra Götaland)"
    assert consent_store.consents(case_store(), reference)[0].withdrawn_at is None


def test_the_answer_says_what_the_material_does_not_say_and_whom_to_ask(domain):
    [variant] = domain["responses"]["utter_consent_new_after_withdrawal"]
    assert "säger inte vad som händer när ett nytt samtycke lämnas direkt" in variant["text"]
    assert "den som kallar till SIP-mötet" in variant["text"] and "Källa: {source}" in variant["text"]


@pytest.mark.parametrize("intent, action", [("give_consent", ActionStartConsent),
                                            ("withdraw_consent", ActionWithdrawConsent)])
async def test_after_a_new_samtycke_the_worry_is_answered_with_the_new_one_in_force(tracker_for, domain,
                                                                                   case_store_env, intent, action):
    # "vänta är sipen avslutad nu?? jag gjorde ju ett nytt direkt 😟" got a general text.
    reference, slots = _opened_case(_consent())
    consent_store.withdraw(case_store(), reference, [1])
    consent_store.record_consent(case_store(), reference, _consent(parties=[PartyRecord("Hagaskolan", "skola")]))
    text = "vänta är sipen avslutad nu?? jag gjorde ju ett nytt direkt 😟"
    messages, events = await _run(action(), tracker_for(intent, text=text, slots=slots), domain)
    assert [m["response"] for m in messages] == ["utter_consent_new_after_withdrawal", "utter_consent_new_one_in_force"]
    assert messages[1]["consent"] == "samtycke 2" and messages[1]["reference"] == reference
    assert events[-1]["name"] == "action_listen"


async def test_saving_a_new_samtycke_right_after_a_withdrawal_says_it_before_it_is_asked(tracker_for, domain,
                                                                                        case_store_env):
    reference, slots = _opened_case(_consent())
    consent_store.withdraw(case_store(), reference, [1])
    talk = Conversation(tracker_for, domain, slots={
        **GUARDIAN, **slots, "consent_guardian_1": "Amira Hassan", "consent_child_view": "bra",
        "consent_parties": json.dumps([["Hagaskolan", "skola"]]), "consent_may_share": "Skolgång",
        "consent_must_not_share": "-", "consent_valid_from": TODAY.isoformat(),
        "consent_valid_to": (TODAY + timedelta(days=100)).isoformat(), "consent_form_kind": "skriftligt",
        "consent_confirmed": "ja"})
    messages, _ = await _run(ActionConsentDone(), talk.tracker(), domain)
    assert [m["response"] for m in messages] == ["utter_consent_saved", "utter_consent_new_after_withdrawal",
                                                 "utter_consent_new_one_in_force"]
    assert messages[2]["consent"] == "samtycke 2"


async def test_the_question_typed_in_the_new_samtycke_is_answered_and_the_question_asked_again(
        tracker_for, domain, case_store_env):
    talk = Conversation(tracker_for, domain, slots=GUARDIAN)
    assert await talk.answer("consent_may_share", "blir sipen avslutad nu när jag gör ett nytt?") == [
        "utter_consent_new_after_withdrawal"]
    assert talk.slots["consent_may_share"] is None and talk.requested == "consent_may_share"


@pytest.mark.parametrize("text", ["går det att bara ta bort arbetsförmedlingen och behålla resten?",
                                  "ta bort arbetsförmedlingen"])
async def test_removing_one_organisation_is_not_read_as_a_no(tracker_for, domain, case_store_env, text):
    # A 19-year-old got "Okej, samtycket gäller som förut."
    reference = case_store().create_case().reference
    _record(reference, TODAY, TODAY + timedelta(days=100), "Arbetsförmedlingen")
    talk = Conversation(tracker_for, domain, WITHDRAW_FORM, ValidateConsentWithdrawForm,
                        {"case_reference": reference, "case_verified": True, "consent_withdraw_which": "1"})
    assert await talk.answer("consent_withdraw_confirmed", text, intent="faq", confidence=0.6) == [
        "utter_consent_withdraw_only_whole"]
    assert talk.slots["consent_withdraw_confirmed"] is None


async def test_keeping_the_samtycke_is_still_a_no(tracker_for, domain, case_store_env):
    reference = case_store().create_case().reference
    _record(reference, TODAY, TODAY + timedelta(days=100))
    talk = Conversation(tracker_for, domain, WITHDRAW_FORM, ValidateConsentWithdrawForm,
                        {"case_reference": reference, "case_verified": True, "consent_withdraw_which": "1"})
    await talk.answer("consent_withdraw_confirmed", "nej behåll det")
    assert talk.slots["consent_withdraw_confirmed"] == "nej"


# --- 3. one of two guardians ----------------------------------------------------------------------------

async def test_one_guardian_is_told_what_the_article_says_and_the_summary_says_one(tracker_for, domain,
                                                                                  case_store_env):
    # "en, bara jag. pappan vet inte om det än" went on without a word.
    talk = Conversation(tracker_for, domain, slots={"consent_under_18": "ja", "consent_giver": "vardnadshavare"})
    assert await talk.answer("consent_guardian_count", "en, bara jag. pappan vet inte om det än") == [
        "utter_consent_one_guardian"]
    assert talk.slots["consent_guardian_count"] == "1"
    said = talk.responses[0]
    assert said["one_of_two"] == rules.sentence_with(articles()["samtycke_vem_ger"].short, "en av två vårdnadshavare")
    assert said["one_of_two"].startswith("Materialet jag bygger på säger inte om det räcker")
    assert said["source"] == "Utbildningsmaterialet ”SIP som verktyg i samverkan” (Västra Götaland)"
    talk.slots.update({"consent_guardian_1": "Leyla Hassan", "consent_child_view": "bra",
                       "consent_parties": json.dumps([["BUP", "bup"]]), "consent_may_share": "Skolgång",
                       "consent_must_not_share": "-", "consent_valid_from": TODAY.isoformat(),
                       "consent_valid_to": (TODAY + timedelta(days=100)).isoformat(), "consent_form_kind": "muntligt"})
    [summary], _ = await _run(ActionAskConsentConfirmed(), talk.tracker(), domain)
    assert summary["givers"] == "Vårdnadshavare: Leyla Hassan (en vårdnadshavare samtycker)"
    talk.slots["consent_confirmed"] = "ja"
    messages, events = await _run(ActionConsentDone(), talk.tracker(), domain)  # still saved
    [saved] = consent_store.consents(case_store(), _slot_events(events)["case_reference"])
    assert [(g.role, g.name) for g in saved.givers] == [("vardnadshavare", "Leyla Hassan")]


def test_the_sentence_on_one_of_two_lives_only_in_the_article(domain):
    [variant] = domain["responses"]["utter_consent_one_guardian"]
    assert "{one_of_two}" in variant["text"] and "räcker att en av två" not in variant["text"]


# --- 4. "samma som förut" ------------------------------------------------------------------------------

async def test_the_same_organisations_as_the_samtycke_just_taken_back(tracker_for, domain, case_store_env):
    # It got "Jag kan inte se vad som stod i ett tidigare samtycke", listed a few messages before.
    reference, slots = _opened_case(_consent())
    consent_store.withdraw(case_store(), reference, [1])
    talk = Conversation(tracker_for, domain, slots={**GUARDIAN, **slots})
    assert await talk.answer("consent_parties", "samma som förut") == ["utter_consent_parties_as_before"]
    assert json.loads(talk.slots["consent_parties"]) == [["BUP", "bup"], ["Hagaskolan", "skola"]]
    assert talk.responses[0]["number"] == 1 and "Hagaskolan" in talk.responses[0]["parties"]
    assert await talk.answer("consent_parties", "samma som förut men inte bup") == ["utter_consent_parties_as_before"]
    assert json.loads(talk.slots["consent_parties"]) == [["Hagaskolan", "skola"]]


@pytest.mark.parametrize("slot, earlier, saved, said", [
    ("consent_may_share", "Skolgång", "Skolgång", "Skolgång"),
    ("consent_must_not_share", "Inget om syskonen", "Inget om syskonen", "Inget om syskonen"),
    ("consent_must_not_share", None, "-", "inget särskilt"),
])
async def test_the_same_answer_as_the_latest_samtycke(tracker_for, domain, case_store_env, slot, earlier, saved,
                                                      said):
    _, slots = _opened_case(_consent(must_not_share=earlier if slot == "consent_must_not_share" else None,
                                     may_share=earlier if slot == "consent_may_share" else "Skolgång"))
    talk = Conversation(tracker_for, domain, slots={**GUARDIAN, **slots})
    assert await talk.answer(slot, "samma som förra gången") == ["utter_consent_answer_as_before"]
    assert talk.slots[slot] == saved and talk.responses[0]["answer"] == said


async def test_the_same_as_before_without_an_opened_case_is_still_asked_again(tracker_for, domain, case_store_env):
    talk = Conversation(tracker_for, domain, slots=GUARDIAN)
    assert await talk.answer("consent_parties", "samma som förut") == ["utter_consent_earlier_answer_unknown"]
    assert talk.slots["consent_parties"] is None


# --- 5. a limit typed with what may be shared ---------------------------------------------------------

LIMIT_TYPED = "skolan, bup och habiliteringen. men INTE skolsköterskans anteckningar om en privat sak"


async def test_a_but_not_with_what_may_be_shared_is_a_limit_said_back(tracker_for, domain, case_store_env):
    # It stayed in what may be shared, and the limit was asked for again.
    talk = Conversation(tracker_for, domain, slots={**GUARDIAN, "consent_guardian_1": "Amira Hassan",
                                                    "consent_child_view": "bra",
                                                    "consent_parties": json.dumps([["BUP", "bup"]])})
    assert await talk.answer("consent_may_share", LIMIT_TYPED) == ["utter_consent_limit_from_sharing"]
    assert talk.slots["consent_may_share"] == "skolan, bup och habiliteringen"
    assert talk.slots["consent_must_not_share"] == "skolsköterskans anteckningar om en privat sak"
    assert talk.responses[0]["limit"] == "skolsköterskans anteckningar om en privat sak"
    assert talk.requested == "consent_valid_from"  # the limits question is skipped


def test_the_limit_said_back_carries_the_duty_to_report(domain):
    # The last variant, without a condition, is for a child's samtycke (an adult's has no such line; session 36).
    variant = domain["responses"]["utter_consent_limit_from_sharing"][-1]
    assert "condition" not in variant
    assert "14 kap. 1 § socialtjänstlagen" in variant["text"] and "{limit}" in variant["text"]


async def test_a_complaint_is_not_saved_with_the_limit(tracker_for, domain, case_store_env):
    talk = Conversation(tracker_for, domain, slots=GUARDIAN)
    assert await talk.answer("consent_must_not_share",
                             "jag skrev ju det. skolsköterskans anteckningar om en privat sak") == []
    assert talk.slots["consent_must_not_share"] == "skolsköterskans anteckningar om en privat sak"
    assert await talk.answer("consent_must_not_share", "jag skrev ju det") == ["utter_consent_say_it_again"]
    assert talk.slots["consent_must_not_share"] is None


# --- 6. "dig" to the young person who gave it ---------------------------------------------------------

@pytest.mark.parametrize("givers, which, about", [
    ([Giver("ung")], "1", "om dig"),
    ([Giver("vardnadshavare", name="Amira Hassan")], "1", "om barnet"),
    ([Giver("foretradare", representative_kind="god_man")], "1", "om dig eller barnet"),
])
async def test_the_withdrawal_speaks_of_whom_the_samtycke_is_about(tracker_for, domain, case_store_env, givers,
                                                                  which, about):
    # A 19-year-old who gave it himself was told "om dig eller barnet".
    _, slots = _opened_case(_consent(givers=givers))
    tracker = tracker_for("withdraw_consent", slots={**slots, "consent_withdraw_which": which})
    [message], _ = await _run(ActionAskConsentWithdrawConfirmed(), tracker, domain)
    assert message["about"] == about


def test_the_withdrawal_texts_name_whom_by_a_parameter(domain):
    for name in ("utter_ask_consent_withdraw_confirmed", "utter_ask_consent_withdraw_confirmed_others"):
        [variant] = domain["responses"][name]
        assert "{about}" in variant["text"] and "dig eller barnet" not in variant["text"]


async def test_the_answer_action_tells_about_a_new_consent_only_after_a_withdrawal(tracker_for, domain, case_store_env):
    # "vänta är sipen avslutad nu?? jag gjorde ju ett nytt direkt" after a withdrawal in this chat went to
    # the articles (persona round, session 35); "avslutas sip direkt om vi säger nej?" alone is not about it.
    from rasa_sdk.executor import CollectingDispatcher

    from actions.answer_question import ActionAnswerQuestion

    asked = "vänta är sipen avslutad nu?? jag gjorde ju ett nytt direkt 😟"
    after = tracker_for("faq", text=asked, events=[
        {"event": "active_loop", "name": "consent_withdraw_form", "timestamp": None},
        {"event": "active_loop", "name": None, "timestamp": None}])
    dispatcher = CollectingDispatcher()
    await ActionAnswerQuestion().run(dispatcher, after, domain)
    assert dispatcher.messages[0].get("response") == "utter_consent_new_after_withdrawal"
    dispatcher = CollectingDispatcher()
    await ActionAnswerQuestion().run(dispatcher, tracker_for("faq", text="avslutas sip direkt om vi säger nej?"), domain)
    assert "utter_consent_new_after_withdrawal" not in [m.get("response") for m in dispatcher.messages]
