"""Taking an organisation out of a samtycke is no wish to delete, and what deleting does to a samtycke is answered
(actions/delete_in_chat.py told_about_taking_an_organisation_out, asks_about_the_consent_when_deleting).

Persona round, session 39, Elin, 19, with a samtycke to BUP, elevhälsan, socialtjänsten and vuxenpsykiatrin in her
case: "hmm jag ångrar mig lite. jag vill inte att socialtjänsten ska va med, kan jag ta bort bara dem?" got "Vill du
att jag raderar allt nu? [Ja, radera allt]"; inside the withdrawal "kan jag inte bara ta bort socialtjänsten? resten
vill jag ha kvar" got three texts on "Radera samtalet" and "radera mina uppgifter". Later (s39-elin-2) "men samtycket
då? gäller det fortfarande om det raderas?" got the text on how long a samtycke lasts. Real actions, the real domain
and a real SQLite case store.
"""
from __future__ import annotations

from datetime import timedelta

import pytest
from rasa_sdk.events import FollowupAction

from actions import consent, preparation
from actions.answer_question import ActionAnswerQuestion
from actions.casestore import consents as consent_store
from actions.casestore.consents import Giver, NewConsent, PartyRecord
from actions.delete_in_chat import ASK
from actions.local_time import today
from actions.store_access import case_store
from tests.actions.test_delete_in_chat import _responses, _run
from tests.actions.test_delete_in_chat_persona36 import _after, _opened

ONLY_THEM = "hmm jag ångrar mig lite. jag vill inte att socialtjänsten ska va med, kan jag ta bort bara dem?"
ONLY_SOC = "kan jag inte bara ta bort socialtjänsten? resten vill jag ha kvar"
STILL_HOLDS = "men samtycket då? gäller det fortfarande om det raderas?"
DELETING_WORDS = {"utter_delete_everything_confirm", "utter_delete_everything_confirm_request",
                  "utter_delete_question_chat", "utter_delete_question_the_case", "utter_delete_question_keep",
                  "utter_delete_my_data"}


def _elins_case(case) -> str:
    start = today()
    consent_store.record_consent(case_store(), case.reference, NewConsent(
        under_adult_age=False, givers=[Giver("ung")],
        parties=[PartyRecord("BUP", "bup"), PartyRecord("Socialtjänsten", None)], may_share="hur jag mår",
        valid_from=start, valid_to=start + timedelta(days=200), form="skriftligt"))
    return case.reference


async def test_taking_an_organisation_out_is_not_offered_deleting(tracker_for, domain, opened_case):
    reference = _elins_case(opened_case)
    messages, events = await _run(preparation.ActionDeleteMyData(),
                                  _after(tracker_for, ONLY_THEM, _opened(reference), []), domain)
    assert _responses(messages) == [consent.SOME_PARTIES_OFFER]
    assert FollowupAction(ASK) not in events
    assert domain["responses"][consent.SOME_PARTIES_OFFER][0]["buttons"] == [
        {"title": "Ta tillbaka samtycke", "payload": "/withdraw_consent"}]
    assert case_store().has_case(reference)


async def test_inside_the_withdrawal_it_gets_what_the_chat_can_do(tracker_for, domain, opened_case):
    reference = _elins_case(opened_case)
    tracker = _after(tracker_for, ONLY_SOC, {**_opened(reference), "consent_withdraw_which": "1",
                                             "requested_slot": "consent_withdraw_confirmed"}, [])
    tracker.active_loop = {"name": consent.WITHDRAW_FORM}
    messages, _ = await _run(preparation.ActionDeleteMyData(), tracker, domain)
    assert _responses(messages) == ["utter_consent_withdraw_only_whole"]
    assert not DELETING_WORDS & set(_responses(messages))


def test_the_offer_says_a_samtycke_is_taken_back_and_given_again(domain):
    text = domain["responses"][consent.SOME_PARTIES_OFFER][0]["text"]
    assert "Jag raderar inget" in text and "Ta tillbaka samtycket" in text and "nytt samtycke" in text
    assert "radera" not in text.replace("raderar inget", "").lower()


