"""Deleting everything from inside the chat, once the case is open there (actions/delete_in_chat.py).

Persona round, session 33: Wilma, 12, had opened her case with reference and code, wrote "radera allt"
and was sent to /mina-uppgifter three times; "kan inte du göra det? jag fattar inte den sidan" got the
help menu. Real actions, the real domain and a real SQLite case store.
"""
from __future__ import annotations

import pytest
from rasa_sdk.events import FollowupAction
from rasa_sdk.executor import CollectingDispatcher

from actions import delete_in_chat, preparation
from actions.case_access import ValidateCaseAccessForm
from actions.casestore import request_store as rs
from actions.casestore.rights import TEXTS, overview_buttons
from actions.casestore.store import CodeCheck
from actions.delete_in_chat import (ASK, ActionAskDeleteEverything, ActionDeleteEverythingReply, says_yes)
from actions.settings import ROOT
from actions.store_access import case_store
from bot.components.exact_commands import command_key, load_commands

REQUEST = rs.RequestData(organisation_id="bup", requester_role="ung", child_age=12, sides="bada",
                         needs="Jag orkar inte gå till skolan", contact_name="Wilma", contact_phone="0701234567",
                         consent="finns")
# The question, as the tracker holds it when the person answers.
ASKED = [{"event": "action", "name": "action_delete_my_data"}, {"event": "action", "name": ASK},
         {"event": "bot", "text": "Det här finns sparat …", "metadata": {"utter_action": "utter_delete_everything_confirm"}},
         {"event": "action", "name": "action_listen"}]


def _opened(case) -> dict:
    return {"case_reference": case.reference, "case_verified": True, "case_code": "ok",
            "prep_step": "review", "prep_role": "ung", "request_contact_name": "sealed"}


def _answer(tracker_for, text, slots, intent="affirm", before=ASKED):
    """The person's message right after `before` (the question, unless said otherwise)."""
    tracker = tracker_for(intent, text=text, slots=slots)
    tracker.events = [*before, *tracker.events]  # the latest message comes last
    return tracker


async def _run(action, tracker, domain):
    dispatcher = CollectingDispatcher()
    events = await action.run(dispatcher, tracker, domain)
    return dispatcher.messages, events


def _responses(messages):
    return [m.get("response") for m in messages]


def _with_answers(case):
    store = case_store()
    store.save_answer(case.reference, "q1", "Att må bra", "ung")
    store.save_answer(case.reference, "q1", "Att få vara med", "ung")  # an earlier version too
    return case


async def test_a_wish_to_delete_everything_in_an_opened_case_asks_first(tracker_for, domain, opened_case):
    _with_answers(opened_case)
    messages, events = await _run(preparation.ActionDeleteMyData(),
                                  tracker_for("delete_my_data", text="asså jag vill nog ta bort allt ändå. radera allt",
                                              slots=_opened(opened_case)), domain)
    assert messages == [] and events == [FollowupAction(ASK)]
    messages, events = await _run(ActionAskDeleteEverything(), tracker_for(None, slots=_opened(opened_case)), domain)
    [question] = messages
    assert question["response"] == "utter_delete_everything_confirm" and events == []
    assert question["reference"] == opened_case.reference
    assert question["saved"] == "dina svar inför SIP-mötet och tidigare versioner av dina svar"
    assert case_store().has_case(opened_case.reference)  # asking deletes nothing
    buttons = {b["title"]: b["payload"] for b in domain["responses"]["utter_delete_everything_confirm"][0]["buttons"]}
    assert buttons == {"Ja, radera allt": "/affirm", "Nej, behåll": "/deny"}


async def test_the_question_says_that_an_organisation_with_the_request_is_told(tracker_for, domain, opened_case):
    rs.save_request(case_store(), opened_case.reference, REQUEST)
    messages, _ = await _run(ActionAskDeleteEverything(), tracker_for(None, slots=_opened(opened_case)), domain)
    assert _responses(messages) == ["utter_delete_everything_confirm_request"]
    assert messages[0]["saved"] == "dina SIP-förfrågningar"
    assert "får den veta att begäran är återkallad" in \
        domain["responses"]["utter_delete_everything_confirm_request"][0]["text"]


