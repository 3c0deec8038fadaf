"""Samtycke after the persona round of session 36: Amina (a mother, Swedish her second language) corrects her
name at a later question, asks at the withdrawal's yes or no and at the summary; Birgitta, a foster mother of a
14-year-old, types "Ja, under 18 år" and asks whether she counts; where the one-year limit comes from."""
from __future__ import annotations

import json
from datetime import timedelta

import pytest
from rasa_sdk.executor import CollectingDispatcher

from actions import consent_rules as rules
from actions.casestore import consents as consent_store
from actions.consent import ValidateConsentForm, ValidateConsentWithdrawForm
from actions.knowledge_base import articles
from actions.store_access import case_store
from tests.actions.test_consent import FORM, TODAY, WITHDRAW_FORM, Conversation, _slot_events
from tests.actions.test_consent_persona35b import _consent, _opened_case

# "ja" to whether the other guardian said yes themself, asked whenever two are named (review, session 38).
TWO_GUARDIANS = {"consent_under_18": "ja", "consent_giver": "vardnadshavare", "consent_guardian_count": "2",
                 "consent_guardian_1": "Amina Hasan", "consent_guardian_2": "Omar Hassan",
                 "consent_guardian_2_agreed": "ja"}
SUMMARY = {**TWO_GUARDIANS, "consent_guardian_1": "Amina Hassan", "consent_child_view": "han vill att det blir lugnare",
           "consent_parties": json.dumps([["Hagaskolan", "skola"], ["Habiliteringen", "habilitering"]]),
           "consent_may_share": "hur det går i skolan", "consent_must_not_share": "-",
           "consent_valid_from": TODAY.isoformat(), "consent_valid_to": (TODAY + timedelta(days=365)).isoformat(),
           "consent_form_kind": "skriftligt"}
FOSTER_MOTHER = "Jag är familjehemsförälder. Räknas jag som företrädare?"


async def _validate(tracker_for, domain, slot: str, text: str, slots: dict, earlier: list[str] = (),
                    intent: str = "out_of_scope", confidence: float = 0.4):
    """validate_consent_form for `text` typed at `slot`, with earlier user messages in the conversation."""
    events = [{"event": "user", "text": said, "parse_data": {"intent": {"name": "faq"}}} for said in earlier]
    tracker = tracker_for(intent, confidence=confidence, text=text,
                          slots={**slots, slot: text, "requested_slot": slot},
                          events=[*events, {"event": "slot", "name": slot, "value": text, "timestamp": None}],
                          active_loop=FORM)
    dispatcher = CollectingDispatcher()
    events = await ValidateConsentForm().run(dispatcher, tracker, domain)
    return dispatcher.messages, _slot_events(events)


# --- 1. a correction of an earlier answer is never the child's view ------------------------------------

AMINA_CORRECTS = "förlåt jag skrev fel mitt namn, det är Hassan med två s"


async def test_a_name_corrected_at_the_childs_view_is_corrected_and_the_view_asked_again(tracker_for, domain,
                                                                                        case_store_env):
    # Saved as "Barnets egen inställning: förlåt jag skrev fel mitt namn, det är Hassan med två s".
    talk = Conversation(tracker_for, domain, slots=TWO_GUARDIANS)
    assert await talk.answer("consent_child_view", AMINA_CORRECTS, intent="retract", confidence=0.83) == [
        "utter_consent_name_corrected"]
    assert talk.slots["consent_guardian_1"] == "Amina Hassan" and talk.slots["consent_guardian_2"] == "Omar Hassan"
    assert talk.responses[0]["name"] == "Amina Hassan"
    assert talk.slots["consent_child_view"] is None and talk.requested == "consent_child_view"
    # The child's view is then taken as usual.
    assert await talk.say("han vill att det blir lugnare i skolan") == []
    assert talk.slots["consent_child_view"] == "han vill att det blir lugnare i skolan"
    assert talk.requested == "consent_parties"


async def test_a_correction_that_fits_no_name_clearly_asks_for_the_names_again(tracker_for, domain, case_store_env):
    # Both names are spelt "Hasan": which one is meant is not clear, so nothing is guessed.
    talk = Conversation(tracker_for, domain, slots={**TWO_GUARDIANS, "consent_guardian_2": "Omar Hasan"})
    assert await talk.answer("consent_child_view", AMINA_CORRECTS) == ["utter_consent_name_correction_unclear"]
    assert talk.responses[0]["new"] == "Hassan med två s"
    assert talk.slots["consent_guardian_1"] is None and talk.slots["consent_guardian_2"] is None
    assert talk.slots["consent_child_view"] is None and talk.requested == "consent_guardian_1"


