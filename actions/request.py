"""Requesting a SIP (issue 5): a form, a summary to confirm, then the request is stored and queued."""
from __future__ import annotations

import re
from abc import ABC, abstractmethod
from typing import Any

from cryptography.fernet import InvalidToken

from rasa_sdk import Action, FormValidationAction, Tracker
from rasa_sdk.events import FollowupAction, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions import request_rules as rules
from actions.after_check_in import crisis_lexicon
from actions.answer_question import ActionAnswerQuestion, answer_with
from actions.answer_rules import MAX_ANSWER_LENGTH, answer_and_question, clean_answer, reads_as_question
from actions.bot_history import said_response, since_the_message_before
from actions.case_access import is_verified, require_case
from actions.casestore import request_store
from actions.casestore.models_request import RECEIVED
from actions.casestore.references import reference_named_in
from actions.check_in_answer import tells_feelings_or_danger
from actions.conversation import municipality
from actions.guardian_cues import says_they_are_a_guardian
from actions.guide_actions import last_bot_buttons
from actions.identifiers import latest_identifiers
from actions.knowledge_base import articles
from actions.question_in_form import answered_aside, answered_instead, asking_only
from actions.relative_cues import answers_as_a_relative
from actions.staff_cues import said_they_are_staff, says_they_work_with_sip
from actions.store_access import case_store as store
from actions.yes_no import ACKNOWLEDGEMENTS, NO, YES
from channels.pii import has_id_number_shape

FORM = "request_form"
# Where a young person under 18 learns how to ask for a SIP themself.
UNDER_18_ARTICLE = "sip_vem_uppmarksammar_behov"
SLOTS = ("request_kind", "request_sides", "request_role", "request_child_name", "request_personnummer",
         "request_age", "request_organisation", "request_needs", "request_noticed_by", "request_contact_name",
         "request_contact_phone", "request_contact_preference", "request_contact_time", "request_consent",
         "request_confirm")
CONTACT = ("request_contact_phone", "request_contact_preference", "request_contact_time")
KIND_CUES = (" uppfoljning", " ny sip", " galler ")
# Going back to a question clears what its answer filled too.
BACK_CLEARS = {"request_personnummer": ("request_personnummer", "request_age"),
               "request_contact_preference": ("request_contact_preference", "request_contact_time")}
# "ändra …" in the summary: which answers are asked again (folded words of the button or the reply).
# Earlier "ändra" cleared every answer, and a parent who had typed the wrong personnummer had to
# give them all again (persona round, session 19).
CHANGES = (
    # "ändra uppgifter om mig": the young person's summary button (they ask for themself).
    (("barn", "personnummer", "alder", "uppgifter om mig"),
     ("request_child_name", "request_personnummer", "request_age")),
    (("verksamhet", "organisation", "skola"), ("request_organisation",)),
    # "Ändra behov" changes the needs text only, then the summary again: it asked the kommun/region and
    # "Vem märkte först…?" questions again, and a rewritten need was taken as the kommun/region answer
    # (persona round, session 38). Those two lines are changed by their own words, before "behov", which
    # "stöd behövs från" folds into.
    # Not "kommun" or "region" alone: "nej, bup i regionen istället" changes the organisation.
    (("stod behovs", "stod fran", "kommun och region", "kommunen och regionen", "kommun eller region"),
     ("request_sides",)),
    (("markte forst", "marktes forst", "marktes av", "vem som markte"), ("request_noticed_by",)),
    (("behov", "stod"), ("request_needs",)),
    (("telefon", "nummer", "mobil"), CONTACT),
    # Not "kontakt" alone: "dom har vi mer kontakt med" is about the organisation.
    (("andra kontakt", "kontaktuppgift", "mitt namn"), ("request_contact_name", *CONTACT)),
    ((" tid ", " tiden ", " tider ", " tidpunkt", "nar ni ringer", "nar ni ska ringa"), ("request_contact_time",)),
    (("allt", "alla", "om fran borjan"), SLOTS),
    # Last: "det står uppföljning men det ska va ny sip" had no way to the kind (persona round, session 31).
    (KIND_CUES, ("request_kind",)),
)
PROTECTED = "skyddad"
SKIPPED = "-"  # a required slot needs a value; this one means "not given"
# Changing who is asking asks about the child again: a guardian's answers there are about the child, a young
# adult's about themself (session 36).
ROLE_CLEARS = ("request_role", "request_child_name", "request_personnummer", "request_age")


def label(domain: DomainDict, key: str, tracker: Tracker | None = None) -> str:
    """A Swedish label kept in bot/domain/request.yml. With a tracker, a variant whose slot conditions hold
    wins, as Rasa chooses a response's variant ("dig själv" for a young adult asking for themself)."""
    variants = (domain.get("responses") or {}).get(f"utter_request_label_{key}") or []
    if not variants:
        return key
    if tracker is not None:
        chosen = next((v for v in variants if v.get("condition") and _conditions_hold(v["condition"], tracker)), None)
        if chosen is not None:
            return chosen["text"]
    return next((v for v in variants if not v.get("condition")), variants[0])["text"]


def _conditions_hold(conditions: list[dict[str, Any]], tracker: Tracker) -> bool:
    """Every `{type: slot, name, value}` condition of a response variant holds for the tracker's slots."""
    return all(c.get("type") == "slot" and tracker.get_slot(c.get("name")) == c.get("value") for c in conditions)


class ActionRequestStart(Action):
    """Starts request_form (the rule runs it next). A question ("hur begär man en SIP?") is
    answered from the knowledge base first; the form then offers to do it, and "avbryt" ends it."""

    def name(self) -> str:
        return "action_request_start"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict):
        events: list[dict[str, Any]] = []
        asks = reads_as_question(tracker.latest_message.get("text") or "")
        if asks:
            events = await ActionAnswerQuestion().run(dispatcher, tracker, domain)
        if said_they_are_staff(tracker) and not says_they_are_a_guardian(tracker.latest_message.get("text")):
            # The form is for guardians and young people; staff call a SIP themselves, so the
            # form does not start ("vill begära SIP för en patient"). A professional who is also
            # a parent says so ("jag är förälder och vill begära en sip för min son").
            if not asks:
                _tell_staff(dispatcher)
                events.append(SlotSet("last_article", UNDER_18_ARTICLE))
            return events + [FollowupAction("action_listen")]
        dispatcher.utter_message(response="utter_request_intro")
        return events + [SlotSet(slot, None) for slot in SLOTS]


def mask_phone(phone: str | None) -> str:
    return f"{phone[:3]}…{phone[-2:]}" if phone and len(phone) > 5 else "-"


def revealed(tracker: Tracker, *kinds: str) -> str | None:
    """The identifier of one of `kinds` channels.pii took out of the latest message, decrypted."""
    found = [f for f in latest_identifiers(tracker, cipher=_cipher()) if f.kind in kinds]
    return found[0].value if found else None


def revealed_phone(tracker: Tracker) -> str | None:
    return revealed(tracker, "telefonnummer")


def _cipher():
    return store().cipher  # built once with the store, not from the key file on every call


def seal(value: str | None) -> str | None:
    """Slots are kept in the tracker store: a phone number or personnummer goes there encrypted only."""
    return _cipher().encrypt(value.encode()).decode() if value else value


def unseal(slot_value: str | None) -> str | None:
    if not slot_value or slot_value in (PROTECTED, SKIPPED):
        return slot_value
    try:
        return _cipher().decrypt(slot_value.encode()).decode()
    except InvalidToken:  # its key was removed mid-conversation: treated as not given
        return None


seal_phone, open_phone = seal, unseal


def mask_personnummer(slot_value: str | None) -> str | None:
    """The summary shows the date of birth only: the bot's replies are kept in the tracker store."""
    return rules.mask_personnummer(unseal(slot_value)) if slot_value not in (None, SKIPPED) else None


def as_an_answer(validate):
    """Validates a slot's value as the answer to its question, except that a cleared slot
    (action_request_start clears them, and rasa_sdk then validates those None values too) is
    left alone, and a question typed to the bot ("Varför måste ni veta vad hon heter?") is
    answered instead of kept as the answer."""
    import functools
    import inspect

    slot = validate.__name__.removeprefix("validate_")

    @functools.wraps(validate)
    async def wrapper(self, value, dispatcher, tracker, domain):
        if value is None:
            return {slot: None}
        if _said_goodbye(slot, tracker):
            if slot == "request_confirm" and not _reminded_at_the_summary(tracker):
                # "tack hej då" at the summary may be taken for sending it: told once that it is not sent yet.
                dispatcher.utter_message(response="utter_request_goodbye_at_summary")
                return {slot: None}
            dispatcher.utter_message(response="utter_request_goodbye")
            return {**{cleared: None for cleared in SLOTS}, "requested_slot": None}
        back = _gone_back(slot, dispatcher, tracker)
        if back is not None:
            return back
        if _noted_interpreter(slot, dispatcher, tracker):
            # "sms. och jag behover tolk arabiska": the rest answers the question; nothing else, it is asked again.
            text = tracker.latest_message.get("text") or ""
            rest = rules.without_the_interpreter(text)
            if slot == "request_confirm" or not re.search(r"\w", rest):
                return {slot: None}
            value = rest if str(value) == text else value
        # A form's own reading that must come before a question is answered aside (before_<slot>).
        before = getattr(self, f"before_{slot}", None)
        handled = before(str(value), dispatcher, tracker) if before else None
        if handled is not None:
            return handled
        role = _role_disputed(slot, dispatcher, tracker)
        if role is not None:
            return role
        corrected = _typed_correction(self, slot, dispatcher, tracker)
        if corrected is not None:
            return corrected
        told = _told_what_is_kept(slot, dispatcher, tracker) or _told_what_is_noted(slot, dispatcher, tracker, domain) \
            or _told_other_municipality(slot, dispatcher, tracker)
        if told is not None:
            return told
        if slot not in OWN_QUESTION_ANSWERS and _told_about_the_other_guardian(slot, dispatcher, tracker):
            return {slot: None}
        renamed = _own_name_corrected(slot, tracker)
        if renamed and slot == "request_confirm":  # "jag heter Amina Hassan" at the summary: shown again
            dispatcher.utter_message(response="utter_request_corrected", what="ditt namn")
            return {slot: None, **renamed}
        if tracker.get_slot("requested_slot") == slot and await answered_aside(dispatcher, tracker, domain):
            return {slot: None}
        result = validate(self, value, dispatcher, tracker, domain)
        result = await result if inspect.isawaitable(result) else result
        if renamed:
            dispatcher.utter_message(response="utter_request_corrected", what="ditt namn")
            return {**result, **renamed}
        return result

    return wrapper


