"""The young person's preparation: each answer is saved to the case store as it is given.

Rasa glue only; the questions and steps live in actions/preparation_flow.py and
knowledge/preparation/questions.yml. The form has one free-text slot, `prep_answer`;
the slot `prep_step` says what the answer is to.
"""
from __future__ import annotations

import re
from dataclasses import replace
from typing import Any

from rasa_sdk import Action, FormValidationAction, Tracker
from rasa_sdk.events import FollowupAction, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions import preparation_flow as flow
from actions import settings
from actions.answer_question import ActionAnswerQuestion, answer_with
from actions.answer_rules import (MAX_ANSWER_LENGTH, answer_and_question, asks_the_bot, asks_yes_no,
                                  chats_with_the_bot, clean_answer, is_knowledge_question, pressed_an_answer_button,
                                  question_and_answer, question_part, reads_as_question, says_nothing, says_skip,
                                  wants_everything_deleted, word_asked_about)
from actions.casestore import preparation_rights  # noqa: F401 - registers the export sections
from actions.casestore import request_store
from actions.bot_history import said_response, since_the_message_before
from actions.case_access import is_verified, require_case
from actions.casestore.references import reference_named_in
from actions.guardian_cues import said_they_are_a_guardian
from actions.knowledge_base import articles
from actions.question_in_form import asking_only, asks_without_a_mark
from actions.request_rules import asks_who_is_told, organisation_name, says_they_are_a_foster_parent
from actions.staff_cues import said_they_are_staff, says_they_work_with_sip
from actions.store_access import case_store as store

FORM = "preparation_form"
SLOT = "prep_answer"
# An answer held back until the person says it is one (flow.doubtful_answer).
DOUBTFUL = "prep_doubtful"
START = "action_preparation_start"
# prep_step when a reference was typed at the first question: the form ends and the case is opened.
OPEN_CASE = "open_case"
# prep_step when the person said they must go: the form ends and is paused as by "pausa".
PAUSED = "paused"
# prep_step when staff would answer for the young person: the form ends, nothing saved for them.
STAFF_ONLY = "staff"
# prep_step when no question of the preparation is waiting for an answer.
# prep_step when the person said at the role or age question that they did not want to start.
NOT_STARTED = "not_started"
NOT_GOING_ON = (flow.DONE, OPEN_CASE, PAUSED, STAFF_ONLY, NOT_STARTED)
STAFF_PREPARATION_ARTICLE = "sip_forbereda_mote"


HEARD_YOU = "utter_prep_heard_you"
SOUNDS_HARD = "utter_prep_sounds_hard"


def _held_back_this_turn(tracker: Tracker) -> bool:
    """Whether an answer was held back for the check since the person's last message."""
    for event in reversed(tracker.events):
        if event.get("event") == "user":
            return False
        if event.get("event") == "slot" and event.get("name") == DOUBTFUL:
            return event.get("value") is not None
    return False


def _stored(reference: str | None) -> dict[str, str | None]:
    return flow.with_current_keys(store().answers(reference)) if reference else {}


def _givers(reference: str | None) -> dict[str, str]:
    """Who gave each stored answer (answered_by), under today's question keys."""
    answers = store().preparation_answers(reference) if reference else {}
    return flow.with_current_keys({key: item.answered_by for key, item in answers.items()})


def _writer_reply(role: str) -> str:
    """What is said when who answers changes with who writes: a parent took over, or the young person is back."""
    return flow.content()["writer_reply_young" if role == "ung" else "writer_reply_guardian"]


def _young_person_answered(tracker: Tracker) -> bool:
    """Whether the young person chose to answer in this conversation, or answered in the case opened here
    (themself, or with a familjehem writing down what they said)."""
    if any(event.get("event") == "slot" and event.get("name") == "prep_role" and event.get("value") is not None
           and flow.childs_own(event.get("value")) for event in tracker.events):
        return True
    reference = tracker.get_slot("case_reference") if is_verified(tracker) else None
    return any(by in flow.childs_own_givers() for by in _givers(reference).values())


def _after_role_and_age(tracker: Tracker) -> str:
    reference = tracker.get_slot("case_reference") if is_verified(tracker) else None
    return flow.resume_step(_stored(reference))


def _typed_by_staff(tracker: Tracker) -> bool:
    """A typed wish to prepare (not the button, nor a return after reference and code, whose latest
    message is the code) from someone who said they work with SIP."""
    latest = tracker.latest_message
    return (latest.get("intent") or {}).get("name") == "start_preparation" \
        and not (latest.get("text") or "").startswith("/") and said_they_are_staff(tracker)


def _summary_shown(tracker: Tracker, summary: str) -> bool:
    """The last summary the bot showed (found by its first line's title) had these answers."""
    first_title = summary.split("\n", 1)[0].split(":", 1)[0] + ":"
    shown = next((event.get("text") or "" for event in reversed(tracker.events)
                  if event.get("event") == "bot" and first_title in (event.get("text") or "")), "")
    return bool(summary) and summary in shown


def _young_person_asks_about_a_parent(tracker: Tracker) -> bool:
    """"kan mamma se va ja skriver här?" from a young person, not "kan föräldrarna se elevens svar?"
    from a kurator, nor a parent's question, nor a familjehem's typed with the child (familjehem_med_barnet:
    the reply is written to the young person about their own parents)."""
    text = tracker.latest_message.get("text")
    return flow.asks_about_a_parent(text) and tracker.get_slot("prep_role") in (None, "ung") \
        and not said_they_are_staff(tracker) and not said_they_are_a_guardian(tracker)


RECENT_MESSAGES = 3


def _age_said_before(tracker: Tracker) -> int | None:
    """An age said in the last few messages before the preparation started ("jag e 13 å vill
    förbereda mig"): not asked again after the role (persona round, session 26)."""
    said = [event.get("text") for event in tracker.events if event.get("event") == "user"]
    return flow.age_said_before(said[-RECENT_MESSAGES:])


def _age(tracker: Tracker) -> int | None:
    age = tracker.get_slot("prep_age")
    return int(age) if age is not None else None


# "ändra 11" typed after opening a case: short, or it may be a question ("kan man ändra en SIP efter 3 månader").
EDIT_NAMED_MAX_WORDS = 6
# Longer, when a question is named by its number and nothing is asked: "jag vill ändra ett av hans svar,
# fråga 7" got "Nu hängde jag inte med" (verification round, session 34).
EDIT_NAMED_MAX_WORDS_WITH_NUMBER = 12
_NAMES_A_QUESTION = re.compile(r"\b(?:fråga|fraga|frågan|fragan|nr|nummer)\s*\d{1,2}\b")


def _named_command(tracker: Tracker) -> flow.ReviewCommand | None:
    """"ändra 11" or "ta bort svaret på fråga 9" outside the form; right after how to delete (asked to
    delete what was written about pappa), "nej bara ett svar. fråga 9" removes that one (persona round,
    session 33). None for anything else."""
    text = tracker.latest_message.get("text") or ""
    if tracker.active_loop_name or len(text.split()) > EDIT_NAMED_MAX_WORDS_WITH_NUMBER or (
            len(text.split()) > EDIT_NAMED_MAX_WORDS and not (_NAMES_A_QUESTION.search(text.lower())
                                                              and question_part(text) is None)):
        return None
    command = flow.parse_review(text)
    if not flow.says_what_to_change(text):
        command = flow.ReviewCommand("unknown")
    if command.action == "unknown" and question_part(text) is None and _told_last(tracker, "utter_delete_my_data"):
        key = flow.question_named(text)
        command = flow.ReviewCommand("remove", key) if key else command
    return command if command.action in ("edit", "remove") else None


def _told_last(tracker: Tracker, response: str) -> bool:
    """Whether the bot's last response before the latest message was `response`."""
    said = next((event for event in since_the_message_before(tracker) if event.get("event") == "bot"), {})
    return (said.get("metadata") or {}).get("utter_action") == response


def edit_named(tracker: Tracker) -> flow.ReviewCommand | None:
    """An answer named to change ("ändra 11") or remove ("ta bort svaret på fråga 9") outside the form,
    in a case opened with its code that has a preparation; None otherwise (persona round, session 31:
    not understood after the overview)."""
    command = _named_command(tracker) or _hide_wish_named(tracker)
    if command is None or not is_verified(tracker) or not _stored(tracker.get_slot("case_reference")):
        return None
    return command


def _hide_wish_named(tracker: Tracker) -> flow.ReviewCommand | None:
    """Outside the form, a wish to remove or hide what was written that names one saved answer by its words
    ("vill int att dom läser att alla i klassen e dumma. kan du ta bort de"): an "offer" for that answer
    (offer_hiding), in a case opened here; None otherwise."""
    text = tracker.latest_message.get("text")
    if tracker.active_loop_name or not flow.wants_an_answer_hidden(text) or not is_verified(tracker):
        return None
    key = flow.answer_named(text, _stored(tracker.get_slot("case_reference")))
    return flow.ReviewCommand("offer", key) if key else None


def _answers_to_hide_at_the_summary(tracker: Tracker) -> list[str]:
    """At the preparation's summary, the saved answers a wish to remove or hide names by its words (ties
    included: the class may come up in two answers)."""
    text = tracker.latest_message.get("text")
    if not _at_the_summary(tracker) or not is_verified(tracker) or not flow.wants_an_answer_hidden(text):
        return []
    return flow.answers_named(text, _stored(tracker.get_slot("case_reference")))


