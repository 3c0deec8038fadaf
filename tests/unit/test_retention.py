"""Retention removes exactly what is due (SQLite and PostgreSQL)."""
from __future__ import annotations

import asyncio
import json
import time
from datetime import datetime, timedelta, timezone

import pytest
from rasa.core.tracker_store import SQLTrackerStore
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import UserUttered
from rasa.shared.core.trackers import DialogueStateTracker
from sqlalchemy import exists, select, update

from actions.casestore import retention
from actions.casestore.models import Case, PreparationAnswer
from actions.casestore.retention import (CONFIRMED_CASE_CONDITIONS, RETENTION_RULES, RetentionContext, RetentionRule,
                                         run_all)

NOW = datetime.now(timezone.utc)


def _age_case(store, reference: str, days: float) -> None:
    with store.session() as session:
        session.execute(update(Case).where(Case.reference == reference).values(created_at=NOW - timedelta(days=days)))


def _age_answers(store, reference: str, days: float) -> None:
    with store.session() as session:
        case_id = session.scalar(select(Case.id).where(Case.reference == reference))
        session.execute(update(PreparationAnswer).where(PreparationAnswer.case_id == case_id)
                        .values(updated_at=NOW - timedelta(days=days)))


def _references(store) -> set[str]:
    with store.session() as session:
        return set(session.scalars(select(Case.reference)))


@pytest.fixture
def tracker_store(backend):
    store = SQLTrackerStore(Domain.empty(), host=backend.url)
    yield store
    store.engine.dispose()


def _ctx(backend, store, tracker_store=None, **settings) -> RetentionContext:
    return RetentionContext(NOW, backend.settings(**settings), store, tracker_store.engine if tracker_store else None)


def test_unconfirmed_drafts_past_the_period_are_deleted_with_their_answers(backend):
    store = backend.open_store()
    old, fresh, old_but_active = store.create_case(), store.create_case(), store.create_case()
    store.save_answer(old.reference, "q1", "svar", "vardnadshavare")
    store.save_answer(old_but_active.reference, "q1", "svar", "vardnadshavare")
    _age_case(store, old.reference, 15)
    _age_answers(store, old.reference, 15)
    _age_case(store, fresh.reference, 13)
    _age_case(store, old_but_active.reference, 40)
    _age_answers(store, old_but_active.reference, 2)
    assert retention.purge_unconfirmed_drafts(_ctx(backend, store, draft_retention_days=14)) == 1
    assert _references(store) == {fresh.reference, old_but_active.reference}
    assert backend.raw("SELECT COUNT(*) FROM preparation_answers")[0][0] == 1  # the cascade took the old answer


def test_a_confirmed_case_is_kept_however_old(backend, monkeypatch):
    store = backend.open_store()
    confirmed, draft = store.create_case(), store.create_case()
    _age_case(store, confirmed.reference, 100)
    _age_case(store, draft.reference, 100)
    # A feature marks cases confirmed; here: the case has a preparation answer named "confirmed".
    monkeypatch.setattr(retention, "CONFIRMED_CASE_CONDITIONS", [
        lambda: exists().where(PreparationAnswer.case_id == Case.id, PreparationAnswer.question_key == "confirmed")])
    store.save_answer(confirmed.reference, "confirmed", None, "system")
    _age_answers(store, confirmed.reference, 100)
    assert retention.purge_unconfirmed_drafts(_ctx(backend, store)) == 1
    assert _references(store) == {confirmed.reference}


def test_draft_period_is_a_setting(backend):
    store = backend.open_store()
    case = store.create_case()
    _age_case(store, case.reference, 5)
    assert retention.purge_unconfirmed_drafts(_ctx(backend, store, draft_retention_days=7)) == 0
    assert retention.purge_unconfirmed_drafts(_ctx(backend, store, draft_retention_days=4)) == 1


def test_conversation_events_past_the_period_are_deleted(backend, tracker_store):
    now = time.time()
    events = [UserUttered(f"m{age}", timestamp=now - age * 86400) for age in (45, 31, 29, 0)]
    asyncio.run(tracker_store.save(DialogueStateTracker.from_events("web-x", events)))
    ctx = _ctx(backend, None, tracker_store, conversation_retention_days=30)
    assert retention.purge_conversation_events(ctx) == 2
    assert sorted(json.loads(r[0])["text"] for r in backend.raw("SELECT data FROM events")) == ["m0", "m29"]


def test_run_all_runs_registered_rules_and_survives_a_failing_one(backend, monkeypatch):
    calls = []

    def broken(ctx):
        raise RuntimeError("boom")

    def counting(ctx):
        calls.append(ctx.now)
        return 7

    monkeypatch.setattr(retention, "RETENTION_RULES", [RetentionRule("broken", broken), RetentionRule("count", counting)])
    assert run_all(_ctx(backend, None)) == {"broken": -1, "count": 7}
    assert calls == [NOW]


def test_built_in_rules_are_registered():
    assert {rule.name for rule in RETENTION_RULES} >= {"conversation events", "unconfirmed drafts"}
    assert CONFIRMED_CASE_CONDITIONS is retention.CONFIRMED_CASE_CONDITIONS
