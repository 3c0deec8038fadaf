"""action_crisis_help: the fixed, reviewed crisis reply from knowledge/crisis/help.yml."""
from __future__ import annotations

import logging
import re
import string
from abc import ABC, abstractmethod
from functools import lru_cache
from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import ActiveLoop, FollowupAction
from rasa_sdk.executor import CollectingDispatcher

from actions.after_check_in import (CHECK_IN, RESUME_PAYLOAD, acknowledge_the_misreading,  # noqa: F401
                                    asks_whom_after_a_kind_reply, asks_whom_to_turn_to, crisis_lexicon,
                                    offered_form, reply_after_check_in, resume_button, says_it_was_misread)
from actions.answer_question import (ActionAnswerQuestion, _clear_answer, answer_with, article_button,
                                     choose_for_message, follow_up_answer, question_part_answer,
                                     said_not_in_the_sources)
# wants_what_they_wrote_deleted: read from here by tests/actions/test_crisis_help.py.
from actions.answer_rules import (names_what_they_wrote_deleted, question_part,  # noqa: F401
                                  wants_what_they_wrote_deleted)
from actions.case_access import FORM as CASE_ACCESS_FORM, says_they_have_no_reference, tell_how_to_go_on_without
from actions.check_in_answer import (an_unsure_reading_of_an_answer, as_the_answer, asks_for_a_fact,
                                     only_a_family_limit, only_calm_wishes, tells_feelings_or_danger)
from actions.consent_rules import YOUNG_PERSON, policy as consent_policy
from actions.conversation import municipality
from actions.guardian_cues import said_they_are_a_guardian
from actions.help_texts import help_button, help_data
from actions.knowledge_base import articles
from actions.phrases import contains_phrase, folded, folded_words
from actions.preparation import FORM as PREPARATION_FORM, ActionDeleteMyData
from actions.preparation_flow import question
from actions.question_in_form import asking_only
from actions.request_rules import UNG
from actions.safety.crisis_detector import CrisisLexicon, fold, fold_normaliser, spacy_lemma_normaliser
from actions.staff_cues import about_someone_else, about_someone_in_their_care, said_they_are_staff, writes_of_themself

logger = logging.getLogger(__name__)


def _placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def render_reply(reply_lines: list, local: dict[str, str]) -> str:
    """Join the reply lines; a line whose placeholders are not all configured shows its fallback."""
    lines = []
    for line in reply_lines:
        if isinstance(line, str):
            lines.append(line)
        elif all(local.get(name) for name in _placeholders(line["text"])):
            lines.append(line["text"].format(**local))
        else:
            lines.append(line["fallback"])
    return "\n".join(lines)


def crisis_reply() -> str:
    return render_reply(help_data()["reply"]["lines"], municipality())


def guardian_reply() -> str:
    return render_reply(help_data()["guardian_reply"]["lines"], municipality())


def gentle_reply() -> str:
    return render_reply(help_data()["gentle_reply"]["lines"], municipality())


def adult_reply() -> str:
    return render_reply(help_data()["adult_reply"]["lines"], municipality())


# "jag är 19", "ja e 19 år" (folded), not "jag är 1 av 3" or "jag är 20 min sen".
_AGE_SAID = re.compile(r"\b(?:jag|ja|jg)\s+(?:ar|e|a)\s+(\d{1,2})(?!\d)"
                       r"(?!\s*(?:av|min|minuter|timmar|sekunder|st|kr|%))")


def _ages_given(tracker: Tracker) -> list[int]:
    """The writer's own age wherever the conversation gives it: the preparation's or the request's age
    question answered by the young person themself (prep_role, request_role `ung`), the samtycke's
    "Är den som SIP:en gäller under 18 år?" given by the young person ("jag själv"), and "jag är 19"."""
    ages, adult = [], consent_policy().adult_age
    if tracker.get_slot("prep_role") == UNG and isinstance(tracker.get_slot("prep_age"), (int, float)):
        ages.append(int(tracker.get_slot("prep_age")))
    if tracker.get_slot("request_role") == UNG and str(tracker.get_slot("request_age") or "").isdigit():
        ages.append(int(tracker.get_slot("request_age")))
    # Stored as "ja"/"nej" once validated (actions/consent.py); a raw answer says nothing here.
    if tracker.get_slot("consent_giver") == YOUNG_PERSON and tracker.get_slot("consent_under_18") in ("ja", "nej"):
        ages.append(adult - 1 if tracker.get_slot("consent_under_18") == "ja" else adult)
    said = [event.get("text") for event in tracker.events if event.get("event") == "user"]
    for text in [*said, tracker.latest_message.get("text")]:
        ages += [int(age) for age in _AGE_SAID.findall(fold(text or ""))]
    return ages


def known_to_be_an_adult(tracker: Tracker) -> bool:
    """Whether the writer is 18 or older by every age given: Sami, 19, in his samtycke, got Bris "För dig
    som är under 18 år" and "Berätta också för en vuxen som du litar på" (persona round, session 35).
    When the ages disagree, or none is given, the reply to a young person, which has every contact."""
    ages = _ages_given(tracker)
    return bool(ages) and min(ages) >= consent_policy().adult_age  # Bris answers those under it


@lru_cache(maxsize=1)
def _urgent_words() -> frozenset[str]:
    return folded_words(help_data()["urgent_words"])


def asks_about_the_last_answer(tracker: Tracker) -> str | None:
    """"vem ringer jag då?" right after an answer, classified `help_now` (never the lexicon's `crisis`):
    the article that answers it as a follow-up, unless it says it is urgent."""
    intent = (tracker.latest_message.get("intent") or {}).get("name")
    text = tracker.latest_message.get("text") or ""
    if intent != "help_now" or _urgent_words() & set(fold_normaliser(text)) or asks_whom_after_a_kind_reply(tracker):
        return None  # right after the check-in it asks about that, not the answer before it
    return follow_up_answer(tracker.latest_message, tracker.get_slot("last_article"),
                            (tracker.active_loop or {}).get("name"))


