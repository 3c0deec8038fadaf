"""action_answer_question on a word of the preparation's texts asked about outside the form (verification
round, session 35: "vad betyder verksamhet", the bot's own "Ingen verksamhet ser dina svar…", got "Menade
du…?" or an article on samtycke). Real articles, search and classifier."""
from __future__ import annotations

import pytest
from rasa_sdk.executor import CollectingDispatcher

from actions import preparation_flow as flow
from actions.answer_question import ActionAnswerQuestion
from actions.knowledge_base import SOURCE_LABEL, articles


async def _run(tracker, domain):
    dispatcher = CollectingDispatcher()
    events = await ActionAnswerQuestion().run(dispatcher, tracker, domain)
    return dispatcher.messages, events


@pytest.mark.parametrize("text, intent, confidence", [
    ("vad betyder verksamhet", "faq", 0.5),
    ("va betyder verksamhet förresten, det stod när jag gjorde frågorna", "faq", 0.4),
    ("vad menas med verksamhet?", "nlu_fallback", 0.3)])
async def test_a_word_no_article_explains_gets_its_explanation(tracker_for, domain, text, intent, confidence):
    messages, events = await _run(tracker_for(intent, confidence=confidence, text=text,
                                              ranking=[("samtycke_vad_ar", 0.6)]), domain)
    [message] = messages
    assert message["text"] == flow.word_asked_in("vad betyder verksamhet").explanation.strip()  # no source line
    assert {"event": "slot", "name": "missed_turns", "value": 0, "timestamp": None} in events


async def test_an_explanation_with_a_source_names_it(tracker_for, domain):
    messages, _ = await _run(tracker_for("faq", confidence=0.5, text="vad betyder soc"), domain)
    [message] = messages
    explanation, source = message["text"].split("\n")
    assert explanation == flow.word_asked_in("vad betyder soc").explanation.strip()
    assert source == f"{SOURCE_LABEL} ”Tidiga Samordnade Insatser” (Dals-Eds kommun)"


async def test_a_word_an_article_explains_still_gets_the_article(tracker_for, domain):
    messages, _ = await _run(tracker_for("faq", confidence=0.8, text="vad är bup"), domain)
    assert messages[0]["text"].startswith(articles()["dalsed_bup"].short.strip()[:40])


async def test_another_question_is_answered_as_before(tracker_for, domain):
    messages, _ = await _run(tracker_for("faq", confidence=0.6, text="vad betyder samtycke"), domain)
    assert not any((m.get("text") or "").startswith("En verksamhet") for m in messages)
    assert messages[0]["text"].startswith(articles()["samtycke_vad_ar"].short.strip()[:30])


async def test_staff_keep_the_article_the_search_found(tracker_for, domain):
    # The explanations are written for young people: a kurator asking gets the article.
    said = [{"event": "user", "text": "jag jobbar som kurator", "timestamp": None,
             "parse_data": {"intent": {"name": "staff", "confidence": 0.99}}}]
    young, _ = await _run(tracker_for("faq", confidence=0.6, text="vad är skolsköterskan"), domain)
    staff, _ = await _run(tracker_for("faq", confidence=0.6, text="vad är skolsköterskan", events=said), domain)
    explanation = flow.word_asked_in("vad är skolsköterskan").explanation.strip()
    assert young[0]["text"].startswith(explanation)
    assert not staff[0]["text"].startswith(explanation)
