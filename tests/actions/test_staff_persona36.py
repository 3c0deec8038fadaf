"""Session 36 persona round, staff: a specialpedagog at a gymnasium who calls to a SIP, and a doctor at
a vårdcentral invited for a girl the vårdcentral does not know. Real rasa_sdk Trackers, events in
the order Rasa keeps them (tests/actions/test_fallback.py)."""
from __future__ import annotations

from typing import Any

from actions.answer_question import ActionAnswerQuestion
from actions.fallback import ActionDefaultFallback
from actions.knowledge_base import articles
from tests.actions.test_fallback import GUIDE, _bot, _guide_question, _run, _tracker, _user, guides

ARTICLE = "sip_enskilde_inte_kand"


def _asked(text: str, top_article: str | None = None) -> dict[str, Any]:
    """A typed question as Rasa parsed it, with the ResponseSelector's first article."""
    event = _user(text, "faq")
    if top_article:
        event["parse_data"]["response_selector"] = {
            "faq": {"response": {"intent_response_key": f"faq/{top_article}"},
                    "ranking": [{"intent_response_key": f"faq/{top_article}", "confidence": 0.99}]}}
    return event


def _point(point_id: str) -> str:
    guide = guides()[GUIDE]
    return guide.render_point(next(p for p in guide.data["points"] if p["id"] == point_id))


def _answered(text: str, article: str) -> list[dict[str, Any]]:
    return [_asked(text), _bot(articles()[article].render(for_staff=True))]


# The doctor's first question and the guide's steps for a vårdcentral.
STEPS = [_asked("Hej. Läkare på vårdcentralen i Dals-Ed. Vi har fått en kallelse till SIP för en 15-åring som vi "
                "aldrig träffat. Vi har ingen kontakt med patienten, varför ska vi gå?", ARTICLE),
         _bot(guides()[GUIDE].render_steps({"huvudman": "region", "specialist": "nej"}))]


async def test_a_follow_up_after_the_steps_gets_the_point_not_the_list_again(domain):
    # "Jag hittar inget svar på det i materialet" (persona round, session 36).
    text = "kan vi skicka vidare kallelsen till BUP och låta dem gå i stället för oss?"
    messages, _ = await _run(ActionAnswerQuestion(), _tracker(*STEPS, _asked(text, ARTICLE)), domain)
    assert [m["text"] for m in messages] == [_point("forward")]
    assert "Så här gör ni" not in messages[0]["text"] and "Källa:" in messages[0]["text"]


async def test_the_point_is_given_several_answers_later_in_the_conversation(domain):
    # Between the steps and the summary: other questions, other articles.
    later = [*_answered("ok. och om kommunen och regionen inte är överens, hur hanteras tvister?", "sip_tvister"),
             *_answered("kan vi tacka nej? vi har väldigt ont om läkartid", "sip_neka")]
    text = ("så om jag fattar rätt: jag ringer skolan, reder ut behovet, kollar om bup ska ta det, och går själv "
            "om ingen annan i regionen ska. stämmer det?")
    messages, _ = await _run(ActionAnswerQuestion(), _tracker(*STEPS, *later, _asked(text, "sip_kallelse")), domain)
    assert [m["text"] for m in messages] == [_point("summary")]


async def test_who_decides_is_answered_after_the_article_text(domain):
    # "Jag är inte säker på att jag förstod" after the article's longer text (persona round, session 36).
    said = [_asked("Räknas kallelsen som en remiss då?", ARTICLE),
            _bot(articles()[ARTICLE].render(detailed=True))]
    text = "vem bestämmer då vem från regionen som går, jag eller verksamhetschefen?"
    messages, _ = await _run(ActionAnswerQuestion(), _tracker(*said, _asked(text, "sip_vem_uppmarksammar_behov")),
                             domain)
    assert [m["text"] for m in messages] == [_point("who_decides")]
    assert "huvudmannen" in messages[0]["text"] and "står det inget" in messages[0]["text"]