CRISIS_HELP = "action_crisis_help"


def has_no_reference(tracker: Tracker) -> bool:
    """"va? har inget nummer" where the reference number is asked for, read as `help_now` (never
    the lexicon's `crisis`): a 16-year-old got 112, Bris and Självmordslinjen (persona round,
    session 26). Not when it says it is urgent."""
    text = tracker.latest_message.get("text") or ""
    return (tracker.active_loop or {}).get("name") == CASE_ACCESS_FORM \
        and (tracker.latest_message.get("intent") or {}).get("name") == "help_now" \
        and says_they_have_no_reference(text) and not _urgent_words() & set(fold_normaliser(text))


# Only lately: a 17-year-old given the help, who went on with his preparation and later asked to
# give samtycke (not understood twice, so offered a person), got Bris and Självmordslinjen
# again (persona round, session 33).
LATELY_USER_TURNS = 3


def _ran_lately(tracker: Tracker, name: str) -> bool:
    """Whether action `name` ran since the person's third latest message."""
    turns = 0
    for event in reversed(tracker.events):
        if event.get("event") == "user":
            turns += 1
            if turns > LATELY_USER_TURNS:
                return False
        elif event.get("event") == "action" and event.get("name") == name:
            return True
    return False


def says_they_would_rather_not_call(text: str | None) -> bool:
    """"jag vill inte ringa nån", "kan jag chatta?" (help.yml `chat_instead_cues`)."""
    return contains_phrase(fold_normaliser(text or ""), folded(help_data()["chat_instead_cues"]))


def chat_instead(dispatcher: CollectingDispatcher, tracker: Tracker) -> bool:
    """Right after the crisis help, asking for a person ("jag vill inte ringa nån") gets the chats, not the
    municipality's switchboard; False when it was not given. Not after a check-in alone: a parent
    checked in on by mistake ("räcker det att hon och jag säger ja?") who then asked "vem på
    kommunen kan jag prata med?" was offered Självmordslinjen (verification round, session 18). Only
    when the message speaks of not wanting to call: a father's "om ingen hor av sig pa 2 veckor, vad gor
    jag?", not understood twice after the help, got "Du behöver inte ringa" (verification round,
    session 35)."""
    if not _ran_lately(tracker, CRISIS_HELP) or not says_they_would_rather_not_call(tracker.latest_message.get("text")):
        return False
    dispatcher.utter_message(text=help_data()["chat_instead"], buttons=[help_button()])
    return True


_lexicon = crisis_lexicon  # one load for both modules


def without_legal_threats(words: list[str]) -> list[str]:
    """The folded `words` without a threat of a lawyer or a court (help.yml `legal_threats`): "pappan hotar
    med advokat" -> [pappan, med, advokat]. Only the word of threat goes, and only when "med" follows it."""
    data = help_data()["legal_threats"]
    threats, means, gap = folded_words(data["words"]), folded_words(data["means"]), int(data["max_gap"])
    legal = {i for i, word in enumerate(words) if word in threats and words[i + 1:i + 2] == ["med"]
             and means & set(words[i + 2:i + 3 + gap])}
    return [word for i, word in enumerate(words) if i not in legal]


def danger_words_in(text: str | None) -> bool:
    """A word of `gentle_reply.not_when` (help.yml) in `text`, but not "rädd" said of social services or a
    placement (lexicon.yml `calm_fears`): "ja e rädd att soc ska ta mig från mamma", from a 15-year-old,
    got the check-in with 112 first (persona round, session 37). "jag är rädd för pappa" still has one.
    Nor a threat of a lawyer (`legal_threats`): "pappan hotar med advokat" (persona round, session 38)."""
    not_when = folded_words(help_data()["gentle_reply"]["not_when"])
    plain = not_when & set(without_legal_threats(fold_normaliser(text or "")))
    if plain - folded_words(["rädd", "rädda"]):
        # Any other danger word keeps them all: "rädd för kniven och soc" (review, session 37).
        return True
    return bool(not_when & set(without_legal_threats(_lexicon().words_beside_calm_fears(text or ""))))


def lexicon_words_in(tracker: Tracker) -> bool:
    """Whether the crisis lexicon (on folded words; the NLU also reads lemmas) finds anything in the
    latest message: a check-in then comes from words told as past, not from the classifier alone."""
    return _lexicon().detect(tracker.latest_message.get("text") or "") is not None


def clear_question(tracker: Tracker, as_a_follow_up: bool = True) -> str | None:
    """The article that clearly answers the question in the latest message, or None
    (answer_question.question_part_answer); without `as_a_follow_up`, on the message's own words, with no
    pull towards the last answer."""
    return question_part_answer(tracker.latest_message, tracker.get_slot("last_article") if as_a_follow_up else None)


def about_a_child_in_their_care(tracker: Tracker) -> bool:
    """Someone who said they work with SIP, writing about someone else in this message or the one
    before ("elev har en plan att ta sitt liv" … "ska jag ringa 112 eller bup akut?"). Not when they
    press the button to the full help, which its answer offers."""
    if (tracker.latest_message.get("text") or "").startswith(help_data()["button"]["payload"]):
        return False
    said = [event.get("text") for event in tracker.events if event.get("event") == "user"][-2:]
    return said_they_are_staff(tracker) and any(
        about_someone_in_their_care(text) for text in [*said, tracker.latest_message.get("text")])


