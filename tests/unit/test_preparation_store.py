"""Preparation status and answer details in the case store (SQLite always, PostgreSQL when reachable)."""
from __future__ import annotations

from datetime import datetime, timezone

import pytest

from actions.casestore.store import StoredAnswer

NOW = datetime(2030, 3, 1, 12, 0, tzinfo=timezone.utc)


def test_answers_come_back_with_who_answered_and_the_version(backend):
    store = backend.open_store()
    new = store.create_case()
    store.save_answer(new.reference, "important_to_me", "Att må bra", "ung")
    store.save_answer(new.reference, "hard_now", None, "ung")
    store.save_answer(new.reference, "important_to_me", "Att sova", "vardnadshavare_med_barnet")
    assert store.preparation_answers(new.reference) == {
        "important_to_me": StoredAnswer("Att sova", "vardnadshavare_med_barnet", 2),
        "hard_now": StoredAnswer(None, "ung", 1),
    }


def test_a_new_case_is_not_complete_until_confirmed(backend):
    store = backend.open_store()
    new = store.create_case()
    assert store.preparation_completed_at(new.reference) is None
    store.set_preparation_completed(new.reference, True, now=NOW)
    assert store.preparation_completed_at(new.reference).replace(tzinfo=timezone.utc) == NOW
    store.set_preparation_completed(new.reference, False)
    assert store.preparation_completed_at(new.reference) is None
    assert len(backend.raw("SELECT case_id FROM preparation_status")) == 1


def test_status_belongs_to_its_own_case(backend):
    store = backend.open_store()
    first, second = store.create_case(), store.create_case()
    store.set_preparation_completed(first.reference, True)
    assert store.preparation_completed_at(second.reference) is None


def test_unknown_reference_cannot_be_completed(backend):
    with pytest.raises(KeyError):
        backend.open_store().set_preparation_completed("ACDE-FH34", True)


def test_an_edit_keeps_the_earlier_versions_encrypted(backend):
    store = backend.open_store()
    new = store.create_case()
    store.save_answer(new.reference, "hard_now", "Matte", "ung")
    store.save_answer(new.reference, "hard_now", None, "ung")
    store.save_answer(new.reference, "hard_now", "Att somna", "vardnadshavare_for_barnet")
    store.save_answer(new.reference, "works_well", "Fotboll", "ung")
    assert store.answer_history(new.reference, "hard_now") == [StoredAnswer("Matte", "ung", 1),
                                                                 StoredAnswer(None, "ung", 2)]
    assert store.answer_history(new.reference, "works_well") == []
    raw = [r[0] for r in backend.raw("SELECT answer FROM preparation_answer_history")]
    assert len(raw) == 2 and not any("Matte" in (value or "") for value in raw)


def test_a_removed_answer_takes_its_earlier_versions_along(backend):
    store = backend.open_store()
    new = store.create_case()
    store.save_answer(new.reference, "hard_now", "min pappa dricker", "ung")
    store.save_answer(new.reference, "hard_now", "Matte", "ung")
    store.save_answer(new.reference, "works_well", "Fotboll", "ung")
    store.save_answer(new.reference, "works_well", "Fotboll och kompisar", "ung")
    store.remove_answer(new.reference, "hard_now", "ung")
    assert store.preparation_answers(new.reference)["hard_now"] == StoredAnswer(None, "ung", 3)
    assert store.answer_history(new.reference, "hard_now") == []
    # Another answer's changes are still kept.
    assert store.answer_history(new.reference, "works_well") == [StoredAnswer("Fotboll", "ung", 1)]


