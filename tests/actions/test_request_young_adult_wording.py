"""The request form for a young adult (18–20) asking for themself ("Planen gäller mig, jag är 18–20 år", the
role `ung`): every question, reply and summary line speaks to them with "du"/"dig"/"din" and of them, not of
"barnet" or "ni" (a 19-year-old was asked "Vilken verksamhet har ni redan kontakt med?"). A guardian keeps the
family's wording. Variants are chosen as Rasa chooses them: by the slot conditions in bot/domain/request.yml."""
from __future__ import annotations

import re

import pytest
from rasa_sdk.executor import CollectingDispatcher

from actions import request_rules as rules
from actions.request import ActionAskRequestConfirm
from tests.actions.test_request import _filled
from tests.actions.test_request_contact_time import _validate
from tests.actions.test_request_persona36 import _at, _render

YOUNG = {"request_role": rules.UNG}
GUARDIAN = {"request_role": rules.VARDNADSHAVARE}
# Words that speak to a family or of a child: a young adult asking for themself reads none of them.
FAMILY = re.compile(r"\b(ni|er|ert|era|vi|barnet|barnets|ditt barn|den som planen gäller)\b", re.IGNORECASE)
ARGS = {key: "x" for key in ("municipality", "place", "organisation", "answer", "what", "sides")}
# Replies the form gives at its questions, besides the questions themselves.
FORM_REPLIES = (
    "utter_request_kind_unclear", "utter_request_child_name_needed", "utter_request_personnummer_declined",
    "utter_request_personnummer_unclear", "utter_request_age_unclear", "utter_request_age_personnummer",
    "utter_request_age_removed", "utter_request_age_future", "utter_request_eligibility_sip",
    "utter_request_eligibility_samverkansmote", "utter_request_eligibility_over_age",
    "utter_request_other_municipality", "utter_request_organisation_pick", "utter_request_organisation_unknown",
    "utter_request_needs_kept", "utter_request_name_needed", "utter_request_phone_declined",
    "utter_request_phone_invalid", "utter_request_contact_preference_unclear", "utter_request_contact_time_unclear",
    "utter_request_consent_later", "utter_request_consent_already_explained", "utter_request_who_is_told",
    "utter_request_confirm_unclear", "utter_request_what_to_change", "utter_request_corrected",
    "utter_request_what_is_kept",
)  # Not utter_request_role_removed: the role is taken away, and asked again, with it.
# What a guardian still reads, word for word.
GUARDIANS_WORDING = {
    "utter_ask_request_kind": "Gäller det en ny SIP, eller ska en SIP som ni redan har följas upp?",
    "utter_request_kind_unclear": "Välj ”Ny SIP” eller ”Uppföljning av en SIP vi redan har”.",
    "utter_request_child_name_needed": "Har ni skyddad identitet? Skriv då ”skyddad identitet”.",
    "utter_request_personnummer_declined": "Det går bra. Då räcker det med åldern.",
    "utter_request_personnummer_unclear": "Eller skriv bara åldern, till exempel ”14”.",
    "utter_request_age_unclear": "Skriv bara en siffra, till exempel ”14”, eller födelseåret, till exempel ”2012”.",
    "utter_request_age_personnummer": "Eller skriv bara åldern, till exempel ”14”.",
    "utter_request_age_removed": "Skriv det igen, eller skriv bara åldern, till exempel ”14”.",
    "utter_request_age_future": "Det datumet har inte hänt än. Skriv åldern, till exempel ”14”.",
    "utter_request_eligibility_samverkansmote": "Verksamheten hjälper er att hitta det som passar bäst.",
    "utter_ask_request_organisation": "Vilken verksamhet har ni redan kontakt med? Dit skickar jag din begäran.",
    "utter_request_other_municipality": "hos den verksamhet barnet redan har kontakt med",
    "utter_request_phone_declined": "vänd dig till skolan, vården eller socialtjänsten där ni redan har kontakt.",
}


