"""Recording a consent with its limits, and withdrawing it (issue #4). Thin Rasa glue:
the rules are in actions/consent_rules.py, the storage in actions/casestore/consents.py."""
from __future__ import annotations

import copy
import json
import re
from datetime import date, datetime, timezone
from functools import lru_cache
from typing import Any

from rasa_sdk import Action, FormValidationAction, Tracker
from rasa_sdk.events import FollowupAction, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions import consent_rules as rules, request_rules
from actions.after_check_in import crisis_lexicon
from actions.answer_choice import FREE_QUESTION_INTENTS
from actions.answer_question import INTENT_TOPICS, ActionAnswerQuestion
from actions.answer_rules import (MAX_ANSWER_LENGTH, answer_and_question, clean_answer, question_part,
                                  reads_as_question)
from actions.case_access import (START_CONSENT, WITHDRAW_CONSENT, is_verified, names_the_case, require_case,
                                 says_they_have_no_reference)
from actions.casestore import consents as consent_store, request_store
from actions.casestore.references import code_named_in, mistyped_reference_in, reference_named_in
from actions.casestore.consents import Giver, NewConsent, PartyRecord
from actions.casestore.models_request import WITHDRAWN
from actions.check_in_answer import tells_feelings_or_danger
from actions.guardian_cues import says_they_are_a_guardian
from actions.knowledge_base import articles, document_of, source_parts
from actions.local_time import format_moment, local, today
from actions.question_in_form import answered_instead, asking_only
from actions.relative_cues import answers_as_a_relative, said_they_are_a_relative, says_they_are_a_relative
from actions.request_rules import says_foster_home, says_they_are_a_foster_parent
from actions.staff_cues import (said_they_are_staff, says_they_are_not_staff, says_they_work_with_sip,
                                writes_of_themself)
from actions.store_access import case_store
from actions.yes_no import says_only_yes, says_yes_to_the_summary
from bot.nlu.text import fold

FORM = "consent_form"
WITHDRAW_FORM = "consent_withdraw_form"
WITHDRAW_ACTION = WITHDRAW_CONSENT
NONE = "-"  # an answered question with nothing to record ("nej", "hoppa över")
ALL = "alla"

GIVER_SLOTS = ["consent_under_18", "consent_giver", "consent_guardian_count", "consent_guardian_1",
               "consent_guardian_2", "consent_guardian_2_agreed", "consent_representative_kind",
               "consent_fullmakt_from_guardian", "consent_child_view"]
CHANGES = {  # "ändra …" in the summary: which answers are asked again
    "vem": GIVER_SLOTS,
    "verksamhet": ["consent_parties"],
    "delas": ["consent_may_share", "consent_must_not_share"],
    "datum": ["consent_valid_from", "consent_valid_to"],
    "munt": ["consent_form_kind"], "skrift": ["consent_form_kind"],
}
MIN_SUMMARY_QUESTION_WORDS = 4  # a question at the summary this long is answered (validate_consent_confirmed)
FORM_SLOTS = GIVER_SLOTS + ["consent_parties", "consent_may_share", "consent_must_not_share", "consent_valid_from",
                            "consent_valid_to", "consent_form_kind", "consent_confirmed"]


def _under_18(tracker: Tracker) -> bool | None:
    return rules.parse_under_adult_age(tracker.get_slot("consent_under_18") or "")


def _giver(tracker: Tracker) -> str | None:
    return rules.parse_giver(tracker.get_slot("consent_giver") or "")


def _guardian_count(tracker: Tracker) -> int | None:
    return rules.parse_guardian_count(tracker.get_slot("consent_guardian_count") or "")


def _optional(value: str | None) -> str | None:
    return None if value in (None, NONE) else value


def _parties(tracker: Tracker) -> list[PartyRecord]:
    return [PartyRecord(name, kind) for name, kind in json.loads(tracker.get_slot("consent_parties") or "[]")]


def _party_line(party: PartyRecord) -> str:
    """"Hagaskolan (Skolan)"; a name that already says its type stays as typed ("BUP Vänersborg"),
    and a bare abbreviation gets the label that explains it ("BUP (barn- och ungdomspsykiatrin)")."""
    label = rules.organisation_type_label(party.organisation_type) if party.organisation_type else None
    if not label:
        return party.name
    name, short = fold(party.name), fold(label.split(" (")[0])
    if name == short:
        return label
    return party.name if short in name or fold(label) in name else f"{party.name} ({label})"


def givers_from(tracker: Tracker) -> list[Giver]:
    giver = _giver(tracker)
    if giver == rules.GUARDIAN:
        names = ["consent_guardian_1", "consent_guardian_2"][: _guardian_count(tracker) or 1]
        return [Giver(rules.GUARDIAN, name=_optional(tracker.get_slot(slot))) for slot in names]
    if giver == rules.REPRESENTATIVE:
        return [Giver(rules.REPRESENTATIVE, representative_kind=tracker.get_slot("consent_representative_kind"))]
    return [Giver(rules.YOUNG_PERSON)]


def _givers_line(tracker: Tracker) -> str:
    """Who gives it, for the summary; one guardian is said to be one ("en, bara jag. pappan vet inte om
    det än": the summary did not show that the other one had not consented; persona round, session 35)."""
    givers = givers_from(tracker)
    return rules.describe_givers(givers) + rules.one_guardian_note(givers)


