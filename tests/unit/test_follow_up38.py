""""gäller det även X?" right after an answer asks whether that answer applies to X (actions/follow_up.py;
persona round, session 38: after the KVÅ codes and after anmälningsplikt the topic was lost)."""
from __future__ import annotations

import pytest

from actions.answer_choice import Choice
from actions.follow_up import choice_if_it_applies_too, names_whom_or_where, what_it_may_apply_to
from actions.knowledge_base import articles


@pytest.mark.parametrize("text, subject", [
    ("gäller det även förskolan?", "forskolan"), ("gäller det även för skolan eller bara vården?",
                                                   "skolan eller bara varden"),
    ("och gäller det här också oss?", "oss"), ("gäller samma sak för skolan?", "skolan"),
    ("gäller det förskolan också?", "forskolan"), ("galler det oxå på bup", "bup"), ("gäller det oss med?", "oss"),
    ("gäller det samma för LSS?", "lss"), ("men gäller det också?", ""),
])
def test_does_it_apply_too_questions_name_what_they_ask_about(text, subject):
    assert what_it_may_apply_to(text) == subject


@pytest.mark.parametrize("text", [
    "gäller anmälningsplikten även förskolan?", "vad gäller för förskolan?", "gäller det samtycke jag gav för alltid?",
    "gäller det för alla?", "hur länge gäller det?", "gäller det med samtycke", "", None,
])
def test_other_questions_do_not(text):
    assert what_it_may_apply_to(text) is None


def _clear(subject: str) -> str | None:
    """A stand-in for the voices: "förskolan" clearly names the barnhälsoteam's article, "samtycket" its own."""
    return {"forskolan": "dalsed_barnhalsoteam", "samtycket": "samtycke_hur_lange"}.get(subject)


def test_it_is_answered_with_the_last_article():
    previous = articles()["anmalningsplikt_barn_far_illa"]
    for text in ("gäller det även förskolan?", "gäller det oss också?", "gäller det också?"):
        assert choice_if_it_applies_too(previous, text, _clear) == Choice(previous.id, ())


def test_unless_it_names_a_topic_of_its_own():
    previous = articles()["sip_avslut"]
    assert choice_if_it_applies_too(previous, "gäller samma sak för samtycket?", _clear) == \
        Choice("samtycke_hur_lange", ())


def test_other_messages_are_left_to_the_usual_reading():
    previous = articles()["anmalningsplikt_barn_far_illa"]
    assert choice_if_it_applies_too(previous, "vem kan få en sip?", _clear) is None


@pytest.mark.parametrize("subject, named", [("forskolan", True), ("bup", True), ("oss", True), ("19 aringar", True),
                                            ("vardnadshavarna", True), ("samtycket", False), ("planen", False)])
def test_places_and_people_are_no_topics_of_their_own(subject, named):
    assert names_whom_or_where(subject) is named
