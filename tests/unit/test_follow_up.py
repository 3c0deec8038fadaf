"""Which messages are follow-ups, and how they are read (actions/follow_up.py)."""
from __future__ import annotations

import pytest

from actions.answer_choice import Choice
from actions.follow_up import NEAR_BONUS, in_context, is_follow_up, near_the_last_answer
from actions.knowledge_base import articles


@pytest.mark.parametrize("text", ["och hur länge gäller det?", "Å vem bestämmer det", "men om hon inte vill?",
                                  "kan dom säga nej", "vart ringer man då", "gäller det oss också?",
                                  "o vad kostar det", "hur hamnar man där", "motsvarande för skolan?",
                                  "är det samma person?"])
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


def test_an_unsure_follow_up_gets_the_related_article_the_bonus_lifts_to_the_top():
    previous = articles()["samtycke_vad_ar"]
    related = previous.related[1]
    unsure = Choice(None, ("sip_mal", related, "sip_avslut"))
    scored = [("sip_mal", 1.0), (related, 1.0 - NEAR_BONUS / 2), ("sip_avslut", 0.5)]
    assert near_the_last_answer(previous, scored, "och hur länge gäller det?", unsure) == Choice(related, ())
    # Not a follow-up by its words: still buttons, the related article first.
    assert near_the_last_answer(previous, scored, "hur länge gäller ett samtycke till sip", unsure) == Choice(
        None, (related, "sip_mal", "sip_avslut"))


def test_a_related_article_too_far_behind_or_none_at_all_decides_nothing():
    previous = articles()["samtycke_vad_ar"]
    far = [("sip_mal", 1.0), (previous.related[0], 1.0 - 2 * NEAR_BONUS)]
    assert near_the_last_answer(previous, far, "och det då?", Choice(None, ("sip_mal", previous.related[0]))) is None
    unrelated = [(a, 1.0 - i / 10) for i, a in enumerate(
        [a for a in articles() if a != previous.id and a not in previous.related][:3])]
    unsure = Choice(None, tuple(a for a, _ in unrelated))
    assert near_the_last_answer(previous, unrelated, "och det då?", unsure) is None
    assert near_the_last_answer(previous, [], "och det då?", Choice(None, ())) is None


def test_the_last_article_itself_counts_when_it_is_best():
    previous = articles()["samtycke_vad_ar"]
    scored = [(previous.id, 1.0), ("sip_mal", 0.9)]
    assert near_the_last_answer(previous, scored, "men vad betyder det", Choice(None, ("sip_mal", previous.id))) == \
        Choice(previous.id, ())
