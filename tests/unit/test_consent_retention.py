"""Ended consents keep their record but lose their free text after the retention period (SQLite and PostgreSQL)."""
from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

from actions.casestore import consents
from actions.casestore.consent_retention import strip_ended_consents
from actions.casestore.retention import RETENTION_RULES, RetentionContext
from tests.unit.test_consent_store import _both_guardians

NOW = datetime(2032, 6, 1, 12, 0, tzinfo=timezone.utc)
FREE_TEXT = ("Hur det går i skolan", "Inget om syskonen", "Hon vill att skolan får veta", "Vårdnadshavare")


def _ctx(backend, store, days=30) -> RetentionContext:
    return RetentionContext(NOW, backend.settings(consent_text_retention_days=days), store, None)


def _record(store, reference, **changes) -> int:
    return consents.record_consent(store, reference, _both_guardians(**changes), now=NOW - timedelta(days=400))


def test_the_free_text_of_long_ended_consents_is_removed_and_the_record_kept(backend):
    store = backend.open_store()
    case = store.create_case()
    expired = _record(store, case.reference, valid_from=date(2031, 1, 1), valid_to=date(2032, 4, 1))
    running = _record(store, case.reference, valid_from=date(2032, 1, 1), valid_to=date(2032, 12, 31))
    recently_ended = _record(store, case.reference, valid_from=date(2031, 6, 1), valid_to=date(2032, 5, 20))
    withdrawn = _record(store, case.reference, valid_from=date(2032, 1, 1), valid_to=date(2032, 12, 31))
    consents.withdraw(store, case.reference, [withdrawn], now=NOW - timedelta(days=45))

    assert strip_ended_consents(_ctx(backend, store)) == 2
    assert strip_ended_consents(_ctx(backend, store)) == 0  # nothing left to remove
    by_number = {c.number: c for c in consents.consents(store, case.reference)}
    for number in (expired, withdrawn):
        stripped = by_number[number]
        assert (stripped.may_share, stripped.must_not_share, stripped.child_view) == ("", None, None)
        assert [g.name for g in stripped.givers] == [None, None]
        assert [p.name for p in stripped.parties] == ["BUP Vänersborg", "Hagaskolan elevhälsa"]  # the record stays
    assert by_number[withdrawn].withdrawn_at is not None
    for number in (running, recently_ended):
        assert by_number[number].may_share == "Hur det går i skolan och vilka insatser som finns"
        assert by_number[number].givers[0].name == "Vårdnadshavare Ett"
    with store.engine.connect() as conn:
        raw = " ".join(str(v) for row in conn.exec_driver_sql("SELECT may_share, child_view FROM consents") for v in row)
    assert not any(text in raw for text in FREE_TEXT)  # encrypted or removed, never in clear


def test_the_period_is_a_setting(backend):
    store = backend.open_store()
    case = store.create_case()
    _record(store, case.reference, valid_from=date(2031, 6, 1), valid_to=date(2032, 5, 20))
    assert strip_ended_consents(_ctx(backend, store, days=30)) == 0
    assert strip_ended_consents(_ctx(backend, store, days=5)) == 1


def test_the_rule_is_registered():
    assert "free text of ended consents" in {rule.name for rule in RETENTION_RULES}
