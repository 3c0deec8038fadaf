"""The samtycke form after the persona round of session 39, driven answer by answer against a real SQLite store:
Per, a foster father, chose "Företrädare" and "Fullmakt" and had no fullmakt (s39-per-1); Fatima's "jag vill saga
det pa motet med tolk. skriva blankett svart for mig" was saved as "Skriftligt, på blankett" (s39-fatima-1); "ok
ett ar" and "till 31 augusti, då flyttar jag" were no dates (s39-fatima-1, s39-elin-1); "idag" was saved as what
they must not tell (s39-elin-1, s39-per-3)."""
from __future__ import annotations

import pytest

from actions import consent as consent_actions
from actions.casestore import consents as consent_store
from actions.consent import FORM_SLOTS, ActionConsentDone
from actions.consent_rules import add_years, parse_date
from actions.store_access import case_store
from tests.actions.test_consent import _run
from tests.actions.test_consent_form38 import Talk

PER = ("God dag. Mitt namn är Per och jag är familjehemsförälder sedan snart två år för en flicka, Lina, som är 14 "
       "år. Hon är placerad hos oss av socialtjänsten.")
PER_AT_THE_SUMMARY = ("Vänta. Jag har egentligen ingen skriftlig fullmakt från mamman, jag tänkte att jag som "
                      "familjehem företräder Lina i vardagen. Går det ändå?")
REPRESENTATIVE = {"consent_under_18": "ja", "consent_giver": "foretradare", "consent_representative_kind": "fullmakt",
                  "consent_child_view": "Hon tycker att det är bra", "consent_parties": '[["BUP Trollhättan", "bup"]]',
                  "consent_may_share": "Hur det går i skolan", "consent_must_not_share": "-",
                  "consent_valid_from": "2026-12-08", "consent_valid_to": "2027-12-08",
                  "consent_form_kind": "skriftligt"}
ADULT = {"consent_under_18": "nej", "consent_giver": "ung", "consent_parties": '[["BUP", "bup"]]',
         "consent_may_share": "hur jag mår"}


def _ended_with_nothing_saved(talk: Talk) -> None:
    assert talk.requested is None  # the form ends
    assert all(talk.slots.get(slot) is None for slot in FORM_SLOTS)


# --- 2. a foster parent as a representative with a fullmakt -----------------------------------------------------

async def test_a_foster_parent_who_chose_a_fullmakt_is_asked_whether_the_guardian_gave_one(tracker_for, domain,
                                                                                            case_store_env):
    talk = Talk(tracker_for, domain, {"consent_under_18": "ja"}, said=[PER])
    await talk.answer("consent_giver", "företrädare")
    assert talk.requested == "consent_representative_kind"
    await talk.say("fullmakt")
    assert talk.requested == "consent_fullmakt_from_guardian"
    assert await talk.say("Nej") == ["utter_consent_no_fullmakt"]
    _ended_with_nothing_saved(talk)


async def test_a_yes_to_the_fullmakt_goes_on(tracker_for, domain, case_store_env):
    talk = Talk(tracker_for, domain, {"consent_under_18": "ja"}, said=[PER])
    await talk.answer("consent_giver", "företrädare")
    await talk.say("fullmakt")
    assert await talk.say("ja") == []
    assert talk.slots["consent_fullmakt_from_guardian"] == "ja"
    assert talk.requested == "consent_child_view"
    # Someone who said nothing of a foster home is not asked.
    talk = Talk(tracker_for, domain, {"consent_under_18": "ja"})
    await talk.answer("consent_giver", "företrädare")
    await talk.say("fullmakt")
    assert talk.requested == "consent_child_view"


@pytest.mark.parametrize("said", [[PER], []])
async def test_no_fullmakt_at_the_summary_ends_it_with_nothing_saved(tracker_for, domain, opened_case, said):
    opened = {"case_reference": opened_case.reference, "case_verified": True}
    talk = Talk(tracker_for, domain, {**REPRESENTATIVE, **opened}, said=said)
    assert await talk.answer("consent_confirmed", PER_AT_THE_SUMMARY) == ["utter_consent_no_fullmakt"]
    _ended_with_nothing_saved(talk)
    messages, _ = await _run(ActionConsentDone(), talk.tracker(), domain)
    assert [m.get("response") for m in messages] == ["utter_consent_not_saved"]
    assert consent_store.consents(case_store(), opened_case.reference) == []