def offer_hiding(keys: str | list[str], dispatcher: CollectingDispatcher, tracker: Tracker) -> None:
    """"Vill du ändra eller ta bort svaret på fråga 3: ”…”?" with buttons that say the commands, for each
    answer named, then how earlier versions are removed (a changed answer keeps its old one on /mina-uppgifter)."""
    stored = _stored(tracker.get_slot("case_reference"))
    for key in [keys] if isinstance(keys, str) else keys:
        text, buttons = flow.hide_offer(key, stored[key])
        dispatcher.utter_message(text=text, buttons=[{"title": b, "payload": b} for b in buttons])
    dispatcher.utter_message(text=flow.content()["old_versions_reply"])


def change_named_outside_the_form(tracker: Tracker) -> list[dict[str, Any]] | None:
    """For action_default_fallback: "ändra fråga 9" or "ta bort svaret på fråga 9" read as `inform` got
    "Nu hängde jag inte med" (persona round, session 33). The preparation at that question, or with
    that answer removed; reference and code first when no case is open here. None for anything else."""
    if _named_command(tracker) is None:
        return [FollowupAction(START)] if edit_named(tracker) is not None else None  # a wish to hide
    if not is_verified(tracker):
        return require_case(tracker, START)
    return [FollowupAction(START)] if edit_named(tracker) is not None else None


def show_answers_of_the_opened_case(dispatcher: CollectingDispatcher, tracker: Tracker) -> bool:
    """"visa" or "visa svaren" outside the form with a case opened here: the answers, then how to change
    one. A mother who had opened her son's case got "Förlåt, jag förstår inte riktigt" (verification
    round, session 34). False, and nothing said, otherwise."""
    if not flow.asks_to_see_answers(tracker.latest_message.get("text")) or not is_verified(tracker):
        return False
    stored = _stored(tracker.get_slot("case_reference"))
    if not any(stored.values()):
        return False
    guardian = not flow.childs_own(tracker.get_slot("prep_role"))
    givers = _givers(tracker.get_slot("case_reference"))
    dispatcher.utter_message(text=flow.answers_so_far(stored, flow.REVIEW, guardian, givers))
    dispatcher.utter_message(text=flow.content()["change_hint"])
    return True


def say_change_now(dispatcher: CollectingDispatcher, key: str, stored: dict[str, str | None]) -> None:
    """"Okej, vi går tillbaka till fråga 3", and what was answered to it before."""
    texts = flow.content()
    dispatcher.utter_message(text=texts["change_now"].format(number=flow.number_of(key)))
    if stored.get(key):
        dispatcher.utter_message(text=texts["change_was"].format(answer=stored[key]))


def _show_answers_so_far(dispatcher: CollectingDispatcher, tracker: Tracker, step: str, text: str) -> None:
    """The answers before question `step`; asked whether a message was saved, how to change one too."""
    reference = tracker.get_slot("case_reference") if is_verified(tracker) else None
    guardian = not flow.childs_own(tracker.get_slot("prep_role"))
    dispatcher.utter_message(text=flow.answers_so_far(_stored(reference), step, guardian, _givers(reference)))
    if flow.asks_if_saved(text) and _stored(reference):
        dispatcher.utter_message(text=flow.content()["change_hint"])


def _requests_in_the_case(tracker: Tracker) -> list[dict]:
    """The SIP requests of the case opened here (any status: a request opens the case to its organisation
    in the staff portal, docs/staff-portal.md); none without an opened case."""
    if not is_verified(tracker):
        return []
    return request_store.requests_for(store(), tracker.get_slot("case_reference"))


def _joined(names: list[str]) -> str:
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} och {names[-1]}"


def say_who_sees(dispatcher: CollectingDispatcher, tracker: Tracker) -> None:
    """Who sees the answers: nobody until asked, or, when the case has a SIP request, the organisation it
    went to, which sees the whole case (persona round, Sami, 19: told nobody sees them after his request)."""
    requests = _requests_in_the_case(tracker)
    if not requests:
        dispatcher.utter_message(response="utter_who_sees_answers")
        return
    unknown = flow.content()["request_organisation_unknown"]
    names = list(dict.fromkeys(organisation_name(row["organisation_id"], unknown) for row in requests))
    dispatcher.utter_message(response="utter_who_sees_answers_request_sent", organisation=_joined(names))


def _age_in_the_case(tracker: Tracker) -> int | None:
    """The age the SIP request gave (its form's "Ålder: 19 år", or the request's slot before it is sent):
    Sami, 19, was asked "Hur gammal är du?" again in the preparation (persona round). The request's age is
    the young person's, as the preparation's is, whoever asked."""
    slot = str(tracker.get_slot("request_age") or "")
    if slot.isdigit():
        return int(slot)
    ages = [row["child_age"] for row in _requests_in_the_case(tracker) if row.get("child_age") is not None]
    return ages[-1] if ages else None


def _say_who_sees_and_parents(dispatcher: CollectingDispatcher, tracker: Tracker) -> None:
    """Who sees the answers, and that a parent does not either when a young person names one."""
    say_who_sees(dispatcher, tracker)
    if _young_person_asks_about_a_parent(tracker):
        dispatcher.utter_message(response="utter_who_sees_answers_parents")


def _reply_about_the_questions(step: str, dispatcher: CollectingDispatcher, tracker: Tracker) -> dict[str, Any]:
    """"det där var en fråga inte ett svar": what is saved and how to change the answer just given, after who
    sees the answers when that was the question ("jag frågade om mamma ser mina svar"; session 38)."""
    if flow.asks_if_someone_sees(tracker.latest_message.get("text")):
        _say_who_sees_and_parents(dispatcher, tracker)
    dispatcher.utter_message(text=flow.about_the_questions_reply(step))
    return {SLOT: None}


def _tell_who_sees(dispatcher: CollectingDispatcher, tracker: Tracker) -> dict[str, Any]:
    """Who sees the answers (and that a parent does not either, when a young person asks whether one sees
    them: "ser mamma det här", session 38), then how to change or remove one; the question (or summary)
    comes again."""
    if flow.asks_if_someone_sees(tracker.latest_message.get("text")):
        _say_who_sees_and_parents(dispatcher, tracker)
    else:
        say_who_sees(dispatcher, tracker)
    dispatcher.utter_message(text=flow.content()["who_sees_change_hint"])
    _help_near_a_danger_word(dispatcher, tracker)
    return {SLOT: None}


FOSTER_ROLES_BEFORE = ("med_barnet", "for_barnet")  # a parent's button, pressed by someone who said before


def _foster_home(text: str, role: str | None, tracker: Tracker) -> bool:
    """Whoever answers at the role question said they are a familjehem or jourhem: in this answer, or in an
    earlier message when they chose a parent's button (there is no button for them)."""
    if says_they_are_a_foster_parent(text):
        return True
    return role in FOSTER_ROLES_BEFORE and any(says_they_are_a_foster_parent(event.get("text"))
                                               for event in tracker.events if event.get("event") == "user")


def _asks_who_sees_the_answers(text: str) -> bool:
    """"vem får läsa det jag skriver?", or "vem får läsa de här?" (the answers are meant inside the
    preparation; persona round, session 36: the article on copies of the finished plan came instead), or
    "ser mamma det här" asked without "?" (session 38: saved as Sara's answer 1)."""
    return (flow.asks_who_sees(text) and (flow.speaks_of_the_answers(text) or flow.points_at_the_answers(text))
            or flow.asks_what_becomes_of_the_answers(text)
            or (flow.asks_if_someone_sees(text) and ("?" in text or asks_without_a_mark(text))))


def _says_something_hard(tracker: Tracker, text: str) -> bool:
    """The answer is read as a possible crisis (it gets the check-in or the crisis help, which take it as the
    answer: actions/check_in_answer.py), or tells of heavy feelings or strong words: no tip on how to write
    a goal after it (persona round, session 36: "orkar inte skolan. alla e dumma mot mig" got "Ett tips: ett
    mål är något du gör" between the reference and the check-in)."""
    intent = (tracker.latest_message.get("intent") or {}).get("name")
    return intent in CHECK_IN_INTENTS or flow.tells_heavy_feelings(text) or flow.tells_strong_feelings(text)


# The tip on writing a goal (with "Tack, jag har sparat det!", and alone) for a young person and, by
# _adult, for one of 18 or more.
GOAL_TIPS = {False: ("utter_prep_goal_tip", "utter_prep_goal_tip_only"),
             True: ("utter_prep_goal_tip_adult", "utter_prep_goal_tip_adult_only")}
# The intents whose reply to an answer is the check-in or the crisis help (actions/crisis_help.py).
CHECK_IN_INTENTS = ("crisis_check_in", "crisis")


def _filled_in_with_the_child(tracker: Tracker, role: str | None = None) -> bool:
    """Someone other than the young person types: a parent's role (also after a handover), or a familjehem
    filling in together with the child (the child's own answers, role familjehem_med_barnet)."""
    return (role or tracker.get_slot("prep_role") or flow.YOUNG) != flow.YOUNG


def _told_earlier_version_kept(tracker: Tracker, midway: bool) -> bool:
    """Whether the bot said where an earlier version stays, for this way of changing an answer: said
    mid-way (right after change_saved), it was not said again when Mira, 12, changed an answer after
    saving with "ändra fråga 3" (verification round, session 36). A change mid-way comes before the
    summary's, so it stays told once by either way."""
    note = flow.content()["earlier_version_kept"]
    saved_mid_way = re.compile(re.escape(flow.content()["change_saved"]).replace(re.escape("{number}"), r"\d+"))
    previous = ""
    for event in tracker.events:
        if event.get("event") != "bot":
            continue
        text = event.get("text") or ""
        if text == note and (midway or not saved_mid_way.fullmatch(previous)):
            return True
        previous = text
    return False