class ValidateConsentForm(FormValidationAction):
    def name(self) -> str:
        return "validate_consent_form"

    async def run(self, dispatcher, tracker, domain):
        if _intent(tracker) in ENDING_CRISIS_INTENTS:
            # Nothing validated, so Rasa rejects the form and the crisis rule gives the help: a slot set by any
            # check below kept the form, and the help never came (review, session 38).
            return []
        # A nurse's "ja, hon är 16. jag är sjuksköterska och vill registrera att familjen samtycker" was
        # answered "Vem ger samtycket?", and a mother's consent heard on the phone was saved as hers
        # (persona round, session 35). Staff are told who gives it, and the form ends with nothing saved
        # (action_consent_done says so). Not while the form starts: action_start_consent judged that.
        asked = tracker.get_slot("requested_slot")
        if asked and staff_fill_in_for_the_family(tracker):
            tell_staff_the_family_gives_it(dispatcher)
            return [SlotSet(slot, None) for slot in FORM_SLOTS] + [SlotSet("requested_slot", None)]
        if asked and stops_without_a_fullmakt(tracker):
            # A foster father chose "Företrädare" and "Fullmakt", and "Jag har egentligen ingen skriftlig fullmakt
            # från mamman… Går det ändå?" got a general text and the summary ready to save (persona round, session
            # 39): without a fullmakt he is no representative. The form ends with nothing saved.
            dispatcher.utter_message(response="utter_consent_no_fullmakt")
            return [SlotSet(slot, None) for slot in FORM_SLOTS] + [SlotSet("requested_slot", None)]
        if asked and _asks_about_the_report_note(tracker) and not may_tell_of_a_crisis(tracker):
            return await self._report_note_explained(dispatcher, tracker, domain, asked)
        if asked and "?" in (tracker.latest_message.get("text") or "") \
                and told_about_a_new_consent_after_withdrawal(dispatcher, tracker):
            return [SlotSet(asked, None), SlotSet("requested_slot", asked)]  # then the question again
        if asked and told_about_another_guardians_yes(dispatcher, tracker):
            return [SlotSet(asked, None), SlotSet("requested_slot", asked)]  # the summary, or the question, again
        if asked and (corrected := await self._corrected(dispatcher, tracker, domain, asked)) is not None:
            return corrected
        return await super().run(dispatcher, tracker, domain)

    async def _report_note_explained(self, dispatcher, tracker, domain, asked: str) -> list[dict[str, Any]]:
        """"varför står det om anmälan?? tror ni att han far illa?" and "vad betyder det? anmala till social? jag
        ar radd" got the article for staff, or "Jag är inte säker på att jag förstod", and the note again (persona
        round, session 38): a calm reply, and a limit typed with it kept. Then the question again, or the next."""
        dispatcher.utter_message(response="utter_consent_report_note_explained")
        limit = rules.limit_in_a_message(tracker.latest_message.get("text"))
        if limit is None:
            return [SlotSet(asked, None), SlotSet("requested_slot", asked)]
        dispatcher.utter_message(response="utter_consent_limit_added", limit=limit)
        if asked != "consent_must_not_share":
            return [SlotSet("consent_must_not_share", _with_limit(tracker, limit)), SlotSet(asked, None),
                    SlotSet("requested_slot", asked)]
        events = [SlotSet(asked, limit)]  # the answer: the slot holds only what was typed
        tracker.add_slots(events)
        return events + [await self.next_requested_slot(dispatcher, tracker, domain)]

    async def _corrected(self, dispatcher, tracker, domain, asked: str) -> list[dict[str, Any]] | None:
        """A message that says an earlier answer was wrong, never saved as the answer to `asked`: "förlåt jag
        skrev fel mitt namn, det är Hassan med två s", typed at "Vad tycker barnet själv?", was saved as the
        child's view (persona round, session 36). A name is corrected when it is clear which and how
        (rules.corrected_name), else asked for again whole; anything else can be changed in the summary.
        Then `asked` comes again. None: no correction, the message is an answer."""
        correction = rules.corrects_an_earlier_answer(tracker.latest_message.get("text"))
        if correction is None:
            return None
        names = _names_given(tracker, leave_out=asked)
        fix = rules.corrected_name(correction.new, names)
        if fix is None and not correction.sure:
            return None  # "det ska vara lugnt i skolan": an answer
        events = [SlotSet(asked, None)]
        if fix is not None:
            slot, name = fix
            dispatcher.utter_message(response="utter_consent_name_corrected", name=name)
            events.append(SlotSet(slot, name))
        elif names and (correction.about_a_name or rules.looks_like_a_name(correction.new or "")):
            # Which name, or how, is not clear: said what was understood, and the names asked for again.
            if correction.new:
                dispatcher.utter_message(response="utter_consent_name_correction_unclear", new=correction.new)
            else:
                dispatcher.utter_message(response="utter_consent_name_correction_again")
            events += [SlotSet(slot, None) for slot in names]
        else:
            dispatcher.utter_message(response="utter_consent_correction_not_saved")
        tracker.add_slots(events)
        return events + [await self.next_requested_slot(dispatcher, tracker, domain)]

    async def required_slots(self, domain_slots, dispatcher, tracker, domain):
        # Slots may still hold the raw answer here, so read them through the parsers.
        giver, under_18 = _giver(tracker), _under_18(tracker)
        skip = set()
        if giver != rules.GUARDIAN:
            skip |= {"consent_guardian_count", "consent_guardian_1", "consent_guardian_2", "consent_guardian_2_agreed"}
        elif _guardian_count(tracker) != 2:
            skip |= {"consent_guardian_2", "consent_guardian_2_agreed"}
        elif writer_is_no_guardian(tracker):
            # Asked whenever two are named: the "Vårdnadshavare" button and two names recorded both without it
            # (review, session 38). Not of a foster home or a relative (staff end the form in run()).
            skip.add("consent_guardian_2_agreed")
        if giver != rules.REPRESENTATIVE:
            skip.add("consent_representative_kind")
        if not asks_for_the_fullmakt(tracker):
            skip.add("consent_fullmakt_from_guardian")
        if under_18 is not True or giver == rules.YOUNG_PERSON:  # their samtycke is their view
            skip.add("consent_child_view")
        return [slot for slot in domain_slots if slot not in skip]

    async def _unclear(self, dispatcher, tracker, domain, response: str) -> None:
        """An answer that could not be read: answer it if it was a question, else explain."""
        if not await answered_instead(dispatcher, tracker, domain):
            dispatcher.utter_message(response=response)

    async def _text(self, slot, value, dispatcher, tracker, domain, required: bool,
                    needs_mark: bool = False) -> dict[str, Any]:
        if await answered_instead(dispatcher, tracker, domain, needs_mark):
            return {slot: None}
        answer = clean_answer(value)
        if answer.too_long:
            dispatcher.utter_message(response="utter_answer_too_long", max_length=MAX_ANSWER_LENGTH)
            return {slot: None}
        if rules.points_to_an_earlier_answer(answer.text):
            return _as_before(slot, dispatcher, tracker)
        # "jag skrev ju det. skolsköterskans anteckningar om en privat sak" was saved as the limit, the
        # complaint too (persona round, session 35): only what it says is kept.
        text = rules.without_complaint(answer.text) if answer.text else None
        if answer.text and not text:
            dispatcher.utter_message(response="utter_consent_say_it_again")
            return {slot: None}
        if text is None or rules.parse_yes_no(text) is False:
            if required:
                dispatcher.utter_message(response="utter_consent_answer_needed")
                return {slot: None}
            return {slot: NONE}
        return {slot: text}

    async def validate_consent_under_18(self, value, dispatcher, tracker, domain):
        answer = rules.parse_under_adult_age(value)
        if answer is None:
            await self._unclear(dispatcher, tracker, domain, "utter_consent_unclear_yes_no")
            return {"consent_under_18": None}
        return {"consent_under_18": "ja" if answer else "nej"}

    async def validate_consent_giver(self, value, dispatcher, tracker, domain):
        # "jag är socialsekreteraren, registrerar åt mamman" is no giver: ended in run().
        if (not_a_giver := _not_a_giver(str(value or ""))) is not None:
            dispatcher.utter_message(response=not_a_giver)
            return {"consent_giver": None}
        if _under_18(tracker) and rules.says_only_the_writer_consents(value):
            # "ni? jag kan bara svara för mig själv, pappan har inte gett något samtycke. räcker det med mitt?" was
            # answered with the young person's text and asked again (persona round, session 38): one guardian,
            # said plainly with what the material says about one of two.
            if _writes_as_a_guardian(tracker, value):
                tell_one_guardian_consents(dispatcher)
                return {"consent_giver": rules.GUARDIAN, "consent_guardian_count": "1"}
            # "bara jag, pappan vet inte om det" from a 16-year-old made her a guardian (review, session 38): "jag"
            # of a writer not known to be a guardian may be the young person, so the choice is asked again.
            await self._unclear(dispatcher, tracker, domain, "utter_consent_unclear_giver")
            return {"consent_giver": None}
        named = rules.givers_named(value)
        if "?" in str(value or "") and rules.GUARDIAN in named and rules.YOUNG_PERSON in named:
            # "det finns ingen knapp för vårdnadshavare … kan Elin trycka på 'Jag själv, den unga'?" was read
            # as "vårdnadshavare" (persona round, session 36): a question about the choices chooses none.
            if _under_18(tracker) and writer_is_no_guardian(tracker):
                dispatcher.utter_message(response="utter_consent_young_giver_not_the_writer")
            else:
                await self._unclear(dispatcher, tracker, domain, "utter_consent_unclear_giver")
            return {"consent_giver": None}
        giver = rules.parse_giver(value)
        if giver is None:
            await self._unclear(dispatcher, tracker, domain, "utter_consent_unclear_giver")
            return {"consent_giver": None}
        if giver not in rules.allowed_givers(bool(_under_18(tracker))):
            dispatcher.utter_message(response="utter_consent_giver_not_allowed_for_age")
            return {"consent_giver": None}
        # "jag ar pappa, vi har gemensam vardnad. maste hennes mamma ocksa godkanna?": the question
        # went unanswered (persona round, session 27); it is answered, and the giver kept.
        await answered_instead(dispatcher, tracker, domain, needs_mark=True)
        if giver == rules.YOUNG_PERSON and _under_18(tracker):
            # A foster mother chose "Jag själv, den unga" for a 14-year-old and was told "du ger samtycket
            # själv" (persona round, session 36): told plainly that the young person gives it themself.
            dispatcher.utter_message(response="utter_consent_young_giver_not_the_writer"
                                     if writer_is_no_guardian(tracker) else "utter_consent_young_giver_maturity")
        events: dict[str, Any] = {"consent_giver": giver}
        kind = rules.parse_representative_kind(value) if giver == rules.REPRESENTATIVE else None
        if kind:  # "god man" answers the next question too
            events["consent_representative_kind"] = kind
        return events

    async def validate_consent_guardian_count(self, value, dispatcher, tracker, domain):
        # "behöver båda föräldrar ge samtycke?" was taken for "två" (persona round, session 26), also
        # typed without a question mark ("maste bada foraldrarna samtycka elr racker en").
        # "jag kan bara svara för mig själv, pappan har inte gett något samtycke. räcker det med mitt?" is one, and
        # the one-guardian text answers the question (persona round, session 38).
        if rules.says_only_the_writer_consents(value):
            tell_one_guardian_consents(dispatcher)
            return {"consent_guardian_count": "1"}
        if await answered_instead(dispatcher, tracker, domain):
            return {"consent_guardian_count": None}
        count = rules.parse_guardian_count(value)
        if count is None:
            await self._unclear(dispatcher, tracker, domain, "utter_consent_unclear_guardian_count")
            return {"consent_guardian_count": None}
        if count == 1:
            # "en, bara jag. pappan vet inte om det än" went on without a word (persona round, session 35).
            tell_one_guardian_consents(dispatcher)
        return {"consent_guardian_count": str(count)}

    async def validate_consent_guardian_1(self, value, dispatcher, tracker, domain):
        return await self._guardian_name("consent_guardian_1", value, dispatcher, tracker, domain)

    async def validate_consent_guardian_2(self, value, dispatcher, tracker, domain):
        if rules.parse_guardian_count(value) == 1 and not rules.looks_like_a_name(value):
            # "bara jag" for the second guardian was saved as their name (persona round, session 26).
            tell_one_guardian_consents(dispatcher)
            return {"consent_guardian_count": "1", "consent_guardian_2": None}
        return await self._guardian_name("consent_guardian_2", value, dispatcher, tracker, domain)

    async def validate_consent_guardian_2_agreed(self, value, dispatcher, tracker, domain):
        # A father typed his own and his wife's name, was never asked whether she agreed, and one samtycke given
        # by both was saved (persona round, session 38). Asked once; without her yes only the writer is recorded.
        agreed = rules.other_guardian_agreed(value)
        if agreed is None:
            await self._unclear(dispatcher, tracker, domain, "utter_consent_unclear_yes_no")
            return {"consent_guardian_2_agreed": None}
        if agreed:
            return {"consent_guardian_2_agreed": "ja"}
        tell_the_other_guardian_can_give_it_later(dispatcher, tracker)
        return {"consent_guardian_2_agreed": "nej", "consent_guardian_count": "1", "consent_guardian_2": None}

    async def _guardian_name(self, slot, value, dispatcher, tracker, domain) -> dict[str, Any]:
        """A guardian is recorded as consenting under this name, so a sentence about them ("pappan
        vill inte, han säger nej") is not taken for one, nor words around it ("leyla hassan samma")."""
        name, same = rules.name_parts(str(value or ""))
        if (same and name is None) or rules.points_to_an_earlier_answer(str(value or "")):
            # "samma", "samma som förut": the name given before, when this chat or the case knows it.
            known = _known_guardian_name(slot, tracker)
            if known is None:
                dispatcher.utter_message(response="utter_consent_guardian_name_same_unknown")
                return {slot: None}
            dispatcher.utter_message(response="utter_consent_guardian_name_same", name=known)
            return {slot: known}
        events = await self._text(slot, value, dispatcher, tracker, domain, required=False)
        if events[slot] in (None, NONE):
            return events
        name, _ = rules.name_parts(events[slot])
        if name is None or not rules.looks_like_a_name(name):
            dispatcher.utter_message(response="utter_consent_guardian_name_only")
            return {slot: None}
        if fold(events[slot]) != fold(clean_answer(value).text or ""):
            # "Amina Hassan, jag skrev ju redan" (persona round, session 36): the name taken, the complaint heard.
            dispatcher.utter_message(response="utter_consent_guardian_name_taken", name=name)
        return {slot: name}

    async def validate_consent_representative_kind(self, value, dispatcher, tracker, domain):
        if (not_a_giver := _not_a_giver(str(value or ""))) is not None:  # "inget av dem? jag är familjehem"
            dispatcher.utter_message(response=not_a_giver)
            return {"consent_representative_kind": None, "consent_giver": None}
        kind = rules.parse_representative_kind(value)
        if kind is None:
            await self._unclear(dispatcher, tracker, domain, "utter_consent_unclear_representative_kind")
        return {"consent_representative_kind": kind}

    async def validate_consent_fullmakt_from_guardian(self, value, dispatcher, tracker, domain):
        # A no ended the form in run() (stops_without_a_fullmakt).
        if rules.parse_confirmation(str(value or "")) is True or says_only_yes(str(value or "")):
            return {"consent_fullmakt_from_guardian": "ja"}
        await self._unclear(dispatcher, tracker, domain, "utter_consent_unclear_yes_no")
        return {"consent_fullmakt_from_guardian": None}

    async def validate_consent_child_view(self, value, dispatcher, tracker, domain):
        return await self._text("consent_child_view", value, dispatcher, tracker, domain, required=True)

    async def validate_consent_parties(self, value, dispatcher, tracker, domain):
        # Not asked yet: filled from the message that started the form (ActionStartConsent), which
        # is no answer to check for a question.
        prefilled = tracker.get_slot("requested_slot") != "consent_parties"
        # "bup och hagaskolan. kanske soc också? behövs dom?" got "Jag är inte säker på att jag förstod" and
        # BUP and Hagaskolan were lost (verification round, session 36): as the request's needs, the
        # organisations typed first are kept and said back, then the question is answered.
        both = None if prefilled else _parties_and_question(tracker.latest_message.get("text"))
        if both is None and not prefilled and await answered_instead(dispatcher, tracker, domain):
            return {"consent_parties": None}
        answer = clean_answer(both[0] if both else value)
        same, left_out = rules.earlier_but(answer.text) if not prefilled else (False, [])
        if same:
            return _parties_as_before(left_out, dispatcher, tracker)
        # "skola och bup, men inte om hans medicin": the organisations were said back and the limit dropped,
        # then asked for again (verification round, session 35). A "men inte" that leaves out an organisation
        # ("men inte soc") is no limit: split_parties leaves it out.
        named, limit = rules.split_limit(answer.text) if not answer.too_long else (answer.text, None)
        if limit is not None and rules.names_only_organisations(limit):
            named, limit = answer.text, None
        limited = {"consent_must_not_share": _with_limit(tracker, limit)} if limit else {}
        parties = rules.split_parties(named or "") if not answer.too_long else []
        # "nej" was saved as the organisation (verification round, session 29): a yes or no names none.
        if not parties or rules.parse_yes_no(fold(named or "")) is not None:
            if not prefilled:
                dispatcher.utter_message(response="utter_consent_no_parties")
            _say_limit_kept(dispatcher, limit)
            return {"consent_parties": None, **limited}
        records = [PartyRecord(p.name, p.kind or self._entity_kind(p.name, tracker)) for p in parties]
        # Said back either way; a guess from the first message also says how to change it.
        dispatcher.utter_message(response="utter_consent_parties_prefilled" if prefilled else
                                 "utter_consent_parties_understood",
                                 parties="\n".join(f"• {_party_line(p)}" for p in records))
        _say_limit_kept(dispatcher, limit)
        if both is not None:
            await _answer_about_parties(dispatcher, tracker, domain, both[1])
        return {"consent_parties": json.dumps([[p.name, p.organisation_type] for p in records], ensure_ascii=False),
                **limited}

    @staticmethod
    def _entity_kind(name: str, tracker: Tracker) -> str | None:
        """The NLU's organisation entity inside this party's name, when the word list had none."""
        text = tracker.latest_message.get("text") or ""
        for entity in tracker.latest_message.get("entities") or []:
            if entity.get("entity") == "organisation" and fold(text[entity["start"]:entity["end"]]) in fold(name):
                return entity.get("value")
        return None

    async def validate_consent_may_share(self, value, dispatcher, tracker, domain):
        events = await self._text("consent_may_share", value, dispatcher, tracker, domain, required=True,
                                  needs_mark=True)
        shared = events.get("consent_may_share")
        allowed, limit = rules.split_sharing(shared) if shared not in (None, NONE) else (shared, None)
        if limit is None:
            return events
        # "skolan, bup och habiliteringen. men INTE skolsköterskans anteckningar om en privat sak": the limit
        # stayed here and was asked for again (persona round, session 35). It is what may not be shared,
        # said back with the duty to report that its question carries; that question is then skipped.
        # "inte medicin" alone leaves nothing that may be shared ("nej, inte om diagnosen" neither): asked again.
        kept = allowed if allowed and rules.parse_yes_no(allowed) is None else None
        if kept is None and rules.split_limit(shared)[1] is None:
            # "dom ska inte prata om min mamma" was saved as what they may tell each other (persona round,
            # session 38): a whole sentence about the other question is told where it went, and why this is asked again.
            dispatcher.utter_message(response="utter_consent_limit_not_permission", limit=rules.limit_text(limit))
        else:
            _say_limit_kept(dispatcher, limit)
        return {"consent_may_share": kept, "consent_must_not_share": _with_limit(tracker, limit)}

    async def validate_consent_must_not_share(self, value, dispatcher, tracker, domain):
        if rules.is_only_a_date(clean_answer(value).text, today()):
            # "idag", typed by mistake, was saved as "Får inte berätta: idag" (persona round, session 39).
            dispatcher.utter_message(response="utter_consent_limit_is_a_date", typed=clean_answer(value).text)
            return {"consent_must_not_share": None}
        events = await self._text("consent_must_not_share", value, dispatcher, tracker, domain, required=False,
                                  needs_mark=True)
        limit = events.get("consent_must_not_share")
        if limit in (None, NONE) or rules.points_to_an_earlier_answer(clean_answer(value).text):
            return events  # an earlier samtycke's answer is taken as it was saved
        # Saved after "får inte delas": "inte om medicin" read "får inte delas inte om medicin"
        # (verification round, session 35).
        return {"consent_must_not_share": rules.limit_text(limit)}

    @staticmethod
    def _limit_added(slot: str, value, dispatcher: CollectingDispatcher, tracker: Tracker) -> dict[str, Any] | None:
        """A limit on what may be shared typed where a date was asked: added to what may not be shared,
        said back, and the date asked again; None when the message holds no such limit."""
        limit = rules.limit_on_sharing(value)
        if limit is None:
            return None
        dispatcher.utter_message(response="utter_consent_limit_added", limit=limit)
        return {slot: None, "consent_must_not_share": _with_limit(tracker, limit)}

    async def validate_consent_valid_from(self, value, dispatcher, tracker, domain):
        now = today()
        if rules.names_only_an_end(str(value or "")):
            return self._from_today_to(value, now, dispatcher)
        start = rules.parse_date(value, now)
        if start is None:
            limited = self._limit_added("consent_valid_from", value, dispatcher, tracker)
            if limited is not None:
                return limited
            await self._unclear(dispatcher, tracker, domain, "utter_consent_unclear_date")
            return {"consent_valid_from": None}
        problem = rules.check_period(start, None, now)
        if problem == rules.START_IN_PAST:
            dispatcher.utter_message(response="utter_consent_start_in_past")
            return {"consent_valid_from": None}
        if problem == rules.START_TOO_LATE:
            dispatcher.utter_message(response="utter_consent_start_too_late",
                                     latest=rules.latest_start(now).isoformat())
            return {"consent_valid_from": None}
        return {"consent_valid_from": start.isoformat()}

    def _from_today_to(self, value, now: date, dispatcher: CollectingDispatcher) -> dict[str, Any]:
        """"till 31 augusti, då flyttar jag" at the start date was saved as the start, 31 August (verification
        round, session 39): an end alone means from today to then."""
        end = rules.parse_date(value, now)
        problem = rules.check_period(now, end, now) if end is not None else None
        if end is None or problem is not None:
            dispatcher.utter_message(response="utter_consent_too_long" if problem == rules.TOO_LONG
                                     else "utter_consent_unclear_date", latest=rules.default_valid_to(now).isoformat())
            return {"consent_valid_from": None}
        dispatcher.utter_message(response="utter_consent_period_from_today", valid_to=end.isoformat())
        return {"consent_valid_from": now.isoformat(), "consent_valid_to": end.isoformat()}

    async def validate_consent_valid_to(self, value, dispatcher, tracker, domain):
        now = today()
        start = date.fromisoformat(tracker.get_slot("consent_valid_from") or now.isoformat())
        end = rules.parse_period_end(value, start) or rules.parse_date(value, now, reference=start)
        if end is None:
            limited = self._limit_added("consent_valid_to", value, dispatcher, tracker)
            if limited is not None:
                return limited
            await self._unclear(dispatcher, tracker, domain, "utter_consent_unclear_date")
            return {"consent_valid_to": None}
        problem = rules.check_period(start, end, now)
        if problem == rules.END_BEFORE_START:
            dispatcher.utter_message(response="utter_consent_end_before_start", valid_from=start.isoformat())
            return {"consent_valid_to": None}
        if problem == rules.TOO_LONG:
            dispatcher.utter_message(response="utter_consent_too_long",
                                     latest=rules.default_valid_to(start).isoformat())
            return {"consent_valid_to": None}
        return {"consent_valid_to": end.isoformat()}

    async def validate_consent_form_kind(self, value, dispatcher, tracker, domain):
        if rules.asks_about_the_forms(str(value or "")):
            dispatcher.utter_message(response="utter_consent_forms_explained")
            return {"consent_form_kind": None}
        kind = rules.parse_form(value)
        if kind is None:
            await self._unclear(dispatcher, tracker, domain, "utter_consent_unclear_form_kind")
        return {"consent_form_kind": kind}

    async def validate_consent_confirmed(self, value, dispatcher, tracker, domain):
        text = str(value or "")
        words = fold(text)
        # A change first: "ja, ändra datumet" asks the dates again (review of session 39: a yes before a change
        # saved the samtycke).
        if "andra" in words:
            for key, slots in CHANGES.items():
                if key in words:
                    return {"consent_confirmed": None, **{slot: None for slot in slots}}
        # A yes, said as a yes: "jag vill fråga per en grej först" and "jag ÄR lina…?" began with "ja" and saved
        # the samtycke unconfirmed (persona round, session 39). Nor a yes with a change ("ja det är fel", "ja
        # förutom bup", "ja ta bort det"), or with a but ("ja men", "okej då men"): this records a legal consent.
        if says_yes_to_the_summary(text):  # only yes words: "ja, byt namnet" or "ja kanske" saved it (second read)
            return {"consent_confirmed": "ja"}
        # Only a way named changes it: "jag vill prata med min fru först" is no oral samtycke (review of session 39).
        kind = rules.parse_form(text, named_only=True) if "?" not in words else None
        if kind is not None and kind != tracker.get_slot("consent_form_kind") and "andra" not in words:
            # "nej fel!! inte blankett. jag sa skriva ar svart. muntligt" got "Vad vill du ändra?" (persona round,
            # session 39): the other way is taken, and the summary comes again.
            dispatcher.utter_message(response="utter_consent_form_kind_changed", form=rules.policy().forms[kind])
            return {"consent_confirmed": None, "consent_form_kind": kind}
        if "?" in words:
            # "Det står 'Den unga själv' men det är ju jag som skriver … Räcker det?" got only "Vad vill du
            # ändra?" (persona round, session 36): a question is answered, then the summary again.
            if _giver(tracker) == rules.YOUNG_PERSON and _under_18(tracker) and writer_is_no_guardian(tracker):
                dispatcher.utter_message(response="utter_consent_young_giver_not_the_writer")
                return {"consent_confirmed": None}
            # Not a short "stämmer det?": the articles have nothing to say to it ("Menade du…?").
            if len(words.split()) >= MIN_SUMMARY_QUESTION_WORDS and \
                    await answered_as_a_question(dispatcher, tracker, domain):
                return {"consent_confirmed": None}
        await self._unclear(dispatcher, tracker, domain, "utter_consent_what_to_change")
        return {"consent_confirmed": None}