async def test_no_fullmakt_at_the_kind_question_ends_it(tracker_for, domain, case_store_env):
    talk = Talk(tracker_for, domain, {"consent_under_18": "ja", "consent_giver": "foretradare"})
    assert await talk.answer("consent_representative_kind", "jag har ingen fullmakt") == [
        "utter_consent_no_fullmakt"]
    _ended_with_nothing_saved(talk)


def test_the_no_fullmakt_reply_says_who_gives_it(domain):
    [child] = [v for v in domain["responses"]["utter_consent_no_fullmakt"] if v.get("condition")]
    assert "vårdnadshavarna" in child["text"] and "sparar jag inget samtycke" in child["text"]
    asked = domain["responses"]["utter_ask_consent_fullmakt_from_guardian"][0]
    assert "fullmakt" in asked["text"] and {b["payload"] for b in asked["buttons"]} == {"ja", "nej"}


# --- 3. saying it at the meeting is oral ------------------------------------------------------------------------

async def test_saying_it_at_the_meeting_is_oral_and_hard_writing_no_vote_for_writing(tracker_for, domain,
                                                                                      case_store_env):
    talk = Talk(tracker_for, domain, ADULT)
    await talk.answer("consent_form_kind", "jag vill saga det pa motet med tolk. skriva blankett svart for mig")
    assert talk.slots["consent_form_kind"] == "muntligt"


async def test_the_way_corrected_at_the_summary_is_taken(tracker_for, domain, case_store_env):
    talk = Talk(tracker_for, domain, {**REPRESENTATIVE, "consent_giver": "ung", "consent_under_18": "nej"})
    assert await talk.answer("consent_confirmed", "nej fel!! inte blankett. jag sa skriva ar svart. muntligt") == [
        "utter_consent_form_kind_changed"]
    assert talk.slots["consent_form_kind"] == "muntligt" and talk.slots["consent_confirmed"] is None
    assert talk.requested == "consent_confirmed"  # the summary again


# --- 4. dates with an okay before or a reason after -------------------------------------------------------------

@pytest.mark.parametrize("text, end", [
    ("ok ett ar", lambda start: add_years(start, 1)),
    ("till 31 augusti, då flyttar jag", lambda start: parse_date("31 augusti", start, reference=start)),
])
async def test_an_end_date_with_words_around_it_is_read(tracker_for, domain, case_store_env, text, end):
    start = consent_actions.today()
    talk = Talk(tracker_for, domain, {**ADULT, "consent_must_not_share": "-", "consent_valid_from": start.isoformat()})
    assert await talk.answer("consent_valid_to", text) == []
    assert talk.slots["consent_valid_to"] == end(start).isoformat()
    assert talk.requested == "consent_form_kind"


async def test_a_start_date_after_an_okay_is_read(tracker_for, domain, case_store_env):
    talk = Talk(tracker_for, domain, {**ADULT, "consent_must_not_share": "-"})
    assert await talk.answer("consent_valid_from", "okej idag") == []
    assert talk.slots["consent_valid_from"] == consent_actions.today().isoformat()


# --- 5. a date is no limit --------------------------------------------------------------------------------------

@pytest.mark.parametrize("text", ["idag", "imorgon", "15 mars"])
async def test_a_bare_date_is_no_limit(tracker_for, domain, case_store_env, text):
    talk = Talk(tracker_for, domain, ADULT)
    assert await talk.answer("consent_must_not_share", text) == ["utter_consent_limit_is_a_date"]
    assert talk.responses[0]["typed"] == text
    assert talk.slots["consent_must_not_share"] is None
    assert talk.requested == "consent_must_not_share"  # asked again
    assert await talk.say("inget om min mamma") == []  # a limit is still a limit
    assert talk.slots["consent_must_not_share"] == "min mamma"


# --- review of session 39: a yes with a change or a but, the way at the summary, dates taken back -------------------

ADULT_AT_THE_SUMMARY = {**REPRESENTATIVE, "consent_giver": "ung", "consent_under_18": "nej"}  # skriftligt


@pytest.mark.parametrize("text", ["ja, ändra namnet", "ja det är fel", "ja förutom bup", "ja allt utom datumet",
                                  "ja men", "okej då men", "mm men", "ja ta bort det", "ja ta bort bup"])