def _adult(tracker: Tracker) -> bool:
    return flow.is_adult(tracker.get_slot("prep_role"), _age(tracker))


class ActionPreparationStart(Action):
    """Start or go on with the preparation: who answers first, then where the person left off."""

    def name(self) -> str:
        return START

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]):
        if _typed_by_staff(tracker):
            # "hur förbereder jag eleven inför mötet" from a kurator started the young person's
            # questions (persona round, session 24): staff get the article on preparing the meeting.
            events = answer_with(dispatcher, tracker, articles()[STAFF_PREPARATION_ARTICLE])
            return [*events, FollowupAction("action_listen")]
        reference = tracker.get_slot("case_reference")
        resuming = is_verified(tracker) and bool(_stored(reference))
        edit = edit_named(tracker) if resuming else None
        if edit is not None and edit.action == "offer":
            # Asked, not started: the buttons change or remove the answer (nlu_fallback and `inform` come here).
            offer_hiding(edit.key, dispatcher, tracker)
            return [FollowupAction("action_listen")]
        if not resuming:
            await _answer_a_word_question(dispatcher, tracker, domain)
            # A parent who said so before is told the meeting is about the child (session 38).
            guardian = said_they_are_a_guardian(tracker) and not said_they_are_staff(tracker)
            intro = "utter_preparation_intro_guardian" if guardian else "utter_preparation_intro"
            dispatcher.utter_message(response=intro)
            say_who_sees(dispatcher, tracker)
        elif edit is not None:
            pass  # said below, once the role is known
        elif store().preparation_completed_at(reference) is not None:
            # Nothing is left to answer: the summary comes, to change what they want.
            dispatcher.utter_message(response="utter_preparation_welcome_back_done")
        else:
            dispatcher.utter_message(response="utter_preparation_welcome_back")
        role = tracker.get_slot("prep_role")
        # Back with reference and code: who answered before answers on, not asked again with the age
        # ("13 sa ja ju"; persona round, session 24), and is told so: "fel roll" changes it.
        known_role = None if role or not resuming else flow.role_of(
            {item.answered_by for item in store().preparation_answers(reference).values()})
        if known_role:
            title = next(r["title"] for r in flow.roles() if r["id"] == known_role)
            dispatcher.utter_message(text=flow.content()["role_assumed"].format(title=title))
        step = flow.ROLE if not (role or known_role) else _after_role_and_age(tracker)
        # Back to the summary after the change only when every question was reached; else on where
        # the person stopped (a half-done preparation showed "(hoppade över)" for the rest).
        editing = edit is not None and edit.action == "edit" and step == flow.REVIEW
        if edit is not None and edit.action == "remove" and step != flow.ROLE:
            # "ta bort svaret på fråga 9": removed as at the summary, then on where the person was.
            remove_answer(edit.key, dispatcher, tracker, role=known_role)
        elif edit is not None and step != flow.ROLE:  # who answers first, when two roles did
            say_change_now(dispatcher, edit.key, _stored(reference))
            step = edit.key
        said_age = None if resuming or tracker.get_slot("prep_age") is not None else _age_said_before(tracker)
        if said_age is None and tracker.get_slot("prep_age") is None:
            said_age = _age_in_the_case(tracker)
        # A FollowupAction too, so the form also starts after case access (no user intent to match a rule).
        # prep_active: a pause before the first new answer must say the earlier ones are kept under the
        # reference, not that nothing was saved (persona round, session 23).
        return [SlotSet("prep_step", step), SlotSet(SLOT, None), SlotSet("prep_editing", editing),
                SlotSet("prep_edit_next", list(edit.more) if editing else None),
                *([SlotSet("prep_role", known_role)] if known_role else []),
                *([SlotSet("prep_age", said_age)] if said_age is not None else []),
                *([SlotSet("prep_active", True)] if resuming else []), FollowupAction(FORM)]


async def _answer_a_word_question(dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]) -> bool:
    """"min mentor sa ja ska förbereda mig i chatten. vad e sip": the question answered before the
    preparation starts (persona round, session 36: never answered). Answered as inside the form, without
    offers or other questions' buttons, since the preparation's question comes next."""
    asked = flow.word_question_in(tracker.latest_message.get("text"))
    if asked is None:
        return False
    asking = asking_only(tracker, asked)
    asking.active_loop = {"name": FORM}
    helped = flow.word_help(asked)
    if helped is not None:  # "vad e sip": the article that explains the word, as at the questions
        ValidatePreparationForm._explain(helped, dispatcher, asking)
    else:
        await ActionAnswerQuestion().run(dispatcher, asking, domain)
    return True


class ActionPreparationResume(Action):
    """"Jag vill fortsätta förbereda mig": reference and code first, then on where the person left off."""

    def name(self) -> str:
        return "action_preparation_resume"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]):
        from actions.crisis_help import resumed, typed_resume  # here: crisis_help imports this module

        # "fortsätt" typed right after the crisis help's "Fortsätt där jag var": that form goes on
        # (verification round, session 20: it started the preparation from the beginning).
        form = typed_resume(tracker)
        if form:
            return resumed(form)
        if tracker.get_slot("prep_role") and not is_verified(tracker):
            # Begun in this conversation but nothing saved yet (the crisis help came at the first
            # answer): there is no case to open, so it goes on here without reference and code.
            return [FollowupAction(START)]
        return require_case(tracker, START) or [FollowupAction(START)]


class ActionAskPrepAnswer(Action):
    """Asks whatever the current step needs: who answers, age, a question, or the summary."""

    def name(self) -> str:
        return "action_ask_prep_answer"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]):
        if _held_back_this_turn(tracker):
            return []  # the check ("Ska jag spara det här…?") is this turn's question
        # One held back in an earlier turn (the form was paused since) is forgotten.
        events = [SlotSet(DOUBTFUL, None)] if tracker.get_slot(DOUBTFUL) is not None else []
        step = tracker.get_slot("prep_step") or flow.ROLE
        if step == flow.ROLE:
            buttons = [{"title": r["title"], "payload": r["title"]} for r in flow.role_buttons()]
            dispatcher.utter_message(response="utter_ask_prep_role", buttons=buttons)
        elif step == flow.AGE:
            dispatcher.utter_message(response="utter_ask_prep_age")
        elif step == flow.REVIEW:
            reference = tracker.get_slot("case_reference")
            # One read gives the answers and who gave them (a guardian's are titled about the child).
            stored = store().preparation_answers(reference) if reference else {}
            answers = flow.with_current_keys({key: item.answer for key, item in stored.items()})
            givers = flow.with_current_keys({key: item.answered_by for key, item in stored.items()})
            summary = flow.summary_lines(answers, guardian=flow.by_guardians_only(
                [item.answered_by for item in stored.values()]), givers=givers)
            if _summary_shown(tracker, summary):
                # A question answered at the summary showed all of it again, 20 lines on a phone
                # (persona round, session 26): unchanged, it is pointed to.
                dispatcher.utter_message(response="utter_ask_prep_review_again")
            else:
                review = "utter_ask_prep_review_adult" if _adult(tracker) else "utter_ask_prep_review"
                dispatcher.utter_message(response=review, summary=summary)
        elif step in (flow.SCHOOL_OFFER, flow.SCHOOL_WISHES):
            self._ask_school(step, dispatcher, tracker)
        else:
            question = flow.question(step)
            total = len(flow.questions())
            progress = flow.content()["progress"].format(n=question.number, total=total)
            skip = flow.content()["skip_button"]
            role, age = tracker.get_slot("prep_role"), _age(tracker)
            buttons = [{"title": b, "payload": b} for b in (*question.buttons_for(role, age), skip)]
            said = tracker.latest_message.get("text")
            # "malte igen. va menas klarar": what follows who writes now (the form's validation greeted).
            # A word explained (flow.word_help) is followed by the question as it was.
            asking = flow.after_who_writes(said) or said
            unclear = flow.asks_what_we_mean(asking, question) and flow.word_help(asking) is None
            asked = question.rephrased(role, age) if unclear else question.text(role, age)
            text = f"{progress}\n{asked}"
            dispatcher.utter_message(text=text, buttons=buttons)
        return events

    @staticmethod
    def _ask_school(step: str, dispatcher: CollectingDispatcher, tracker: Tracker) -> None:
        """The school module: "Extra: skolan" instead of "Fråga N av 10", as it is not one of the ten."""
        school = flow.school()
        role, age = tracker.get_slot("prep_role"), _age(tracker)
        if step == flow.SCHOOL_OFFER:
            text, titles = flow.school_offer_text(role, age), list(school["offer_buttons"].values())
        else:
            text, titles = flow.school_ask_text(role, age), [flow.content()["skip_button"]]
        dispatcher.utter_message(text=f"{school['progress']}\n{text}",
                                 buttons=[{"title": t, "payload": t} for t in titles])


def _told_who_gets_the_request(dispatcher: CollectingDispatcher, tracker: Tracker, text: str) -> bool:
    """At the request's summary "får hans mamma veta att jag skickat det här?", read as `privacy`, got the
    text on who sees preparation answers (final check, session 36): whom the request goes to, as the form
    answers it (actions/request.py before_request_confirm); the form then shows the summary again."""
    if (tracker.active_loop or {}).get("name") != "request_form" or tracker.get_slot("requested_slot") != "request_confirm" \
            or not asks_who_is_told(text):
        return False
    dispatcher.utter_message(response="utter_request_who_is_told",
                             organisation=organisation_name(tracker.get_slot("request_organisation")))
    return True


