"""Consent after the verification round of session 35: a limit typed with the organisations or as "inte …",
the wish typed in a SIP request used when "Lämna samtycke" is pressed, "Lämna samtycke" offered after a
withdrawal meant to stop only some organisations, staff asking to register a family's samtycke outside the
form, and "(en vårdnadshavare samtycker)" on /mina-uppgifter."""
from __future__ import annotations

import json
from datetime import timedelta

import pytest
from rasa_sdk.executor import CollectingDispatcher

from actions import consent_rules as rules
from actions.casestore import consents as consent_store, rights
from actions.casestore.consents import Giver, NewConsent, PartyRecord
from actions.consent import (ActionStartConsent, ActionWithdrawConsentDone, ValidateConsentForm,
                             told_staff_the_family_gives_it)
from actions.store_access import case_store
from tests.actions.test_consent import FORM, TODAY, Conversation, _run, _slot_events

GUARDIAN = {"consent_under_18": "ja", "consent_giver": "vardnadshavare", "consent_guardian_count": "1"}


# --- 1. a limit typed with the organisations, or as "inte …" --------------------------------------------

async def test_a_limit_typed_with_the_organisations_is_kept_and_said_back(tracker_for, domain, case_store_env):
    # "Jag uppfattade de här verksamheterna: • skola (Skolan) • BUP", the limit dropped and asked for later.
    talk = Conversation(tracker_for, domain, slots=GUARDIAN)
    said = await talk.answer("consent_parties", "skola och bup, men inte om hans medicin")
    assert said == ["utter_consent_parties_understood", "utter_consent_limit_from_sharing"]
    assert json.loads(talk.slots["consent_parties"]) == [["skola", "skola"], ["bup", "bup"]]
    assert talk.slots["consent_must_not_share"] == "hans medicin"
    assert talk.responses[1]["limit"] == "hans medicin"
    # What may be shared is asked next; what may not is not asked again.
    talk.slots.update({"consent_guardian_1": "Leyla Hassan", "consent_child_view": "bra"})
    await talk.answer("consent_may_share", "hur det går i skolan")
    assert talk.requested == "consent_valid_from"


async def test_an_organisation_left_out_with_men_inte_is_no_limit(tracker_for, domain, case_store_env):
    talk = Conversation(tracker_for, domain, slots=GUARDIAN)
    assert await talk.answer("consent_parties", "skolan och vårdcentralen men inte socialtjänsten") == [
        "utter_consent_parties_understood"]
    assert [name for name, _ in json.loads(talk.slots["consent_parties"])] == ["skolan", "vårdcentralen"]
    assert talk.slots.get("consent_must_not_share") is None


@pytest.mark.parametrize("text, may_share, limit", [("inte medicin", None, "medicin"),
                                                     ("skolgång, inte om medicin", "skolgång", "medicin"),
                                                     ("nej, inte om diagnosen", None, "diagnosen")])
async def test_a_part_that_starts_with_inte_is_a_limit(tracker_for, domain, case_store_env, text, may_share, limit):
    # "inte medicin" was saved as what MAY be shared ("Får berätta för varandra: inte medicin").
    talk = Conversation(tracker_for, domain, slots=GUARDIAN)
    assert await talk.answer("consent_may_share", text) == ["utter_consent_limit_from_sharing"]
    assert talk.slots["consent_may_share"] == may_share
    assert talk.slots["consent_must_not_share"] == limit


@pytest.mark.parametrize("text", ["inte så mycket, bara skolgång", "om han mår dåligt, inte annars"])
async def test_how_much_is_no_limit(tracker_for, domain, case_store_env, text):
    talk = Conversation(tracker_for, domain, slots=GUARDIAN)
    assert await talk.answer("consent_may_share", text) == []
    assert talk.slots["consent_may_share"] == text


@pytest.mark.parametrize("text, saved", [("inte om medicin", "medicin"), ("nej, inte om hans medicin", "hans medicin"),
                                         ("bup får inte säga till skolan om medicin",
                                          "bup får inte säga till skolan om medicin")])
async def test_a_limit_is_saved_without_a_leading_inte(tracker_for, domain, case_store_env, text, saved):
    # "får inte delas inte om medicin" was a double negative.
    talk = Conversation(tracker_for, domain, slots=GUARDIAN)
    await talk.answer("consent_must_not_share", text)
    assert talk.slots["consent_must_not_share"] == saved


async def test_the_same_limit_is_not_added_twice(tracker_for, domain, case_store_env):
    talk = Conversation(tracker_for, domain, slots={**GUARDIAN, "consent_must_not_share": "hans medicin"})
    await talk.answer("consent_parties", "skola och bup, men inte om hans medicin")
    assert talk.slots["consent_must_not_share"] == "hans medicin"


