"""Seeing and deleting everything stored about a case (SQLite and PostgreSQL)."""
from __future__ import annotations

from sqlalchemy import select

from actions.casestore import rights
from actions.casestore.models import Case
from actions.casestore.rights import ExportSection, delete_case, export_case
from actions.casestore.store import CodeCheck


def test_export_shows_every_section_decrypted(backend):
    store = backend.open_store()
    case = store.create_case()
    store.save_answer(case.reference, "q_viktigt", "Att <b>Elsa</b> får vara med", "vardnadshavare")
    outcome = export_case(store, case.reference, case.code)
    assert outcome.check == CodeCheck.OK
    by_title = {s.title: s.rows for s in outcome.sections}
    assert ("Referensnummer", case.reference) in by_title["Ditt ärende"]
    assert by_title["Dina svar inför SIP-mötet"] == [("q_viktigt", "Att <b>Elsa</b> får vara med")]


def test_wrong_code_shows_nothing_and_counts_towards_the_lockout(backend):
    store = backend.open_store(code_attempts=2)
    case = store.create_case()
    assert export_case(store, case.reference, "AAAAAA") == rights.Outcome(CodeCheck.WRONG)
    assert delete_case(store, case.reference, "AAAAAA") == rights.Outcome(CodeCheck.LOCKED)
    assert export_case(store, case.reference, case.code).check == CodeCheck.LOCKED
    assert export_case(store, "XXXX-XXXX", case.code).check == CodeCheck.UNKNOWN


def test_delete_removes_the_case_and_its_child_rows(backend):
    store = backend.open_store()
    gone, kept = store.create_case(), store.create_case()
    store.save_answer(gone.reference, "q1", "hemligt svar", "ung")
    store.save_answer(kept.reference, "q1", "annat svar", "ung")
    outcome = delete_case(store, gone.reference, gone.code)
    assert outcome.check == CodeCheck.OK and outcome.notices == []
    assert backend.raw(f"SELECT COUNT(*) FROM cases WHERE reference = '{gone.reference}'")[0][0] == 0
    assert backend.raw("SELECT COUNT(*) FROM preparation_answers")[0][0] == 1
    assert store.answers(kept.reference) == {"q1": "annat svar"}
    assert delete_case(store, gone.reference, gone.code).check == CodeCheck.UNKNOWN


def test_registered_sections_and_hooks_take_part(backend, monkeypatch):
    store = backend.open_store()
    case = store.create_case()
    seen = []
    monkeypatch.setattr(rights, "EXPORT_SECTIONS", [*rights.EXPORT_SECTIONS,
                                                    ExportSection("extra", lambda s, c: [("Nyckel", c.reference)])])
    monkeypatch.setattr(rights, "BEFORE_DELETE_HOOKS", [
        lambda session, c: seen.append(session.scalar(select(Case.reference).where(Case.id == c.id))) or None,
        lambda session, c: "Din förfrågan är markerad som återkallad."])
    titles = {s.title: s.rows for s in export_case(store, case.reference, case.code).sections}
    assert titles["extra"] == [("Nyckel", case.reference)]
    outcome = delete_case(store, case.reference, case.code)
    assert seen == [case.reference]  # the hook ran while the case still existed
    assert outcome.notices == ["Din förfrågan är markerad som återkallad."]
