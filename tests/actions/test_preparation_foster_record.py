"""A familjehem filling in the preparation together with the child: the answers are the child's own, asked and
titled as the young person's, but recorded as written down by the familjehem ("Ifyllt av: den unga
tillsammans med familjehemmet"). Saved as "ung", the record hid that an adult wrote them. Real trackers, the
real domain and a real case store."""
from __future__ import annotations

import yaml
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

import actions.preparation as preparation
from actions import preparation_flow as flow
from actions.casestore.models import PreparationAnswer
from actions.preparation import ActionAskPrepAnswer
from actions.settings import ROOT
from tests.actions.test_preparation import KEYS, SLOT, _answer_tracker, _slot_events, _start, _validate

FOSTER = flow.FOSTER_TOGETHER
DOCUMENT_WHO = yaml.safe_load((ROOT / "channels" / "preparation_document.sv.yml").read_text(encoding="utf-8"))["who"]


async def _role(tracker_for, domain, text, before=()):
    """`text` typed at "Vem är det som svarar?"; `before`: earlier user messages."""
    earlier = [{"event": "user", "text": said, "parse_data": {}} for said in before]
    tracker = tracker_for("inform", confidence=0.6, text=text, active_loop={"name": "preparation_form"},
                          slots={SLOT: text, "prep_step": flow.ROLE, "requested_slot": SLOT},
                          events=[*earlier, {"event": "slot", "name": SLOT, "value": text, "timestamp": None}])
    messages, events = await _validate(tracker, domain)
    return [m.get("response") or m.get("text") for m in messages], _slot_events(events)


async def _ask(tracker_for, domain, **slots) -> str:
    dispatcher = CollectingDispatcher()
    await ActionAskPrepAnswer().run(dispatcher, tracker_for(None, slots=slots), domain)
    message = dispatcher.messages[-1]
    return message.get("summary") or message["text"]  # the summary comes as the review response's slot


async def test_a_foster_parent_with_the_child_answers_under_a_role_of_its_own(tracker_for, domain, case_store_env):
    said, slots = await _role(tracker_for, domain, "jag är jourhem och vi fyller i tillsammans")
    assert said == [flow.content()["role_foster_together"]]
    assert slots["prep_role"] == FOSTER and slots["prep_step"] == flow.AGE
    _, events = await _validate(_answer_tracker(tracker_for, "Att få bo kvar här", prep_role=FOSTER), domain)
    stored = preparation.store().preparation_answers(_slot_events(events)["case_reference"])
    assert stored[KEYS[0]].answered_by == "familjehem_med_barnet"


def test_the_recorded_role_fits_the_answered_by_column():
    assert len(flow.answered_by(FOSTER)) <= PreparationAnswer.__table__.c.answered_by.type.length


def test_the_text_to_the_foster_parent_says_what_the_document_says():
    # It promised "Ifyllt av: den unga", which hid that a familjehem wrote the answers down.
    together = flow.content()["role_foster_together"]
    assert f"”Ifyllt av: {DOCUMENT_WHO[flow.answered_by(FOSTER)]}”" in together
    assert "”Ifyllt av: den unga”" not in together


async def test_the_foster_role_has_no_button(tracker_for, domain):
    dispatcher = CollectingDispatcher()
    await ActionAskPrepAnswer().run(dispatcher, tracker_for(None, slots={"prep_step": flow.ROLE}), domain)
    assert FOSTER not in [flow.parse_role(b["payload"]) for b in dispatcher.messages[0]["buttons"]]


async def test_the_questions_are_asked_to_the_child(tracker_for, domain):
    # "Jag ställer frågorna till barnet": the young person's wording, a child's under 13.
    child = await _ask(tracker_for, domain, prep_step=KEYS[0], prep_role=FOSTER, prep_age=9.0)
    teen = await _ask(tracker_for, domain, prep_step=KEYS[0], prep_role=FOSTER, prep_age=15.0)
    assert flow.question(KEYS[0]).ask["barn"] in child and flow.question(KEYS[0]).ask["ung"] in teen


async def test_the_summary_of_the_childs_answers_keeps_the_childs_titles(tracker_for, domain, case_store_env):
    case = preparation.store().create_case()
    preparation.store().save_answer(case.reference, "can_do_myself", "Cykla", "familjehem_med_barnet")
    text = await _ask(tracker_for, domain, prep_step=flow.REVIEW, prep_role=FOSTER, case_reference=case.reference,
                      case_verified=True)
    assert flow.question("can_do_myself").title in text and flow.question("can_do_myself").guardian_title not in text


async def test_back_with_reference_and_code_the_foster_parent_answers_on_as_before(tracker_for, domain,
                                                                                   case_store_env):
    case = preparation.store().create_case()
    preparation.store().save_answer(case.reference, KEYS[0], "Att få bo kvar", "familjehem_med_barnet")
    responses, events = await _start(tracker_for, domain, case_reference=case.reference, case_verified=True)
    title = next(r["title"] for r in flow.roles() if r["id"] == FOSTER)
    assert flow.content()["role_assumed"].format(title=title) in responses
    assert SlotSet("prep_role", FOSTER) in events
    _, events = await _validate(_answer_tracker(tracker_for, "fotboll", KEYS[1], case.reference, prep_role=FOSTER),
                                domain)
    assert preparation.store().preparation_answers(case.reference)[KEYS[1]].answered_by == "familjehem_med_barnet"


async def test_a_parent_taking_over_from_the_foster_home_answers_as_a_guardian(tracker_for, domain, case_store_env):
    # As from the young person: "det är mamma nu" is the child's parent, whose answers are marked.
    _, events = await _validate(_answer_tracker(tracker_for, "det är mamma nu. han cyklar själv till skolan",
                                                prep_role=FOSTER), domain)
    slots = _slot_events(events)
    assert slots["prep_role"] == flow.content()["handover_role"]