async def test_a_correction_of_something_else_is_not_saved_and_the_question_comes_again(tracker_for, domain,
                                                                                       case_store_env):
    talk = Conversation(tracker_for, domain, slots={**SUMMARY, "consent_may_share": None})
    assert await talk.answer("consent_may_share", "oj jag skrev fel") == ["utter_consent_correction_not_saved"]
    assert talk.slots["consent_may_share"] is None and talk.requested == "consent_may_share"


@pytest.mark.parametrize("text", ["det ska vara lugnt i skolan",
                                  "han säger att han skrev fel på provet och blev ledsen"])
async def test_an_answer_that_only_sounds_like_a_correction_is_kept(tracker_for, domain, case_store_env, text):
    talk = Conversation(tracker_for, domain, slots=TWO_GUARDIANS)
    assert await talk.answer("consent_child_view", text) == []
    assert talk.slots["consent_child_view"] == text and talk.slots["consent_guardian_1"] == "Amina Hasan"


async def test_a_name_corrected_at_the_summary_is_shown_again(tracker_for, domain, case_store_env):
    talk = Conversation(tracker_for, domain, slots={**SUMMARY, "consent_guardian_1": "Amina Hasan"})
    assert await talk.answer("consent_confirmed", AMINA_CORRECTS) == ["utter_consent_name_corrected"]
    assert talk.slots["consent_guardian_1"] == "Amina Hassan"
    assert talk.slots["consent_confirmed"] is None and talk.requested == "consent_confirmed"


# --- 2. a question at the withdrawal's yes or no is answered, never a no --------------------------------

def _only_whole_said() -> list[dict]:
    return [{"event": "action", "name": "action_withdraw_consent", "timestamp": None},
            {"event": "bot", "text": "…", "metadata": {"utter_action": "utter_consent_withdraw_only_whole"}}]


async def _at_the_withdrawal(tracker_for, domain, text: str, earlier: list[dict], intent="faq", confidence=0.95):
    reference, slots = _opened_case(_consent())
    slots = {**slots, "consent_withdraw_which": "1", "consent_withdraw_confirmed": text,
             "requested_slot": "consent_withdraw_confirmed"}
    tracker = tracker_for(intent, confidence=confidence, text=text, slots=slots, active_loop=WITHDRAW_FORM,
                          events=[*earlier, {"event": "slot", "name": "consent_withdraw_confirmed", "value": text,
                                             "timestamp": None}])
    dispatcher = CollectingDispatcher()
    events = await ValidateConsentWithdrawForm().run(dispatcher, tracker, domain)
    return reference, [m.get("response") for m in dispatcher.messages], _slot_events(events)


@pytest.mark.parametrize("text, earlier", [
    # It got "Okej, samtycket gäller som förut." and the withdrawal ended, the question unanswered.
    ("avslutas sip om jag ger nytt samtycke direkt efter?", []),
    # It got "Förlåt, jag förstår inte riktigt", after the chat had said a new samtycke can follow.
    ("men om jag tar tillbaka, slutar sip då? det står avslutas. jag vill inte att hela sip slutar",
     _only_whole_said()),
])
async def test_a_question_whether_the_sip_ends_is_answered_and_the_yes_or_no_asked_again(tracker_for, domain,
                                                                                        case_store_env, text, earlier):
    reference, responses, slots = await _at_the_withdrawal(tracker_for, domain, text, earlier)
    assert responses == ["utter_consent_new_after_withdrawal"]
    assert slots["consent_withdraw_confirmed"] is None  # the form asks again
    assert consent_store.consents(case_store(), reference)[0].withdrawn_at is None


async def test_a_no_with_a_new_samtycke_wished_is_still_a_no(tracker_for, domain, case_store_env):
    _, responses, slots = await _at_the_withdrawal(
        tracker_for, domain, "nej?? jag vill inte ta tillbaka. jag vill göra nytt samtycke", [])
    assert slots["consent_withdraw_confirmed"] == "nej"


# --- 3. a question at the summary about the other guardian's samtycke ------------------------------------

FATHER_ON_THE_PHONE = "får jag skriva pappans namn fast han inte sitter här? han sa ja i telefon igår"


async def test_writing_in_the_other_guardians_samtycke_is_answered_and_the_summary_shown_again(tracker_for, domain,
                                                                                             case_store_env):
    # Read as crisis_check_in (1.00), it got only "Vad vill du ändra? Välj en knapp…".
    messages, slots = await _validate(tracker_for, domain, "consent_confirmed", FATHER_ON_THE_PHONE, SUMMARY,
                                      intent="crisis_check_in", confidence=1.0)
    assert [m.get("response") for m in messages] == ["utter_consent_other_guardians_yes"]
    said = messages[0]
    assert said["who_gives"] == rules.sentence_with(articles()["samtycke_vem_ger"].short, "huvudregeln")
    assert "muntligt" in said["oral"] and "journalen" in said["oral"]
    assert said["source"] == "Utbildningsmaterialet ”SIP som verktyg i samverkan” (Västra Götaland)"
    assert slots["consent_confirmed"] is None and slots["requested_slot"] == "consent_confirmed"
    # Nothing is changed: both names stay as they were.
    assert "consent_guardian_2" not in slots


