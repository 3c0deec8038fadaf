"""Rules of preparation_flow from the verification round of session 36: a reporting phrase before the child's
words, and an answer named by its words in a wish to hide it."""
from __future__ import annotations

import pytest

from actions import preparation_flow as flow

KEYS = [q.key for q in flow.questions()]


@pytest.mark.parametrize("text, kept", [
    ("hon säger: att få bo kvar här och träffa mamma ibland", "att få bo kvar här och träffa mamma ibland"),
    ("han säger att han vill spela fotboll", "han vill spela fotboll"),
    ("Hen tycker, mer rast", "mer rast"),
    ("Elin säger: mer tid med mamma", "mer tid med mamma"),
    ("hon sade att hon vill bo kvar", "hon vill bo kvar"),
])
def test_a_leading_reporting_phrase_is_left_out(text, kept):
    assert flow.without_reporting_phrase(text) == kept


@pytest.mark.parametrize("text", ["hon tycker om att rita", "skolan säger att hon måste", "hon säger:",
                                  "Elin säger att hon vill", "att få bo kvar"])
def test_other_answers_are_kept_whole(text):
    assert flow.without_reporting_phrase(text) == text


STORED = dict(zip(KEYS, ["Att må bra", "bara skolan", "alla i klassen e dumma mot mig", "BUP", None,
                         "att jag får hjälp med matten", "mamma och min kurator", "En del av mötet",
                         "vill int prata om klassen", "om ja kan få mer hjälp på rasterna", "Inte på skoltid"]))


def test_the_answer_sharing_the_most_words_is_named():
    text = "asså ja vill int att dom läser att alla i klassen e dumma. kan du ta bort de"
    assert flow.wants_an_answer_hidden(text)
    assert flow.answer_named(text, STORED) == KEYS[2]  # not KEYS[8], which shares only "klassen"
    assert flow.answer_named("ta bort det om matten", STORED) == KEYS[5]


@pytest.mark.parametrize("text", ["radera alla mina svar", "ta bort det om fotbollen", "ta bort gamla versioner"])
def test_no_answer_is_named_without_its_own_words(text):
    assert flow.answer_named(text, STORED) is None


def test_a_tie_names_no_answer():
    assert flow.answer_named("ta bort det om klassen", {KEYS[2]: "klassen", KEYS[8]: "om klassen"}) is None


def test_the_offer_quotes_the_answer_and_its_buttons_name_the_question():
    text, buttons = flow.hide_offer(KEYS[2], STORED[KEYS[2]])
    assert "fråga 3" in text and STORED[KEYS[2]] in text
    assert [flow.parse_review(b) for b in buttons] == [flow.ReviewCommand("edit", KEYS[2]),
                                                       flow.ReviewCommand("remove", KEYS[2])]


def test_answers_named_gives_every_answer_that_shares_the_most_words():
    # Final check, session 36: "kan du ta bort det om klassen" named two answers equally and got no offer.
    stored = {"important_to_me": "Att må bra", "hard_now": "dom i klassen retar mig hela tiden",
              "not_shared": "vill int prata om klassen", "need_help": "matte"}
    assert flow.answers_named("kan du ta bort det om klassen", stored) == ["hard_now", "not_shared"]
    assert flow.answers_named("kan du ta bort det om fotbollen", stored) == []
    assert flow.answers_named("ta bort det om klassen och matte", {**stored, "need_help": "matte i klassen"}) \
        == ["need_help"]