def _questions(domain):
    """The form's questions, but the summary (action_ask_request_confirm, tested below)."""
    return [f"utter_ask_{slot}" for slot in domain["forms"]["request_form"]["required_slots"]
            if slot != "request_confirm"]


def _shown(rendered):
    return [rendered["text"], *(button["title"] for button in rendered.get("buttons") or [])]


def test_every_question_speaks_to_the_young_adult(domain):
    for response in _questions(domain):
        for shown in _shown(_render(domain, response, YOUNG, **ARGS)):
            assert not FAMILY.search(shown), (response, shown)


def test_every_reply_in_the_form_speaks_to_the_young_adult(domain):
    family = [(response, shown) for response in FORM_REPLIES
              for shown in _shown(_render(domain, response, YOUNG, **ARGS)) if FAMILY.search(shown)]
    assert family == []


@pytest.mark.parametrize("response, wording", GUARDIANS_WORDING.items())
def test_a_guardian_keeps_the_familys_wording(domain, response, wording):
    guardian = _render(domain, response, GUARDIAN, **ARGS)["text"]
    assert wording in guardian
    # The guardian's text is the variant without a condition, as before; the young adult's is another.
    assert guardian == next(v for v in domain["responses"][response] if not v.get("condition"))["text"] \
        .replace("{municipality}", "x").replace("{place}", "x")
    assert _render(domain, response, YOUNG, **ARGS)["text"] != guardian


def test_the_young_adult_is_asked_about_the_organisation_they_have_contact_with(domain):
    said = _render(domain, "utter_ask_request_organisation", YOUNG)["text"]
    assert said.startswith("Vilken verksamhet har du redan kontakt med? Dit skickar jag din begäran.")


def test_the_young_adults_follow_up_button_is_read_as_a_follow_up(domain):
    [_, follow_up] = _render(domain, "utter_ask_request_kind", YOUNG)["buttons"]
    assert follow_up["title"] == "Uppföljning av en SIP jag redan har"
    assert rules.parse_kind(follow_up["payload"]) == rules.UPPFOLJNING


async def test_the_young_adults_follow_up_button_is_taken_as_the_answer(tracker_for, domain):
    # Read as a command by the NLU, it is still the kind: the button's payload (extract_request_kind).
    text = "Uppföljning av en SIP jag redan har"
    tracker = tracker_for("human", confidence=0.6, text=text, slots={**_filled(), **YOUNG, "request_kind": None,
                                                                       "requested_slot": "request_kind"},
                          active_loop={"name": "request_form"})
    _, slots = await _validate(tracker, domain)
    assert slots["request_kind"] == rules.UPPFOLJNING


# --- the replies at each step, as the form sends them -------------------------------------------------------

async def test_an_unreadable_name_asks_for_their_own_name(tracker_for, domain):
    responses, _ = await _validate(_at(tracker_for, "request_child_name", "vet inte", YOUNG), domain)
    assert responses == ["utter_request_child_name_needed"]
    said = _render(domain, responses[0], YOUNG)["text"]
    assert "behöver ditt namn" in said and "Har du skyddad identitet?" in said


async def test_a_young_adult_with_one_side_hears_the_verksamhet_helps_them(tracker_for, domain):
    slots = {**YOUNG, "request_sides": rules.KOMMUN}
    responses, said = await _validate(_at(tracker_for, "request_age", "19", slots), domain)
    assert responses == ["utter_request_eligibility_samverkansmote"] and said["request_age"] == "19"
    assert "Verksamheten hjälper dig att hitta" in _render(domain, responses[0], slots)["text"]


async def test_an_unclear_age_gives_an_example_of_their_own_age(tracker_for, domain):
    responses, _ = await _validate(_at(tracker_for, "request_age", "hmm", YOUNG), domain)
    assert responses == ["utter_request_age_unclear"]
    said = _render(domain, responses[0], YOUNG)["text"]
    assert "din ålder" in said and "”19”" in said and "”14”" not in said


