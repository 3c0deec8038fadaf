"""Who writes as a parent about their own child (actions/guardian_cues.py, knowledge/guardian_cues.yml)."""
from __future__ import annotations

import pytest
from rasa_sdk import Tracker

from actions.guardian_cues import said_they_are_a_guardian, says_they_are_a_guardian


@pytest.mark.parametrize("text", [
    "min dotter sa igår att hon inte vill leva längre", "MIN SON har slutat äta", "mitt barn skär sig",
    "jag ar pappa till en kille pa 14", "jag är vårdnadshavare och undrar", "vår dotter mår dåligt",
    "som förälder undrar jag", "min sons lärare vill ha en sip", "min tonåring vägrar gå till skolan",
])
def test_parents_about_their_own_child_are_recognised(text):
    assert says_they_are_a_guardian(text)


@pytest.mark.parametrize("text", [
    # A child about their parent, a young person about being a child, staff about a pupil.
    "min mamma slår mig", "min pappa dricker", "det är svårt att vara barn", "våra barn i klassen",
    "elev berättade att pappa slår", "jag vill inte leva", "sonen i familjen", "", None,
])
def test_others_are_not(text):
    assert not says_they_are_a_guardian(text)


def _tracker(texts: list[str], slots: dict | None = None) -> Tracker:
    events = [{"event": "user", "text": text} for text in texts]
    return Tracker("t", dict(slots or {}), {"text": texts[-1]}, events, False, None, {}, "action_listen")


def test_said_earlier_in_the_conversation_or_by_asking_for_a_sip_as_guardian_counts():
    assert said_they_are_a_guardian(_tracker(["jag är mamma till en 12-åring", "hon säger att hon vill dö"]))
    assert said_they_are_a_guardian(_tracker(["hon säger att hon vill dö"], {"request_role": "vardnadshavare"}))
    assert not said_they_are_a_guardian(_tracker(["hon säger att hon vill dö"], {"request_role": "ung"}))


def test_preparing_the_meeting_as_a_parent_counts():
    assert said_they_are_a_guardian(_tracker(["ont i magen"], {"prep_role": "med_barnet"}))
    assert not said_they_are_a_guardian(_tracker(["ont i magen"], {"prep_role": "ung"}))