def _with_limit(tracker: Tracker, limit: str) -> str:
    """What may not be shared with `limit` added (without a leading "inte om"), once."""
    limit = rules.limit_text(limit)
    earlier = _optional(tracker.get_slot("consent_must_not_share"))
    if earlier is None:
        return limit
    return earlier if fold(limit) in {fold(part.strip()) for part in earlier.split(";")} else f"{earlier}; {limit}"


def _say_limit_kept(dispatcher: CollectingDispatcher, limit: str | None) -> None:
    """A limit typed with another answer, said back with the duty to report that its own question carries
    (that question is then skipped)."""
    if limit:
        dispatcher.utter_message(response="utter_consent_limit_from_sharing", limit=rules.limit_text(limit))


# The responses that carry the note on the duty to report about a child (their variant for a child's samtycke).
REPORT_NOTE_RESPONSES = ("utter_ask_consent_must_not_share", "utter_consent_limit_from_sharing",
                         "utter_consent_limit_not_permission")


def _asks_about_the_report_note(tracker: Tracker) -> bool:
    """A question or a worry about reporting, typed where the note was shown: in a child's samtycke (an adult's
    has no note), at the question that carries it or after a response with it."""
    if not _under_18(tracker) or not rules.asks_about_the_report_note(tracker.latest_message.get("text")):
        return False
    return tracker.get_slot("requested_slot") == "consent_must_not_share" or any(
        event.get("event") == "bot" and (event.get("metadata") or {}).get("utter_action") in REPORT_NOTE_RESPONSES
        for event in tracker.events)


# The intents a crisis comes as. The form's mappings leave them out (bot/domain/consent.yml `*commands`): with
# nothing validated Rasa rejects the form, and the rules in bot/global_commands.yml answer. `crisis` and `help_now`
# end the form there; `crisis_check_in` checks in and goes on with it.
CRISIS_INTENTS = ("crisis", "crisis_check_in", "help_now")
ENDING_CRISIS_INTENTS = ("crisis", "help_now")


def _intent(tracker: Tracker) -> str | None:
    return (tracker.latest_message.get("intent") or {}).get("name")


def may_tell_of_a_crisis(tracker: Tracker) -> bool:
    """Whether the latest message may tell of danger: a crisis intent, the crisis lexicon, a danger word or a word
    of feeling the check-in reads (but a fear of the note itself, rules.without_a_fear_of_the_note), or a
    sentence that tells of harm ("han far illa hemma hos sin pappa"). "varför står det om anmälan? pappa slår mig"
    got the calm reply about the note, and no crisis help (review, session 38)."""
    from actions.crisis_help import danger_words_in  # here: crisis_help imports answer_question, as this module does
    if _intent(tracker) in CRISIS_INTENTS:
        return True
    text = tracker.latest_message.get("text") or ""
    rest = rules.without_a_fear_of_the_note(text)
    return crisis_lexicon().detect(text) is not None or danger_words_in(rest) or tells_feelings_or_danger(rest) \
        or rules.tells_of_harm(text)


