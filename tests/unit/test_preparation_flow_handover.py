"""Who writes now, when the phone is handed over mid-preparation (preparation_flow.writer_kind and friends)."""
from __future__ import annotations

import pytest

from actions import preparation_flow as flow

GUARDIAN = flow.content()["handover_role"]


def test_a_handover_saves_as_a_guardian_who_fills_in_for_the_child():
    assert GUARDIAN in {r["id"] for r in flow.roles()} and flow.answered_by(GUARDIAN) != flow.answered_by("ung")


@pytest.mark.parametrize("text", ["pappa här, jag skriver lite", "hej det är mamma nu", "pappa här. jag tar över",
                                  "det är mamma nu, jag fyller i åt henne", "alva igen", "det är pappa nu"])
def test_a_message_that_only_says_who_writes_now(text):
    assert flow.only_who_writes(text)


@pytest.mark.parametrize("text", ["pappa här, jag skriver att hon är glad", "det är mamma. han cyklar själv",
                                  "hej det är mamma igen. kan jag också skriva?", "jag skriver lite", "mamma"])
def test_more_than_who_writes_is_not_only_who_writes(text):
    assert not flow.only_who_writes(text)


@pytest.mark.parametrize("text, kind", [
    ("pappa här, jag skriver lite", "guardian"), ("hej det är mamma nu", "guardian"), ("alvas pappa här", "guardian"),
    ("det är hennes mamma", "guardian"), ("nu är det pappa som skriver", "guardian"),
    ("det är mamma nu. han cyklar själv", "guardian"), ("det är mamma. han cyklar själv", None),
    ("alva igen", "young"), ("det är jag igen", "young"), ("nej det är jag igen", "young"), ("alva här", "young"),
    ("jag igen", "young"),
    ("mormor här", None), ("det är storebror nu", None), ("hennes storebror här", None), ("det är jag nu", None),
    ("fotboll", None)])
def test_who_the_writer_is(text, kind):
    assert flow.writer_kind(flow.who_writes_clause(text)) == kind


@pytest.mark.parametrize("kind, role, young_answered, expected", [
    ("guardian", "ung", True, GUARDIAN), ("guardian", None, False, GUARDIAN),
    ("guardian", "med_barnet", True, None),  # a parent already answers
    ("young", GUARDIAN, True, "ung"), ("young", "med_barnet", True, "ung"),
    ("young", GUARDIAN, False, None),  # a parent began: a name may be their own
    ("young", "ung", True, None), (None, "ung", True, None), (None, GUARDIAN, True, None)])
def test_the_role_answers_are_saved_under_after_who_writes(kind, role, young_answered, expected):
    assert flow.role_after_writer(kind, role, young_answered) == expected


def test_a_parents_answer_is_marked_in_the_summary_when_the_young_person_gave_others():
    stored = {"important_to_me": "att må bra", "works_well": "fotboll", "hard_now": None}
    mixed = {"important_to_me": "ung", "works_well": flow.answered_by(GUARDIAN), "hard_now": "ung"}
    lines = flow.summary_lines(stored, givers=mixed).splitlines()
    assert lines[0] == "1. Vad är viktigt för dig: att må bra"
    assert lines[1] == f"2. Det här fungerar bra nu: fotboll {flow.content()['written_by'][flow.answered_by(GUARDIAN)]}"
    assert lines[2] == f"3. Det här är svårt nu: {flow.content()['skipped']}"
    # A parent who answered all of it gets titles about the child instead, and no mark.
    parents = {key: flow.answered_by(GUARDIAN) for key in stored}
    assert "(skrivet av" not in flow.summary_lines(stored, guardian=True, givers=parents)
    assert "(skrivet av" not in flow.summary_lines(stored)


def test_a_parents_answer_is_marked_in_the_answers_so_far():
    stored = {"important_to_me": "att må bra", "works_well": "fotboll"}
    givers = {"important_to_me": "ung", "works_well": flow.answered_by("med_barnet")}
    shown = flow.answers_so_far(stored, "hard_now", givers=givers)
    assert shown.splitlines()[2].endswith(f"fotboll {flow.content()['written_by'][flow.answered_by('med_barnet')]}")
