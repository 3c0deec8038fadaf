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