def staff_not_about_themself(tracker: Tracker) -> bool:
    """Someone who said they work with SIP, whose crisis words speak of no one and not of themself:
    "men om det egentligen är en BUP-fråga? psykisk ohälsa, självskada", from a district nurse
    about a patient, got the young person's help (persona round, session 27). Only for the lexicon's
    crisis: the classifier's unsure check-in on such a message is no reason for 112."""
    text = tracker.latest_message.get("text") or ""
    return said_they_are_staff(tracker) and not writes_of_themself(text) \
        and not text.startswith(help_data()["button"]["payload"])


@lru_cache(maxsize=1)
def _lemma_lexicon() -> CrisisLexicon:
    """The crisis lexicon as the NLU reads it (spaCy lemmas, then folded words): what made a message `crisis`."""
    from actions.article_search import spacy_pipeline  # loads spaCy; only staff's case topics need it here

    return CrisisLexicon.from_yaml(normaliser=spacy_lemma_normaliser(spacy_pipeline()))


_SENTENCE = re.compile(r"[^.!?;\n]+")
_ASKING_SENTENCE = re.compile(r"[^.!?;\n]*\?")


def _topic_phrase_ends(words: list[str]) -> list[int]:
    """Where a phrase such as "kallelsen handlar om", "frågan i kallelsen gäller" ends in the folded `words`
    (help.yml `staff_case_topic`): the index after its verb."""
    data = help_data()["staff_case_topic"]
    documents, verbs = folded_words(data["documents"]), folded(data["verbs"])
    ends = []
    for start, word in enumerate(words):
        if word not in documents:
            continue
        for at in range(start + 1, min(start + 2 + int(data["max_between"]), len(words))):
            verb = next((v for v in verbs if tuple(words[at:at + len(v)]) == v), None)
            if verb is not None:
                ends.append(at + len(verb))
                break
    return ends


def _topics_named(sentence: str) -> set[tuple[str, str]]:
    """The crisis patterns (category, pattern) that `sentence` names as what a kallelse, a remiss or a
    question is about: one word of a topic category (self-harm, an eating disorder), at most `max_gap` words
    after such a phrase. None in a sentence that speaks of its writer ("frågan gäller självskada, jag har
    skurit mig"). Never suicide, abuse or violence: "frågan gäller självmordsförsök" keeps 112 and
    anmälningsplikt (review, session 38)."""
    if writes_of_themself(sentence):
        return set()
    data = help_data()["staff_case_topic"]
    words, gap, topics = fold_normaliser(sentence), int(data["max_gap"]), set(data["topic_categories"])
    ends = _topic_phrase_ends(words)
    return {(match.category, match.pattern) for match in _lexicon().detect_all(sentence)
            if match.category in topics and match.span[1] - match.span[0] == 1
            and any(0 <= match.span[0] - end <= gap for end in ends)}


def names_a_case_topic(tracker: Tracker) -> bool:
    """Someone who said they work with SIP names self-harm, an eating disorder… as what a kallelse, a remiss
    or a question is about, and asks something: "frågan i kallelsen handlar om misstänkt adhd och självskada,
    det e ju egentligen bups fråga. kan vi bara skicka vidare till bup?" (a district nurse; persona round,
    session 38). Every crisis word of the message, as the NLU reads it, must be such a topic; never with
    urgent or danger words, in a form, or for the help button (help.yml `staff_case_topic`)."""
    text = tracker.latest_message.get("text") or ""
    words = set(fold_normaliser(text))
    if not said_they_are_staff(tracker) or (tracker.active_loop or {}).get("name") or text.startswith("/") \
            or question_part(text) is None or _urgent_words() & words or danger_words_in(text):
        return False
    try:
        found = {(match.category, match.pattern) for match in _lemma_lexicon().detect_all(text)}
    except Exception:  # noqa: BLE001 - without the NLU's reading, the help as before
        logger.exception("crisis lexicon on lemmas failed; the staff help as before")
        return False
    named = set().union(*(_topics_named(sentence) for sentence in _SENTENCE.findall(text)))
    return bool(found) and found <= named


def answer_with_the_help_button(dispatcher: CollectingDispatcher, tracker: Tracker, article_id: str) -> list:
    """A question read as a possible crisis but answered by an article: the answer, then "Är det
    bråttom, eller är någon i fara?" with the help button."""
    events = answer_with(dispatcher, tracker, articles()[article_id])
    dispatcher.utter_message(text=help_data()["follow_up_help"], buttons=[help_button()])
    return events


def staff_reply(dispatcher: CollectingDispatcher) -> None:
    """112 and anmälningsplikt for a professional, not "Bris för dig som är under 18"; the full help
    is one tap away."""
    article = articles()[help_data()["staff_article"]]
    dispatcher.utter_message(text=f"{help_data()['staff_reply']}\n{article.render(for_staff=True)}",
                             buttons=[help_button()])


async def _kept_hard_topic(dispatcher: CollectingDispatcher, tracker: Tracker,
                           domain: dict[str, Any]) -> list[dict[str, Any]]:
    """At "Finns det något du inte vill att vi pratar om?" an answer such as "självmordsförsöket"
    names what the person wants kept out of the meeting: it is saved as the answer, as well as
    getting the full help. It was lost before, and after "Fortsätt där jag var" the question came
    back empty (persona round, session 19)."""
    step = question(tracker.get_slot("prep_step") or "")
    if (tracker.active_loop or {}).get("name") != PREPARATION_FORM or step is None or not step.names_hard_topics:
        return []
    # The real dispatcher: a case created by this answer says its reference and code.
    return await as_the_answer(dispatcher, tracker, domain) or []


