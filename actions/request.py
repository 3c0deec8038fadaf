"""Requesting a SIP (issue 5): a form, a summary to confirm, then the request is stored and queued."""
from __future__ import annotations

from typing import Any

from cryptography.fernet import InvalidToken

from rasa_sdk import Action, FormValidationAction, Tracker
from rasa_sdk.events import FollowupAction, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions import request_rules as rules
from actions.answer_question import ActionAnswerQuestion
from actions.answer_rules import MAX_ANSWER_LENGTH, clean_answer, is_knowledge_question, reads_as_question
from actions.case_access import require_case
from actions.casestore import request_store
from actions.casestore.models_request import RECEIVED
from actions.casestore.crypto import build_cipher
from actions.identifiers import latest_identifiers
from actions.store_access import case_store as store

FORM = "request_form"
SLOTS = ("request_sides", "request_role", "request_age", "request_organisation", "request_needs",
         "request_contact_name", "request_contact_phone", "request_consent", "request_confirm")
PROTECTED = "skyddad"
SKIPPED = "-"  # a required slot needs a value; this one means "not given"


def label(domain: DomainDict, key: str) -> str:
    """A Swedish label kept in bot/domain/request.yml."""
    variants = (domain.get("responses") or {}).get(f"utter_request_label_{key}") or []
    return variants[0]["text"] if variants else key


class ActionRequestStart(Action):
    """Starts request_form (the rule runs it next). A question ("hur begär man en SIP?") is
    answered from the knowledge base first; the form then offers to do it, and "avbryt" ends it."""

    def name(self) -> str:
        return "action_request_start"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict):
        events: list[dict[str, Any]] = []
        if reads_as_question(tracker.latest_message.get("text") or ""):
            events = await ActionAnswerQuestion().run(dispatcher, tracker, domain)
        dispatcher.utter_message(response="utter_request_intro")
        return events + [SlotSet(slot, None) for slot in SLOTS]


def mask_phone(phone: str | None) -> str:
    return f"{phone[:3]}…{phone[-2:]}" if phone and len(phone) > 5 else "-"


def revealed_phone(tracker: Tracker) -> str | None:
    """The phone number channels.pii took out of the latest message, decrypted."""
    found = latest_identifiers(tracker, "telefonnummer", cipher=_cipher())
    return found[0].value if found else None


def _cipher():
    return build_cipher(store().settings)


def seal_phone(phone: str | None) -> str | None:
    """Slots are kept in the tracker store: the number goes there encrypted only."""
    return _cipher().encrypt(phone.encode()).decode() if phone else phone


def open_phone(slot_value: str | None) -> str | None:
    if not slot_value or slot_value == PROTECTED:
        return slot_value
    try:
        return _cipher().decrypt(slot_value.encode()).decode()
    except InvalidToken:  # its key was removed mid-conversation: treated as not given
        return None


def ignore_cleared(validate):
    """action_request_start clears the slots; rasa_sdk then validates those None values too."""
    import functools
    import inspect

    slot = validate.__name__.removeprefix("validate_")

    @functools.wraps(validate)
    async def wrapper(self, value, dispatcher, tracker, domain):
        if value is None:
            return {slot: None}
        result = validate(self, value, dispatcher, tracker, domain)
        return await result if inspect.isawaitable(result) else result

    return wrapper


def _placeholder_answer(tracker: Tracker, slot: str, placeholder: str) -> dict[str, Any]:
    """A message that is only what channels.pii left ("[telefonnummer]") may be classified as any
    intent, even a command; when it answers the question asked, it is the answer."""
    text = tracker.latest_message.get("text") or ""
    if tracker.get_slot("requested_slot") == slot and placeholder in text:
        return {slot: text}
    return {}


