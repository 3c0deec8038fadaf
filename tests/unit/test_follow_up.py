"""Which messages are follow-ups, and how they are read (actions/follow_up.py)."""
from __future__ import annotations

import pytest

from actions.follow_up import in_context, is_follow_up
from actions.knowledge_base import articles


@pytest.mark.parametrize("text", ["och hur länge gäller det?", "Å vem bestämmer det", "men om hon inte vill?",
                                  "kan dom säga nej", "vart ringer man då", "gäller det oss också?",
                                  "o vad kostar det"])
def test_messages_that_lean_on_the_last_answer_are_follow_ups(text):
    assert is_follow_up(text)


@pytest.mark.parametrize("text", ["vad är sip", "hur länge gäller ett samtycke", "", "   ",
                                  "vad är det för skillnad på en sip och ett vanligt samverkansmöte i skolan",
                                  "vem kan kalla till sip"])
def test_questions_that_name_their_topic_are_not(text):
    assert not is_follow_up(text)


def test_a_follow_up_is_read_with_the_last_answers_title_and_without_the_selectors_vote():
    previous = articles()["samtycke_vad_ar"]
    message = {"text": "och hur länge gäller det?", "intent": {"name": "faq"},
               "response_selector": {"faq": {"ranking": [{"intent_response_key": "faq/sip_mal", "confidence": 0.9}]}}}
    read = in_context(message, previous)
    assert read["text"] == f"och hur länge gäller det? {previous.title}"
    assert read["response_selector"] == {} and read["intent"] == message["intent"]
    assert message["text"] == "och hur länge gäller det?"  # the tracker's own message is untouched
