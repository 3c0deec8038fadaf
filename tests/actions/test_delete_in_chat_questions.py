"""A question about what deleting does is answered, never turned into the offer to delete everything
(actions/delete_in_chat.py asks_what_deleting_does).

Verification round, a girl of 14: "ok men om jag trycker radera samtalet försvinner mina svar då?? vill ha
kvar dom till mötet" got "Om jag raderar allt går det inte att ångra… Vill du att jag raderar allt nu?"
[Ja, radera allt] / [Nej, behåll]; "så om jag raderar chatten e svaren kvar?" then got the privacy text.
Real actions, the real domain and a real SQLite case store.
"""
from __future__ import annotations

import pytest
from rasa_sdk.events import ActiveLoop, FollowupAction, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions import preparation
from actions.casestore import request_store as rs
from actions.casestore.rights import TEXTS
from actions.delete_in_chat import (ASK, ActionDeleteEverythingReply, answers_what_deleting_does,
                                    asks_what_deleting_does, wishes_to_delete)
from actions.store_access import case_store
from tests.actions.test_delete_in_chat import _responses, _run

ASKED = [{"event": "action", "name": "action_delete_my_data"}, {"event": "action", "name": ASK},
         {"event": "bot", "text": "Det här finns sparat …", "metadata": {"utter_action": "utter_delete_everything_confirm"}},
         {"event": "action", "name": "action_listen"}]
REQUEST = rs.RequestData(organisation_id="bup", requester_role="ung", child_age=14, sides="bada",
                         needs="Jag orkar inte gå till skolan", contact_name="Ella", contact_phone="0701234567",
                         consent="finns")

HER_FIRST = "ok men om jag trycker radera samtalet försvinner mina svar då?? vill ha kvar dom till mötet"
HER_SECOND = "så om jag raderar chatten e svaren kvar?"
ABOUT_THE_CHAT = [HER_SECOND, "e svaren kvar om jag raderar chatten?", "om jag raderar chatten försvinner allt då?",
                  "kan jag radera chatten utan att svaren försvinner?",
                  "jag vill radera chatten men e svaren kvar då?", "tar knappen bort mina svar också?",
                  "raderas mina svar om jag trycker på radera samtalet"]
ABOUT_THE_CASE = ["om jag raderar försvinner min sip begäran till soc också då?", "vad händer om jag raderar…?",
                  "försvinner mina svar då?", "vad händer om jag raderar allt?",
                  "om jag raderar försvinner min sip begäran också då?"]
WISHES = ["radera allt", "jag vill radera mina svar", "asså jag vill nog ta bort allt ändå. radera allt",
          "jag vill radera allt. försvinner chatten också?", "kan du ta bort allt som finns kvar",
          "SLUTA. radera allt", "radera mina uppgifter"]


def _opened(case, step="hard_now") -> dict:
    return {"case_reference": case.reference, "case_verified": True, "case_code": "ok", "prep_step": step,
            "prep_role": "ung"}


def _with_answers(case):
    case_store().save_answer(case.reference, "q1", "Att må bra", "ung")
    return case




@pytest.mark.parametrize("text", [HER_FIRST, *ABOUT_THE_CHAT, *ABOUT_THE_CASE])
def test_questions_about_what_deleting_does_are_no_wish(text):
    assert asks_what_deleting_does(text, deleting_implied=True)
    assert not wishes_to_delete(text)


@pytest.mark.parametrize("text", [*WISHES, "radera samtalet", "o chatten då, det jag skrev innan. hur raderar jag den",
                                  "kan du radera det jag skrev i chatten", "ta bort 5"])
def test_wishes_are_no_questions(text):
    assert not asks_what_deleting_does(text, deleting_implied=True)


@pytest.mark.parametrize("text", ["vem ser mina svar?", "finns mitt gamla svar kvar nånstans?",
                                  "hur länge sparas det jag skriver?", "försvinner mina svar då?"])
