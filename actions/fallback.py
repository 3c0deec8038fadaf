"""action_default_fallback: what the bot does when no rule or story says what comes next.

Rasa runs it when its dialogue policies are unsure (core_fallback_threshold, bot/config.yml),
for example after "nej" where no yes/no question was asked. It must always reply and then
forget the message (UserUtteranceReverted, as Rasa's own fallback does), so the conversation
goes on from where it was; a reply typed to a guide question continues the guide instead.
"""
from __future__ import annotations

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import UserUtteranceReverted
from rasa_sdk.executor import CollectingDispatcher

from actions.after_check_in import reply_after_check_in
from actions.answer_question import said_not_in_the_sources
from actions.offer_taken_up import declined_the_offer, take_up_the_offer
from actions.guide_actions import continue_typed_guide
from actions.preparation import change_named_outside_the_form
from actions.relative_cues import says_they_are_a_relative
from actions.request import kept_after_the_offer_to_withdraw, told_how_to_change_a_sent_request


class ActionDefaultFallback(Action):
    def name(self) -> str:
        return "action_default_fallback"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]):
        # "kan vi få tolk på mötet?" read as a form answer (`inform`) outside a form ends up here,
        # and "nej jag har det inte bra" (`deny`) right after the check-in.
        taken_up = take_up_the_offer(tracker)
        if taken_up is not None:
            return taken_up  # "ok kör" typed to "Vill du be om en SIP?" [Begära en SIP] presses the button
        named = change_named_outside_the_form(tracker)
        if named is not None:
            # "ändra fråga 9", "ta bort svaret på fråga 9" (`inform`): kept, as the preparation reads it.
            return named
        if declined_the_offer(tracker):
            dispatcher.utter_message(response="utter_offer_declined")
        elif says_they_are_a_relative(tracker.latest_message.get("text")):
            # "jag ar mormor" (`inform`) got "Nu hängde jag inte med" (verification round, session 27).
            dispatcher.utter_message(response="utter_relative_welcome")
        elif told_how_to_change_a_sent_request(dispatcher, tracker):
            pass  # "nej inte ta tillbaka. bara ändra tid" (`deny`) where no rule expects it (persona round, session 32)
        elif kept_after_the_offer_to_withdraw(dispatcher, tracker):
            pass
        elif not reply_after_check_in(dispatcher, tracker) and not said_not_in_the_sources(dispatcher, tracker) \
                and not continue_typed_guide(dispatcher, tracker):
            dispatcher.utter_message(response="utter_default")
        # Forgotten in both cases: left in place, the message would leave the policies as unsure
        # as before, and Rasa would run this action again and again (the steps printed nine times).
        # The guide needs nothing kept: its answers so far travel in its buttons.
        return [UserUtteranceReverted()]