async def test_another_question_at_the_summary_is_answered_whatever_its_intent(tracker_for, domain, case_store_env):
    messages, slots = await _validate(tracker_for, domain, "consent_confirmed", "vad händer om pappan inte vill?",
                                      SUMMARY, intent="crisis_check_in", confidence=1.0)
    assert "utter_consent_what_to_change" not in [m.get("response") for m in messages]
    assert any("Källa" in (m.get("text") or "") for m in messages)
    assert slots["consent_confirmed"] is None and slots["requested_slot"] == "consent_confirmed"
    # A short "stämmer det?" has no article to answer it: the summary's choices.
    messages, _ = await _validate(tracker_for, domain, "consent_confirmed", "stämmer det?", SUMMARY)
    assert [m.get("response") for m in messages] == ["utter_consent_what_to_change"]


def test_the_answer_says_what_the_material_does_not_say_and_what_the_form_can_do(domain):
    variants = domain["responses"]["utter_consent_other_guardians_yes"]
    for variant in variants:
        assert "Det säger inte om en vårdnadshavare kan skriva in den andra" in variant["text"]
        assert "Källa: {source}" in variant["text"]
    # Only at the summary are its buttons named.
    at_summary = [v for v in variants if v.get("condition")]
    assert at_summary and all("Ändra vem som samtycker" in v["text"] for v in at_summary)
    assert all("Ändra vem som samtycker" not in v["text"] for v in variants if not v.get("condition"))


# --- 4. a foster mother of a 14-year-old ----------------------------------------------------------------

async def test_the_under_18_buttons_title_typed_is_under_18(tracker_for, domain, case_store_env):
    # "Ja, under 18 år" was read as the age 18: saved as "nej", and the adult's choices followed.
    talk = await Conversation(tracker_for, domain).start("consent_under_18")
    assert await talk.say("Ja, under 18 år", intent="affirm", confidence=0.91) == []
    assert talk.slots["consent_under_18"] == "ja" and talk.requested == "consent_giver"
    talk = await Conversation(tracker_for, domain).start("consent_under_18")
    await talk.say("Nej, 18 år eller äldre")
    assert talk.slots["consent_under_18"] == "nej"


def _giver_variant(domain, under_18: bool) -> dict:
    for variant in domain["responses"]["utter_ask_consent_giver"]:
        if any(c.get("value") == "ja" for c in variant.get("condition") or []) is under_18:
            return variant
    raise AssertionError("no giver question for this age")


@pytest.mark.parametrize("response", ["utter_consent_giver_foster_home", "utter_consent_giver_relative"])
@pytest.mark.parametrize("under_18", [True, False])
def test_the_texts_point_only_at_buttons_that_are_shown(domain, response, under_18):
    # "Är någon annan här vårdnadshavare? Välj det nedan." came with no guardian button.
    [variant] = [v for v in domain["responses"][response]
                 if any(c.get("value") == "ja" for c in v.get("condition") or []) is under_18]
    shown = {rules.parse_giver(b["payload"]) for b in _giver_variant(domain, under_18)["buttons"]}
    pointed = rules.sentence_with(variant["text"], "nedan") or ""
    named = {giver for giver in (rules.GUARDIAN, rules.REPRESENTATIVE) if giver in rules.givers_named(pointed)}
    assert named <= shown, pointed
    # Under 18, as the article samtycke_vem_ger: the young person with the age and maturity gives it too.
    assert ("ålder och mognad" in variant["text"]) is under_18


async def test_a_foster_parent_who_chooses_the_young_person_is_told_plainly_who_gives_it(tracker_for, domain,
                                                                                        case_store_env):
    # She got "Okej, du ger samtycket själv…", and it was saved as the young person's.
    messages, slots = await _validate(tracker_for, domain, "consent_giver", "jag själv", {"consent_under_18": "ja"},
                                      earlier=[FOSTER_MOTHER])
    assert [m.get("response") for m in messages] == ["utter_consent_young_giver_not_the_writer"]
    assert slots["consent_giver"] == "ung"
    [variant] = domain["responses"]["utter_consent_young_giver_not_the_writer"]
    assert "Det är den unga som ska svara" in variant["text"] and "avbryt" in variant["text"]


