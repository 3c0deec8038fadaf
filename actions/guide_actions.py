"""action_guide: one step of a guided answer (see actions/guides.py), by button or typed reply."""
from __future__ import annotations

import json
from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.guides import Guide, guides, parse_answers, without_the_sender

GUIDE_PAYLOAD = "/guide"


def ask_or_answer(dispatcher: CollectingDispatcher, guide: Guide, answers: dict[str, str]) -> None:
    question = guide.next_question(answers)
    if question is None:
        dispatcher.utter_message(text=guide.render_steps(answers))
    else:
        dispatcher.utter_message(text=question["text"], buttons=guide.buttons(question, answers))


def last_bot_buttons(tracker: Tracker) -> list[dict[str, Any]]:
    """The buttons of the bot's last message before the latest user message."""
    seen_latest_user = False
    for event in reversed(tracker.events):
        if event.get("event") == "user":
            if seen_latest_user:
                return []
            seen_latest_user = True
        elif event.get("event") == "bot" and seen_latest_user:
            return (event.get("data") or {}).get("buttons") or []
    return []


def _guide_entities(payload: str) -> dict[str, Any]:
    try:
        entities = json.loads(payload[len(GUIDE_PAYLOAD):])
    except ValueError:
        return {}
    return entities if isinstance(entities, dict) else {}


def typed_guide_reply(tracker: Tracker) -> tuple[Guide, dict[str, str]] | None:
    """When the bot's last message was a guide question and the reply typed instead of a tap
    names one of its options ("nej", "regionen, vc"): the guide and the answers with it chosen."""
    offered = [_guide_entities(button.get("payload") or "") for button in last_bot_buttons(tracker)
               if (button.get("payload") or "").startswith(GUIDE_PAYLOAD)]
    guide = guides().get(str(offered[0].get("guide"))) if len(offered) > 1 else None
    if guide is None:
        return None
    # Every button carries the answers so far plus its own option.
    button_answers = [parse_answers(str(entities.get("guide_answers") or "")) for entities in offered]
    earlier = {key: value for key, value in button_answers[0].items()
               if all(answers.get(key) == value for answers in button_answers)}
    question = guide.next_question(earlier)
    text = tracker.latest_message.get("text") or ""
    # A correction first: in "nej förlåt, vi är kommunen" the "nej" answers no specialist question.
    corrected = _corrected(guide, earlier, text)
    if corrected is not None:
        return guide, corrected
    value = guide.typed_choice(question, text) if question else None
    return (guide, {**earlier, question["key"]: value}) if value else None


def _corrected(guide: Guide, earlier: dict[str, str], text: str) -> dict[str, str] | None:
    """"vi är kommunen" typed where the region's specialist question was asked: an earlier answer
    corrected, and the answers after it dropped, since the questions after it depended on it.
    Only with words that correct or say who the writer is (the guide's `corrections`), and not
    from the words naming who sent the invitation: in "nej, skolan har inte pratat med oss innan"
    the school is someone else (persona round, session 19)."""
    if not guide.says_correction(text):
        return None
    text = without_the_sender(text)
    kept: dict[str, str] = {}
    for question in guide.data["questions"]:
        if question["key"] not in earlier:
            break
        value = guide.typed_choice(question, text)
        if value and value != earlier[question["key"]]:
            return {**kept, question["key"]: value}
        kept[question["key"]] = earlier[question["key"]]
    return None


def continue_typed_guide(dispatcher: CollectingDispatcher, tracker: Tracker) -> bool:
    """Asks the guide's next question or gives its steps when the message is a typed reply to a
    guide question (typed_guide_reply); whatever action the reply's intent led to calls this first."""
    reply = typed_guide_reply(tracker)
    if reply is not None:
        ask_or_answer(dispatcher, *reply)
    return reply is not None


class ActionGuide(Action):
    def name(self) -> str:
        return "action_guide"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]):
        guide = guides().get(next(tracker.get_latest_entity_values("guide"), None) or "")
        if guide is None:
            dispatcher.utter_message(response="utter_help")
            return []
        ask_or_answer(dispatcher, guide, parse_answers(next(tracker.get_latest_entity_values("guide_answers"), None)))
        return []
