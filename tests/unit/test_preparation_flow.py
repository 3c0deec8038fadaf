"""The preparation's questions, steps and parsing (actions/preparation_flow.py)."""
from __future__ import annotations

import pytest

from actions import preparation_flow as flow

KEYS = [q.key for q in flow.questions()]


def test_there_are_ten_questions_numbered_in_order_with_known_sections():
    assert len(KEYS) == 10 == len(set(KEYS))
    assert [q.number for q in flow.questions()] == list(range(1, 11))
    sections = {s["id"] for s in flow.content()["sections"]}
    assert {q.section for q in flow.questions()} == sections


def test_every_question_has_wording_for_every_role_and_a_source():
    assert "Vad är viktigt" in flow.content()["source"] and flow.content()["seed"] == "001"
    for q in flow.questions():
        assert {"ung", "med_barnet", "for_barnet"} <= set(q.ask), q.key
        assert all(len(b) <= 40 for b in q.buttons), q.key


def test_first_question_is_what_matters_to_you():
    assert flow.questions()[0].key == "important_to_me"
    assert flow.questions()[0].text("ung", None).startswith("Vad är viktigt för dig?")


@pytest.mark.parametrize("role,age,start", [
    ("ung", None, "Vad är viktigt för dig? Tänk"),
    ("ung", 16, "Vad är viktigt för dig? Tänk"),
    ("ung", 9, "Vad är viktigt för dig? Vad vill du"),
    ("for_barnet", 9, "Vad tror du är viktigt för barnet?"),
    ("med_barnet", None, "Vad är viktigt för barnet? Fråga barnet"),
    (None, None, "Vad är viktigt för dig? Tänk"),
])
def test_wording_adapts_to_who_answers_and_age(role, age, start):
    assert flow.questions()[0].text(role, age).startswith(start)


@pytest.mark.parametrize("text,role", [
    ("Jag är den unga", "ung"),
    ("Jag är förälder och fyller i med barnet", "med_barnet"),
    ("Jag är förälder och fyller i för barnet", "for_barnet"),
    ("jag", "ung"),
    ("det e jag sjalv", "ung"),
    ("ja är mamma", "for_barnet"),
    ("vi fyller i tillsammans", "med_barnet"),
    ("pappa, med min son", "med_barnet"),
    ("ung", "ung"),
    ("banan", None),
    ("", None),
    ("<b>x</b>", None),
])
def test_role_is_recognised(text, role):
    assert flow.parse_role(text) == role


@pytest.mark.parametrize("text,age,valid", [
    ("14", 14, True), ("jag är 9 år", 9, True), ("femton", 15, True), ("hoppa över", None, True),
    ("vill inte saga", None, True), ("", None, True), ("0", None, False), ("140", None, False),
    ("gammal", None, False), ("99", None, False),
])
def test_age_is_a_number_or_skipped(text, age, valid):
    assert flow.parse_age(text) == flow.AgeAnswer(age, valid)


@pytest.mark.parametrize("text,command", [
    ("ändra fråga 3", flow.ReviewCommand("edit", KEYS[2])),
    ("andra fraga 10", flow.ReviewCommand("edit", KEYS[9])),
    ("Ändra 1", flow.ReviewCommand("edit", KEYS[0])),
    ("fråga 4", flow.ReviewCommand("edit", KEYS[3])),
    ("jag vill ändra nummer 2", flow.ReviewCommand("edit", KEYS[1])),
    ("ändra fråga 11", flow.ReviewCommand("unknown")),
    ("ändra fråga 0", flow.ReviewCommand("unknown")),
    ("det stämmer", flow.ReviewCommand("confirm")),
    ("Klart!", flow.ReviewCommand("confirm")),
    ("ja", flow.ReviewCommand("confirm")),
    ("kanske", flow.ReviewCommand("unknown")),
    ("", flow.ReviewCommand("unknown")),
])
def test_review_commands(text, command):
    assert flow.parse_review(text) == command


