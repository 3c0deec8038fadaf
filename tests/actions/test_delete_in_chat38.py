"""Questions around a deletion are answered, and the question to delete is not asked again after a no
(actions/delete_in_chat.py told_about_deleting_before_it, declined_since_asked).

Persona round, session 38, Johanna, a separated mother, with a samtycke and a SIP request to the school in her
case: after "nej vänta" at the question to delete everything, "får pappan veta att jag raderat? får skolan veta
varför?" got "Vill du att jag raderar allt nu? [Ja, radera allt]" again; "får barnets andra vårdnadshavare veta om
jag raderar?" got the general text on deleting; "vad är skillnaden om jag bara tar tillbaka samtycket istället för
att radera allt?" got the samtycke article. Real actions, the real domain and a real SQLite case store.
"""
from __future__ import annotations

from datetime import date

import pytest
from rasa_sdk.events import FollowupAction

from actions import preparation
from actions.answer_question import ActionAnswerQuestion
from actions.casestore import consents as consent_store
from actions.casestore import request_store as rs
from actions.casestore import rights
from actions.casestore.consents import Giver, NewConsent, PartyRecord
from actions.delete_in_chat import ASK, ActionDeleteEverythingReply, asks_who_is_told, asks_withdraw_or_delete
from actions.store_access import case_store
from tests.actions.test_delete_in_chat import _responses, _run
from tests.actions.test_delete_in_chat_persona36 import _after, _opened, _said

SCHOOL = "Hagaskolan"
REQUEST = rs.RequestData(organisation_id="dalsed_hagaskolan", requester_role="vardnadshavare", child_age=9,
                         sides="kommun", needs="Oro i skolan", contact_name="Johanna", contact_phone="0701234567",
                         consent="finns")
ASKED = [{"event": "action", "name": "action_delete_my_data"}, {"event": "action", "name": ASK},
         {"event": "bot", "text": "Det här finns sparat …",
          "metadata": {"utter_action": "utter_delete_everything_confirm_request"}},
         {"event": "action", "name": "action_listen"}]
# "nej vänta" answered: what the tracker holds after the reply.
DECLINED = [*ASKED, {"event": "user", "text": "nej vänta"},
            {"event": "action", "name": "action_delete_everything_reply"},
            {"event": "bot", "text": "Okej, jag har inte raderat något.",
             "metadata": {"utter_action": "utter_delete_everything_kept"}},
            {"event": "action", "name": "action_listen"}]
PAPPAN = "får pappan veta att jag raderat? får skolan veta varför?"
OTHER_GUARDIAN = "får barnets andra vårdnadshavare veta om jag raderar?"
DIFFERENCE = "vad är skillnaden om jag bara tar tillbaka samtycket istället för att radera allt?"
TOLD_WITH_REQUEST = ["utter_delete_who_is_told_people", "utter_delete_who_is_told_request",
                     "utter_delete_nothing_deleted_yet"]
OFFERS = {"utter_delete_everything_confirm", "utter_delete_everything_confirm_request"}


def _johannas_case(case) -> str:
    store = case_store()
    consent_store.record_consent(store, case.reference, NewConsent(
        under_adult_age=True, givers=[Giver("vardnadshavare", name="Johanna")], parties=[PartyRecord(SCHOOL, None)],
        may_share="Skolgång", valid_from=date(2026, 1, 1), valid_to=date(2026, 12, 31), form="skriftligt"))
    rs.save_request(store, case.reference, REQUEST)
    return case.reference


def _school_name() -> str:
    from actions import request_rules

    return request_rules.organisation_name("dalsed_hagaskolan")


@pytest.mark.parametrize("text", [PAPPAN, OTHER_GUARDIAN, "vet skolan då att jag tagit bort det",
                                  "kommer min ex att få veta om jag tar bort allt?"])
def test_questions_about_who_is_told_when_deleting(text):
    assert asks_who_is_told(text)


@pytest.mark.parametrize("text", ["radera allt", "om jag trycker radera samtalet, får skolan veta?",
                                  "får pappan veta om jag tar tillbaka samtycket?", "vad händer om jag raderar?",
                                  "får skolan veta varför?"])  # the last: only right after speaking of deleting
def test_other_messages_are_no_question_about_who_is_told(text):
    assert not asks_who_is_told(text)


