"""A young person's reply right after the kind check-in that tells how they are.

"nej ja e inte i fara asså. bara trött på allt med skolan o hemma" got the article on refusing a
SIP, on its "nej" and "inte" (persona round, session 26). It asks nothing; it tells how someone
feels. The words and the replies are data: `not_well` and `not_in_danger` in
knowledge/crisis/help.yml. The intent classifier gives such replies any intent (faq, deny,
everyday_talk), so each action they reach asks here first.
"""
from __future__ import annotations

from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.answer_rules import QUESTION_WORDS
from actions.bot_history import previous_action
from actions.guardian_cues import said_they_are_a_guardian
from actions.help_texts import help_button, help_data
from actions.phrases import contains_phrase, folded, folded_words
from actions.safety.crisis_detector import fold_normaliser
from actions.staff_cues import said_they_are_staff

CHECK_IN = "action_crisis_check_in"


def _says(tracker: Tracker, key: str) -> bool:
    """Right after the check-in, a young person's message with one of the `key` cues that asks
    nothing ("nej jag menade vad är sip" asks again, as the check-in invites)."""
    text = tracker.latest_message.get("text") or ""
    words = fold_normaliser(text)
    if previous_action(tracker) != CHECK_IN or "?" in text or set(words) & _QUESTION_WORDS:
        return False
    return contains_phrase(words, folded(help_data()[key]["cues"])) \
        and not said_they_are_a_guardian(tracker) and not said_they_are_staff(tracker)


_QUESTION_WORDS = folded_words(QUESTION_WORDS) - {"ar", "var"}


def reply_after_check_in(dispatcher: CollectingDispatcher, tracker: Tracker) -> bool:
    """"inte i fara" gets whom to talk to; "nej jag har det inte bra" (which got "Nu hängde jag inte
    med"; verification round, session 26) gets the way to the help. False when neither fits."""
    key = next((key for key in ("not_well", "not_in_danger") if _says(tracker, key)), None)
    if key is None:
        return False
    dispatcher.utter_message(text=help_data()[key]["reply"], buttons=[help_button()])
    return True