def tell_the_other_guardian_can_give_it_later(dispatcher: CollectingDispatcher, tracker: Tracker) -> None:
    """Only the writer is recorded: the other guardian can give theirs later, and what the material says about
    one of two guardians."""
    first, second = (_optional(tracker.get_slot(slot)) for slot in ("consent_guardian_1", "consent_guardian_2"))
    sentence, source = article_says(WHO_GIVES_ARTICLE, ONE_OF_TWO)
    named = first is not None and second is not None
    dispatcher.utter_message(response="utter_consent_other_guardian_later" if named else
                             "utter_consent_other_guardian_later_unnamed",
                             first=first, second=second, one_of_two=sentence, source=_document(source))


class ActionAskConsentConfirmed(Action):
    """The summary to confirm or change; built here because it joins several answers."""

    def name(self) -> str:
        return "action_ask_consent_confirmed"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict):
        policy = rules.policy()
        dispatcher.utter_message(
            response="utter_consent_summary",
            givers=_givers_line(tracker),
            child_view=_optional(tracker.get_slot("consent_child_view")) or policy.texts["no_child_view"],
            parties=", ".join(_party_line(p) for p in _parties(tracker)),
            may_share=tracker.get_slot("consent_may_share"),
            must_not_share=_optional(tracker.get_slot("consent_must_not_share")) or policy.texts["nothing_excluded"],
            valid_from=tracker.get_slot("consent_valid_from"),
            valid_to=tracker.get_slot("consent_valid_to"),
            form=policy.forms.get(tracker.get_slot("consent_form_kind") or "", ""),
            status=policy.chat_status,
        )
        return []


class ActionConsentDone(Action):
    def name(self) -> str:
        return "action_consent_done"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict):
        reset = [SlotSet(slot, None) for slot in FORM_SLOTS]
        if tracker.get_slot("consent_confirmed") != "ja":
            dispatcher.utter_message(response="utter_consent_not_saved")
            return reset
        events: list[dict[str, Any]] = []
        reference = tracker.get_slot("case_reference") if is_verified(tracker) else None
        if reference is None:
            new_case = case_store().create_case()
            reference = new_case.reference
            events += [SlotSet("case_reference", reference), SlotSet("case_verified", True)]
            dispatcher.utter_message(response="utter_consent_case_created", reference=reference, code=new_case.code)
        consent = NewConsent(
            under_adult_age=bool(_under_18(tracker)),
            givers=givers_from(tracker),
            parties=_parties(tracker),
            may_share=tracker.get_slot("consent_may_share"),
            must_not_share=_optional(tracker.get_slot("consent_must_not_share")),
            child_view=_optional(tracker.get_slot("consent_child_view")) if _under_18(tracker) else None,
            valid_from=date.fromisoformat(tracker.get_slot("consent_valid_from")),
            valid_to=date.fromisoformat(tracker.get_slot("consent_valid_to")),
            form=tracker.get_slot("consent_form_kind"),
        )
        number = consent_store.record_consent(case_store(), reference, consent)
        dispatcher.utter_message(response="utter_consent_saved", number=number, reference=reference,
                                 status=rules.policy().chat_status)
        stored = consent_store.consents(case_store(), reference)
        together = rules.in_force_together(stored, today())
        if number in together:
            _tell_several_in_force(dispatcher, reference, together)
        if any(c.withdrawn_at is not None and local(c.withdrawn_at).date() == today() for c in stored):
            # Given right after one was taken back: "vänta är sipen avslutad nu?? jag gjorde ju ett nytt
            # direkt" came next (persona round, session 35), so it is said before it is asked.
            _tell_sip_and_a_new_consent(dispatcher, tracker_with_case(tracker, reference))
        return events + reset


# --- withdrawal --------------------------------------------------------------------------------

def _which_label(which: str | None, numbers: list[int] | None = None) -> str:
    texts = rules.policy().texts
    if which != ALL:
        return texts["consent_name"].format(number=which)
    if numbers:  # after withdrawing: name the ones that changed
        return texts["consent_name"].format(number=f" {texts['and']} ".join(str(n) for n in numbers))
    return texts["all_consents"]


def _numbers_label(numbers: list[int]) -> str:
    """"samtycke 1", "samtycke 1 och 2", "samtycke 1, 2 och 3"."""
    texts = rules.policy().texts
    listed = ", ".join(str(n) for n in numbers[:-1])
    return texts["consent_name"].format(
        number=f"{listed} {texts['and']} {numbers[-1]}" if listed else str(numbers[-1]))


def _tell_several_in_force(dispatcher: CollectingDispatcher, reference: str, numbers: list[int]) -> None:
    """Consents in force at the same time: the chat cannot merge them nor say which one counts, but
    the earlier ones can be taken back one by one (persona round, session 34)."""
    dispatcher.utter_message(response="utter_consent_several_in_force", reference=reference,
                             consents=_numbers_label(numbers), newest=_numbers_label(numbers[-1:]),
                             earlier=_numbers_label(numbers[:-1]))


def told_which_consent_applies(dispatcher: CollectingDispatcher, tracker: Tracker) -> bool:
    """"nu jag har samtycke 1 och 2. vilken gäller?" got the article on how long a samtycke lasts
    (persona round, session 34): in a case opened here with consents in force at the same time, what
    the chat can do about them instead. False, and nothing said, otherwise."""
    if not rules.asks_which_consent_applies(tracker.latest_message.get("text")) or not is_verified(tracker):
        return False
    reference = tracker.get_slot("case_reference")
    together = rules.in_force_together(consent_store.consents(case_store(), reference), today())
    if len(together) < 2:
        return False
    _tell_several_in_force(dispatcher, reference, together)
    return True


def _tell_sip_and_a_new_consent(dispatcher: CollectingDispatcher, tracker: Tracker) -> None:
    """What the material says when a samtycke is taken back (the SIP ends), that it does not say what
    happens when a new one is given at once, and the new one saved in the case opened here, if any."""
    sentence, source = article_says(WITHDRAWAL_ARTICLE, SIP_ENDS)
    dispatcher.utter_message(response="utter_consent_new_after_withdrawal", sip_ends=sentence,
                             source=_document(source))
    if not is_verified(tracker):
        return
    reference = tracker.get_slot("case_reference")
    stored = consent_store.consents(case_store(), reference)
    taken_back = [c.number for c in stored if c.withdrawn_at is not None]
    newer = [c for c in rules.in_force_or_upcoming(stored, today()) if taken_back and c.number > min(taken_back)]
    if newer:
        new = newer[-1]
        dispatcher.utter_message(response="utter_consent_new_one_in_force", reference=reference,
                                 consent=_numbers_label([new.number]), valid_from=new.valid_from.isoformat(),
                                 valid_to=new.valid_to.isoformat())


def speaks_of_a_withdrawal(tracker: Tracker) -> bool:
    """Whether the message names the samtycke or taking it back, or a withdrawal was begun in this
    conversation: "avslutas sip direkt om vi säger nej?" alone is not about a new samtycke."""
    text = fold(tracker.latest_message.get("text") or "")
    return "samtyck" in text or "tillbaka" in text or any(
        event.get("event") == "active_loop" and event.get("name") == WITHDRAW_FORM for event in tracker.events)


def told_about_a_new_consent_after_withdrawal(dispatcher: CollectingDispatcher, tracker: Tracker) -> bool:
    """"men avslutas sipen då om jag tar tillbaka och gör nytt??" got "Förlåt, jag förstår inte riktigt",
    and "vänta är sipen avslutad nu?? jag gjorde ju ett nytt direkt" a general text (persona round,
    session 35): answered honestly. False, and nothing said, for any other message."""
    if not rules.asks_if_a_new_consent_keeps_the_sip(tracker.latest_message.get("text")):
        return False
    _tell_sip_and_a_new_consent(dispatcher, tracker)
    return True


def told_whether_the_sip_ends(dispatcher: CollectingDispatcher, tracker: Tracker) -> bool:
    """"men om jag tar tillbaka, slutar sip då? … jag vill inte att hela sip slutar", at the withdrawal's yes or
    no after the chat said a new samtycke can follow, got "Förlåt, jag förstår inte riktigt" (persona round,
    session 36): what the material says, and that it does not say what happens with a new one. False, and
    nothing said, for any other message (a question whether the SIP ends is then answered as any question)."""
    if not rules.asks_if_the_sip_ends(tracker.latest_message.get("text")) or not _a_new_one_was_meant(tracker):
        return False
    _tell_sip_and_a_new_consent(dispatcher, tracker)
    return True


def _parties_and_question(text: str | None) -> tuple[str, str] | None:
    """The organisations typed before a question, and the question ("bup och hagaskolan", "kanske soc
    också? behövs dom?"); None when the part before it names none or is a yes or no."""
    both = answer_and_question(text)
    if both is None or not rules.split_parties(both[0]) or rules.parse_yes_no(fold(both[0])) is not None:
        return None
    return both


async def _answer_about_parties(dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict,
                                question: str) -> None:
    """Whether one more organisation is needed: the material does not say for a given child; who decides
    and that a new party later needs a new samtycke, in the articles' words. Any other question is
    answered as a free question, as at the request's needs."""
    kind = rules.organisation_asked_about(question)
    if kind is None:
        await ActionAnswerQuestion().run(dispatcher, asking_only(tracker, question), domain)
        return
    who_decides, _ = article_says(WHO_TAKES_PART_ARTICLE, WHO_DECIDES)
    new_parties, _ = article_says(NEW_PARTIES_ARTICLE, NEW_CONSENT)
    # Every document either article names as its source, not only the first.
    documents = dict.fromkeys(_document(part) for article in (WHO_TAKES_PART_ARTICLE, NEW_PARTIES_ARTICLE)
                              for part in source_parts(articles()[article].source))
    label = (rules.organisation_type_label(kind) or kind).split(" (")[0]
    dispatcher.utter_message(response="utter_consent_parties_is_one_needed", who_decides=who_decides,
                             new_parties=new_parties, source="; ".join(documents),
                             organisation=label if label[:2].isupper() else label[0].lower() + label[1:])


def told_whether_the_request_stays(dispatcher: CollectingDispatcher, tracker: Tracker) -> bool:
    """"försvinner begäran till hagaskolan om jag tar tillbaka?" at the withdrawal (verification round,
    session 36): taking back a samtycke sets only its withdrawal time (casestore consents.withdraw); a sent
    SIP request stays, its status unchanged. False, and nothing said, for any other message."""
    if not rules.asks_if_the_request_goes(tracker.latest_message.get("text")):
        return False
    reference = tracker.get_slot("case_reference")
    sent = [row for row in request_store.requests_for(case_store(), reference)
            if row["status"] != WITHDRAWN] if reference else []
    names = [name for name in dict.fromkeys(request_rules.organisation_name(row["organisation_id"], "")
                                            for row in sent) if name]
    if names:
        dispatcher.utter_message(response="utter_consent_withdraw_request_stays", organisations=" och ".join(names))
    else:
        dispatcher.utter_message(response="utter_consent_withdraw_request_stays_none")
    return True


def told_about_another_guardians_yes(dispatcher: CollectingDispatcher, tracker: Tracker) -> bool:
    """"får jag skriva pappans namn fast han inte sitter här? han sa ja i telefon igår", at the summary, got
    only "Vad vill du ändra?" (persona round, session 36): who gives a samtycke and how, in the articles' words;
    that the material does not say whether a parent may write in the other one's; what the form can do.
    False, and nothing said, for any other message."""
    if not rules.asks_to_write_in_another_guardian(tracker.latest_message.get("text")):
        return False
    who_gives, source = article_says(WHO_GIVES_ARTICLE, WHO_GIVES)
    dispatcher.utter_message(response="utter_consent_other_guardians_yes", who_gives=who_gives,
                             oral=" ".join(articles()[DOCUMENTING_ARTICLE].short.split()), source=_document(source))
    return True


