"""Case access: a person opens their case again with its reference and secret code.

Feature actions that need an identified case call `require_case`; it runs
`case_access_form` first and then the feature action again.
The code never goes into a slot: it is checked as it arrives and only "ok" is kept.
"""
from __future__ import annotations

from typing import Any

from rasa_sdk import Action, FormValidationAction, Tracker
from rasa_sdk.events import FollowupAction, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions.answer_question import ActionAnswerQuestion
from actions.answer_rules import reads_as_question
from actions.casestore.references import (code_named_in, mistyped_code_in, mistyped_reference_in, normalise_code,
                                          reference_named_in, split_reference_and_code)
from actions.casestore import privacy_registrations  # noqa: F401 - registers consents and SIP requests
from actions.casestore.rights import TEXTS, overview_buttons, saved_section_keys
from actions.casestore.store import CodeCheck
from actions.global_commands import COMMAND_INTENTS
from actions.lost_code import says_the_code_is_lost
from actions.phrases import says_one_of
from actions.settings import ROOT
from actions.store_access import case_store

FORM = "case_access_form"
# Where "börja om" fits after a lost reference: the preparation and the case overview.
START_AGAIN_AFTER = ("action_preparation_start", "action_case_overview")
OVERVIEW = "action_case_overview"
CODE_OK = "ok"
# actions/consent.py WITHDRAW_ACTION and START_ACTION; named here, since consent.py imports this module.
WITHDRAW_CONSENT = "action_withdraw_consent"
START_CONSENT = "action_start_consent"


def says_they_have_no_reference(text: str | None) -> bool:
    """"jag har inget nummer", "jag skrev på ett papper": asked for the reference, they have none."""
    return says_one_of(text, ROOT / "knowledge" / "no_reference_cues.yml")


def tell_how_to_go_on_without(dispatcher: CollectingDispatcher, tracker: Tracker) -> None:
    """Asked for the reference, the person has none: what they can do without it."""
    dispatcher.utter_message(response="utter_case_no_reference")
    after = tracker.get_slot("case_next_action")
    if after == WITHDRAW_CONSENT:
        dispatcher.utter_message(response="utter_consent_withdraw_without_reference")
    elif after == START_CONSENT:
        # A samtycke wished with a reference typed (actions/consent.py): it can be given in a new case.
        dispatcher.utter_message(response="utter_case_new_consent_instead")
    elif after in START_AGAIN_AFTER:
        # Not for a request's status or withdrawal: a new request would be a second one.
        dispatcher.utter_message(response="utter_case_start_again")


def is_verified(tracker: Tracker) -> bool:
    """Opened with its code in this conversation, and still there: a case deleted on /mina-uppgifter
    while the chat stayed open was still shown as found, and answers to it failed with "Förlåt, något
    gick fel" (persona round, session 28)."""
    reference = tracker.get_slot("case_reference")
    return bool(tracker.get_slot("case_verified")) and bool(reference) and case_store().has_case(reference)


def deleted_since_opened(tracker: Tracker) -> bool:
    """Opened with its code in this conversation and gone since, though the chat did not delete it (that
    resets these slots): deleted on /mina-uppgifter while the chat stayed open. "jag har raderat på sidan nu.
    finns något kvar?" was told that the chat's button leaves everything saved (persona round, session 36)."""
    reference = tracker.get_slot("case_reference")
    return bool(tracker.get_slot("case_verified")) and bool(reference) and not case_store().has_case(reference)