@pytest.mark.parametrize("text", ["ja", "/affirm", "Ja, radera allt", "ok ja", "jaa"])
async def test_a_yes_deletes_the_case_and_its_code_no_longer_opens_it(tracker_for, domain, opened_case, text):
    _with_answers(opened_case)
    messages, events = await _run(ActionDeleteEverythingReply(),
                                  _answer(tracker_for, text, _opened(opened_case)), domain)
    assert _responses(messages) == ["utter_delete_everything_done", "utter_delete_everything_chat_left"]
    assert messages[0]["reference"] == opened_case.reference
    store = case_store()
    assert not store.has_case(opened_case.reference) and store.answers(opened_case.reference) == {}
    assert store.check_code(opened_case.reference, opened_case.code) == CodeCheck.UNKNOWN
    # The case access form now turns the code down, as for any wrong code.
    dispatcher = CollectingDispatcher()
    slots = await ValidateCaseAccessForm().validate_case_code(
        opened_case.code, dispatcher, tracker_for(None, text=opened_case.code,
                                                  slots={"case_reference": opened_case.reference}), domain)
    assert slots.get("case_verified") is None and _responses(dispatcher.messages) == ["utter_case_code_wrong"]
    # The slots that named the case or held what was typed for it are emptied.
    reset = {e["name"]: e["value"] for e in events if e.get("event") == "slot"}
    for name in ("case_reference", "case_verified", "case_code", "prep_step", "prep_role", "request_contact_name",
                 "consent_withdraw_confirmed"):
        assert name in reset and reset[name] is None
    assert "last_article" not in reset


async def test_a_yes_read_as_delete_my_data_deletes_too(tracker_for, domain, opened_case):
    # "ja radera allt" may be classified as delete_my_data, whose rule runs action_delete_my_data.
    messages, _ = await _run(preparation.ActionDeleteMyData(),
                             _answer(tracker_for, "ja radera allt", _opened(opened_case), "delete_my_data"), domain)
    assert _responses(messages)[0] == "utter_delete_everything_done"
    assert not case_store().has_case(opened_case.reference)


async def test_deleting_a_case_with_a_delivered_request_tells_the_organisation(tracker_for, domain, opened_case):
    # The same deletion as /mina-uppgifter: its before-delete hook leaves the withdrawal notice.
    store = case_store()
    request_id = rs.save_request(store, opened_case.reference, REQUEST)
    [item] = [i for i in rs.pending_deliveries(store) if i.request["id"] == request_id]
    rs.mark_attempt(store, item.outbox_id, delivered=True)
    messages, _ = await _run(ActionDeleteEverythingReply(), _answer(tracker_for, "ja", _opened(opened_case)), domain)
    notice = TEXTS["withdrawal_notice"]["one"].format(organisations="Barn- och ungdomspsykiatrin (BUP)")
    assert [m.get("text") for m in messages][1] == notice
    assert [n.request["organisation_id"] for n in rs.pending_withdrawal_notices(store)] == ["bup"]


@pytest.mark.parametrize("text, intent", [("nej", "deny"), ("/deny", "deny"), ("Nej, behåll", "deny"),
                                          ("ja men vänta", "affirm"), ("ok", "affirm"), ("mm", "affirm"),
                                          ("hm vet inte", "nlu_fallback"),
                                          ("ja?", "affirm")])
async def test_a_no_or_anything_else_keeps_everything(tracker_for, domain, opened_case, text, intent):
    # "vad händer med mina svar då?" is answered now (tests/actions/test_delete_in_chat_questions.py).
    _with_answers(opened_case)
    messages, events = await _run(ActionDeleteEverythingReply(),
                                  _answer(tracker_for, text, _opened(opened_case), intent), domain)
    # Asked at the preparation's summary (prep_step "review"): it goes on there.
    assert _responses(messages) == ["utter_delete_everything_kept"] and events == [FollowupAction(preparation.START)]
    assert case_store().answers(opened_case.reference) == {"q1": "Att få vara med"}
    finished = {**_opened(opened_case), "prep_step": "done"}
    messages, events = await _run(ActionDeleteEverythingReply(), _answer(tracker_for, text, finished, intent), domain)
    assert _responses(messages) == ["utter_delete_everything_kept"] and events == []


async def test_a_yes_after_a_message_about_something_else_deletes_nothing(tracker_for, domain, opened_case):
    between = [*ASKED, {"event": "user", "text": "vad är en sip?"},
               {"event": "action", "name": "action_answer_question"}, {"event": "bot", "text": "SIP är …"},
               {"event": "action", "name": "action_listen"}]
    for action, text, intent in ((ActionDeleteEverythingReply(), "ja", "affirm"),
                                 (preparation.ActionDeleteMyData(), "ja radera allt", "delete_my_data")):
        messages, events = await _run(action, _answer(tracker_for, text, _opened(opened_case), intent, between),
                                      domain)
        assert "utter_delete_everything_done" not in _responses(messages)
        assert case_store().has_case(opened_case.reference)
    assert events == [FollowupAction(ASK)]  # "ja radera allt" there is a new wish: asked again


