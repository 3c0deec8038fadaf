"""The request form after the persona round of session 38: "hon ar 12" at the personnummer question was not
taken as the age, and "ja hon har sagt ok" at "Vem märkte först att det behövs en SIP?" was saved as "annan"."""
from __future__ import annotations

import pytest

import actions.request as request
from actions import request_rules as rules
from tests.actions.test_request import PNR, _scrubbed
from tests.actions.test_request_contact_time import _validate
from tests.actions.test_request_persona36 import GUARDIAN, _at, _render

CHILD = {**GUARDIAN, "request_child_name": "Elsa Andersson"}
BEFORE_NOTICED = {**CHILD, "request_personnummer": request.SKIPPED, "request_age": "12", "request_organisation": "bup",
                  "request_needs": "Hon orkar inte gå till skolan"}


# --- 1. the age in everyday words at the personnummer question ----------------------------------------------

@pytest.mark.parametrize("text, age", [("hon ar 12", "12"), ("hon är 12 år", "12"), ("han e 9", "9"), ("12 år", "12"),
                                       ("hen är tolv", "12"), ("tolv", "12")])
async def test_an_age_in_everyday_words_is_taken_as_a_bare_age_is(tracker_for, domain, text, age):
    responses, slots = await _validate(_at(tracker_for, "request_personnummer", text, CHILD), domain)
    bare, _ = await _validate(_at(tracker_for, "request_personnummer", age, CHILD), domain)
    assert slots == {"request_personnummer": request.SKIPPED, "request_age": age}
    assert responses == bare == ["utter_request_eligibility_sip"]


@pytest.mark.parametrize("text", ["vet inte hennes personnummer men hon ar 12", "bara åldern, hon är 12 år"])
async def test_an_age_said_with_a_refusal_is_not_asked_for_again(tracker_for, domain, text):
    responses, slots = await _validate(_at(tracker_for, "request_personnummer", text, CHILD), domain)
    assert slots == {"request_personnummer": request.SKIPPED, "request_age": "12"}
    assert responses == ["utter_request_eligibility_sip"]


async def test_a_refusal_without_an_age_still_asks_for_the_age(tracker_for, domain):
    responses, slots = await _validate(_at(tracker_for, "request_personnummer", "vill inte", CHILD), domain)
    assert slots == {"request_personnummer": request.SKIPPED} and responses == ["utter_request_personnummer_declined"]


@pytest.mark.parametrize("text", ["hon går i 6an", "rum 12"])
async def test_a_number_that_is_no_age_is_asked_again(tracker_for, domain, text):
    responses, slots = await _validate(_at(tracker_for, "request_personnummer", text, CHILD), domain)
    assert slots == {"request_personnummer": None} and responses == ["utter_request_personnummer_unclear"]


async def test_a_personnummer_wins_over_an_age_said_with_it(tracker_for, domain, case_store_env):
    text, metadata = _scrubbed(f"hon ar 12, {PNR}")
    assert "[personnummer]" in text
    responses, slots = await _validate(_at(tracker_for, "request_personnummer", text, CHILD, metadata=metadata), domain)
    assert request.unseal(slots["request_personnummer"]) == PNR
    assert slots["request_age"] == str(rules.parse_age(PNR))


async def test_the_age_question_reads_everyday_words_too(tracker_for, domain):
    slots_before = {**CHILD, "request_personnummer": request.SKIPPED}
    _, slots = await _validate(_at(tracker_for, "request_age", "hen är tolv", slots_before), domain)
    assert slots["request_age"] == "12"


# --- 2. a yes about something else at "Vem märkte först …?" ---------------------------------------------------

@pytest.mark.parametrize("text", ["ja hon har sagt ok", "ok"])
async def test_a_yes_about_something_else_is_asked_again_not_saved_as_annan(tracker_for, domain, text):
    responses, slots = await _validate(_at(tracker_for, "request_noticed_by", text, BEFORE_NOTICED), domain)
    assert slots == {"request_noticed_by": None} and responses == ["utter_request_noticed_by_unclear"]
    # The form then asks the question again, with its option buttons.
    again = _render(domain, "utter_ask_request_noticed_by", BEFORE_NOTICED)
    assert "Annan" in [b["title"] for b in again["buttons"]]


def test_the_reply_says_kindly_what_to_do(domain):
    reply = domain["responses"]["utter_request_noticed_by_unclear"][0]["text"]
    assert "alternativen" in reply and "skriv vem" in reply


@pytest.mark.parametrize("text, expected", [("hennes tränare", rules.ANNAN), ("en granne", rules.ANNAN),
                                            ("ja, skolan", rules.SKOLA)])
