"""action_help_in_form: the menu of what the bot can do, except where the preparation rephrases."""
from __future__ import annotations

import pytest
from rasa_sdk.executor import CollectingDispatcher

from actions.help_in_form import ActionHelpInForm


async def _run(tracker, domain):
    dispatcher = CollectingDispatcher()
    events = await ActionHelpInForm().run(dispatcher, tracker, domain)
    return [m.get("response") for m in dispatcher.messages], events


@pytest.mark.parametrize("text", ["jag fattar inte vad du menar", "vad menar du?", "förstår inte frågan"])
async def test_not_understanding_a_preparation_question_gets_no_menu(tracker_for, domain, text):
    # "jag fattar inte vad du menar" got the menu before the question in simpler words (session 26).
    tracker = tracker_for("help", confidence=1.0, text=text, active_loop={"name": "preparation_form"})
    assert await _run(tracker, domain) == ([], [])


@pytest.mark.parametrize("text, form", [("hjälp", "preparation_form"), ("vad menar du?", "consent_form"),
                                        ("vad kan du hjälpa mig med", "request_form")])
async def test_elsewhere_in_a_form_help_gets_the_menu(tracker_for, domain, text, form):
    tracker = tracker_for("help", confidence=1.0, text=text, active_loop={"name": form})
    assert await _run(tracker, domain) == (["utter_help"], [])


async def test_a_question_with_help_in_it_is_answered_not_given_the_menu(tracker_for, domain):
    # "om jag tar tillbaka, amir får ingen hjälp?" at the withdrawal's yes or no was `help` and got the
    # menu (last check, session 34). It is answered; the form then asks again.
    tracker = tracker_for("help", confidence=0.68, text="om jag tar tillbaka, amir får ingen hjälp?",
                          active_loop={"name": "consent_withdraw_form"})
    dispatcher = CollectingDispatcher()
    await ActionHelpInForm().run(dispatcher, tracker, domain)
    assert "utter_help" not in [m.get("response") for m in dispatcher.messages]
    assert any(m.get("text") or m.get("response") for m in dispatcher.messages)


@pytest.mark.parametrize("text", ["kan du hjälpa mig?", "vad kan du hjälpa mig med?", "hjälp?", "jag behöver hjälp"])
async def test_asking_the_bot_for_help_still_gets_the_menu(tracker_for, domain, text):
    tracker = tracker_for("help", confidence=1.0, text=text, active_loop={"name": "consent_withdraw_form"})
    assert await _run(tracker, domain) == (["utter_help"], [])
