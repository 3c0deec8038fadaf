"""Persona round, session 38: questions the seeds do not answer got an article written for staff, "Jag är
inte säker på att jag förstod" or the consent article again (actions/source_gaps.py,
knowledge/not_in_sources.yml)."""
from __future__ import annotations

import pytest

from actions.source_gaps import gap_reply

SILENT = "står det inget i materialet jag bygger på"


# (the question as asked, words of the topic, what the seeds do say or where to ask)
@pytest.mark.parametrize("text, topic, known", [
    ("kostar det pengar?", "vad en SIP kostar", "Fråga"),
    ("jag forstar inte. maste jag betala for SIP?", "vad en SIP kostar", "Fråga"),
    ("kommer min son i nagot register? jag ar rädd for det", "register där barnet kan hamna", "sitt eget system"),
    ("kommer SIP i polisen eller migrationsverket register? vi har uppehallstillstand", "register där barnet kan hamna",
     "journalen"),
    ("vad händer om en vårdnadshavare säger nej till sip men den andra säger ja", "inte är överens",
     "den som kallar"),
    ("kan jag begära sip utan pappan? vi har gemensam vårdnad och han vill inte", "inte är överens", "socialtjänsten"),
    ("men vem bestämmer om jag e mogen nog då", "moget nog", "från fall till fall"),
    ("vad betyder ålder och mognad, räcker 13?", "moget nog", "ålder och mognad"),
    ("vem bedömer mognaden då, är det jag?", "moget nog", "från fall till fall"),
    ("vad händer med bup efter 18", "BUP när man fyller 18", "fyllt 18"),
    ("byter jag från bup när jag fyller 18", "BUP när man fyller 18", "Fråga din kontakt på BUP"),
    ("Vem är SIP-ansvarig i Dals-Ed och hur når jag den personen?", "SIP-ansvarig", "Fråga din chef"),
])
def test_a_question_the_seeds_do_not_answer_says_so_and_what_they_do_say(text, topic, known):
    reply = gap_reply(text)
    assert reply is not None and SILENT in reply
    assert topic in reply and known in reply


@pytest.mark.parametrize("text", [
    # Who pays for insatser, or an interpreter, are topics of their own.
    "måste vi betala för insatserna",
    # Who comes to the meeting (the article on who takes part).
    "kan vi ha mötet utan pappan",
    # Asking socialtjänsten for advice without being written down (the article on råd och stöd).
    "Vi vill ha råd men är rädda för att hamna i något register. Kan man prata med någon på socialtjänsten utan att det "
    "skrivs ner?",
    # How a samtycke is recorded.
    "hur registreras samtycket för barnet?",
    # Ordinary questions the articles answer.
    "vem kan få en sip",
    "hur länge gäller samtycket",
    "vad gör bup",
])
def test_questions_the_articles_answer_are_no_new_gaps(text):
    reply = gap_reply(text)
    assert reply is None or ("vad en SIP kostar" not in reply and "inte är överens" not in reply
                             and "register där barnet" not in reply and "moget nog" not in reply
                             and "fyller 18" not in reply)


def test_a_fear_gets_a_kind_word_first():
    assert gap_reply("kommer min son i nagot register?").startswith("Jag förstår att du undrar över det.")
