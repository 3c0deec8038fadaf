"""The request form's organisation question when the organisation typed is not recognised (session 36):
the kinds of organisation as buttons first, then the organisations of the chosen kind; typing works at
every step, and a kind people type ("skolan", "bup") still shows the organisations it names."""
from __future__ import annotations

import pytest
from rasa_sdk.executor import CollectingDispatcher

from actions import request_rules as rules
from actions.conversation import ActionReachAPerson
from actions.request import ValidateRequestForm

FORM = {"name": "request_form"}
SLOT = "request_organisation"
MAX_KINDS = 5


def _typed(tracker_for, text, intent="out_of_scope", events=()):
    """`text` typed or sent by a button at the organisation question; the slot mapping took it as text."""
    return tracker_for(intent, confidence=0.6, text=text, slots={SLOT: text, "requested_slot": SLOT},
                       events=[*events, {"event": "slot", "name": SLOT, "value": text, "timestamp": None}],
                       active_loop=FORM)


async def _validate(tracker, domain):
    dispatcher = CollectingDispatcher()
    events = await ValidateRequestForm().run(dispatcher, tracker, domain)
    return dispatcher.messages, {e["name"]: e["value"] for e in events if e["event"] == "slot"}


def _payloads(message):
    return [button["payload"] for button in message["buttons"]]


async def _kinds(tracker_for, domain):
    [message], slots = await _validate(_typed(tracker_for, "kaffestugan"), domain)
    assert slots[SLOT] is None
    return message


async def test_an_unknown_organisation_gets_a_few_kinds_to_choose_from(tracker_for, domain):
    message = await _kinds(tracker_for, domain)
    assert message["response"] == "utter_request_organisation_unknown"
    assert 2 <= len(message["buttons"]) <= MAX_KINDS
    # A button sends its own title, which the slot's from_text mapping passes on as typed text.
    assert all(button["title"] == button["payload"] for button in message["buttons"])
    names = {org.name for org in rules.directory()}
    assert not names & set(_payloads(message))  # kinds, not organisations


async def test_a_kind_chosen_shows_only_its_organisations_and_together_they_are_the_directory(tracker_for, domain):
    kinds = _payloads(await _kinds(tracker_for, domain))
    other_kinds = rules.other_kinds_label()
    shown: list[str] = []
    for kind in kinds:
        [message], slots = await _validate(_typed(tracker_for, kind), domain)
        assert slots[SLOT] is None and message["response"] == "utter_request_organisation_group"
        assert message["group"] == kind  # named in the text: "Det här finns under ”…”"
        *organisations, back = _payloads(message)
        assert back == other_kinds and organisations
        shown += organisations
    # Each organisation under exactly one kind, and none left out.
    assert sorted(shown) == sorted(org.name for org in rules.directory())


async def test_the_schools_kind_shows_the_schools_only(tracker_for, domain):
    school = next(label for label in _payloads(await _kinds(tracker_for, domain)) if "skola" in label.lower())
    [message], _ = await _validate(_typed(tracker_for, school), domain)
    kinds = {org.name: org.kind for org in rules.directory()}
    assert {kinds[name] for name in _payloads(message)[:-1]} == {"skola"}
    assert "Hagaskolan" in _payloads(message) and "Barn- och ungdomspsykiatrin (BUP)" not in _payloads(message)


async def test_an_organisation_chosen_under_its_kind_is_saved(tracker_for, domain):
    for kind in _payloads(await _kinds(tracker_for, domain)):
        [message], _ = await _validate(_typed(tracker_for, kind), domain)
        first = _payloads(message)[0]
        messages, slots = await _validate(_typed(tracker_for, first), domain)
        assert messages == [] and rules.organisation_name(slots[SLOT]) == first


async def test_the_way_back_shows_the_kinds_again(tracker_for, domain):
    kinds = _payloads(await _kinds(tracker_for, domain))
    [message], slots = await _validate(_typed(tracker_for, rules.other_kinds_label()), domain)
    assert slots[SLOT] is None
    assert message["response"] == "utter_request_organisation_kinds" and _payloads(message) == kinds