@pytest.mark.parametrize("intent", ["delete_my_data", "faq"])
async def test_after_a_no_who_is_told_is_answered_and_not_the_offer(tracker_for, domain, opened_case, intent):
    reference = _johannas_case(opened_case)
    action = preparation.ActionDeleteMyData() if intent == "delete_my_data" else ActionAnswerQuestion()
    for text in (PAPPAN, OTHER_GUARDIAN):
        messages, events = await _run(action, _after(tracker_for, text, _opened(reference), DECLINED, intent), domain)
        assert _responses(messages) == TOLD_WITH_REQUEST, text
        assert messages[1]["organisations"] == _school_name()
        assert FollowupAction(ASK) not in events
    assert case_store().has_case(reference)


async def test_who_is_told_as_the_reply_to_the_question_answers_it(tracker_for, domain, opened_case):
    reference = _johannas_case(opened_case)
    messages, events = await _run(ActionDeleteEverythingReply(),
                                  _after(tracker_for, PAPPAN, _opened(reference), ASKED, "nlu_fallback"), domain)
    assert _responses(messages) == TOLD_WITH_REQUEST
    assert case_store().has_case(reference)


async def test_a_follow_up_without_the_word_delete_is_answered_after_the_answer(tracker_for, domain, opened_case):
    # "jag frågade om pappan får veta" (nlu_fallback) right after the bot spoke of deleting.
    reference = _johannas_case(opened_case)
    messages, _ = await _run(preparation.ActionDeleteMyData(),
                             _after(tracker_for, PAPPAN, _opened(reference), DECLINED), domain)
    before = [*DECLINED, {"event": "user", "text": PAPPAN}, *_said(messages), {"event": "action", "name": "action_listen"}]
    for text in ("jag frågade om pappan får veta", "får skolan veta varför?"):
        messages, _ = await _run(ActionAnswerQuestion(),
                                 _after(tracker_for, text, _opened(reference), before, "nlu_fallback"), domain)
        assert _responses(messages) == TOLD_WITH_REQUEST, text


async def test_what_is_said_about_the_request_follows_the_case(tracker_for, domain, opened_case):
    slots = _opened(opened_case.reference)
    messages, _ = await _run(preparation.ActionDeleteMyData(), _after(tracker_for, OTHER_GUARDIAN, slots, []), domain)
    assert _responses(messages) == ["utter_delete_who_is_told_people", "utter_delete_who_is_told_no_request",
                                    "utter_delete_nothing_deleted_yet"]
    messages, _ = await _run(preparation.ActionDeleteMyData(), _after(tracker_for, OTHER_GUARDIAN, {}, []), domain)
    assert _responses(messages) == ["utter_delete_who_is_told_people", "utter_delete_who_is_told_if_sent"]


async def test_a_new_request_later_is_answered_with_who_is_told(tracker_for, domain, opened_case):
    reference = _johannas_case(opened_case)
    text = "om jag raderar, får skolan veta det? och kan jag göra en ny begäran sen om det lugnar sig"
    messages, events = await _run(preparation.ActionDeleteMyData(), _after(tracker_for, text, _opened(reference), []),
                                  domain)
    assert _responses(messages) == [*TOLD_WITH_REQUEST[:2], "utter_delete_new_request_later",
                                    "utter_delete_nothing_deleted_yet"]
    assert events == []


async def test_a_wish_with_the_question_gets_the_answer_and_then_the_question(tracker_for, domain, opened_case):
    reference = _johannas_case(opened_case)
    messages, events = await _run(preparation.ActionDeleteMyData(),
                                  _after(tracker_for, "radera allt, men får pappan veta?", _opened(reference), []),
                                  domain)
    assert _responses(messages) == TOLD_WITH_REQUEST[:2] and events == [FollowupAction(ASK)]


@pytest.mark.parametrize("text", ["hm", "vet inte riktigt", "jag vet inte"])
async def test_after_a_no_the_offer_is_not_made_again_without_a_new_wish(tracker_for, domain, opened_case, text):
    reference = _johannas_case(opened_case)
    messages, events = await _run(preparation.ActionDeleteMyData(),
                                  _after(tracker_for, text, _opened(reference), DECLINED), domain)
    assert _responses(messages) == ["utter_delete_not_asked_again"] and FollowupAction(ASK) not in events
    assert "”radera mina uppgifter”" in domain["responses"]["utter_delete_not_asked_again"][0]["text"]