def answers_after_the_help(text: str, guardian: bool, staff: bool, answered: str | None) -> bool:
    """Whether a message that got the crisis help also gets the answer to its question: when it
    names someone else or its writer said they are a parent or staff ("Skolsköterska här. En elev
    med anorexi … får BUP lämna ut uppgifter till mig?"); not for a young person writing about
    themself, and not when the answer is the anmälningsplikt article that staff_reply gives. A
    parent or staff member at risk themself also gets the answer, after the same full help."""
    if answered is None or not (guardian or staff or about_someone_else(text)):
        return False
    return not (staff and answered == help_data()["staff_article"])


def asks_what_to_do_in_the_crisis(text: str) -> bool:
    """Whether the question of `text` is about the crisis itself: "om eleven säger på mötet att hon inte vill
    leva, vad gör vi då?", from a skolkurator, got the staff reply and then an unrelated article under "Du
    frågade också något" (verification round, session 39). Crisis words in the sentence that asks, and the
    asking clause without them clearly answered by no article: the staff reply is the answer. "Skolsköterska
    här. En elev med anorexi … Får BUP lämna ut…?" asks in a sentence of its own and keeps its answer."""
    asked = question_part(text)
    if asked is None:
        return False
    if asked == text.strip():  # no clause starts with a question word: the last sentence that ends in "?"
        asked = (_ASKING_SENTENCE.findall(text) or [asked])[-1].strip()
    start = " ".join(fold_normaliser(asked)[:3])
    sentence = next((s for s in _SENTENCE.findall(text) if start in " ".join(fold_normaliser(s))), asked)
    if _lexicon().detect(sentence) is None:
        return False
    in_crisis = {i for match in _lexicon().detect_all(asked) for i in range(*match.span)}
    rest, at = [], 0
    for token in asked.split():  # the words as written: folded ones lose "får", "lämna" to the search
        count = len(fold_normaliser(token))
        if not in_crisis & set(range(at, at + count)):
            rest.append(token)
        at += count
    return not rest or _clear_answer(" ".join(rest)) is None


def _answer_after_the_help(dispatcher: CollectingDispatcher, tracker: Tracker) -> list[dict[str, Any]]:
    """The help first, then the answer: parents and staff who named a child's diagnosis or self-harm
    while asking about SIP got only the help, and their question was lost (session 21). A wish to
    delete what they wrote gets how to do it."""
    text = tracker.latest_message.get("text") or ""
    if names_what_they_wrote_deleted(text):  # never "jag vill radera mig själv" (review, session 38)
        dispatcher.utter_message(response="utter_delete_my_data")
        return []
    # A crisis is no follow-up to the last answer: "om ungdomen säger på mötet att han inte vill leva längre, vad
    # gör vi då?", from a socialsekreterare, got the previous article again under "Du frågade också något"
    # (persona round, session 39), picked by the pull towards the last answer.
    guardian, staff = said_they_are_a_guardian(tracker), said_they_are_staff(tracker)
    if staff and asks_what_to_do_in_the_crisis(text):
        return []  # neither an article nor the nearest ones: the staff reply answers it
    answered = clear_question(tracker, as_a_follow_up=False)
    if answered is None and (guardian or staff):
        return _suggest_after_the_help(dispatcher, tracker)
    if not answers_after_the_help(text, guardian, staff, answered):
        return []
    dispatcher.utter_message(text=help_data()["answer_after_help"])
    return answer_with(dispatcher, tracker, articles()[answered], extras=False)


def _suggest_after_the_help(dispatcher: CollectingDispatcher, tracker: Tracker) -> list[dict[str, Any]]:
    """A parent's or staff member's question that no article clearly answers: the nearest articles as
    buttons after the help, so the question is not lost ("Jonas här, skolsköterska … Behövs samtycke
    för att skolan ska få prata med BUP?" got only the help; verification round, session 34)."""
    latest = tracker.latest_message
    asked = question_part(latest.get("text") or "")
    if asked is None:
        return []
    known = articles()
    guesses = [known[a] for a in choose_for_message("faq", {**latest, "text": asked, "response_selector": {}},
                                                      None).suggestions if a in known]  # as in _answer_after_the_help
    guesses = [a for a in guesses if a.id != help_data()["staff_article"]]
    if guesses:
        dispatcher.utter_message(text=help_data()["suggest_after_help"], buttons=[article_button(a) for a in guesses])
    return []


# "jag behöver ingen hjälp nu", "jag är inte i kris": help declined, read as `help_now` by the classifier
# (the lexicon, which would have made it `crisis`, found nothing), got the whole crisis reply
# (verification round, session 32).
# Narrow: "jag får ingen hjälp" may be a cry for help.
_DECLINES_HELP = re.compile(r"\bbehover\s+(?:ingen|inte|ej)\b|\b(?:ar|e)\s+inte\s+i\s+(?:kris|fara)\b|\bingen\s+fara\b")


def declines_help(tracker: Tracker) -> bool:
    latest = tracker.latest_message
    return (latest.get("intent") or {}).get("name") == "help_now" \
        and bool(_DECLINES_HELP.search(" ".join(fold_normaliser(latest.get("text") or ""))))


# Below this a typed `help_now` is the intent classifier's guess: "när ringer dom?", right after a father
# sent a request, was `help_now` at 0.67 and got 112, Självmordslinjen and Bris (verification round,
# session 35). The help button (`crisis`) and the exact command "hjälp nu" come at 1.0.
SURE_HELP_NOW = 0.9


def _help_or_danger_words(text: str) -> bool:
    """`urgent_words`, a word of help ("hjälpa", "hjälpen"), `gentle_reply.not_when` or `not_well.cues`."""
    data, words = help_data(), fold_normaliser(text)
    return bool(set(words) & (_urgent_words() | folded_words(data["gentle_reply"]["not_when"]))) \
        or any(word.startswith("hjalp") for word in words) or contains_phrase(words, folded(data["not_well"]["cues"]))


