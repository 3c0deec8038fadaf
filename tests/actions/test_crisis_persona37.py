"""The check-in after persona round 37 (Ella, 15): "ja e rädd att soc ska ta mig från mamma" got 112 first,
and "min bästis alltså hon heter moa", her answer on whom she wants at the meeting, got "Tack för att du
berättar… Om du har det jobbigt…". Real Trackers, the real help.yml, domain and form validation."""
from __future__ import annotations

from typing import Any

import pytest
from rasa_sdk import Tracker

import actions.preparation as preparation
from actions.crisis_help import (ActionCrisisCheckIn, ActionCrisisHelp, check_in_key, crisis_reply, danger_words_in,
                                 gentle_reply, help_button, help_data, only_names_people)
from tests.actions.test_crisis_persona35 import _run

SOC = "ja e rädd att soc ska ta mig från mamma"
MOA = "min bästis alltså hon heter moa"
CALM = "ja e rädd att soc ska ta mig"
PAYLOAD = help_data()["button"]["payload"]
CHECK_IN_TEXTS = {help_data()[key] for key in ("check_in", "check_in_adult", "check_in_danger", "check_in_in_form",
                                              "check_in_guardian", "check_in_guardian_danger")}
PARTICIPANTS = {"requested_slot": "prep_answer", "prep_step": "participants", "prep_role": "ung", "prep_age": 15.0}


def _user(text: str, intent: str = "crisis_check_in") -> dict[str, Any]:
    return {"event": "user", "text": text, "parse_data": {"text": text, "intent": {"name": intent, "confidence": 1.0},
                                                          "entities": []}}


def _tracker(text: str, before: list[dict[str, Any]] | None = None, slots: dict[str, Any] | None = None,
             form: str | None = None, intent: str = "crisis_check_in") -> Tracker:
    events = [*(before or []), {"event": "action", "name": "action_listen"}, _user(text, intent)]
    return Tracker("test-user", dict(slots or {}), events[-1]["parse_data"], events, False, None,
                   {"name": form} if form else {}, "action_listen")


# --------------------------------------------------------------------------- #
# "rädd att soc ska ta mig": the kind check-in, not 112 first
# --------------------------------------------------------------------------- #

def test_fear_of_social_services_gets_the_calm_check_in():
    # Review, session 37: "…från mamma" names a person (calm_fears `not_with`), so SOC keeps 112 first.
    assert not danger_words_in(CALM)
    assert check_in_key(_tracker(CALM), guardian=False) == "check_in"


@pytest.mark.parametrize("text", [
    "jag är så rädd hela tiden",
    "jag är rädd att soc skickar mig hem till pappa",
    "jag är rädd att soc ska ta mig och det är farligt hemma",
])
def test_other_fears_keep_112_first(text):
    assert danger_words_in(text)
    assert check_in_key(_tracker(text), guardian=False) == "check_in_danger"


@pytest.mark.parametrize("text", [CALM, "jag är rädd att socialtjänsten ska placera mig"])
async def test_ella_afraid_of_social_services_gets_a_kind_reply(domain, text):
    # Where knowledge/not_in_sources.yml speaks of the fear, its answer comes first; never 112 first.
    messages, _ = await _run(ActionCrisisCheckIn(), _tracker(text), domain)
    texts = [m.get("text") for m in messages]
    assert help_data()["check_in_danger"] not in texts and crisis_reply() not in texts, texts
    assert help_data()["check_in"] in texts or help_data()["follow_up_help"] in texts, texts
    assert messages[-1]["buttons"] == [help_button()]


async def test_the_button_under_it_gives_the_gentle_help(domain):
    before = [_user(CALM), {"event": "action", "name": "action_crisis_check_in"},
              {"event": "bot", "text": help_data()["check_in"], "data": {"buttons": [help_button()]}}]
    messages, _ = await _run(ActionCrisisHelp(), _tracker(PAYLOAD, before, intent="crisis"), domain)
    assert messages[0]["text"].startswith(gentle_reply()) and messages[0]["text"] != crisis_reply()


async def test_fear_of_pappa_said_before_still_gets_the_full_help_behind_the_button(domain):
    before = [_user("jag är rädd för pappa", "crisis"), {"event": "action", "name": "action_crisis_help"},
              _user(CALM), {"event": "action", "name": "action_crisis_check_in"},
              {"event": "bot", "text": help_data()["check_in"], "data": {"buttons": [help_button()]}}]
    messages, _ = await _run(ActionCrisisHelp(), _tracker(PAYLOAD, before, intent="crisis"), domain)
    assert messages[0]["text"] == crisis_reply()


# --------------------------------------------------------------------------- #
# "min bästis alltså hon heter moa": no check-in
# --------------------------------------------------------------------------- #

def test_naming_her_best_friend_outside_a_form_is_not_special():
    # Review, session 37: outside the preparation's people questions only_names_people never applies.
    assert not only_names_people(_tracker(MOA))


async def test_naming_her_best_friend_at_the_participants_question_is_kept_without_a_note(domain, case_store_env):
    tracker = _tracker(MOA, [{"event": "active_loop", "name": "preparation_form"}], PARTICIPANTS, "preparation_form")
    messages, events = await _run(ActionCrisisCheckIn(), tracker, domain)
    slots = {e["name"]: e["value"] for e in events if e.get("event") == "slot"}
    assert preparation.store().answers(slots["case_reference"])["participants"] == MOA
    assert not CHECK_IN_TEXTS & {m.get("text") for m in messages}
    assert not any(m.get("buttons") == [help_button()] for m in messages)


@pytest.mark.parametrize("last_action", ["action_crisis_check_in", "action_crisis_help"])
async def test_a_friend_named_right_after_the_help_keeps_the_check_in(domain, last_action):
    # "Är någon i fara just nu?" … "min bästis": she may be the one in danger.
    before = [_user("jag mår så dåligt"), {"event": "action", "name": last_action},
              {"event": "bot", "text": help_data()["check_in_danger"], "data": {"buttons": [help_button()]}}]
    assert not only_names_people(_tracker("min bästis", before))
    messages, _ = await _run(ActionCrisisCheckIn(), _tracker("min bästis", before), domain)
    assert messages[-1]["buttons"] == [help_button()]


@pytest.mark.parametrize("text", ["min bästis gråter hela tiden", "min bästis är rädd", "min bästis vill dö"])
async def test_a_friend_with_feelings_or_danger_keeps_the_check_in(domain, text):
    assert not only_names_people(_tracker(text))
    messages, _ = await _run(ActionCrisisCheckIn(), _tracker(text), domain)
    assert messages[-1]["buttons"] == [help_button()]