@pytest.mark.parametrize("text, expected", [
    ("skolan", ["Hagaskolan", "Utsiktens gymnasium"]),
    ("bup", ["Barn- och ungdomspsykiatrin (BUP)"]),
    ("elevhälsan", ["Elevhälsan och elevhälsoteamen (EHT) i Dals-Eds skolor"]),
    ("vi går på vardcentralen", ["Närhälsan Dals-Ed vårdcentral"]),
])
async def test_a_kind_typed_still_shows_the_organisations_it_names(tracker_for, domain, text, expected):
    [message], slots = await _validate(_typed(tracker_for, text), domain)
    assert slots[SLOT] is None and _payloads(message) == expected
    assert message["response"] == ("utter_request_organisation_pick_one" if len(expected) == 1
                                   else "utter_request_organisation_pick")


@pytest.mark.parametrize("text, expected", [
    # Forms of knowledge/organisation_types.yml (the NLU's organisation entity) the directory's words lack:
    # they got every organisation as buttons before.
    ("barnpsyk", ["Barn- och ungdomspsykiatrin (BUP)"]),
    ("mentorn", ["Hagaskolan", "Utsiktens gymnasium"]),
])
async def test_a_kind_typed_in_other_words_shows_the_organisations_of_that_kind(tracker_for, domain, text, expected):
    [message], _ = await _validate(_typed(tracker_for, text), domain)
    assert _payloads(message) == expected


async def test_typing_a_name_works_after_a_kind_was_chosen(tracker_for, domain):
    kinds = _payloads(await _kinds(tracker_for, domain))
    await _validate(_typed(tracker_for, kinds[-1]), domain)  # stateless: the kind shown changes nothing
    messages, slots = await _validate(_typed(tracker_for, "Hagaskolan"), domain)
    assert messages == [] and slots[SLOT] == "dalsed_hagaskolan"
    [message], _ = await _validate(_typed(tracker_for, "bvc"), domain)
    assert _payloads(message) == ["Närhälsan Dals-Ed barnavårdscentral (BVC)"]


async def test_a_kind_button_read_as_a_command_still_reaches_the_question(tracker_for, domain):
    # The slot mapping refuses command intents (`human`…): no slot event for the question, only the text.
    kind = _payloads(await _kinds(tracker_for, domain))[0]
    tracker = tracker_for("human", confidence=0.6, text=kind, slots={"requested_slot": SLOT}, active_loop=FORM)
    dispatcher = CollectingDispatcher()
    assert await ActionReachAPerson().run(dispatcher, tracker, domain) == [] and dispatcher.messages == []
    [message], slots = await _validate(tracker, domain)
    assert message["response"] == "utter_request_organisation_group" and slots[SLOT] is None
    # Other text at another question is not taken for this one.
    other = tracker_for("human", confidence=0.6, text=kind, slots={"requested_slot": "request_needs"},
                        active_loop=FORM)
    messages, slots = await _validate(other, domain)
    assert SLOT not in slots


async def test_yes_to_the_one_organisation_offered_takes_it_after_the_question_was_asked_again(tracker_for, domain):
    # After the offer ("Menar du den här?" and a button) the form asks its question again, without
    # buttons: that was the bot's last message, and "ja" got the kinds instead of the offer.
    offer = {"event": "bot", "text": "Menar du den här?", "data": {"buttons": [
        {"title": "Närhälsan Dals-Ed vårdcentral", "payload": "Närhälsan Dals-Ed vårdcentral"}]}}
    asked = {"event": "bot", "text": "Vilken verksamhet har ni redan kontakt med?", "data": {}}
    earlier = {"event": "user", "text": "vi går på vårdcentralen", "parse_data": {}}
    tracker = _typed(tracker_for, "ja", intent="affirm", events=[earlier, offer, asked])
    tracker.events.insert(3, tracker.events.pop(0))  # the events in their real order: the answer after both
    messages, slots = await _validate(tracker, domain)
    assert messages == [] and slots[SLOT] == "narhalsan_dals_ed_vardcentral"
