"""A young person's reply right after the kind check-in that tells how they are, and a reply right
after the crisis help that says it was misread.

"nej ja e inte i fara asså. bara trött på allt med skolan o hemma" got the article on refusing a
SIP, on its "nej" and "inte" (persona round, session 26). It asks nothing; it tells how someone
feels. The words and the replies are data: `not_well` and `not_in_danger` in
knowledge/crisis/help.yml. The intent classifier gives such replies any intent (faq, deny,
everyday_talk), so each action they reach asks here first.
"""
from __future__ import annotations

import json
import re
from functools import lru_cache
from typing import Any

from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.answer_rules import QUESTION_WORDS
from actions.bot_history import previous_action, since_the_message_before
from actions.guardian_cues import said_they_are_a_guardian
from actions.help_texts import help_button, help_data
from actions.phrases import contains_phrase, folded, folded_words
from actions.safety.crisis_detector import CrisisLexicon, fold_normaliser
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


CRISIS_HELP = "action_crisis_help"
# What runs between the crisis help and the next message: the rules end an interrupted form.
_AFTER_THE_HELP = {"action_listen", "action_deactivate_loop"}
# Words that say only "what?" before the misreading is told: "öh va??", "vad menar du?".
_PUZZLED = folded_words(["öh", "eh", "ehm", "hm", "hmm", "va", "vad", "vadå", "hä", "what", "menar", "du", "nej",
                         "nä", "ne", "men", "alltså", "asså", "typ", "sa", "hallå", "okej", "ok", "wtf", "lol"])
_CLAUSE = re.compile(r"[^.!?…,;\n]+[.!?…]*")


@lru_cache(maxsize=1)
def crisis_lexicon() -> CrisisLexicon:
    """The crisis lexicon on folded words (the NLU also reads lemmas), loaded once for the actions."""
    return CrisisLexicon.from_yaml()


def _right_after_the_help(tracker: Tracker) -> bool:
    """The bot's last action before this message was the crisis help (the end of the form it stopped
    aside), given on its own initiative: not for the button the person pressed."""
    actions = [event.get("name") for event in since_the_message_before(tracker)
               if event.get("event") == "action" and event.get("name") not in _AFTER_THE_HELP]
    if not actions or actions[0] != CRISIS_HELP:
        return False
    said = [event.get("text") or "" for event in tracker.events if event.get("event") == "user"]
    return len(said) < 2 or not said[-2].startswith(help_data()["button"]["payload"])


def _asks_something(text: str, cues: tuple) -> bool:
    """A clause that asks, besides one that only wonders what happened ("öh va??") or tells the misreading."""
    for clause in _CLAUSE.findall(text):
        words = fold_normaliser(clause)
        if not words or contains_phrase(words, cues) or set(words) <= _PUZZLED:
            continue
        if "?" in clause or words[0] in _QUESTION_WORDS:
            return True
    return False


def says_it_was_misread(tracker: Tracker) -> bool:
    """Right after the crisis help: "öh va?? jag är inte i fara…", "jag mår bra, det var inte så jag
    menade" (help.yml `misread`). Never with crisis words, one of `not_well` ("inte i fara men jag mår
    dåligt") or a word of `gentle_reply.not_when` beside the cues ("inte i fara men rädd"), nor with a
    question of its own: when in doubt, the message is read as any other."""
    text = tracker.latest_message.get("text") or ""
    # `crisis` is the lexicon's (on lemmas too): never taken back here.
    if (tracker.latest_message.get("intent") or {}).get("name") == "crisis" or not _right_after_the_help(tracker):
        return False
    data, words = help_data(), fold_normaliser(text)
    cues = folded(data["misread"]["cues"])
    danger = folded_words(data["gentle_reply"]["not_when"]) - folded_words(data["misread"]["cues"])
    return contains_phrase(words, cues) and not contains_phrase(words, folded(data["not_well"]["cues"])) \
        and not danger & set(words) and not _asks_something(text, cues) and crisis_lexicon().detect(text) is None