def require_case(tracker: Tracker, action_name: str) -> list[dict[str, Any]]:
    """Events that ask for reference and code first, then run `action_name` again; [] when verified.
    Another case's reference typed in a conversation opened with one case asks for that case's code
    (persona round, session 24: "jag vill se min sip begäran. H9PU-DVYP" was answered from the case
    opened before, which had no request)."""
    other = reference_named_in(_raw_answer(tracker))
    if is_verified(tracker) and other in (None, tracker.get_slot("case_reference")):
        return []
    if other is None and not is_verified(tracker):
        # A mistyped one is taken too, so the form says it cannot be a reference before asking
        # ("…WPWE-FWT8 73JJMK" got only "Skriv ditt referensnummer"; verification round, session 27).
        other = mistyped_reference_in(_raw_answer(tracker))
    # A reference (and code) typed with the wish is taken, so it is not asked for again ("jag vill ta
    # tillbaka samtycket HCJJ-RJWP T3DPNK"; persona round, session 27): the form validates it when it
    # starts, reading the code from the same message.
    switch = [SlotSet("case_verified", False), SlotSet("case_reference", other)] if is_verified(tracker) or other \
        else []
    return [*switch, SlotSet("case_next_action", action_name), SlotSet("case_code", None), FollowupAction(FORM)]


def names_the_case(events: list[dict[str, Any]]) -> bool:
    """Whether require_case's events take a reference typed in the message."""
    return any(event.get("name") == "case_reference" and event.get("value") for event in events)


def _raw_answer(tracker: Tracker) -> str:
    return tracker.latest_message.get("text") or ""


def _answering(tracker: Tracker, slot: str) -> bool:
    intent = (tracker.latest_message.get("intent") or {}).get("name")
    if tracker.get_slot("requested_slot") != slot:
        return False
    # "koden ar KCJMDV" read as share_preparation, a command, and the code was asked again (persona
    # round, session 32): what it asks for, written as a word of its own, answers it whatever the intent.
    named = code_named_in if slot == "case_code" else reference_named_in
    return intent not in COMMAND_INTENTS or named(_raw_answer(tracker)) is not None


class ValidateCaseAccessForm(FormValidationAction):
    def name(self) -> str:
        return "validate_case_access_form"

    async def required_slots(self, domain_slots, dispatcher, tracker, domain):
        # A locked case ends the form; action_case_access_done then explains what to do.
        return [] if tracker.get_slot("case_access_blocked") else domain_slots

    # Extraction only picks up the raw answer; validation may set further slots, extraction may not.
    async def extract_case_reference(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                                     domain: DomainDict) -> dict[str, Any]:
        return {"case_reference": _raw_answer(tracker)} if _answering(tracker, "case_reference") else {}

    async def extract_case_code(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                                domain: DomainDict) -> dict[str, Any]:
        return {"case_code": _raw_answer(tracker)} if _answering(tracker, "case_code") else {}

    async def validate_case_reference(self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker,
                                      domain: DomainDict) -> dict[str, Any]:
        if value is None:
            return {"case_reference": None}  # see validate_case_code
        reference, code = split_reference_and_code(str(value or ""))
        if reference is None:
            if says_they_have_no_reference(_raw_answer(tracker)):
                # Asking again would not help: how to go on without it, and the form ends
                # (required_slots, as for a locked case).
                tell_how_to_go_on_without(dispatcher, tracker)
                return {"case_reference": None, "case_access_blocked": True}
            if reads_as_question(_raw_answer(tracker)):
                # "hur länge gäller samtycket?" asked where the reference is wanted: answered,
                # then the reference is asked for again (staff got stuck here).
                await ActionAnswerQuestion().run(dispatcher, tracker, domain)
            else:
                dispatcher.utter_message(response="utter_case_reference_invalid")
            return {"case_reference": None}
        if code is None:
            # Prefilled by action_open_case from "ACDE-FH34 KX7M3P", or by require_case from a wish
            # that names both: the code stays out of slots, so it is read from the message itself.
            raw = _raw_answer(tracker)
            same, code = split_reference_and_code(raw)
            if same != reference:
                code = code_named_in(raw) if reference_named_in(raw) == reference else None
                if code is None and mistyped_code_in(raw):
                    # Said first: "Skriv din kod" alone read as if the typed code went unseen (session 27).
                    dispatcher.utter_message(response="utter_case_code_invalid")
            if code is None:
                return {"case_reference": reference}
        return {"case_reference": reference, **self._check(dispatcher, reference, code)}

    async def validate_case_code(self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker,
                                 domain: DomainDict) -> dict[str, Any]:
        if value == CODE_OK:  # already checked together with the reference
            return {"case_code": CODE_OK}
        if value is None:
            # Nothing typed yet: require_case clears the code, and Rasa validates that too when
            # the form starts ("Det ser inte ut som en kod" before anything was asked).
            return {"case_code": None}
        code = normalise_code(str(value or "")) or code_named_in(str(value or ""))
        reference = tracker.get_slot("case_reference")
        if code is None and (says_they_have_no_reference(str(value)) or says_the_code_is_lost(str(value))):
            # "jag har inte koden" was told "Det ser inte ut som en kod" again and again (session 38):
            # what to do without it, and the form ends as for a lost reference.
            dispatcher.utter_message(response="utter_lost_code")
            return {"case_code": None, "case_access_blocked": True}
        if code is None and reads_as_question(str(value)):
            # A question where the code is wanted is answered; the code is asked for again.
            await ActionAnswerQuestion().run(dispatcher, tracker, domain)
            return {"case_code": None}
        if code is None or not reference:
            dispatcher.utter_message(response="utter_case_code_invalid")
            return {"case_code": None}
        return self._check(dispatcher, reference, code)

    def _check(self, dispatcher: CollectingDispatcher, reference: str, code: str) -> dict[str, Any]:
        result = case_store().check_code(reference, code)
        if result == CodeCheck.OK:
            return {"case_code": CODE_OK, "case_verified": True}
        if result == CodeCheck.LOCKED:
            dispatcher.utter_message(response="utter_case_locked",
                                     minutes=case_store().settings.code_lockout_minutes)
            return {"case_code": None, "case_access_blocked": True}
        # Unknown reference and wrong code get the same answer, so references cannot be probed.
        dispatcher.utter_message(response="utter_case_code_wrong")
        return {"case_code": None, "case_reference": None}