ROLE_ANSWER_WORDS = 3  # "familjehemsförälder" typed alone, as at the request's "Vem är du?"


def writes_as_no_guardian(text: str | None) -> bool | None:
    """True: the message says its writer is a foster home or a relative who is no guardian ("Jag är
    familjehemsförälder", "familjehemsförälder" alone, "jag är mormor"); False: that they are a guardian;
    None: neither. The foster home first: the guardian cues read "förälder" in "familjehemsförälder"."""
    text = str(text or "")
    if says_they_are_a_foster_parent(text) or says_they_are_a_relative(text) or \
            (len(text.split()) <= ROLE_ANSWER_WORDS and says_foster_home(text)):
        return True
    return False if says_they_are_a_guardian(text) else None


def writer_is_no_guardian(tracker: Tracker) -> bool:
    """Whether the writer has said in this conversation, last of all, that they are no guardian."""
    texts = [event.get("text") for event in tracker.events if event.get("event") == "user"]
    latest = tracker.latest_message.get("text")
    if not texts or texts[-1] != latest:
        texts.append(latest)
    verdicts = [v for v in (writes_as_no_guardian(text) for text in texts) if v is not None]
    return bool(verdicts) and verdicts[-1]


def said_they_are_a_foster_parent(tracker: Tracker) -> bool:
    """Whether the writer has said in this conversation that they are a familjehem, jourhem or fosterförälder
    ("Jag är familjehemsförälder, räknas det som företrädare?", or the word alone)."""
    texts = [event.get("text") or "" for event in tracker.events if event.get("event") == "user"]
    texts.append(tracker.latest_message.get("text") or "")
    return any(says_they_are_a_foster_parent(text)
               or (len(text.split()) <= ROLE_ANSWER_WORDS and says_foster_home(text)) for text in texts)


def _representative_kind(tracker: Tracker) -> str | None:
    """The kind of representative chosen: the slot read through its parser (it may hold the raw answer)."""
    return rules.parse_representative_kind(tracker.get_slot("consent_representative_kind") or "")


def asks_for_the_fullmakt(tracker: Tracker) -> bool:
    """A foster parent who chose a representative with a fullmakt is asked whether the guardian gave them one: a
    foster father's samtycke was saved as "Företrädare med fullmakt" and he had none (persona round, session 39)."""
    return _giver(tracker) == rules.REPRESENTATIVE and _representative_kind(tracker) in rules.FULLMAKT_KINDS \
        and said_they_are_a_foster_parent(tracker)


def stops_without_a_fullmakt(tracker: Tracker) -> bool:
    """Whether the latest message ends the samtycke for want of a fullmakt: a no to whether the guardian gave one,
    or "jag har ingen fullmakt" from a representative with a fullmakt (or of a kind not yet said)."""
    text = tracker.latest_message.get("text") or ""
    if tracker.get_slot("requested_slot") == "consent_fullmakt_from_guardian" and \
            rules.parse_confirmation(text) is False:
        return True
    asked = tracker.get_slot("requested_slot")
    if asked in ("consent_under_18", "consent_giver") or not rules.says_no_fullmakt(text) or \
            _giver(tracker) != rules.REPRESENTATIVE:
        return False
    if asked == "consent_representative_kind":
        # A foster home or a relative there is told who gives it, and chooses again (_not_a_giver).
        return _not_a_giver(text) is None
    return _representative_kind(tracker) in (None, *rules.FULLMAKT_KINDS)


def writer_is_a_guardian(tracker: Tracker) -> bool:
    """Whether the writer has said in this conversation that they are a guardian ("jag ar pappa") or named
    themself among the guardians who give it ("vardnadshavare. jag och min fru"), and not since that they are
    none."""
    texts = [event.get("text") for event in tracker.events if event.get("event") == "user"]
    texts.append(tracker.latest_message.get("text"))
    said = any(writes_as_no_guardian(text) is False or rules.names_the_writer_among_the_guardians(text)
               for text in texts)
    return said and not writer_is_no_guardian(tracker)


def _writes_as_a_guardian(tracker: Tracker, text: str | None) -> bool:
    """Whether the writer is known to be a guardian: said so in this conversation (writer_is_a_guardian), or says
    so in `text` ("jag är mamma, bara jag…", "vårdnadshavare, bara jag. pappan vill inte"), and not that they are
    none."""
    if writer_is_no_guardian(tracker):
        return False
    return writer_is_a_guardian(tracker) or says_they_are_a_guardian(text) or rules.names_the_guardian_role(text)


def _names_given(tracker: Tracker, leave_out: str | None = None) -> dict[str, str]:
    """The guardians' names given in this samtycke so far (slot → name), but the one now asked."""
    slots = ("consent_guardian_1", "consent_guardian_2") if _giver(tracker) == rules.GUARDIAN else ()
    return {slot: value for slot in slots if slot != leave_out
            and (value := _optional(tracker.get_slot(slot))) and rules.looks_like_a_name(value)}