PNR_PLACEHOLDERS = ("[personnummer]", "[samordningsnummer]")
# Questions whose validation answers a question about the other guardian itself, keeping what the answer
# says: the role (the samtycke article, with the role kept), the needs' story, the consent, the summary.
OWN_QUESTION_ANSWERS = ("request_role", "request_needs", "request_consent", "request_confirm")


def _told_about_the_other_guardian(slot: str, dispatcher: CollectingDispatcher, tracker: Tracker,
                                   question: str | None = None) -> bool:
    """"vänta. måste hans pappa också godkänna innan ni skickar det här?" at the child's name got "Verksamheten
    behöver namnet…" (persona round, session 38): only the summary told whom the request goes to. At every
    question now: whom it goes to, that the bot tells nobody else, and that the material does not say whether
    one guardian is enough. `question`: the part of the message that asks, where the rest is an answer."""
    text = tracker.latest_message.get("text") if question is None else question
    if tracker.get_slot("requested_slot") != slot or not rules.asks_about_the_other_guardian(text):
        return False
    _tell_who_is_told(dispatcher, tracker)
    return True


def _tell_who_is_told(dispatcher: CollectingDispatcher, tracker: Tracker) -> None:
    """Whom the request goes to: the organisation chosen, or, before it is chosen, the one to be chosen."""
    organisation = tracker.get_slot("request_organisation")
    if organisation:
        dispatcher.utter_message(response="utter_request_who_is_told",
                                 organisation=rules.organisation_name(organisation))
    else:
        dispatcher.utter_message(response="utter_request_who_is_told_before_choosing")


def _said_in_this_request(tracker: Tracker, before_the_latest: bool = False) -> list[str]:
    """What the person typed since the request form was started, oldest first."""
    said: list[str] = []
    for event in reversed(tracker.events):
        if event.get("event") == "action" and event.get("name") == "action_request_start":
            break
        if event.get("event") == "user":
            said.insert(0, event.get("text") or "")
    latest = tracker.latest_message.get("text") or ""
    if latest and latest not in said:
        said.append(latest)
    if before_the_latest and latest in said:
        said.pop(len(said) - 1 - said[::-1].index(latest))
    return said


def interpreter_needed(tracker: Tracker, before_the_latest: bool = False) -> str | None:
    """"Familjen behöver tolk på arabiska" when a message in this request said so, and no later one took it back. There is
    no field for it: it is sent with the needs text (needs_to_send)."""
    needed, language = False, None
    for text in _said_in_this_request(tracker, before_the_latest):
        said = rules.interpreter_said(text)
        if said is not None:
            needed = said.needed
            language = (said.language or language) if said.needed else None
    return rules.interpreter_line(rules.Interpreter(True, language)) if needed else None


def needs_to_send(tracker: Tracker) -> str | None:
    """The needs text as shown in the summary and sent: with the interpreter line, when one is needed."""
    needs = tracker.get_slot("request_needs")
    return rules.with_interpreter(None if needs == SKIPPED else needs, interpreter_needed(tracker))


def _noted_interpreter(slot: str, dispatcher: CollectingDispatcher, tracker: Tracker) -> bool:
    """An interpreter needed, said at any question ("sms. och jag behover tolk arabiska"; persona round, session
    38: the SMS was kept, the interpreter dropped without a word): told that it goes with the needs. At the
    summary, "var står tolk?" is told the same. "vi behöver ingen tolk" takes it away. The needs question is
    left alone: its answer is the needs text itself."""
    text = tracker.latest_message.get("text")
    if tracker.get_slot("requested_slot") != slot or slot == "request_needs":
        return False
    said = rules.interpreter_said(text)
    if said is not None and not said.needed:
        if interpreter_needed(tracker, before_the_latest=True) is None:
            return False
        dispatcher.utter_message(response="utter_request_interpreter_removed")
        return True
    line = interpreter_needed(tracker)
    asks_where = slot == "request_confirm" and rules.asks_where_the_interpreter_is(text)
    if line is None or not (said or asks_where):
        return False
    # "ring mig. med tolk" after "tolk somaliska" at the phone question: the same line, said twice though kept
    # once (persona round, session 39). Told again only when asked where it is, or when nothing else answers.
    said_before = line == interpreter_needed(tracker, before_the_latest=True)
    answers_too = slot != "request_confirm" and re.search(r"\w", rules.without_the_interpreter(text))
    if not (said_before and answers_too and not asks_where):
        dispatcher.utter_message(response="utter_request_interpreter_noted", interpreter=line)
    return True


# Intents that never end the form as a goodbye: a crisis has its own rules (the form's mappings leave them out),
# and "hej hej" read as a greeting is one.
NOT_A_GOODBYE_INTENTS = ("crisis", "crisis_check_in", "help_now", "greet")


def _said_goodbye(slot: str, tracker: Tracker) -> bool:
    """"Tack, då ringer jag Linas socialsekreterare i stället. Hej då." and "hej då sa jag" at "Gäller det en ny
    SIP…?" got "Välj ”Ny SIP”…" in a loop (persona round, session 39): a goodbye at any question ends the form,
    with nothing sent (no rule for `goodbye` runs inside a form, and bot/global_commands.yml has none). Setting
    requested_slot to None ends it; the finishing rule's action_submit_request sends nothing without a yes.
    Not "ja skicka, tack och hej" at the summary, which sends it."""
    text = tracker.latest_message.get("text") or ""
    intent = (tracker.latest_message.get("intent") or {}).get("name")
    if tracker.get_slot("requested_slot") != slot or intent in NOT_A_GOODBYE_INTENTS:
        return False
    if slot == "request_confirm" and rules.confirms(text):
        return False
    # Only the words end the form, never the classifier's `goodbye` alone: "nej det var allt tack" (goodbye 0.80)
    # threw the request away, and "hej då för alltid" (0.98) got a cheerful "Hej då!" (review, session 39). A
    # goodbye with a word of danger or of heavy feelings goes the normal way, where the crisis rules read it.
    return rules.ends_with_a_goodbye(text) and not _heavy_words_in(text)


def _heavy_words_in(text: str) -> bool:
    """A word of danger or of how someone feels, or the crisis lexicon's: "orkar inte mer. hej då"."""
    return tells_feelings_or_danger(text) or crisis_lexicon().detect(text) is not None


def _reminded_at_the_summary(tracker: Tracker) -> bool:
    """The bot's last turn told that the request is not sent yet: a second goodbye ends the form."""
    return any(event.get("event") == "bot"
               and (event.get("metadata") or {}).get("utter_action") == "utter_request_goodbye_at_summary"
               for event in since_the_message_before(tracker))


def _gone_back(slot: str, dispatcher: CollectingDispatcher, tracker: Tracker) -> dict[str, Any] | None:
    """"tillbaka", "oj fel knapp": the question asked before this one is asked again; None otherwise.
    Not at the summary, whose buttons say what to change."""
    if slot == "request_confirm" or tracker.get_slot("requested_slot") != slot \
            or not rules.wants_to_go_back(tracker.latest_message.get("text")):
        return None
    asked = [event.get("value") for event in reversed(tracker.events)
             if event.get("event") == "slot" and event.get("name") == "requested_slot"]
    previous = next((s for s in asked if s in SLOTS and SLOTS.index(s) < SLOTS.index(slot)), None)
    if "samtyck" in rules.fold(tracker.latest_message.get("text") or "") and slot != "request_consent":
        previous = "request_consent"  # "jag tryckte fel på samtycket" (verification round, session 31)
    if previous is None:
        return None
    dispatcher.utter_message(response="utter_request_back")
    return {slot: None, **{cleared: None for cleared in BACK_CLEARS.get(previous, (previous,))}}