def asks_something_else(tracker: Tracker) -> bool:
    """A typed message the classifier alone, unsure, read as `help_now` that asks about something else:
    "när ringer dom?", "när hör skolan av sig?", "vem ringer mig?". Not the button, not "hjälp nu", not
    with words of urgency, help or danger, crisis words or a question on whom to call ("vem ska jag
    ringa?"): those get the help (help.yml `asks_whom`)."""
    latest = tracker.latest_message
    intent, text = latest.get("intent") or {}, latest.get("text") or ""
    confidence = intent.get("confidence")
    if intent.get("name") != "help_now" or confidence is None or float(confidence) >= SURE_HELP_NOW \
            or text.startswith("/") or question_part(text) is None:
        return False
    return not _help_or_danger_words(text) and not asks_whom_to_turn_to(text) and not lexicon_words_in(tracker)


async def answer_the_question(dispatcher: CollectingDispatcher, tracker: Tracker,
                              domain: dict[str, Any], closing: str | None = None) -> list[dict[str, Any]]:
    """The question answered as any other (a free question, so the classifier's `help_now` chooses no
    article), then "Är det bråttom, eller är någon i fara?" (or `closing`) with the button, and in a form,
    which the rules end after the crisis help, the way back."""
    asking = asking_only(tracker, tracker.latest_message.get("text") or "")
    # The ResponseSelector judged this very text: its vote counts (asking_only drops it for a part).
    asking.latest_message["response_selector"] = tracker.latest_message.get("response_selector") or {}
    events = await ActionAnswerQuestion().run(dispatcher, asking, domain)
    dispatcher.utter_message(text=closing or help_data()["follow_up_help"], buttons=[help_button()])
    form = (tracker.active_loop or {}).get("name")
    if form:
        dispatcher.utter_message(text=help_data()["resume_offer"]["text"], buttons=[resume_button(form)])
    return events


def crisis_talked_about(tracker: Tracker) -> bool:
    """Whether the crisis help or a check-in came earlier in the conversation."""
    return any(event.get("event") == "action" and event.get("name") in (CRISIS_HELP, CHECK_IN)
               for event in tracker.events)


def _pressed_the_button(tracker: Tracker) -> bool:
    return (tracker.latest_message.get("text") or "").startswith(help_data()["button"]["payload"])


def _text_under_the_button(tracker: Tracker) -> str | None:
    """The text of the latest bot message that carried the help button."""
    payload = help_data()["button"]["payload"]
    for event in reversed(tracker.events):
        if event.get("event") != "bot":
            continue
        if any(button.get("payload") == payload for button in (event.get("data") or {}).get("buttons") or []):
            return event.get("text")
    return None


def _gentle_after() -> set[str]:
    """The texts under which the button may lead to the gentle help (help.yml `gentle_reply.after`)."""
    data = help_data()
    texts = (data[key] for key in data["gentle_reply"]["after"])
    return {text if isinstance(text, str) else text["reply"] for text in texts}


def _danger_said(tracker: Tracker) -> bool:
    """Whether any message of the person's so far has crisis words (the lexicon's, told now or as past),
    one of `gentle_reply.not_when`, or was read as `crisis`."""
    payload = help_data()["button"]["payload"]
    for event in tracker.events:
        text = event.get("text") or ""
        if event.get("event") != "user" or text.startswith(payload):
            continue
        intent = (((event.get("parse_data") or {}).get("intent")) or {}).get("name")
        if intent == "crisis" or _lexicon().detect(text) is not None or danger_words_in(text):
            return True
    return False


def _asked_whom_gently(tracker: Tracker) -> bool:
    """"vet ej vem jag ska ringa. magen eller att jag e ledsen typ", typed right after the check-in or the
    thanks for everyday talk, with no word of urgency, help or danger (verification round, session 35)."""
    return asks_whom_after_a_kind_reply(tracker) and not _help_or_danger_words(tracker.latest_message.get("text") or "")


def gentle_help_fits(tracker: Tracker) -> bool:
    """A young person's press of the button under a check-in, or whom to call asked right after it, when
    nothing they wrote speaks of danger or self-harm: "jag har ont i magen varje morgon 😢", from a
    10-year-old, got the full reply with Självmordslinjen among the first (persona round). Only the first
    time: a second press, and any press after the full help, gives the full reply. Parents and staff keep
    their own replies."""
    asked = (_pressed_the_button(tracker) and _text_under_the_button(tracker) in _gentle_after()) \
        or _asked_whom_gently(tracker)
    return asked \
        and not any(event.get("event") == "action" and event.get("name") == CRISIS_HELP for event in tracker.events) \
        and not said_they_are_a_guardian(tracker) and not said_they_are_staff(tracker) \
        and not known_to_be_an_adult(tracker) and not _danger_said(tracker)


def more_places_button() -> dict[str, str]:
    """Under the gentle help: the help button's payload (a second press gives the full reply) with a title
    of its own. "Tryck på knappen igen" under "Behöver du hjälp nu?", right after the help, read as if it
    had not come (persona round, session 36)."""
    return {"title": help_data()["gentle_reply"]["more_button"], "payload": help_data()["button"]["payload"]}


