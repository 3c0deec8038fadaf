"""A familjehem filling in together with the child: the child's own answers, recorded as written down by the
familjehem. The flow's view of the role, and the printable document's "Ifyllt av"."""
from __future__ import annotations

from actions import preparation_flow as flow
from actions.casestore.store import StoredAnswer
from channels.preparation_document import TEXTS, render_document
from channels.staff.portal import WHO

FOSTER = flow.FOSTER_TOGETHER
BY_FOSTER = "familjehem_med_barnet"
LABEL = "den unga tillsammans med familjehemmet"


def test_the_foster_role_is_recorded_apart_from_the_young_persons_own():
    assert flow.answered_by(FOSTER) == BY_FOSTER != flow.answered_by("ung")
    assert not flow.answered_by(FOSTER).startswith("vardnadshavare")  # not a guardian (guardian_cues)
    assert flow.role_of({BY_FOSTER}) == FOSTER and flow.role_of({BY_FOSTER, "ung"}) is None
    assert FOSTER not in [r["id"] for r in flow.role_buttons()]


def test_the_foster_role_is_worded_as_the_young_person():
    q = flow.question("important_to_me")
    assert q.text(FOSTER, 9) == q.ask["barn"] and q.text(FOSTER, 15) == q.ask["ung"]
    assert q.text(FOSTER, 19) == q.ask["vuxen"] and flow.is_adult(FOSTER, 19)
    assert q.rephrased(FOSTER, 15).endswith(q.ask["barn"])


def test_the_childs_answers_written_down_by_a_familjehem_are_not_a_guardians():
    assert not flow.by_guardians_only([BY_FOSTER])
    assert not flow.by_guardians_only([BY_FOSTER, "vardnadshavare_for_barnet"])


def test_a_parents_answer_is_marked_next_to_those_the_familjehem_wrote_down_with_the_child():
    stored = {"works_well": "fotboll", "hard_now": "matte"}
    givers = {"works_well": "vardnadshavare_for_barnet", "hard_now": BY_FOSTER}
    mark = flow.content()["written_by"]["vardnadshavare_for_barnet"]
    assert flow.shown_answer("works_well", stored, givers) == f"fotboll {mark}"
    assert flow.shown_answer("hard_now", stored, givers) == "matte"


def test_a_parent_taking_over_from_the_familjehem_is_a_handover():
    assert flow.role_after_writer("guardian", FOSTER, young_answered=True) == flow.content()["handover_role"]
    assert flow.role_after_writer("young", FOSTER, young_answered=True) is None


def _page(*givers: str) -> str:
    keys = ["can_do_myself", "hard_now"]
    return render_document("ACDE-FH34", {key: StoredAnswer("Cykla", by, 1) for key, by in zip(keys, givers)}, None)


def test_the_document_says_the_familjehem_wrote_the_childs_answers_down():
    page = _page(BY_FOSTER)
    assert f"Ifyllt av: {LABEL}" in page and "Ifyllt av: den unga<" not in page
    assert "Det här kan jag själv" in page and "Det här kan barnet själv" not in page  # the child's own


def test_the_document_names_both_when_the_young_person_also_answered_alone():
    assert f"Ifyllt av: den unga, {LABEL}<" in _page("ung", BY_FOSTER)


def test_the_staff_portal_labels_the_role_as_the_document_does():
    assert WHO[BY_FOSTER] == TEXTS["who"][BY_FOSTER] == LABEL
