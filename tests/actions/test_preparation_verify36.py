"""The preparation after the verification round of session 36: Mira, 12, changing and hiding an answer after
saving, and Lena, a familjehemsmamma typing her foster daughter's words. Real trackers and a real case store."""
from __future__ import annotations

import pytest
from rasa_sdk import Tracker
from rasa_sdk.events import FollowupAction, UserUtteranceReverted
from rasa_sdk.executor import CollectingDispatcher

import actions.preparation as preparation
from actions import preparation_flow as flow
from actions.answer_question import ActionAnswerQuestion
from actions.crisis_help import ActionCrisisCheckIn
from actions.fallback import ActionDefaultFallback
from actions.preparation import ActionDeleteMyData, ActionPreparationStart
from tests.actions.test_preparation import KEYS, SLOT, _answer_tracker, _slot_events, _validate

NOTE = flow.content()["earlier_version_kept"]
HARD = "alla i klassen e dumma mot mig"
HIDE = "asså ja vill int att dom läser att alla i klassen e dumma. kan du ta bort de"
MIRA = ["Att må bra", "bara skolan", HARD, "BUP", None, "att jag får hjälp med matten", "mamma och min kurator",
        "En del av mötet", "vill int prata om klassen", "om ja kan få mer hjälp på rasterna", "Inte på skoltid"]


def _texts(messages) -> list[str | None]:
    return [m.get("response") or m.get("text") for m in messages]


def _saved_case() -> str:
    case = preparation.store().create_case()
    for key, answer in zip(KEYS, MIRA):
        preparation.store().save_answer(case.reference, key, answer, "ung")
    return case.reference


# --- 1. the earlier version named after a change after saving, though said at a change mid-way ---

async def test_a_change_after_saving_says_where_the_old_answer_stays_though_said_mid_way(tracker_for, domain,
                                                                                         case_store_env):
    reference = _saved_case()
    said_mid_way = [{"event": "bot", "text": flow.content()["change_saved"].format(number=2), "timestamp": None},
                    {"event": "bot", "text": NOTE, "timestamp": None}]
    tracker = _answer_tracker(tracker_for, "Kompisar", KEYS[2], reference, prep_editing=True, prep_role="ung")
    tracker.events[1:1] = said_mid_way  # before the slot event, which the form validates
    messages, _ = await _validate(tracker, domain)
    assert NOTE in _texts(messages)
    assert preparation.store().answers(reference)[KEYS[2]] == "Kompisar"


async def test_a_change_after_saving_says_it_once_in_its_own_way(tracker_for, domain, case_store_env):
    reference = _saved_case()
    tracker = _answer_tracker(tracker_for, "Kompisar", KEYS[2], reference, prep_editing=True, prep_role="ung")
    tracker.events[1:1] = [{"event": "bot", "text": NOTE, "timestamp": None}]  # said at an earlier edit
    messages, _ = await _validate(tracker, domain)
    assert NOTE not in _texts(messages)


async def test_a_change_mid_way_after_one_mid_way_does_not_say_it_again(tracker_for, domain, case_store_env):
    reference = _saved_case()
    said_mid_way = [{"event": "bot", "text": flow.content()["change_saved"].format(number=2), "timestamp": None},
                    {"event": "bot", "text": NOTE, "timestamp": None}]
    tracker = _answer_tracker(tracker_for, "Kompisar", KEYS[2], reference, prep_role="ung")
    tracker.events[1:1] = said_mid_way
    messages, _ = await _validate(tracker, domain)
    assert _texts(messages) == [flow.content()["change_saved"].format(number=3)]


# --- 2. a wish to hide what was written, naming an answer by its words ---

def _outside(text: str, reference: str | None, intent: str = "nlu_fallback", confidence: float = 0.55) -> Tracker:
    parse = {"text": text, "intent": {"name": intent, "confidence": confidence}, "entities": []}
    slots = {"case_reference": reference, "case_verified": reference is not None}
    return Tracker("test-user", slots, parse, [{"event": "user", "text": text, "parse_data": parse}], False, None,
                   {}, "action_listen")


async def _run(action, tracker, domain):
    dispatcher = CollectingDispatcher()
    events = await action.run(dispatcher, tracker, domain)
    return dispatcher.messages, events


async def test_a_wish_to_hide_an_answer_after_saving_is_offered_its_change_or_removal(domain, case_store_env):
    # Got "Jag är inte säker på att jag förstod" (nlu_fallback) after saving.
    reference = _saved_case()
    tracker = _outside(HIDE, reference)
    _, events = await _run(ActionAnswerQuestion(), tracker, domain)
    assert events == [FollowupAction(preparation.START)]
    messages, events = await _run(ActionPreparationStart(), tracker, domain)
    assert events == [FollowupAction("action_listen")]
    offer, versions = messages
    assert "fråga 3" in offer["text"] and HARD in offer["text"]
    assert "ta bort gamla versioner" in versions["text"]
    assert preparation.store().answers(reference)[KEYS[2]] == HARD  # nothing changed yet
    # Its buttons are the commands that change or remove answer 3.
    edit, remove = (b["payload"] for b in offer["buttons"])
    assert flow.parse_review(edit) == flow.ReviewCommand("edit", KEYS[2])
    _, events = await _run(ActionDefaultFallback(), _outside(remove, reference, "inform", 1.0), domain)
    assert events == [FollowupAction(preparation.START)]
    await _run(ActionPreparationStart(), _outside(remove, reference, "inform", 1.0), domain)
    assert preparation.store().answers(reference)[KEYS[2]] is None
    assert preparation.store().answers(reference)[KEYS[8]] == MIRA[8]


