"""action_staff_welcome: the answer to someone who says they work with SIP.

Usually the staff menu. But people say who they are and ask in the same message ("jobbar som
sjuksköterska på BUP. vem kan få en SIP?"), or what they want or face ("hej jobbar på soc, vill kalla
till sip för en tjej 16 år"), or say where they work to answer the staff guide's question ("vi är på
soc"): then the question or the wish is answered, or the guide goes on, instead.
"""
from __future__ import annotations

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.answer_choice import choose, fused_scores
from actions.answer_question import CLEAR_PART, answer_with, question_part_answer, restate_for_staff, votes
from actions.guide_actions import continue_typed_guide
from actions.knowledge_base import articles
from actions.relative_cues import says_they_are_a_relative
from actions.request_rules import says_they_are_a_foster_parent
from actions.staff_cues import asks_to_keep_notes, named_role, said_they_are_staff, staff_wish


class ActionStaffWelcome(Action):
    def name(self) -> str:
        return "action_staff_welcome"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]):
        if continue_typed_guide(dispatcher, tracker):
            return [SlotSet("missed_turns", 0)]
        from actions.consent import told_staff_the_family_gives_it  # here: consent imports answer_question

        if told_staff_the_family_gives_it(dispatcher, tracker):
            # "jag är kurator, mamman sa ok på telefon, kan jag registrera samtycket?" read as `staff`.
            return [SlotSet("missed_turns", 0)]
        answer = question_part_answer(tracker.latest_message, tracker.get_slot("last_article"))
        if answer is not None:
            return answer_with(dispatcher, tracker, articles()[answer])
        if says_they_are_a_relative(tracker.latest_message.get("text")):
            # "jag är mormor" reads as `staff` to the classifier (persona round, session 27).
            dispatcher.utter_message(response="utter_relative_welcome")
            return []
        if says_they_are_a_foster_parent(tracker.latest_message.get("text")) and not said_they_are_staff(tracker):
            # "jag är familjehem" reads as `staff` to the classifier, and a foster father got the staff menu
            # (persona round, session 39). A familjehemssekreterare is no foster parent (request_rules).
            dispatcher.utter_message(response="utter_foster_home_welcome")
            return []
        if not said_they_are_staff(tracker):
            # "jag e inte personal jag e 13" reads as `staff` to the classifier.
            dispatcher.utter_message(response="utter_not_staff")
            return []
        wished = wished_article(tracker.latest_message.get("text"))
        if wished is not None:
            # Also an article with a guide: "…vi har fått en kallelse till sip för en elev vi inte
            # känner" starts the guide of riktlinjen 3.3.
            return answer_with(dispatcher, tracker, articles()[wished])
        restated = restate_for_staff(dispatcher, tracker)
        if restated is not None:
            return restated
        # Otherwise the menu shows where to start.
        welcome_staff(dispatcher, tracker.latest_message.get("text"))
        return []


def welcome_staff(dispatcher: CollectingDispatcher, text: str | None) -> None:
    """The staff menu, saying back the role the message names ("hej jag jobbar som kurator" got a welcome
    that did not show it had understood; persona round, session 37)."""
    role = named_role(text)
    if role is None:
        dispatcher.utter_message(response="utter_staff_menu")
    else:
        dispatcher.utter_message(response="utter_staff_role_welcome", role=role)


def wished_article(text: str | None) -> str | None:
    """The article that clearly answers what staff said they want after saying who they are
    (staff_wish), judged on the wish's own words as a part of a message is (CLEAR_PART): a statement
    asks less plainly than a question, so a guess is not answered and the menu follows."""
    wish = staff_wish(text)
    if wish is None:
        return None
    found = votes({"text": wish})
    answer = choose(found).answer
    return answer if answer is not None and dict(fused_scores(found))[answer] >= CLEAR_PART else None


def told_staff_where_notes_belong(dispatcher: CollectingDispatcher, tracker: Tracker) -> bool:
    """For action_privacy: staff asking to keep their notes here ("kan jag spara nåt här? typ mina anteckningar")
    got the family's text on who sees their answers (persona round, session 39). They are told the chat is
    no place for notes about those they serve, whose notes belong in their own journal. Not inside a form,
    whose question comes next."""
    if (tracker.active_loop or {}).get("name") or not asks_to_keep_notes(tracker.latest_message.get("text")) \
            or not said_they_are_staff(tracker):
        return False
    dispatcher.utter_message(response="utter_privacy_staff_notes")
    return True