async def test_a_yes_with_a_change_or_a_but_saves_no_samtycke(tracker_for, domain, opened_case, text):
    opened = {"case_reference": opened_case.reference, "case_verified": True}
    talk = Talk(tracker_for, domain, {**ADULT_AT_THE_SUMMARY, **opened})
    assert await talk.answer("consent_confirmed", text) == ["utter_consent_what_to_change"]
    assert talk.slots["consent_confirmed"] is None and talk.requested == "consent_confirmed"
    messages, _ = await _run(ActionConsentDone(), talk.tracker(), domain)
    assert [m.get("response") for m in messages] == ["utter_consent_not_saved"]
    assert consent_store.consents(case_store(), opened_case.reference) == []


async def test_a_yes_with_a_change_the_summary_knows_asks_that_again(tracker_for, domain, case_store_env):
    talk = Talk(tracker_for, domain, ADULT_AT_THE_SUMMARY)
    await talk.answer("consent_confirmed", "ja, ändra datumet")
    assert talk.slots["consent_confirmed"] is None
    assert talk.slots["consent_valid_from"] is None and talk.slots["consent_valid_to"] is None


@pytest.mark.parametrize("text", ["ja", "Ja, spara", "ja spara", "ok ja", "jaaa", "japp"])
async def test_a_plain_yes_still_confirms(tracker_for, domain, case_store_env, text):
    talk = Talk(tracker_for, domain, ADULT_AT_THE_SUMMARY)
    assert await talk.answer("consent_confirmed", text) == []
    assert talk.slots["consent_confirmed"] == "ja"


@pytest.mark.parametrize("text", ["jag vill prata med min fru först", "ja men jag vill prata med soc om det",
                                  "vänta jag måste berätta för pappan"])
async def test_talk_at_the_summary_keeps_the_written_way(tracker_for, domain, case_store_env, text):
    talk = Talk(tracker_for, domain, ADULT_AT_THE_SUMMARY)
    assert "utter_consent_form_kind_changed" not in await talk.answer("consent_confirmed", text)
    assert talk.slots["consent_form_kind"] == "skriftligt" and talk.slots["consent_confirmed"] is None


@pytest.mark.parametrize("text, kind", [
    ("inte muntligt utan skriftligt", "skriftligt"), ("skriftligt så jag inte glömmer", "skriftligt"),
    ("på papper inte muntligt", "skriftligt"), ("muntligt, inte skriftligt", "muntligt"),
    ("jag vill saga det pa motet med tolk. skriva blankett svart för mig", "muntligt"),
    ("vill inte skriva på blankett, muntligt", "muntligt"), ("skriftligt vill jag inte", None),
    ("ingen blankett", None), ("Muntligt (skrivs in i journalen)", "muntligt"),
    ("Skriftligt, på blankett", "skriftligt")])
async def test_the_way_said_with_a_not_or_a_reason(tracker_for, domain, case_store_env, text, kind):
    talk = Talk(tracker_for, domain, ADULT)
    await talk.answer("consent_form_kind", text)
    assert talk.slots["consent_form_kind"] == kind


@pytest.mark.parametrize("slot, text", [("consent_valid_from", "1 maj, nej vänta"),
                                        ("consent_valid_from", "15 mars, nej förresten"),
                                        ("consent_valid_to", "1 maj, nej vänta"),
                                        ("consent_valid_to", "ett år? är det max"),
                                        ("consent_valid_to", "31 augusti, eller")])
async def test_a_date_taken_back_or_asked_about_is_asked_again(tracker_for, domain, case_store_env, slot, text):
    start = consent_actions.today()
    talk = Talk(tracker_for, domain, {**ADULT, "consent_must_not_share": "-",
                                      **({"consent_valid_from": start.isoformat()} if slot == "consent_valid_to"
                                         else {})})
    await talk.answer(slot, text)
    assert talk.slots[slot] is None and talk.requested == slot


def test_a_yes_to_taking_the_whole_away_is_still_a_yes():
    # The withdrawal and deleting everything read the same confirmation: "ta bort" the whole is their yes.
    from actions.consent_rules import parse_confirmation
    assert parse_confirmation("ja ta bort allt") is True and parse_confirmation("ja, ta bort samtycket") is True
    assert parse_confirmation("ja, den andra vårdnadshavaren också") is True  # "andra" is the other, no change
    assert parse_confirmation("ja ta bort bup") is None
