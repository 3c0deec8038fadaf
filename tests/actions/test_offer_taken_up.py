"""A typed yes to a one-button offer is taken as the button (actions/offer_taken_up.py), through the
real fallback action and the real offer texts of the domain."""
from __future__ import annotations

import pytest
from rasa_sdk.events import UserUtteranceReverted

from actions.fallback import ActionDefaultFallback
from actions.yes_no import says_only_yes
from tests.actions.test_fallback import _bot, _run, _tracker, _user


def _offer(domain, response: str):
    text = domain["responses"][response][0]
    return _bot(text["text"], text.get("buttons"))


@pytest.mark.parametrize("response, intent", [("utter_offer_preparation", "start_preparation"),
                                              ("utter_offer_request", "request_sip")])
@pytest.mark.parametrize("yes", ["ok kör", "ja gärna", "aa", "Ja!", "japp gör det", "okej då", "jaaa 🙄"])
async def test_a_typed_yes_to_a_one_button_offer_presses_the_button(domain, response, intent, yes):
    tracker = _tracker(_user("hur går mötet till", "faq"), _offer(domain, response), _user(yes, "affirm"))
    messages, events = await _run(ActionDefaultFallback(), tracker, domain)
    assert messages == []
    assert events[0] == UserUtteranceReverted()
    assert events[1]["event"] == "action" and events[1]["name"] == "action_listen"
    assert events[2]["event"] == "user" and events[2]["text"] == yes
    assert events[2]["parse_data"]["intent"]["name"] == intent


@pytest.mark.parametrize("text", ["tack", "ja men vad är det?", "nej", "ok men jag vill fråga en sak först",
                                  "ja jag är rädd", ""])
def test_only_a_bare_yes_takes_up_an_offer(text):
    assert not says_only_yes(text)


async def test_a_yes_after_two_buttons_is_not_guessed(domain):
    # "Lämna samtycke" or "Ta tillbaka samtycke": a yes does not say which.
    tracker = _tracker(_user("vad är samtycke", "faq"), _offer(domain, "utter_consent_options"),
                       _user("ja", "affirm"))
    messages, events = await _run(ActionDefaultFallback(), tracker, domain)
    assert [m["response"] for m in messages] == ["utter_default"]
    assert events == [UserUtteranceReverted()]


async def test_a_yes_after_a_plain_answer_is_not_taken_for_an_offer(domain):
    tracker = _tracker(_user("hur går mötet till", "faq"), _bot("Mötet tar ungefär en timme."),
                       _user("ok kör", "affirm"))
    messages, events = await _run(ActionDefaultFallback(), tracker, domain)
    assert [m["response"] for m in messages] == ["utter_default"]


@pytest.mark.parametrize("no", ["nej", "nä tack", "nej inte nu"])
async def test_a_bare_no_to_a_one_button_offer_gets_a_short_okay(domain, no):
    # "nej" to the offer to prepare got "Nu hängde jag inte med" (persona round, session 39).
    tracker = _tracker(_user("hur går mötet till", "faq"), _offer(domain, "utter_offer_preparation"),
                       _user(no, "deny"))
    messages, events = await _run(ActionDefaultFallback(), tracker, domain)
    assert [m["response"] for m in messages] == ["utter_offer_declined"]
    assert events == [UserUtteranceReverted()]