async def test_without_a_case_opened_here_nothing_is_deleted(tracker_for, domain, opened_case):
    not_opened = {"case_reference": opened_case.reference, "case_verified": False}
    messages, events = await _run(preparation.ActionDeleteMyData(),
                                  tracker_for("delete_my_data", text="radera allt", slots=not_opened), domain)
    assert _responses(messages) == ["utter_delete_my_data", "utter_delete_in_chat_with_code"] and events == []
    for slots in (not_opened, {}):
        messages, events = await _run(ActionDeleteEverythingReply(), _answer(tracker_for, "ja", slots), domain)
        assert _responses(messages) == ["utter_delete_everything_kept"] and events == []
        messages, _ = await _run(ActionAskDeleteEverything(), tracker_for(None, slots=slots), domain)
        assert _responses(messages) == ["utter_delete_my_data"]
    assert case_store().has_case(opened_case.reference)


async def test_inside_the_preparation_the_question_is_asked_and_the_form_ends(tracker_for, domain, opened_case):
    # Verification round, session 33: Nora, 13, at the summary, was told to write "avbryt" and then
    # "radera mina uppgifter". The preparation's answers are saved as they come, so it may end here.
    from rasa_sdk.events import ActiveLoop, SlotSet

    tracker = tracker_for("delete_my_data", text="nej!! 11 e fel. asså ja vill radera allt", slots=_opened(opened_case),
                          active_loop={"name": "preparation_form"})
    messages, events = await _run(preparation.ActionDeleteMyData(), tracker, domain)
    assert messages == [] and events == [ActiveLoop(None), SlotSet("requested_slot", None), FollowupAction(ASK)]
    assert case_store().has_case(opened_case.reference)


async def test_inside_a_form_the_way_to_the_question_is_said(tracker_for, domain, opened_case):
    # The form asks its question next, so a yes there could not answer this one.
    tracker = tracker_for("delete_my_data", text="radera allt", slots=_opened(opened_case),
                          active_loop={"name": "consent_form"})
    messages, events = await _run(preparation.ActionDeleteMyData(), tracker, domain)
    assert _responses(messages) == ["utter_delete_my_data", "utter_delete_in_chat_after_form"] and events == []
    # "ta bort 5" away from the preparation's summary is no wish to delete everything.
    tracker = tracker_for("delete_my_data", text="ta bort 5", slots={**_opened(opened_case), "prep_step": "hard_now"},
                          active_loop={"name": "preparation_form"})
    messages, _ = await _run(preparation.ActionDeleteMyData(), tracker, domain)
    assert _responses(messages) == ["utter_delete_my_data"]
    tracker = tracker_for("delete_my_data", text="radera allt", active_loop={"name": "request_form"})
    messages, _ = await _run(preparation.ActionDeleteMyData(), tracker, domain)
    assert _responses(messages) == ["utter_delete_my_data"]
    assert case_store().has_case(opened_case.reference)


def test_the_way_to_the_question_names_the_overview_button_and_the_exact_command(domain):
    # After reference and code the overview's button leads to the question (actions/case_access.py).
    always = overview_buttons([])[-1]
    assert always["payload"] == "/delete_my_data"
    assert f"”{always['title']}”" in domain["responses"]["utter_delete_in_chat_with_code"][0]["text"]
    # "radera mina uppgifter" is always delete_my_data (bot/exact_commands.yml), "avbryt" always stop.
    commands = load_commands(ROOT / "bot" / "exact_commands.yml")
    for said, intent in (("radera mina uppgifter", "delete_my_data"), ("avbryt", "stop")):
        assert commands[command_key(said)] == intent
        assert f"”{said}”" in domain["responses"]["utter_delete_in_chat_after_form"][0]["text"]
    assert "”radera mina uppgifter”" in domain["responses"]["utter_delete_everything_kept"][0]["text"]


@pytest.mark.parametrize("text, yes", [("ja", True), ("Ja, radera allt", True), ("visst", True), ("/affirm", True),
                                       ("ok", False), ("nej", False), ("ja men vänta", False), ("jag vet inte", False),
                                       ("ja?", False), ("", False), (None, False)])
def test_only_an_explicit_yes_counts(text, yes):
    assert says_yes(text) is yes


def test_the_listed_sections_are_the_pages_titles():
    assert delete_in_chat.said_as_a_list([]) == TEXTS["nothing_saved"]
    assert delete_in_chat.said_as_a_list(["consents", "sip_requests", "preparation_answers"]) == \
        "dina samtycken, dina SIP-förfrågningar och dina svar inför SIP-mötet"


# Persona round, Nova, 15: "radera samtalet" (the widget's button, typed) was offered the deletion of her
# whole case; "asså jag menar bara chatten, inte svaren…" got the general privacy text; "är allt borta nu?
# även chatten?" got "Hej då!".
CHAT_ONLY = ["radera samtalet", "Radera samtalet", "o chatten då, det jag skrev innan. hur raderar jag den",
             "asså jag menar bara chatten, inte svaren. typ det jag skrev om pappa i chatten",
             "kan du radera det jag skrev i chatten"]