async def test_a_young_person_who_chooses_themself_still_gets_the_maturity_text(tracker_for, domain, case_store_env):
    messages, _ = await _validate(tracker_for, domain, "consent_giver", "jag själv", {"consent_under_18": "ja"},
                                  earlier=["jag är 16 och vill ge samtycke"])
    assert [m.get("response") for m in messages] == ["utter_consent_young_giver_maturity"]


async def test_a_question_about_the_choices_chooses_none(tracker_for, domain, case_store_env):
    # Read as "vårdnadshavare" (and, then taken as 18, answered "När den unga har fyllt 18 år…").
    asked = ("Men du skriver 'välj det nedan' och det finns ingen knapp för vårdnadshavare. Och tidigare sa du att "
             "en 14-åring kan samtycka själv om hon är mogen nog. Kan Elin då trycka på 'Jag själv, den unga'?")
    messages, slots = await _validate(tracker_for, domain, "consent_giver", asked, {"consent_under_18": "ja"},
                                      earlier=[FOSTER_MOTHER], intent="faq", confidence=0.93)
    assert [m.get("response") for m in messages] == ["utter_consent_young_giver_not_the_writer"]
    assert slots["consent_giver"] is None and slots["requested_slot"] == "consent_giver"


async def test_her_question_at_the_summary_is_answered_and_the_summary_shown_again(tracker_for, domain,
                                                                                  case_store_env):
    asked = ("Det står 'Den unga själv' men det är ju jag, Birgitta, som skriver. Elin sitter bredvid mig och "
             "säger att hon vill. Räcker det?")
    young = {**SUMMARY, "consent_giver": "ung", "consent_guardian_count": None, "consent_guardian_1": None,
             "consent_guardian_2": None, "consent_child_view": None}
    messages, slots = await _validate(tracker_for, domain, "consent_confirmed", asked, young,
                                      earlier=["familjehemsförälder"], intent="crisis_check_in", confidence=1.0)
    assert [m.get("response") for m in messages] == ["utter_consent_young_giver_not_the_writer"]
    assert slots["consent_confirmed"] is None and slots["requested_slot"] == "consent_confirmed"


def test_the_adults_text_says_which_age_answer_it_follows(domain):
    [variant] = domain["responses"]["utter_consent_giver_not_allowed_for_age"]
    assert "18 år eller äldre" in variant["text"] and "nedan" not in variant["text"]


# --- 5. a name typed with "jag skrev ju redan" -------------------------------------------------------------

async def test_a_name_with_a_complaint_is_taken_without_a_hint(tracker_for, domain, case_store_env):
    # It got "Skriv bara namnet… tryck på ”Ändra vem som samtycker” … välj ”En”" with one guardian.
    talk = Conversation(tracker_for, domain, slots={"consent_under_18": "ja", "consent_giver": "vardnadshavare",
                                                    "consent_guardian_count": "1"})
    assert await talk.answer("consent_guardian_1", "Amina Hassan, jag skrev ju redan") == [
        "utter_consent_guardian_name_taken"]
    assert talk.slots["consent_guardian_1"] == "Amina Hassan" and talk.responses[0]["name"] == "Amina Hassan"


def test_the_hint_to_change_the_count_comes_only_with_two_guardians(domain):
    for variant in domain["responses"]["utter_consent_guardian_name_only"]:
        two = any(c.get("name") == "consent_guardian_count" and c.get("value") == "2"
                  for c in variant.get("condition") or [])
        assert ("Ändra vem som samtycker" in variant["text"]) is two


# --- 6. the one-year limit is Dals-Ed's, and said so ---------------------------------------------------------

def test_every_text_with_the_one_year_limit_says_whose_rule_it_is(domain):
    # "Det kan gälla i högst ett år" had no source; it is Dals-Eds kommun's routine (seed 004).
    article = articles()["samtycke_hur_lange"]
    assert "Dals-Eds kommun" in article.source and "1 år" in article.short
    saying = {name: v["text"] for name, variants in domain["responses"].items() if name.startswith("utter_") and
              "consent" in name for v in variants if "högst ett år" in (v.get("text") or "")}
    assert {"utter_ask_consent_valid_to", "utter_consent_too_long"} <= set(saying)
    for name, text in saying.items():
        assert "Dals-Eds kommun" in text and "Tidiga Samordnade Insatser" in text, name


@pytest.mark.parametrize("text, verdict", [
    ("Jag är familjehemsförälder. Räknas jag som företrädare?", True), ("familjehemsförälder", True),
    ("kan jag som familjehemsförälder begära en SIP?", True), ("jag är mormor", True),
    ("jag är mamma", False), ("min dotter bor i familjehem sedan i våras", False), ("BUP och skolan", None),
])
def test_who_says_they_are_no_guardian(text, verdict):
    from actions.consent import writes_as_no_guardian

    assert writes_as_no_guardian(text) is verdict
