"""action_guide: one step of a guided answer (see actions/guides.py), by button or typed reply."""
from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.answer_rules import reads_as_question
from actions.bot_history import since_the_message_before
from actions.guides import Guide, guides, parse_answers, without_the_sender
from actions.knowledge_base import SOURCE_LABEL, articles
from actions.safety.crisis_detector import fold_normaliser
from actions.yes_no import ACKNOWLEDGEMENTS

GUIDE_PAYLOAD = "/guide"

# A guide question left open while the person asked something else ("i kallelsen står det…")
# is still answered by a short yes or no this many of their messages after it: "nej" two messages
# later got "Nu hängde jag inte med" (persona round, session 32). Later, or longer, it may be
# meant for something else.
LATER_REPLIES = 3
SHORT_REPLY_WORDS = 4

# What a guide's message says: the guide, its answers so far, and the question it asks (None: it
# finished, with its steps or its answer for whoever invites).
GuideSaid = tuple[Guide, dict[str, str], dict[str, Any] | None]


def ask_or_answer(dispatcher: CollectingDispatcher, guide: Guide, answers: dict[str, str]) -> None:
    question = guide.next_question(answers)
    if question is None:
        dispatcher.utter_message(text=guide.render_steps(answers))
    else:
        dispatcher.utter_message(text=question["text"], buttons=guide.buttons(question, answers))


def last_bot_message(tracker: Tracker) -> dict[str, Any] | None:
    """The bot's last message before the latest user message, if it said one after the one before."""
    return next((event for event in since_the_message_before(tracker) if event.get("event") == "bot"), None)


def last_bot_buttons(tracker: Tracker) -> list[dict[str, Any]]:
    """The buttons of the bot's last message before the latest user message."""
    return ((last_bot_message(tracker) or {}).get("data") or {}).get("buttons") or []


def _guide_entities(payload: str) -> dict[str, Any]:
    try:
        entities = json.loads(payload[len(GUIDE_PAYLOAD):])
    except ValueError:
        return {}
    return entities if isinstance(entities, dict) else {}


def _question_shown(buttons: list[dict[str, Any]]) -> GuideSaid | None:
    """The guide question whose buttons these are, with the answers before it; None if none is."""
    offered = [_guide_entities(button.get("payload") or "") for button in buttons
               if (button.get("payload") or "").startswith(GUIDE_PAYLOAD)]
    guide = guides().get(str(offered[0].get("guide"))) if len(offered) > 1 else None
    if guide is None:
        return None
    # Every button carries the answers so far plus its own option.
    button_answers = [parse_answers(str(entities.get("guide_answers") or "")) for entities in offered]
    earlier = {key: value for key, value in button_answers[0].items()
               if all(answers.get(key) == value for answers in button_answers)}
    return guide, earlier, guide.next_question(earlier)


def _guide_said(event: dict[str, Any]) -> GuideSaid | None:
    """What a bot message said as a guide, or None when it was no guide's."""
    shown = _question_shown((event.get("data") or {}).get("buttons") or [])
    if shown is not None:
        return shown
    text = event.get("text")
    for guide in guides().values():
        answers = guide.answers_in_steps(text)
        if answers is not None or text == guide.render_caller_answer():
            return guide, answers or {}, None
    return None


def _guide_messages(tracker: Tracker) -> Iterator[tuple[GuideSaid, int]]:
    """The guides' messages before the latest user message, latest first, each with how many of
    the person's messages came between it and the latest. The guide keeps no state: what it asked
    and answered is read from its messages (their buttons carry the answers so far)."""
    between = -1
    for event in reversed(tracker.events):
        if event.get("event") == "user":
            between += 1
        elif event.get("event") == "bot" and between >= 0:
            said = _guide_said(event)
            if said is not None:
                yield said, between


def answers_given(tracker: Tracker, guide: Guide) -> dict[str, str] | None:
    """The answers `guide` had when it last spoke in the conversation (those before its question,
    or those it finished with); None when it has not spoken."""
    return next((answers for (said, answers, _), _ in _guide_messages(tracker) if said.id == guide.id), None)


def _answer_said_last(tracker: Tracker) -> bool:
    """The bot's last message was an answer with its source line, so it asked nothing a yes or no
    could be meant for (not "Menade du…?", an offer, or "Hej!")."""
    text = (last_bot_message(tracker) or {}).get("text") or ""
    return any(line.startswith(SOURCE_LABEL) for line in text.splitlines())


