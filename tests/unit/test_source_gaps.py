"""Questions about what the seeds do not cover get an honest reply (actions/source_gaps.py)."""
from __future__ import annotations

import pytest

from actions.knowledge_base import articles
from actions.source_gaps import gap_reply


@pytest.mark.parametrize("text", ["kan vi få tolk?", "vem betalar tolken", "Vad kostar en sip?",
                                  "kostar det nåt att gå på mötet", "är sip gratis",
                                  # Guardians who disagree: the seeds say who consents, not this.
                                  "jag och pappan är skilda och han vill inte ge samtycke men jag vill, vad gäller då?",
                                  "vi föräldrar är oense om samtycket",
                                  # A SIP during an utredning (persona and verification rounds, session 27).
                                  "kan man ha SIP under pågående utredning (11:1 SoL)?",
                                  "går det att ha sip medans soc utreder?",
                                  "soc har öppnat en utredning om oss. blir det ingen sip då?"])
def test_a_question_the_sources_do_not_answer_is_told_so(text):
    reply = gap_reply(text)
    assert reply is not None and "står det inget i materialet jag bygger på" in reply and "Fråga" in reply


@pytest.mark.parametrize("text", ["vi tolkar riktlinjen olika", "ekonomi och avgifter i sip",
                                  "kommun och region är oense om vem som ska betala", "vad är en sip", "", None,
                                  "vad kostar det att simma i badhuset",
                                  # No consent at all: the article on missing consent answers it.
                                  "pappan vill inte skriva på samtycket, vad händer då",
                                  "hur lång tid tar en utredning på soc"])
def test_what_the_sources_cover_is_no_gap(text):
    assert gap_reply(text) is None


def test_no_example_question_of_an_article_is_taken_for_a_gap():
    # The phrases must stay narrow: a gap reply to a question the articles answer would hide the answer.
    assert [e for article in articles().values() for e in article.examples if gap_reply(e)] == []


def test_staff_are_not_sent_to_the_familys_preparation():
    # Verification round, session 19: a socialsekreterare was told "Förbereder du dig här i chatten…".
    assert "Förbereder du dig" in gap_reply("kan vi få tolk?")
    staff = gap_reply("kan vi få tolk?", for_staff=True)
    assert "Förbereder du dig" not in staff and "står det inget i materialet" in staff
    assert gap_reply("vad kostar en sip?", for_staff=True) == gap_reply("vad kostar en sip?")