# A personnummer or phone number typed at a later question corrects the one given before ("nej
# vänta jag skrev fel personnr, rätt är 20120315-1236" at the organisation question got "Jag
# hittade inte den verksamheten"; persona round, session 20): changed, and the question asked
# again. At the summary too, where "nej vänta, numret är fel, det ska vara 073…" asked for the
# number it had just been given (persona round, session 29).
def _typed_correction(form: "ValidateRequestForm", slot: str, dispatcher: CollectingDispatcher,
                      tracker: Tracker) -> dict[str, Any] | None:
    """The slots a number typed at another question changes; None when it corrects nothing."""
    text = tracker.latest_message.get("text") or ""
    if tracker.get_slot("requested_slot") != slot:
        return None

    def given(target: str) -> bool:
        return slot != target and tracker.get_slot(target) not in (None, SKIPPED, PROTECTED)

    if given("request_personnummer") and (any(p in text for p in PNR_PLACEHOLDERS) or has_id_number_shape(text)):
        try:
            age, number = _child_answer(text, tracker)
        except rules.AgeError as error:
            # Not kept as this question's answer either: a need once held the whole number.
            dispatcher.utter_message(response=AGE_MESSAGES.get(error.reason, "utter_request_personnummer_unclear"))
            return {slot: None}
        if not number:
            return None
        dispatcher.utter_message(response="utter_request_corrected", what="personnumret")
        # The age follows the new personnummer, and what it means for a SIP is said again.
        return {"request_personnummer": seal(number), **form._age(age, dispatcher, tracker), slot: None}
    if given("request_contact_phone") and "[telefonnummer]" in text:
        phone = rules.normalise_phone(revealed_phone(tracker) or "")
        if phone is None:
            dispatcher.utter_message(response="utter_request_phone_invalid")
            return {slot: None}
        dispatcher.utter_message(response="utter_request_corrected", what="telefonnumret")
        # "070-312 45 67, helst efter 15" typed again lost its time (persona round, session 35).
        return _with_contact_wishes(tracker, {"request_contact_phone": seal_phone(phone), slot: None})
    # "fel personnummer", "oj fel nummer" without the right one: that question is asked again
    # (the form asks the first one without an answer).
    wrong = rules.says_wrong_number(text)
    if wrong == "personnummer" and given("request_personnummer"):
        dispatcher.utter_message(response="utter_request_asks_again", what="personnumret")
        return {"request_personnummer": None, "request_age": None, slot: None}
    if wrong and given("request_contact_phone"):
        dispatcher.utter_message(response="utter_request_asks_again", what="telefonnumret")
        return {**{contact: None for contact in CONTACT}, slot: None}
    return None


def _told_what_is_kept(slot: str, dispatcher: CollectingDispatcher, tracker: Tracker) -> dict[str, Any] | None:
    """"vad händer med det jag redan skrev", "sparas mitt namn nu eller" got "Välj ett av alternativen"
    (persona round, session 33): what is kept, as the pause says it, and the question again."""
    if tracker.get_slot("requested_slot") != slot or not rules.asks_what_is_kept(tracker.latest_message.get("text")):
        return None
    dispatcher.utter_message(response="utter_request_what_is_kept")
    return {slot: None}


def _role_disputed(slot: str, dispatcher: CollectingDispatcher, tracker: Tracker) -> dict[str, Any] | None:
    """"Vänta, registrerade du mig nu som vårdnadshavare? Det är jag inte." or "ändra vem jag är" after the
    role question: the role (and what was said about the child) is taken away and asked again. A familjehem
    is told whom to talk to, as at "Vem är du?". Saved as the child's name "Vänta" (persona round, session 36)."""
    text = tracker.latest_message.get("text") or ""
    if tracker.get_slot("requested_slot") != slot or slot not in SLOTS \
            or SLOTS.index(slot) <= SLOTS.index("request_role") or tracker.get_slot("request_role") is None:
        return None
    disputed = tracker.get_slot("request_role") == rules.VARDNADSHAVARE and rules.disputes_the_guardian_role(text)
    # Not in a story of the needs, where "ändra" is about the child's days.
    if not disputed and (slot == "request_needs" or not rules.wants_to_change_the_role(text)):
        return None
    dispatcher.utter_message(response="utter_request_role_removed")
    if rules.says_they_are_a_foster_parent(text):
        dispatcher.utter_message(response="utter_request_role_foster_home")
    elif disputed:
        dispatcher.utter_message(response="utter_request_role_relative")
    return {slot: None, **{cleared: None for cleared in ROLE_CLEARS}}


def _told_what_is_noted(slot: str, dispatcher: CollectingDispatcher, tracker: Tracker,
                        domain: DomainDict) -> dict[str, Any] | None:
    """"Vad har du skrivit att jag är nu?" at the child's name question was saved as the name "Förlåt"
    (persona round, session 36): who the form has them as, and the question again."""
    role = tracker.get_slot("request_role")
    if tracker.get_slot("requested_slot") != slot or slot == "request_confirm" or role is None \
            or not rules.asks_what_is_noted(tracker.latest_message.get("text")):
        return None
    dispatcher.utter_message(response="utter_request_noted_so_far", role=label(domain, role))
    return {slot: None}


def _own_name_corrected(slot: str, tracker: Tracker) -> dict[str, Any]:
    """"jag heter Amina Hassan" typed after the name question: the name given there is replaced (a young adult
    asking for themself is also the one the plan is for). Empty when nothing changes."""
    if slot not in SLOTS or SLOTS.index(slot) <= SLOTS.index("request_contact_name") \
            or tracker.get_slot("requested_slot") != slot \
            or tracker.get_slot("request_contact_name") in (None, PROTECTED):
        return {}
    name = rules.own_name_said(tracker.latest_message.get("text"))
    if name is None or name == tracker.get_slot("request_contact_name"):
        return {}
    own = {"request_child_name": name} if tracker.get_slot("request_role") == rules.UNG else {}
    return {"request_contact_name": name, **own}


OTHER_MUNICIPALITY = "utter_request_other_municipality"


def _told_other_municipality(slot: str, dispatcher: CollectingDispatcher,
                             tracker: Tracker) -> dict[str, Any] | None:
    """Another municipality named ("BUP i Trollhättan", "Är den här chatten för Trollhättan?"): this chat
    sends requests only to the configured municipality's organisations, so where to ask instead, "avbryt"
    to stop, and the question again. A grandmother from Trollhättan got the list again and sent the
    request to it (persona round, session 33). Once told, only a question about it is told again, so an
    answer that names the place (a need, a BUP unit elsewhere) is not refused for ever."""
    text = tracker.latest_message.get("text") or ""
    if tracker.get_slot("requested_slot") != slot:
        return None
    home = municipality().get("name", "")
    place = rules.other_municipality_named(text, home)
    if place is None or (said_response(tracker, OTHER_MUNICIPALITY) and not reads_as_question(text)):
        return None
    if slot == "request_role" and (answers_as_a_relative(text) or rules.says_foster_home(text)):
        return None  # their own reply says where to ask
    dispatcher.utter_message(response=OTHER_MUNICIPALITY, municipality=home, place=place)
    return {slot: None}


def _placeholder_answer(tracker: Tracker, slot: str, *placeholders: str) -> dict[str, Any]:
    """A message that is only what channels.pii left ("[telefonnummer]") may be classified as any
    intent, even a command; when it answers the question asked, it is the answer."""
    text = tracker.latest_message.get("text") or ""
    if tracker.get_slot("requested_slot") == slot and any(p in text for p in placeholders):
        return {slot: text}
    return {}


def answers_the_name_question(tracker: Tracker) -> bool:
    """At "Vad heter du?", a name and then a phone number in one message, or skyddad identitet in
    one's own words ("jag vill helst inte skriva mitt namn pga skyddad id. kan de ringa mig istället"):
    both read as `human`, a command (persona rounds, session 27)."""
    text = tracker.latest_message.get("text") or ""
    return tracker.get_slot("requested_slot") == "request_contact_name" and (
        "skyddad" in rules.fold(text)
        or "[telefonnummer]" in text and rules.name_with_more_after(text) is not None)


def _name_answer(tracker: Tracker) -> dict[str, Any]:
    return {"request_contact_name": tracker.latest_message.get("text")} if answers_the_name_question(tracker) else {}


YES_WORDS = YES | ACKNOWLEDGEMENTS | {"ja tack", "ja det stammer", "stammer", "precis", "ja den", "den"}


def _only_offered(tracker: Tracker) -> str | None:
    """The title of the one button the bot offered since the person's message before, if it offered exactly
    one. Not only in its last message: after an offer the form asks its question again, without buttons."""
    said = (event for event in since_the_message_before(tracker) if event.get("event") == "bot")
    offer = next((event for event in said if (event.get("data") or {}).get("buttons")), None)
    buttons = ((offer or {}).get("data") or {}).get("buttons") or []
    return buttons[0].get("title") if len(buttons) == 1 else None


def _choices(titles: list[str]) -> list[dict[str, str]]:
    """Buttons that send their own title: the organisation question's slot takes it as typed text."""
    return [{"title": title, "payload": title} for title in titles]


def _offer_organisation_kinds(dispatcher: CollectingDispatcher, response: str) -> None:
    """The kinds of organisation (knowledge/organisation_groups.yml) as buttons, a few instead of the
    whole directory."""
    kinds = [group.label for group in rules.organisation_groups()]
    dispatcher.utter_message(response=response, buttons=_choices(kinds))