class ValidateRequestForm(FormValidationAction):
    def name(self) -> str:
        return "validate_request_form"

    async def extract_request_contact_phone(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                                            domain: DomainDict) -> dict[str, Any]:
        return _placeholder_answer(tracker, "request_contact_phone", "[telefonnummer]")

    async def extract_request_age(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                                  domain: DomainDict) -> dict[str, Any]:
        return _placeholder_answer(tracker, "request_age", "[personnummer]")

    @ignore_cleared
    def validate_request_sides(self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker,
                               domain: DomainDict) -> dict[str, Any]:
        sides = rules.parse_sides(str(value or ""))
        if sides is None:
            dispatcher.utter_message(response="utter_request_sides_unclear")
        return {"request_sides": sides}

    @ignore_cleared
    def validate_request_role(self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker,
                              domain: DomainDict) -> dict[str, Any]:
        role = rules.parse_role(str(value or ""))
        if role is None:
            dispatcher.utter_message(response="utter_request_role_unclear")
        return {"request_role": role}

    @ignore_cleared
    def validate_request_age(self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker,
                             domain: DomainDict) -> dict[str, Any]:
        try:
            age = rules.parse_age(str(value or ""))
        except rules.AgeError as error:
            response = {"personnummer": "utter_request_age_personnummer",
                        "future": "utter_request_age_future",
                        "removed": "utter_request_age_removed"}.get(error.reason, "utter_request_age_unclear")
            dispatcher.utter_message(response=response)
            return {"request_age": None}
        # Explain whether a SIP fits; the request goes on either way.
        verdict = rules.eligibility(age, tracker.get_slot("request_sides"))
        dispatcher.utter_message(response=f"utter_request_eligibility_{verdict}")
        return {"request_age": str(age)}  # never the personnummer itself

    @ignore_cleared
    def validate_request_organisation(self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker,
                                      domain: DomainDict) -> dict[str, Any]:
        text = str(value or "")
        found = rules.match_organisations(text)
        exact = [org for org in found if rules.fold(org.name) == rules.fold(text)]
        if exact:
            return {"request_organisation": exact[0].id}
        # Recognised from free text: confirmed by choosing the named entry with a button.
        options = found or list(rules.directory())
        dispatcher.utter_message(
            response="utter_request_organisation_pick" if found else "utter_request_organisation_unknown",
            buttons=[{"title": org.name, "payload": org.name} for org in options],
        )
        return {"request_organisation": None}

    @ignore_cleared
    async def validate_request_needs(self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker,
                                     domain: DomainDict) -> dict[str, Any]:
        latest = tracker.latest_message
        intent = latest.get("intent") or {}
        if is_knowledge_question(intent.get("name"), float(intent.get("confidence") or 0), latest.get("text") or ""):
            # A question is answered, not sent to the organisation; the form asks again.
            await ActionAnswerQuestion().run(dispatcher, tracker, domain)
            return {"request_needs": None}
        answer = clean_answer(value)
        if answer.too_long:
            dispatcher.utter_message(response="utter_answer_too_long", max_length=MAX_ANSWER_LENGTH)
            return {"request_needs": None}
        return {"request_needs": answer.text or SKIPPED}

    @ignore_cleared
    def validate_request_contact_name(self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker,
                                      domain: DomainDict) -> dict[str, Any]:
        answer = clean_answer(value)
        if answer.text is None or len(answer.text) > 120:
            dispatcher.utter_message(response="utter_request_name_needed")
            return {"request_contact_name": None}
        return {"request_contact_name": answer.text}

    @ignore_cleared
    def validate_request_contact_phone(self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker,
                                       domain: DomainDict) -> dict[str, Any]:
        text = str(value or "")
        if "skyddad" in rules.fold(text):
            return {"request_contact_phone": PROTECTED}
        if "[telefonnummer]" in text:  # scrubbed by the channel: the number is in the encrypted metadata
            text = revealed_phone(tracker) or text
        phone = rules.normalise_phone(text)
        if phone is None:
            dispatcher.utter_message(response="utter_request_phone_invalid")
        return {"request_contact_phone": seal_phone(phone)}

    @ignore_cleared
    def validate_request_consent(self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker,
                                 domain: DomainDict) -> dict[str, Any]:
        words = rules.fold(str(value or "")).split()
        given = bool(words) and words[0] in {"ja", "japp", "jo", "yes"} or "finns" in words
        return {"request_consent": rules.CONSENT_GIVEN if given else rules.CONSENT_MISSING}

    @ignore_cleared
    def validate_request_confirm(self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker,
                                 domain: DomainDict) -> dict[str, Any]:
        words = rules.fold(str(value or ""))
        if words.startswith(("ja", "skicka", "stammer", "ok")):
            return {"request_confirm": "ja"}
        if words.startswith(("nej", "andra")):
            dispatcher.utter_message(response="utter_request_change")
            return {slot: None for slot in SLOTS}
        dispatcher.utter_message(response="utter_request_confirm_unclear")
        return {"request_confirm": None}