async def test_the_wish_read_as_inform_or_delete_my_data_gets_the_offer(domain, case_store_env):
    reference = _saved_case()
    _, events = await _run(ActionDefaultFallback(), _outside(HIDE, reference, "inform", 0.7), domain)
    assert events == [FollowupAction(preparation.START)]
    messages, events = await _run(ActionDeleteMyData(), _outside(HIDE, reference, "delete_my_data", 0.8), domain)
    assert "fråga 3" in messages[0]["text"] and events == []
    # The offer's remove button read as delete_my_data removes that answer, as when read as `inform`.
    remove = messages[0]["buttons"][1]["payload"]
    _, events = await _run(ActionDeleteMyData(), _outside(remove, reference, "delete_my_data", 0.9), domain)
    assert events == [FollowupAction(preparation.START)]


async def test_the_wish_at_the_summary_gets_the_offer_not_the_deletion_of_everything(domain, case_store_env):
    # Final check, session 36: "kan du ta bort det om klassen" at the summary (`delete_my_data`, 0.95) was
    # pointed to /mina-uppgifter and "Radera samtalet".
    reference = _saved_case()
    tracker = _outside("kan du ta bort det om klassen", reference, "delete_my_data", 0.95)
    tracker.active_loop = {"name": preparation.FORM}
    tracker.slots.update({"prep_step": flow.REVIEW, "requested_slot": "prep_answer"})
    messages, events = await _run(ActionDeleteMyData(), tracker, domain)
    # Two saved answers speak of the class (3 and 9): both are offered, with how old versions go.
    offers = [m["text"] for m in messages if m.get("buttons")]
    assert len(offers) == 2 and "fråga 3" in offers[0] and HARD in offers[0] and "fråga 9" in offers[1]
    assert "ta bort gamla versioner" in messages[-1]["text"] and events == []
    assert preparation.store().answers(reference)[KEYS[2]] == HARD  # nothing removed before she chooses


@pytest.mark.parametrize("text", ["radera alla mina svar", "ta bort det om fotbollen", "vad betyder samordnad?"])
async def test_no_offer_without_one_answer_named_or_a_wish_to_hide(domain, case_store_env, text):
    reference = _saved_case()
    messages, events = await _run(ActionDefaultFallback(), _outside(text, reference, "inform", 0.7), domain)
    assert events == [UserUtteranceReverted()]


async def test_no_offer_without_an_opened_case(domain, case_store_env):
    messages, events = await _run(ActionDefaultFallback(), _outside(HIDE, None, "inform", 0.7), domain)
    assert events == [UserUtteranceReverted()]


# --- 3. "hon säger:" typed by someone filling in with the child ---

FOSTER_SAID = {"event": "bot", "text": flow.content()["role_foster_together"], "timestamp": None}
LENA = "hon säger: att få bo kvar här och träffa mamma ibland"


async def test_a_foster_parents_reporting_phrase_is_not_saved(tracker_for, domain, case_store_env):
    tracker = _answer_tracker(tracker_for, LENA, prep_role=flow.FOSTER_TOGETHER, prep_age=13)
    tracker.events[1:1] = [FOSTER_SAID]
    _, events = await _validate(tracker, domain)
    reference = _slot_events(events)["case_reference"]
    assert preparation.store().answers(reference)[KEYS[0]] == "att få bo kvar här och träffa mamma ibland"


async def test_read_as_a_check_in_the_answer_is_saved_without_the_phrase(tracker_for, domain, case_store_env):
    # Lena's answer was read as crisis_check_in (1.00): the check-in saves it.
    tracker = tracker_for("crisis_check_in", confidence=1.0, text=LENA, active_loop={"name": "preparation_form"},
                          slots={SLOT: LENA, "prep_step": KEYS[0], "requested_slot": SLOT,
                                 "prep_role": flow.FOSTER_TOGETHER, "prep_age": 13},
                          events=[FOSTER_SAID, {"event": "slot", "name": SLOT, "value": LENA, "timestamp": None}])
    dispatcher = CollectingDispatcher()
    await ActionCrisisCheckIn().run(dispatcher, tracker, domain)
    [created] = [m for m in dispatcher.messages if m.get("response") == "utter_case_created"]
    assert preparation.store().answers(created["reference"])[KEYS[0]].startswith("att få bo kvar")


@pytest.mark.parametrize("role", ["med_barnet", "for_barnet"])
async def test_a_parents_reporting_phrase_is_not_saved(tracker_for, domain, case_store_env, role):
    _, events = await _validate(_answer_tracker(tracker_for, "Han säger att han vill spela fotboll",
                                                prep_role=role), domain)
    reference = _slot_events(events)["case_reference"]
    assert preparation.store().answers(reference)[KEYS[0]] == "han vill spela fotboll"


async def test_the_young_persons_own_words_are_kept_whole(tracker_for, domain, case_store_env):
    text = "hon säger att jag är dum"  # may be about a teacher
    _, events = await _validate(_answer_tracker(tracker_for, text, prep_role="ung"), domain)
    assert preparation.store().answers(_slot_events(events)["case_reference"])[KEYS[0]] == text