async def answered_at_the_withdrawal(dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> bool:
    """A question typed at a withdrawal question, answered; the form then asks again and nothing is
    taken back. "om jag tar tillbaka, SIP slut? hamza förlorar hjälp?" got only "Svara ja eller nej"
    (persona round, session 34): it opens with no question word and was not read as `faq`, so
    answered_instead passed it by. Whatever its intent, a message that reads as a question is answered
    as one (within the samtycke articles for give_consent and withdraw_consent)."""
    if told_which_consent_applies(dispatcher, tracker) or \
            told_about_a_new_consent_after_withdrawal(dispatcher, tracker) or \
            told_whether_the_sip_ends(dispatcher, tracker):
        return True
    return await answered_as_a_question(dispatcher, tracker, domain)


async def answered_as_a_question(dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> bool:
    """A message that reads as a question (a question mark, or a clause that opens with a question word),
    answered whatever its intent; False, and nothing said, for any other message."""
    if await answered_instead(dispatcher, tracker, domain, needs_mark=True):
        return True
    text = tracker.latest_message.get("text") or ""
    if question_part(text) is None:
        return False
    intent = (tracker.latest_message.get("intent") or {}).get("name")
    asking = tracker if intent == "faq" or intent in INTENT_TOPICS else asking_only(tracker, text)
    await ActionAnswerQuestion().run(dispatcher, asking, domain)
    return True


async def answer_instead(dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> list | None:
    """"Vad godkänner jag när jag ger samtycke?" asks about consent: answer it and offer the two
    actions as buttons, rather than starting to record or withdraw one. Someone who said they work
    with SIP asks about a family's consent ("och om föräldern vill ta tillbaka det" started the
    withdrawal for a socialsekreterare; persona round, session 24): answered, without the buttons."""
    staff = said_they_are_staff(tracker)
    text = tracker.latest_message.get("text") or ""
    if staff and told_staff_the_family_gives_it(dispatcher, tracker, in_a_form=True):
        # "var det ok att jag som personal registrerade samtycket åt mamman?" (persona round, session 35).
        return [FollowupAction("action_listen")]
    if not staff and not reads_as_question(text):
        return None
    if not staff and wished_consent_action(tracker) is not None:
        # "hej jag vill stoppa samtycke. hur gor jag" got the article and the buttons (persona round,
        # session 38): a wish that only asks how is done, not explained.
        return None
    if told_which_consent_applies(dispatcher, tracker) or \
            told_about_a_new_consent_after_withdrawal(dispatcher, tracker) or \
            (not staff and told_whose_consent_it_is(dispatcher, tracker)):
        return [FollowupAction("action_listen")]
    events = await ActionAnswerQuestion().run(dispatcher, tracker, domain)
    # A relative who is no guardian can neither give nor withdraw one (persona round, session 38).
    if not staff and not said_they_are_a_relative(tracker):
        dispatcher.utter_message(response="utter_consent_options")
    return events + [FollowupAction("action_listen")]


START_ACTION = START_CONSENT
# Stopping, ending or no longer giving a samtycke, said as the writer's wish, is taking it back: "hej jag
# vill stoppa samtycke. hur gor jag" (persona round, session 38). Not "jag vill inte ta tillbaka", nor a wish
# whose object is something else ("jag vill avsluta planen men inte samtycket"; review, session 38). The words
# are knowledge/consent/cues.yml `withdrawal_wish`.
@lru_cache(maxsize=1)
def _withdrawal_wish_pattern() -> re.Pattern:
    data = rules.cues()["withdrawal_wish"]
    before = rules.cue_pattern(data["before_the_consent"])
    return re.compile(
        rf"{rules.cue_pattern(data['wishers'])}\s+{rules.cue_pattern(data['wants'])}\s+"
        r"(?:(?!(?:inte|ej|aldrig)\b)\w+\s+){0,2}?"
        rf"{rules.cue_pattern(data['verbs'])}\s+(?:(?:{before}|\w+s\b)\s+){{0,2}}samtyck")


# A question that only asks how to do what is wished: "hur gör jag", "hur ska jag göra?", "hur då".
_ONLY_HOW = re.compile(r"(?:(?:men|och|o|sa|ok|okej)\s+)?(?:hur|vad)\s+(?:gor|ska|skall|maste|kan|gar)\s+"
                       r"(?:jag|ja|man|vi)(?:\s+(?:gora|gor|gar|det|da|nu|till\s+vaga|tillvaga))*|hur(?:\s+da)?")


def wants_to_withdraw(text: str | None) -> bool:
    return _withdrawal_wish_pattern().search(fold(text or "")) is not None


_CLAUSE_BREAK = re.compile(r"[.,!;:\n]+")


def _only_asks_how(text: str) -> bool:
    """Every part of the message that asks only asks how: "hej jag vill stoppa samtycke. hur gor jag",
    "jag vill ta tillbaka samtycket, hur?"; not "…, vad händer då, hur?"."""
    asking = [clause for clause in _CLAUSE_BREAK.split(text) if clause.strip() and question_part(clause) is not None]
    return bool(asking) and all(_ONLY_HOW.fullmatch(" ".join(fold(clause).replace("?", " ").split()))
                                for clause in asking)


_STOP_GIVING = re.compile(r"\bsluta\s+(?:ge|lamna)\b")


def _consent_wish(text: str) -> str | None:
    """The action a message wishes: a new samtycke first ("ta tillbaka och göra ett nytt" is no new one,
    nor "sluta ge samtycke")."""
    kept = _STOP_GIVING.sub("sluta", fold(text))
    if rules.wants_a_new_consent(kept) or request_rules.wants_to_give_consent_now(kept):
        return START_ACTION
    return WITHDRAW_ACTION if wants_to_withdraw(text) else None


def _message_before(tracker: Tracker) -> str:
    """The user's message before the latest one ("" if none)."""
    latest = tracker.latest_message.get("text")
    said = [event.get("text") or "" for event in tracker.events if event.get("event") == "user"]
    if said and said[-1] == latest:
        said = said[:-1]
    return said[-1] if said else ""


def wished_consent_action(tracker: Tracker) -> str | None:
    """The samtycke action the latest message wishes done: the withdrawal for "jag vill stoppa samtycke. hur
    gör jag", the form for "jag vill ge samtycke, hur gör jag?", and either for a lone "hur gör jag?" right
    after such a wish. None for anything else: a wish with another question ("…, vad händer med sip då?")
    asks it. For actions/answer_question.py too, where such a message is answered with the article."""
    text = tracker.latest_message.get("text") or ""
    if reads_as_question(text) or question_part(text) is not None:
        if not _only_asks_how(text):
            return None
        if _consent_wish(text) is None:
            text = _message_before(tracker)
    return _consent_wish(text)


def _not_a_giver(text: str) -> str | None:
    """The response for a foster home or a relative at "Vem ger samtycket?", who is no giver: a foster
    mother was recorded as "Företrädare med fullmakt", and a grandmother's "jag är mormor, har ingen
    fullmakt" too (persona rounds, session 28). None for anyone else."""
    if says_foster_home(text):
        return "utter_consent_giver_foster_home"
    if answers_as_a_relative(text) and rules.parse_giver(text) != rules.GUARDIAN:
        return "utter_consent_giver_relative"
    return None


def tracker_with_case(tracker: Tracker, reference: str) -> Tracker:
    """The tracker with the case a samtycke was just saved in as opened (its slots are set only after
    the action)."""
    opened = copy.copy(tracker)
    opened.slots = {**tracker.slots, "case_reference": reference, "case_verified": True}
    return opened


def _earlier_consent(tracker: Tracker):
    """The latest samtycke of the case opened here (a StoredConsent), also one just taken back; None
    without an opened case or a samtycke in it."""
    if not is_verified(tracker):
        return None
    stored = consent_store.consents(case_store(), tracker.get_slot("case_reference"))
    return max(stored, key=lambda c: c.number) if stored else None


# The answers "samma som förut" can take from the earlier samtycke: a slot and its StoredConsent field.
AS_BEFORE = {"consent_may_share": "may_share", "consent_must_not_share": "must_not_share",
             "consent_child_view": "child_view"}


def _as_before(slot: str, dispatcher: CollectingDispatcher, tracker: Tracker) -> dict[str, Any]:
    """"samma som förut" at a question: the answer of the case's latest samtycke, said back. It got "Jag
    kan inte se vad som stod i ett tidigare samtycke" while that samtycke had been listed a few messages
    before (persona round, session 35); that is said only when the chat cannot see one."""
    earlier, field = _earlier_consent(tracker), AS_BEFORE.get(slot)
    value = getattr(earlier, field) if earlier is not None and field else None
    if earlier is None or field is None or (value is None and field != "must_not_share"):
        dispatcher.utter_message(response="utter_consent_earlier_answer_unknown")
        return {slot: None}
    dispatcher.utter_message(response="utter_consent_answer_as_before", number=earlier.number,
                             answer=value or rules.policy().texts["nothing_excluded"])
    return {slot: value or NONE}


def _parties_as_before(left_out: list[rules.Party], dispatcher: CollectingDispatcher,
                       tracker: Tracker) -> dict[str, Any]:
    """"samma som förut" at the organisations, or "samma som förut men inte bup": the latest samtycke's
    organisations but those left out, said back."""
    earlier = _earlier_consent(tracker)
    if earlier is None:
        dispatcher.utter_message(response="utter_consent_earlier_answer_unknown")
        return {"consent_parties": None}
    records = [p for p in earlier.parties if not rules.leaves_out(p.name, left_out)]
    if not records:
        dispatcher.utter_message(response="utter_consent_no_parties")
        return {"consent_parties": None}
    dispatcher.utter_message(response="utter_consent_parties_as_before", number=earlier.number,
                             parties="\n".join(f"• {_party_line(p)}" for p in records))
    return {"consent_parties": json.dumps([[p.name, p.organisation_type] for p in records], ensure_ascii=False)}


def _known_guardian_name(slot: str, tracker: Tracker) -> str | None:
    """The name this guardian had before: in this chat (an earlier samtycke, or before "ändra vem"),
    else in the latest samtycke of the case opened here with one; None if neither has it."""
    for event in reversed(tracker.events):
        value = event.get("value") if event.get("event") == "slot" and event.get("name") == slot else None
        if isinstance(value, str) and value != NONE and rules.name_parts(value) == (value, False) \
                and rules.looks_like_a_name(value):
            return value
    if not is_verified(tracker):
        return None
    index = GIVER_SLOTS.index(slot) - GIVER_SLOTS.index("consent_guardian_1")
    for consent in reversed(consent_store.consents(case_store(), tracker.get_slot("case_reference"))):
        names = [giver.name for giver in consent.givers if giver.role == rules.GUARDIAN]
        if len(names) > index and names[index]:
            return names[index]
    return None


def _parties_from_the_wish(tracker: Tracker) -> list[dict[str, Any]]:
    """"jag vill göra ett samtycke till, bara skolan och bup": the organisations it names, as if typed
    at their question; the form checks them as it starts and says them back (validate_consent_parties),
    with a limit typed after them ("…, men inte om hans medicin")."""
    wish = _the_wish(tracker)
    named = rules.parties_named_with_the_wish(wish)
    if not named:
        return []
    limit = rules.limit_named_with_the_wish(wish)
    parties = ", ".join(p.name for p in named)
    return [SlotSet("consent_parties", f"{parties}, men inte {limit}" if limit else parties)]


def _the_wish(tracker: Tracker) -> str:
    """The message that asks for the samtycke. After a button ("Lämna samtycke" offered when a request was
    sent) or a short "lämna samtycke": the latest wish typed before it that names organisations. "jag vill
    ge samtycke nu, skola och bup", typed in the SIP request, was asked for again (verification round,
    session 35). Not one typed before an earlier samtycke form of this conversation: that one used it."""
    latest = tracker.latest_message.get("text") or ""
    pressed = latest.startswith("/") or len(latest.split()) <= SHORT_WISH_WORDS
    if rules.parties_named_with_the_wish(latest) or not pressed:
        return latest
    for event in reversed(tracker.events):
        if event.get("event") == "active_loop" and event.get("name") == FORM:
            break
        text = (event.get("text") or "") if event.get("event") == "user" else ""
        wish = request_rules.wants_to_give_consent_now(text) or rules.wants_a_new_consent(text)
        if text and text != latest and wish and rules.parties_named_with_the_wish(text):
            return text
    return latest


def _age_from_the_request(tracker: Tracker) -> list[dict[str, Any]]:
    """Whether the child is under 18, from a SIP request in the case opened here: after a request with
    the child's age, "Är den som SIP:en gäller under 18 år?" was asked again (persona round, session 28)."""
    if not is_verified(tracker):
        return []
    ages = [row["child_age"] for row in request_store.requests_for(case_store(), tracker.get_slot("case_reference"))
            if row.get("child_age") is not None]
    if not ages:
        return []
    return [SlotSet("consent_under_18", "ja" if ages[-1] < rules.policy().adult_age else "nej")]


# The article on oral and written samtycke, in the words for staff.
DOCUMENTING_ARTICLE = "samtycke_skriftligt_muntligt"
# What the articles say about one of two guardians, and about taking a samtycke back: said in the forms
# in the articles' own words, so the text lives in one place.
WHO_GIVES_ARTICLE, ONE_OF_TWO, WHO_GIVES = "samtycke_vem_ger", "en av två vårdnadshavare", "huvudregeln"
WITHDRAWAL_ARTICLE, SIP_ENDS = "samtycke_dra_tillbaka", "avslutas SIP:en"
# Who decides who takes part, and a new party's new samtycke: for "behövs soc också?" at the organisations.
WHO_TAKES_PART_ARTICLE, WHO_DECIDES = "sip_vilka_deltar", "bestämmer ni"
NEW_PARTIES_ARTICLE, NEW_CONSENT = "samtycke_nya_deltagare", "nytt samtycke"


def article_says(article_id: str, phrase: str) -> tuple[str, str]:
    """The sentence of an article's short answer that holds `phrase`, and the part of its source it
    names first (the document and section the short answer is from)."""
    article = articles()[article_id]
    sentence = rules.sentence_with(article.short, phrase)
    if sentence is None:
        raise LookupError(f"{article_id} no longer says {phrase!r}")
    return sentence, source_parts(article.source)[0]


def _document(source_part: str) -> str:
    """A source by its document's short name, as under a short answer to a young person or a parent."""
    return document_of(source_part) or source_part


def tell_one_guardian_consents(dispatcher: CollectingDispatcher) -> None:
    sentence, source = article_says(WHO_GIVES_ARTICLE, ONE_OF_TWO)
    dispatcher.utter_message(response="utter_consent_one_guardian", one_of_two=sentence, source=_document(source))
SHORT_WISH_WORDS = 3


# Answers about who gives the samtycke, and the yes to save it: a role typed there is the writer's own.
# Elsewhere ("Kurator Hagaskolan, BUP" at the organisations) only a role with "jag" in the message is.
WHO_SLOTS = {"consent_under_18", "consent_giver", "consent_guardian_count", "consent_guardian_1", "consent_guardian_2",
             "consent_representative_kind", "consent_confirmed"}


def _staff_verdict(text: str | None, asked: str | None) -> bool | None:
    """True: a message typed in the samtycke form says its writer works with SIP; False: that they are
    the family or not staff; None: neither."""
    if says_they_are_a_guardian(text) or rules.says_they_are_the_family(text) or says_they_are_not_staff(text):
        return False
    if says_they_work_with_sip(text) and (asked in WHO_SLOTS or writes_of_themself(text)):
        return True
    return None


def staff_fill_in_for_the_family(tracker: Tracker) -> bool:
    """Whether the one answering the samtycke form has said they work with SIP: before the form (as
    said_they_are_staff reads it), in an earlier answer, or in this one; and not since that they are
    the family."""
    latest = tracker.latest_message.get("text") or ""
    events = [e for e in tracker.events if not (e.get("event") == "user" and e.get("text") == latest)]
    # From the first samtycke form on, answers are read as answers: "Kurator Hagaskolan, BUP" at the
    # organisations names no role of the writer's (said_they_are_staff would take it for one).
    start = next((i for i, e in enumerate(events) if e.get("event") == "active_loop" and e.get("name") == FORM),
                 len(events))
    before = copy.copy(tracker)
    before.events = events[:start]
    staff = said_they_are_staff(before)
    asked = None
    for event in events[start:]:
        if event.get("event") == "slot" and event.get("name") == "requested_slot":
            asked = event.get("value")
        elif event.get("event") == "user" and (verdict := _staff_verdict(event.get("text"), asked)) is not None:
            staff = verdict
    verdict = _staff_verdict(latest, tracker.get_slot("requested_slot"))
    return staff if verdict is None else verdict


def told_staff_the_family_gives_it(dispatcher: CollectingDispatcher, tracker: Tracker, in_a_form: bool = False) -> bool:
    """"mamman sa ok på telefon, kan jag registrera samtycket här?" from someone who said they work with SIP
    got the article on oral and written samtycke (verification round, session 35): who gives a samtycke and
    how staff document one, as the form says it. For actions/answer_question.py; False, and nothing said,
    in a form (unless `in_a_form`: the samtycke's own actions), for a family member, or for any other message."""
    text = tracker.latest_message.get("text") or ""
    if ((tracker.active_loop or {}).get("name") and not in_a_form) or not rules.registers_for_the_family(text) \
            or says_they_are_a_guardian(text) or rules.says_they_are_the_family(text) \
            or not said_they_are_staff(tracker):
        return False
    tell_staff_the_family_gives_it(dispatcher)
    return True


def tell_staff_the_family_gives_it(dispatcher: CollectingDispatcher) -> None:
    """Who gives a samtycke and how one given orally is documented, in the articles' words, with the
    full source as staff get it."""
    who_gives, source = article_says(WHO_GIVES_ARTICLE, WHO_GIVES)
    documenting = " ".join(articles()[DOCUMENTING_ARTICLE].short.split())
    dispatcher.utter_message(response="utter_consent_staff_family_gives_it", who_gives=who_gives,
                             documenting=documenting, source=source)


class ActionStartConsent(Action):
    """"Jag vill ge samtycke": the intro, then consent_form (a question is answered instead)."""

    def name(self) -> str:
        return "action_start_consent"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict):
        text = tracker.latest_message.get("text") or ""
        # The button, or a short wish ("lämna samtycke"); a longer message from staff asks about a
        # family's samtycke and is answered (answer_instead).
        pressed = text.startswith("/") or len(text.split()) <= SHORT_WISH_WORDS
        if pressed and said_they_are_staff(tracker) and not says_they_are_a_guardian(text):
            # "Lämna samtycke" pressed by staff got "Det kan jag tyvärr inte svara på", and a
            # socialsekreterare who was not taken for staff recorded a mother's oral samtycke here as
            # given by the vårdnadshavare (verification round, session 31): staff document it themselves.
            tell_staff_the_family_gives_it(dispatcher)
            return [FollowupAction("action_listen")]
        if wished_consent_action(tracker) == WITHDRAW_ACTION and not said_they_are_staff(tracker):
            # "jag vill stoppa samtycket" read as give_consent: taken back, nothing new started.
            return await ActionWithdrawConsent().run(dispatcher, tracker, domain)
        answered = await answer_instead(dispatcher, tracker, domain)
        if answered is not None:
            return answered
        in_the_named_case = _open_the_named_case(dispatcher, tracker)
        if in_the_named_case:
            return in_the_named_case
        dispatcher.utter_message(response="utter_consent_intro")
        # A new consent starts empty: answers left by a consent that was stopped ("avbryt") must
        # not turn up in this one. Before the FollowupAction, so the form does not validate them.
        return [*(SlotSet(slot, None) for slot in FORM_SLOTS), *_age_from_the_request(tracker),
                *_parties_from_the_wish(tracker), FollowupAction(FORM)]


def _open_the_named_case(dispatcher: CollectingDispatcher, tracker: Tracker) -> list[dict[str, Any]]:
    """"hej jag vill ge samtycke till min sip. jag har referens KKMK-TYEJ" was saved in a new case (persona round,
    session 38): a reference typed with the wish, not the case opened here, is opened first (its code asked for,
    unless typed too), and action_case_access_done starts the samtycke again in it. [] for any other message."""
    if not _names_a_reference(tracker.latest_message.get("text") or ""):
        return []
    events = require_case(tracker, START_ACTION)
    if not names_the_case(events):
        return []
    if code_named_in(tracker.latest_message.get("text") or "") is None:
        dispatcher.utter_message(response="utter_consent_case_named")
    return events


def _names_a_reference(text: str) -> bool:
    """A reference, or one mistyped with a letter in it: "läsåret 2024-2025" is a year, not a case."""
    mistyped = mistyped_reference_in(text) or ""
    return reference_named_in(text) is not None or re.search(r"[^\W\d_]", mistyped) is not None


async def started_the_wished_withdrawal(dispatcher: CollectingDispatcher, tracker: Tracker,
                                        domain: DomainDict) -> list[dict[str, Any]] | None:
    """"hej jag vill stoppa samtycke. hur gor jag", read as nlu_fallback or faq, got the article on taking a
    samtycke back and the buttons (persona round, session 38): the withdrawal, as a free question outside a
    form from someone who is not staff (staff are answered: answer_instead). None, and nothing said, otherwise."""
    intent = (tracker.latest_message.get("intent") or {}).get("name")
    if intent not in FREE_QUESTION_INTENTS or (tracker.active_loop or {}).get("name") \
            or wished_consent_action(tracker) != WITHDRAW_ACTION or said_they_are_staff(tracker):
        return None
    return await ActionWithdrawConsent().run(dispatcher, tracker, domain)


class ActionWithdrawConsent(Action):
    """"Jag vill ta tillbaka mitt samtycke": find the case, show its consents, then ask which and confirm."""

    def name(self) -> str:
        return WITHDRAW_ACTION

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict):
        text = tracker.latest_message.get("text") or ""
        if rules.wants_a_new_consent(text) and _consent_wish(text) != WITHDRAW_ACTION:
            # "jag vill göra ett samtycke till … inte soc" was read as a withdrawal (verification round,
            # session 34): a new samtycke is started instead, nothing is taken back. Not "sluta ge samtycke".
            return await ActionStartConsent().run(dispatcher, tracker, domain)
        if tracker.latest_message.get("intent", {}).get("name") == "withdraw_consent":
            answered = await answer_instead(dispatcher, tracker, domain)
            if answered is not None:
                return answered
        events = require_case(tracker, WITHDRAW_ACTION)
        if events and says_they_have_no_reference(tracker.latest_message.get("text")):
            # "jag gav samtycket på papper i skolan, inte här": no reference to ask for.
            dispatcher.utter_message(response="utter_consent_withdraw_without_reference")
            return []
        if events:
            if not names_the_case(events):  # a reference typed with the wish needs no introduction
                dispatcher.utter_message(response="utter_consent_withdraw_needs_case")
            return events
        reference = tracker.get_slot("case_reference")
        stored = consent_store.consents(case_store(), reference)
        now = today()
        if stored:
            lines = [rules.describe_consent(c.number, [p.name for p in c.parties], c.valid_from, c.valid_to,
                                            c.withdrawn_at, now) for c in stored]
            dispatcher.utter_message(response="utter_consent_list", reference=reference, consents="\n".join(lines))
        open_ones = rules.in_force_or_upcoming(stored, now)
        reset = [SlotSet("consent_withdraw_which", None), SlotSet("consent_withdraw_confirmed", None)]
        if not open_ones:
            dispatcher.utter_message(response="utter_consent_none_to_withdraw", reference=reference)
            return reset
        if rules.wants_only_some_parties(_withdrawal_wish(tracker)):
            # "jag vill ta tillbaka samtycket men bara för bup" was asked straight away whether to take back
            # the whole samtycke (persona round, session 35): what the chat can do comes first.
            dispatcher.utter_message(response="utter_consent_withdraw_only_whole")
        if len(open_ones) == 1:
            reset[0] = SlotSet("consent_withdraw_which", str(open_ones[0].number))
        return reset + [FollowupAction(WITHDRAW_FORM)]


def _withdrawal_wish(tracker: Tracker) -> str:
    """The message that asked to take a samtycke back: the latest one, or, after the reference and code
    were asked for, the last one read as withdraw_consent."""
    if (tracker.latest_message.get("intent") or {}).get("name") == "withdraw_consent":
        return tracker.latest_message.get("text") or ""
    for event in reversed(tracker.events):
        if event.get("event") == "user" and \
                ((event.get("parse_data") or {}).get("intent") or {}).get("name") == "withdraw_consent":
            return event.get("text") or ""
    return tracker.latest_message.get("text") or ""


def _about_whom(consents: list) -> str:
    """"om dig", "om barnet" or "om dig eller barnet": whom the organisations talk about, by who gave the
    samtycken being taken back. A 19-year-old who gave it himself was told "om dig eller barnet"
    (persona round, session 35)."""
    texts = rules.policy().texts
    roles = {giver.role for consent in consents for giver in consent.givers}
    if roles == {rules.YOUNG_PERSON}:
        return texts["about_young_person"]
    if roles == {rules.GUARDIAN}:
        return texts["about_child"]
    return texts["about_either"]


# --- a samtycke given by two guardians together ---------------------------------------------------------
# A father taking back one samtycke that named him and his wife asked "ar det bara mitt samtycke eller ocksa
# min fru Leila?", got a general text, and "ja" took it back for both (persona round, session 38). The case
# store keeps one withdrawal time per samtycke (casestore consents.withdraw), none per giver: the chat says
# so plainly, and takes it back for both or not at all.

# The words are knowledge/consent/cues.yml `other_giver` and `asks_first`.
@lru_cache(maxsize=1)
def _other_giver() -> re.Pattern:
    """The other giver named without their name: "min fru", "pappan", "den andra vårdnadshavaren"."""
    data = rules.cues()["other_giver"]
    partners = rules.cue_pattern(data["partners"])
    return re.compile(rf"\b(?:min|mina|mitt)\s+{partners}|{rules.cue_pattern(data['parents'])}")


@lru_cache(maxsize=None)
def _cue(key: str, name: str) -> re.Pattern:
    return re.compile(rules.cue_pattern(rules.cues()[key][name]))


@lru_cache(maxsize=1)
def _asks_first() -> re.Pattern:
    """"vanta. jag maste prata med min fru forst" at the yes or no got "Svara ja eller nej" (session 38): a no."""
    data = rules.cues()["asks_first"]
    return re.compile(rf"{rules.cue_pattern(data['verbs'])}[^.?!]*{rules.cue_pattern(data['then'])}")


def _given_by_both(consent) -> bool:
    return sum(giver.role == rules.GUARDIAN for giver in consent.givers) >= 2


def _givers_named(consent) -> str:
    """"Amir Haddad och Leila Haddad"; the summary's words ("Vårdnadshavare 2") when a name is missing."""
    names = [giver.name for giver in consent.givers]
    if all(names):
        return f" {rules.policy().texts['and']} ".join(names)
    return rules.describe_givers(consent.givers)


def _consent_label(consent) -> str:
    named = _numbers_label([consent.number])
    return named[:1].upper() + named[1:]


def _names_of(consent) -> set[str]:
    return {part for giver in consent.givers if giver.name for part in fold(giver.name).split() if len(part) > 2}


def _names_a_giver(words: str, consent) -> bool:
    """"min fru", "pappan", "Leila", "Leilas": the folded `words` name a giver other than by "jag"."""
    return _other_giver().search(words) is not None or \
        any(re.search(rf"\b{re.escape(name)}s?\b", words) for name in _names_of(consent))


def _speaks_of_the_other_giver(text: str, consent) -> bool:
    """"ocksa min fru Leila?", "hennes samtycke", "bara mitt", "båda": at the withdrawal's yes or no, the message
    is about one giver's part."""
    words = fold(text or "")
    return _names_a_giver(words, consent) or _cue("other_giver", "parts").search(words) is not None


def _asks_about_one_givers_share(text: str, consent) -> bool:
    """"men min fru samtycke, ar det ocksa borta nu?", "ar hennes samtycke kvar?": a question about one giver's
    share, with "också/även/bara" beside a giver or with a giver's samtycke ("Leilas samtycke"). Not "gäller
    samtycket för båda skolorna?" (review, session 38)."""
    words = fold(text or "")
    own = _cue("other_giver", "own_consent").search(words) is not None or \
        any(re.search(rf"\b{re.escape(name)}s\s+samtyck", words) for name in _names_of(consent))
    return own or (_cue("other_giver", "share_words").search(words) is not None and _names_a_giver(words, consent))


def _withdrawal_talked_about(tracker: Tracker) -> bool:
    """A withdrawal asked about in the latest message ("…ar det ocksa borta nu?", "…kvar?"), wished or begun in
    this conversation, or done in it."""
    if _cue("other_giver", "withdrawal_words").search(fold(tracker.latest_message.get("text") or "")) or \
            _intent(tracker) == "withdraw_consent":
        return True
    return any(_is_a_withdrawal_event(event) for event in tracker.events)


def _is_a_withdrawal_event(event: dict[str, Any]) -> bool:
    """The withdrawal's action, form or "done", or a message read as a wish to withdraw."""
    kind, name = event.get("event"), event.get("name")
    if kind == "action":
        return name in (WITHDRAW_ACTION, "action_withdraw_consent_done")
    if kind == "active_loop":
        return name == WITHDRAW_FORM
    intent = ((event.get("parse_data") or {}).get("intent") or {}).get("name")
    return kind == "user" and intent == "withdraw_consent"


def _tell_given_by_both(dispatcher: CollectingDispatcher, consents: list) -> None:
    for consent in consents:
        dispatcher.utter_message(response="utter_consent_withdraw_given_by_both", consent=_consent_label(consent),
                                 givers=_givers_named(consent))


def _said_in_this_withdrawal(tracker: Tracker, response: str) -> bool:
    for event in reversed(tracker.events):
        if event.get("event") == "action" and event.get("name") == WITHDRAW_ACTION:
            return False
        if event.get("event") == "bot" and (event.get("metadata") or {}).get("utter_action") == response:
            return True
    return False


def _being_withdrawn(tracker: Tracker) -> list:
    """The consents the withdrawal now asks about (its `which`), in force or upcoming; none without an opened case."""
    if not is_verified(tracker):
        return []
    which = tracker.get_slot("consent_withdraw_which")
    open_ones = rules.in_force_or_upcoming(consent_store.consents(case_store(), tracker.get_slot("case_reference")),
                                           today())
    return [c for c in open_ones if which == ALL or str(c.number) == str(which)]


def told_it_is_given_by_both(dispatcher: CollectingDispatcher, tracker: Tracker, text: str) -> bool:
    """At the withdrawal's yes or no, a message about one giver's part of a samtycke two guardians gave: what
    the record is, and that nothing is changed yet. False, and nothing said, otherwise."""
    both = [c for c in _being_withdrawn(tracker) if _given_by_both(c) and _speaks_of_the_other_giver(text, c)]
    if not both:
        return False
    _tell_given_by_both(dispatcher, both)
    dispatcher.utter_message(response="utter_consent_withdraw_nothing_changed")
    return True


def told_whose_consent_it_is(dispatcher: CollectingDispatcher, tracker: Tracker) -> bool:
    """"men min fru samtycke, ar det ocksa borta nu?" after the withdrawal (persona round, session 38): in the
    case opened here, the latest samtycke two guardians gave, as the record has it. Only a question about one
    giver's share where a withdrawal is talked about: "gäller samtycket för båda skolorna?" got it (review,
    session 38). False, and nothing said, for any other message."""
    text = tracker.latest_message.get("text") or ""
    if not is_verified(tracker) or not _withdrawal_talked_about(tracker):
        return False
    both = [c for c in consent_store.consents(case_store(), tracker.get_slot("case_reference")) if _given_by_both(c)]
    if not both or not _asks_about_one_givers_share(text, both[-1]):
        return False
    consent = both[-1]
    if consent.withdrawn_at is not None:
        dispatcher.utter_message(response="utter_consent_record_both_withdrawn", consent=_consent_label(consent),
                                 givers=_givers_named(consent), when=format_moment(consent.withdrawn_at))
    else:
        dispatcher.utter_message(response="utter_consent_record_both_in_force", consent=_consent_label(consent),
                                 givers=_givers_named(consent))
    return True


class ActionAskConsentWithdrawWhich(Action):
    def name(self) -> str:
        return "action_ask_consent_withdraw_which"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict):
        open_ones = rules.in_force_or_upcoming(consent_store.consents(case_store(), tracker.get_slot("case_reference")), today())
        texts = rules.policy().texts
        buttons = [{"title": texts["consent_button"].format(number=c.number), "payload": str(c.number)}
                   for c in open_ones]
        buttons.append({"title": texts["all_button"], "payload": ALL})
        dispatcher.utter_message(response="utter_ask_consent_withdraw_which", buttons=buttons)
        return []