class ActionOpenCase(Action):
    """"Jag vill fortsätta": ask for reference and code, then show what the case holds."""

    def name(self) -> str:
        return "action_open_case"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict):
        from actions.crisis_help import resumed, typed_resume  # here: crisis_help imports this module

        # The form comes from the bot's own button, not from what was typed.
        form = typed_resume(tracker)
        if form:
            return resumed(form)
        events = require_case(tracker, OVERVIEW)
        if not events:
            return [FollowupAction(OVERVIEW)]
        reference, _ = split_reference_and_code(_raw_answer(tracker))
        if reference:
            # "KXMP-7RTA" (and perhaps the code) already typed: the form validates the prefilled
            # reference when it starts, so nobody types it twice.
            events.insert(0, SlotSet("case_reference", reference))
        return events


class ActionCaseAccessDone(Action):
    def name(self) -> str:
        return "action_case_access_done"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict):
        reset = [SlotSet("case_next_action", None), SlotSet("case_access_blocked", None)]
        if not is_verified(tracker):
            return reset + [SlotSet("case_reference", None)]
        return reset + [FollowupAction(tracker.get_slot("case_next_action") or OVERVIEW)]


class ActionCaseOverview(Action):
    def name(self) -> str:
        return "action_case_overview"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict):
        # What the case holds: a SIP request's case was said to have "0 frågor i förberedelsen"
        # (persona round, session 20).
        reference = tracker.get_slot("case_reference")
        keys = saved_section_keys(case_store(), reference)
        saved = [TEXTS["sections"][key] for key in keys]
        dispatcher.utter_message(response="utter_case_overview", reference=reference,
                                 saved=", ".join(title[:1].lower() + title[1:] for title in saved)
                                 if saved else TEXTS["nothing_saved"], buttons=overview_buttons(keys))
        return []