async def test_a_question_read_as_the_3_3_article_gets_its_point_first(domain):
    # A school whose pupil already sees BUP got "Tillhör er verksamhet kommunen eller regionen?".
    text = "hon har bup-kontakt redan. ska vi kalla bup direkt eller vårdcentralen?"
    messages, _ = await _run(ActionAnswerQuestion(), _tracker(_asked(text, ARTICLE)), domain)
    assert [m["text"] for m in messages] == [_point("ongoing_contact")]


async def test_no_point_outside_the_3_3_context(domain):
    said = [*_answered("hur långt ska ett sip-möte vara?", "sip_mote_struktur")]
    text = "vem bestämmer vem som går på mötet från bup?"
    messages, _ = await _run(ActionAnswerQuestion(), _tracker(*said, _asked(text, "sip_vilka_deltar")), domain)
    assert _point("who_decides") not in [m.get("text") for m in messages]


async def test_the_one_who_calls_answering_the_guide_question_gets_the_callers_answer(domain):
    # "soc" chose the kommun, and the school that calls got the steps for the one invited.
    text = ("nej vi är ju de som kallar, vi är inte kallade. vem ska vi skicka kallelsen till på soc när eleven "
            "inte är känd där?")
    said = [_asked("Kallad men barnet är inte känt", ARTICLE), _bot(guides()[GUIDE].data["intro"]),
            _guide_question({})]
    messages, _ = await _run(ActionAnswerQuestion(), _tracker(*said, _asked(text, ARTICLE)), domain)
    assert [m["text"] for m in messages] == [guides()[GUIDE].render_caller_answer()]


async def test_a_typed_organisation_still_answers_the_guide_question(domain):
    messages, _ = await _run(ActionDefaultFallback(), _tracker(_guide_question({}), _user("kommunen", "inform")), domain)
    assert messages[0]["text"] == guides()[GUIDE].render_steps({"huvudman": "kommun"})


async def test_a_specialpedagog_gets_the_staff_answer_without_the_offer(tracker_for, domain):
    # "spec.ped" was not read as a role: "Du som förälder…" and "Begära en SIP" (persona round, session 36).
    article = articles()["sip_vem_uppmarksammar_behov"]
    assert article.offer == "utter_offer_request"
    text = ("hej! spec.ped på utsikten. elev 17 år, hög frånvaro, bup-kontakt. kan skolan kalla till sip själv "
            "eller måste soc göra det?")
    tracker = tracker_for("show_article", text=text, slots={"article": article.id})
    messages, _ = await _run(ActionAnswerQuestion(), tracker, domain)
    assert messages[0]["text"] == article.render(for_staff=True)
    assert "utter_offer_request" not in [m.get("response") for m in messages]


async def test_a_kva_code_the_journal_system_cannot_find_is_not_a_lost_login_code(domain):
    said = _answered("bra. vilka kvå-koder ska man använda för sip? bup frågade", "sip_kva_koder")
    text = "står det AUI24 med bokstaven i? journalsystemet hittar inte den koden"
    messages, _ = await _run(ActionAnswerQuestion(), _tracker(*said, _asked(text, "sip_kva_koder")), domain)
    assert "utter_lost_code" not in [m.get("response") for m in messages]
    assert "AUI24" in messages[0]["text"] and "Socialstyrelsen" in messages[0]["text"]


def test_the_kva_article_says_the_codes_as_written_and_where_to_check():
    short = articles()["sip_kva_koder"].short
    assert all(code in short for code in ("AUI24", "AUI25", "AW010")) and "Socialstyrelsens" in short


def test_the_meeting_leader_article_says_whether_the_one_who_calls_leads():
    # "ok men konkret, är det den som kallar som ska leda?" got the leader's role again.
    article = articles()["sip_motesledare"]
    assert "den som kallar" in article.short.split(".")[0]
    assert "ansvarig för SIP-mötet" in article.long
