"""Which messages are follow-ups, and how they are read (actions/follow_up.py)."""
from __future__ import annotations

import pytest

from actions.answer_choice import Choice
from actions.follow_up import NEAR_RANKS, in_context, is_follow_up, near_the_last_answer
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


def test_an_unsure_follow_up_gets_the_related_article_among_the_best_two():
    previous = articles()["samtycke_vad_ar"]
    related = previous.related[1]
    unsure = Choice(None, ("sip_mal", related, "sip_avslut"))
    ranked = ["sip_mal", related, "sip_avslut"]
    assert near_the_last_answer(previous, ranked, "och hur länge gäller det?", unsure) == Choice(related, ())
    # Not a follow-up by its words: still buttons, the related article first.
    assert near_the_last_answer(previous, ranked, "hur länge gäller ett samtycke till sip", unsure) == Choice(
        None, (related, "sip_mal", "sip_avslut"))


def test_a_related_article_further_down_or_none_at_all_decides_nothing():
    previous = articles()["samtycke_vad_ar"]
    far = ["sip_mal", "sip_avslut", *previous.related][:NEAR_RANKS + 1]
    assert near_the_last_answer(previous, far, "och det då?", Choice(None, tuple(far))) is None
    unrelated = [a for a in articles() if a != previous.id and a not in previous.related][:3]
    assert near_the_last_answer(previous, unrelated, "och det då?", Choice(None, tuple(unrelated))) is None


def test_the_last_article_itself_counts_as_near():
    previous = articles()["samtycke_vad_ar"]
    ranked = ["sip_mal", previous.id]
    assert near_the_last_answer(previous, ranked, "men vad betyder det", Choice(None, tuple(ranked))) == Choice(
        previous.id, ())
