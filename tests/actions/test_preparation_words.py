"""A word of the preparation's own questions asked about is explained, never saved, and the question comes
again as it was (persona round: "va menas klarar", "vad betyder verksamhet", "vad är elevhälsan")."""
from __future__ import annotations

import pytest

import actions.preparation as preparation
from actions import preparation_flow as flow
from actions.knowledge_base import articles
from tests.actions.test_preparation import KEYS, SLOT, _answer_tracker, _answered_up_to, _ask, _slot_events, _validate


@pytest.mark.parametrize("text, step, intent, start", [
    # The persona testers' own messages, at the questions where they were typed.
    ("va menas klarar", "can_do_myself", "inform", "Att klara något betyder"),
    ("vad betyder verksamhet", "can_do_myself", "faq", "En verksamhet är"),  # got "Menade du…?"
    ("vad är elevhälsan", "who_helps", "faq", "Elevhälsan är alla vuxna på skolan"),
    ("va e stödperson", "take_part", "inform", "En stödperson är"),
    ("vad är talsyntes", flow.SCHOOL_WISHES, "faq", "Talsyntes är"),
    ("va e redovisa", flow.SCHOOL_WISHES, "inform", "Att redovisa betyder"),
    ("vad menas med fungerar bra?", "works_well", "faq", "Att något fungerar bra")])
async def test_a_word_of_the_question_is_explained_then_the_same_question(tracker_for, domain, case_store_env, text,
                                                                         step, intent, start):
    reference = await _answered_up_to(tracker_for, domain, KEYS.index(step) if step in KEYS else len(KEYS))
    messages, events = await _validate(_answer_tracker(tracker_for, text, step, reference, intent=intent,
                                                       confidence=0.7, prep_role="ung", prep_age=11), domain)
    assert _slot_events(events) == {SLOT: None} and step not in preparation.store().answers(reference)
    [message] = messages
    assert message["text"].startswith(start) and not message.get("buttons")
    if step in KEYS:  # the question as it was, not in other words
        dispatcher_text = (await _ask_after(tracker_for, domain, text, step))
        assert dispatcher_text == f"Fråga {KEYS.index(step) + 1} av {len(KEYS)}\n{flow.question(step).text('ung', 11)}"


async def _ask_after(tracker_for, domain, text, step):
    from rasa_sdk.executor import CollectingDispatcher

    dispatcher = CollectingDispatcher()
    await preparation.ActionAskPrepAnswer().run(dispatcher, tracker_for("inform", text=text, slots={
        "prep_step": step, "prep_role": "ung", "prep_age": 11}), domain)
    return dispatcher.messages[0]["text"]


async def test_a_parent_is_told_the_word_too_with_the_question_worded_for_them(tracker_for, domain, case_store_env):
    reference = await _answered_up_to(tracker_for, domain, KEYS.index("take_part"))
    messages, events = await _validate(_answer_tracker(tracker_for, "vad menas med stödperson", "take_part", reference,
                                                       intent="faq", prep_role="for_barnet"), domain)
    assert messages[0]["text"].startswith("En stödperson är") and _slot_events(events) == {SLOT: None}


async def test_a_word_an_article_explains_at_the_school_list_gets_the_article(tracker_for, domain, case_store_env):
    # "va e bup" at the school list got "Det gör inget om du inte förstår alla ord" before.
    reference = await _answered_up_to(tracker_for, domain, len(KEYS))
    messages, events = await _validate(_answer_tracker(tracker_for, "va e bup", flow.SCHOOL_WISHES, reference,
                                                       prep_role="ung", prep_age=11), domain)
    assert _slot_events(events) == {SLOT: None} and flow.SCHOOL_WISHES not in preparation.store().answers(reference)
    assert messages[0]["text"].startswith(articles()["dalsed_bup"].short.strip().split("\n")[0])


async def test_where_answers_are_questions_a_word_asked_about_is_still_checked_first(tracker_for, domain,
                                                                                   case_store_env):
    # Question 10's answers are questions for the meeting: "va menas klarar" may be one.
    reference = await _answered_up_to(tracker_for, domain, KEYS.index("questions"))
    messages, events = await _validate(_answer_tracker(tracker_for, "va menas klarar", "questions", reference,
                                                       prep_role="ung"), domain)
    assert "Ska jag spara" in messages[0]["text"] and "questions" not in preparation.store().answers(reference)


async def test_a_question_in_other_words_still_comes_for_what_do_you_mean(tracker_for, domain):
    message = await _ask(tracker_for, domain, prep_step="can_do_myself", prep_role="ung", prep_age=11)
    assert message["text"].endswith(flow.question("can_do_myself").ask["barn"])
    text = await _ask_after(tracker_for, domain, "vad menar du", "can_do_myself")
    assert text.endswith(flow.question("can_do_myself").rephrased("ung", 11))
