"""Deleting conversation events from Rasa's real SQL tracker store (SQLite and PostgreSQL)."""
from __future__ import annotations

import asyncio
import time

import pytest
import sqlalchemy as sa
from rasa.core.tracker_store import SQLTrackerStore
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import UserUttered
from rasa.shared.core.trackers import DialogueStateTracker

from channels.tracker_events import delete_conversation, delete_events_before, engine_of, url_from_endpoints

DAY = 86400


@pytest.fixture
def tracker_store(backend):
    store = SQLTrackerStore(Domain.empty(), host=backend.url)
    yield store
    store.engine.dispose()


def _save(store: SQLTrackerStore, sender: str, *ages_in_days: float) -> None:
    now = time.time()
    events = [UserUttered(f"meddelande {i}", timestamp=now - age * DAY) for i, age in enumerate(ages_in_days)]
    asyncio.run(store.save(DialogueStateTracker.from_events(sender, events)))


def _count(backend, sender: str) -> int:
    return backend.raw(f"SELECT COUNT(*) FROM events WHERE sender_id = '{sender}'")[0][0]


def test_delete_conversation_removes_exactly_that_conversation(backend, tracker_store):
    _save(tracker_store, "web-a", 0, 0, 0)
    _save(tracker_store, "web-b", 0, 0)
    assert delete_conversation(tracker_store.engine, "web-a") == 3
    assert _count(backend, "web-a") == 0
    assert _count(backend, "web-b") == 2
    assert asyncio.run(tracker_store.retrieve("web-a")) is None


def test_delete_conversation_with_a_quote_in_the_sender_is_safe(backend, tracker_store):
    _save(tracker_store, "web-b", 0)
    assert delete_conversation(tracker_store.engine, "x' OR '1'='1") == 0
    assert _count(backend, "web-b") == 1


def test_events_before_the_cutoff_are_deleted_and_newer_ones_kept(backend, tracker_store):
    _save(tracker_store, "web-old", 40, 31)
    _save(tracker_store, "web-mixed", 35, 29, 1)
    deleted = delete_events_before(tracker_store.engine, time.time() - 30 * DAY)
    assert deleted == 3
    assert _count(backend, "web-old") == 0
    assert _count(backend, "web-mixed") == 2


def test_without_an_events_table_nothing_is_deleted(tmp_path):
    engine = sa.create_engine(f"sqlite:///{tmp_path / 'empty.sqlite3'}")
    assert delete_conversation(engine, "web-a") == 0
    assert delete_events_before(engine, time.time()) == 0


def test_engine_is_found_behind_rasas_wrappers(tracker_store):
    from rasa.core.tracker_store import AwaitableTrackerStore, FailSafeTrackerStore

    wrapped = AwaitableTrackerStore(FailSafeTrackerStore(tracker_store))
    assert engine_of(wrapped) is tracker_store.engine
    assert engine_of(object()) is None


def test_tracker_url_from_endpoint_files(tmp_path, monkeypatch):
    sqlite = tmp_path / "sqlite.yml"
    sqlite.write_text("tracker_store:\n  type: SQL\n  dialect: sqlite\n  db: var/tracker.sqlite3\n")
    assert str(url_from_endpoints(sqlite)) == "sqlite:///var/tracker.sqlite3"
    monkeypatch.setenv("SIP_TRACKER_DB_HOST", "db.example")
    monkeypatch.setenv("SIP_TRACKER_DB_NAME", "rasa")
    postgres = tmp_path / "pg.yml"
    postgres.write_text('tracker_store:\n  type: SQL\n  dialect: postgresql\n  url: "${SIP_TRACKER_DB_HOST}"\n'
                        '  db: "${SIP_TRACKER_DB_NAME}"\n  username: sip\n')
    url = url_from_endpoints(postgres)
    assert (url.drivername, url.host, url.database, url.username) == ("postgresql", "db.example", "rasa", "sip")
    memory = tmp_path / "memory.yml"
    memory.write_text("action_endpoint:\n  url: http://x\n")
    assert url_from_endpoints(memory) is None