def test_without_deleting_named_a_privacy_question_is_not_taken(text):
    # action_privacy has its own answers to these ("gamla svar kvar": the old versions).
    assert not asks_what_deleting_does(text)


async def test_her_question_is_answered_and_her_wish_to_keep_heard_with_no_offer(tracker_for, domain, opened_case):
    _with_answers(opened_case)
    for active_loop in (None, {"name": "preparation_form"}):
        messages, events = await _run(preparation.ActionDeleteMyData(),
                                      tracker_for("delete_my_data", text=HER_FIRST, slots=_opened(opened_case),
                                                  active_loop=active_loop), domain)
        # Not the preparation ended for the question (ActiveLoop(None)), no FollowupAction(ASK).
        assert _responses(messages) == ["utter_delete_question_chat", "utter_delete_question_keep",
                                        "utter_delete_question_keep_draft"]
        assert messages[-1]["draft_days"] == 14 and events == []
    assert case_store().answers(opened_case.reference) == {"q1": "Att må bra"}


async def test_a_confirmed_case_gets_no_draft_warning(tracker_for, domain, opened_case):
    case_store().set_preparation_completed(opened_case.reference, True)
    messages, _ = await _run(preparation.ActionDeleteMyData(),
                             tracker_for("delete_my_data", text=HER_FIRST, slots=_opened(opened_case, "done")), domain)
    assert _responses(messages) == ["utter_delete_question_chat", "utter_delete_question_keep"]
    # Not opened here: nothing known about the case, no warning either.
    messages, _ = await _run(preparation.ActionDeleteMyData(), tracker_for("delete_my_data", text=HER_FIRST), domain)
    assert _responses(messages) == ["utter_delete_question_chat", "utter_delete_question_keep"]


@pytest.mark.parametrize("text", ABOUT_THE_CHAT)
async def test_a_question_about_the_chat_says_the_button_keeps_what_is_saved(tracker_for, domain, opened_case, text):
    messages, events = await _run(preparation.ActionDeleteMyData(),
                                  tracker_for("delete_my_data", text=text, slots=_opened(opened_case)), domain)
    assert _responses(messages) == ["utter_delete_question_chat"] and events == []


@pytest.mark.parametrize("text", ABOUT_THE_CASE)
async def test_a_question_about_deleting_the_case_says_what_it_removes(tracker_for, domain, opened_case, text):
    rs.save_request(case_store(), opened_case.reference, REQUEST)
    messages, events = await _run(preparation.ActionDeleteMyData(),
                                  tracker_for("delete_my_data", text=text, slots=_opened(opened_case, "done")), domain)
    assert _responses(messages) == ["utter_delete_question_chat", "utter_delete_question_the_case"]
    assert events == [] and case_store().has_case(opened_case.reference)


@pytest.mark.parametrize("text", WISHES)
async def test_only_a_wish_starts_the_offer(tracker_for, domain, opened_case, text):
    messages, events = await _run(preparation.ActionDeleteMyData(),
                                  tracker_for("delete_my_data", text=text, slots=_opened(opened_case, "done")), domain)
    assert messages == [] and events == [FollowupAction(ASK)]
    tracker = tracker_for("delete_my_data", text=text, slots=_opened(opened_case), active_loop={"name": "preparation_form"})
    messages, events = await _run(preparation.ActionDeleteMyData(), tracker, domain)
    # Inside the preparation: the offer, or the way to it ("avbryt", then "radera mina uppgifter").
    assert events == [ActiveLoop(None), SlotSet("requested_slot", None), FollowupAction(ASK)] or \
        _responses(messages) == ["utter_delete_my_data"]