def give_the_help(dispatcher: CollectingDispatcher, tracker: Tracker) -> None:
    """The help written for who asks: a parent's, staff's about a child in their care, the gentle help,
    an adult's, else the full reply to a young person."""
    if said_they_are_a_guardian(tracker):
        dispatcher.utter_message(text=guardian_reply())
    elif about_a_child_in_their_care(tracker) or staff_not_about_themself(tracker):
        staff_reply(dispatcher)
    elif gentle_help_fits(tracker):
        dispatcher.utter_message(text=f"{gentle_reply()}\n\n{help_data()['gentle_reply']['more']}",
                                 buttons=[more_places_button()])
    elif known_to_be_an_adult(tracker):
        dispatcher.utter_message(text=adult_reply())
    else:
        dispatcher.utter_message(text=crisis_reply())


class ActionCrisisHelp(Action):
    def name(self) -> str:
        return "action_crisis_help"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]):
        if says_it_was_misread(tracker):
            # "öh va?? jag är inte i fara…" right after the help (`help_now`; persona round, session 35).
            acknowledge_the_misreading(dispatcher, tracker)
            return []
        if declines_help(tracker):
            dispatcher.utter_message(text=help_data()["help_declined"], buttons=[help_button()])
            form = (tracker.active_loop or {}).get("name")
            if form:  # the rules end the form after this action: the way back is offered
                dispatcher.utter_message(text=help_data()["resume_offer"]["text"], buttons=[resume_button(form)])
            return []
        if has_no_reference(tracker):
            tell_how_to_go_on_without(dispatcher, tracker)
            return []
        answered = asks_about_the_last_answer(tracker)
        if answered is not None:
            return answer_with_the_help_button(dispatcher, tracker, answered)
        if asks_something_else(tracker):
            # "när ringer dom?" right after sending a request (verification round, session 35).
            return await answer_the_question(dispatcher, tracker, domain)
        if names_a_case_topic(tracker):
            # "frågan i kallelsen handlar om … självskada … kan vi skicka vidare till bup?": a case, not a
            # danger now. The answer, then 112 in one line with the help button (persona round, session 38).
            return await answer_the_question(dispatcher, tracker, domain, closing=help_data()["staff_reply"])
        events = await _kept_hard_topic(dispatcher, tracker, domain)
        give_the_help(dispatcher, tracker)
        # Rules deactivate the interrupted form after this; the person chooses whether to go on.
        form = (tracker.active_loop or {}).get("name")
        if form:
            dispatcher.utter_message(text=help_data()["resume_offer"]["text"], buttons=[resume_button(form)])
            return events
        return events + _answer_after_the_help(dispatcher, tracker)


def resumed(form: str) -> list[dict[str, Any]]:
    """The events that go on with an interrupted form. Active before it runs, so Rasa does not
    activate it anew: activation validates every answer given so far again, which re-asked the
    personnummer and the organisation and said "Det låter som att en SIP kan passa" once more
    (persona round, session 20)."""
    return [ActiveLoop(form), FollowupAction(form)]


# Words by which a message names a form it wants to go on with (folded stems).
_FORM_WORDS = {"forbered": "preparation_form", "samtyck": "consent_form", "begaran": "request_form"}


def typed_resume(tracker: Tracker) -> str | None:
    """The form whose "Fortsätt där jag var" button the bot showed last, when a message says
    "fortsätt" instead of tapping it (read as opening a case, it asked for a reference number;
    persona round, session 20), also after questions in between (persona round, session 24);
    None when there is none, or a form has run since."""
    words = fold_normaliser(tracker.latest_message.get("text") or "")
    if not any(word.startswith("fortsatt") for word in words):
        return None
    named = {form for word in words for stem, form in _FORM_WORDS.items() if word.startswith(stem)}
    for event in reversed(tracker.events):
        if event.get("event") == "bot":
            form = offered_form((event.get("data") or {}).get("buttons") or [])
            if form is not None:
                # "Jag vill fortsätta min förberedelse" reopened a paused samtycke (persona round,
                # session 29): a message that names another form does not go on with this one.
                return None if named and form not in named else form
        elif event.get("event") in ("restart", "session_started") or \
                (event.get("event") == "active_loop" and event.get("name")):
            return None
    return None


class ActionResumeForm(Action):
    """The "Fortsätt där jag var" button: start the interrupted form again where it was."""

    def name(self) -> str:
        return "action_resume_form"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]):
        form = next(tracker.get_latest_entity_values("form_name"), None)
        if form not in (domain.get("forms") or {}):
            dispatcher.utter_message(response="utter_help")
            return []
        return resumed(form)


def _said_before(tracker: Tracker, text: str) -> bool:
    return any(event.get("event") == "bot" and event.get("text") == text for event in tracker.events)


class _HelpOneTapAway(Action, ABC):
    """A short text from help.yml with the help button; asks nothing."""

    text_key = ""

    @abstractmethod
    def name(self) -> str: ...

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]):
        dispatcher.utter_message(text=help_data()[self.text_key], buttons=[help_button()])
        return []


class ActionCrisisStillAvailable(_HelpOneTapAway):
    """After "jag skojade" or "nej": no questions asked, and the help stays one tap away."""

    text_key = "still_available"

    def name(self) -> str:
        return "action_crisis_still_available"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]):
        if says_it_was_misread(tracker):
            # "jag mår bra, det var inte så jag menade" (`retract`) after the help stopped a form: the way back.
            acknowledge_the_misreading(dispatcher, tracker)
            return []
        if not crisis_talked_about(tracker):
            # "oj fel … kommunen menade jag" (`retract`) at the invitation guide got "Hjälpen finns kvar"
            # with no crisis before (verification round, session 32): read as any other message.
            return await ActionAnswerQuestion().run(dispatcher, tracker, domain)
        return await super().run(dispatcher, tracker, domain)