class ActionAskRequestConfirm(Action):
    """The summary, filled from the slots, with the labels from the domain."""

    def name(self) -> str:
        return "action_ask_request_confirm"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict):
        org = rules.organisation(tracker.get_slot("request_organisation"))
        phone = open_phone(tracker.get_slot("request_contact_phone"))
        dispatcher.utter_message(
            response="utter_request_summary",
            organisation=org.name if org else "-",
            role=label(domain, tracker.get_slot("request_role") or ""),
            age=tracker.get_slot("request_age") or "-",
            sides=label(domain, tracker.get_slot("request_sides") or ""),
            needs=tracker.get_slot("request_needs") or SKIPPED,
            name=tracker.get_slot("request_contact_name") or "-",
            # Masked: the bot's replies are kept in the tracker store, which must not hold the number.
            phone=label(domain, PROTECTED) if phone == PROTECTED else mask_phone(phone),
            consent=label(domain, tracker.get_slot("request_consent") or rules.CONSENT_MISSING),
        )
        return []


def request_data(tracker: Tracker) -> request_store.RequestData:
    phone = open_phone(tracker.get_slot("request_contact_phone"))
    needs = tracker.get_slot("request_needs")
    age = tracker.get_slot("request_age")
    return request_store.RequestData(
        organisation_id=tracker.get_slot("request_organisation"),
        requester_role=tracker.get_slot("request_role"),
        child_age=int(age) if age and str(age).isdigit() else None,
        sides=tracker.get_slot("request_sides") or rules.UNKNOWN,
        needs=None if needs == SKIPPED else needs,
        contact_name=tracker.get_slot("request_contact_name"),
        # Skyddad identitet: no phone or address is stored at all.
        contact_phone=None if phone == PROTECTED else phone,
        contact_preference=PROTECTED if phone == PROTECTED else "telefon",
        consent=tracker.get_slot("request_consent") or rules.CONSENT_MISSING,
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
        reference = tracker.get_slot("case_reference") if tracker.get_slot("case_verified") else None
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
        dispatcher.utter_message(response="utter_request_next_steps", organisation=org.name)
        if data.contact_preference == PROTECTED:
            dispatcher.utter_message(response="utter_request_protected_identity", organisation=org.name,
                                     reference=reference)
        return events + clear


# Reached after case access (a FollowupAction no rule foresees), so they say outright that the
# person speaks next; otherwise the policies fall back.
LISTEN = [FollowupAction("action_listen")]


class ActionRequestStatus(Action):
    """With reference and code: what happened to the person's requests, and a way to withdraw."""

    def name(self) -> str:
        return "action_request_status"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict):
        events = require_case(tracker, self.name())
        if events:
            return events
        requests = request_store.requests_for(store(), tracker.get_slot("case_reference"))
        if not requests:
            dispatcher.utter_message(response="utter_request_none")
            return LISTEN
        for item in requests:
            org = rules.organisation(item["organisation_id"])
            dispatcher.utter_message(response="utter_request_status", organisation=org.name if org else "-",
                                     date=(item["created_at"] or "")[:10], status=label(domain, item["status"]))
        if requests[-1]["status"] == RECEIVED:
            dispatcher.utter_message(response="utter_request_can_withdraw")
        return LISTEN


class ActionWithdrawRequest(Action):
    def name(self) -> str:
        return "action_withdraw_request"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict):
        events = require_case(tracker, self.name())
        if events:
            return events
        reference = tracker.get_slot("case_reference")
        open_requests = [r for r in request_store.requests_for(store(), reference) if r["status"] == RECEIVED]
        if not open_requests:
            dispatcher.utter_message(response="utter_request_none_to_withdraw")
            return LISTEN
        latest = open_requests[-1]
        request_store.withdraw(store(), reference, latest["id"])
        org = rules.organisation(latest["organisation_id"])
        dispatcher.utter_message(response="utter_request_withdrawn", organisation=org.name if org else "-")
        return LISTEN
