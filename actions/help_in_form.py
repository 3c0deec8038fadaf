"""action_help_in_form: "hjälp" inside a form (bot/global_commands.yml); the form then asks again."""
from __future__ import annotations

import re
from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions import preparation_flow as flow
from actions.answer_question import ActionAnswerQuestion
from actions.answer_rules import question_part
from actions.preparation import FORM as PREPARATION_FORM
from actions.question_in_form import asking_only

# "hjälp", "jag behöver hjälp", "hjälp mig": asking for the menu; longer messages ask something.
HELP_WORDS = 3


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
