"""A lost reference number or code, said outside the questions for them (actions/lost_code.py)."""
from __future__ import annotations

import pytest

from actions.lost_code import says_the_code_is_lost


@pytest.mark.parametrize("text", [
    # Both got the article on KVÅ codes (persona round, session 26).
    "nej jag gjorde det här i chatten. men koden är borta", "men vad gör jag om jag tappat koden? kan ni skicka en ny",
    "jag har glömt referensnumret", "hittar inte min kod", "jag har tappat min kod",
    # Persona round, session 34: the check-in, and the article on KVÅ codes.
    "vi har tappat koden. alva tog ingen skärmbild. kan ni skicka den till mig?",
    "men då ligger hennes svar kvar hos er för alltid om vi inte har koden?", "jag har inte koden längre",
    # Verification round, session 34: the article on KVÅ codes.
    "vad händer med svaren om vi tappar bort koden?", "om vi glömmer koden kan vi få en ny?",
])
def test_a_lost_code_is_recognised(text):
    assert says_the_code_is_lost(text)


@pytest.mark.parametrize("text", [
    "vilka KVÅ-koder ska vi använda?", "vad är koden för upprättande av sip", "jag har glömt vad mötet handlade om",
    "", None, "min kod är A3C4EX",
    # Codes and numbers of other kinds, with a word for losing them (review, session 26).
    "vi glömde registrera kvå-koden för sip, kan vi göra det i efterhand?",
    "jag kommer inte ihåg vilken kod man ska använda för sip i journalen", "ska vi få en ny kvå-kod vid uppföljning",
    "jag har glömt numret till bris", "hittar inte numret till soc",
    # Someone else without the code asks who can read the answers.
    "kan skolan se svaren om de inte har koden?", "vi har inte registrerat kvå-koden",
])
def test_other_messages_are_not(text):
    assert not says_the_code_is_lost(text)
