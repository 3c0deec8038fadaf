"""The staff guide (knowledge/guides/) across several turns, with real rasa_sdk Trackers built from
the events Rasa keeps: a finished guide asks nothing again, and its open question can still be
answered a few turns later (persona round, session 32)."""
from __future__ import annotations

from typing import Any

import pytest
from rasa_sdk.events import UserUtteranceReverted

from actions.answer_question import ActionAnswerQuestion
from actions.fallback import ActionDefaultFallback
from actions.knowledge_base import articles
from tests.actions.test_fallback import GUIDE, _bot, _guide_question, _run, _tracker, _user, guides

REGION = {"huvudman": "region"}
NOT_SPECIALIST = {"huvudman": "region", "specialist": "nej"}
SPECIALIST_QUESTION = guides()[GUIDE].next_question(REGION)["text"]


def _steps(answers: dict[str, str]) -> str:
    return guides()[GUIDE].render_steps(answers)


def _fallback_turn(text: str, intent: str, reply: str) -> list[dict[str, Any]]:
    """A message the fallback answered and then forgot, as the events stay in the tracker."""
    return [_user(text, intent), {"event": "action", "name": "action_default_fallback"}, _bot(reply),
            {"event": "rewind"}, {"event": "action", "name": "action_listen"}]


def _answered(text: str, article: str) -> list[dict[str, Any]]:
    """A question and the article's answer as the bot gave it: the text with its source line."""
    shown = articles()[article]
    buttons = [{"title": "Berätta mer", "payload": "/tell_more"}] + [
        {"title": articles()[r].title, "payload": f'/show_article{{"article": "{r}"}}'} for r in shown.related[:2]]
    return [_user(text, "faq"), _bot(shown.render(for_staff=True), buttons)]


# A BUP nurse's conversation (persona round, session 32): the guide asked whether the specialist
# unit accepted, the nurse asked about the invitation instead, and answered the question after it.
ASKED = [_user("hej, fick sip kallelse fr dals-ed kommun idag, barnet e 12 och inte aktuellt hos oss på bup. "
               "e det vc som ska gå?", "faq"),
         _bot(guides()[GUIDE].data["intro"]), _guide_question({}),
         _user("regionen, bup som sagt", "faq"), _guide_question(REGION)]
NPF = _answered("i kallelsen står det att de vill ha en npf-utredning, men ingen har frågat oss innan", "sip_kallelse")
FINISHED = [*ASKED[:-1], _guide_question(REGION),
            *_fallback_turn("Nej eller vet inte", "deny", _steps(NOT_SPECIALIST)),
            *_answered("vem leder mötet? är det vi eller kommunen eftersom de kallade", "sip_motesledare"),
            *_answered("hur långt ska ett sip-möte vara?", "sip_mote_struktur")]


def _show_article(article: str) -> dict[str, Any]:
    return {"event": "user", "text": f'/show_article{{"article": "{article}"}}',
            "parse_data": {"text": f'/show_article{{"article": "{article}"}}',
                           "intent": {"name": "show_article", "confidence": 1.0},
                           "entities": [{"entity": "article", "value": article}]}}


def _answered_with(events: list[dict[str, Any]]) -> str | None:
    return next((e["value"] for e in events if e.get("name") == "last_article"), None)


# --- a finished guide asks nothing again -------------------------------------------------

async def test_a_new_question_after_the_finished_guide_is_answered(domain):
    text = "behöver planen skrivas under av alla? eller räcker det med vårdnadshavarna"
    messages, events = await _run(ActionAnswerQuestion(), _tracker(*FINISHED, _user(text, "faq")), domain)
    assert _answered_with(events) == "sip_kopia_av_planen" and "Källa:" in messages[0]["text"]
    assert not any(SPECIALIST_QUESTION == m.get("text") or "kommunen eller regionen" in (m.get("text") or "")
                   for m in messages)


async def test_the_guide_started_again_after_it_finished_keeps_the_answers_given(domain):
    # "Kallad men barnet är inte känt" is a related button under other answers (sip_neka): pressed
    # after the guide had finished, it asked "Tillhör er verksamhet kommunen eller regionen?" again,
    # though the nurse had answered both questions (her first message names the kommun too).
    tracker = _tracker(*FINISHED, _show_article("sip_enskilde_inte_kand"))
    tracker.slots["article"] = "sip_enskilde_inte_kand"
    messages, _ = await _run(ActionAnswerQuestion(), tracker, domain)
    assert [m["text"] for m in messages] == [_steps(NOT_SPECIALIST)]


