"""The crisis help after persona round 36 (Sami, 19, in his samtycke; a nurse in hers): the reply for
someone known to be an adult, an apology when the help misread a message, and no in-form check-in for
staff when only the intent classifier was unsure. Real Trackers, the real domain and form validation."""
from __future__ import annotations

import re
from typing import Any

import pytest
from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

import actions.consent  # noqa: F401 - registers validate_consent_form
from actions.answer_question import ActionAnswerQuestion
from actions.crisis_help import (ActionCrisisCheckIn, ActionCrisisHelp, ActionCrisisStillAvailable,
                                 ActionEverydayTalk, adult_reply, crisis_reply, gentle_reply, help_button,
                                 help_data, known_to_be_an_adult, resume_button)
from actions.fallback import ActionDefaultFallback

PAYLOAD = help_data()["button"]["payload"]
SAMI = "gamla grejer från bup när jag var typ 14-16. och de får inte berätta nåt för mina föräldrar"
ADULT_CONSENT = {"consent_under_18": "nej", "consent_giver": "ung", "requested_slot": "consent_must_not_share"}


def _user(text: str, intent: str = "crisis") -> dict[str, Any]:
    return {"event": "user", "text": text, "parse_data": {"text": text, "intent": {"name": intent, "confidence": 0.9},
                                                          "entities": []}}


def _tracker(events: list[dict[str, Any]], slots: dict[str, Any] | None = None, form: str | None = None) -> Tracker:
    """The conversation `events`, the last of them the person's latest message."""
    return Tracker("test-user", dict(slots or {}), events[-1]["parse_data"], events, False, None,
                   {"name": form} if form else {}, "action_listen")


async def _run(action, tracker, domain):
    dispatcher = CollectingDispatcher()
    events = await action.run(dispatcher, tracker, domain)
    return dispatcher.messages, events


# --------------------------------------------------------------------------- #
# 2. Someone known to be 18 or older gets the help written to an adult
# --------------------------------------------------------------------------- #

def test_the_adult_reply_has_the_contacts_without_bris_or_a_grown_up_to_tell():
    text = adult_reply()
    for needle in ("chattbot", "Ring 112", "90101", "mind.se", "1177"):
        assert needle in text, needle
    assert "Bris" not in text and "116 111" not in text and "under 18" not in text
    assert "vuxen" not in text and "Berätta också för någon som du litar på" in text
    # "Är du orolig för en kompis?" was a child's line (verification round, session 36: Noah, 20).
    assert re.findall(r"[^.!?\n]*\?", text) == ["Är du i fara just nu?"]
    # Only numbers the child's reply has too: no new ones.
    assert set(re.findall(r"\d[\d ]*\d", text)) <= set(re.findall(r"\d[\d ]*\d", crisis_reply()))


async def test_sami_19_in_his_samtycke_gets_the_adult_reply_and_the_way_back(domain):
    # "Är den som SIP:en gäller under 18 år?" "nej", given by "jag själv": the writer is 18 or older.
    text = "jag skar mig igår och vill inte prata om det"
    messages, _ = await _run(ActionCrisisHelp(), _tracker([_user(text)], ADULT_CONSENT, "consent_form"), domain)
    assert messages[0]["text"] == adult_reply() != crisis_reply()
    assert messages[1]["buttons"] == [resume_button("consent_form")]


@pytest.mark.parametrize("said, slots", [
    (["jag är 19"], {}),
    (["ja e 19 år", "hej"], {}),
    ([], {"prep_role": "ung", "prep_age": 19.0}),
    ([], {"request_role": "ung", "request_age": "20"}),
    ([], {"consent_under_18": "nej", "consent_giver": "ung"}),
])
async def test_an_age_of_18_or_more_given_anywhere_gets_the_adult_reply(domain, said, slots):
    events = [_user(t, "inform") for t in said] + [_user("jag vill inte leva längre")]
    assert known_to_be_an_adult(_tracker(events, slots))
    messages, _ = await _run(ActionCrisisHelp(), _tracker(events, slots), domain)
    assert messages[0]["text"] == adult_reply()


