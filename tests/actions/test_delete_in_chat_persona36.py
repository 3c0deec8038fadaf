"""A question about a deletion already done gets what that deletion did and what is left
(actions/delete_in_chat.py answered_about_deleting).

Persona round, session 36: Amina deleted everything on /mina-uppgifter and asked in the chat "jag har raderat på
sidan nu. finns något kvar om yusuf?"; she was told that the chat's button leaves everything saved, and took it
that the deletion had failed. Adam, 19, deleted his request and samtycke here and asked "vänta fick
vårdcentralen veta att jag tog bort den? o måste jag fråga mina föräldrar om jag vill göra om det"; he got an
article about who acts on a need. Real actions, the real domain and a real SQLite case store.
"""
from __future__ import annotations

import pytest
from rasa_sdk.executor import CollectingDispatcher

from actions import preparation
from actions.answer_question import ActionAnswerQuestion
from actions.casestore import request_store as rs
from actions.casestore import rights
from actions.delete_in_chat import ASK, ActionDeleteEverythingReply, answered_about_deleting, asks_after_deleting
from actions.store_access import case_store
from tests.actions.test_delete_in_chat import _responses, _run

AMINA = "jag har raderat på sidan nu. finns något kvar om yusuf?"
ADAM = ("vänta fick vårdcentralen veta att jag tog bort den? o måste jag fråga mina föräldrar om jag vill "
        "göra om det")
REQUEST = rs.RequestData(organisation_id="bup", requester_role="ung", child_age=19, sides="bada",
                         needs="Att de pratar med varandra", contact_name="Adam", contact_phone="0701234567",
                         consent="finns")
# The question to delete everything, for a case holding a request, as the tracker holds it.
ASKED_WITH_REQUEST = [{"event": "action", "name": "action_delete_my_data"}, {"event": "action", "name": ASK},
                      {"event": "bot", "text": "Det här finns sparat …",
                       "metadata": {"utter_action": "utter_delete_everything_confirm_request"}},
                      {"event": "action", "name": "action_listen"}]
# What actions/delete_in_chat.py and actions/preparation.py answered before (the chat's button, the offer).
OLD_ANSWERS = {"utter_delete_question_chat", "utter_delete_question_the_case", "utter_delete_my_data"}


def _opened(reference: str) -> dict:
    return {"case_reference": reference, "case_verified": True, "case_code": "ok"}


def _after(tracker_for, text, slots, before, intent="delete_my_data"):
    tracker = tracker_for(intent, text=text, slots=slots)
    tracker.events = [*before, *tracker.events]  # the latest message comes last
    return tracker


def _said(messages) -> list[dict]:
    """The dispatcher's messages as the tracker's bot events."""
    return [{"event": "bot", "text": m.get("text") or "", "metadata": {"utter_action": m["response"]}
             if m.get("response") else {}} for m in messages]


async def _deleted_here(tracker_for, domain, case, delivered: bool) -> list[dict]:
    """Adam's case with its request deleted in the chat after "ja"; the tracker's events up to then."""
    store = case_store()
    request_id = rs.save_request(store, case.reference, REQUEST)
    if delivered:
        [item] = [i for i in rs.pending_deliveries(store) if i.request["id"] == request_id]
        rs.mark_attempt(store, item.outbox_id, delivered=True)
    messages, events = await _run(ActionDeleteEverythingReply(),
                                  _after(tracker_for, "ja radera allt", _opened(case.reference), ASKED_WITH_REQUEST),
                                  domain)
    assert _responses(messages)[0] == "utter_delete_everything_done" and not store.has_case(case.reference)
    return [*ASKED_WITH_REQUEST, {"event": "user", "text": "ja radera allt"}, *_said(messages)]


@pytest.mark.parametrize("text", [AMINA, ADAM, "jag har tagit bort allt med koden, är det borta nu?",
                                  "jag raderade allt på mina uppgifter. funkade det?",
                                  "vet skolan om att jag har raderat min begäran?"])
def test_questions_about_a_deletion_already_done(text):
    assert asks_after_deleting(text)


@pytest.mark.parametrize("text", ["radera allt", "jag vill radera mina svar", "om jag raderar försvinner mina svar då?",
                                  "avbryt. jag raderade det. men kan jag ta upp att jag inte kan sova på sip mötet?",
                                  "jag har raderat allt", "försvinner mina svar då?"])
def test_wishes_statements_and_questions_before_deleting_are_not_taken(text):
    assert not asks_after_deleting(text)


