from __future__ import annotations

import pytest

from actions.two_questions import MAX_ANSWERS, combine, question_parts


@pytest.mark.parametrize("text, parts", [
    ("hur länge gäller samtycket och kan jag ta tillbaka det?",
     ["hur länge gäller samtycket", "kan jag ta tillbaka det?"]),
    ("Vem kallar till mötet? Hur lång tid tar det?", ["Vem kallar till mötet?", "Hur lång tid tar det?"]),
    ("vad är sip, och vem bestämmer", ["vad är sip", "vem bestämmer"]),
    ("vad e bup o vem e mötesledare", ["vad e bup", "vem e mötesledare"]),
    # A story before the question is not a part of its own.
    ("Min son har ADHD och skolan fungerar inte. Vad ska vi göra?", ["Vad ska vi göra?"]),
    ("vad är en sip?", ["vad är en sip?"]),
    # "och" that joins two things in one question does not cut it.
    ("kan jag och min mamma gå på mötet?", ["kan jag och min mamma gå på mötet?"]),
    ("tack! vad är en sip?", ["vad är en sip?"]),
    # Two short terms asked about at once: each asked on its own.
    ("vad betyder bup o eht", ["vad betyder bup", "vad betyder eht"]),
    ("vad är bvc och eht?", ["vad är bvc", "vad är eht?"]),
    ("vad menas med mål och delmål", ["vad menas med mål", "vad menas med delmål"]),
    ("vad ska jag säga och göra på mötet", ["vad ska jag säga och göra på mötet"]),
])
def test_a_message_is_cut_into_the_parts_that_ask(text, parts):
    assert question_parts(text) == parts


@pytest.mark.parametrize("text", ["", None, "tack", "ok?", "jag vill begära en sip"])
def test_nothing_that_asks_gives_no_parts(text):
    assert question_parts(text) == []


def test_two_parts_with_two_articles_are_both_answered_in_order():
    assert combine(None, ["samtycke_hur_lange", "samtycke_dra_tillbaka"]) == \
        ["samtycke_hur_lange", "samtycke_dra_tillbaka"]


def test_an_unsure_message_with_one_clear_part_keeps_its_suggestions():
    assert combine(None, ["samtycke_hur_lange", None]) == []
    assert combine(None, ["sip_vad_ar", "sip_vad_ar"]) == []


def test_the_whole_messages_answer_comes_first_and_another_part_adds_the_second():
    assert combine("sip_avslut", ["sip_mote_struktur", "sip_avslut"]) == ["sip_avslut", "sip_mote_struktur"]


def test_the_whole_messages_answer_stands_in_for_a_part_that_is_unclear_alone():
    # "vad är en sip? och vem kan få en?": the second part has no words of its own to match.
    assert combine("sip_vem_kan_fa", ["sip_vad_ar", None]) == ["sip_vem_kan_fa", "sip_vad_ar"]


def test_no_second_answer_when_the_whole_message_answers_none_of_the_parts():
    # The parts read as two other topics: the message as a whole was read otherwise, so it stands.
    assert combine("sip_vad_ar", ["sip_kallelse", "sip_avslut"]) == ["sip_vad_ar"]


def test_one_article_for_all_parts_is_one_answer():
    assert combine("dalsed_lss", ["dalsed_lss", "dalsed_lss"]) == ["dalsed_lss"]
    assert combine("dalsed_lss", ["dalsed_lss", None]) == ["dalsed_lss"]


def test_never_more_than_two_answers():
    parts = ["sip_vad_ar", "sip_kallelse", "sip_avslut"]
    assert len(combine(None, parts)) == MAX_ANSWERS
    assert len(combine("sip_vad_ar", parts)) == MAX_ANSWERS
