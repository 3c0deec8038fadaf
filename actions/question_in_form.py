"""A question typed where a form expected an answer: answered, and the form then asks again.
Shared by the samtycke and request forms, so both treat questions alike; the rule for a question typed
without "?" (asks_without_a_mark, knowledge/question_cues.yml) is the preparation's and the `help` mapping's too."""
from __future__ import annotations

import copy
import re
from functools import lru_cache

import yaml
from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions.answer_question import ActionAnswerQuestion
from actions.answer_rules import (asks_the_bot, asks_yes_no, is_knowledge_question, pressed_an_answer_button,
                                  says_go_on, says_skip)
from actions.global_commands import COMMAND_INTENTS
from actions.settings import ROOT
from actions.source_gaps import gap_in

QUESTION_CUES_FILE = ROOT / "knowledge" / "question_cues.yml"
_SENTENCE_END = re.compile(r"[.!?\n]+")


@lru_cache(maxsize=1)
def _cues() -> dict[str, tuple[tuple[str, ...], ...]]:
    """question_cues.yml's lists, each entry as its lowercase words."""
    raw = yaml.safe_load(QUESTION_CUES_FILE.read_text(encoding="utf-8"))
    return {key: tuple(tuple(str(entry).lower().split()) for entry in raw[key])
            for key in ("question_words", "verbs", "not_after_verb", "fillers", "wondering", "verb_first_verbs",
                        "verb_first_pronouns", "not_after_subject", "verb_first_self", "after_self",
                        "verb_first_named", "after_named", "if_openers", "if_endings")}


def _openings(words: list[str], key: str) -> list[int]:
    """How many of `words` each entry of `key` that they open with takes."""
    return [len(entry) for entry in _cues()[key] if tuple(words[:len(entry)]) == entry]


def _first_sentence(text: str | None, keep: str | None = None) -> list[str]:
    """The lowercase words of the first sentence that has any, the fillers before them left out, but not
    a filler that opens one of the entries of `keep` ("men om…")."""
    for sentence in _SENTENCE_END.split(text or ""):
        words = re.findall(r"\w+", sentence.lower())
        while words and not (keep and _openings(words, keep)) and (taken := _openings(words, "fillers")):
            words = words[max(taken):]
        if words:
            return words
    return []


def opens_with_a_question_word(text: str | None) -> bool:
    """A question typed without "?", as young people write it: the first sentence opens (after fillers such
    as "vänta", "asså", "typ") with a question word, also a spoken one, and a verb right after it:
    "va händer me svaren", "va gör dom me de", "vem e med på mötet", "vart hamnar svaren", "vem ser det här".
    An answer that opens with the same word goes on differently and is saved: "va glad typ" (va for vara),
    "vem som helst som lyssnar", "hur det går i skolan" (knowledge/question_cues.yml). After words that say
    a question comes, a question word is enough: "ja undrar va dom gör me det"."""
    words = _first_sentence(text)
    wondering = _openings(words, "wondering")
    if wondering and _openings(words[max(wondering):], "question_words"):
        return True
    return any(not _openings(words[taken + verb:], "not_after_verb")
               for taken in _openings(words, "question_words") for verb in _openings(words[taken:], "verbs"))


def _asks_after_subject(rest: list[str], kind: str) -> bool:
    """Whether what follows the subject of `kind` (one of the verb_first_* lists) makes a question of it."""
    if kind == "verb_first_pronouns":
        return not _openings(rest, "not_after_subject")
    return bool(_openings(rest, "after_self" if kind == "verb_first_self" else "after_named"))