async def test_a_young_adult_who_will_not_give_a_phone_number_turns_to_where_they_have_contact(tracker_for, domain):
    responses, _ = await _validate(_at(tracker_for, "request_contact_phone", "nej det vill jag inte",
                                       _filled(**YOUNG)), domain)
    assert responses == ["utter_request_phone_declined"]
    assert _render(domain, responses[0], YOUNG)["text"].endswith("där du redan har kontakt.")


async def test_skyddad_identitet_at_the_young_adults_name_is_not_asked_their_name_again(tracker_for, domain):
    # "Vad heter du?" with "Jag har skyddad identitet" was followed later by "Vad heter du?" again.
    _, slots = await _validate(_at(tracker_for, "request_child_name", "skyddad identitet", YOUNG), domain)
    assert slots["request_child_name"] == slots["request_contact_name"] == "skyddad"
    # A guardian's own name is still asked: the child's skyddad identitet says nothing of it.
    _, slots = await _validate(_at(tracker_for, "request_child_name", "skyddad identitet", GUARDIAN), domain)
    assert "request_contact_name" not in slots


async def test_the_young_adults_name_asked_again_is_also_the_plans(tracker_for, domain):
    # "Ändra kontaktuppgifter" asks "Vad heter du?" again: the summary shows one name, theirs.
    slots = _filled(**YOUNG, request_child_name="Adam Berg", request_contact_name=None)
    _, said = await _validate(_at(tracker_for, "request_contact_name", "Adam Bergström", slots), domain)
    assert said["request_contact_name"] == said["request_child_name"] == "Adam Bergström"
    _, said = await _validate(_at(tracker_for, "request_contact_name", "skyddad identitet", slots), domain)
    assert said["request_contact_name"] == said["request_child_name"] == "skyddad"
    slots = _filled(**GUARDIAN, request_contact_name=None)
    _, said = await _validate(_at(tracker_for, "request_contact_name", "Anna Andersson", slots), domain)
    assert said["request_contact_name"] == "Anna Andersson" and "request_child_name" not in said


# --- the summary ------------------------------------------------------------------------------------------------

async def _summary(tracker_for, domain, slots):
    dispatcher = CollectingDispatcher()
    await ActionAskRequestConfirm().run(dispatcher, tracker_for(slots=slots), domain)
    [message] = dispatcher.messages
    kwargs = {k: v for k, v in message.items() if k not in ("response", "buttons", "text")}
    return _render(domain, "utter_request_summary", slots, **kwargs)


async def test_the_young_adults_summary_is_about_them_and_a_guardians_as_before(tracker_for, domain, case_store_env):
    slots = _filled(**YOUNG, request_kind=rules.UPPFOLJNING, request_child_name="Adam Berg",
                    request_contact_name="Adam Berg", request_age="19", request_noticed_by=rules.ENSKILDE)
    said = (await _summary(tracker_for, domain, slots))["text"]
    assert "• Gäller: uppföljning av en SIP du redan har\n" in said
    assert "• Planen gäller: dig själv\n• Ditt namn: Adam Berg\n• Ditt personnummer: 20100101-****\n" \
           "• Din ålder: 19 år\n" in said
    assert "• Märktes först av: dig själv\n" in said
    assert said.count("Adam Berg") == 1 and "Du är:" not in said
    for line in said.splitlines():
        assert not FAMILY.search(line), line
    # A guardian's summary is as before.
    slots = _filled(**GUARDIAN, request_kind=rules.UPPFOLJNING, request_noticed_by=rules.ENSKILDE)
    said = (await _summary(tracker_for, domain, slots))["text"]
    assert "• Gäller: uppföljning av en SIP ni redan har\n• Till: Barn- och ungdomspsykiatrin (BUP)\n" \
           "• Du är: vårdnadshavare\n• Planen gäller: Elsa Andersson\n• Personnummer: 20100101-****\n" \
           "• Ålder: 14 år\n" in said
    assert "• Märktes först av: den enskilde\n" in said and "• Ditt namn: Anna\n" in said
    # The portal, the export and the document keep the label without a condition.
    assert rules.label_text(rules.UPPFOLJNING) == "uppföljning av en SIP ni redan har"
    assert rules.label_text(rules.ENSKILDE) == "den enskilde"