def _later_reply(tracker: Tracker, text: str) -> tuple[Guide, dict[str, str]] | None:
    """A reply to the guide's last question given a few messages later: its button title typed
    ("Nej eller vet inte") as if pressed, since the button itself still works; or, while the
    question is open, a short reply naming one option ("nej") right after an answer. Never inside
    a form, whose own question comes first (persona round, session 32)."""
    if (tracker.active_loop or {}).get("name"):
        return None
    latest = True
    for (guide, earlier, question), between in _guide_messages(tracker):
        if question is None:
            # Finished since: only a typed button title of its last question counts.
            latest = False
            continue
        value = guide.title_chosen(question, text)
        words = fold_normaliser(text)
        # "ja ok" after an answer takes the answer in; it says nothing of the specialist unit.
        if value is None and latest and between <= LATER_REPLIES and _answer_said_last(tracker) \
                and len(words) <= SHORT_REPLY_WORDS and not reads_as_question(text) \
                and not ACKNOWLEDGEMENTS.intersection(words):
            value = guide.typed_choice(question, text)
        return (guide, {**earlier, question["key"]: value}) if value else None
    return None


def typed_guide_reply(tracker: Tracker) -> tuple[Guide, dict[str, str]] | None:
    """When the bot's last message was a guide question and the reply typed instead of a tap
    names one of its options ("nej", "regionen, vc"): the guide and the answers with it chosen.
    A few messages later, see _later_reply."""
    text = tracker.latest_message.get("text") or ""
    shown = _question_shown(last_bot_buttons(tracker))
    if shown is None:
        return _later_reply(tracker, text)
    guide, earlier, question = shown
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
    guide question (typed_guide_reply); whatever action the reply's intent led to calls this first.
    A follow-up on the guide's topic gets the one point of it that answers it (answered_a_point),
    and someone who sends the invitation, answering the guide's question, what fits them."""
    if answered_a_point(dispatcher, tracker) or answered_the_caller(dispatcher, tracker):
        return True
    reply = typed_guide_reply(tracker)
    if reply is not None:
        ask_or_answer(dispatcher, *reply)
    return reply is not None


# Messages that are buttons: the article, "Berätta mer" or the guide's own answer were asked for.
_BUTTON_INTENTS = {"show_article", "tell_more", "guide"}


def _typed(tracker: Tracker) -> str | None:
    """The latest message as typed, outside a form (whose own question comes first); None for a
    button."""
    intent = (tracker.latest_message.get("intent") or {}).get("name")
    text = tracker.latest_message.get("text") or ""
    if intent in _BUTTON_INTENTS or text.startswith("/") or (tracker.active_loop or {}).get("name"):
        return None
    return text


def _top_article(tracker: Tracker) -> str | None:
    """The article the ResponseSelector put first for the latest message."""
    selector = (tracker.latest_message.get("response_selector") or {}).get("faq") or {}
    key = (selector.get("response") or {}).get("intent_response_key") or ""
    return key.removeprefix("faq/") or None


def _spoke(tracker: Tracker, guide: Guide) -> bool:
    """The guide, or its article, said something earlier in the conversation: its question, steps,
    answer for whoever invites, one of its points, or the article's text ("Berätta mer")."""
    article = articles().get(guide.data.get("article") or "")
    article_texts = [t.strip() for t in (article.short, article.long) if t] if article else []
    for event in tracker.events:
        if event.get("event") != "bot":
            continue
        text = event.get("text") or ""
        said = _guide_said(event)
        if (said is not None and said[0].id == guide.id) or text in guide.point_texts() \
                or any(t in text for t in article_texts):
            return True
    return False


def in_the_guides_context(tracker: Tracker, guide: Guide) -> bool:
    """The conversation is on the guide's topic: it (or its article) spoke, or the ResponseSelector
    reads the latest message as its article. Whole conversations: after the 3.3 answer a
    vårdcentral doctor asked about it for ten more messages, between other questions (persona
    round, session 36)."""
    return _top_article(tracker) == guide.data.get("article") or _spoke(tracker, guide)


def answered_a_point(dispatcher: CollectingDispatcher, tracker: Tracker) -> bool:
    """A typed follow-up on a guide's topic that one of its `points` answers ("vem bestämmer då vem
    från regionen som går?", "kallelsen saknar syfte, ska jag ringa skolan?"): that point, with its
    source. The whole answer again, or "Jag hittar inget svar", helped no one (session 36)."""
    text = _typed(tracker)
    if not text:
        return False
    for guide in guides().values():
        point = guide.point_for(text)
        if point is not None and in_the_guides_context(tracker, guide):
            dispatcher.utter_message(text=guide.render_point(point))
            return True
    return False


def answered_the_caller(dispatcher: CollectingDispatcher, tracker: Tracker) -> bool:
    """A reply to the guide's question by someone who sends the invitation ("nej vi är ju de som
    kallar, vi är inte kallade. vem ska vi skicka kallelsen till på soc…" read "soc" as the
    kommun and got the steps for the one invited; persona round, session 36): the guide's answer
    for whoever invites."""
    text = _typed(tracker)
    shown = _question_shown(last_bot_buttons(tracker))
    if not text or shown is None or not shown[0].not_for(text):
        return False
    # As actions/answer_question.py says it when the article is chosen.
    dispatcher.utter_message(text=shown[0].render_caller_answer(),
                             buttons=[{"title": "Berätta mer", "payload": "/tell_more"}])
    return True


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