@pytest.mark.parametrize("intent", ["nlu_fallback", "deny", "affirm"])
async def test_her_question_as_the_reply_to_the_offer_is_answered_and_nothing_deleted(tracker_for, domain,
                                                                                       opened_case, intent):
    _with_answers(opened_case)
    tracker = tracker_for(intent, text=HER_SECOND, slots=_opened(opened_case))
    tracker.events = [*ASKED, *tracker.events]
    messages, events = await _run(ActionDeleteEverythingReply(), tracker, domain)
    assert _responses(messages) == ["utter_delete_question_nothing_deleted", "utter_delete_question_chat"]
    assert events == [FollowupAction(preparation.START)]  # asked in the middle of the preparation: it goes on
    assert case_store().answers(opened_case.reference) == {"q1": "Att må bra"}
    # Read as delete_my_data: the same, not the offer again.
    tracker = tracker_for("delete_my_data", text=HER_SECOND, slots=_opened(opened_case, "done"))
    tracker.events = [*ASKED, *tracker.events]
    messages, events = await _run(preparation.ActionDeleteMyData(), tracker, domain)
    assert _responses(messages) == ["utter_delete_question_nothing_deleted", "utter_delete_question_chat"]
    assert events == []


async def test_what_happens_to_the_answers_as_the_reply_is_answered(tracker_for, domain, opened_case):
    # "vad händer med mina svar då?" after "Vill du att jag raderar allt nu?" got only "Okej, jag har inte
    # raderat något": now what each way of deleting does with them.
    tracker = tracker_for("nlu_fallback", text="vad händer med mina svar då?", slots=_opened(opened_case, "done"))
    tracker.events = [*ASKED, *tracker.events]
    messages, events = await _run(ActionDeleteEverythingReply(), tracker, domain)
    assert _responses(messages) == ["utter_delete_question_nothing_deleted", "utter_delete_question_chat",
                                    "utter_delete_question_the_case"] and events == []
    assert case_store().has_case(opened_case.reference)


async def test_for_action_privacy_a_question_about_deleting_is_answered(tracker_for, domain, opened_case):
    dispatcher = CollectingDispatcher()
    assert answers_what_deleting_does(dispatcher, tracker_for("privacy", text=HER_SECOND, slots=_opened(opened_case)))
    assert _responses(dispatcher.messages) == ["utter_delete_question_chat"]
    dispatcher = CollectingDispatcher()
    assert not answers_what_deleting_does(dispatcher, tracker_for("privacy", text="vem ser mina svar?"))
    assert dispatcher.messages == []
    # Once the case was deleted here, the privacy text as before.
    deleted = tracker_for("privacy", text=HER_SECOND)
    deleted.events = [{"event": "bot", "text": "Klart.", "metadata": {"utter_action": "utter_delete_everything_done"}},
                      *deleted.events]
    assert not answers_what_deleting_does(CollectingDispatcher(), deleted)


def test_the_answers_say_only_what_the_existing_texts_say(domain):
    def text(name):
        return domain["responses"][name][0]["text"]

    chat = text("utter_delete_question_chat")
    assert "”Radera samtalet” högst upp till höger i chatten" in chat and "”radera mina uppgifter”" in chat
    assert "finns kvar" in chat and "ångra" not in chat
    case = text("utter_delete_question_the_case")
    # The withdrawal, word for word as the question to delete everything says it; the page: cannot be undone.
    withdrawn = "Har en verksamhet redan fått din begäran om SIP, får den veta att begäran är återkallad."
    assert withdrawn in case and withdrawn in text("utter_delete_everything_confirm_request")
    assert "återkallad" in TEXTS["withdrawal_notice"]["one"]
    assert "Det går inte att ångra" in case and "går inte att ångra" in TEXTS["page"]["delete_explain"]
    assert "referensnumret och koden fungerar inte längre" in case
    assert "{draft_days} dagar" in text("utter_delete_question_keep_draft")
    assert "referensnummer" in text("utter_delete_question_keep")


async def test_action_privacy_answers_a_question_about_deleting(tracker_for, domain, opened_case):
    # Read as `privacy`, the question reaches action_privacy, which now answers it.
    from actions.preparation import ActionPrivacy

    messages, _ = await _run(ActionPrivacy(), tracker_for("privacy", text=HER_SECOND, slots=_opened(opened_case)),
                             domain)
    assert _responses(messages) == ["utter_delete_question_chat"]