CHAT_BUTTON = ["utter_delete_chat_button", "utter_delete_chat_not_the_case"]


@pytest.mark.parametrize("text", CHAT_ONLY)
async def test_a_wish_to_delete_the_chat_gets_the_button_and_no_question_about_the_case(tracker_for, domain,
                                                                                       opened_case, text):
    _with_answers(opened_case)
    for active_loop in (None, {"name": "preparation_form"}):
        messages, events = await _run(preparation.ActionDeleteMyData(),
                                      tracker_for("delete_my_data", text=text, slots=_opened(opened_case),
                                                  active_loop=active_loop), domain)
        # The button first; inside the preparation the form goes on (no ActiveLoop(None), no question).
        assert _responses(messages) == CHAT_BUTTON and events == []
    messages, _ = await _run(preparation.ActionDeleteMyData(), tracker_for("delete_my_data", text=text), domain)
    assert _responses(messages) == CHAT_BUTTON  # no case opened here: the same
    assert case_store().answers(opened_case.reference) == {"q1": "Att få vara med"}


@pytest.mark.parametrize("text", ["radera samtalet och mina uppgifter", "radera allt",
                                  "radera mina svar men inte chatten", "rensa chatten och allt som har sparats"])
async def test_a_wish_that_names_what_is_saved_still_asks_about_the_case(tracker_for, domain, opened_case, text):
    messages, events = await _run(preparation.ActionDeleteMyData(),
                                  tracker_for("delete_my_data", text=text, slots=_opened(opened_case)), domain)
    assert messages == [] and events == [FollowupAction(ASK)]


def test_the_chat_texts_say_where_the_button_is_as_the_widget_shows_it(domain):
    # The widget (channels/static/widget.js) puts "Radera samtalet" in its top bar, to the right.
    widget = (ROOT / "channels" / "static" / "widget.js").read_text(encoding="utf-8")
    css = (ROOT / "channels" / "static" / "widget.css").read_text(encoding="utf-8")
    assert 'forget: "Radera samtalet"' in widget and "root.append(bar, logRegion" in widget
    assert ".sip-bar { display: flex; justify-content: flex-end;" in css
    where = "”Radera samtalet” högst upp till höger i chatten"  # the button, and where it is

    def text(name):
        return domain["responses"][name][0]["text"]

    assert "”Radera samtalet”" in text("utter_delete_chat_button") and "högst upp till höger i chatten" in \
        text("utter_delete_chat_button")
    assert "”radera mina uppgifter”" in text("utter_delete_chat_not_the_case")
    # Wherever deleting is offered or explained, the two ways are told apart.
    for name in ("utter_delete_everything_confirm", "utter_delete_everything_confirm_request",
                 "utter_delete_everything_chat_left", "utter_delete_my_data", "utter_privacy"):
        assert where in text(name), name
    assert "”radera mina uppgifter”" in text("utter_privacy")
    # "raderar allt här i chatten" read as deleting the chat.
    assert "i chatten" not in text("utter_delete_in_chat_after_form")


async def test_after_the_deletion_the_chat_is_said_to_be_left_with_its_days(tracker_for, domain, opened_case):
    messages, _ = await _run(ActionDeleteEverythingReply(), _answer(tracker_for, "ja", _opened(opened_case)), domain)
    assert _responses(messages)[-1] == "utter_delete_everything_chat_left" and messages[-1]["chat_days"] == 30
    assert "{chat_days} dagar" in domain["responses"]["utter_delete_everything_chat_left"][0]["text"]
    # "är allt borta nu? även chatten?" read as delete_my_data afterwards: no new question, the chat.
    deleted = [{"event": "bot", "text": "Klart.", "metadata": {"utter_action": "utter_delete_everything_done"}}]
    tracker = _answer(tracker_for, "är allt borta nu? även chatten?", {}, "delete_my_data", deleted)
    messages, events = await _run(preparation.ActionDeleteMyData(), tracker, domain)
    assert _responses(messages) == ["utter_delete_chat_after_the_case", "utter_delete_everything_chat_left"]
    assert events == []


async def test_only_the_chat_as_the_reply_to_the_question_keeps_the_case_and_names_the_button(tracker_for, domain,
                                                                                             opened_case):
    messages, _ = await _run(ActionDeleteEverythingReply(),
                             _answer(tracker_for, "nej bara chatten", {**_opened(opened_case), "prep_step": "done"},
                                     "deny"), domain)
    assert _responses(messages) == ["utter_delete_chat_button", "utter_delete_everything_kept"]
    assert case_store().has_case(opened_case.reference)


def test_the_message_after_the_button_says_the_case_is_deleted_another_way():
    from channels.chat_input import MESSAGES

    assert "”radera mina uppgifter”" in MESSAGES["conversation_deleted"]