# Here, not in actions/crisis_help.py (which imports this module), so both offer the way back alike.
RESUME_PAYLOAD = "/resume_form"


def resume_button(form: str) -> dict[str, str]:
    """"Fortsätt där jag var": goes on with `form` where it was (ActionResumeForm)."""
    return {"title": help_data()["resume_offer"]["button"],
            "payload": RESUME_PAYLOAD + json.dumps({"form_name": form})}


def offered_form(buttons: list[dict[str, Any]]) -> str | None:
    """The form of a "Fortsätt där jag var" button among `buttons`."""
    for button in buttons:
        payload = button.get("payload") or ""
        if payload.startswith(RESUME_PAYLOAD):
            try:
                return str(json.loads(payload[len(RESUME_PAYLOAD):]).get("form_name"))
            except (ValueError, AttributeError):
                return None
    return None


def acknowledge_the_misreading(dispatcher: CollectingDispatcher, tracker: Tracker) -> None:
    """Sorry, the help one tap away, and the way back: the form the help stopped, as its offer did."""
    data = help_data()
    dispatcher.utter_message(text=data["misread"]["reply"], buttons=[help_button()])
    form = next((found for event in since_the_message_before(tracker) if event.get("event") == "bot"
                 for found in [offered_form((event.get("data") or {}).get("buttons") or [])] if found), None)
    if form is None:
        dispatcher.utter_message(text=data["misread"]["go_on"])
    else:
        dispatcher.utter_message(text=data["resume_offer"]["text"], buttons=[resume_button(form)])


def asks_whom_to_turn_to(text: str | None) -> bool:
    """"vem ska jag ringa?", "vet ej vem jag ska ringa", "vart vänder man sig?": a question word, the
    writer and a verb of calling or talking (help.yml `asks_whom`). Not "vem ringer mig?" or "när ringer
    dom?", which ask who will call them."""
    words, data = set(fold_normaliser(text or "")), help_data()["asks_whom"]
    return all(words & folded_words(data[key]) for key in ("question_words", "writer", "verbs"))


def _right_after_a_kind_reply(tracker: Tracker) -> bool:
    """The bot's last turn had one of the kind replies the gentle help may follow (help.yml
    `gentle_reply.after`: the check-in, the thanks for everyday talk…)."""
    data = help_data()
    kind = {text if isinstance(text, str) else text["reply"]
            for text in (data[key] for key in data["gentle_reply"]["after"])}
    return any(event.get("event") == "bot" and event.get("text") in kind for event in since_the_message_before(tracker))


def asks_whom_after_a_kind_reply(tracker: Tracker) -> bool:
    """Right after the check-in or the thanks for everyday talk, a typed question on whom to call or talk
    to: "vet ej vem jag ska ringa. magen eller att jag e ledsen typ", from a 14-year-old, got the thanks
    for everyday talk again (verification round, session 35)."""
    text = tracker.latest_message.get("text") or ""
    return not text.startswith("/") and _right_after_a_kind_reply(tracker) and asks_whom_to_turn_to(text)


def reply_after_check_in(dispatcher: CollectingDispatcher, tracker: Tracker) -> bool:
    """"inte i fara" gets whom to talk to; "nej jag har det inte bra" (which got "Nu hängde jag inte
    med"; verification round, session 26) gets the way to the help. Right after the crisis help, "jag
    är inte i fara" gets an apology and the way back (says_it_was_misread). Whom to call, asked right
    after the check-in or the thanks for everyday talk, gets the help (crisis_help.give_the_help), not
    the same kind reply again. False when none fits."""
    if says_it_was_misread(tracker):
        acknowledge_the_misreading(dispatcher, tracker)
        return True
    if asks_whom_after_a_kind_reply(tracker):
        from actions.crisis_help import give_the_help  # crisis_help imports this module

        give_the_help(dispatcher, tracker)
        return True
    key = next((key for key in ("not_well", "not_in_danger") if _says(tracker, key)), None)
    if key is None:
        return False
    dispatcher.utter_message(text=help_data()[key]["reply"], buttons=[help_button()])
    return True