def _organisation_button(tracker: Tracker) -> dict[str, Any]:
    """A button of the organisation question (a kind, the way back to the kinds, an organisation's name)
    is the answer even when its payload reads as a command (`human`…) that the slot mapping refuses."""
    text = tracker.latest_message.get("text") or ""
    if tracker.get_slot("requested_slot") != "request_organisation" or not (
            rules.organisation_group_named(text) or rules.asks_for_other_kinds(text)
            or any(rules.fold(org.name) == rules.fold(text) for org in rules.directory())):
        return {}
    return {"request_organisation": text}


def _protected_identity(name_slot: str) -> dict[str, Any]:
    """Skyddad identitet said at a name question: no name, phone or address is stored; the person
    calls the organisation instead."""
    return {name_slot: PROTECTED, "request_contact_phone": PROTECTED, "request_contact_preference": PROTECTED,
            "request_contact_time": SKIPPED}


def _introduced_name(tracker: Tracker, slot: str) -> dict[str, Any]:
    """"jag heter Eva Lind" is classified as asking the bot its name (a command the slot mapping
    refuses); when it answers the name question asked, it is the answer."""
    text = tracker.latest_message.get("text") or ""
    if tracker.get_slot("requested_slot") == slot and rules.introduces_a_name(text):
        return {slot: text}
    return {}


def _button_answer(tracker: Tracker, domain: DomainDict, slot: str) -> dict[str, Any]:
    """A button's payload ("Telefonsamtal", "Annan") may be classified as a command too; when
    it is exactly one of the buttons of the question asked, it is the answer."""
    if tracker.get_slot("requested_slot") != slot:
        return {}
    text = rules.fold(tracker.latest_message.get("text") or "")
    variants = (domain.get("responses") or {}).get(f"utter_ask_{slot}") or []
    payloads = {rules.fold(b.get("payload", "")) for v in variants for b in v.get("buttons") or []}
    return {slot: tracker.latest_message.get("text")} if text and text in payloads else {}


# A short answer that names a way to be contacted ("ring helst") reads as `human`, a command, and got
# "Du kan alltid prata med en människa" (persona round, session 28).
CONTACT_WAY_MAX_WORDS = 5
# Own words for when to call, longer than this, are asked again (a story belongs under "Behov").
CONTACT_TIME_MAX_WORDS = 12


def _contact_way_named(tracker: Tracker) -> dict[str, Any]:
    text = tracker.latest_message.get("text") or ""
    if tracker.get_slot("requested_slot") != "request_contact_preference" or len(text.split()) > CONTACT_WAY_MAX_WORDS \
            or rules.parse_contact_preference(text) is None:
        return {}
    return {"request_contact_preference": text}


def _contact_time_named(tracker: Tracker) -> dict[str, Any]:
    """"efter kl 16" may read as a command (`human`); at the question of when to call it is the answer."""
    text = tracker.latest_message.get("text") or ""
    if tracker.get_slot("requested_slot") != "request_contact_time" or not (
            rules.contact_time(text) or rules.any_time(text)):
        return {}
    return {"request_contact_time": text}


def _with_contact_time(tracker: Tracker, said: dict[str, Any]) -> dict[str, Any]:
    """A time to call typed with a name, a number or a way to be contacted ("070-… efter kl 15") is kept."""
    when = rules.contact_time(tracker.latest_message.get("text") or "")
    return {**said, "request_contact_time": when} if when else said


def _with_contact_wishes(tracker: Tracker, said: dict[str, Any]) -> dict[str, Any]:
    """As _with_contact_time, and a way to be contacted typed with the number ("0701234567 men sms helst"
    was asked "Hur vill du helst…" next; persona round, session 35) is kept too, so it is not asked."""
    said = _with_contact_time(tracker, said)
    way = rules.contact_way_with_a_number(tracker.latest_message.get("text"))
    if way is None or said.get("request_contact_preference") is not None \
            or tracker.get_slot("request_contact_preference") == PROTECTED:
        return said
    said["request_contact_preference"] = way
    if way != rules.TELEFON and said.get("request_contact_time") is None \
            and not _given(tracker.get_slot("request_contact_time")):
        said["request_contact_time"] = SKIPPED  # only a call is asked when it suits
    return said


def answers_the_form_as_a_command(tracker: Tracker, domain: DomainDict) -> bool:
    """A message read as `human` that answers the request form's question (a name with a phone number,
    a button's payload, "ring helst"): the form takes it, so nothing is said about reaching a person."""
    slot = tracker.get_slot("requested_slot")
    return answers_the_name_question(tracker) or bool(_contact_way_named(tracker)) \
        or bool(_contact_time_named(tracker)) or bool(_organisation_button(tracker)) or bool(
        slot and slot.startswith("request_") and _button_answer(tracker, domain, slot))


def _child_answer(value: Any, tracker: Tracker) -> tuple[int, str | None]:
    """Age and personnummer from an answer; a scrubbed number is read from the encrypted metadata.
    Raises rules.AgeError."""
    text = str(value or "")
    if any(p in text for p in PNR_PLACEHOLDERS):
        number = revealed(tracker, "personnummer", "samordningsnummer")
        if number is None:  # no metadata (or its key is gone): cannot be read back
            raise rules.AgeError("removed")
        text = number
    return rules.parse_child(text, child_name=_child_name(tracker), own=_asks_for_themself(tracker))


def _child_name(tracker: Tracker) -> str | None:
    """The name given for the child, so "Elsa är 12" is read as her age; not the protected-identity mark."""
    name = tracker.get_slot("request_child_name")
    return name if name not in (None, SKIPPED, PROTECTED) else None


def _asks_for_themself(tracker: Tracker) -> bool:
    """A young person asking for themself: their "jag är 19" is the child's age (a guardian's "jag är 40" is not)."""
    return tracker.get_slot("request_role") == rules.UNG


async def _choice_or_question(slot: str, parsed: str | None, dispatcher: CollectingDispatcher, tracker: Tracker,
                              domain: DomainDict) -> dict[str, Any]:
    """As _choice, but a question typed instead of an option is answered ("vad händer efter jag skickat
    detta?" at the way to be contacted got "Välj ”Telefonsamtal”…"; persona round, session 31)."""
    if parsed is None and await answered_instead(dispatcher, tracker, domain, needs_mark=True):
        return {slot: None}
    return _choice(slot, parsed, dispatcher)


def _choice(slot: str, parsed: str | None, dispatcher: CollectingDispatcher) -> dict[str, Any]:
    """A question with fixed options: the option, or its utter_<slot>_unclear and the question again."""
    if parsed is None:
        dispatcher.utter_message(response=f"utter_{slot}_unclear")
    return {slot: parsed}


def _tell_where_to_ask(dispatcher: CollectingDispatcher) -> None:
    """A young person under 18 asks for a SIP elsewhere: where, from the article on who may ask."""
    dispatcher.utter_message(response="utter_request_under_18", article=articles()[UNDER_18_ARTICLE].render())


def _tell_staff(dispatcher: CollectingDispatcher) -> None:
    """Someone who works with SIP calls it themself: how, in the staff wording of the article."""
    dispatcher.utter_message(response="utter_request_for_staff",
                             article=articles()[UNDER_18_ARTICLE].render(for_staff=True))


def _staff_instead(slot: str, value: Any, dispatcher: CollectingDispatcher) -> dict[str, Any] | None:
    """"vänta, jag är kurator på skolan, det är jag som ska kalla" at one of the first questions:
    how staff call a SIP, and the question again (with "avbryt" to stop); None otherwise."""
    if not says_they_work_with_sip(str(value or "")):
        return None
    _tell_staff(dispatcher)
    dispatcher.utter_message(response="utter_request_staff_may_stop")
    return {slot: None}


AGE_MESSAGES = {"personnummer": "utter_request_age_personnummer", "future": "utter_request_age_future",
                "removed": "utter_request_age_removed"}


