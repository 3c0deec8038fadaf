"""action_help_in_form: "hjälp" inside a form (bot/global_commands.yml); the form then asks again.

action_answer_read_as_help: an answer to a form's free-text question that the classifier took for
`help` is kept as the answer instead (the slot mappings in bot/domain/*.yml run it).
"""
from __future__ import annotations

import re
from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions import preparation_flow as flow
from actions.answer_question import ActionAnswerQuestion
from actions.answer_rules import question_part
from actions.check_in_answer import FREE_TEXT_SLOTS
from actions.preparation import FORM as PREPARATION_FORM
from actions.question_in_form import asking_only, asks_without_a_mark

# "hjälp", "jag behöver hjälp", "hjälp mig": asking for the menu; longer messages ask something.
HELP_WORDS = 3

# What a plea for help is made of: asking for help, not understanding, not knowing what to write or
# how, with fillers and politeness ("jag behöver hjälp med det här", "kan jag få lite hjälp snälla",
# "jag fattar inte vad jag ska skriva"). A message with a word outside these says something.
PLEA_WORDS = frozenset("""
    hjälp hjalp hjälpa hjalpa hjälpen hjalpen hjälper hjalper help
    jag ja jg vi mig mej oss man nån någon nagon det detta denna den där dar här har nu då da
    behöver behover behövs behovs behöva behova vill ha få fa får far kan kunna ska skall skulle måste maste
    fattar fatta fattat förstår forstar förstå forsta förstått begriper inte int ej ingenting inget noll
    nåt något nanting nånting vet veta vad va hur gör gor göra gora funkar fungerar menar menas betyder
    skriva skriver svara svarar fylla fyller välja valja klicka trycka sitter fast helt lost vilse
    och o men eller att med om på pa till för for i lite mer mera bara typ asså assa alltså alltsa ju väl
    ok okej jätte jatte mycket verkligen är e var blir kommer vidare igen också ocksa så sa en ett
    snälla snalla pls plz please tack hallå halla hej hallo direkt fort snabbt
""".split())
# Naming the question or the form: about answering, not an answer ("jag förstår inte frågan om skolan").
ABOUT_THE_FORM = frozenset({"frågan", "fragan", "frågorna", "fragorna", "formuläret", "formularet",
                            "blanketten", "chatten", "boten"})
# Spoken to the bot ("kan du hjälpa mig med skolan", "vad kan du hjälpa mig med?"): the menu answers it.
TO_THE_BOT = frozenset({"du", "dig", "din", "ditt", "dina"})


def answers_the_question(text: str | None, answers_are_questions: bool = False) -> bool:
    """A `help` message that answers a form's free-text question rather than asking for the menu:
    "hur jag mår o vad jag får för hjälp" (a 16-year-old in the preparation got the menu and the answer
    was lost, session 36), "hon behöver hjälp med skolan och att sova". More than a few words, not spoken
    to the bot, not about the form, and saying something besides asking for help; an "att" clause
    ("att jag får mer hjälp") is an answer's shape. A question, also one without "?" ("kan jag få hjälp
    med skolan", "va händer me svaren om ja behöver hjälp": asks_without_a_mark), is no answer unless the
    question asks for questions (the preparation's question 10)."""
    text = text or ""
    words = re.findall(r"\w+", text.lower())
    said = set(words)
    if len(words) <= HELP_WORDS or said & TO_THE_BOT or said & ABOUT_THE_FORM:
        return False
    if not answers_are_questions and ("?" in text or asks_without_a_mark(text)):
        return False
    return words[0] == "att" or not said <= PLEA_WORDS


def asks_about_the_question(tracker: Tracker) -> bool:
    """"jag fattar inte vad du menar" at a preparation question, classified `help`: the form asks
    the question again in simpler words, and the menu of what the bot can do would only come
    between (persona round, session 26)."""
    return (tracker.active_loop or {}).get("name") == PREPARATION_FORM and flow.asks_what_we_mean(
        tracker.latest_message.get("text"), flow.question(tracker.get_slot("prep_step") or ""))


def asks_something_else(text: str) -> bool:
    """A question with "hjälp" in it that asks about something, not what the bot can do: a question mark,
    more than a few words, and not addressed to the bot ("vad kan du hjälpa mig med?")."""
    words = re.findall(r"\w+", text.lower())
    return "?" in text and len(words) > HELP_WORDS and not {"du", "dig"} & set(words) \
        and question_part(text) is not None


class ActionHelpInForm(Action):
    def name(self) -> str:
        return "action_help_in_form"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: dict[str, Any]) -> list[dict[str, Any]]:
        if asks_about_the_question(tracker):
            return []
        text = tracker.latest_message.get("text") or ""
        if asks_something_else(text):
            # "om jag tar tillbaka, amir får ingen hjälp?" at the withdrawal's yes or no was `help` and got
            # the menu (last check, session 34): a question with the word in it is answered as one.
            await ActionAnswerQuestion().run(dispatcher, asking_only(tracker, text), domain)
            return []
        dispatcher.utter_message(response="utter_help")
        return []


def _answers_are_questions(tracker: Tracker) -> bool:
    question = flow.question(tracker.get_slot("prep_step") or "") \
        if tracker.get_slot("requested_slot") == "prep_answer" else None
    return question is not None and question.answers_are_questions


class ActionAnswerReadAsHelp(Action):
    """Run by action_extract_slots through a `custom` slot mapping (intent `help`) on each free-text
    question of a form (bot/domain/preparation.yml, request.yml, consent.yml). An answer that only the
    classifier took for `help` becomes the slot candidate, so the form validates and saves it as any
    other answer and asks its next question; the menu never comes. For a plea nothing is set: the
    form rejects, and the `help` rule (bot/global_commands.yml) runs action_help_in_form."""

    def name(self) -> str:
        return "action_answer_read_as_help"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: dict[str, Any]) -> list[dict[str, Any]]:
        slot = tracker.get_slot("requested_slot")
        if not (tracker.active_loop or {}).get("name") or slot not in FREE_TEXT_SLOTS:
            return []
        text = tracker.latest_message.get("text") or ""
        return [SlotSet(slot, text)] if answers_the_question(text, _answers_are_questions(tracker)) else []