class ActionAskConsentWithdrawConfirmed(Action):
    def name(self) -> str:
        return "action_ask_consent_withdraw_confirmed"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict):
        which = tracker.get_slot("consent_withdraw_which")
        open_ones = rules.in_force_or_upcoming(consent_store.consents(case_store(), tracker.get_slot("case_reference")),
                                               today())
        others = [] if which == ALL else [c.number for c in open_ones if str(c.number) != str(which)]
        chosen = [c for c in open_ones if which == ALL or str(c.number) == str(which)]
        about = _about_whom(chosen)
        both = [c for c in chosen if _given_by_both(c)]
        if both and not _said_in_this_withdrawal(tracker, "utter_consent_withdraw_given_by_both"):
            _tell_given_by_both(dispatcher, both)  # once: the question may come again
        # "Tas samtycket till SIP:en tillbaka avslutas SIP:en" was said to a mother whose samtycke 2 stayed
        # in force (verification round, session 34): then the others are named instead.
        if others:
            named = _numbers_label(others)
            dispatcher.utter_message(response="utter_ask_consent_withdraw_confirmed_others", which=_which_label(which),
                                     others=named[:1].upper() + named[1:], about=about)
        elif both:
            dispatcher.utter_message(response="utter_ask_consent_withdraw_confirmed_both", which=_which_label(which),
                                     about=about)
        else:
            dispatcher.utter_message(response="utter_ask_consent_withdraw_confirmed", which=_which_label(which),
                                     about=about)
        return []