def test_resume_goes_to_the_first_unanswered_or_skipped_question():
    assert flow.resume_step({}) == KEYS[0]
    assert flow.resume_step({KEYS[0]: "Att må bra", KEYS[1]: None}) == KEYS[1]
    assert flow.resume_step({KEYS[0]: "a", KEYS[1]: "b"}) == KEYS[2]
    assert flow.resume_step({k: "svar" for k in KEYS}) == flow.REVIEW


def test_next_step_passes_skipped_questions_and_ends_in_the_summary():
    assert flow.next_step(KEYS[0], {KEYS[0]: "a"}) == KEYS[1]
    assert flow.next_step(KEYS[2], {KEYS[0]: "a", KEYS[1]: None, KEYS[2]: "c"}) == KEYS[3]
    # Resumed at question 2 with 3 and 4 already answered: straight on to 5.
    assert flow.next_step(KEYS[1], {KEYS[0]: "a", KEYS[1]: "b", KEYS[2]: "c", KEYS[3]: "d"}) == KEYS[4]
    assert flow.next_step(KEYS[9], {k: "x" for k in KEYS}) == flow.REVIEW
    assert flow.next_step(KEYS[8], {k: "x" for k in KEYS[:9]}) == KEYS[9]


def test_summary_numbers_every_question_and_marks_skipped_ones():
    lines = flow.summary_lines({KEYS[0]: "Att må bra", KEYS[1]: None}).splitlines()
    assert len(lines) == 10
    assert lines[0] == "1. Vad är viktigt för dig: Att må bra"
    assert lines[1].endswith(": (hoppade över)") and lines[9].startswith("10. ")


def test_document_follows_the_sip_form_structure():
    sections = flow.document_sections({KEYS[0]: "Att må bra"})
    assert [title for title, _ in sections] == [
        "Vad är viktigt för dig?", "Nuläge", "Behov", "Vilka deltar", "Hur jag vill vara med",
        "Frågeställningar", "Praktiskt"]
    assert [(q.key, answer) for q, answer in sections[0][1]] == [(KEYS[0], "Att må bra")]
    assert sum(len(items) for _, items in sections) == 10


def test_organisations_are_kept_for_who_helps_and_who_takes_part():
    assert [q.key for q in flow.questions() if q.organisations] == ["who_helps", "participants"]


def test_organisations_in_keeps_known_ids_in_order_once():
    entities = [{"entity": "organisation", "value": "elevhalsa"}, {"entity": "organisation", "value": "bup"},
                {"entity": "organisation", "value": "elevhalsa"}, {"entity": "organisation", "value": "okand"},
                {"entity": "plats", "value": "skola"}]
    assert flow.organisations_in(entities) == "elevhalsa,bup"
    assert flow.organisations_in([]) is None and flow.organisations_in(None) is None
    assert flow.organisation_names("elevhalsa,bup") == ["Elevhälsan", "BUP (barn- och ungdomspsykiatrin)"]
    assert flow.organisation_names(None) == []


@pytest.mark.parametrize("text,goal", [
    ("Att må bra", True), ("att ma bra", True), ("kunna sova på natten", True), ("Jag vill ha kompisar", True),
    ("Gå till skolan igen", True), ("mindre stress", False), ("skolan", False), ("", False),
])
def test_a_goal_is_something_the_person_does(text, goal):
    assert flow.reads_like_a_goal(text) is goal


@pytest.mark.parametrize("text,found", [
    ("Elevhälsan och BUP", "elevhalsa,bup"),
    ("Mamma, mentorn och skolkuratorn", "skola,elevhalsa"),
    ("soc, bupen", "socialtjanst,bup"),
    ("mamma och pappa", None),
    ("", None),
])
def test_organisations_are_found_in_the_text_when_nlu_gave_none(text, found):
    assert flow.organisations_named(text, []) == found


def test_nlu_entities_come_first():
    assert flow.organisations_named("skolan", [{"entity": "organisation", "value": "bup"}]) == "bup"
