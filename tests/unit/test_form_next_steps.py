"""What happens next with a form, asked inside it (actions/form_next_steps.py, knowledge/form_next_steps.yml)."""
from __future__ import annotations

import pytest
from rasa_sdk import Tracker

from actions.form_next_steps import asks_what_happens_next, next_steps_response
from bot.domain_files import merged_domain


@pytest.mark.parametrize("text", [
    "vad händer sen med det här?", "vad händer sen när jag skickat det här?", "vad hander nu", "och sen, vad händer då?",
    "Vad händer när jag har svarat?", "va händer sen asså",
])
def test_questions_about_the_next_step_are_recognised(text):
    assert asks_what_happens_next(text)


@pytest.mark.parametrize("text", [
    # Questions that name something of their own are answered from the articles.
    "vad händer efter mötet?", "vad händer om jag inte ger samtycke?", "vad händer med sip när jag fyller 18",
    "vad händer på mötet", "när är mötet?", "", None, "sen", "det här är bra",
    # What happens to one's data is a privacy question (review, session 26).
    "vad händer med uppgifterna sen?", "vad händer med mina svar", "vad hände?",
])
def test_other_messages_are_not(text):
    assert not asks_what_happens_next(text)


def _in_form(form: str | None, text: str) -> Tracker:
    return Tracker("someone", {}, {"text": text, "intent": {"name": "faq"}}, [], False, None,
                   {"name": form} if form else {}, None)


def test_each_form_has_its_own_answer_and_outside_a_form_the_articles_answer():
    consent = next_steps_response(_in_form("consent_form", "vad händer sen med det här?"))
    request = next_steps_response(_in_form("request_form", "vad händer sen när jag skickat det här?"))
    assert consent == "utter_consent_what_happens" and request == "utter_request_what_happens"
    assert {consent, request} <= merged_domain()["responses"].keys()
    assert next_steps_response(_in_form(None, "vad händer sen med det här?")) is None
    assert next_steps_response(_in_form("consent_form", "vad händer om jag inte ger samtycke?")) is None
