"""Asking for the last answer in simpler words (actions/simpler_words.py, knowledge/simpler_words_cues.yml)."""
from __future__ import annotations

import pytest

from actions.simpler_words import asks_for_simpler_words


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