class ActionPrivacy(Action):
    """"vem ser mina svar?" anywhere inside a form: who sees the answers. Inside the preparation an
    answer typed before the question ("fotboll o kompisar. vem får läsa det här?") is kept first,
    as the form's own validation would (which does not see a message a rule has answered)."""

    def name(self) -> str:
        return "action_privacy"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]):
        events: list[dict[str, Any]] = []
        step = tracker.get_slot("prep_step")
        question = flow.question(step) if step else None
        text = tracker.latest_message.get("text") or ""
        if flow.asks_about_old_versions(text):
            # "finns mitt gamla svar kvar nånstans?" got the general text (verification round, session 30).
            dispatcher.utter_message(text=flow.content()["old_versions_reply"])
            return events
        from actions.delete_in_chat import answers_what_deleting_does  # here: delete_in_chat imports this module

        if answers_what_deleting_does(dispatcher, tracker):
            # "så om jag raderar chatten e svaren kvar?" got the privacy text a third time, no yes or no
            # (verification round, session 35).
            return events
        if _told_who_gets_the_request(dispatcher, tracker, text):
            return events
        from actions.staff_welcome import told_staff_where_notes_belong  # here: staff_welcome imports answer_question

        if told_staff_where_notes_belong(dispatcher, tracker):
            # "kan jag spara nåt här? typ mina anteckningar" from a socialsekreterare got the family's text on
            # who sees the answers (persona round, session 39).
            return events
        if not tracker.active_loop_name and show_answers_of_the_opened_case(dispatcher, tracker):
            # "se svaren" after opening a saved case, read as `privacy`, got who sees the answers (persona
            # round, session 39: Noah, 13).
            return events
        if (tracker.active_loop or {}).get("name") == FORM and question is not None and flow.asks_to_see_answers(text):
            # "kan jag se vad hon har skrivit hittills?" read as `privacy` never reaches the form's validation
            # (persona round, session 34): the answers so far, as the form shows them.
            _show_answers_so_far(dispatcher, tracker, step, text)
            return events
        in_form = (tracker.active_loop or {}).get("name") == FORM
        if in_form and step == flow.REVIEW and flow.review_change(text) is not None:
            # "nr 3 e fel kan jag ändra? o vem får se det här" (verification round, session 35): who sees
            # the answers, then the change, as the form would.
            say_who_sees(dispatcher, tracker)
            if _young_person_asks_about_a_parent(tracker):
                dispatcher.utter_message(response="utter_who_sees_answers_parents")
            slots = ValidatePreparationForm().review_given(text, dispatcher, tracker)
            return [SlotSet(name, value) for name, value in slots.items()]
        role = tracker.get_slot("prep_role")
        told = _role_and_question(text) if in_form and step == flow.ROLE else None
        if told is not None:
            # "jag är den unga. får mamma läsa det jag skriver?": the role is taken, so it is not asked
            # again after the answer (persona round, Nova, 15).
            slots = ValidatePreparationForm().role_given(told[0], dispatcher, tracker)
            role = slots.get("prep_role", role)
            events = [SlotSet(name, value) for name, value in slots.items()]
        if in_form and question is not None and not question.answers_are_questions:
            # "asså ser mamma det här" (a question without "?", session 38) was saved as the answer.
            if not reads_as_question(text) and not flow.speaks_of_the_answers(text) and not asks_without_a_mark(text):
                # "läsa å skriva" (reading) is an answer, not a question about who reads it.
                slots = ValidatePreparationForm().answer(step, text, dispatcher, tracker)
                return [SlotSet(name, value) for name, value in slots.items()]
            # "vanta om jag skriver han slar, skolan ser det…?" asks what happens if they write it: nothing is
            # kept (persona round, session 39: "vanta om jag skriver han slar" was saved as answer 4).
            both = _answer_and_asked(text) if not flow.asks_what_if_i_write(text) else None
            if both is not None:
                slots = ValidatePreparationForm().keep_answer(step, both[0], dispatcher, tracker)
                events = [SlotSet(name, value) for name, value in slots.items()]
        say_who_sees(dispatcher, tracker)
        if _young_person_asks_about_a_parent(tracker) and role in (None, "ung"):
            dispatcher.utter_message(response="utter_who_sees_answers_parents")
        if flow.asks_how_long(tracker.latest_message.get("text")):
            # "hur länge sparas det jag skriver?" got only the link to /integritet (persona round, session 26).
            kept = settings.load()
            dispatcher.utter_message(response="utter_privacy_how_long", chat_days=kept.conversation_retention_days,
                                     draft_days=kept.draft_retention_days)
        dispatcher.utter_message(response="utter_privacy")
        if in_form and question is not None:
            _help_near_a_danger_word(dispatcher, tracker)
        return events


def _help_near_a_danger_word(dispatcher: CollectingDispatcher, tracker: Tracker) -> None:
    """After an answer at a question of the preparation (who sees the answers, what happens if they write
    something), the help button when the message has a word of danger (crisis_help.danger_words_in): "vanta om
    jag skriver han slar, skolan ser det och ringer socialen?" got only who sees the answers (review of session
    39). The button as in utter_prep_heard_you; not twice."""
    from actions.crisis_help import danger_words_in  # here: crisis_help imports this module

    texts = flow.content()
    shown = any(button.get("payload") == texts["help_now_button"]["payload"]
                for message in dispatcher.messages for button in message.get("buttons") or [])
    if danger_words_in(tracker.latest_message.get("text")) and not shown:  # once, if the answer had none
        dispatcher.utter_message(text=texts["what_if_danger_help"], buttons=[dict(texts["help_now_button"])])


def _answer_and_asked(text: str) -> tuple[str, str] | None:
    """(answer, question) typed in one message, in either order: "matte. vem bestämmer?" or "måste jag
    säga allt? typ att slippa bli utskälld…" (persona round, Nova, 15: the answer after it was lost)."""
    both = answer_and_question(text)
    if both is not None:
        return both
    asked = question_and_answer(text)
    return (asked[1], asked[0]) if asked is not None else None


def _role_and_question(text: str) -> tuple[str, str] | None:
    """At "Vem är det som svarar på frågorna?": the role said with a question ("jag är den unga. får mamma
    läsa det jag skriver?"), as (what says the role, the question); None when no part names a role."""
    both = _answer_and_asked(text)
    if both is None or flow.parse_role(both[0]) is None or says_they_work_with_sip(both[0]):
        return None
    # "jag har referens KWHT-JR9C fran igar. kan du spara har?" names a case, not a role ("jag"; persona round,
    # session 39): that case is opened (ValidatePreparationForm), or the role asked again.
    return None if reference_named_in(text) else both


def remove_answer(key: str, dispatcher: CollectingDispatcher, tracker: Tracker, role: str | None = None) -> None:
    """"ta bort 3" at the summary: the answer is removed (kept as skipped), earlier versions too.
    `role`: who answers, when it is not yet in the tracker (action_preparation_start)."""
    reference = tracker.get_slot("case_reference")
    number = flow.number_of(key)
    if _stored(reference).get(key) is None:  # skipped or never reached: nothing to remove
        dispatcher.utter_message(response="utter_prep_answer_already_empty", number=number)
        return
    store().remove_answer(reference, key, answered_by=flow.answered_by(role or tracker.get_slot("prep_role")))
    store().set_preparation_completed(reference, False)
    dispatcher.utter_message(response="utter_prep_answer_removed", number=number)


def _at_the_summary(tracker: Tracker) -> bool:
    return (tracker.active_loop or {}).get("name") == FORM and tracker.get_slot("prep_step") == flow.REVIEW


def _last_removed_in_the_form(tracker: Tracker) -> flow.ChangeRequest | None:
    """At a question of the preparation, a wish to remove the answer just given ("ta bort det"), else None."""
    step = tracker.get_slot("prep_step")
    if (tracker.active_loop or {}).get("name") != FORM or flow.question(step or "") is None:
        return None
    change = flow.wants_to_change(tracker.latest_message.get("text"), step)
    return change if change is not None and change.reason == "remove" else None


class ActionDeleteMyData(Action):
    """A wish to delete: "ta bort N" at the summary removes that answer; "ta bort gamla versioner"
    deletes the earlier versions of the answers of the case opened here (the classifier reads it as
    `delete_my_data`, so the preparation form never sees it); anything else deletes the case opened
    here after a yes, or says where and how (actions/delete_in_chat.py)."""

    def name(self) -> str:
        return "action_delete_my_data"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]):
        text = tracker.latest_message.get("text")
        command = flow.parse_review(text or "") if _at_the_summary(tracker) else None
        change = _last_removed_in_the_form(tracker)
        if command is not None and command.action == "remove" and is_verified(tracker):
            # "ta bort 5" at the summary read as deleting everything: Saga, 16, was pointed to
            # /mina-uppgifter (persona round, session 31). The form shows the summary again.
            remove_answer(command.key, dispatcher, tracker)
        elif change is not None:
            # "nej vänta det här blev fel … ta bort det" read as deleting everything: the answer just given
            # is removed (verification round, session 35), then the form asks its question again.
            remove_answer(change.key, dispatcher, tracker)
        elif flow.wants_old_versions_deleted(text) and is_verified(tracker):
            deleted = store().remove_history(tracker.get_slot("case_reference"))
            dispatcher.utter_message(text=flow.content()["old_versions_deleted" if deleted else "no_old_versions"])
        elif (named := edit_named(tracker)) is not None and not wants_everything_deleted(text):
            # Outside the form: a wish to hide one answer is offered its change or removal, and "ta bort
            # svaret på fråga 3" (the offer's button) removes it, as when read as `inform` (session 36).
            if named.action == "offer":
                offer_hiding(named.key, dispatcher, tracker)
                return []
            return [FollowupAction(START)]
        elif keys := _answers_to_hide_at_the_summary(tracker):
            # "kan du ta bort det om klassen" at the summary was offered to delete everything (final check,
            # session 36): the change or removal of the answers it names, then the summary again.
            offer_hiding(keys, dispatcher, tracker)
        else:
            # With the case open here it is deleted in the chat, after a yes (persona round, session 33).
            from actions.delete_in_chat import answer_the_wish  # only this branch needs it

            return await answer_the_wish(dispatcher, tracker, domain)
        return []