def only_a_plain_topic(tracker: Tracker) -> bool:
    """"saker hemma", "familjen" at the preparation's question on what not to talk about: the general
    wording the bot itself suggests, so no check-in from the classifier alone (help.yml
    `plain_topic_answer`; verification round, session 35)."""
    step = question(tracker.get_slot("prep_step") or "")
    if tracker.get_slot("requested_slot") != "prep_answer" or step is None or not step.names_hard_topics:
        return False
    data, words = help_data()["plain_topic_answer"], fold_normaliser(tracker.latest_message.get("text") or "")
    topics = folded_words(data["topics"])
    return 0 < len(words) <= data["max_words"] and bool(set(words) & topics) \
        and set(words) <= topics | folded_words(data["other_words"])


def no_note_for_this_answer(tracker: Tracker) -> bool:
    """A form's answer that only the classifier took for a possible crisis, and that is a samtycke limit
    about the writer's family ("inget om min familj, dom ska inte kontakta mina föräldrar") or that the
    classifier was unsure of and that tells no feelings ("att lärarna vet vad BUP har sagt…"), or that only
    wishes for good things where nothing hard is asked ("…och inte brakar. och sover bra"): kept without the
    check-in (persona rounds, sessions 36 and 38). Never with crisis words."""
    slot, latest, step = tracker.get_slot("requested_slot"), tracker.latest_message, tracker.get_slot("prep_step")
    return not lexicon_words_in(tracker) and (
        only_a_family_limit(slot, latest.get("text"))
        or an_unsure_reading_of_an_answer(slot, step, latest)
        # "att han har kompisar och inte brakar. och sover bra" (persona round, session 38).
        or only_calm_wishes(slot, step, latest.get("text")))


def check_in_key(tracker: Tracker, guardian: bool) -> str:
    """The check-in for who writes (help.yml): with 112 when the message has danger words
    (`gentle_reply.not_when`, not a fear of social services: danger_words_in); else kind and calm, for a
    young person, an adult or a parent (persona round, session 36: Leo, 13, got 112 and "skriv din fråga
    igen"). Crisis words here are told as past (told now they get the full help): "min dotter skadade sig
    förra året" gets the calm one, whose button then gives the full reply (gentle_help_fits)."""
    danger = danger_words_in(tracker.latest_message.get("text")) and not lexicon_words_in(tracker)
    if guardian:
        return "check_in_guardian_danger" if danger else "check_in_guardian"
    if danger:
        return "check_in_danger"
    return "check_in_adult" if known_to_be_an_adult(tracker) else "check_in"


# After any of these, "min bästis" or "min pappa" may name who is in danger (crisis_talked_about, and the
# reminder that help is still there).
_CRISIS_REPLIES = {CRISIS_HELP, CHECK_IN, "action_crisis_still_available"}
# The preparation's steps that ask for people (knowledge/preparation/questions.yml).
_ASKS_FOR_PEOPLE = {"participants", "who_helps"}


def only_names_people(tracker: Tracker) -> bool:
    """A message that only names people (lexicon.yml `people_answer`), which only the classifier took for a
    possible crisis: "min bästis alltså hon heter moa", Ella's (15) answer on whom she wants at the meeting,
    got "Tack för att du berättar… Om du har det jobbigt…" (persona round, session 37). Not right after the
    crisis help or a check-in, nor with crisis or danger words."""
    text = tracker.latest_message.get("text") or ""
    # Only where the preparation asks who should come or who helps; never once the crisis help or a
    # check-in has been given: "min pappa" two turns later, "min styvpappa" at "Finns det något du inte
    # vill att vi pratar om?" may be disclosures (review, session 37).
    if (tracker.active_loop or {}).get("name") != PREPARATION_FORM \
            or tracker.get_slot("requested_slot") != "prep_answer" \
            or tracker.get_slot("prep_step") not in _ASKS_FOR_PEOPLE:
        return False
    said_before = any(event.get("event") == "action" and event.get("name") in _CRISIS_REPLIES
                      for event in tracker.events)
    return not said_before and _lexicon().only_names_people(text) \
        and not danger_words_in(text) and not lexicon_words_in(tracker)


async def _the_wish_and_the_check_in(dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any],
                                     guardian: bool) -> list[dict[str, Any]]:
    """A wish to delete what they wrote (names_what_they_wrote_deleted), outside a form, that only the
    classifier took for a possible crisis: done as action_delete_my_data does it. Only a parent with no danger
    word gets the wish first, then a short, kind line (help.yml `after_a_wish_guardian`). Anyone else gets the
    check-in first, then the wish (review, session 38): 112 and anmälningsplikt for staff writing about a child
    in their care, staff's "Är någon i fara…" or "Är det bråttom…", or the check-in as before."""
    text = tracker.latest_message.get("text")
    if about_a_child_in_their_care(tracker):
        staff_reply(dispatcher)
    elif guardian and not danger_words_in(text):
        events = await ActionDeleteMyData().run(dispatcher, tracker, domain)
        dispatcher.utter_message(text=help_data()["after_a_wish_guardian"], buttons=[help_button()])
        return events
    elif said_they_are_staff(tracker) and not guardian:
        if danger_words_in(text):
            dispatcher.utter_message(text=help_data()["check_in_staff"])
        else:
            dispatcher.utter_message(text=help_data()["follow_up_help"], buttons=[help_button()])
    else:
        dispatcher.utter_message(text=help_data()[check_in_key(tracker, guardian)], buttons=[help_button()])
    return await ActionDeleteMyData().run(dispatcher, tracker, domain)