async def test_the_guide_started_again_before_its_question_was_answered_asks_only_that(domain):
    tracker = _tracker(*ASKED, *NPF, _show_article("sip_enskilde_inte_kand"))
    tracker.slots["article"] = "sip_enskilde_inte_kand"
    messages, _ = await _run(ActionAnswerQuestion(), tracker, domain)
    assert [m["text"] for m in messages] == [SPECIALIST_QUESTION]
    assert all("huvudman=region" in b["payload"] for b in messages[0]["buttons"])


async def test_a_question_a_few_turns_after_the_open_guide_question_is_answered(domain):
    text = "behöver planen skrivas under av alla? eller räcker det med vårdnadshavarna"
    messages, events = await _run(ActionAnswerQuestion(), _tracker(*ASKED, *NPF, _user(text, "faq")), domain)
    assert _answered_with(events) == "sip_kopia_av_planen" and "Källa:" in messages[0]["text"]


# --- the open guide question answered a few turns later -----------------------------------

async def test_a_no_after_an_answer_answers_the_open_guide_question(domain):
    messages, events = await _run(ActionDefaultFallback(), _tracker(*ASKED, *NPF, _user("nej", "deny")), domain)
    assert [m["text"] for m in messages] == [_steps(NOT_SPECIALIST)]
    assert events == [UserUtteranceReverted()]


async def test_the_guide_button_title_typed_a_few_turns_later_continues_the_guide(domain):
    said = [*ASKED, *NPF, *_fallback_turn("hmm", "deny", "Nu hängde jag inte med.")]
    messages, _ = await _run(ActionDefaultFallback(), _tracker(*said, _user("Nej eller vet inte", "deny")), domain)
    assert [m["text"] for m in messages] == [_steps(NOT_SPECIALIST)]


async def test_a_yes_after_an_answer_gives_the_specialist_steps(domain):
    messages, _ = await _run(ActionDefaultFallback(), _tracker(*ASKED, *NPF, _user("ja", "affirm")), domain)
    assert [m["text"] for m in messages] == [_steps({**REGION, "specialist": "ja"})]


async def test_an_organisation_typed_later_answers_the_first_guide_question(domain):
    said = [_guide_question({}), *NPF]
    messages, _ = await _run(ActionAnswerQuestion(), _tracker(*said, _user("Regionen", "faq")), domain)
    assert [m["text"] for m in messages] == [SPECIALIST_QUESTION]


async def test_a_button_title_typed_after_the_guide_finished_is_taken_like_the_button(domain):
    # The old buttons still work when pressed (their payload holds the answers); typed, their title
    # got "Nu hängde jag inte med".
    messages, _ = await _run(ActionDefaultFallback(), _tracker(*FINISHED, _user("Nej eller vet inte", "deny")), domain)
    assert [m["text"] for m in messages] == [_steps(NOT_SPECIALIST)]


@pytest.mark.parametrize("later", [
    # The guide finished: a no is for something else.
    FINISHED,
    # The bot's last message asked something of its own ("Menade du…?").
    [*ASKED, _user("vad gäller", "faq"),
     _bot("Jag är inte säker på att jag förstod. Menade du något av det här?",
          [{"title": "Lagen om SIP", "payload": '/show_article{"article": "sip_lagstod"}'}])],
    # Too long ago: four messages since the guide's question.
    [*ASKED, *NPF, *_answered("vem leder mötet?", "sip_motesledare"),
     *_answered("hur långt ska ett sip-möte vara?", "sip_mote_struktur"),
     *_answered("vem har huvudansvaret för planen?", "sip_huvudansvarig")],
])
async def test_a_later_no_that_cannot_be_meant_for_the_guide_is_not_taken_for_it(domain, later):
    messages, _ = await _run(ActionDefaultFallback(), _tracker(*later, _user("nej", "deny")), domain)
    assert [m.get("response") for m in messages] == ["utter_default"]


async def test_an_ok_after_an_answer_is_not_a_yes_to_the_open_guide_question(domain):
    messages, _ = await _run(ActionDefaultFallback(), _tracker(*ASKED, *NPF, _user("ja ok", "affirm")), domain)
    assert [m.get("response") for m in messages] == ["utter_default"]


async def test_a_later_no_inside_a_form_is_left_to_the_form(domain):
    tracker = _tracker(*ASKED, *NPF, _user("nej", "deny"))
    tracker.active_loop = {"name": "request_form"}
    messages, _ = await _run(ActionDefaultFallback(), tracker, domain)
    assert [m.get("response") for m in messages] == ["utter_default"]