def opens_with_verb_and_subject(text: str | None) -> bool:
    """A yes/no question without "?" on a verb answer_rules.asks_yes_no leaves out: the first sentence
    opens (after fillers) with one of `verb_first_verbs` and a subject right after it, and what follows
    the subject does not make it an answer with its subject left out: "ser mamma det här", "bestämmer jag
    det på riktigt", "vill du ha med mig", "vet dom om det". Not "ser fram emot sommarlovet", "ser pappa
    varje helg", "vill dom ska lyssna på mig", "vet jag inte" (knowledge/question_cues.yml)."""
    words = _first_sentence(text)
    if not _openings(words, "verb_first_verbs"):
        return False
    after_verb = words[max(_openings(words, "verb_first_verbs")):]
    for kind in ("verb_first_pronouns", "verb_first_self", "verb_first_named"):
        taken = _openings(after_verb, kind)
        if taken and _asks_after_subject(after_verb[max(taken):], kind):
            return True
    return False


def asks_what_if(text: str | None) -> bool:
    """"men om jag inte vill ha mamma där då": the first sentence opens (after fillers) with "men om" or
    the like and ends with "då", a question about what happens then (session 38: saved as who should come).
    "men om det går då vill jag vara med på video" goes on after "då", and is an answer."""
    words = _first_sentence(text, keep="if_openers")
    return bool(_openings(words, "if_openers")) and bool(_openings(words[-1:], "if_endings"))


def asks_without_a_mark(text: str | None) -> bool:
    """The preparation's rule for a question typed without "?" where an answer was asked for: a question word
    and its verb (opens_with_a_question_word), or a verb and its subject ("e de bra så", "får dom läsa det",
    "kan dom se det": answer_rules.asks_yes_no; "ser mamma det här", "bestämmer jag det":
    opens_with_verb_and_subject), or "men om … då" (asks_what_if). Not a wish to skip; "kan inte sova",
    "får hjälp av mormor" and "ser fram emot sommarlovet" are answers."""
    return not says_skip(text or "") and (opens_with_a_question_word(text) or asks_yes_no(text)
                                          or opens_with_verb_and_subject(text) or asks_what_if(text))


async def answered_aside(dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> bool:
    """True when the latest message was no answer but "fortsätt", an answer button or a question to
    the bot, and has been answered."""
    latest = tracker.latest_message
    if says_go_on(latest):
        dispatcher.utter_message(response="utter_form_go_on")
        return True
    text = latest.get("text") or ""
    # "vänta, en fråga först … ersätter en sip det?" at the request's name question was asked for the
    # name twice (verification round, session 33): a question the sources do not cover is told so.
    if pressed_an_answer_button(latest) or asks_the_bot((latest.get("intent") or {}).get("name"), text) \
            or ("?" in text and gap_in(text) is not None):
        await ActionAnswerQuestion().run(dispatcher, tracker, domain)
        return True
    return False


async def answered_instead(dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict,
                           needs_mark: bool = False) -> bool:
    """As answered_aside, and also for a knowledge question typed instead of the answer.

    `needs_mark`: where answers often read like questions ("Hur det går i skolan", a role with a
    question after it), only a question mark makes it a question.

    Without "?" a question word and its verb ask whatever the classifier's confidence ("va händer me
    svaren" was faq 0.56): opens_with_a_question_word. Not a verb and its subject, as the preparation
    takes it: "kan han få hjälp med läxor" is a need the request asks for.
    """
    if await answered_aside(dispatcher, tracker, domain):
        return True
    latest = tracker.latest_message
    intent, text = latest.get("intent") or {}, latest.get("text") or ""
    if needs_mark and "?" not in text:
        return False
    if is_knowledge_question(intent.get("name"), float(intent.get("confidence") or 0), text) or (
            intent.get("name") not in COMMAND_INTENTS and not says_skip(text) and opens_with_a_question_word(text)):
        await ActionAnswerQuestion().run(dispatcher, tracker, domain)
        return True
    return False


def asking_only(tracker: Tracker, question: str) -> Tracker:
    """The tracker as if only `question` had been typed, as a free question: the intent and the
    ResponseSelector judged the whole message, the answer before it included."""
    asking = copy.copy(tracker)
    asking.latest_message = {**tracker.latest_message, "text": question, "intent": {"name": "faq", "confidence": 1.0},
                             "response_selector": {}}
    return asking