class ValidateRequestForm(FormValidationAction):
    def name(self) -> str:
        return "validate_request_form"

    async def extract_request_contact_phone(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                                            domain: DomainDict) -> dict[str, Any]:
        return _placeholder_answer(tracker, "request_contact_phone", "[telefonnummer]")

    async def extract_request_age(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                                  domain: DomainDict) -> dict[str, Any]:
        return _placeholder_answer(tracker, "request_age", *PNR_PLACEHOLDERS)

    async def extract_request_personnummer(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                                           domain: DomainDict) -> dict[str, Any]:
        return _placeholder_answer(tracker, "request_personnummer", *PNR_PLACEHOLDERS)

    async def extract_request_child_name(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                                         domain: DomainDict) -> dict[str, Any]:
        return _introduced_name(tracker, "request_child_name")

    async def extract_request_contact_name(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                                           domain: DomainDict) -> dict[str, Any]:
        return _introduced_name(tracker, "request_contact_name") or _name_answer(tracker)

    async def extract_request_organisation(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                                           domain: DomainDict) -> dict[str, Any]:
        return _organisation_button(tracker)

    async def extract_request_kind(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                                   domain: DomainDict) -> dict[str, Any]:
        return _button_answer(tracker, domain, "request_kind")

    async def extract_request_noticed_by(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                                         domain: DomainDict) -> dict[str, Any]:
        return _button_answer(tracker, domain, "request_noticed_by")

    async def extract_request_contact_preference(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                                                 domain: DomainDict) -> dict[str, Any]:
        return _button_answer(tracker, domain, "request_contact_preference") or _contact_way_named(tracker)

    async def extract_request_contact_time(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                                           domain: DomainDict) -> dict[str, Any]:
        return _contact_time_named(tracker)  # its buttons' payloads are times too

    @as_an_answer
    async def validate_request_kind(self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker,
                                    domain: DomainDict) -> dict[str, Any]:
        return _staff_instead("request_kind", value, dispatcher) or await _choice_or_question(
            "request_kind", rules.parse_kind(str(value or "")), dispatcher, tracker, domain)

    @as_an_answer
    async def validate_request_sides(self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker,
                                     domain: DomainDict) -> dict[str, Any]:
        text = str(value or "")
        named = rules.sides_of_the_named(text) if reads_as_question(text) else None
        if named is not None and not says_they_work_with_sip(text):
            # "asså jag har vuxenpsyk och soc om boende, e det båda?" was taken as "båda" without a word
            # (persona round, session 36): which side what they named belongs to, and that is the answer.
            dispatcher.utter_message(response="utter_request_sides_explained", sides=label(domain, named))
            return {"request_sides": named}
        return _staff_instead("request_sides", value, dispatcher) or await _choice_or_question(
            "request_sides", rules.parse_sides(text), dispatcher, tracker, domain)

    @staticmethod
    def before_request_role(text: str, dispatcher: CollectingDispatcher, tracker: Tracker) -> dict[str, Any] | None:
        """Asking about the role ("Ska jag trycka på vårdnadshavare då?") is not having it, and is
        told who may ask here rather than answered from the articles."""
        # A denial alone ("jag är inte vårdnadshavare") names no role and is asked to choose, as before.
        if rules.names_a_non_guardian_role(text) and (rules.parse_role(text) is not None
                                                      or not rules.denies_being_a_guardian(text)
                                                      or rules.says_someone_else_is_the_guardian(text)):
            # "Jag är familjehemsförälder, Elin bor hos oss men hennes mamma är vårdnadshavare." was saved as
            # vårdnadshavare, a false legal status (persona round, session 36): told as "familjehemsförälder"
            # alone is, before any question in it is answered.
            foster = rules.says_they_are_a_foster_parent(text) or rules.says_foster_home(text)
            dispatcher.utter_message(response="utter_request_role_foster_home" if foster
                                     else "utter_request_role_relative")
            return {"request_role": None}
        if rules.parse_role(text) is None:
            return None
        # "jag är hans mormor, mamman är sjuk" names a guardian but is a relative.
        relative = answers_as_a_relative(text)
        if not relative and not rules.asks_about_the_role(text):
            return None
        dispatcher.utter_message(response="utter_request_role_relative" if relative else "utter_request_role_asked")
        return {"request_role": None}

    @as_an_answer
    async def validate_request_role(self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker,
                                    domain: DomainDict) -> dict[str, Any]:
        text = str(value or "")
        role = rules.parse_role(text)
        if role is None and rules.says_foster_home(text):
            # A familjehem talks with the child's socialsekreterare; the role is asked again, so a
            # guardian can still pick it (persona round, session 26: "familjehem" got "pick a button").
            dispatcher.utter_message(response="utter_request_role_foster_home")
            return {"request_role": None}
        if role is None and answers_as_a_relative(text):
            # "Jag är hans mormor" was only told to pick a button (persona round, session 27).
            dispatcher.utter_message(response="utter_request_role_relative")
            return {"request_role": None}
        if role != rules.VARDNADSHAVARE and rules.says_they_are_under_18(text):
            # Only a guardian, or the young person from 18, asks here: the others are told where to ask.
            # Also with "jag själv" ("jag själv men jag e 17" was taken as 18–20 and asked for his name
            # and personnummer; persona round, session 33).
            _tell_where_to_ask(dispatcher)
            return {"request_role": None}
        staff = _staff_instead("request_role", text, dispatcher) if role is None else None  # "jag är läkare på vc"
        if staff:
            return staff
        # "förälder, men vänta – måste pappan också godkänna?": the question went unanswered (persona
        # round, session 26); it is answered, and a role said with it is kept. Only with a question
        # mark: "är vårdnadshavare" opens like a question.
        if await answered_instead(dispatcher, tracker, domain, needs_mark=True):
            return {"request_role": role}
        return _choice("request_role", role, dispatcher)

    @as_an_answer
    async def validate_request_child_name(self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker,
                                          domain: DomainDict) -> dict[str, Any]:
        text = str(value or "")
        if "skyddad" in rules.fold(text):
            # The age is still asked, to say whether a SIP fits (the personnummer was asked straight
            # after the button once: persona round, session 20).
            own = {"request_contact_name": PROTECTED} if tracker.get_slot("request_role") == rules.UNG else {}
            return {**_protected_identity("request_child_name"), "request_personnummer": SKIPPED, **own}
        name = rules.person_name(text) or rules.name_with_more_after(text)
        if name is None or rules.declines(name):
            # A question instead of the name is answered, then the name asked again (session 36).
            if not await answered_instead(dispatcher, tracker, domain, needs_mark=True):
                dispatcher.utter_message(response="utter_request_child_name_needed")
            return {"request_child_name": None}
        said = {"request_child_name": name}
        # "Leo Andersson, född 2016"; a young person's own "Sara Ek, jag är 19", asked again before (session 38).
        age = rules.age_with_a_name(text, name=name)
        if age is None and any(c.isdigit() for c in text):
            age = rules.spoken_age(text, name, _asks_for_themself(tracker))
        if age is not None:
            said.update(self._age(age, dispatcher, tracker))
        if tracker.get_slot("request_role") == rules.UNG:  # asking for themself: their name is the contact's
            said["request_contact_name"] = name
        return said

    @as_an_answer
    def validate_request_personnummer(self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker,
                                      domain: DomainDict) -> dict[str, Any]:
        text = str(value or "")
        # A number in the message wins over a "nej": "nej vänta jag kollar papper... det är 20160418-2384" was
        # taken as a refusal (persona round, session 36).
        numbered = any(p in text for p in PNR_PLACEHOLDERS) or has_id_number_shape(text)
        if rules.declines(text) and not numbered:  # the age question comes next, so nobody is stuck
            # "vet inte hennes personnummer men hon ar 12": the age is not asked for again. Only the child's age:
            # "jag har haft henne i 2 år", "mamma är 40" are not (rules.spoken_age).
            age = rules.spoken_age(text, _child_name(tracker), _asks_for_themself(tracker))
            if age is not None:
                return {"request_personnummer": SKIPPED, **self._age(age, dispatcher, tracker)}
            dispatcher.utter_message(response="utter_request_personnummer_declined")
            return {"request_personnummer": SKIPPED}
        try:
            age, number = _child_answer(value, tracker)
        except rules.AgeError as error:
            dispatcher.utter_message(response=AGE_MESSAGES.get(error.reason, "utter_request_personnummer_unclear"))
            return {"request_personnummer": None}
        # An age alone is a fine answer too: the age question is then skipped.
        return {"request_personnummer": seal(number) or SKIPPED, **self._age(age, dispatcher, tracker)}

    @as_an_answer
    def validate_request_age(self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker,
                             domain: DomainDict) -> dict[str, Any]:
        try:
            age, number = _child_answer(value, tracker)
        except rules.AgeError as error:
            dispatcher.utter_message(response=AGE_MESSAGES.get(error.reason, "utter_request_age_unclear"))
            return {"request_age": None}
        sealed = {"request_personnummer": seal(number)} if number else {}
        return {**sealed, **self._age(age, dispatcher, tracker)}

    @staticmethod
    def _age(age: int, dispatcher: CollectingDispatcher, tracker: Tracker) -> dict[str, Any]:
        if rules.too_young_to_ask(tracker.get_slot("request_role"), age):
            # "Planen gäller mig, jag är 18–20 år", then "15": told where to ask, and asked who they are.
            _tell_where_to_ask(dispatcher)
            return {"request_age": None, "request_personnummer": None, "request_role": None}
        if tracker.get_slot("requested_slot") != "request_age" and tracker.get_slot("request_age") == str(age):
            return {"request_age": str(age)}  # said with the name, then the personnummer: judged once
        # Explain whether a SIP fits; the request goes on either way.
        verdict = rules.eligibility(age, tracker.get_slot("request_sides"))
        dispatcher.utter_message(response=f"utter_request_eligibility_{verdict}")
        if rules.consents_themself(tracker.get_slot("request_role"), age):
            dispatcher.utter_message(response="utter_request_adult_consents")
        return {"request_age": str(age)}  # never the personnummer itself

    @as_an_answer
    def validate_request_organisation(self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker,
                                      domain: DomainDict) -> dict[str, Any]:
        text = str(value or "")
        offered = _only_offered(tracker)
        if offered and rules.fold(text).strip(" .!") in YES_WORDS:
            # "ja" to "Menar du den här?" got "Jag hittade inte den verksamheten" and every button
            # (verification round, session 27).
            text = offered
        group = rules.organisation_group_named(text)
        if group is not None:  # a kind chosen: its organisations, and a way back to the kinds
            dispatcher.utter_message(response="utter_request_organisation_group", group=group.label,
                                     buttons=_choices([org.name for org in group.organisations]
                                                      + [rules.other_kinds_label()]))
            return {"request_organisation": None}
        if rules.asks_for_other_kinds(text):
            _offer_organisation_kinds(dispatcher, "utter_request_organisation_kinds")
            return {"request_organisation": None}
        found = rules.match_organisations(text) or rules.organisations_of_a_named_type(text)
        exact = [org for org in found if rules.fold(org.name) == rules.fold(text)]
        if exact:
            return {"request_organisation": exact[0].id}
        if not found:
            # Every organisation as buttons was a wall of buttons on a phone (session 36): the kinds first.
            _offer_organisation_kinds(dispatcher, "utter_request_organisation_unknown")
            return {"request_organisation": None}
        # Recognised from free text: confirmed by choosing the named entry with a button.
        pick = "utter_request_organisation_pick_one" if len(found) == 1 else "utter_request_organisation_pick"
        dispatcher.utter_message(response=pick, buttons=_choices([org.name for org in found]))
        return {"request_organisation": None}

    @as_an_answer
    async def validate_request_needs(self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker,
                                     domain: DomainDict) -> dict[str, Any]:
        both = answer_and_question(tracker.latest_message.get("text"))
        if both is None and (_told_about_the_other_guardian("request_needs", dispatcher, tracker)
                             or await answered_instead(dispatcher, tracker, domain)):
            # A question is answered, not sent to the organisation; the form asks again.
            return {"request_needs": None}
        answer = clean_answer(both[0] if both else value, refusal_skips=True)
        if answer.too_long:
            dispatcher.utter_message(response="utter_answer_too_long", max_length=MAX_ANSWER_LENGTH)
            return {"request_needs": None}
        if both is not None:
            # "Han mår dåligt i skolan. Vad händer sen?" lost the story to the answer of its question
            # (persona round, session 32): the story is kept and said back, then the question answered.
            if answer.text:
                dispatcher.utter_message(response="utter_request_needs_kept", answer=answer.text)
            if not _told_about_the_other_guardian("request_needs", dispatcher, tracker, question=both[1]):
                await ActionAnswerQuestion().run(dispatcher, asking_only(tracker, both[1]), domain)
        return {"request_needs": answer.text or SKIPPED}

    @as_an_answer
    def validate_request_noticed_by(self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker,
                                    domain: DomainDict) -> dict[str, Any]:
        # Free text that names none of the options is "annan", so this question hardly ever blocks; only a yes
        # or no about something else ("ja hon har sagt ok") is asked again, with the options.
        parsed = rules.parse_noticed_by(str(value or ""), tracker.get_slot("request_role"))
        if parsed == rules.SOCIALTJANST and rules.names_lss(str(value or "")):
            # "lss-handläggaren" was saved as socialtjänst without a word (persona round, session 38): said back.
            dispatcher.utter_message(response="utter_request_noticed_by_lss")
        return _choice("request_noticed_by", parsed, dispatcher)

    @as_an_answer
    async def validate_request_contact_name(self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker,
                                            domain: DomainDict) -> dict[str, Any]:
        text = str(value or "")
        # A young adult asking for themself is also the one the plan is for: their summary shows one name.
        own = tracker.get_slot("request_role") == rules.UNG
        if "skyddad" in rules.fold(text):
            return {**_protected_identity("request_contact_name"), **({"request_child_name": PROTECTED} if own else {})}
        name = rules.person_name(text) or rules.name_with_more_after(text)
        if name is None:
            if not await answered_instead(dispatcher, tracker, domain, needs_mark=True):
                dispatcher.utter_message(response="utter_request_name_needed")
            return {"request_contact_name": None}
        said = {"request_contact_name": name, **({"request_child_name": name} if own else {})}
        # A phone number given with the name is kept too, so it is not asked for (session 27).
        phone = rules.normalise_phone(revealed_phone(tracker) or "") if "[telefonnummer]" in text else None
        if phone:
            return _with_contact_wishes(tracker, {**said, "request_contact_phone": seal_phone(phone)})
        return _with_contact_time(tracker, said)

    @as_an_answer
    def validate_request_contact_phone(self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker,
                                       domain: DomainDict) -> dict[str, Any]:
        text = str(value or "")
        if "skyddad" in rules.fold(text):
            # As at a name question, no name is kept either: the summary showed "Ditt namn: Alva Nord"
            # beside "skyddad identitet" (verification round, session 28).
            return {**_protected_identity("request_contact_name"), "request_child_name": PROTECTED}
        if "[telefonnummer]" in text:  # scrubbed by the channel: the number is in the encrypted metadata
            text = revealed_phone(tracker) or text
        phone = rules.normalise_phone(text)
        if phone is None:
            # "jag vill inte lämna mitt nummer" once got "Det ser inte ut som ett svenskt
            # telefonnummer" again and again.
            declined = rules.declines(text)
            dispatcher.utter_message(
                response="utter_request_phone_declined" if declined else "utter_request_phone_invalid")
        return _with_contact_wishes(tracker, {"request_contact_phone": seal_phone(phone)}) if phone \
            else {"request_contact_phone": None}

    @as_an_answer
    async def validate_request_contact_preference(self, value: Any, dispatcher: CollectingDispatcher,
                                                  tracker: Tracker, domain: DomainDict) -> dict[str, Any]:
        way = rules.parse_contact_preference(str(value or ""))
        said = await _choice_or_question("request_contact_preference", way, dispatcher, tracker, domain)
        # Only a call needs a time; one typed anyway is kept, also one typed with the number before
        # ("070-312 45 67, helst efter 15", then "SMS", showed "Passar bäst: -"; persona round, session 35).
        if way in (rules.SMS, rules.BREV) and not _given(tracker.get_slot("request_contact_time")):
            said["request_contact_time"] = SKIPPED
        return _with_contact_time(tracker, said) if way else said

    @as_an_answer
    async def validate_request_contact_time(self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker,
                                            domain: DomainDict) -> dict[str, Any]:
        text = str(value or "")
        if rules.any_time(text) or rules.declines(text):
            return {"request_contact_time": SKIPPED}
        named = rules.contact_time(text)
        if not named and await answered_instead(dispatcher, tracker, domain, needs_mark=True):
            return {"request_contact_time": None}
        # Short own words ("helst när barnen sover") are kept as written, for the organisation to read;
        # from a longer answer only the words that name a time.
        answer = clean_answer(text)
        short = answer.text and len(answer.text.split()) <= CONTACT_TIME_MAX_WORDS
        when = rules.without_time_label(answer.text)[:rules.MAX_CONTACT_TIME] if short else named
        if when:
            return {"request_contact_time": when}
        dispatcher.utter_message(response="utter_request_contact_time_unclear")
        return {"request_contact_time": None}

    @staticmethod
    def before_request_consent(text: str, dispatcher: CollectingDispatcher, tracker: Tracker) -> dict[str, Any] | None:
        """A wish to give the samtycke now is "saknas än" and said so; "vad menar du med redan gett?" is
        told what "redan" means; a bare "ja" after such a wish is asked which it means. A mother's "jag vill
        ge samtycke nu…" was kept as "saknas än" without a word, and her later "ja" as "finns", which was
        false (persona round, session 35). Before a question is answered aside: the wish often asks one."""
        wish = rules.wants_to_give_consent_now(text)
        if rules.asks_what_already_means(text):
            dispatcher.utter_message(response="utter_request_consent_already_explained")
            if not wish:
                return {"request_consent": None}
        if wish:
            dispatcher.utter_message(response="utter_request_consent_later")
            return {"request_consent": rules.CONSENT_HERE}
        if rules.bare_yes(text) and said_response(tracker, "utter_request_consent_later"):
            dispatcher.utter_message(response="utter_request_consent_which_yes")
            return {"request_consent": None}
        return None

    @as_an_answer
    async def validate_request_consent(self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker,
                                       domain: DomainDict) -> dict[str, Any]:
        words = rules.fold(str(value or "")).split()
        given = bool(words) and words[0] in YES or "finns" in words
        # "nej. vad är samtycke? pappa måste också säga ja?" went on to the summary with its questions
        # unanswered (persona round, session 29): they are answered, and the answer kept.
        # "…pappan har inte gett något samtycke. räcker det med mitt?" went on to the summary unanswered (persona
        # round, session 38): whether one guardian is enough is told as at every question.
        if not _told_about_the_other_guardian("request_consent", dispatcher, tracker):
            await answered_instead(dispatcher, tracker, domain, needs_mark=True)
        return {"request_consent": rules.CONSENT_GIVEN if given else rules.CONSENT_MISSING}

    @staticmethod
    def before_request_confirm(text: str, dispatcher: CollectingDispatcher,
                               tracker: Tracker) -> dict[str, Any] | None:
        """Whom the request goes to, then the summary again: "innan jag skickar, får pappan veta att jag
        skickat?" got only "Välj ”Ja, skicka”…" (persona round, session 36). Before a question is answered
        aside: "får hennes mamma veta att jag skickat detta?" got the samtycke article (verification round).
        "måste hans pappa också godkänna?" too: the same text says the material does not say if one is enough."""
        if not (rules.asks_who_is_told(text) or rules.asks_about_the_other_guardian(text)):
            return None
        _tell_who_is_told(dispatcher, tracker)
        return {"request_confirm": None}

    @as_an_answer
    async def validate_request_confirm(self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker,
                                       domain: DomainDict) -> dict[str, Any]:
        words = rules.fold(str(value or ""))
        if "samtyck" in words and rules.wants_to_give_consent_now(words):
            dispatcher.utter_message(response="utter_request_consent_later")
            return {"request_confirm": None, "request_consent": rules.CONSENT_HERE}
        if "samtyck" in words:
            # "ja vi har gett samtycke" and the consent button's "ja samtycke finns" sent the request
            # as it was, "saknas än" (verification round, session 31): the question again.
            return {"request_confirm": None, "request_consent": None}
        when = rules.contact_time(str(value or ""))
        if rules.confirms(words):  # "ja skicka, ring efter 16": sent with the time
            return {"request_confirm": "ja", **({"request_contact_time": when} if when else {})}
        padded = f" {' '.join(rules.words_of(words))} "  # so " tid " is a word, not part of "tidigare"
        # "nej, ändra…", "numret är fel", "jag har ångrat mig", "det står uppföljning men…"
        # "det står brev fortfarande, jag vill att de RINGER": a way other than the one chosen.
        # Not "ringer skolan henne?": a question about someone else changed sms to a call (session 36).
        way = rules.last_contact_preference(words) if rules.changes_own_contact_way(str(value or "")) else None
        way = way if way not in (None, tracker.get_slot("request_contact_preference")) \
            and tracker.get_slot("request_contact_preference") != PROTECTED else None
        if rules.CHANGE_WORDS & set(rules.words_of(words)) or any(cue in padded for cue in KIND_CUES):
            for cues, slots in CHANGES:
                if any(cue in padded for cue in cues):
                    if slots == ("request_contact_time",) and when:
                        # "andra tid. ring innan kl 12 bara" asked for the time again (persona round, session 39).
                        return self._new_contact(when, way, dispatcher, tracker)
                    if slots == SLOTS:
                        dispatcher.utter_message(response="utter_request_change")
                    return {"request_confirm": None, **{slot: None for slot in slots}}
            named = rules.match_organisations(str(value or ""))
            if len(named) == 1 and named[0].id != tracker.get_slot("request_organisation") \
                    and "inte" not in rules.words_of(words):
                # "nej vänta, jag vill att den går till bup istället" (persona round, session 24: its
                # "kontakt med" asked for the contact details again). Not "nej, inte bup", nor with
                # another part named ("telefonnumret är fel, det är mitt nummer på vårdcentralen").
                dispatcher.utter_message(response="utter_request_organisation_changed", organisation=named[0].name)
                return {"request_confirm": None, "request_organisation": named[0].id}
            if when or way:
                return self._new_contact(when, way, dispatcher, tracker)
            dispatcher.utter_message(response="utter_request_what_to_change")
            return {"request_confirm": None}
        if when or way:  # "kan ni ringa efter 16": the summary again with the time
            return self._new_contact(when, way, dispatcher, tracker)
        # Any other question is answered, and the summary with its choices shown again (session 36).
        if not await answered_instead(dispatcher, tracker, domain, needs_mark=True):
            dispatcher.utter_message(response="utter_request_confirm_unclear")
        return {"request_confirm": None}

    @staticmethod
    def _new_contact(when: str | None, way: str | None, dispatcher: CollectingDispatcher,
                     tracker: Tracker) -> dict[str, Any]:
        """A new time or way to be contacted typed at the summary, which is shown again."""
        said: dict[str, Any] = {"request_confirm": None}
        if way:
            said["request_contact_preference"] = way
            if way == rules.TELEFON and not when and tracker.get_slot("request_contact_time") == SKIPPED:
                said["request_contact_time"] = None  # a call: when it suits is asked
        if when:
            earlier = _given(tracker.get_slot("request_contact_time"))
            # "och inte på onsdagar" adds to "efter kl 16" (it replaced it; verification round, session 31).
            adds = earlier and rules.adds_to_what_was_said(str(tracker.latest_message.get("text") or ""))
            said["request_contact_time"] = f"{earlier}. {when}"[:rules.MAX_CONTACT_TIME] if adds else when
        dispatcher.utter_message(response="utter_request_corrected",
                                 what="tiden" if when and not way else "hur de kontaktar dig")
        return said