async def test_amina_after_deleting_on_the_page_is_told_it_went_through_and_what_is_left(tracker_for, domain,
                                                                                        opened_case):
    rs.save_request(case_store(), opened_case.reference, REQUEST)
    outcome = rights.delete_case(case_store(), opened_case.reference, opened_case.code)  # on /mina-uppgifter
    assert not case_store().has_case(opened_case.reference)
    slots = _opened(opened_case.reference)
    for action, intent in ((preparation.ActionDeleteMyData(), "delete_my_data"),
                           (preparation.ActionPrivacy(), "privacy")):
        messages, events = await _run(action, _after(tracker_for, AMINA, slots, ASKED_WITH_REQUEST, intent), domain)
        said = _responses(messages)
        assert said == ["utter_deleted_on_the_page", "utter_deleted_request_if_sent",
                        "utter_delete_everything_chat_left"], said
        assert messages[0]["reference"] == opened_case.reference
        assert not OLD_ANSWERS & set(said)  # not the chat's button as the answer, nor the offer
        assert events == []
    assert outcome.check == "ok"


async def test_a_deletion_on_the_page_that_did_not_happen_says_what_is_still_there(tracker_for, domain, opened_case):
    rs.save_request(case_store(), opened_case.reference, REQUEST)
    messages, _ = await _run(preparation.ActionDeleteMyData(),
                             _after(tracker_for, AMINA, _opened(opened_case.reference), []), domain)
    [still] = messages
    assert still["response"] == "utter_deleted_on_the_page_still_there"
    assert still["saved"].lower() == rights.TEXTS["sections"]["sip_requests"].lower()
    assert still["button"] == rights.TEXTS["page"]["delete"]  # the page's own button
    assert case_store().has_case(opened_case.reference)  # asking deletes nothing


async def test_a_deletion_on_the_page_of_a_case_never_opened_here(tracker_for, domain, case_store_env):
    messages, _ = await _run(preparation.ActionDeleteMyData(),
                             _after(tracker_for, "jag har raderat allt på mina uppgifter. finns något kvar?", {}, []),
                             domain)
    assert _responses(messages) == ["utter_deleted_on_the_page_unknown", "utter_deleted_request_if_sent",
                                    "utter_delete_everything_chat_left"]


async def test_adam_is_told_his_undelivered_request_was_never_sent_and_that_he_decides(tracker_for, domain,
                                                                                      opened_case):
    before = await _deleted_here(tracker_for, domain, opened_case, delivered=False)
    # The model read his message as `faq` (0.68): the question is answered there too.
    for action, intent in ((preparation.ActionDeleteMyData(), "delete_my_data"),
                           (preparation.ActionPrivacy(), "privacy"), (ActionAnswerQuestion(), "faq")):
        messages, _ = await _run(action, _after(tracker_for, ADAM, {}, before, intent), domain)
        assert _responses(messages) == ["utter_deleted_request_not_sent", "utter_deleted_ask_again"]
    assert rs.pending_withdrawal_notices(case_store()) == []  # as the system does: nothing goes to them


async def test_adam_is_told_a_delivered_request_was_withdrawn_in_the_words_said_then(tracker_for, domain,
                                                                                    opened_case):
    before = await _deleted_here(tracker_for, domain, opened_case, delivered=True)
    notice = rights.TEXTS["withdrawal_notice"]["one"].format(organisations="Barn- och ungdomspsykiatrin (BUP)")
    assert notice in [event.get("text") for event in before]
    messages, _ = await _run(preparation.ActionDeleteMyData(),
                             _after(tracker_for, "fick bup veta att jag tog bort den?", {}, before), domain)
    [told] = messages
    assert told["response"] == "utter_deleted_request_was_told" and told["notice"] == notice
    assert [n.request["organisation_id"] for n in rs.pending_withdrawal_notices(case_store())] == ["bup"]


async def test_what_is_left_after_deleting_here_names_the_chat(tracker_for, domain, opened_case):
    before = await _deleted_here(tracker_for, domain, opened_case, delivered=False)
    messages, _ = await _run(preparation.ActionDeleteMyData(),
                             _after(tracker_for, "jag tog bort allt nyss, finns något kvar?", {}, before), domain)
    assert _responses(messages) == ["utter_delete_chat_after_the_case", "utter_deleted_request_not_sent",
                                    "utter_delete_everything_chat_left"]


@pytest.mark.parametrize("text", ["jag har raderat chatten, finns mina svar kvar?",
                                  "så om jag raderar chatten e svaren kvar?"])
async def test_a_question_about_the_chat_is_answered_as_before(tracker_for, domain, opened_case, text):
    # The chat's button is the answer when the chat is what was deleted.
    tracker = _after(tracker_for, text, _opened(opened_case.reference), [], "privacy")
    assert not answered_about_deleting(CollectingDispatcher(), tracker)
    messages, _ = await _run(preparation.ActionPrivacy(), tracker, domain)
    assert _responses(messages)[0] == "utter_delete_question_chat"


def test_every_response_named_is_in_the_domain(domain):
    for name in ("utter_deleted_on_the_page", "utter_deleted_on_the_page_unknown",
                 "utter_deleted_on_the_page_still_there", "utter_deleted_request_was_told",
                 "utter_deleted_request_not_sent", "utter_deleted_no_request", "utter_deleted_request_if_sent",
                 "utter_deleted_ask_again"):
        assert name in domain["responses"]
