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
                                  "soc har öppnat en utredning om oss. blir det ingen sip då?",
                                  # Persona round, session 33: turning 18, and the fear of losing a child.
                                  "vad händer med samtycket när jag fyller 18 då",
                                  "bruh. jag fyller 18 i september. gäller samtycket mina föräldrar gav då fortfarande",
                                  "Om socialen blir inblandade, kan dom ta Leo ifrån min dotter då?",
                                  "kan socialtjänsten ta barnet om man har en SIP",
                                  "ersätter SIP en orosanmälan?", "kan vi ha sip istället för en orosanmälan"])
def test_a_question_the_sources_do_not_answer_is_told_so(text):
    reply = gap_reply(text)
    assert reply is not None and "står det inget i materialet jag bygger på" in reply and "Fråga" in reply


@pytest.mark.parametrize("text", ["vi tolkar riktlinjen olika", "ekonomi och avgifter i sip",
                                  "kommun och region är oense om vem som ska betala", "vad är en sip", "", None,
                                  "vad kostar det att simma i badhuset",
                                  # No consent at all: the article on missing consent answers it.
                                  "pappan vill inte skriva på samtycket, vad händer då",
                                  "hur lång tid tar en utredning på soc",
                                  "jag är 18 nu, behöver mamma fortfarande samtycka", "kan soc ta med barnet på mötet",
                                  "sip ersätter inte dokumentationen va?"])
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


@pytest.mark.parametrize("text", ["en sak om kva-koderna, står det AUI24 med bokstaven I? jag trodde de var AU124 med en etta",
                                  "heter koden AU124 eller AUI24?"])
def test_how_the_kva_codes_are_spelled_points_to_the_official_list(text):
    # The same article came twice when a BUP nurse asked (persona round, session 32).
    reply = gap_reply(text)
    assert reply is not None and "AUI24" in reply and "Socialstyrelsens" in reply


def test_which_kva_codes_to_use_is_answered_by_the_article():
    assert gap_reply("vilka kvå-koder ska vi använda för sip") is None


# Persona round, session 34: each message got the nearest article said as if it answered it.
@pytest.mark.parametrize("text, topic, known", [
    # The avvikelse article read to a socialsekreterare as "report the family".
    ("vad händer om familjen inte dyker upp på mötet", "när familjen inte kommer", "till för barnet och familjen"),
    ("hålls mötet ändå?", "när någon inte kommer", "någon annan kommer i stället"),
    # 001: the date and place of the follow-up are decided at the meeting and written in the plan.
    ("hur ofta ska sip följas upp, finns det en maxtid", "innan en SIP följs upp", "ska stå i planen"),
    ("finns det nån tidsgräns? typ inom 3 mån", "innan en SIP följs upp", "ska stå i planen"),
    # Got En väg in, a contact centre for patients.
    ("finns det en sip-samordnare i regionen jag kan kontakta", "SIP-samordnare", "kan be om en SIP"),
    # The seeds say the SIP ends, not what becomes of the other help.
    ("om jag tar tillbaka samtycke … hamza förlorar hjälp från bup?", "när samtycket tas tillbaka", "SIP:en då avslutas"),
    ("förlorar han hjälpen", "hjälpen man redan får", "avslutas SIP:en"),
])
def test_session_34_questions_get_what_the_seeds_say_and_that_the_rest_is_not_there(text, topic, known):
    reply = gap_reply(text)
    assert reply is not None and "står det inget i materialet jag bygger på" in reply
    assert topic in reply and known in reply and "Fråga" in reply


@pytest.mark.parametrize("text", [
    # The articles answer these: avvikelser, the invitation (a replacement), taking part, follow-up,
    # how long consent lasts, the invitation's three weeks, who has the overall responsibility,
    # taking consent back.
    "bup dyker inte upp på mötena", "jag kan inte komma på sip-mötet", "om barnet inte kommer på mötet",
    "föräldrarna uteblir från tiderna hos tandläkaren", "hur ofta ska sip följas upp", "tidsgräns för samtycke",
    "tidsgräns från kallelse till sip-möte", "vem blir samordnare för sipen",
    "vad händer med sipen om vi drar tillbaka samtycket",
    "om jag tar tillbaka samtycket slutar skolan och bup prata med varandra då",
    # A SIP-samordnare who says so and asks something else (review, session 34).
    "jag är sip-samordnare på bup, hur kallar jag till sip?",
])
def test_near_questions_the_articles_answer_are_no_gap(text):
    assert gap_reply(text) is None


@pytest.mark.parametrize("text", ["kan vi få tolk?", "jag behöver tolk somaliska", "kan någon översätta på sip mötet?"])
def test_the_interpreter_reply_cites_the_law_that_says_it(text):
    # Not in the seeds; förvaltningslagen (2017:900) 13 § is named, after "står det inget i materialet".
    for reply in (gap_reply(text), gap_reply(text, for_staff=True)):
        assert reply is not None and "står det inget i materialet" in reply
        assert "förvaltningslagen (2017:900), 13 §" in reply and "tolk" in reply
    assert "be om tolk när du blir kallad" in gap_reply(text)


def test_staff_asking_about_guardians_who_disagree_are_not_sent_to_the_caller_or_socialtjansten():
    # Final check, session 36: a socialsekreterare who calls the SIP was told "Fråga den som kallar till
    # SIP-mötet, eller socialtjänsten".
    from actions.source_gaps import gap_reply

    text = "mamman säger ja men pappan vill inte ge samtycke, vad gäller då"
    assert "den som kallar" in gap_reply(text)
    staff = gap_reply(text, for_staff=True)
    assert "den som kallar" not in staff and "SIP-ansvarig" in staff