@pytest.mark.parametrize("said, slots", [
    ([], {}),  # no age: the reply to a young person, which has every contact
    (["jag är 15"], {}),
    (["jag är 19"], {"prep_role": "ung", "prep_age": 16.0}),  # ages that disagree
    ([], {"consent_under_18": "ja", "consent_giver": "ung"}),
    ([], {"consent_under_18": "nej", "consent_giver": None}),
    (["jag är 1 av 3 syskon"], {}),
    (["min bror är 19"], {}),
    (["jag var 19 när det hände"], {}),
])
async def test_without_a_clear_adult_age_the_young_persons_reply_is_unchanged(domain, said, slots):
    events = [_user(t, "inform") for t in said] + [_user("jag vill inte leva längre")]
    assert not known_to_be_an_adult(_tracker(events, slots))
    messages, _ = await _run(ActionCrisisHelp(), _tracker(events, slots), domain)
    assert messages[0]["text"] == crisis_reply()


@pytest.mark.parametrize("slots", [{"prep_role": "for_barnet", "prep_age": 19.0},
                                   {"request_role": "vardnadshavare", "request_age": "19"}])
async def test_a_parent_giving_the_childs_age_keeps_the_reply_written_to_a_parent(domain, slots):
    from actions.crisis_help import guardian_reply

    tracker = _tracker([_user("han säger att han vill dö")], slots)
    assert not known_to_be_an_adult(tracker)  # the child's age, not the writer's
    messages, _ = await _run(ActionCrisisHelp(), tracker, domain)
    assert messages[0]["text"] == guardian_reply()


async def test_an_adult_pressing_the_button_under_a_check_in_gets_the_adult_help_not_the_gentle(domain):
    events = [_user("jag är 19 och har ont i magen varje morgon", "crisis_check_in"),
              {"event": "action", "name": "action_crisis_check_in"},
              {"event": "bot", "text": help_data()["check_in"], "data": {"buttons": [help_button()]}},
              {"event": "action", "name": "action_listen"}, _user(PAYLOAD)]
    messages, _ = await _run(ActionCrisisHelp(), _tracker(events), domain)
    assert messages[0]["text"] == adult_reply() and gentle_reply() not in messages[0]["text"]


# --------------------------------------------------------------------------- #
# 3. "jag är inte i fara" right after the help: an apology and the way back
# --------------------------------------------------------------------------- #

def _after_the_help(text: str, intent: str, form: str | None = "consent_form", first: str = SAMI,
                    first_text: str | None = None) -> Tracker:
    """`text` right after the crisis help on `first`; with `form`, as the rules end a form it stopped."""
    events = [_user(first if first_text is None else first_text), {"event": "action", "name": "action_crisis_help"},
              {"event": "bot", "text": crisis_reply(), "data": {"buttons": []}}]
    if form:
        events += [{"event": "bot", "text": help_data()["resume_offer"]["text"],
                    "data": {"buttons": [resume_button(form)]}},
                   {"event": "action", "name": "action_deactivate_loop"}, {"event": "active_loop", "name": None}]
    return _tracker([*events, {"event": "action", "name": "action_listen"}, _user(text, intent)])


SAMI_AFTER = "öh va?? jag är inte i fara…"
ACTIONS = {"check_in": ActionCrisisCheckIn, "help_now": ActionCrisisHelp, "faq": ActionAnswerQuestion,
           "retract": ActionCrisisStillAvailable, "deny": ActionDefaultFallback, "everyday_talk": ActionEverydayTalk}


@pytest.mark.parametrize("intent, action", [("crisis_check_in", "check_in"), ("help_now", "help_now"),
                                            ("faq", "faq"), ("nlu_fallback", "faq"), ("retract", "retract"),
                                            ("deny", "deny"), ("everyday_talk", "everyday_talk")])
@pytest.mark.parametrize("text", [SAMI_AFTER, "jag mår bra, det var inte så jag menade"])
async def test_not_in_danger_right_after_the_help_gets_an_apology_and_the_way_back_to_the_form(
        domain, intent, action, text):
    messages, events = await _run(ACTIONS[action](), _after_the_help(text, intent), domain)
    assert [m["text"] for m in messages] == [help_data()["misread"]["reply"], help_data()["resume_offer"]["text"]]
    assert messages[0]["text"].startswith("Okej, förlåt att jag missförstod.")
    assert messages[0]["buttons"] == [help_button()] and messages[1]["buttons"] == [resume_button("consent_form")]
    assert help_data()["follow_up_help"] not in [m["text"] for m in messages]