class ValidateConsentWithdrawForm(FormValidationAction):
    def name(self) -> str:
        return "validate_consent_withdraw_form"

    async def validate_consent_withdraw_which(self, value, dispatcher, tracker, domain):
        if value is None:
            # Emptied by action_withdraw_consent as the form starts: nothing was typed, nothing to
            # tell. "Jag förstod inte vilket samtycke du menar" and "Svara ”ja” eller ”nej”" came
            # before the question with two consents (verification round, session 34).
            return {"consent_withdraw_which": None}
        words = fold(str(value or "")).strip(" .!")
        if words in {"alla", "all", "alla samtycken", "allt", "bada", "alla av dem"}:
            return {"consent_withdraw_which": ALL}
        open_ones = rules.in_force_or_upcoming(consent_store.consents(case_store(), tracker.get_slot("case_reference")), today())
        digits = "".join(ch for ch in words if ch.isdigit())
        if digits and int(digits) in {c.number for c in open_ones}:
            return {"consent_withdraw_which": str(int(digits))}
        # "bara socialtjänsten" names no samtycke: what the chat can do instead (persona round, session 32).
        # A question whether the request goes too is no such wish ("bara min begäran … hagaskolan").
        if told_whether_the_request_stays(dispatcher, tracker):
            return {"consent_withdraw_which": None}
        if rules.wants_only_some_parties(words):
            dispatcher.utter_message(response="utter_consent_withdraw_only_whole")
        elif not await answered_at_the_withdrawal(dispatcher, tracker, domain):
            dispatcher.utter_message(response="utter_consent_unclear_which")
        return {"consent_withdraw_which": None}

    async def validate_consent_withdraw_confirmed(self, value, dispatcher, tracker, domain):
        if value is None:
            return {"consent_withdraw_confirmed": None}  # emptied as the form starts (see above)
        if told_whether_the_request_stays(dispatcher, tracker):
            return {"consent_withdraw_confirmed": None}  # then the yes or no again
        if rules.wants_only_some_parties(str(value or "")):
            # "nej vänta. inte allt. bara socialtjänsten ska bort" got "Svara ja eller nej", and "ja, bara
            # socialtjänsten" would take back the whole samtycke (persona round, session 32): read first.
            # Before a "behåll": "går det att bara ta bort arbetsförmedlingen och behålla resten?" was a
            # no, "Okej, samtycket gäller som förut" (persona round, session 35).
            dispatcher.utter_message(response="utter_consent_withdraw_only_whole")
            return {"consent_withdraw_confirmed": None}
        if rules.keeps_the_consent(str(value)):
            return {"consent_withdraw_confirmed": "nej"}  # "nej?? jag vill inte ta tillbaka" is a no
        if "?" not in str(value) and _asks_first().search(fold(str(value))):
            return {"consent_withdraw_confirmed": "nej"}  # "jag maste prata med min fru forst": nothing yet
        answer = rules.parse_confirmation(value)
        if answer is None and told_it_is_given_by_both(dispatcher, tracker, str(value)):
            return {"consent_withdraw_confirmed": None}  # then the yes or no again
        if answer is None:
            # "vänta. kan jag bara ta bort BUP och skolan får ändå veta?" got only "Svara ja eller nej"
            # (persona round, session 26): a question is answered, then the yes or no asked again.
            if not await answered_at_the_withdrawal(dispatcher, tracker, domain):
                dispatcher.utter_message(response="utter_consent_unclear_yes_no")
            return {"consent_withdraw_confirmed": None}
        return {"consent_withdraw_confirmed": "ja" if answer else "nej"}


class ActionWithdrawConsentDone(Action):
    def name(self) -> str:
        return "action_withdraw_consent_done"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict):
        reset = [SlotSet("consent_withdraw_which", None), SlotSet("consent_withdraw_confirmed", None)]
        which = tracker.get_slot("consent_withdraw_which")
        if tracker.get_slot("consent_withdraw_confirmed") != "ja" or not which:
            dispatcher.utter_message(response="utter_consent_withdraw_cancelled")
            return reset
        reference = tracker.get_slot("case_reference")
        moment = datetime.now(timezone.utc)
        before = {c.number: c for c in consent_store.consents(case_store(), reference)}
        changed = consent_store.withdraw(case_store(), reference, None if which == ALL else [int(which)], now=moment)
        dispatcher.utter_message(response="utter_consent_withdrawn", which=_which_label(which, changed),
                                 when=format_moment(moment), reference=reference)
        for consent in (before[number] for number in changed if _given_by_both(before[number])):
            dispatcher.utter_message(response="utter_consent_withdrawn_for_both", consent=_consent_label(consent),
                                     givers=_givers_named(consent))
        if _a_new_one_was_meant(tracker):
            # "Välj då ”Lämna samtycke”" was said, and after "Klart. Jag har tagit tillbaka samtycke 1" no such
            # button came (verification round, session 35): offered now.
            dispatcher.utter_message(response="utter_consent_withdrawn_give_new")
        return reset


# Said outside the withdrawal to "kan jag ta bort bara dem?" about an organisation (actions/delete_in_chat.py), with
# the button that starts the withdrawal.
SOME_PARTIES_OFFER = "utter_consent_change_parties_not_deleting"


def _offered_for_some_parties(tracker: Tracker, start: dict[str, Any]) -> bool:
    """Whether the withdrawal that began with `start` (its action event) came right after SOME_PARTIES_OFFER: its
    button was pressed, or the wish typed after it."""
    index = next(i for i, event in enumerate(tracker.events) if event is start)
    users = 0
    for event in reversed(tracker.events[:index]):
        if event.get("event") == "user":
            users += 1
            if users > 1:
                return False
        elif event.get("event") == "bot" and users == 1:
            if (event.get("metadata") or {}).get("utter_action") == SOME_PARTIES_OFFER:
                return True
    return False


def _a_new_one_was_meant(tracker: Tracker) -> bool:
    """Whether this withdrawal was a way to stop only some organisations: the chat said it can take back only a
    whole samtycke and a new one can follow, or the person said so ("bara bup ska bort", "sen gör jag ett nytt
    utan bup"). Read back to the start of this withdrawal and in the message that asked for it."""
    said = [_withdrawal_wish(tracker), tracker.latest_message.get("text") or ""]
    for event in reversed(tracker.events):
        if event.get("event") == "action" and event.get("name") == WITHDRAW_ACTION:
            if _offered_for_some_parties(tracker, event):
                return True
            break
        if event.get("event") == "bot" and (event.get("metadata") or {}).get("utter_action") in \
                ("utter_consent_withdraw_only_whole", "utter_consent_withdrawn"):
            return (event.get("metadata") or {}).get("utter_action") == "utter_consent_withdraw_only_whole"
        if event.get("event") == "user":
            said.append(event.get("text") or "")
    return any(rules.wants_only_some_parties(text) or rules.says_a_new_consent_follows(text) for text in said)