class ActionAskRequestConfirm(Action):
    """The summary, filled from the slots, with the labels from the domain."""

    def name(self) -> str:
        return "action_ask_request_confirm"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict):
        phone = open_phone(tracker.get_slot("request_contact_phone"))
        child_name = tracker.get_slot("request_child_name")
        preference = tracker.get_slot("request_contact_preference")
        dispatcher.utter_message(
            response="utter_request_summary",
            kind=label(domain, tracker.get_slot("request_kind") or "", tracker),
            organisation=rules.organisation_name(tracker.get_slot("request_organisation")),
            role=label(domain, tracker.get_slot("request_role") or ""),
            child_name=label(domain, "skyddad_namn") if child_name == PROTECTED else child_name or "-",
            # Masked like the phone: the date of birth only.
            personnummer=mask_personnummer(tracker.get_slot("request_personnummer")) or label(domain, "ej_angivet"),
            age=tracker.get_slot("request_age") or "-",
            sides=label(domain, tracker.get_slot("request_sides") or ""),
            needs=needs_to_send(tracker) or SKIPPED,
            noticed_by=label(domain, tracker.get_slot("request_noticed_by") or rules.ANNAN, tracker),
            name=label(domain, "skyddad_namn") if tracker.get_slot("request_contact_name") == PROTECTED
            else tracker.get_slot("request_contact_name") or "-",
            # Masked: the bot's replies are kept in the tracker store, which must not hold the number.
            phone=label(domain, PROTECTED) if phone == PROTECTED else mask_phone(phone),
            contact_preference=label(domain, "ringer_sjalv" if preference == PROTECTED else preference or rules.TELEFON),
            contact_time_line=_contact_time_line(tracker, domain),
            consent=label(domain, tracker.get_slot("request_consent") or rules.CONSENT_MISSING),
        )
        return []