# --- 2. the wish typed in the SIP request, used by "Lämna samtycke" ------------------------------------

REQUEST_WISH = "jag vill ge samtycke nu, skola och bup"


def _user(text: str) -> dict:
    return {"event": "user", "text": text, "parse_data": {"intent": {"name": "inform"}}}


async def _start_after(tracker_for, domain, text: str, earlier: list[dict]):
    """action_start_consent, then the validation Rasa runs as the form activates with its prefilled slots."""
    messages, events = await _run(ActionStartConsent(), tracker_for("give_consent", text=text, events=earlier), domain)
    slots = _slot_events(events)
    prefilled = [{"event": "slot", "name": name, "value": value, "timestamp": None}
                 for name, value in slots.items() if name.startswith("consent_") and value is not None]
    dispatcher = CollectingDispatcher()
    validated = await ValidateConsentForm().run(
        dispatcher, tracker_for("give_consent", text=text, slots=slots, events=prefilled, active_loop=FORM), domain)
    return messages, dispatcher.messages, {**slots, **_slot_events(validated)}


async def test_the_request_button_takes_the_organisations_typed_in_the_request(tracker_for, domain, case_store_env):
    # The consent form asked for the organisations again.
    earlier = [_user("bup"), _user(REQUEST_WISH), _user("ja skicka"),
               {"event": "bot", "text": "…", "metadata": {"utter_action": "utter_request_offer_consent"}}]
    messages, said, slots = await _start_after(tracker_for, domain, "/give_consent", earlier)
    assert [m["response"] for m in messages] == ["utter_consent_intro"]
    assert json.loads(slots["consent_parties"]) == [["skola", "skola"], ["bup", "bup"]]
    assert [m["response"] for m in said] == ["utter_consent_parties_prefilled"]


async def test_a_limit_in_the_wish_comes_along(tracker_for, domain, case_store_env):
    earlier = [_user("jag vill ge samtycke nu, skola och bup, men inte om hans medicin")]
    _, said, slots = await _start_after(tracker_for, domain, "/give_consent", earlier)
    assert json.loads(slots["consent_parties"]) == [["skola", "skola"], ["bup", "bup"]]
    assert slots["consent_must_not_share"] == "hans medicin"
    assert [m["response"] for m in said] == ["utter_consent_parties_prefilled", "utter_consent_limit_from_sharing"]


@pytest.mark.parametrize("earlier", [
    [_user("bup"), _user("när ringer bup?")],  # no wish: the request's own answers name no samtycke
    [_user(REQUEST_WISH), {"event": "active_loop", "name": "consent_form"}],  # an earlier samtycke form used it
])
async def test_no_wish_before_the_button_asks_for_the_organisations(tracker_for, domain, case_store_env, earlier):
    _, said, slots = await _start_after(tracker_for, domain, "/give_consent", earlier)
    assert slots.get("consent_parties") is None and said == []


# --- 3. "Lämna samtycke" after a withdrawal meant to stop only some organisations ------------------------

def _opened_case() -> tuple[str, dict]:
    reference = case_store().create_case().reference
    consent_store.record_consent(case_store(), reference, NewConsent(
        under_adult_age=True, givers=[Giver("vardnadshavare", name="Amira Hassan")],
        parties=[PartyRecord("BUP", "bup"), PartyRecord("Hagaskolan", "skola")], may_share="Skolgång",
        must_not_share=None, valid_from=TODAY, valid_to=TODAY + timedelta(days=200), form="skriftligt"))
    return reference, {"case_reference": reference, "case_verified": True, "consent_withdraw_which": "1",
                       "consent_withdraw_confirmed": "ja"}


def _bot(response: str) -> dict:
    return {"event": "bot", "text": "…", "metadata": {"utter_action": response}}


@pytest.mark.parametrize("earlier, text", [
    ([_user("jag vill ta tillbaka samtycket men bara för bup"), {"event": "action", "name": "action_withdraw_consent"},
      _bot("utter_consent_withdraw_only_whole")], "ja"),
    ([{"event": "action", "name": "action_withdraw_consent"}], "ja, sen gör jag ett nytt utan bup"),
])
async def test_after_a_withdrawal_for_a_new_one_the_button_is_offered(tracker_for, domain, case_store_env,
                                                                      earlier, text):
    _, slots = _opened_case()
    messages, _ = await _run(ActionWithdrawConsentDone(), tracker_for("affirm", text=text, slots=slots,
                                                                       events=earlier), domain)
    assert [m["response"] for m in messages] == ["utter_consent_withdrawn", "utter_consent_withdrawn_give_new"]
    [variant] = domain["responses"]["utter_consent_withdrawn_give_new"]
    assert variant["buttons"] == [{"title": "Lämna samtycke", "payload": "/give_consent"}]


