"""A form's question answered with what the classifier alone takes for a possible crisis.

Ordinary answers read that way too often ("ingen" to "who helps you today", "hon har svårt att
gå till skolan och sover dåligt"): the check-in once threw the answer away and asked again, and
people got stuck or lost what they wrote. So such a reply is validated as the answer by the
form's own validation action, and action_crisis_check_in adds the help button. A message the
crisis lexicon recognises (`crisis`) still ends the form with the full help.
"""
from __future__ import annotations

from typing import Any

from rasa_sdk import FormValidationAction, Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.help_texts import help_data
from actions.phrases import contains_phrase, folded, folded_words
from actions.preparation_flow import AGE, ROLE, tells_heavy_feelings, tells_strong_feelings
from actions.safety.crisis_detector import fold_normaliser

# The form questions whose answers may tell how someone feels. Elsewhere the answer is a fact (an
# age, a name, a choice), and a classifier-only check-in on it is a misreading: "hon är 8" at the
# age question got the help button (persona round, session 19). The lexicon's crisis reply still
# comes at any question.
FREE_TEXT_SLOTS = {"prep_answer", "request_needs", "consent_child_view", "consent_may_share", "consent_must_not_share"}


def _validators() -> dict[str, type[FormValidationAction]]:
    found, todo = {}, list(FormValidationAction.__subclasses__())
    while todo:
        cls = todo.pop()
        todo += cls.__subclasses__()
        found[cls().name()] = cls
    return found


def asks_for_a_fact(tracker: Tracker) -> bool:
    """The open form question asks for a fact, not for what someone thinks or feels."""
    slot = tracker.get_slot("requested_slot")
    if slot == "prep_answer":
        return tracker.get_slot("prep_step") in (ROLE, AGE)
    return bool(slot) and slot not in FREE_TEXT_SLOTS


async def as_the_answer(dispatcher: CollectingDispatcher, tracker: Tracker,
                        domain: dict[str, Any]) -> list[dict[str, Any]] | None:
    """The form's validation events for this message taken as the answer to its question, or
    None when no form question is open."""
    form = (tracker.active_loop or {}).get("name")
    slot = tracker.get_slot("requested_slot")
    validator = _validators().get(f"validate_{form}")
    if not form or not slot or validator is None or form not in (domain.get("forms") or {}):
        return None  # without the form in the domain (send_domain) its validation would do nothing
    text = tracker.latest_message.get("text") or ""
    # As Rasa hands a form's validation action a reply: the slot candidate last among the events.
    candidate = Tracker(tracker.sender_id, {**tracker.slots, slot: text}, tracker.latest_message,
                        [*tracker.events, {"event": "slot", "name": slot, "value": text}], tracker.is_paused(),
                        tracker.followup_action, tracker.active_loop, tracker.latest_action_name)
    return await validator().run(dispatcher, candidate, domain)


def only_a_family_limit(slot: str | None, text: str | None) -> bool:
    """"inget om min familj, dom ska inte kontakta mina föräldrar" where the samtycke asks what must not
    be shared: a limit about the writer's own family in a few words, nothing else (help.yml
    `family_limit_answer`). "mamma får inte veta att pappa dricker" says more, and is not one."""
    data, words = help_data()["family_limit_answer"], fold_normaliser(text or "")
    family = folded_words(data["family"])
    return slot in data["slots"] and 0 < len(words) <= data["max_words"] and bool(set(words) & family) \
        and set(words) <= family | folded_words(data["other_words"])


def tells_feelings_or_danger(text: str | None) -> bool:
    """A word of how someone feels or of danger: help.yml `not_well.cues` and `gentle_reply.not_when`, the
    preparation's heavy_feelings and strong_feelings."""
    data, words = help_data(), fold_normaliser(text or "")
    return contains_phrase(words, folded(data["not_well"]["cues"])) \
        or bool(folded_words(data["gentle_reply"]["not_when"]) & set(words)) \
        or tells_heavy_feelings(text) or tells_strong_feelings(text)


def classifier_unsure(latest_message: dict[str, Any]) -> bool:
    """The intent classifier was below its own bar for being sure: FallbackClassifier put nlu_fallback
    first in the ranking (the crisis classifier made the intent a check-in after it)."""
    ranking = latest_message.get("intent_ranking") or []
    return bool(ranking) and ranking[0].get("name") == "nlu_fallback"


def an_unsure_reading_of_an_answer(slot: str | None, step: str | None, latest_message: dict[str, Any]) -> bool:
    """A form's answer the classifier only just took for a possible crisis, with no word of feelings or
    danger, at a question that does not ask what is hard (help.yml `unsure_answer`): a foster parent's
    "att lärarna vet vad BUP har sagt…" at "Vad är viktigt för barnet?" (persona round, session 36).
    The caller checks the crisis lexicon."""
    asked = step if slot == "prep_answer" else slot
    return asked not in help_data()["unsure_answer"]["keeps_check_in"] and classifier_unsure(latest_message) \
        and not tells_feelings_or_danger(latest_message.get("text"))


def _phrases_longest_first(entries: list[str]) -> tuple[tuple[str, ...], ...]:
    return tuple(sorted(folded(entries), key=len, reverse=True))


def only_calm_wishes(slot: str | None, step: str | None, text: str | None) -> bool:
    """"att han har kompisar och inte brakar. och sover bra", a father's answer to "Vad tror du är viktigt
    för barnet?", got "Om barnet inte mår bra…" (persona round, session 38): at a question that does not ask
    what is hard, an answer of good wishes only (help.yml `calm_wish_answer`), with no word of feelings or
    danger. Any other word keeps the check-in. The caller checks the crisis lexicon."""
    data = help_data()
    asked = step if slot == "prep_answer" else slot
    words = fold_normaliser(text or "")
    if not slot or asked in data["unsure_answer"]["keeps_check_in"] or not words \
            or len(words) > data["calm_wish_answer"]["max_words"] or tells_feelings_or_danger(text):
        return False
    wishes = _phrases_longest_first(data["calm_wish_answer"]["wishes"])
    others = folded_words(data["calm_wish_answer"]["other_words"])
    wished, i = False, 0
    while i < len(words):
        wish = next((w for w in wishes if tuple(words[i:i + len(w)]) == w), None)
        if wish is not None:
            wished, i = True, i + len(wish)
        elif words[i] in others:
            i += 1
        else:
            return False
    return wished