def _contact_time_line(tracker: Tracker, domain: DomainDict) -> str:
    """The summary's "• Passar bäst: …" line, on a line of its own. A time is asked only for a call:
    with an SMS, a letter or skyddad identitet and no time given, the line is left out ("Passar bäst: -"
    for what was never asked; persona round, session 35)."""
    preference = tracker.get_slot("request_contact_preference") or rules.TELEFON
    when = _given(tracker.get_slot("request_contact_time"))
    if when is None and preference != rules.TELEFON:
        return ""
    return "\n" + label(domain, "passar_bast_rad").replace("{time}", when or label(domain, "ingen_tid"))


def _given(value: str | None) -> str | None:
    """None for "not given" and for skyddad identitet, which stores nothing."""
    return None if value in (SKIPPED, PROTECTED) else value


def request_data(tracker: Tracker) -> request_store.RequestData:
    phone = open_phone(tracker.get_slot("request_contact_phone"))
    age = tracker.get_slot("request_age")
    protected = PROTECTED in (phone, tracker.get_slot("request_child_name"), tracker.get_slot("request_contact_name"))
    return request_store.RequestData(
        organisation_id=tracker.get_slot("request_organisation"),
        requester_role=tracker.get_slot("request_role"),
        child_age=int(age) if age and str(age).isdigit() else None,
        sides=tracker.get_slot("request_sides") or rules.UNKNOWN,
        needs=needs_to_send(tracker),
        contact_name=_given(tracker.get_slot("request_contact_name")),
        # Skyddad identitet: no phone or address is stored at all.
        contact_phone=None if protected else phone,
        contact_preference=PROTECTED if protected else tracker.get_slot("request_contact_preference") or rules.TELEFON,
        # Given here after sending, not before: still missing in the request.
        consent=rules.CONSENT_MISSING if tracker.get_slot("request_consent") == rules.CONSENT_HERE
        else tracker.get_slot("request_consent") or rules.CONSENT_MISSING,
        kind=tracker.get_slot("request_kind"),
        noticed_by=tracker.get_slot("request_noticed_by"),
        child_name=_given(tracker.get_slot("request_child_name")),
        child_personnummer=_given(unseal(tracker.get_slot("request_personnummer"))),
        contact_time=None if protected else _given(tracker.get_slot("request_contact_time")),
    )


class ActionSubmitRequest(Action):
    def name(self) -> str:
        return "action_submit_request"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict):
        clear = [SlotSet(slot, None) for slot in SLOTS]
        if tracker.get_slot("request_confirm") != "ja":
            return clear
        org = rules.organisation(tracker.get_slot("request_organisation"))
        data = request_data(tracker)
        events: list[dict[str, Any]] = []
        reference = tracker.get_slot("case_reference") if is_verified(tracker) else None
        try:
            if reference is None:
                new_case = store().create_case()
                reference = new_case.reference
                events += [SlotSet("case_reference", reference), SlotSet("case_verified", True)]
                request_store.save_request(store(), reference, data)
                dispatcher.utter_message(response="utter_request_saved", organisation=org.name,
                                         reference=reference, code=new_case.code)
            else:
                request_store.save_request(store(), reference, data)
                dispatcher.utter_message(response="utter_request_saved_existing_case", organisation=org.name,
                                         reference=reference)
        except Exception:  # noqa: BLE001 - the person gets a clear message, never a crash
            dispatcher.utter_message(response="utter_request_failed")
            return clear
        protected = data.contact_preference == PROTECTED
        dispatcher.utter_message(response="utter_request_next_steps" + ("_protected" if protected else ""),
                                 organisation=org.name)
        if protected:
            dispatcher.utter_message(response="utter_request_protected_identity", organisation=org.name,
                                     reference=reference)
        if tracker.get_slot("request_consent") == rules.CONSENT_HERE:
            # Said in the form: the samtycke is offered now, one tap away, and saved in this case (the
            # case opened here; a 19-year-old got it only after he pushed; persona round, session 35).
            dispatcher.utter_message(response="utter_request_offer_consent", reference=reference)
        return events + clear