async def test_not_in_danger_after_the_help_outside_a_form_invites_the_question_again(domain):
    tracker = _after_the_help("nej men jag är inte i fara asså", "crisis_check_in", form=None,
                              first="jag vill dö typ när jag ser mina betyg")
    messages, _ = await _run(ActionCrisisCheckIn(), tracker, domain)
    assert [m["text"] for m in messages] == [help_data()["misread"]["reply"], help_data()["misread"]["go_on"]]


@pytest.mark.parametrize("text", [
    "jag är inte i fara men jag vill dö",  # crisis words: the lexicon's help again
    "inte i fara men jag mår dåligt",  # not well
    "jag är inte i fara men jag är rädd för pappa",
    "jag är inte i fara. vem kan få en sip?",  # a question of its own is answered as usual
    "jag vill inte prata om det",
])
async def test_other_messages_right_after_the_help_get_no_apology(domain, text):
    messages, _ = await _run(ActionCrisisCheckIn(), _after_the_help(text, "crisis_check_in"), domain)
    assert help_data()["misread"]["reply"] not in [m.get("text") for m in messages]


async def test_a_message_the_lexicon_read_as_crisis_is_never_taken_for_a_misreading(domain):
    # The Rasa component also matches lemmas, which the action's folded words may not.
    messages, _ = await _run(ActionCrisisHelp(), _after_the_help(SAMI_AFTER, "crisis"), domain)
    assert messages[0]["text"] == crisis_reply()


async def test_not_in_danger_without_the_help_before_or_after_pressing_its_button_gets_no_apology(domain):
    tracker = _tracker([_user("hej", "greet"), {"event": "action", "name": "action_crisis_check_in"},
                        {"event": "action", "name": "action_listen"}, _user(SAMI_AFTER, "help_now")])
    messages, _ = await _run(ActionCrisisHelp(), tracker, domain)
    assert help_data()["misread"]["reply"] not in [m.get("text") for m in messages]
    # The person asked for the help: "förlåt att jag missförstod" would be wrong.
    messages, _ = await _run(ActionCrisisHelp(), _after_the_help(SAMI_AFTER, "help_now", first_text=PAYLOAD), domain)
    assert help_data()["misread"]["reply"] not in [m.get("text") for m in messages]


async def test_not_in_danger_right_after_the_check_in_still_gets_whom_to_talk_to(domain):
    # Read as a possible crisis again, it got the check-in's follow-up instead (persona round, session 35).
    text = "nej ja e inte i fara asså. bara trött på allt med skolan o hemma"
    tracker = _tracker([_user("ja mår typ dåligt hela tiden", "crisis_check_in"),
                        {"event": "action", "name": "action_crisis_check_in"},
                        {"event": "action", "name": "action_listen"}, _user(text, "crisis_check_in")])
    messages, _ = await _run(ActionCrisisCheckIn(), tracker, domain)
    assert [m["text"] for m in messages] == [help_data()["not_in_danger"]["reply"]]


# --------------------------------------------------------------------------- #
# 4. Staff in a form: no check-in from the intent classifier alone
# --------------------------------------------------------------------------- #

NURSE = "jag är sjuksköterska på BUP och ska lägga in ett samtycke"
CHILD_VIEW = {"consent_under_18": "ja", "consent_giver": "vardnadshavare", "requested_slot": "consent_child_view"}


async def test_a_nurses_answer_in_the_samtycke_is_kept_without_the_check_in(domain, case_store_env):
    text = "vet inte, har inte träffat henne"
    tracker = _tracker([_user(NURSE, "staff"), {"event": "active_loop", "name": "consent_form"},
                        _user(text, "crisis_check_in")], CHILD_VIEW, "consent_form")
    messages, events = await _run(ActionCrisisCheckIn(), tracker, domain)
    texts = [m.get("text") for m in messages]
    assert help_data()["check_in_in_form"] not in texts and help_data()["check_in"] not in texts
    assert not any(m.get("buttons") == [help_button()] for m in messages)
    assert events  # the form's own validation ran on the answer


async def test_the_same_answer_from_someone_not_staff_still_gets_the_check_in(domain, case_store_env):
    tracker = _tracker([_user("jag är mamma till en tjej på 12", "inform"),
                        {"event": "active_loop", "name": "consent_form"},
                        _user("vet inte, har inte träffat henne", "crisis_check_in")], CHILD_VIEW, "consent_form")
    messages, _ = await _run(ActionCrisisCheckIn(), tracker, domain)
    assert messages[-1]["buttons"] == [help_button()]