def test_removing_the_history_keeps_the_answers_and_touches_no_other_case(backend):
    # "det ja skrev om mentorn första gången syns det fortfarande nånstans?" (persona round, session 30).
    store = backend.open_store()
    mine, other = store.create_case(), store.create_case()
    for case in (mine, other):
        store.save_answer(case.reference, "hard_now", "jag hatar min mentor", "ung")
        store.save_answer(case.reference, "hard_now", "Mentorn och jag bråkar", "ung")
    store.save_answer(mine.reference, "works_well", "Fotboll", "ung")
    assert store.remove_history(mine.reference) == 1
    assert store.answer_history(mine.reference, "hard_now") == []
    assert store.answers(mine.reference) == {"hard_now": "Mentorn och jag bråkar", "works_well": "Fotboll"}
    assert store.answer_history(other.reference, "hard_now") == [StoredAnswer("jag hatar min mentor", "ung", 1)]
    assert store.remove_history(mine.reference) == 0


def test_history_goes_with_its_case(backend):
    store = backend.open_store()
    new = store.create_case()
    store.save_answer(new.reference, "hard_now", "Matte", "ung")
    store.save_answer(new.reference, "hard_now", "Sova", "ung")
    with store.session() as session:
        from sqlalchemy import delete
        from actions.casestore.models import Case
        session.execute(delete(Case).where(Case.reference == new.reference))
    assert backend.raw("SELECT COUNT(*) FROM preparation_answer_history") == [(0,)]


def test_organisations_are_stored_with_the_answer_and_replaced_by_an_edit(backend):
    store = backend.open_store()
    new = store.create_case()
    store.save_answer(new.reference, "who_helps", "BUP och soc", "ung", organisations="bup,socialtjanst")
    assert store.preparation_answers(new.reference)["who_helps"].organisations == "bup,socialtjanst"
    store.save_answer(new.reference, "who_helps", "Ingen", "ung")
    assert store.preparation_answers(new.reference)["who_helps"] == StoredAnswer("Ingen", "ung", 2, None)


def test_the_export_shows_the_status_and_earlier_versions(backend):
    from actions.casestore import preparation_rights  # noqa: F401 - registers the sections
    from actions.casestore.rights import delete_case, export_case

    store = backend.open_store()
    new = store.create_case()
    store.save_answer(new.reference, "hard_now", "Matte", "ung")
    store.save_answer(new.reference, "hard_now", "Att somna", "ung")
    store.set_preparation_completed(new.reference, True, now=NOW)
    by_title = {s.title: s.rows for s in export_case(store, new.reference, new.code).sections}
    # Stored in UTC, shown on the municipality's clock.
    assert by_title["Din förberedelse"] == [("Bekräftad", "2030-03-01 13:00")]
    assert by_title["Tidigare versioner av dina svar"] == [("3. Det här är svårt nu (version 1)", "Matte")]
    assert delete_case(store, new.reference, new.code).check == "ok"
    assert backend.raw("SELECT COUNT(*) FROM preparation_answer_history") == [(0,)]


def test_the_export_says_an_answered_preparation_is_not_confirmed_yet(backend):
    from actions.casestore import preparation_rights  # noqa: F401 - registers the sections
    from actions.casestore.rights import export_case

    store = backend.open_store()
    new = store.create_case()
    store.save_answer(new.reference, "hard_now", "Matte", "ung")
    by_title = {s.title: s.rows for s in export_case(store, new.reference, new.code).sections}
    assert by_title["Din förberedelse"] == [("Bekräftad", "inte bekräftad än")]


def test_the_export_lists_the_answers_in_the_order_of_the_questions(backend):
    # The page listed them by their keys' letters: 5, 3, 1, 6… (persona round, session 28).
    from actions import preparation_flow
    from actions.casestore import preparation_rights  # noqa: F401 - registers the sections
    from actions.casestore.rights import export_case

    store = backend.open_store()
    new = store.create_case()
    keys = [q.key for q in preparation_flow.questions()]
    for key in reversed(keys):
        store.save_answer(new.reference, key, f"svar {key}", "ung")
    [answers] = [s.rows for s in export_case(store, new.reference, new.code).sections
                 if s.title == "Dina svar inför SIP-mötet"]
    assert [label.split(".")[0] for label, _ in answers] == [str(n) for n in range(1, len(keys) + 1)]
    assert backend.raw("SELECT COUNT(*) FROM preparation_status") == [(0,)]