async def test_a_plain_withdrawal_offers_no_new_samtycke(tracker_for, domain, case_store_env):
    _, slots = _opened_case()
    earlier = [_user("jag vill ta tillbaka mitt samtycke"), {"event": "action", "name": "action_withdraw_consent"}]
    messages, _ = await _run(ActionWithdrawConsentDone(), tracker_for("affirm", text="ja", slots=slots,
                                                                       events=earlier), domain)
    assert [m["response"] for m in messages] == ["utter_consent_withdrawn"]


# --- 4. staff asking to register a family's samtycke outside the form ------------------------------------

STAFF_ASKS = "mamman sa ok på telefon, kan jag registrera samtycket här?"
STAFF = [{"event": "user", "text": "jag är kurator på Hagaskolan", "parse_data": {"intent": {"name": "staff"}}}]


async def test_staff_registering_what_a_mother_said_on_the_phone_get_the_staff_text(tracker_for, domain,
                                                                                     case_store_env):
    # It got the article on oral and written samtycke.
    messages, events = await _run(ActionStartConsent(), tracker_for("give_consent", text=STAFF_ASKS, events=STAFF),
                                  domain)
    assert [m["response"] for m in messages] == ["utter_consent_staff_family_gives_it"]
    assert events[-1]["name"] == "action_listen"
    dispatcher = CollectingDispatcher()
    assert told_staff_the_family_gives_it(dispatcher, tracker_for("faq", text=STAFF_ASKS, events=STAFF))
    assert [m["response"] for m in dispatcher.messages] == ["utter_consent_staff_family_gives_it"]


@pytest.mark.parametrize("text, earlier, active_loop", [
    (STAFF_ASKS, [], None),  # not known to be staff
    ("jag är pappan. mamman sa ok, kan jag registrera samtycket här?", STAFF, None),
    ("kan jag registrera samtycket här?", STAFF, None),
    (STAFF_ASKS, STAFF, FORM),  # the form's validation says it there
])
async def test_the_staff_text_only_for_staff_registering_for_a_family(tracker_for, domain, case_store_env,
                                                                     text, earlier, active_loop):
    dispatcher = CollectingDispatcher()
    assert not told_staff_the_family_gives_it(dispatcher, tracker_for("faq", text=text, events=earlier,
                                                                      active_loop=active_loop))
    assert dispatcher.messages == []


# --- 5. "(en vårdnadshavare samtycker)" on /mina-uppgifter -----------------------------------------------

def test_one_guardian_is_said_on_the_rights_page_as_in_the_summary(case_store_env):
    import actions.casestore.privacy_registrations  # noqa: F401 - registers the consents section

    store = case_store()
    case = store.create_case()
    consent = dict(under_adult_age=True, parties=[PartyRecord("BUP", "bup")], may_share="Skolgång",
                   must_not_share=None, valid_from=TODAY, valid_to=TODAY + timedelta(days=200), form="skriftligt")
    consent_store.record_consent(store, case.reference,
                                 NewConsent(givers=[Giver("vardnadshavare", name="Lina Berg")], **consent))
    consent_store.record_consent(store, case.reference, NewConsent(
        givers=[Giver("vardnadshavare", name="Lina Berg"), Giver("vardnadshavare", name="Per Berg")], **consent))
    outcome = rights.export_case(store, case.reference, case.code)
    [section] = [s for s in outcome.sections if s.title == rights.TEXTS["sections"]["consents"]]
    givers = {number: [value for key, value in section.rows if key == f"Samtycke {number}: lämnat av"]
              for number in (1, 2)}
    note = rules.policy().texts["one_guardian_note"]
    assert note.strip() == "(en vårdnadshavare samtycker)"
    assert givers[1] == ["Vårdnadshavare: Lina Berg" + note]
    assert givers[2] == ["Vårdnadshavare: Lina Berg", "Vårdnadshavare: Per Berg"]


@pytest.mark.parametrize("intent", ["faq", "staff"])
async def test_the_answer_and_staff_actions_give_the_staff_text(tracker_for, domain, case_store_env, intent):
    # Read as a question or as `staff`, the message reaches these actions, which give the staff text.
    from actions.answer_question import ActionAnswerQuestion
    from actions.staff_welcome import ActionStaffWelcome

    action = ActionAnswerQuestion() if intent == "faq" else ActionStaffWelcome()
    messages, _ = await _run(action, tracker_for(intent, text=STAFF_ASKS, events=STAFF), domain)
    assert [m.get("response") for m in messages] == ["utter_consent_staff_family_gives_it"]
