"""A hand-over in the conversation (verification round, session 39): a foster mother's "jag är familjehem", then her
13-year-old took the phone ("hej det är elias jag skriver själv nu") and was still answered as the adult. Only the
messages since the last hand-over say who writes."""
from __future__ import annotations

import pytest
from rasa_sdk.executor import CollectingDispatcher

from actions.crisis_help import ActionCrisisHelp, crisis_reply, guardian_reply
from actions.guardian_cues import said_they_are_a_guardian
from actions.relative_cues import said_they_are_a_relative


def _said(*texts: str) -> list[dict]:
    """Earlier user messages in the order they were sent, as Rasa's tracker holds them (the order matters here)."""
    return [{"event": "user", "text": text, "timestamp": None,
             "parse_data": {"intent": {"name": "faq", "confidence": 0.9}}} for text in texts]

MARIA = "jag är familjehem"
ELIAS = "hej det är elias jag skriver själv nu. jag bor i familjehem"


@pytest.mark.parametrize("handover", [
    ELIAS,
    "det är elias som skriver nu",
    "det är elias skriver nu",
    "nu är det elias som skriver",
])
def test_after_the_handover_the_foster_mothers_words_no_longer_count(tracker_for, handover):
    tracker = tracker_for("faq", text="måste jag vara med på mötet?", events=_said(MARIA, handover))
    assert not said_they_are_a_guardian(tracker) and not said_they_are_a_relative(tracker)
    # Before the hand-over she is the adult; an own age after it makes him young too.
    maria = tracker_for("faq", text="måste jag vara med på mötet?", events=_said(MARIA))
    assert said_they_are_a_guardian(maria) and said_they_are_a_relative(maria)
    thirteen = tracker_for("faq", text="jag är 13. måste jag vara med på mötet? jag vill inte att pappa ska vara där",
                           events=_said(MARIA, handover))
    assert not said_they_are_a_guardian(thirteen)


def test_a_foster_parent_saying_nu_skriver_jag_stays_the_adult_after_a_handover(tracker_for):
    # The sentence that hands over keeps its start: here the foster mother takes the phone back.
    tracker = tracker_for("faq", text="vem ger samtycke?",
                          events=_said(MARIA, ELIAS, "jag är familjehem för elias, nu skriver jag"))
    assert said_they_are_a_guardian(tracker) and said_they_are_a_relative(tracker)
    handed = tracker_for("faq", text="vem ger samtycke?", events=_said(MARIA, ELIAS))
    assert not said_they_are_a_guardian(handed)


async def test_the_young_person_who_took_over_gets_the_young_persons_crisis_help(tracker_for, domain):
    tracker = tracker_for("crisis", text="jag vill inte leva längre", events=_said(MARIA, ELIAS))
    dispatcher = CollectingDispatcher()
    await ActionCrisisHelp().run(dispatcher, tracker, domain)
    assert dispatcher.messages[0]["text"] == crisis_reply() != guardian_reply()
