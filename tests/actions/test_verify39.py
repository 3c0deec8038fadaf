"""Verification round, session 39: Kurt, a skolkurator, asked what to do if a pupil says at the meeting that she
does not want to live; after the staff crisis reply came "Du frågade också något" and an unrelated article. And
staff asking to keep their notes here ("kan jag spara mina anteckningar här?") got the fallback or an unrelated
article when the message was read as another intent than `privacy`. Real articles, search and classifier."""
from __future__ import annotations

import pytest

from actions.answer_question import ActionAnswerQuestion
from actions.crisis_help import ActionCrisisHelp, asks_what_to_do_in_the_crisis
from actions.help_texts import help_data
from tests.actions.test_roles_persona39 import _run, _said

KURT = "hej, jag är skolkurator och ska på en sip för en elev nästa vecka"


# --- 1. staff asking what to do in the crisis itself: the staff reply is the answer -------------------------

@pytest.mark.parametrize("text", [
    "om eleven säger på mötet att hon inte vill leva, vad gör vi då?",
    "om hon säger på mötet att hon vill dö, hur ska vi i personalen hantera det",
])
async def test_staff_asking_what_to_do_in_the_crisis_get_the_staff_reply_alone(tracker_for, domain, text):
    tracker = tracker_for("crisis", text=text, events=_said(KURT))
    messages, events = await _run(ActionCrisisHelp(), tracker, domain)
    assert messages[0]["text"].startswith(help_data()["staff_reply"])
    said = [m.get("text") for m in messages]
    assert help_data()["answer_after_help"] not in said and help_data()["suggest_after_help"] not in said
    assert len(messages) == 1
    assert not any(e.get("name") == "last_article" and e.get("value") for e in events)


@pytest.mark.parametrize("text", [
    # Session 21: the question is asked in a sentence of its own.
    "Skolsköterska här. Jag förbereder SIP för en elev med anorexi där soc också är inkopplad. "
    "Får BUP lämna ut sekretessuppgifter till mig med stöd av samtycket?",
    # The crisis in the sentence, but the asking clause names a SIP topic of its own.
    "om eleven vill dö, får jag lämna ut uppgifter till BUP?",
])
def test_a_question_of_its_own_is_not_about_the_crisis(text):
    assert not asks_what_to_do_in_the_crisis(text)


# --- 2. staff asking to keep notes, whatever the intent -----------------------------------------------------

@pytest.mark.parametrize("text", [
    "kan jag spara mina anteckningar här?",
    "alltså mina minnesanteckningar från mötet om eleven, kan jag klistra in dem här",
])
@pytest.mark.parametrize("intent", ["faq", "nlu_fallback"])
async def test_staff_asking_to_keep_notes_are_told_where_notes_belong_by_the_answer(tracker_for, domain, text,
                                                                                      intent):
    tracker = tracker_for(intent, text=text, events=_said(KURT))
    messages, _ = await _run(ActionAnswerQuestion(), tracker, domain)
    assert [m.get("response") for m in messages] == ["utter_privacy_staff_notes"]


async def test_a_young_person_asking_to_keep_notes_gets_no_staff_notes_reply(tracker_for, domain):
    tracker = tracker_for("faq", text="kan jag spara mina anteckningar här?", events=_said("jag e 15 o ska på sip"))
    messages, _ = await _run(ActionAnswerQuestion(), tracker, domain)
    assert "utter_privacy_staff_notes" not in [m.get("response") for m in messages]