async def test_own_words_naming_someone_are_kept(tracker_for, domain, text, expected):
    responses, slots = await _validate(_at(tracker_for, "request_noticed_by", text, BEFORE_NOTICED), domain)
    assert slots == {"request_noticed_by": expected} and responses == []


# --- 3. only the child's age is taken (review of session 38) ---------------------------------------------------
# "vet inte hennes personnummer, jag har haft henne i 2 år" saved age 2 and "nej vet inte, mamma är 40" age 40,
# each judged for a SIP and sent.

@pytest.mark.parametrize("text", ["vet inte hennes personnummer, jag har haft henne i 2 år",
                                  "nej vet inte, mamma är 40", "vet inte, har bara haft henne sedan 2 år"])
async def test_a_refusal_with_a_duration_or_someone_elses_age_still_asks_for_the_age(tracker_for, domain, text):
    responses, slots = await _validate(_at(tracker_for, "request_personnummer", text, CHILD), domain)
    assert slots == {"request_personnummer": request.SKIPPED}
    assert responses == ["utter_request_personnummer_declined"]


@pytest.mark.parametrize("text", ["jag har haft henne i 2 år", "mamma är 40", "jag är 35", "för 2 år sen"])
async def test_without_a_refusal_they_are_asked_again(tracker_for, domain, text):
    responses, slots = await _validate(_at(tracker_for, "request_personnummer", text, CHILD), domain)
    assert slots == {"request_personnummer": None} and responses == ["utter_request_personnummer_unclear"]


@pytest.mark.parametrize("text", ["mamma är 40", "om 2 år"])
async def test_at_the_age_question_too(tracker_for, domain, text):
    slots_before = {**CHILD, "request_personnummer": request.SKIPPED}
    responses, slots = await _validate(_at(tracker_for, "request_age", text, slots_before), domain)
    assert slots == {"request_age": None} and responses == ["utter_request_age_unclear"]


@pytest.mark.parametrize("text", ["vet inte hennes personnummer men hon ar 12", "nej, mamma är 40 men hon är 12",
                                  "vet inte, Elsa är 12"])
async def test_the_childs_age_with_a_refusal_is_still_taken(tracker_for, domain, text):
    responses, slots = await _validate(_at(tracker_for, "request_personnummer", text, CHILD), domain)
    assert slots == {"request_personnummer": request.SKIPPED, "request_age": "12"}
    assert responses == ["utter_request_eligibility_sip"]


async def test_a_duration_said_with_the_name_is_no_age(tracker_for, domain):
    responses, slots = await _validate(_at(tracker_for, "request_child_name", "Elsa Andersson, vi har haft henne i 2 år",
                                           GUARDIAN), domain)
    assert slots == {"request_child_name": "Elsa Andersson"} and responses == []


# --- 4. a young person's "jag är 19" is their age (verification of session 38) -------------------------------
# The young person asking for themself answered "Hur gammal är du?" with "jag är 19 år" and was told the age was
# not understood; a guardian's "jag är 40" must still be no age.

YOUNG = {"request_kind": "ny", "request_sides": "bada", "request_role": rules.UNG, "request_child_name": "Sara Ek"}


@pytest.mark.parametrize("text", ["jag är 19 år", "jag e 19", "jag fyller 19 i maj"])
async def test_a_young_persons_own_age_is_taken(tracker_for, domain, text):
    slots_before = {**YOUNG, "request_personnummer": request.SKIPPED}
    _, slots = await _validate(_at(tracker_for, "request_age", text, slots_before), domain)
    assert slots["request_age"] == "19"


async def test_a_young_person_under_18_is_told_where_to_ask(tracker_for, domain):
    slots_before = {**YOUNG, "request_personnummer": request.SKIPPED}
    responses, slots = await _validate(_at(tracker_for, "request_age", "jag är 15", slots_before), domain)
    assert slots == {"request_age": None, "request_personnummer": None, "request_role": None}
    assert responses == ["utter_request_under_18"]


async def test_a_young_persons_age_with_a_refusal_is_not_asked_again(tracker_for, domain):
    _, slots = await _validate(_at(tracker_for, "request_personnummer", "vill inte, jag är 19", YOUNG), domain)
    assert slots["request_personnummer"] == request.SKIPPED and slots["request_age"] == "19"


@pytest.mark.parametrize("slot, text", [("request_age", "jag är 40"), ("request_personnummer", "vill inte, jag är 40")])
async def test_a_guardians_own_age_is_still_no_age(tracker_for, domain, slot, text):
    slots_before = {**CHILD, "request_personnummer": request.SKIPPED} if slot == "request_age" else CHILD
    responses, slots = await _validate(_at(tracker_for, slot, text, slots_before), domain)
    assert "request_age" not in slots or slots["request_age"] is None
    assert responses in (["utter_request_age_unclear"], ["utter_request_personnummer_declined"])
