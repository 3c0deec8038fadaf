"""Persona round, session 37 (Ella, 15): a question about the answers inside the preparation."""
from __future__ import annotations

import pytest

import actions.preparation as preparation
from actions import preparation_flow as flow
from tests.actions.test_preparation_persona35c import _said, _validate, asked  # noqa: F401 - `asked` is a fixture
from tests.actions.test_preparation_persona36 import SLOT, _tracker


@pytest.mark.parametrize("text", ["va händer me svaren", "vart hamnar det ja skriver", "va gör dom me de ja skrivit"])
async def test_asking_what_becomes_of_the_answers_is_told_who_sees_them(tracker_for, domain, opened_case, asked, text):
    # "va händer me svaren" at "Vad är svårt för dig just nu?" was saved as the answer (faq 0.56).
    messages, slots = await _validate(_tracker(tracker_for, text, "hard_now", opened_case.reference,
                                               intent="faq", confidence=0.56), domain)
    assert _said(messages) == ["utter_who_sees_answers", flow.content()["who_sees_change_hint"]]
    assert slots == {SLOT: None} and preparation.store().answers(opened_case.reference) == {}


@pytest.mark.parametrize("text", ["va glad typ", "vara med kompisar", "att dom lyssnar på mig"])
async def test_answers_that_start_alike_are_still_saved(tracker_for, domain, opened_case, asked, text):
    messages, slots = await _validate(_tracker(tracker_for, text, "hard_now", opened_case.reference,
                                               intent="inform", confidence=0.7), domain)
    assert "utter_who_sees_answers" not in _said(messages) and asked == []
    assert list(preparation.store().answers(opened_case.reference).values()) == [text]