async def test_without_a_samtycke_in_force_a_wish_to_delete_is_handled_as_before(tracker_for, domain, opened_case):
    messages, events = await _run(preparation.ActionDeleteMyData(),
                                  _after(tracker_for, ONLY_SOC, _opened(opened_case.reference), []), domain)
    assert consent.SOME_PARTIES_OFFER not in _responses(messages)


@pytest.mark.parametrize("text", ["radera allt", "ta bort gamla versioner", "ta bort mina svar om skolan",
                                  "radera mina uppgifter"])
async def test_deleting_saved_things_is_still_a_wish_to_delete(tracker_for, domain, opened_case, text):
    reference = _elins_case(opened_case)
    messages, _ = await _run(preparation.ActionDeleteMyData(), _after(tracker_for, text, _opened(reference), []),
                             domain)
    assert consent.SOME_PARTIES_OFFER not in _responses(messages), text


async def test_the_withdrawal_after_the_offer_then_offers_a_new_samtycke(tracker_for, domain, opened_case):
    reference = _elins_case(opened_case)
    before = [{"event": "user", "text": ONLY_THEM},
              {"event": "bot", "text": "Jag raderar inget…", "metadata": {"utter_action": consent.SOME_PARTIES_OFFER}},
              {"event": "user", "text": "/withdraw_consent"},
              {"event": "action", "name": consent.WITHDRAW_ACTION},
              {"event": "bot", "text": "Om du tar tillbaka…",
               "metadata": {"utter_action": "utter_ask_consent_withdraw_confirmed"}}]
    tracker = _after(tracker_for, "ja", {**_opened(reference), "consent_withdraw_which": "1",
                                         "consent_withdraw_confirmed": "ja"}, before, "affirm")
    messages, _ = await _run(consent.ActionWithdrawConsentDone(), tracker, domain)
    assert _responses(messages) == ["utter_consent_withdrawn", "utter_consent_withdrawn_give_new"]


# --- 6. what deleting does to the samtycke ----------------------------------------------------------------------

SPOKE_OF_DELETING = [{"event": "user", "text": "om jag raderar allt, får bup veta?"},
                     {"event": "bot", "text": "Inget är raderat än.",
                      "metadata": {"utter_action": "utter_delete_nothing_deleted_yet"}},
                     {"event": "action", "name": "action_listen"}]


async def test_whether_the_samtycke_holds_when_deleted_is_answered(tracker_for, domain, opened_case):
    reference = _elins_case(opened_case)
    messages, _ = await _run(ActionAnswerQuestion(),
                             _after(tracker_for, STILL_HOLDS, _opened(reference), SPOKE_OF_DELETING, "faq"), domain)
    assert _responses(messages) == ["utter_consent_deleted_with_the_case", "utter_delete_nothing_deleted_yet"]
    assert case_store().has_case(reference)
    # Other questions about the samtycke are not this one.
    for text in ("gäller samtycket i ett år?", "om jag tar bort samtycket, avslutas sip då?"):
        messages, _ = await _run(ActionAnswerQuestion(), _after(tracker_for, text, _opened(reference), [], "faq"),
                                 domain)
        assert "utter_consent_deleted_with_the_case" not in _responses(messages), text


async def test_with_who_is_told_both_are_answered(tracker_for, domain, opened_case):
    reference = _elins_case(opened_case)
    text = "om jag raderar allt, är samtycket borta då också? får bup veta?"
    messages, _ = await _run(preparation.ActionDeleteMyData(), _after(tracker_for, text, _opened(reference), []),
                             domain)
    assert _responses(messages)[0] == "utter_consent_deleted_with_the_case"
    assert "utter_delete_who_is_told_people" in _responses(messages)


async def test_a_case_without_a_samtycke_says_so(tracker_for, domain, opened_case):
    messages, _ = await _run(ActionAnswerQuestion(), _after(tracker_for, STILL_HOLDS, _opened(opened_case.reference),
                                                            SPOKE_OF_DELETING, "faq"), domain)
    assert _responses(messages)[0] == "utter_consent_none_to_delete"


def test_the_answer_says_only_what_the_code_does(domain):
    text = domain["responses"]["utter_consent_deleted_with_the_case"][0]["text"]
    assert "raderas också" in text and "inget meddelande om samtycket" in text

