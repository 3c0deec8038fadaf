"""Which messages are follow-ups, and how they are read (actions/follow_up.py)."""
from __future__ import annotations

import pytest

from actions.answer_choice import Choice
from actions.follow_up import CONTEXT_WEIGHT, LAST_ANSWER_BONUS, NEAR_BONUS, choice_after, in_context, is_follow_up, \
    near_the_last_answer, ranked_after, read_with_the_last_answer
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


@pytest.mark.parametrize("text, read", [("och hur länge gäller det?", True), ("hur gammal måste man vara", True),
                                        ("vad är det för skillnad på en sip och ett vanligt samverkansmöte i skolan",
                                         False), ("hur länge gäller ett samtycke till en sip för mitt barn", False),
                                        # Without words its reading with the title would be the title alone.
                                        ("", False), ("   ", False), ("?????", False), (None, False)])
def test_follow_ups_and_short_messages_are_read_with_the_last_answer(text, read):
    assert read_with_the_last_answer(text) is read


def test_the_ranking_after_an_answer_adds_the_titles_reading_and_lifts_the_last_article_and_its_related():
    previous = articles()["samtycke_vad_ar"]
    related, other = previous.related[0], "sip_mal"
    assert other not in previous.related
    alone = [(other, 1.0), (related, 1.0 - NEAR_BONUS / 2), (previous.id, 0.4)]
    assert ranked_after(previous, alone, []) == [related, other, previous.id]
    # The title's reading moves the last article up by its weight only.
    with_title = [(previous.id, (1.0 - 0.5) / CONTEXT_WEIGHT)]
    assert ranked_after(previous, alone, with_title)[0] == previous.id
    assert ranked_after(previous, [], []) == []


def test_the_last_article_is_lifted_above_its_related_ones_on_equal_words():
    # "behövs remiss?" right after BUP ranked Första linjen, related to BUP, first (session 26).
    previous = articles()["dalsed_bup"]
    related = previous.related[0]
    assert ranked_after(previous, [(related, 1.0), (previous.id, 1.0 - LAST_ANSWER_BONUS / 2)], [])[0] == previous.id


def test_a_sure_answer_that_the_ranking_after_the_answer_agrees_with_stands():
    previous = articles()["samtycke_vad_ar"]
    sure = Choice("sip_mal", ())
    assert choice_after(previous, sure, ["sip_mal", previous.id], "och målen då?") == sure
    assert choice_after(previous, sure, [], "och målen då?") == sure


def test_a_sure_answer_that_the_last_answer_puts_in_doubt_becomes_buttons():
    previous = articles()["samtycke_vad_ar"]
    ranked = [previous.id, "sip_mal", "sip_avslut", "sip_neka"]
    assert choice_after(previous, Choice("sip_mal", ()), ranked, "hur gammal måste man va") == Choice(
        None, tuple(ranked[:3]))
    # What the words alone were sure of stays among the buttons.
    assert choice_after(previous, Choice("sip_neka", ()), ranked, "hur gammal måste man va") == Choice(
        None, (previous.id, "sip_mal", "sip_neka"))


def test_an_unsure_follow_up_gets_the_last_article_or_a_related_one_when_it_is_best():
    previous = articles()["samtycke_vad_ar"]
    unsure = Choice(None, ("sip_mal", "sip_avslut", "sip_neka"))
    related = previous.related[0]
    assert choice_after(previous, unsure, [related, "sip_mal"], "och hur länge gäller det?") == Choice(related, ())
    assert choice_after(previous, unsure, [previous.id, "sip_mal"], "men vad betyder det") == Choice(previous.id, ())
    # A short message that is no follow-up by its words gets buttons; so does an unrelated best article.
    assert choice_after(previous, unsure, [related, "sip_mal"], "hur gammal måste man vara") == Choice(
        None, (related, "sip_mal"))
    unrelated = next(a for a in articles() if a != previous.id and a not in previous.related)
    assert choice_after(previous, unsure, [unrelated, related], "och det då?") == Choice(None, (unrelated, related))


def test_a_longer_unsure_message_gets_the_related_article_first_among_the_buttons():
    previous = articles()["samtycke_vad_ar"]
    related = previous.related[1]
    unsure = Choice(None, ("sip_mal", related, "sip_avslut"))
    scored = [("sip_mal", 1.0), (related, 1.0 - NEAR_BONUS / 2), ("sip_avslut", 0.5)]
    assert near_the_last_answer(previous, scored, unsure) == Choice(None, (related, "sip_mal", "sip_avslut"))


def test_a_related_article_too_far_behind_or_none_at_all_decides_nothing():
    previous = articles()["samtycke_vad_ar"]
    far = [("sip_mal", 1.0), (previous.related[0], 1.0 - 2 * NEAR_BONUS)]
    assert near_the_last_answer(previous, far, Choice(None, ("sip_mal", previous.related[0]))) is None
    unrelated = [(a, 1.0 - i / 10) for i, a in enumerate(
        [a for a in articles() if a != previous.id and a not in previous.related][:3])]
    unsure = Choice(None, tuple(a for a, _ in unrelated))
    assert near_the_last_answer(previous, unrelated, unsure) is None
    assert near_the_last_answer(previous, [], Choice(None, ())) is None