def asks_to_refuse_the_sip(text: str | None) -> bool:
    """"kan jag säga nej till hela grejen", with no word of danger or feelings but that of being pushed
    (help.yml `refusing_the_sip`). Being forced keeps the line unless only an organisation forces ("skolan
    tvingar mig till mötet"): "pappa tvingar mig till mötet", "mamma har ju tvingat mig", "jag blir tvingad"
    (review, session 38). The caller checks the crisis lexicon."""
    data, words = help_data()["refusing_the_sip"], fold_normaliser(text or "")
    refuse, sip, gap = folded(data["refuse"]), folded_words(data["sip"]), int(data["max_gap"])
    asks = any(tuple(words[i:i + len(r)]) == r and sip & set(words[i + len(r):i + len(r) + gap + 1])
               for r in refuse for i in range(len(words)))
    forced = folded_words(data["forced"]) & set(words)
    if not asks or forced and (folded_words(data["people"]) & set(words)
                               or not folded_words(data["organisations"]) & set(words)):
        return False
    pushed = folded_words(data["pushed"])
    return not tells_feelings_or_danger(" ".join(word for word in words if word not in pushed))


def _heard_by_the_form(dispatcher: CollectingDispatcher) -> bool:
    """The preparation said it heard a heavy feeling in this answer, with the help button (utter_prep_heard_you…)."""
    return any(str(m.get("response") or "").startswith("utter_prep_heard_you") for m in dispatcher.messages)


class ActionCrisisCheckIn(_HelpOneTapAway):
    text_key = "check_in"

    def name(self) -> str:
        return CHECK_IN

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]):
        if not (tracker.active_loop or {}).get("name") and not lexicon_words_in(tracker) \
                and reply_after_check_in(dispatcher, tracker):
            # "öh va?? jag är inte i fara…" right after the help, read as a possible crisis, got "Är det
            # bråttom, eller är någon i fara?" again (persona round, session 35).
            return []
        # The answer to a form's open question is kept, and the help stays one tap away.
        events = await as_the_answer(dispatcher, tracker, domain)
        guardian = said_they_are_a_guardian(tracker)
        if events is not None:
            key = "check_in_in_form_guardian" if guardian else "check_in_in_form"
            if asks_for_a_fact(tracker) or _said_before(tracker, help_data()[key]) \
                    or (said_they_are_staff(tracker) and not lexicon_words_in(tracker)) \
                    or (only_a_plain_topic(tracker) and not lexicon_words_in(tracker)) \
                    or no_note_for_this_answer(tracker) or _heard_by_the_form(dispatcher) \
                    or only_names_people(tracker):
                # Once is enough: a father preparing with his 8-year-old got it at three ordinary
                # answers ("att en vuxen är med på rasten"; persona round, session 26). Never for staff
                # when only the classifier was unsure: a nurse's "vet inte, har inte träffat henne" on
                # the child's view got "Om du inte mår bra…" (persona round, session 35). Nor for "saker
                # hemma", the bot's own example of what not to talk about (session 35), nor for a samtycke
                # limit about the family or an unsure reading of an answer that tells no feelings (session
                # 36). The lexicon's crisis reply still comes at any answer. Nor after the preparation's own
                # "Tack för att du berättar det" with its help button ("alla e dumma mot mig" got both, two
                # thanks in a row; verification round, session 36). Nor for an answer that only names people
                # ("min bästis alltså hon heter moa"; persona round, session 37).
                return events
            dispatcher.utter_message(text=help_data()[key], buttons=[help_button()])
            return events
        answered = clear_question(tracker)
        if not lexicon_words_in(tracker):
            if names_what_they_wrote_deleted(tracker.latest_message.get("text")):
                # "jag vill ta bort allt jag skrivit här … jag orkar inte just nu. går det?": a mother got only
                # the check-in, and her wish was lost (persona round, session 38). Never "jag vill radera mig
                # själv" nor "pappa tar alltid bort min mobil" (review, session 38).
                return await _the_wish_and_the_check_in(dispatcher, tracker, domain, guardian)
            # Only the classifier was unsure: a biträdande rektor asking whether a SIP can go ahead when
            # one guardian says no got 112 and the duty to report, and no answer; a grandmother afraid
            # that social services take the child got the check-in only (persona round, session 33).
            if said_not_in_the_sources(dispatcher, tracker):  # before an article, as for any question
                dispatcher.utter_message(text=help_data()["follow_up_help"], buttons=[help_button()])
                return []
            if answered is not None and asks_to_refuse_the_sip(tracker.latest_message.get("text")):
                # "skolan tvingar mig till mötet, kan jag vägra?": pushed into the SIP by an organisation, which
                # is no danger; the answer alone (persona round and review, session 38).
                return answer_with(dispatcher, tracker, articles()[answered])
            if answered is not None:
                return answer_with_the_help_button(dispatcher, tracker, answered)
        # Staff about a pupil ("elev säger att mamma dricker och inte vaknar"): 112 and anmälningsplikt.
        if about_a_child_in_their_care(tracker):
            staff_reply(dispatcher)
            return []
        if answered is not None:
            # A question the articles clearly answer is answered, with the help one tap away: a parent
            # who told in passing that her daughter had harmed herself the year before and asked who
            # comes to the meeting got only the check-in, and her question was lost (session 19).
            return answer_with_the_help_button(dispatcher, tracker, answered)
        if said_they_are_staff(tracker) and not guardian:
            dispatcher.utter_message(text=help_data()["check_in_staff"])
            return []
        # A parent about their own child ("min son har slutat äta") gets the check-in written to a parent.
        dispatcher.utter_message(text=help_data()[check_in_key(tracker, guardian)], buttons=[help_button()])
        return []


class ActionEverydayTalk(_HelpOneTapAway):
    """Someone tells about their day and asks nothing: thanks, and the help button."""

    text_key = "everyday_talk"

    def name(self) -> str:
        return "action_everyday_talk"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]):
        if reply_after_check_in(dispatcher, tracker):
            return []
        return await super().run(dispatcher, tracker, domain)