def _another_case_named(text: str, tracker: Tracker) -> bool:
    """A reference typed that is not of the case opened here."""
    reference = reference_named_in(text)
    return reference is not None and reference != tracker.get_slot("case_reference")


def _protests_before_anything_saved(step: str, text: str, tracker: Tracker) -> bool:
    """"jag frågade en grej" at the role or age question of a case with no answers yet. Back with reference
    and code, or with a role or an age the step reads ("14 typ, jag vill inte förbereda så mkt"), the step
    goes on as before (review of session 38)."""
    if step not in (flow.ROLE, flow.AGE) or not flow.protests_not_started(text):
        return False
    return not _stored(tracker.get_slot("case_reference")) and not flow.reads_role_or_age(text, step)


class ValidatePreparationForm(FormValidationAction):
    def name(self) -> str:
        return "validate_preparation_form"

    async def required_slots(self, domain_slots, dispatcher, tracker, domain):
        return [] if tracker.get_slot("prep_step") in NOT_GOING_ON else domain_slots

    async def validate_prep_answer(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> dict[str, Any]:
        if tracker.get_slot("requested_slot") != SLOT:
            # The form is just starting: the value is the message that started it
            # ("/start_preparation", or the code after case access), not an answer.
            return {SLOT: None}
        doubtful = tracker.get_slot(DOUBTFUL)
        question = flow.question(tracker.get_slot("prep_step") or flow.ROLE)
        if doubtful is not None and question is not None:
            decision = flow.decides_on_doubtful(tracker.latest_message.get("text"))
            if decision is True:
                return {**self._answer(question.key, doubtful, dispatcher, tracker, checked=True), DOUBTFUL: None}
            if decision is False:
                dispatcher.utter_message(text=flow.content()["doubtful_dropped"])  # then the question again
                return {SLOT: None, DOUBTFUL: None}
        # Anything else is a new message, handled as usual; the held-back answer is dropped.
        events = await self._validate_message(value, dispatcher, tracker, domain)
        return events if doubtful is None or DOUBTFUL in events else {**events, DOUBTFUL: None}

    async def _validate_message(self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker,
                                domain: dict[str, Any]) -> dict[str, Any]:
        step = tracker.get_slot("prep_step") or flow.ROLE
        latest = tracker.latest_message
        intent = latest.get("intent") or {}
        question = flow.question(step)
        asks_for_questions = question is not None and question.answers_are_questions
        text = latest.get("text") or ""
        if pressed_an_answer_button(latest):
            await ActionAnswerQuestion().run(dispatcher, tracker, domain)  # then the question again
            return {SLOT: None}
        if _protests_before_anything_saved(step, text, tracker):
            # "va? jag frågade en grej" was taken as the role, "jag sa inte att jag ville börja nåt" as the
            # age (verification round, alva-2): nothing is saved yet, so the form ends and they may ask.
            dispatcher.utter_message(response="utter_prep_not_started")
            return {SLOT: None, "prep_step": NOT_STARTED}
        if step in (flow.ROLE, flow.AGE) and _another_case_named(text, tracker):
            # "jag har referens KWHT-JR9C fran igar. kan du spara har?" took the young person's role from its
            # "jag" (persona round, session 39: Fatima, a mother): that case is opened instead, its code asked.
            return {SLOT: None, "prep_step": OPEN_CASE}
        if step in (flow.ROLE, flow.AGE) and flow.says_they_did_it_before(text) and not is_verified(tracker):
            # "vänta ja har redan gjort den förut" got "Välj en av knapparna" (persona round, session 39: Noah, 13):
            # reference and code are asked, and the preparation goes on where it was.
            dispatcher.utter_message(text=flow.content()["done_before_reply"])
            return {SLOT: None, "prep_step": OPEN_CASE}
        if step == flow.AGE and flow.childs_own(tracker.get_slot("prep_role")) and flow.says_they_are_the_parent(text):
            # "jag ar mamma. 38 ar. yusuf ar 9" got "Skriv åldern med siffror", and "jag ar inte barnet!! jag ar
            # mamma" went on to question 1 as the child (persona round, session 39): a parent's role.
            return self._parent_at_the_age(text, dispatcher, tracker)
        if (question is not None or step == flow.SCHOOL_WISHES) and flow.presses_an_old_save_button(text):
            # An old "Ja, spara" pressed again was saved as answer 2 (persona round, session 39): nothing saved.
            dispatcher.utter_message(text=flow.content()["stale_save_button"])  # then the question again
            return {SLOT: None}
        if question is not None and flow.cannot_be_bothered(text):
            # "orka" was saved as what Noah, 13, needed help with (persona round, session 39): a pause, as
            # "orkar inte mer asså" (read as `stop`) is.
            return {SLOT: None, "prep_step": PAUSED}
        if (question is not None or step in (flow.SCHOOL_WISHES, flow.REVIEW)) and flow.only_who_writes(text):
            # "alva igen" after her dad's questions was saved as what is hard (persona round, session 34);
            # "pappa här, jag skriver lite" too, and his answers were then saved as hers (persona round).
            return {SLOT: None, **self._who_writes(text, dispatcher, tracker)}  # then the same question
        after = flow.after_who_writes(text) if question is not None or step == flow.SCHOOL_WISHES else None
        # "va menas klarar", "vad är talsyntes": the word explained, then the same question (persona round:
        # asked again without the word explained). Where answers are questions, the check asks first.
        helped = flow.word_help(after or text) if (question is not None and not asks_for_questions) \
            or step == flow.SCHOOL_WISHES else None
        if after is not None and (helped is not None
                                  or (question is not None and flow.asks_what_we_mean(after, question))):
            events = self._who_writes(text, dispatcher, tracker)
            if helped is not None:
                self._explain(helped, dispatcher, tracker)
            return {SLOT: None, **events}  # else asked again in simpler words (action_ask_prep_answer)
        if after is not None and (reads_as_question(after) or flow.asks_about_a_word(after)):
            # "hej det är mamma igen. kan jag också skriva vad jag tycker…?" was saved as Malte's answer 10
            # (verification round, session 34): greeted, the question answered, then the same question.
            dispatcher.utter_message(text=flow.content()["writer_reply"])
            await ActionAnswerQuestion().run(dispatcher, asking_only(tracker, after), domain)
            return {SLOT: None}
        if helped is not None:
            self._explain(helped, dispatcher, tracker)  # then the same question
            return {SLOT: None}
        if question is not None and flow.asks_what_we_mean(text, question):
            return {SLOT: None}  # asked again in simpler words (action_ask_prep_answer)
        if step == flow.SCHOOL_WISHES and flow.school_word_asked(text):
            # "va e redovisa" at "Redovisa kunskaper" was saved as the school wish (persona round,
            # session 34). The list has no simpler wording: a line, then the list again.
            dispatcher.utter_message(text=flow.content()["word_not_rephrased"])
            return {SLOT: None}
        # "vad e bup?" at "…skolsköterskan eller BUP" got the article on BUP above (flow.word_help; persona
        # round, session 33: the question was rephrased instead).
        word = flow.asks_about_a_word(text) if question is not None and not asks_for_questions else None
        # Whether the whole message asks about a gap is checked first, once: cutting every answer in
        # sentences made a long answer slow (review of session 38).
        gap = question is not None and not asks_for_questions and not word and flow.asks_about_a_gap(text, question)
        kept = flow.answer_then_gap_question(text, question, whole_asks=True) if gap else None
        if kept is not None:
            # "bup o en kontaktperson på soc. byter jag från bup när jag fyller 18": the answer was dropped
            # when the gap was answered (verification round, alva-1). Kept and said back, as other answers
            # with a question, then the gap's reply, and the next question.
            events = self.keep_answer(step, kept[0], dispatcher, tracker)
            await ActionAnswerQuestion().run(dispatcher, asking_only(tracker, kept[1]), domain)
            return events
        if question is not None and not asks_for_questions and (word or gap):
            # "vad betyder mål?" is answered from the articles, "kan mamma få tolk? hon prata arabiska"
            # is said not to be in the material; neither is saved (persona round, session 27).
            await ActionAnswerQuestion().run(dispatcher, tracker, domain)
            return {SLOT: None}
        if question is not None and not asks_for_questions and flow.says_something_of_the_replies(text) \
                and flow.asks_if_someone_sees(text):
            # "vänta det där var inte ett svar. jag frågade om mamma ser mina svar??" (session 38): her question
            # had been saved as answer 1; it is answered, with how to change that answer.
            return _reply_about_the_questions(step, dispatcher, tracker)
        if question is not None and _asks_who_sees_the_answers(text):
            # Also where questions are the answers (question 10: "Det här vill jag ha svar på").
            return _tell_who_sees(dispatcher, tracker)
        if step in (flow.ROLE, flow.AGE) and _asks_who_sees_the_answers(text):
            _say_who_sees_and_parents(dispatcher, tracker)  # nothing is saved yet: then the same question
            return {SLOT: None}
        if question is not None and flow.asks_why(text):
            guardian = not flow.childs_own(tracker.get_slot("prep_role"))
            dispatcher.utter_message(text=flow.content()["why_we_ask_guardian" if guardian else "why_we_ask"])
            return {SLOT: None}
        if question is not None and not asks_for_questions and flow.asks_what_if_i_write(text):
            # "vanta om jag skriver han slar, skolan ser det och ringer socialen?" was saved in part as answer 4
            # (persona round, session 39): a question about writing something, answered and never saved.
            if flow.asks_if_someone_sees(text) or flow.asks_who_sees(text):
                return _tell_who_sees(dispatcher, tracker)
            await ActionAnswerQuestion().run(dispatcher, tracker, domain)
            _help_near_a_danger_word(dispatcher, tracker)
            return {SLOT: None}
        about_the_bot = flow.asks_about_the_bot(text) if question is not None else None
        if about_the_bot is not None:
            # "varför fick jag en hjälp-knapp nyss? jag sa ju att jag har kurator…" was saved as answer 3, then
            # "Förlåt, jag förstår inte riktigt" (persona round, session 39: Elin, 19). Then the question again.
            dispatcher.utter_message(text=about_the_bot)
            return {SLOT: None}
        split = _answer_and_asked(text) if question is not None and not asks_for_questions else None
        if question is not None and not asks_for_questions and not says_skip(text) \
                and flow.asks_if_must_answer(split[1] if split else text):
            # "wtf. måste jag svara på allt?" saved "wtf"; "måste jag säga allt? typ att slippa…" lost its
            # answer (persona round, Nova, 15). An answer with it is kept and said back, then the reply.
            events = self.keep_answer(step, split[0], dispatcher, tracker) if split else {SLOT: None}
            dispatcher.utter_message(text=flow.content()["must_answer_reply"])
            return events
        if question is not None and flow.asks_to_go_back(text):
            previous = flow.previous_question(step)
            new = flow.answer_after_going_back(text) if previous else None
            if new is not None:
                # "vänta förra frågan, jag vill inte att dom pratar om betyg" went back and lost the answer
                # (persona round, session 39: Noah, 13): saved as the new answer to the question before.
                changed = self._change(flow.ChangeRequest(previous, "now", new), step, dispatcher, tracker)
                _help_near_a_danger_word(dispatcher, tracker)  # "tillbaka, jag menade att pappa slår mig"
                return changed
            dispatcher.utter_message(text=flow.content()["go_back" + ("_done" if previous else "_first")])
            return {SLOT: None, "prep_step": previous or step}
        if (question is not None or step == flow.REVIEW) and flow.asks_about_old_versions(text):
            dispatcher.utter_message(text=flow.content()["old_versions_reply"])  # then the question again
            return {SLOT: None}
        if (question is not None or step == flow.REVIEW) and flow.wants_old_versions_deleted(text):
            await ActionDeleteMyData().run(dispatcher, tracker, domain)  # then the question again
            return {SLOT: None}
        change = flow.wants_to_change(text, step) if question is not None else None
        if change is not None:
            return self._change(change, step, dispatcher, tracker)
        if (question is not None or step == flow.REVIEW) and flow.asks_about_dont_know(text):
            dispatcher.utter_message(text=flow.content()["dont_know_reply"])  # then the question again
            return {SLOT: None}
        if question is not None and flow.asks_how_many_are_left(text):
            dispatcher.utter_message(text=flow.how_many_are_left(step))  # then the question again
            return {SLOT: None}
        if question is not None and flow.says_they_are_leaving(intent.get("name"), float(intent.get("confidence") or 0),
                                                             text):
            return {SLOT: None, "prep_step": PAUSED}  # the form ends; action_preparation_done pauses
        if question is not None and wants_everything_deleted(text):
            # "orkar inte mer. jag vill sluta och ta bort allt jag skrivit" was saved as the answer
            # (persona round, session 28): how to delete, then the question again.
            dispatcher.utter_message(response="utter_delete_my_data")
            return {SLOT: None}
        if question is not None and flow.wants_to_go_on(text):
            dispatcher.utter_message(text=flow.content()["go_on_reply"])  # then the question again
            return {SLOT: None}
        if question is not None and (flow.asks_to_see_answers(text) or flow.asks_if_saved(text)):
            _show_answers_so_far(dispatcher, tracker, step, text)  # then the question
            return {SLOT: None}
        if question is not None and not asks_for_questions and flow.speaks_about_the_questions(text):
            return _reply_about_the_questions(step, dispatcher, tracker)
        if question is not None and flow.navigates(intent.get("name"), float(intent.get("confidence") or 0), text):
            dispatcher.utter_message(text=flow.content()["navigation_hint"])
            return {SLOT: None}
        if question is not None and not asks_for_questions and \
                chats_with_the_bot(intent.get("name"), float(intent.get("confidence") or 0), text):
            dispatcher.utter_message(response="utter_out_of_scope")  # then the question again
            return {SLOT: None}
        both = answer_and_question(text) if question is not None and not asks_for_questions else None
        if both is not None and "?" not in both[1] and flow.speaks_of_the_form(both[1]):
            both = None  # "nice. kan vi gå tbx till sammanfattningen nu": a wish about the form, for the check
        word = word_asked_about(*both) if both is not None else None
        if word is not None:
            # "mentor sa ordet insats. vad menar det": no answer, a question about the word (second
            # check, session 28: the first half was saved as what is hard, and the word not explained).
            await ActionAnswerQuestion().run(dispatcher, asking_only(tracker, f"vad betyder {word}"), domain)
            return {SLOT: None}
        if both is None and question is not None and not asks_for_questions:
            # "måste jag säga allt? typ att slippa bli utskälld…": the question first, then the answer
            # (persona round, Nova, 15: the answer was lost). Kept the same way.
            # Not "kan vi pausa? jag måste äta", a wish about the form (the check asks about it).
            asked = question_and_answer(text)
            both = (asked[1], asked[0]) if asked is not None and not flow.speaks_of_the_form(asked[0]) else None
        if both is not None:
            # "matte o att somna. och vem bestämmer…?": the answer is kept and said back (a wrong
            # cut can be seen and changed in the summary), then the question is answered on its
            # own words, and the next question follows.
            events = self.keep_answer(step, both[0], dispatcher, tracker)
            await ActionAnswerQuestion().run(dispatcher, asking_only(tracker, both[1]), domain)
            return events
        told = _role_and_question(text) if step == flow.ROLE else None
        if told is not None:
            # "jag är den unga. får mamma läsa det jag skriver?": the role is taken and the question
            # answered; the role was asked again (persona round, Nova, 15).
            events = self._role(told[0], dispatcher, tracker)
            if flow.asks_who_sees(told[1]) or flow.speaks_of_the_answers(told[1]):
                say_who_sees(dispatcher, tracker)
                if flow.asks_about_a_parent(told[1]) and events.get("prep_role") == "ung":
                    dispatcher.utter_message(response="utter_who_sees_answers_parents")
            else:
                await ActionAnswerQuestion().run(dispatcher, asking_only(tracker, told[1]), domain)
            return events
        if step == flow.REVIEW and flow.review_change(text) is not None:
            # "nr 3 e fel kan jag ändra? o vem får se det här" got "Menade du…?" (verification round,
            # session 35): the change, after who sees the answers when that is asked too.
            return self._review(value, dispatcher, tracker)
        if step == flow.REVIEW and flow.asks_at_the_review(text) and (
                asks_the_bot(intent.get("name"), text) or asks_yes_no(text)):
            # "kan min kompis va stödperson?" at the summary got "skriv till exempel ändra fråga 3" (persona
            # round, Nova, 15): answered, then the summary's question again.
            await ActionAnswerQuestion().run(dispatcher, tracker, domain)
            return {SLOT: None}
        # "ja men vem kan va stödperson typ. kan det va min kompis": a yes/no question without "?" (the verb
        # first, then its subject) was saved as how to take part (persona round, Nova, 15).
        if not asks_for_questions and (is_knowledge_question(intent.get("name"), float(intent.get("confidence") or 0), text)
                                       or (question is not None and asks_the_bot(intent.get("name"), text))
                                       or (question is not None and asks_without_a_mark(text)
                                           and not flow.speaks_of_the_form(text))):
            # Answer the question (or offer the nearest articles); the form then asks its own
            # question again. A question saved as an answer would go to the meeting.
            await ActionAnswerQuestion().run(dispatcher, tracker, domain)
            return {SLOT: None}
        if (step == flow.ROLE and flow.parse_role(text) is None) or (step == flow.AGE and not flow.parse_age(text).valid):
            # "men vad e sip" at the role question got "Välj en av knapparna" (persona round, session 36):
            # answered, then the same question. So is a question after "men", "asså"….
            if await _answer_a_word_question(dispatcher, tracker, domain):
                return {SLOT: None}
            asked = flow.without_leading_fillers(text)
            if asked != text and is_knowledge_question(intent.get("name"), float(intent.get("confidence") or 0), asked):
                await ActionAnswerQuestion().run(dispatcher, tracker, domain)
                return {SLOT: None}
        if step not in (flow.ROLE, flow.REVIEW) and flow.wants_other_role(text):
            dispatcher.utter_message(text=flow.content()["role_again"])  # then the role question
            return {SLOT: None, "prep_role": None, "prep_step": flow.ROLE}
        if step == flow.ROLE:
            return self._role(value, dispatcher, tracker)
        if step == flow.AGE:
            return self._age(value, dispatcher, tracker)
        if step == flow.REVIEW:
            return self._review(value, dispatcher, tracker)
        if step == flow.SCHOOL_OFFER:
            return self._school_offer(value, dispatcher, tracker)
        if after is not None:
            # "det är mamma nu. han cyklar själv till skolan": "han cyklar själv till skolan" saved as the
            # mother's answer (and hers on). Who writes, and why ("ella bad mig skriva en sak"), is not
            # saved with it (verification round, session 35).
            role = self._new_role(text, tracker)
            if role is not None:
                dispatcher.utter_message(text=_writer_reply(role))
                return {**self._answer(step, after, dispatcher, tracker, role=role), "prep_role": role}
            return self._answer(step, after, dispatcher, tracker)
        return self._answer(step, value, dispatcher, tracker)

    @staticmethod
    def _new_role(text: str, tracker: Tracker) -> str | None:
        """The role answers are saved under now that the message said who writes, None when unchanged."""
        kind = flow.writer_kind(flow.who_writes_clause(text))
        role = tracker.get_slot("prep_role")
        # Whether the young person answered before is asked of the case store only for a hand-back.
        young = kind == "young" and not flow.childs_own(role) and _young_person_answered(tracker)
        return flow.role_after_writer(kind, role, young)

    @staticmethod
    def _who_writes(text: str, dispatcher: CollectingDispatcher, tracker: Tracker) -> dict[str, Any]:
        """Who writes now, said at a question: greeted, and a parent taking over from the young person (or
        the young person back) is said and answers under that role from now on, the age kept."""
        role = ValidatePreparationForm._new_role(text, tracker)
        if role is None:
            dispatcher.utter_message(text=flow.content()["writer_reply"])
            return {}
        dispatcher.utter_message(text=_writer_reply(role))
        return {"prep_role": role}

    @staticmethod
    def _explain(helped: flow.WordHelp, dispatcher: CollectingDispatcher, tracker: Tracker) -> None:
        """A word of the preparation's texts: its explanation, or the article that explains it."""
        if helped.article is not None:
            answer_with(dispatcher, tracker, articles()[helped.article])
        else:
            dispatcher.utter_message(text=helped.explanation)

    def _change(self, change: flow.ChangeRequest, step: str, dispatcher: CollectingDispatcher,
                tracker: Tracker) -> dict[str, Any]:
        """An earlier answer to change: that question now, or the new answer given with the wish saved.
        Not marked as an edit (which returns to the summary): after the answer, next_step goes on at the
        first question not yet reached."""
        texts = flow.content()
        if change.key is None:
            dispatcher.utter_message(text=texts["change_" + change.reason])
            return {SLOT: None}
        if change.reason == "remove":
            # "nej vänta det här blev fel … ta bort det" was saved as the next answer (verification round,
            # session 35): the answer is removed as at the summary, then the same question.
            remove_answer(change.key, dispatcher, tracker)
            return {SLOT: None}
        number = flow.number_of(change.key)
        reference = tracker.get_slot("case_reference") if is_verified(tracker) else None
        if change.text is not None:
            # "nej nr 3 e fel. det e skolan o magen": saved as answer 3 (as after "ändra fråga 3"), then on
            # where the person was (persona round, session 34: saved as answer 5).
            skipped = change.key != step and _stored(reference).get(change.key) is None
            events = self._answer(change.key, change.text, dispatcher, tracker, checked=True)
            if skipped and "prep_step" in events:  # a skipped one changed: _answer says nothing of a change
                dispatcher.utter_message(text=texts["change_saved"].format(number=number))
            return events
        if change.key == step:
            dispatcher.utter_message(text=texts["change_current"].format(number=number))
            return {SLOT: None}
        say_change_now(dispatcher, change.key, _stored(reference))
        return {SLOT: None, "prep_step": change.key}

    def review_given(self, text: str, dispatcher: CollectingDispatcher, tracker: Tracker) -> dict[str, Any]:
        """What to change at the summary, said with a question about who sees the answers that a rule
        answered (ActionPrivacy): done as the form would."""
        return self._review(text, dispatcher, tracker, who_sees_told=True)

    def role_given(self, value: str, dispatcher: CollectingDispatcher, tracker: Tracker) -> dict[str, Any]:
        """Who answers, said with a question a rule answered (ActionPrivacy): taken as the form would."""
        return self._role(value, dispatcher, tracker)

    def _role(self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker) -> dict[str, Any]:
        for_someone = flow.fills_in_for_someone(str(value or ""))
        if says_they_work_with_sip(str(value or "")) or (for_someone and said_they_are_staff(tracker)):
            # "jag är sjuksköterska på BUP" was taken for the young person ("jag"; persona round, session
            # 24); "jag är hennes handläggare, fyller i åt henne" was told to choose "Jag är den unga", and
            # his answers were saved as hers (verification round, session 35): the preparation is the young
            # person's or a guardian's, so the form ends with nothing saved.
            dispatcher.utter_message(text=flow.content()["role_staff"])
            return {SLOT: None, "prep_step": STAFF_ONLY}
        role = flow.parse_role(str(value or ""))
        if for_someone and role == "ung":
            role = None  # "jag fyller i åt henne": not the young person's own "jag"
        if role == flow.FOSTER_TOGETHER or _foster_home(str(value or ""), role, tracker):
            # "Jag är familjehemsförälder och fyller i tillsammans med Elin" was saved as a parent's (persona
            # round, session 36). Together with the child: the child's own answers, asked as to the young
            # person, recorded as written down by the familjehem ("Ifyllt av: den unga tillsammans med
            # familjehemmet": saved as the young person's, it hid that an adult wrote them), and said so;
            # else nothing saved.
            if role not in ("med_barnet", flow.FOSTER_TOGETHER):
                dispatcher.utter_message(text=flow.content()["role_foster_alone"])
                return {SLOT: None}
            dispatcher.utter_message(text=flow.content()["role_foster_together"])
            role = flow.FOSTER_TOGETHER
        reference = reference_named_in(str(value or ""))
        if role is None and reference and reference != tracker.get_slot("case_reference"):
            # Back with reference and code, typed at "Vem fyller i?" ("JFVK-3HC9 Y7NWEH" got "Välj en
            # av knapparna" again and again; persona round, session 31): the case is opened instead.
            return {SLOT: None, "prep_step": OPEN_CASE}
        if role is None:
            age = flow.age_instead_of_role(str(value or ""))
            if age is not None:  # "13": kept, so the age question is not asked after the role
                dispatcher.utter_message(response="utter_prep_age_before_role", age=age)
                return {SLOT: None, "prep_age": age}
            dispatcher.utter_message(response="utter_prep_role_unknown")
            return {SLOT: None}
        age = flow.age_given_with_role(str(value or ""))
        if age is not None:  # "det e jag, jag e 14": the age question is answered too
            return {SLOT: None, "prep_role": role, "prep_age": age, "prep_step": _after_role_and_age(tracker)}
        if tracker.get_slot("prep_age") is not None:  # typed before the role
            return {SLOT: None, "prep_role": role, "prep_step": _after_role_and_age(tracker)}
        return {SLOT: None, "prep_role": role, "prep_step": flow.AGE}

    def _parent_at_the_age(self, text: str, dispatcher: CollectingDispatcher, tracker: Tracker) -> dict[str, Any]:
        """A parent said so at the age question after the young person's role was taken: a parent's role, and
        the child's age when the message gives it (else the age question again, now about the child)."""
        dispatcher.utter_message(text=flow.content()["role_parent_taken"])
        events: dict[str, Any] = {SLOT: None, "prep_role": flow.parents_role(text)}
        age = flow.childs_age_in(text)
        if age is not None:
            events.update(prep_age=age, prep_step=_after_role_and_age(tracker))
        return events

    def _age(self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker) -> dict[str, Any]:
        age = flow.parse_age(str(value or ""))
        if not age.valid and not flow.childs_own(tracker.get_slot("prep_role")):
            # A parent's "jag ar mamma. 38 ar. yusuf ar 9": the child's age (persona round, session 39).
            childs = flow.childs_age_in(str(value or ""))
            age = flow.AgeAnswer(childs, True) if childs is not None else age
        if not age.valid:
            dispatcher.utter_message(response="utter_prep_age_unknown")
            return {SLOT: None}
        return {SLOT: None, "prep_age": age.age, "prep_step": _after_role_and_age(tracker)}

    def _review(self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker,
                who_sees_told: bool = False) -> dict[str, Any]:
        """At the summary; `who_sees_told`: who sees the answers was said for this message already."""
        text = str(value or "")
        command = flow.parse_review(text)
        # "wtf nr 2 e ju helt fel, kan jag ändra den" (persona round, Nova, 15: got the template).
        change = flow.review_change(text) if command.action == "unknown" else None
        if change is None and command.action == "unknown" and flow.asks_who_sees(text):
            return _tell_who_sees(dispatcher, tracker)
        command = change or command
        if command.action in ("edit", "remove") and flow.asks_who_sees(text) and not who_sees_told:
            say_who_sees(dispatcher, tracker)  # "… o vem får se det här": answered first, then the change
        if command.action == "edit" and command.text:
            events = self._answer(command.key, command.text, dispatcher, tracker, checked=True)
            if "prep_step" in events:  # saved: back to the summary, with the change in it
                events["prep_step"] = flow.before_review(_stored(tracker.get_slot("case_reference")))
            return events
        if command.action == "edit":
            return {SLOT: None, "prep_step": command.key, "prep_editing": True, "prep_edit_next": list(command.more)}
        if command.action == "remove":
            remove_answer(command.key, dispatcher, tracker)
            return {SLOT: None}
        if command.action == "confirm":
            store().set_preparation_completed(tracker.get_slot("case_reference"), True)
            return {SLOT: None, "prep_step": flow.DONE}
        dispatcher.utter_message(response="utter_prep_review_unknown")
        return {SLOT: None}

    def _school_offer(self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker) -> dict[str, Any]:
        wanted = flow.parse_offer(str(value or ""))
        if wanted is None:
            dispatcher.utter_message(text=flow.school()["offer_unknown"])
            return {SLOT: None}
        if wanted:
            return {SLOT: None, "prep_step": flow.SCHOOL_WISHES}
        # "Nej tack" is saved as skipped, so the module is offered only once (also after a resume).
        return self._answer(flow.SCHOOL_WISHES, None, dispatcher, tracker)

    def answer(self, step: str, answer: str, dispatcher: CollectingDispatcher, tracker: Tracker) -> dict[str, Any]:
        """An answer that a rule saw first (ActionPrivacy): saved as the form would."""
        return self._answer(step, answer, dispatcher, tracker)

    def keep_answer(self, step: str, answer: str, dispatcher: CollectingDispatcher,
                    tracker: Tracker) -> dict[str, Any]:
        """An answer typed before a question: saved, and said back so a wrong cut can be seen and
        changed in the summary."""
        events = self._answer(step, answer, dispatcher, tracker, checked=True)
        if events.get("prep_step"):
            dispatcher.utter_message(response="utter_prep_saved_before_question", answer=answer)
        return events

    def _answer(self, step: str, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker,
                checked: bool = False, role: str | None = None) -> dict[str, Any]:
        """Saves the answer to `step`; `checked`: the person said it is one (or it was said back); `role`:
        who answers, when it changes with this message (else prep_role)."""
        question = flow.question(step)  # None for the school module
        refusal_skips = not (question and question.refusal_is_an_answer)
        answer = clean_answer(value, refusal_skips=refusal_skips)
        if answer.text and question is not None and _filled_in_with_the_child(tracker, role):
            # "hon säger: att få bo kvar här" was saved with "hon säger:" (verification round, session 36).
            answer = replace(answer, text=flow.without_reporting_phrase(answer.text))
        if answer.text and flow.says_dont_know(answer.text, refusal_skips):
            # "ja vet int" was saved while "vet inte" skipped (persona round, session 36: Leo, 13, with dyslexia).
            answer = replace(answer, text=None)
        if answer.too_long:
            dispatcher.utter_message(response="utter_answer_too_long", max_length=MAX_ANSWER_LENGTH)
            return {SLOT: None}
        if question is not None and answer.text and says_nothing(answer.text):
            dispatcher.utter_message(text=flow.content()["no_words"])  # then the question again
            return {SLOT: None}
        if question is not None and flow.only_acknowledges(answer.text):
            dispatcher.utter_message(text=flow.content()["only_acknowledged"])
            return {SLOT: None}
        if step == flow.SCHOOL_WISHES:
            wishes = flow.parse_school_wishes(answer.text)
            if not wishes.valid:
                dispatcher.utter_message(text=flow.school()["number_unknown"])
                return {SLOT: None}
            answer = replace(answer, text=wishes.text)
        if question is not None and not checked and flow.doubtful_answer(answer.text, question):
            text, buttons = flow.doubtful_check(answer.text, question)
            dispatcher.utter_message(text=text, buttons=[{"title": b, "payload": b} for b in buttons])
            return {SLOT: None, DOUBTFUL: answer.text}
        events: dict[str, Any] = {SLOT: None}
        reference = tracker.get_slot("case_reference")
        verified = is_verified(tracker)  # asks the case store: once per answer
        if not verified:
            if tracker.get_slot("case_verified") and reference:  # opened here, since deleted
                dispatcher.utter_message(response="utter_case_gone")
            new_case = store().create_case()
            reference = new_case.reference
            # Whoever created the case may open it in this conversation.
            events.update(case_reference=reference, case_verified=True, prep_active=True)
            # A skip is no answer: "jag vet inte" got "Jag har sparat ditt svar" (verification round, session 27).
            created = "utter_case_created" if answer.text else "utter_case_created_after_skip"
            dispatcher.utter_message(response=created, reference=reference, code=new_case.code)
        # An answer given before, outside the summary (a change asked for in the middle, or "tillbaka"):
        # said to be changed, as the summary would show it (persona round, session 24). A skip there
        # keeps the earlier answer: the summary's "ta bort" removes one.
        before = _stored(reference).get(step) if verified else None
        changed = question is not None and verified and not tracker.get_slot("prep_editing") and before is not None
        if changed and answer.text is None:
            dispatcher.utter_message(text=flow.content()["change_kept"].format(number=question.number))
            return {SLOT: None, "prep_step": flow.next_step(step, _stored(reference)), "prep_active": True}
        organisations = (flow.organisations_named(answer.text, tracker.latest_message.get("entities"))
                         if question is not None and question.organisations else None)
        given_by = flow.answered_by(role or tracker.get_slot("prep_role"))
        store().save_answer(reference, step, answer.text, answered_by=given_by, organisations=organisations)
        if changed:
            dispatcher.utter_message(text=flow.content()["change_saved"].format(number=question.number))
        # After a change at the summary or mid-way ("ändra fråga 3"): the old answer stays as an earlier
        # version, and mid-way only "Tack, nu har jag ändrat ditt svar" was said (persona round, session 34).
        if (tracker.get_slot("prep_editing") or changed) and before not in (None, answer.text) \
                and not _told_earlier_version_kept(tracker, midway=changed):
            dispatcher.utter_message(text=flow.content()["earlier_version_kept"])
        if question is not None and question.goal_tip and answer.text and not flow.reads_like_a_goal(answer.text) \
                and not _says_something_hard(tracker, answer.text):
            # After utter_case_created ("Jag har sparat ditt svar") the tip alone, not "saved" twice.
            tips = GOAL_TIPS[_adult(tracker)]
            dispatcher.utter_message(response=tips[0] if verified else tips[1])
        # At "what not to talk about" the heard-you line must not say "bra att ta upp på mötet" (persona
        # round, session 32: "att jag gråter ibland… det vill jag inte att alla pratar om").
        private = "_not_to_discuss" if question is not None and question.names_hard_topics else ""
        heard = said_response(tracker, HEARD_YOU) or said_response(tracker, HEARD_YOU + private)
        if answer.text and flow.tells_heavy_feelings(answer.text) and not heard:
            dispatcher.utter_message(response=HEARD_YOU + private)
        elif answer.text and flow.tells_strong_feelings(answer.text) and not heard \
                and not said_response(tracker, SOUNDS_HARD + private):
            dispatcher.utter_message(response=SOUNDS_HARD + private)
        # A changed answer needs a new confirm.
        store().set_preparation_completed(reference, False)
        editing = bool(tracker.get_slot("prep_editing"))
        queued = list(tracker.get_slot("prep_edit_next") or []) if editing else []
        if queued:  # "ändra 6 och 7": the next one asked to be changed
            events.update(prep_step=queued[0], prep_editing=True, prep_edit_next=queued[1:], prep_active=True)
            return events
        stored = _stored(reference)
        # After an edit the summary, unless the school module became due (hard_now now names school).
        events["prep_step"] = flow.before_review(stored) if editing else flow.next_step(step, stored)
        events["prep_editing"] = False
        events["prep_active"] = True
        return events


def _help_near_after_a_pause(dispatcher: CollectingDispatcher, tracker: Tracker) -> None:
    """"orkar inte" or "pallar inte" pauses the preparation (flow.cannot_be_bothered), "orkar inte mer" read as
    `stop` too (flow.says_they_are_leaving), but either may tell of a heavy feeling: saved as an answer it got
    the help button (utter_prep_heard_you), so the button comes after the pause's reply (review of session 39:
    any pause on such words)."""
    if not flow.tells_heavy_feelings(tracker.latest_message.get("text")):
        return
    texts = flow.content()
    near = "paused_help_near" if flow.childs_own(tracker.get_slot("prep_role")) else "paused_help_near_guardian"
    dispatcher.utter_message(text=texts[near], buttons=[dict(texts["help_now_button"])])


class ActionPreparationDone(Action):
    def name(self) -> str:
        return "action_preparation_done"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]):
        reset = [SlotSet(SLOT, None), SlotSet("prep_step", None), SlotSet("prep_active", False),
                 SlotSet("prep_editing", False), SlotSet("prep_edit_next", None)]
        if tracker.get_slot("prep_step") == OPEN_CASE:
            # Nothing was answered yet: the case named at the first question is opened, and its
            # preparation goes on where it was left (the code is read from the same message).
            return [*reset, SlotSet("prep_role", None), *require_case(tracker, START)]
        if tracker.get_slot("prep_step") == STAFF_ONLY:
            # Staff were told whose the preparation is (role_staff): nothing was saved, nothing more to say.
            return [*reset, SlotSet("prep_role", None)]
        if tracker.get_slot("prep_step") == NOT_STARTED:
            # Told they may ask their question (utter_prep_not_started): nothing was saved, no role or age kept.
            return [*reset, SlotSet("prep_role", None), SlotSet("prep_age", None)]
        if tracker.get_slot("prep_step") == PAUSED:
            # As "pausa": what is saved and how to go on (prep_active kept for it); then it listens, since
            # a FollowupAction to action_stopped left "Nu hängde jag inte med" after it (verification round,
            # session 32).
            from actions.form_pause import ActionStopped  # here: form_pause imports modules that import this one

            stopped = await ActionStopped().run(dispatcher, tracker, domain)
            _help_near_after_a_pause(dispatcher, tracker)
            return [SlotSet(SLOT, None), SlotSet("prep_step", None), *stopped, FollowupAction("action_listen")]
        # A parent's answers: "det som är viktigt för barnet", not "för dig" (session 38).
        saved = "utter_preparation_saved" if flow.childs_own(tracker.get_slot("prep_role")) \
            else "utter_preparation_saved_guardian"
        dispatcher.utter_message(response=saved, reference=tracker.get_slot("case_reference"))
        return reset
