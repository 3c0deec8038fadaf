"""Session 37 persona round, staff who had not said so plainly: a new socialsekreterare whose first message named
her role with "ny" before it got the young person's wording; a skolkurator asking about "eleven" got the young
person's consent wording and the buttons to give or withdraw samtycke; "hej jag jobbar som kurator" got a welcome
that did not show it had understood. Real rasa_sdk Trackers, the real articles, search and classifier."""
from __future__ import annotations

from typing import Any

import pytest
from rasa_sdk import Tracker

from actions.answer_question import ActionAnswerQuestion
from actions.conversation import ActionGreet
from actions.knowledge_base import articles
from actions.staff_welcome import ActionStaffWelcome
from tests.actions.test_fallback import _bot, _run, _tracker, _user

CONSENT = "samtycke_vem_ger"


def _asked(text: str, article: str, intent: str = "faq") -> dict[str, Any]:
    """A typed question as Rasa parsed it, with the ResponseSelector's first article."""
    event = _user(text, intent)
    event["parse_data"]["response_selector"] = {
        "faq": {"response": {"intent_response_key": f"faq/{article}"},
                "ranking": [{"intent_response_key": f"faq/{article}", "confidence": 0.9}]}}
    return event


def _responses(messages: list[dict[str, Any]]) -> list[str | None]:
    return [m.get("response") for m in messages]


@pytest.mark.parametrize("text", [
    "hej, ny soc-sekr barn o unga i dals-ed. vad är en sip egentligen kort?",
    "ny socialsekreterare, vad är en sip?",
    "hej ny kurator på högstadiet, vad är en sip?",
    "nyanställd skolsköterska. vad är en sip egentligen?",
])
async def test_a_role_named_with_the_first_question_gets_the_staff_wording(domain, text):
    article = articles()["sip_vad_ar"]
    messages, _ = await _run(ActionAnswerQuestion(), _tracker(_asked(text, article.id)), domain)
    assert messages[0]["text"] == article.render(for_staff=True) != article.render(), text
    assert "Det är din plan" not in messages[0]["text"]


async def test_the_staff_wording_goes_on_after_the_first_question(domain):
    first = "hej, ny soc-sekr barn o unga i dals-ed. vad är en sip egentligen kort?"
    said = [_asked(first, "sip_vad_ar"), _bot(articles()["sip_vad_ar"].render(for_staff=True)),
            _asked("vem kan få en sip?", "sip_vem_kan_fa")]
    messages, _ = await _run(ActionAnswerQuestion(), _tracker(*said), domain)
    article = articles()["sip_vem_kan_fa"]
    assert messages[0]["text"] == article.render(for_staff=True)
    # Not the young person's and guardian's "Vill du be om en SIP?".
    assert article.offer not in _responses(messages)


@pytest.mark.parametrize("text", [
    "eleven ar 15, racker det att hon samtycker eller maste foraldrarna ocksa",
    "patienten är 16, måste föräldrarna också samtycka?",
    "klienten är 17, räcker det att han samtycker själv?",
    "barnet i min klass är 14, måste föräldrarna samtycka till sip?",
])
async def test_a_question_about_someone_served_at_work_gets_no_consent_buttons(domain, text):
    article = articles()[CONSENT]
    messages, _ = await _run(ActionAnswerQuestion(), _tracker(_asked(text, CONSENT)), domain)
    assert messages[0]["text"] == article.render(for_staff=True), text
    assert "Har du fyllt 18" not in messages[0]["text"]
    assert "utter_consent_options" not in _responses(messages)
    assert not any(b["title"] in ("Lämna samtycke", "Ta tillbaka samtycke")
                   for m in messages for b in m.get("buttons") or [])


async def test_a_follow_up_that_names_the_pupil_again_stays_staff(domain):
    # Only the message that names the pupil is answered for staff (review, session 37): "eleven" does not make
    # the writer staff for the conversation.
    said = [_asked("eleven ar 15, racker det att hon samtycker eller maste foraldrarna ocksa", CONSENT),
            _bot(articles()[CONSENT].render(for_staff=True)),
            _asked("kan eleven ta tillbaka samtycket sen?", "samtycke_dra_tillbaka")]
    messages, _ = await _run(ActionAnswerQuestion(), _tracker(*said), domain)
    assert messages[0]["text"] == articles()["samtycke_dra_tillbaka"].render(for_staff=True)
    assert "utter_consent_options" not in _responses(messages)


@pytest.mark.parametrize("text", [
    # The young person is the pupil; a parent writes of their own child.
    "jag är eleven, måste mina föräldrar samtycka?",
    "min son är 15, skolan säger att eleven måste samtycka själv. stämmer det?",
])
async def test_a_young_person_or_a_parent_who_writes_eleven_still_gets_the_offer(domain, text):
    messages, _ = await _run(ActionAnswerQuestion(), _tracker(_asked(text, CONSENT)), domain)
    assert "utter_consent_options" in _responses(messages), text


async def test_an_answer_typed_in_a_form_naming_the_pupil_is_no_role(domain):
    from actions.staff_cues import said_they_are_staff

    events = [{"event": "active_loop", "name": "request_form"}, _user("eleven på skolan", "inform"),
              {"event": "active_loop", "name": None}, _user("vem ger samtycke?", "faq")]
    tracker = Tracker("test-user", {}, events[-1]["parse_data"], events, False, None, {}, "action_listen")
    assert not said_they_are_staff(tracker)


@pytest.mark.parametrize("text, role", [
    ("hej jag jobbar som kurator", "kurator"), ("Hej, jag jobbar som Kurator", "kurator"),
    ("hej, ny soc-sekr i dals-ed", "soc-sekr"), ("BUP-läkare här", "BUP-läkare"),
])
async def test_a_role_alone_is_said_back_with_the_staff_menu(domain, text, role):
    for action, intent in ((ActionStaffWelcome(), "staff"), (ActionAnswerQuestion(), "nlu_fallback"),
                           (ActionGreet(), "greet")):
        messages, _ = await _run(action, _tracker(_user(text, intent)), domain)
        assert [(m.get("response"), m.get("role")) for m in messages] == [("utter_staff_role_welcome", role)], text


def test_the_role_welcome_is_the_staff_menu_with_the_role(domain):
    welcome = domain["responses"]["utter_staff_role_welcome"][0]
    menu = domain["responses"]["utter_staff_menu"][0]
    assert "{role}" in welcome["text"] and "hur ni arbetar med SIP" in welcome["text"]
    assert welcome["buttons"] == menu["buttons"]


async def test_a_general_workplace_or_personal_gets_the_menu_without_a_role(domain):
    for text in ("jag jobbar på soc", "jag är personal", "handl. här"):
        messages, _ = await _run(ActionStaffWelcome(), _tracker(_user(text, "staff")), domain)
        assert _responses(messages) == ["utter_staff_menu"], text


@pytest.mark.parametrize("text, response", [("hej", "utter_greet"), ("hej jag är mormor till en pojke", "utter_relative_welcome")])
async def test_a_greeting_without_a_role_at_work_is_the_usual_welcome(domain, text, response):
    messages, _ = await _run(ActionGreet(), _tracker(_user(text, "greet")), domain)
    assert [m.get("response") for m in messages] == [response]