# What "jag vill inte ha sip längre" needs when it names no request: how a SIP ends.
ENDING_ARTICLE = "sip_avslut"

# Reached after case access (a FollowupAction no rule foresees), so they say outright that the
# person speaks next; otherwise the policies fall back.
LISTEN = [FollowupAction("action_listen")]


def latest_open_request(reference: str) -> dict | None:
    """The case's latest request not yet handled (the one a change or a withdrawal is about)."""
    open_requests = [r for r in request_store.requests_for(store(), reference) if r["status"] == RECEIVED]
    return open_requests[-1] if open_requests else None


def _open_request(tracker: Tracker) -> tuple[str, dict] | None:
    """The case opened here and its latest request not yet handled, when the message names no other case."""
    reference = tracker.get_slot("case_reference")
    if not is_verified(tracker) or reference_named_in(tracker.latest_message.get("text") or "") not in (None, reference):
        return None
    latest = latest_open_request(reference)
    return (reference, latest) if latest else None


def _says_no(tracker: Tracker) -> bool:
    """`deny`, or a message that opens with a no ("nej, den ska ligga kvar")."""
    words = rules.words_of(tracker.latest_message.get("text") or "")
    return (tracker.latest_message.get("intent") or {}).get("name") == "deny" or bool(words[:1] and words[0] in NO)


# What the bot says when a request was sent (action_submit_request).
SENT_RESPONSES = ("utter_request_saved", "utter_request_saved_existing_case")


def told_how_to_change_a_sent_request(dispatcher: CollectingDispatcher, tracker: Tracker) -> bool:
    """"jag vill ändra tid när de ringer mig" after sending: a sent request cannot be changed here, so
    whom to tell, or take it back and send a new one. It got "Du kan alltid prata med en människa" and
    the text about taking back a samtycke (persona round, session 32). In the request form a change is
    the form's own."""
    text = tracker.latest_message.get("text")
    if (tracker.active_loop or {}).get("name") == FORM or not rules.asks_to_change_a_sent_request(text):
        return False
    found = _open_request(tracker)
    if found is None:
        # Only about a request that was sent: one sent in this conversation, or one the message speaks
        # of ("kan jag ändra numret i min begäran"). A grandmother who had paused the form ("Inget är
        # skickat") and asked whom to call got "En begäran som redan är skickad…" (persona round, session 33).
        if not (rules.names_a_request(text) or any(said_response(tracker, sent) for sent in SENT_RESPONSES)):
            return False
        # No code needed to hear that; the button asks for it.
        dispatcher.utter_message(response="utter_request_change_after_sending_general")
    else:
        reference, latest = found
        dispatcher.utter_message(response="utter_request_change_after_sending", reference=reference,
                                 organisation=rules.organisation_name(latest["organisation_id"]))
    return True


def sent_in_this_conversation(tracker: Tracker) -> bool:
    """Whether a request was sent in this conversation: then no offer to begin one should follow an
    answer ("vem kallar?" after sending got "Vill du be om en SIP? [Begära en SIP]"; persona round,
    session 35). For actions/answer_question.py offers_fit."""
    return any(said_response(tracker, sent) for sent in SENT_RESPONSES)


def told_who_calls_after_sending(dispatcher: CollectingDispatcher, tracker: Tracker) -> bool:
    """"vem kallar?" after a request was sent here: the organisation it went to, as the next steps say
    (it got a general text; persona round, session 35). "när hör skolan av sig?", "hur lang tid innan dom
    kontaktar mig" and "om ingen hor av sig pa 2 veckor, vad gor jag?" got nothing useful (verification round,
    session 35): the same, what the material says of the time, and whom to contact if nobody has. False when
    no request was sent here, in a form, or when the message asks something else."""
    text = tracker.latest_message.get("text")
    if (tracker.active_loop or {}).get("name") or not sent_in_this_conversation(tracker):
        return False
    who, when = rules.asks_who_calls(text), rules.asks_when_they_get_in_touch(text)
    if not (who or when):
        return False
    found = _open_request(tracker)
    if found is None:
        return False  # taken back, or the case is not open here: the articles answer
    reference, latest = found
    org = rules.organisation(latest["organisation_id"])
    name = rules.organisation_name(latest["organisation_id"])
    if latest.get("contact_preference") == PROTECTED:
        dispatcher.utter_message(response="utter_request_who_calls_protected", organisation=name)
    elif who:
        dispatcher.utter_message(response="utter_request_who_calls", organisation=name)
    else:
        # A phone number only where knowledge/organisations.yml has one from the seeds.
        phone = "\n" + rules.label_text("telefon_rad").replace("{phone}", org.phone) if org and org.phone else ""
        dispatcher.utter_message(response="utter_request_when_they_call", organisation=name, reference=reference,
                                 phone=phone)
    return True


WITHDRAW_PAYLOAD = "/withdraw_request"


def kept_after_the_offer_to_withdraw(dispatcher: CollectingDispatcher, tracker: Tracker) -> bool:
    """A "nej" right after a message offering "Ta tillbaka begäran" that no rule expects (after the
    explanation that a sent request cannot be changed): the request stays. It got "Nu hängde jag inte
    med" (verification round, session 32)."""
    offered = any(button.get("payload") == WITHDRAW_PAYLOAD for button in last_bot_buttons(tracker))
    if not offered or not _says_no(tracker):
        return False
    dispatcher.utter_message(response="utter_request_kept")
    return True


class ActionRequestStatus(Action):
    """With reference and code: what happened to the person's requests, and a way to withdraw."""

    def name(self) -> str:
        return "action_request_status"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict):
        if told_how_to_change_a_sent_request(dispatcher, tracker):
            # "kan jag ändra begäran som jag skickade?" got only "Ta tillbaka begäran" (session 32).
            return LISTEN
        events = require_case(tracker, self.name())
        if events:
            return events
        requests = request_store.requests_for(store(), tracker.get_slot("case_reference"))
        if not requests:
            dispatcher.utter_message(response="utter_request_none")
            return LISTEN
        for item in requests:
            dispatcher.utter_message(response="utter_request_status",
                                     organisation=rules.organisation_name(item["organisation_id"]),
                                     date=(item["created_at"] or "")[:10], status=label(domain, item["status"]))
        if requests[-1]["status"] == RECEIVED:
            dispatcher.utter_message(response="utter_request_can_withdraw")
        return LISTEN


class _WithdrawalStep(Action, ABC):
    """A step of withdrawing the latest open request, once the case is open."""

    @abstractmethod
    def name(self) -> str: ...

    @abstractmethod
    def act(self, dispatcher: CollectingDispatcher, reference: str, latest: dict) -> None: ...

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict):
        events = require_case(tracker, self.name())
        if events:
            return events
        reference = tracker.get_slot("case_reference")
        latest = latest_open_request(reference)
        if latest:
            self.act(dispatcher, reference, latest)
        else:
            dispatcher.utter_message(response="utter_request_none_to_withdraw")
        return LISTEN


class ActionWithdrawRequest(_WithdrawalStep):
    """Asks first: "Ta tillbaka begäran" tapped by mistake could not be undone (persona round,
    session 23). "ja" then runs action_withdraw_request_confirmed (data/rules/request.yml)."""

    def name(self) -> str:
        return "action_withdraw_request"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict):
        text = tracker.latest_message.get("text") or ""
        if not is_verified(tracker) and not text.startswith("/") and rules.names_the_sip_not_a_request(text):
            # "om jag inte vill ha sip längre då", typed by a 16-year-old with a SIP, was asked for a
            # request's reference number (persona round, session 26): how a SIP ends, and both ways.
            events = answer_with(dispatcher, tracker, articles()[ENDING_ARTICLE], extras=False)
            dispatcher.utter_message(response="utter_withdraw_which")
            return events + LISTEN
        return await super().run(dispatcher, tracker, domain)

    def act(self, dispatcher: CollectingDispatcher, reference: str, latest: dict) -> None:
        dispatcher.utter_message(response="utter_request_withdraw_confirm",
                                 organisation=rules.organisation_name(latest["organisation_id"]))


class ActionWithdrawRequestConfirmed(_WithdrawalStep):
    def name(self) -> str:
        return "action_withdraw_request_confirmed"

    def act(self, dispatcher: CollectingDispatcher, reference: str, latest: dict) -> None:
        request_store.withdraw(store(), reference, latest["id"])
        dispatcher.utter_message(response="utter_request_withdrawn",
                                 organisation=rules.organisation_name(latest["organisation_id"]))


class ActionRequestNotWithdrawn(Action):
    """A "nej" to taking back the request (after the status or the withdrawal's question; rules in
    data/rules/request.yml). "nej inte ta tillbaka. bara ändra tid" was read as unsure and got the text
    about taking back a samtycke and that the SIP ends (persona round, session 32): a change is
    explained, a no keeps the request, anything else is answered as any unsure message is."""

    def name(self) -> str:
        return "action_request_not_withdrawn"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict):
        if told_how_to_change_a_sent_request(dispatcher, tracker):
            return LISTEN
        if _says_no(tracker):
            dispatcher.utter_message(response="utter_request_kept")
            return LISTEN
        return await ActionAnswerQuestion().run(dispatcher, tracker, domain)
