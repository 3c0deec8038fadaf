"""The request form after the verification round of session 36: a question about the other parent at the
summary changed the writer's way to be contacted, "får hennes mamma veta…?" got the samtycke article, a
morfar was given no way on, and "Den enskilde" was offered to the young adult asking for themself."""
from __future__ import annotations

import pytest

from actions import request_rules as rules
from bot.domain_files import merged_domain
from tests.actions.test_request import FILLED
from tests.actions.test_request_contact_time import _validate
from tests.actions.test_request_persona36 import BEFORE_ROLE, _at, _render

ERIK_ASKS = "ja men skickar ni nåt till henne eller ringer skolan henne? vi är separerade båda har vårdnaden"
ERIK_TOLD = "får hennes mamma veta att jag skickat detta?"


def _at_the_summary(tracker_for, text):
    # As in the conversation: a fallback with an article ranked, which answered_aside used to answer.
    return _at(tracker_for, "request_confirm", text, FILLED, intent="nlu_fallback", confidence=0.55,
               ranking=[("samtycke_vem_ger", 0.9)])


# --- 1 and 2. questions about the other parent at the summary -----------------------------------------------

@pytest.mark.parametrize("text", [ERIK_ASKS, ERIK_TOLD, "ringer skolan pappan?",
                                  "skickar ni något till den andra vårdnadshavaren?"])
async def test_a_question_about_the_other_parent_is_told_who_is_told_and_changes_nothing(tracker_for, domain, text):
    responses, slots = await _validate(_at_the_summary(tracker_for, text), domain)
    # FILLED has sms: not changed to a call, not asked when to call; the summary is shown again.
    assert responses == ["utter_request_who_is_told"] and slots == {"request_confirm": None}


@pytest.mark.parametrize("text", ["ringer skolan mig?", "ring hennes pappa istället"])
async def test_a_question_or_another_person_does_not_change_the_way_to_be_contacted(tracker_for, domain, text):
    _, slots = await _validate(_at_the_summary(tracker_for, text), domain)
    assert "request_contact_preference" not in slots and slots.get("request_confirm") is None


@pytest.mark.parametrize("text", ["jag vill att de ringer istället", "nej, ring mig istället"])
async def test_the_writer_can_still_change_the_way_at_the_summary(tracker_for, domain, text):
    responses, slots = await _validate(_at_the_summary(tracker_for, text), domain)
    assert slots["request_contact_preference"] == rules.TELEFON and responses == ["utter_request_corrected"]


# --- 3. a relative at "Vem är du?" ------------------------------------------------------------------------

async def test_a_relative_is_told_what_to_do_next_and_given_a_way_out(tracker_for, domain):
    text = "jag är hans morfar, hans mamma har vårdnaden"
    responses, slots = await _validate(_at(tracker_for, "request_role", text, BEFORE_ROLE, intent="inform",
                                           confidence=0.67), domain)
    assert responses == ["utter_request_role_relative"] and slots == {"request_role": None}
    reply = domain["responses"]["utter_request_role_relative"][0]
    assert "vårdnadshavare kan också själv skicka en begäran här" in reply["text"] and "bredvid" in reply["text"]
    assert [(b["title"], b["payload"]) for b in reply["buttons"]] == [("Avbryt", "/stop")]
    assert "stop" in merged_domain()["intents"]  # the button ends the form as a typed "avbryt" does


# --- 4. "Den enskilde" for the young adult asking for themself ---------------------------------------------

def _noticed_by_buttons(domain, role):
    return _render(domain, "utter_ask_request_noticed_by", {"request_role": role})["buttons"]


def test_the_young_adult_is_offered_jag_sjalv_with_the_same_payload(domain):
    young = {b["title"]: b["payload"] for b in _noticed_by_buttons(domain, rules.UNG)}
    guardian = {b["title"]: b["payload"] for b in _noticed_by_buttons(domain, rules.VARDNADSHAVARE)}
    assert "Den enskilde" not in young and young["Jag själv"] == guardian["Den enskilde"]
    assert rules.parse_noticed_by(young["Jag själv"], rules.UNG) == rules.ENSKILDE
    assert "enskilde" not in _render(domain, "utter_ask_request_noticed_by", {"request_role": rules.UNG})["text"]


async def test_the_question_read_as_privacy_at_the_summary_is_told_who_is_told(tracker_for, domain):
    # Final check, session 36: "får hans mamma veta att jag skickat det här?" was `privacy` (0.61), which a rule
    # answers outside the form's validation, and got the text on who sees preparation answers.
    from rasa_sdk.executor import CollectingDispatcher

    from actions.preparation import ActionPrivacy

    tracker = _at(tracker_for, "request_confirm", "får hans mamma veta att jag skickat det här?", FILLED,
                  intent="privacy", confidence=0.61)
    dispatcher = CollectingDispatcher()
    await ActionPrivacy().run(dispatcher, tracker, domain)
    assert [m.get("response") for m in dispatcher.messages] == ["utter_request_who_is_told"]
