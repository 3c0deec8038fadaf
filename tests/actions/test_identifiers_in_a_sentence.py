"""A reference and a code in a short sentence open the case as the bare identifiers do (persona round,
session 34: "hittade skärmbilden! … kod …" got the article on KVÅ codes)."""
from __future__ import annotations

from rasa_sdk.executor import CollectingDispatcher

from actions.case_access import ActionOpenCase, ValidateCaseAccessForm
from actions.store_access import case_store
from bot.components.exact_commands import identifiers_in_a_short_message


async def test_the_case_form_opens_the_case_named_in_the_sentence(tracker_for, domain, case_store_env):
    new = case_store().create_case()
    text = f"hittade skärmbilden! {new.reference} kod {new.code}"
    assert identifiers_in_a_short_message(text)  # what the NLU makes open_case
    events = await ActionOpenCase().run(CollectingDispatcher(), tracker_for("open_case", text=text), domain)
    assert {"event": "slot", "name": "case_reference", "value": new.reference, "timestamp": None} in events
    # The form, started with that reference, reads the code from the same message.
    tracker = tracker_for("open_case", text=text, slots={"case_reference": new.reference},
                          events=[{"event": "slot", "name": "case_reference", "value": new.reference}],
                          active_loop={"name": "case_access_form"})
    dispatcher = CollectingDispatcher()
    slots = {e["name"]: e["value"] for e in await ValidateCaseAccessForm().run(dispatcher, tracker, domain)
             if e["event"] == "slot"}
    assert dispatcher.messages == [] and slots["case_verified"] is True and new.code not in repr(slots)
