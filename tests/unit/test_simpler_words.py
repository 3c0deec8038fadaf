"""Asking for the last answer in simpler words (actions/simpler_words.py, knowledge/simpler_words_cues.yml)."""
from __future__ import annotations

import pytest

from actions.simpler_words import asks_for_plain_language, asks_for_simpler_words


@pytest.mark.parametrize("text", ["kan du säga det lättare", "för många ord 😢", "enkel svenska please", "för svårt",
                                  "Förklara enklare!", "kortare tack"])
def test_asking_for_simpler_words_is_recognised(text):
    assert asks_for_simpler_words(text)


@pytest.mark.parametrize("text", [
    # What is hard, told as an answer or a question of its own (review, session 26).
    "matte är för svårt", "det är för svårt att gå till skolan", "allt är för svårt i skolan just nu",
    "jag behöver kort svar på en sak: vem kallar?", "", None,
    "kan du säga det lättare för jag fattar inte vad en sip är och mamma förstår inte heller",
])
def test_other_messages_are_not(text):
    assert not asks_for_simpler_words(text)


@pytest.mark.parametrize("text", ["ok jag förstår inte allt. för lång text", "enkel svenska tack", "för långt",
                                  "för långt svar"])
def test_too_long_a_text_asks_for_fewer_words(text):
    # Persona round, session 34: a parent who found the answer too long.
    assert asks_for_simpler_words(text)


@pytest.mark.parametrize("text", ["det har gått för långt nu", "sip-dokumentet blev för långt, får det vara så?"])
def test_something_else_gone_too_far_or_too_long_is_not(text):
    assert not asks_for_simpler_words(text)


@pytest.mark.parametrize("text", ["jag förstår inte, enkel svenska tack", "för lång text", "enklare ord tack",
                                  "kan du skriva det där enklare, jag förstod inte"])
def test_a_wish_for_plain_language_is_recognised(text):
    assert asks_for_plain_language(text)


@pytest.mark.parametrize("text", ["för svårt", "matte är för svårt", "", "min son har problem i skolan. socialsekreterare "
                                  "sa SIP. vad är det? enkel svenska tack"])
def test_what_is_hard_and_long_questions_are_no_wish_for_plain_language(text):
    assert not asks_for_plain_language(text)
