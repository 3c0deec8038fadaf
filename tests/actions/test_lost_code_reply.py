"""What happens to saved answers without the code, asked outside the questions for it (persona round,
session 34: "men då ligger hennes svar kvar hos er för alltid om vi inte har koden?" got the article on
KVÅ codes)."""
from __future__ import annotations

from rasa_sdk.executor import CollectingDispatcher

from actions.answer_question import ActionAnswerQuestion


async def test_kept_for_ever_without_the_code_gets_the_lost_code_reply(tracker_for, domain):
    tracker = tracker_for("nlu_fallback", text="men då ligger hennes svar kvar hos er för alltid om vi inte har koden?",
                          ranking=[("sip_kva_koder", 0.48)])
    dispatcher = CollectingDispatcher()
    await ActionAnswerQuestion().run(dispatcher, tracker, domain)
    assert [m.get("response") for m in dispatcher.messages] == ["utter_lost_code"]