@pytest.mark.parametrize("text", ["radera mina uppgifter", "ok. radera mina uppgifter", "/delete_my_data"])
async def test_after_a_no_a_new_wish_asks_again(tracker_for, domain, opened_case, text):
    reference = _johannas_case(opened_case)
    messages, events = await _run(preparation.ActionDeleteMyData(),
                                  _after(tracker_for, text, _opened(reference), DECLINED), domain)
    assert messages == [] and events == [FollowupAction(ASK)]


async def test_before_any_no_a_message_read_as_delete_my_data_still_asks(tracker_for, domain, opened_case):
    reference = _johannas_case(opened_case)
    messages, events = await _run(preparation.ActionDeleteMyData(),
                                  _after(tracker_for, "hm", _opened(reference), []), domain)
    assert messages == [] and events == [FollowupAction(ASK)]


def test_questions_comparing_taking_back_with_deleting():
    for text in (DIFFERENCE, "ska jag radera eller bara ta tillbaka samtycket?",
                 "räcker det att dra tillbaka samtycket eller måste jag ta bort allt"):
        assert asks_withdraw_or_delete(text), text
    for text in ("jag vill ta tillbaka samtycket", "radera allt", "ska jag ta tillbaka begäran eller radera allt?"):
        assert not asks_withdraw_or_delete(text), text


@pytest.mark.parametrize("intent, action", [("faq", ActionAnswerQuestion), ("delete_my_data", preparation.ActionDeleteMyData),
                                            ("privacy", preparation.ActionPrivacy)])
async def test_the_difference_is_told_with_the_two_choices(tracker_for, domain, opened_case, intent, action):
    reference = _johannas_case(opened_case)
    messages, events = await _run(action(), _after(tracker_for, DIFFERENCE, _opened(reference), [], intent), domain)
    assert _responses(messages) == ["utter_delete_or_withdraw"] and not OFFERS & set(_responses(messages))
    assert FollowupAction(ASK) not in events
    [response] = domain["responses"]["utter_delete_or_withdraw"]
    assert {b["title"]: b["payload"] for b in response["buttons"]} == \
        {"Ta tillbaka samtycket": "/withdraw_consent", "Radera allt": "/delete_my_data"}
    # Nothing is taken back or deleted by asking.
    assert [c.withdrawn_at for c in consent_store.consents(case_store(), reference)] == [None]
    assert len(rs.requests_for(case_store(), reference)) == 1


async def test_the_texts_say_what_the_code_does(tracker_for, domain, opened_case):
    """Taking back keeps the record marked återkallat and the request; deleting removes the case and leaves the
    organisation that got the request a notice with no reason in it."""
    text = domain["responses"]["utter_delete_or_withdraw"][0]["text"]
    assert "återkallat" in text and "till exempel en begäran om SIP" in text and "får den veta" in text
    reference = _johannas_case(opened_case)
    store = case_store()
    assert consent_store.withdraw(store, reference) == [1]
    assert consent_store.consents(store, reference)[0].withdrawn_at is not None
    assert [row["status"] for row in rs.requests_for(store, reference)] == ["received"]
    [item] = rs.pending_deliveries(store)
    rs.mark_attempt(store, item.outbox_id, delivered=True)
    rights.delete_opened_case(store, reference)
    [notice] = rs.pending_withdrawal_notices(store)
    assert set(notice.request) == {"id", "organisation_id", "status"}  # "Meddelandet säger inte varför."
    assert "Meddelandet säger inte varför." in domain["responses"]["utter_delete_who_is_told_request"][0]["text"]


async def test_after_deleting_here_a_question_about_a_parent_says_no_person_is_told(tracker_for, domain, opened_case):
    reference = _johannas_case(opened_case)
    messages, _ = await _run(ActionDeleteEverythingReply(),
                             _after(tracker_for, "ja", _opened(reference), ASKED, "affirm"), domain)
    before = [*ASKED, {"event": "user", "text": "ja"}, *_said(messages)]
    messages, _ = await _run(preparation.ActionDeleteMyData(),
                             _after(tracker_for, "fick pappan veta att jag tog bort det?", {}, before), domain)
    assert _responses(messages) == ["utter_deleted_request_not_sent", "utter_delete_who_is_told_people"]
